/**
 * Cross-section invariants on random small datasets from the generator and random filters: whatever
 * the data, the sections of one batch must agree with each other and with the spec's shapes.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  BatchedAnalyticsResponse,
  type AnalyticsFilters,
  type BatchedAnalyticsResponseInput,
} from '../../../src/core/api/schemas';
import { aggregateBatch, sectionLimits } from '../../simulator/aggregate';
import { resolveFilters } from '../../simulator/filters';
import { generateDataset } from '../../simulator/generator';
import { isTerminal, type Dataset, type ValidFilters } from '../../simulator/model';
import { bucketStart } from '../../simulator/time';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 26, 9, 17);

const datasetArb = fc.record({
  seed: fc.integer({ min: 0, max: 0x7fffffff }),
  workflows: fc.integer({ min: 1, max: 8 }),
  days: fc.integer({ min: 1, max: 20 }),
  executions: fc.integer({ min: 0, max: 400 }),
});

const filterArb = fc.record({
  granularity: fc.constantFrom('hour' as const, 'day' as const, 'week' as const, 'month' as const),
  /** Days before now; the end is never before the start. */
  startBack: fc.option(fc.double({ min: 0, max: 45, noNaN: true }), { nil: undefined }),
  endBack: fc.option(fc.double({ min: 0, max: 45, noNaN: true }), { nil: undefined }),
  plainDates: fc.boolean(),
  workflow: fc.integer({ min: -2, max: 9 }),
  triggered_by: fc.constantFrom(null, 'manual' as const, 'endpoint' as const, 'scheduled' as const),
  status: fc.constantFrom(
    null,
    null,
    'completed' as const,
    'failed' as const,
    'cancelled' as const,
    'running' as const,
    'pending' as const,
  ),
});

type FilterInput = typeof filterArb extends fc.Arbitrary<infer T> ? T : never;

function toBody(d: Dataset, f: FilterInput): AnalyticsFilters {
  const date = (back: number) => {
    const iso = new Date(NOW - back * DAY).toISOString();
    return f.plainDates ? iso.slice(0, 10) : iso;
  };
  let [startBack, endBack] = [f.startBack, f.endBack];
  if (startBack !== undefined && endBack !== undefined && startBack < endBack)
    [startBack, endBack] = [endBack, startBack];
  const names = d.workflows.map((w) => w.name);
  return {
    granularity: f.granularity,
    ...(startBack === undefined ? {} : { start_date: date(startBack) }),
    ...(endBack === undefined ? {} : { end_date: date(endBack) }),
    workflow_name: f.workflow < 0 ? null : (names[f.workflow] ?? 'No Such Workflow'),
    triggered_by: f.triggered_by,
    status: f.status,
  };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function checkInvariants(
  d: Dataset,
  filters: ValidFilters,
  b: BatchedAnalyticsResponseInput,
  limited: BatchedAnalyticsResponseInput,
): void {
  assert.equal(BatchedAnalyticsResponse.safeParse(b).success, true, 'valid per our schemas');
  assert.equal(BatchedAnalyticsResponse.safeParse(limited).success, true);
  const s = b.summary;
  const series = b.executions_over_time.data;
  const total = (p: (typeof series)[number]) => p.total ?? 0;

  // A naive scan of the raw data (no slicing, no buckets) agrees with the summary.
  const matching = d.executions.filter(
    (e) =>
      e.started_at_ms >= filters.startMs &&
      e.started_at_ms <= filters.endMs &&
      (filters.workflow_name === null || e.workflow_name === filters.workflow_name) &&
      (filters.triggered_by === null || e.triggered_by === filters.triggered_by) &&
      (filters.status === null || e.status === filters.status),
  );
  assert.equal(s.total_executions, matching.filter((e) => isTerminal(e.status)).length);
  assert.equal(sum(series.map(total)), matching.length);

  // Series ↔ summary ↔ failure sections.
  assert.equal(sum(series.map((p) => total(p) - (p.running ?? 0) - (p.pending ?? 0))), s.total_executions);
  assert.equal(sum(series.map((p) => p.completed ?? 0)), s.completed);
  const failed = sum(series.map((p) => p.failed ?? 0));
  assert.equal(failed, s.total_failures);
  assert.equal(b.failure_breakdown.total_failures, s.total_failures);
  assert.equal(b.recent_failures.total, s.total_failures);
  assert.equal(b.recent_failures.data.length, s.total_failures);
  assert.equal(sum(b.failure_breakdown.data.map((c) => c.count)), s.total_failures);
  assert.equal(sum(b.top_automations.data.map((t) => t.failures)), s.total_failures);
  assert.equal(sum(b.top_automations.data.map((t) => t.executions)), s.total_executions);
  assert.equal(sum(b.top_automations.data.map((t) => t.completed)), s.completed);
  assert.equal(sum(b.trigger_distribution.data.map((t) => t.count)), sum(series.map(total)));
  assert.equal(sum(b.success_rate.data.map((p) => p.total ?? 0)), s.total_executions);

  // Rates agree with their counts (2 dp).
  const rateOk = (rate: number | undefined, completed: number, of: number) =>
    assert.ok(
      Math.abs((rate ?? 0) - (of > 0 ? (completed / of) * 100 : 0)) <= 0.005 + 1e-9,
      `${rate} vs ${completed}/${of}`,
    );
  rateOk(s.success_rate, s.completed ?? 0, s.total_executions ?? 0);
  for (const p of b.success_rate.data) rateOk(p.success_rate, p.completed ?? 0, p.total ?? 0);
  for (const t of b.top_automations.data) rateOk(t.success_rate, t.completed, t.executions);
  for (const e of b.endpoint_usage.data) rateOk(e.success_rate, e.success_count, e.invocations);

  // Duration distribution.
  const stats = b.duration_distribution.stats;
  const histogram = b.duration_distribution.histogram ?? [];
  assert.equal(sum(histogram.map((h) => h.count)), stats.total ?? 0);
  const order = [stats.min_ms, stats.p50_ms, stats.p75_ms, stats.p90_ms, stats.p95_ms, stats.p99_ms, stats.max_ms].map(
    (v) => v ?? 0,
  );
  for (let i = 1; i < order.length; i++)
    assert.ok((order[i - 1] ?? 0) <= (order[i] ?? 0), `percentiles monotone: ${order.join(',')}`);
  histogram.forEach((h, i) => {
    assert.equal(h.bucket_end_ms - h.bucket_start_ms, 5000);
    if (i > 0) assert.equal(h.bucket_start_ms, histogram[i - 1]?.bucket_end_ms);
  });
  if (histogram.length > 0) {
    assert.ok(
      (histogram[0]?.bucket_start_ms ?? 0) <= (stats.min_ms ?? 0) &&
        (stats.max_ms ?? 0) < (histogram.at(-1)?.bucket_end_ms ?? 0),
    );
    assert.ok((histogram[0]?.count ?? 0) > 0 && (histogram.at(-1)?.count ?? 0) > 0);
  }

  // Buckets: strictly increasing, aligned, the same grid in both series.
  const times = series.map((p) => Date.parse(p.time));
  for (let i = 0; i < times.length; i++) {
    assert.equal(bucketStart(times[i] ?? NaN, filters.granularity), times[i], 'aligned');
    if (i > 0) assert.ok((times[i] ?? 0) > (times[i - 1] ?? 0));
  }
  assert.deepEqual(
    b.success_rate.data.map((p) => p.time),
    series.map((p) => p.time),
  );
  assert.ok((times[0] ?? NaN) <= filters.startMs && (times.at(-1) ?? NaN) <= filters.endMs);

  // Recent failures newest first; limited lists are prefixes of the complete ones.
  const starts = b.recent_failures.data.map((f) => Date.parse(f.started_at));
  for (let i = 1; i < starts.length; i++) assert.ok((starts[i - 1] ?? 0) >= (starts[i] ?? 0));
  for (const [key, max] of Object.entries(sectionLimits)) {
    const full = (b[key as keyof typeof sectionLimits] as { data: unknown[] }).data;
    const part = (limited[key as keyof typeof sectionLimits] as { data: unknown[] }).data;
    assert.deepEqual(part, full.slice(0, max), key);
  }
  assert.deepEqual(b.workflows, d.workflows.map((w) => w.name).sort());
}

describe('simulator aggregation: cross-section invariants (fast-check)', function () {
  this.timeout(20_000);

  it('hold for random generated datasets and random filters', () => {
    fc.assert(
      fc.property(datasetArb, filterArb, (opts, f) => {
        const d = generateDataset({ ...opts, now: NOW });
        const filters = resolveFilters(toBody(d, f), NOW);
        const b = aggregateBatch(d, filters, { now: NOW, liftLimits: true });
        const limited = aggregateBatch(d, filters, { now: NOW, liftLimits: false });
        checkInvariants(d, filters, b, limited);
      }),
      { numRuns: 80 },
    );
  });

  it('are deterministic: the same inputs give the same batch', () => {
    fc.assert(
      fc.property(datasetArb, filterArb, (opts, f) => {
        const d = generateDataset({ ...opts, now: NOW });
        const filters = resolveFilters(toBody(d, f), NOW);
        assert.deepEqual(
          aggregateBatch(d, filters, { now: NOW, liftLimits: false }),
          aggregateBatch(generateDataset({ ...opts, now: NOW }), filters, { now: NOW, liftLimits: false }),
        );
      }),
      { numRuns: 15 },
    );
  });
});
