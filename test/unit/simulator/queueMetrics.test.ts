/**
 * `GET /api/analytics/queue-metrics` in the simulator: the generated waits follow the executions, and
 * every figure equals one computed here straight from the raw executions (own bucketing and percentile,
 * not the simulator's helpers), over real sockets; plus the query's validation and fault injection.
 */
import assert from 'node:assert/strict';
import { generateDataset } from '../../simulator/generator';
import { handDataset } from '../../simulator/fixtures';
import { aggregateQueueMetrics, parseQueueQuery, type QueueMetricsPoint as Point } from '../../simulator/queueMetrics';
import { startSimulator, type Simulator } from '../../simulator/server';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/** numpy's default percentile, written out again: rank p/100 × (n − 1), linear between neighbours. */
function interpolated(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = (p / 100) * (sorted.length - 1);
  const below = sorted[Math.floor(rank)]!;
  const above = sorted[Math.ceil(rank)]!;
  return below + (above - below) * (rank - Math.floor(rank));
}
const oneDp = (x: number) => Math.round(x * 10) / 10;

/** The expected answer for whole UTC hours or days, from the raw executions. */
function expected(sim: Simulator, startMs: number, endMs: number, stepMs: number): Point[] {
  const points: Point[] = [];
  for (let t = Math.floor(startMs / stepMs) * stepMs; t <= endMs; t += stepMs) {
    const waits = sim.dataset.executions
      .filter(
        (e) => e.started_at_ms >= Math.max(t, startMs) && e.started_at_ms < t + stepMs && e.started_at_ms <= endMs,
      )
      .filter((e) => e.status !== 'pending')
      .map((e) => e.queue_wait_ms!)
      .sort((a, b) => a - b);
    points.push({
      time: new Date(t).toISOString().replace('.000Z', 'Z'),
      total_queued: waits.length,
      avg_wait_ms: waits.length ? oneDp(waits.reduce((a, b) => a + b, 0) / waits.length) : 0,
      p50_wait_ms: oneDp(interpolated(waits, 50)),
      p95_wait_ms: oneDp(interpolated(waits, 95)),
      max_wait_ms: waits.length ? waits[waits.length - 1]! : 0,
    });
  }
  return points;
}

describe('simulator: queue metrics', function () {
  let sim: Simulator;
  const clock = Date.UTC(2026, 10, 26, 12, 34, 0);
  const get = async (query: string, key = sim.apiKey) => {
    const response = await fetch(`${sim.url}/api/analytics/queue-metrics${query}`, {
      headers: { 'X-Granite-API-Key': key },
    });
    return { status: response.status, json: (await response.json()) as { data: Point[]; granularity: string } };
  };

  before(async () => {
    sim = await startSimulator({ seed: 9, workflows: 8, days: 14, executions: 4000, clock: { now: () => clock } });
  });
  after(() => sim.stop());
  beforeEach(() => sim.faults.clear());

  it('every run but the pending ones has a wait; pending ones (still queued) have none', () => {
    for (const e of sim.dataset.executions) {
      if (e.status === 'pending') assert.equal(e.queue_wait_ms, null, e.execution_id);
      else assert.ok(Number.isInteger(e.queue_wait_ms) && e.queue_wait_ms! >= 50, e.execution_id);
    }
  });

  it('waits follow the executions: busy hours and scheduled runs wait longer', () => {
    const median = (xs: number[]) =>
      interpolated(
        [...xs].sort((a, b) => a - b),
        50,
      );
    const runs = sim.dataset.executions.filter((e) => e.queue_wait_ms !== null);
    const perHour = new Map<number, number>();
    for (const e of runs)
      perHour.set(Math.floor(e.started_at_ms / hourMs), (perHour.get(Math.floor(e.started_at_ms / hourMs)) ?? 0) + 1);
    const counts = [...perHour.values()].sort((a, b) => a - b);
    const busy = interpolated(counts, 75);
    const quiet = interpolated(counts, 25);
    const load = (e: (typeof runs)[number]) => perHour.get(Math.floor(e.started_at_ms / hourMs))!;
    const busyWaits = runs.filter((e) => load(e) >= busy).map((e) => e.queue_wait_ms!);
    const quietWaits = runs.filter((e) => load(e) <= quiet).map((e) => e.queue_wait_ms!);
    assert.ok(median(busyWaits) > 2 * median(quietWaits), `${median(busyWaits)} vs ${median(quietWaits)}`);
    const byTrigger = (t: string) => median(runs.filter((e) => e.triggered_by === t).map((e) => e.queue_wait_ms!));
    assert.ok(byTrigger('scheduled') > byTrigger('endpoint'));
  });

  it('the same seed gives the same waits', () => {
    const options = { seed: 9, workflows: 8, days: 14, executions: 4000, now: clock };
    const again = generateDataset(options);
    assert.deepEqual(
      again.executions.map((e) => e.queue_wait_ms),
      sim.dataset.executions.map((e) => e.queue_wait_ms),
    );
  });

  it('hourly by default, over the 30 days before now, empty hours as zeros, equal to the raw runs', async () => {
    const { status, json } = await get('');
    assert.equal(status, 200);
    assert.equal(json.granularity, 'hour');
    const want = expected(sim, clock - 30 * dayMs, clock, hourMs);
    assert.equal(json.data.length, 30 * 24 + 1);
    assert.deepEqual(json.data, want);
    assert.ok(json.data.some((p) => p.total_queued === 0) && json.data.some((p) => p.total_queued > 5));
  });

  it('honours start and end dates (plain-date end = its whole day) and daily buckets', async () => {
    const { json } = await get('?start_date=2026-11-20&end_date=2026-11-24&granularity=day');
    assert.equal(json.granularity, 'day');
    assert.deepEqual(json.data, expected(sim, Date.UTC(2026, 10, 20), Date.UTC(2026, 10, 25) - 1, dayMs));
    assert.equal(json.data.length, 5);
    const exact = await get('?start_date=2026-11-25T10:30:00Z&end_date=2026-11-25T14:15:00Z');
    assert.deepEqual(
      exact.json.data,
      expected(sim, Date.UTC(2026, 10, 25, 10, 30), Date.UTC(2026, 10, 25, 14, 15), hourMs),
    );
  });

  it('weekly and monthly buckets count every run in range once', async () => {
    const inRange = sim.dataset.executions.filter(
      (e) => e.status !== 'pending' && e.started_at_ms >= Date.UTC(2026, 10, 1) && e.started_at_ms <= clock,
    ).length;
    for (const granularity of ['week', 'month']) {
      const { json } = await get(`?start_date=2026-11-01T00:00:00Z&granularity=${granularity}`);
      assert.equal(json.granularity, granularity);
      assert.equal(
        json.data.reduce((sum, p) => sum + p.total_queued, 0),
        inRange,
        granularity,
      );
    }
  });

  it('ignores workflow, trigger and status parameters: the route takes none', async () => {
    const plain = await get('?granularity=day');
    const filtered = await get('?granularity=day&workflow_name=Nope&triggered_by=manual&status=failed');
    assert.deepEqual(filtered.json, plain.json);
  });

  it("a bad query: FastAPI's 422 with the query location", async () => {
    const { status, json } = await get('?granularity=fortnight&start_date=yesterday');
    assert.equal(status, 422);
    const detail = (json as unknown as { detail: { loc: unknown[]; type: string }[] }).detail;
    assert.deepEqual(
      detail.map((d) => [d.loc, d.type]),
      [
        [['query', 'start_date'], 'datetime_from_date_parsing'],
        [['query', 'granularity'], 'enum'],
      ],
    );
    const reversed = await get('?start_date=2026-11-20&end_date=2026-11-10');
    assert.equal(reversed.status, 422);
    assert.equal(parseQueueQuery(new URLSearchParams('start_date=2020-01-01'), clock).ok, false, 'too many hours');
  });

  it('needs the key, and takes faults like the batch', async () => {
    assert.equal((await get('', 'gk_test_wrong')).status, 401);
    sim.faults.next({ kind: 'status', status: 503 }, { path: '/api/analytics/queue-metrics' });
    assert.equal((await get('')).status, 503);
    sim.faults.next({ kind: 'malformedJson' }, { path: '/api/analytics/queue-metrics' });
    const response = await fetch(`${sim.url}/api/analytics/queue-metrics`, {
      headers: { 'X-Granite-API-Key': sim.apiKey },
    });
    await assert.rejects(response.json());
    assert.equal((await get('')).status, 200, 'one-shot faults are consumed');
  });

  it('a hand-built dataset: figures worked out by hand', () => {
    const hand = handDataset(
      [{ name: 'A' }],
      [
        { wf: 'A', at: '2026-11-26T09:05:00Z', queueWait: 1000 },
        { wf: 'A', at: '2026-11-26T09:10:00Z', queueWait: 3000 },
        { wf: 'A', at: '2026-11-26T09:59:59Z', queueWait: 2000, status: 'failed' },
        { wf: 'A', at: '2026-11-26T10:00:00Z', queueWait: 500, status: 'running' },
        { wf: 'A', at: '2026-11-26T10:01:00Z', status: 'pending' },
      ],
      '2026-11-26T12:00:00Z',
    );
    const result = aggregateQueueMetrics(hand, {
      startMs: Date.parse('2026-11-26T09:00:00Z'),
      endMs: Date.parse('2026-11-26T10:30:00Z'),
      granularity: 'hour',
    });
    // 09:00: 1000, 2000, 3000 → mean 2000, p50 2000, p95 rank 1.9 → 2000 + 0.9 × 1000 = 2900.
    // 10:00: the running run's 500; the pending run has no wait yet.
    assert.deepEqual(result, {
      granularity: 'hour',
      data: [
        {
          time: '2026-11-26T09:00:00Z',
          total_queued: 3,
          avg_wait_ms: 2000,
          p50_wait_ms: 2000,
          p95_wait_ms: 2900,
          max_wait_ms: 3000,
        },
        {
          time: '2026-11-26T10:00:00Z',
          total_queued: 1,
          avg_wait_ms: 500,
          p50_wait_ms: 500,
          p95_wait_ms: 500,
          max_wait_ms: 500,
        },
      ],
    });
  });
});
