/**
 * The generator: deterministic, realistic enough for a dashboard worth looking at, and a large
 * dataset big enough for the performance work, generated and aggregated quickly.
 */
import assert from 'node:assert/strict';
import { BatchedAnalyticsResponse } from '../../../src/core/api/schemas';
import { aggregateBatch } from '../../simulator/aggregate';
import { resolveFilters } from '../../simulator/filters';
import { defaultDatasetOptions, generateDataset, largeDatasetOptions } from '../../simulator/generator';
import { isTerminal, type Dataset } from '../../simulator/model';

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 26, 12, 34, 56, 789);

describe('simulator generator: determinism', () => {
  const small = { workflows: 6, days: 10, executions: 1500, now };

  it('same options → identical dataset; now is floored to the minute', () => {
    const a = generateDataset({ seed: 3, ...small });
    const b = generateDataset({ seed: 3, ...small, now: now + 2_000 }); // same minute
    assert.equal(a.now, Date.UTC(2026, 10, 26, 12, 34));
    assert.deepEqual(a.executions, b.executions);
    assert.deepEqual(a.workflows, b.workflows);
    assert.equal(a.orgId, b.orgId);
  });

  it('a different seed → a different dataset', () => {
    const a = generateDataset({ seed: 3, ...small });
    const c = generateDataset({ seed: 4, ...small });
    assert.notDeepEqual(
      a.executions.map((e) => e.execution_id),
      c.executions.map((e) => e.execution_id),
    );
    assert.notDeepEqual(
      a.workflows.map((w) => w.name),
      c.workflows.map((w) => w.name),
    );
  });

  it('exactly the requested number of executions, sorted, unique ids, all within the period', () => {
    const d = generateDataset({ seed: 9, ...small });
    assert.equal(d.executions.length, 1500);
    assert.equal(d.byId.size, 1500);
    for (let i = 1; i < d.executions.length; i++) {
      assert.ok((d.executions[i - 1]?.started_at_ms ?? 0) <= (d.executions[i]?.started_at_ms ?? 0));
    }
    assert.ok(d.executions.every((e) => e.started_at_ms <= d.now && e.started_at_ms >= d.now - 10 * DAY));
    assert.equal(generateDataset({ seed: 9, ...small, executions: 0 }).executions.length, 0);
  });
});

describe('simulator generator: the default dataset tells a story', () => {
  let d: Dataset;
  before(() => {
    d = generateDataset({ seed: 42, now, ...defaultDatasetOptions });
  });

  it('24 distinct realistic names, stable run ids, unique execution ids', () => {
    assert.equal(d.workflows.length, 24);
    assert.equal(new Set(d.workflows.map((w) => w.name)).size, 24);
    assert.ok(
      d.workflows.every((w) => /^[A-Z][A-Za-z-]+( [A-Za-z&-]+)+$/.test(w.name)),
      'words, capitalised',
    );
    assert.ok(d.workflows.every((w) => /^run_[0-9a-f]{12}$/.test(w.run_id)));
    assert.equal(d.executions.length, 20_000);
    assert.ok(
      d.executions.every(
        (e) => /^exec_[0-9a-f]{16}$/.test(e.execution_id) && e.run_id === d.workflows[e.workflow]?.run_id,
      ),
    );
  });

  it('success rates: one workflow under 80 %, one between 80 and 95 %, the rest above 95 %', () => {
    const rates = aggregateBatch(d, resolveFilters({}, now), { now, liftLimits: true }).top_automations.data.map(
      (t) => t.success_rate,
    );
    assert.equal(rates.length, 24);
    assert.equal(rates.filter((r) => r < 80).length, 1, JSON.stringify(rates));
    assert.equal(rates.filter((r) => r >= 80 && r <= 95).length, 1, JSON.stringify(rates));
  });

  it('one workflow has no runs in the last 7 days but ran before', () => {
    const lastRun = new Map<string, number>();
    for (const e of d.executions)
      lastRun.set(e.workflow_name, Math.max(lastRun.get(e.workflow_name) ?? 0, e.started_at_ms));
    const quiet = [...lastRun.entries()].filter(([, t]) => t < d.now - 7 * DAY);
    assert.equal(quiet.length, 1);
    assert.equal(lastRun.size, 24, 'every workflow has runs');
  });

  it('all three triggers, at least four endpoints, at least five failure categories', () => {
    const b = aggregateBatch(d, resolveFilters({}, now), { now, liftLimits: true });
    assert.deepEqual(b.trigger_distribution.data.map((t) => t.trigger_type).sort(), [
      'endpoint',
      'manual',
      'scheduled',
    ]);
    assert.ok(b.endpoint_usage.data.length >= 4, `${b.endpoint_usage.data.length} endpoints`);
    assert.ok(b.failure_breakdown.data.length >= 5);
    assert.ok(
      b.failure_breakdown.data.every((c) => /^[a-z]+(_[a-z]+)*$/.test(c.category)),
      'snake_case',
    );
    const methods = new Set(d.executions.filter((e) => e.triggered_by === 'endpoint').map((e) => e.http_method));
    assert.ok(methods.has('POST'));
    assert.ok(d.executions.every((e) => (e.triggered_by === 'endpoint') === (e.endpoint_slug !== null)));
  });

  it('live statuses only in the last hour, without a duration; terminal runs have one', () => {
    const live = d.executions.filter((e) => e.status === 'running' || e.status === 'pending');
    assert.ok(live.some((e) => e.status === 'running') && live.some((e) => e.status === 'pending'));
    assert.ok(live.every((e) => e.started_at_ms >= d.now - 3_600_000 && e.duration_ms === null));
    assert.ok(
      d.executions.filter((e) => isTerminal(e.status)).every((e) => e.duration_ms !== null && e.duration_ms > 0),
    );
    assert.ok(d.executions.some((e) => e.status === 'cancelled'));
  });

  it('realistic content: multi-line messages, agent tokens, durations from seconds to minutes', () => {
    const failed = d.executions.filter((e) => e.status === 'failed');
    assert.ok(
      failed.some((e) => (e.error_message ?? '').includes('\n')),
      'a stack trace',
    );
    assert.ok(
      failed.some((e) => e.error_message === null),
      'an unknown failure without a message',
    );
    const tokens = d.workflows.map((w) =>
      d.executions.filter((e) => e.workflow_name === w.name).reduce((s, e) => s + e.tokens, 0),
    );
    assert.ok(tokens.some((t) => t > 0) && tokens.some((t) => t === 0));
    const durations = d.executions
      .flatMap((e) => (e.duration_ms === null ? [] : [e.duration_ms]))
      .sort((a, b) => a - b);
    assert.ok((durations[Math.floor(durations.length * 0.1)] ?? 0) < 30_000);
    assert.ok((durations[Math.floor(durations.length * 0.9)] ?? 0) > 60_000);
  });

  it('weekdays and office hours are busier than weekends and nights', () => {
    const perWeekday = new Array<number>(7).fill(0);
    const perHour = new Array<number>(24).fill(0);
    for (const e of d.executions) {
      const t = new Date(e.started_at_ms);
      perWeekday[t.getUTCDay()]! += 1;
      perHour[t.getUTCHours()]! += 1;
    }
    assert.ok((perWeekday[2] ?? 0) > 1.5 * (perWeekday[0] ?? 0));
    assert.ok((perHour[10] ?? 0) > 2 * (perHour[3] ?? 0));
  });
});

describe('simulator generator: the large dataset', function () {
  this.timeout(20_000);

  it('2,000 workflows over 90 days, ≥ 10,000 failures, ≥ 500 endpoints; generated and aggregated fast', () => {
    let t = performance.now();
    const d = generateDataset({ seed: 42, now, ...largeDatasetOptions });
    const generationMs = performance.now() - t;
    assert.equal(d.workflows.length, 2_000);
    assert.equal(d.executions.length, largeDatasetOptions.executions);
    assert.ok(generationMs < 8_000, `generation took ${generationMs.toFixed(0)} ms`);

    // 90 full days (plain dates: the end day is inclusive) at hourly granularity: 2,160 points.
    const start = new Date(d.now - 90 * DAY).toISOString().slice(0, 10);
    const end = new Date(d.now - DAY).toISOString().slice(0, 10);
    const filters = resolveFilters({ start_date: start, end_date: end, granularity: 'hour' }, now);
    t = performance.now();
    const b = aggregateBatch(d, filters, { now, liftLimits: true });
    const aggregationMs = performance.now() - t;
    assert.equal(b.executions_over_time.data.length, 2_160);
    assert.ok((b.summary.total_failures ?? 0) >= 10_000, `${b.summary.total_failures} failures`);
    assert.ok(b.endpoint_usage.data.length >= 500, `${b.endpoint_usage.data.length} endpoints`);
    const buckets = b.duration_distribution.histogram?.length ?? 0;
    assert.ok(buckets >= 150 && buckets <= 260, `${buckets} histogram buckets`);
    assert.ok(aggregationMs < 1_000, `aggregation took ${aggregationMs.toFixed(0)} ms`);
    assert.equal(BatchedAnalyticsResponse.safeParse(b).success, true);
  });
});
