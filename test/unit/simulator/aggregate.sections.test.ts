/**
 * Every batch section on a hand-built dataset whose figures are worked out by hand in the comments.
 */
import assert from 'node:assert/strict';
import { aggregateBatch } from '../../simulator/aggregate';
import { resolveFilters } from '../../simulator/filters';
import { hand, NOW } from '../../simulator/fixtureData';

const now = Date.parse(NOW);

describe('simulator aggregation: every section on a hand-built dataset (default filters)', () => {
  const batch = aggregateBatch(hand, resolveFilters({}, now), { now, liftLimits: false });

  it('summary counts terminal runs only and active_today covers the 24 h up to now, inclusive', () => {
    // In range: e01–e10, e12. Terminal: 4 completed (e01 e05 e06 e08), 4 failed, 1 cancelled = 9.
    // Durations 2000+6000+12000+500+1000+3000+7000+4000+8000 = 43500 / 9 = 4833.33.
    // Last 24 h [11-25 12:00, 11-26 12:00]: e05 (exactly at the start), e06, e07, e09, e10.
    assert.deepEqual(batch.summary, {
      total_executions: 9,
      completed: 4,
      total_failures: 4,
      success_rate: 44.44,
      avg_duration_ms: 4833.3,
      active_today: 5,
      total_tokens: 150,
    });
  });

  it('executions_over_time has one point per UTC day, empty days as zeros', () => {
    const series = batch.executions_over_time;
    assert.equal(series.granularity, 'day');
    // 2026-10-27 (day of now − 30 d) to 2026-11-26: 31 days.
    assert.equal(series.data.length, 31);
    assert.equal(series.data[0]?.time, '2026-10-27T00:00:00Z');
    assert.equal(series.data.at(-1)?.time, '2026-11-26T00:00:00Z');
    const byDay = new Map(series.data.map((p) => [p.time.slice(0, 10), p]));
    assert.deepEqual(byDay.get('2026-11-20'), {
      time: '2026-11-20T00:00:00Z',
      total: 1,
      completed: 1,
      failed: 0,
      running: 0,
      pending: 0,
    });
    assert.deepEqual(byDay.get('2026-11-24'), {
      time: '2026-11-24T00:00:00Z',
      total: 2,
      completed: 1,
      failed: 1,
      running: 0,
      pending: 0,
    });
    // e03 e04 e05 e06 e12: the cancelled e04 is in total only.
    assert.deepEqual(byDay.get('2026-11-25'), {
      time: '2026-11-25T00:00:00Z',
      total: 5,
      completed: 2,
      failed: 2,
      running: 0,
      pending: 0,
    });
    assert.deepEqual(byDay.get('2026-11-26'), {
      time: '2026-11-26T00:00:00Z',
      total: 3,
      completed: 0,
      failed: 1,
      running: 1,
      pending: 1,
    });
    assert.deepEqual(byDay.get('2026-11-01'), {
      time: '2026-11-01T00:00:00Z',
      total: 0,
      completed: 0,
      failed: 0,
      running: 0,
      pending: 0,
    });
  });

  it('success_rate per day counts terminal runs and is 0 where there are none', () => {
    const byDay = new Map(batch.success_rate.data.map((p) => [p.time.slice(0, 10), p]));
    assert.equal(batch.success_rate.data.length, 31);
    assert.deepEqual(byDay.get('2026-11-25'), {
      time: '2026-11-25T00:00:00Z',
      total: 5,
      completed: 2,
      success_rate: 40,
    });
    assert.deepEqual(byDay.get('2026-11-26'), {
      time: '2026-11-26T00:00:00Z',
      total: 1,
      completed: 0,
      success_rate: 0,
    });
    assert.deepEqual(byDay.get('2026-11-02'), {
      time: '2026-11-02T00:00:00Z',
      total: 0,
      completed: 0,
      success_rate: 0,
    });
  });

  it('failure_breakdown groups failed runs by category, count desc then name', () => {
    assert.deepEqual(batch.failure_breakdown, {
      data: [
        { category: 'element_not_found', count: 2, sample_messages: ['Element not found: Submit'] },
        { category: 'connection_lost', count: 1, sample_messages: ['Lost'] },
        { category: 'timeout', count: 1, sample_messages: [] },
      ],
      total_failures: 4,
    });
  });

  it('trigger_distribution counts runs of every status', () => {
    // manual: e01 e03 e04 e12 e09 e10; endpoint: e05–e08; scheduled: e02.
    assert.deepEqual(batch.trigger_distribution.data, [
      { trigger_type: 'manual', count: 6 },
      { trigger_type: 'endpoint', count: 4 },
      { trigger_type: 'scheduled', count: 1 },
    ]);
  });

  it('top_automations lists workflows with terminal runs, by executions', () => {
    assert.equal(batch.top_automations.sort_by, 'executions');
    assert.deepEqual(batch.top_automations.data, [
      // e01 e02 e03 e04 e12: (2000+6000+12000+500+8000)/5 = 5700.
      {
        workflow_name: 'Alpha',
        executions: 5,
        completed: 1,
        failures: 3,
        success_rate: 20,
        avg_duration_ms: 5700,
        last_execution: '2026-11-25T11:30:00.000Z',
      },
      // e05 e06 e07 e08: (1000+3000+7000+4000)/4 = 3750.
      {
        workflow_name: 'Beta',
        executions: 4,
        completed: 3,
        failures: 1,
        success_rate: 75,
        avg_duration_ms: 3750,
        last_execution: '2026-11-26T08:00:00.000Z',
      },
    ]);
  });

  it('duration_distribution: stats with interpolated percentiles and 5 s histogram buckets', () => {
    // Sorted: 500 1000 2000 3000 4000 6000 7000 8000 12000 (n = 9, rank = p × 8).
    assert.deepEqual(batch.duration_distribution.stats, {
      total: 9,
      avg_ms: 4833.3,
      min_ms: 500,
      max_ms: 12000,
      p50_ms: 4000,
      p75_ms: 7000,
      p90_ms: 8800,
      p95_ms: 10400,
      p99_ms: 11680,
    });
    assert.deepEqual(batch.duration_distribution.histogram, [
      { bucket_start_ms: 0, bucket_end_ms: 5000, count: 5 },
      { bucket_start_ms: 5000, bucket_end_ms: 10000, count: 3 },
      { bucket_start_ms: 10000, bucket_end_ms: 15000, count: 1 },
    ]);
  });

  it('recent_failures: newest first, with the run details', () => {
    const r = batch.recent_failures;
    assert.deepEqual([r.total, r.limit, r.offset], [4, 20, 0]);
    assert.deepEqual(
      r.data.map((f) => f.execution_id),
      ['e07', 'e12', 'e03', 'e02'],
    );
    assert.deepEqual(r.data[0], {
      execution_id: 'e07',
      run_id: 'run_0001',
      workflow_name: 'Beta',
      error_category: 'timeout',
      error_message: null,
      triggered_by: 'endpoint',
      started_at: '2026-11-26T08:00:00.000Z',
      duration_ms: 7000,
    });
  });

  it('actions_per_workflow sums the actions of terminal runs', () => {
    assert.deepEqual(batch.actions_per_workflow.data, [
      { workflow_name: 'Alpha', clicks: 7, keystrokes: 10, scrolls: 1, screenshots: 7, total_steps: 17 },
      { workflow_name: 'Beta', clicks: 1, keystrokes: 0, scrolls: 0, screenshots: 0, total_steps: 14 },
    ]);
  });

  it('workflow_complexity: steps + 2 × parameters + mean iterations', () => {
    assert.deepEqual(batch.workflow_complexity.data, [
      // 10 + 2 × 2 + (2+1+1+0+0)/5 = 14.8
      {
        workflow_name: 'Alpha',
        complexity_score: 14.8,
        total_steps: 10,
        total_iterations: 4,
        parameters_count: 2,
        success_rate: 20,
        avg_duration_ms: 5700,
      },
      // 4 + 0 + (3+3+1+3)/4 = 6.5
      {
        workflow_name: 'Beta',
        complexity_score: 6.5,
        total_steps: 4,
        total_iterations: 10,
        parameters_count: 0,
        success_rate: 75,
        avg_duration_ms: 3750,
      },
    ]);
  });

  it('endpoint_usage groups endpoint runs by slug and method', () => {
    assert.deepEqual(batch.endpoint_usage.data, [
      // 1000 3000 7000: mean 3666.67; p95 rank 1.9 → 3000 + 0.9 × 4000 = 6600.
      {
        endpoint_slug: 'beta-hook',
        http_method: 'POST',
        invocations: 3,
        success_count: 2,
        success_rate: 66.67,
        avg_response_time_ms: 3666.7,
        p95_response_time_ms: 6600,
      },
      {
        endpoint_slug: 'beta-hook',
        http_method: 'GET',
        invocations: 1,
        success_count: 1,
        success_rate: 100,
        avg_response_time_ms: 4000,
        p95_response_time_ms: 4000,
      },
    ]);
  });

  it('workflows is the full sorted list, runs or not', () => {
    assert.deepEqual(batch.workflows, ['Alpha', 'Beta', 'Delta', 'Gamma']);
  });
});
