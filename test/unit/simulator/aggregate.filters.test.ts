/**
 * Every filter, granularity and limit on hand-built datasets; expected figures worked out by hand.
 */
import assert from 'node:assert/strict';
import type { AnalyticsFilters } from '../../../src/core/api/schemas';
import { aggregateBatch, sectionLimits } from '../../simulator/aggregate';
import { resolveFilters } from '../../simulator/filters';
import { hand, NOW } from '../../simulator/fixtureData';
import { handDataset, type RunSpec } from '../../simulator/fixtures';
import type { Dataset } from '../../simulator/model';

const now = Date.parse(NOW);
const run = (filters: AnalyticsFilters, dataset: Dataset = hand, liftLimits = false) =>
  aggregateBatch(dataset, resolveFilters(filters, now), { now, liftLimits });
const seriesOf = (b: ReturnType<typeof run>) => b.executions_over_time.data.map((p) => [p.time, p.total]);

describe('simulator aggregation: filters', () => {
  it('workflow_name narrows every section except workflows', () => {
    const b = run({ workflow_name: 'Beta' });
    assert.deepEqual(
      [b.summary.total_executions, b.summary.completed, b.summary.total_failures, b.summary.success_rate],
      [4, 3, 1, 75],
    );
    assert.equal(b.summary.active_today, 3); // e05 e06 e07
    assert.deepEqual(
      b.top_automations.data.map((t) => t.workflow_name),
      ['Beta'],
    );
    assert.deepEqual(b.trigger_distribution.data, [{ trigger_type: 'endpoint', count: 4 }]);
    assert.deepEqual(b.workflows, ['Alpha', 'Beta', 'Delta', 'Gamma']);
    assert.equal(run({ workflow_name: 'beta' }).summary.total_executions, 0, 'exact match, case-sensitive');
  });

  it('triggered_by narrows to one trigger', () => {
    const b = run({ triggered_by: 'scheduled' });
    assert.deepEqual([b.summary.total_executions, b.summary.total_failures, b.summary.success_rate], [1, 1, 0]);
    assert.deepEqual(
      b.recent_failures.data.map((f) => f.execution_id),
      ['e02'],
    );
    assert.deepEqual(b.endpoint_usage.data, []);
  });

  it('status=failed keeps failed runs only (success rate 0), active_today included', () => {
    const b = run({ status: 'failed' });
    assert.deepEqual(
      [b.summary.total_executions, b.summary.completed, b.summary.total_failures, b.summary.success_rate],
      [4, 0, 4, 0],
    );
    assert.equal(b.summary.active_today, 1); // e07
    assert.deepEqual(b.trigger_distribution.data, [
      { trigger_type: 'manual', count: 2 },
      { trigger_type: 'endpoint', count: 1 },
      { trigger_type: 'scheduled', count: 1 },
    ]);
  });

  it('status=running: in the series, not in terminal figures', () => {
    const b = run({ status: 'running' });
    assert.equal(b.summary.total_executions, 0);
    assert.equal(b.summary.avg_duration_ms, 0);
    const last = b.executions_over_time.data.at(-1);
    assert.deepEqual([last?.total, last?.running], [1, 1]);
    assert.deepEqual(b.duration_distribution, {
      stats: { total: 0, avg_ms: 0, min_ms: 0, max_ms: 0, p50_ms: 0, p75_ms: 0, p90_ms: 0, p95_ms: 0, p99_ms: 0 },
      histogram: [],
    });
    assert.deepEqual(b.top_automations.data, []);
  });

  it('plain dates: the start is 00:00 UTC, the end covers its whole day', () => {
    const b = run({ start_date: '2026-11-25', end_date: '2026-11-25' });
    // e03 e04 e05 e06 e12 (e05 at 12:00, e06 at 13:00 are inside the end day).
    assert.deepEqual(seriesOf(b), [['2026-11-25T00:00:00Z', 5]]);
    assert.deepEqual([b.summary.total_executions, b.summary.completed, b.summary.total_failures], [5, 2, 2]);
  });

  it('date-time bounds are inclusive; a missing start is 30 days before the end', () => {
    // End exactly at e05's start: e05 is in. Start = 2026-10-26T12:00Z, so e11 (10-01) is out.
    const b = run({ end_date: '2026-11-25T12:00:00Z' });
    assert.deepEqual([b.summary.total_executions, b.summary.completed], [7, 3]);
    assert.equal(b.executions_over_time.data[0]?.time, '2026-10-26T00:00:00Z');
    const c = run({ start_date: '2026-11-25T12:00:00Z', end_date: '2026-11-25T12:59:59.999Z' });
    assert.deepEqual([c.summary.total_executions, c.summary.completed], [1, 1]); // e05 alone
  });

  it('time zones in the bounds are honoured (+02:00 is two hours earlier in UTC)', () => {
    // 14:00+02:00 = 12:00Z: e05 onwards on 11-25, up to 13:00Z (15:00+02:00).
    const b = run({
      start_date: '2026-11-25T14:00:00+02:00',
      end_date: '2026-11-25T15:00:00+02:00',
      granularity: 'hour',
    });
    assert.deepEqual(seriesOf(b), [
      ['2026-11-25T12:00:00Z', 1],
      ['2026-11-25T13:00:00Z', 1],
    ]);
  });

  it('a range with no runs: zero buckets, empty lists, full workflow list', () => {
    const b = run({ start_date: '2020-01-01', end_date: '2020-01-31' });
    assert.equal(b.executions_over_time.data.length, 31);
    assert.ok(b.executions_over_time.data.every((p) => p.total === 0));
    assert.ok(b.success_rate.data.every((p) => p.total === 0 && p.success_rate === 0));
    assert.deepEqual(b.summary, {
      total_executions: 0,
      completed: 0,
      total_failures: 0,
      success_rate: 0,
      avg_duration_ms: 0,
      active_today: 5,
      total_tokens: 0,
    });
    assert.deepEqual([b.failure_breakdown.data, b.failure_breakdown.total_failures], [[], 0]);
    assert.deepEqual([b.recent_failures.data, b.recent_failures.total], [[], 0]);
    assert.deepEqual(
      [b.top_automations.data, b.actions_per_workflow.data, b.workflow_complexity.data, b.endpoint_usage.data],
      [[], [], [], []],
    );
    assert.deepEqual(b.duration_distribution.histogram, []);
    assert.equal(b.workflows.length, 4);
  });

  it('a single long run: a one-bucket histogram at its duration', () => {
    const b = run({ start_date: '2026-09-30', end_date: '2026-10-02' }); // e11 only, 999,999 ms
    assert.deepEqual(b.duration_distribution.histogram, [
      { bucket_start_ms: 995_000, bucket_end_ms: 1_000_000, count: 1 },
    ]);
    assert.equal(b.duration_distribution.stats.p99_ms, 999_999);
  });
});

describe('simulator aggregation: granularities', () => {
  it('hour: buckets from the start hour to the end hour', () => {
    const b = run({ start_date: '2026-11-25T09:30:00Z', end_date: '2026-11-25T13:10:00Z', granularity: 'hour' });
    assert.equal(b.executions_over_time.granularity, 'hour');
    assert.deepEqual(seriesOf(b), [
      ['2026-11-25T09:00:00Z', 0],
      ['2026-11-25T10:00:00Z', 1],
      ['2026-11-25T11:00:00Z', 2],
      ['2026-11-25T12:00:00Z', 1],
      ['2026-11-25T13:00:00Z', 1],
    ]);
  });

  it('week: ISO weeks starting Monday 00:00 UTC, even when the range starts on a Sunday', () => {
    const b = run({ start_date: '2026-11-22T00:00:00Z', end_date: '2026-11-26', granularity: 'week' });
    // Sunday 11-22 belongs to the week of Monday 11-16; e08 (Friday 11-20) is before the start.
    assert.deepEqual(seriesOf(b), [
      ['2026-11-16T00:00:00Z', 0],
      ['2026-11-23T00:00:00Z', 10],
    ]);
    const last = b.executions_over_time.data[1];
    assert.deepEqual([last?.completed, last?.failed, last?.running, last?.pending], [3, 4, 1, 1]);
    const wide = run({ start_date: '2026-11-16', end_date: '2026-11-26', granularity: 'week' });
    assert.deepEqual(seriesOf(wide), [
      ['2026-11-16T00:00:00Z', 1],
      ['2026-11-23T00:00:00Z', 10],
    ]);
  });

  it('month: calendar months, runs at the edges land in the right month (leap February too)', () => {
    const runs: RunSpec[] = [
      { wf: 'M', at: '2028-01-31T23:59:59.999Z' },
      { wf: 'M', at: '2028-02-01T00:00:00Z' },
      { wf: 'M', at: '2028-02-29T23:00:00Z' },
      { wf: 'M', at: '2028-03-01T00:00:00Z' },
      { wf: 'M', at: '2028-03-31T23:59:59Z' },
    ];
    const ds = handDataset([{ name: 'M' }], runs, '2028-04-02T00:00:00Z');
    const b = aggregateBatch(
      ds,
      resolveFilters({ start_date: '2028-01-15', end_date: '2028-03-31', granularity: 'month' }, now),
      { now, liftLimits: false },
    );
    assert.deepEqual(seriesOf(b), [
      ['2028-01-01T00:00:00Z', 1],
      ['2028-02-01T00:00:00Z', 2],
      ['2028-03-01T00:00:00Z', 2],
    ]);
    assert.deepEqual(
      b.success_rate.data.map((p) => p.success_rate),
      [100, 100, 100],
    );
  });

  it('month across a year boundary', () => {
    const b = run({ start_date: '2025-12-10', end_date: '2026-02-01', granularity: 'month' });
    assert.deepEqual(
      b.executions_over_time.data.map((p) => p.time),
      ['2025-12-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z'],
    );
  });
});

describe('simulator aggregation: list limits', () => {
  // 12 workflows W00..W11; workflow i has i+1 failed runs in category cat_i through endpoint ep-i,
  // so each list has 12 candidates with distinct sizes (78 failures in all).
  const runs: RunSpec[] = [];
  const workflows = Array.from({ length: 12 }, (_, i) => ({ name: `W${String(i).padStart(2, '0')}` }));
  workflows.forEach((w, i) => {
    for (let k = 0; k <= i; k++) {
      runs.push({
        wf: w.name,
        at: `2026-11-${String(10 + k).padStart(2, '0')}T0${k % 10}:00:00Z`,
        status: 'failed',
        category: `cat_${String(i).padStart(2, '0')}`,
        message: `message ${k % 4}`,
        endpoint: { slug: `ep-${i}`, method: 'POST' },
        clicks: i,
      });
    }
  });
  const ds = handDataset(workflows, runs, NOW);

  it('applies Granite defaults: 10 categories, 20 recent failures, 10 automations, 10 endpoints', () => {
    const b = run({}, ds);
    assert.equal(b.failure_breakdown.data.length, sectionLimits.failure_breakdown);
    assert.equal(b.failure_breakdown.total_failures, 78);
    assert.deepEqual(
      b.failure_breakdown.data.slice(0, 2).map((c) => [c.category, c.count]),
      [
        ['cat_11', 12],
        ['cat_10', 11],
      ],
    );
    assert.deepEqual([b.recent_failures.data.length, b.recent_failures.total, b.recent_failures.limit], [20, 78, 20]);
    assert.equal(b.top_automations.data.length, 10);
    assert.equal(b.top_automations.data[0]?.workflow_name, 'W11');
    assert.equal(b.endpoint_usage.data.length, 10);
    assert.equal(b.actions_per_workflow.data.length, 10);
    assert.equal(b.workflow_complexity.data.length, 12, 'under the limit of 50');
  });

  it('lifted: every list complete, limited lists are prefixes of the complete ones', () => {
    const limited = run({}, ds);
    const b = run({}, ds, true);
    assert.equal(b.failure_breakdown.data.length, 12);
    assert.equal(
      b.failure_breakdown.data.reduce((s, c) => s + c.count, 0),
      78,
    );
    assert.deepEqual([b.recent_failures.data.length, b.recent_failures.total, b.recent_failures.limit], [78, 78, 78]);
    assert.equal(b.top_automations.data.length, 12);
    assert.equal(b.endpoint_usage.data.length, 12);
    assert.deepEqual(limited.top_automations.data, b.top_automations.data.slice(0, 10));
    assert.deepEqual(limited.recent_failures.data, b.recent_failures.data.slice(0, 20));
  });

  it('sample_messages: three distinct messages, most frequent first, ties alphabetical', () => {
    // cat_11 has 12 runs with messages k % 4: "message 0..3" three times each → alphabetical order.
    const top = run({}, ds).failure_breakdown.data[0];
    assert.deepEqual(top?.sample_messages, ['message 0', 'message 1', 'message 2']);
    // cat_05 has 6 runs: message 0 ×2, 1 ×2, 2 ×1, 3 ×1.
    const cat5 = run({}, ds).failure_breakdown.data.find((c) => c.category === 'cat_05');
    assert.deepEqual(cat5?.sample_messages, ['message 0', 'message 1', 'message 2']);
  });

  it('workflow_complexity is limited to 50', () => {
    const many = Array.from({ length: 55 }, (_, i) => ({ name: `C${String(i).padStart(2, '0')}`, steps: i }));
    const manyRuns: RunSpec[] = many.map((w) => ({ wf: w.name, at: '2026-11-20T10:00:00Z' }));
    const big = handDataset(many, manyRuns, NOW);
    const limited = run({}, big).workflow_complexity.data;
    assert.equal(limited.length, 50);
    assert.equal(limited[0]?.workflow_name, 'C54', 'most complex first');
    assert.equal(run({}, big, true).workflow_complexity.data.length, 55);
  });
});
