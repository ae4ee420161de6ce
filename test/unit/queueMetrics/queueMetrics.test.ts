/**
 * The queue metrics source against the simulator over real sockets, with the real store, previous period
 * and batch cache: it asks only while the dashboard is visible, once per batch, with the batch's dates and
 * granularity; answers are cached per origin, key and range; its errors stay its own (no outcome for the
 * scheduler, nothing in the store) and a 429's retryAt is honoured.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PreviousPeriod } from '../../../src/comparison/previousPeriod';
import { previousPeriodFilters } from '../../../src/comparison/compare';
import { Connections } from '../../../src/connection/connections';
import { Credentials } from '../../../src/connection/credentials';
import type { RefreshOutcome } from '../../../src/core/refreshScheduler';
import { toRequestFilters, type FilterState } from '../../../src/filters/filters';
import { QueueMetricsSource, queueFreshMs } from '../../../src/queueMetrics/queueMetrics';
import { BatchCache } from '../../../src/store/batchCache';
import { AnalyticsStore } from '../../../src/store/store';
import { directoryCacheFiles, manifestConfig } from '../../reliability/host/hostState';
import { startSimulator, type RecordedRequest, type Simulator } from '../../simulator/server';
import { MemorySecrets } from '../helpers/memoryState';

const QUEUE = '/api/analytics/queue-metrics';
const minute = 60_000;
const sevenDays: FilterState = { range: { kind: 'preset', preset: '7d' }, granularity: 'auto' };

const until = async (what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
/** Long enough for a request the source should not send to have reached the simulator. */
const quiet = () => new Promise((resolve) => setTimeout(resolve, 150));

interface Window {
  store: AnalyticsStore;
  previous: PreviousPeriod;
  queue: QueueMetricsSource;
  outcomes: RefreshOutcome[];
  warnings: string[];
  dispose(): void;
}

describe('queue metrics source', () => {
  let sim: Simulator;
  let dir: string;
  let clock: { now: number };
  let credentials: Credentials;
  let windows: Window[];
  const queueRequests = (): RecordedRequest[] => sim.requests.filter((r) => r.path === QUEUE);

  /** A window: store, previous period and queue source as WindowPolling wires them, on the shared cache dir. */
  const open = (compare = false, filters = sevenDays): Window => {
    const config = { ...manifestConfig(sim.url), compareWithPreviousPeriod: compare };
    const outcomes: RefreshOutcome[] = [];
    const warnings: string[] = [];
    const log = {
      warn: (m: string) => void warnings.push(m),
      error: (m: string) => void warnings.push(m),
      setSecrets: () => undefined,
      exchange: () => undefined,
    };
    const now = () => clock.now;
    const cache = new BatchCache(directoryCacheFiles(dir, (work) => work));
    const deps = { config: () => config, cache, log, now, gate: () => ({ ok: true as const }) };
    const store = new AnalyticsStore(
      {
        ...deps,
        connections: new Connections({ config: () => config, credentials, log, now }),
        onOutcome: (o) => void outcomes.push(o),
        saveFilters: () => Promise.resolve(),
      },
      filters,
    );
    const previous = new PreviousPeriod({ ...deps, store, onOutcome: (o) => void outcomes.push(o) });
    const queue = new QueueMetricsSource({ ...deps, store, previous });
    const window = {
      store,
      previous,
      queue,
      outcomes,
      warnings,
      dispose: () => [queue, previous, store].forEach((d) => d.dispose()),
    };
    windows.push(window);
    return window;
  };

  beforeEach(async () => {
    clock = { now: Date.UTC(2026, 10, 26, 9, 12, 0) };
    sim = await startSimulator({
      seed: 9,
      workflows: 4,
      days: 20,
      executions: 600,
      quota: 10_000,
      clock: { now: () => clock.now },
    });
    dir = await mkdtemp(join(tmpdir(), 'granite-queue-'));
    credentials = new Credentials(new MemorySecrets(), {});
    await credentials.store(new URL(sim.url).origin, sim.apiKey);
    windows = [];
  });

  afterEach(async () => {
    for (const w of windows) w.dispose();
    credentials.dispose();
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('asks nothing while the dashboard is hidden; shown, it asks once with the batch’s dates and granularity', async () => {
    const w = open();
    await w.store.refresh('scheduled');
    await quiet();
    assert.equal(queueRequests().length, 0, 'hidden: the refresh is one request');
    assert.equal(w.queue.state(), undefined);
    w.queue.setVisible(true);
    await until('queue asked', () => queueRequests().length === 1);
    await until('queue shown', () => !!w.queue.state()?.fetchedAt);
    const expected = toRequestFilters(sevenDays, clock.now);
    const query = queueRequests()[0]!.query;
    assert.equal(query.granularity, expected.granularity);
    assert.equal(query.start_date, expected.start_date);
    assert.equal(query.end_date, expected.end_date);
    const state = w.queue.state()!;
    assert.equal(state.stale, false);
    assert.equal(state.filtersIgnored, false);
    assert.ok(state.data.length > 0);
    assert.equal(w.store.requestCounts.queue, 1);
    // Shown again with nothing newer: nothing asked.
    w.queue.setVisible(false);
    w.queue.setVisible(true);
    await quiet();
    assert.equal(queueRequests().length, 1);
  });

  it('goes with each refresh while visible (two requests), not with a filter change that keeps its range', async () => {
    const w = open();
    w.queue.setVisible(true);
    await w.store.refresh('scheduled');
    await until('first queue', () => queueRequests().length === 1 && !w.queue.state()?.loading);
    // A user's Refresh seconds later: the batch and the queue again.
    clock.now += 10_000;
    await w.store.refresh('user');
    await until('second queue', () => queueRequests().length === 2 && !w.queue.state()?.loading);
    // A workflow filter within queueFreshMs: the batch is asked again, the queue's range is the same.
    clock.now += queueFreshMs / 2;
    await w.store.setFilters({ ...sevenDays, workflow: sim.dataset.workflows[0]!.name });
    await quiet();
    assert.equal(queueRequests().length, 2);
    assert.equal(w.queue.state()?.filtersIgnored, true, 'the card says the workflow filter does not apply');
    assert.ok(w.queue.state()!.data.length > 0, 'the same range’s points are still shown');
    assert.equal(w.queue.state()!.stale, false, 'and they are not stale');
  });

  it('caches per origin, key and range: another window paints from the disk, another range asks', async () => {
    const first = open();
    first.queue.setVisible(true);
    await first.store.refresh('scheduled');
    await until('queue shown', () => !!first.queue.state()?.fetchedAt);
    // A second window takes the same batch from the cache (as the scheduler's adoption does).
    const second = open();
    second.queue.setVisible(true);
    assert.equal(await second.store.loadCache(true), true);
    await until('queue from the disk', () => !!second.queue.state()?.fetchedAt);
    assert.equal(queueRequests().length, 1, 'the second window asked nothing');
    assert.deepEqual(second.queue.state()!.data, first.queue.state()!.data);
    const third = open(false, { range: { kind: 'preset', preset: '30d' }, granularity: 'auto' });
    third.queue.setVisible(true);
    await third.store.refresh('scheduled');
    await until('30 days asked', () => queueRequests().length === 2);
  });

  it('keeps its errors: a 401 or 429 reaches neither the store nor the scheduler, the last points stay stale', async () => {
    const w = open();
    w.queue.setVisible(true);
    await w.store.refresh('scheduled');
    await until('queue shown', () => !!w.queue.state()?.fetchedAt);
    const good = w.queue.state()!.data;
    sim.faults.next({ kind: 'status', status: 401, body: { detail: 'Invalid API key' } }, { path: QUEUE });
    clock.now += 5 * minute;
    await w.store.refresh('scheduled');
    await until('401 shown', () => w.queue.state()?.error?.kind === 'Unauthorized');
    assert.match(w.queue.state()!.error!.message, /^Queue wait times could not be loaded/);
    assert.equal(w.queue.state()!.stale, true);
    assert.deepEqual(w.queue.state()!.data, good, 'the last good points are kept');
    assert.equal(w.store.state.error, undefined, 'the store has no error');
    assert.ok(
      w.outcomes.every((o) => o.ok),
      'the scheduler heard only the batch’s successes',
    );
    // A 429 with Retry-After: nothing is sent on this route before it, the batch goes on.
    sim.faults.next({ kind: 'status', status: 429, headers: { 'Retry-After': '600' } }, { path: QUEUE });
    clock.now += 5 * minute;
    await w.store.refresh('scheduled');
    await until('429 shown', () => w.queue.state()?.error?.kind === 'RateLimited' && !w.queue.state()?.loading);
    const sent = queueRequests().length;
    clock.now += 5 * minute;
    await w.store.refresh('scheduled');
    await quiet();
    assert.equal(queueRequests().length, sent, 'nothing before Retry-After');
    assert.ok(w.outcomes.every((o) => o.ok) && w.store.state.error === undefined);
    // The client waits for the later of Retry-After and X-RateLimit-Reset (the end of the clock hour).
    clock.now = Math.ceil(clock.now / (60 * minute)) * 60 * minute + minute;
    await w.store.refresh('scheduled');
    await until('asked after Retry-After', () => queueRequests().length === sent + 1);
    await until('error cleared', () => w.queue.state()?.error === undefined);
    assert.equal(w.queue.state()!.stale, false);
  });

  it('fetches the previous period’s queue once per previous-period batch, for the KPI delta', async () => {
    const w = open(true);
    w.queue.setVisible(true);
    await w.store.refresh('scheduled');
    await until('previous queue shown', () => !!w.queue.state()?.previous);
    await quiet();
    const previousQuery = previousPeriodFilters(sevenDays, clock.now);
    const asked = queueRequests().map((r) => r.query.end_date);
    assert.equal(asked.length, 2, 'current and previous period');
    assert.ok(asked.includes(previousQuery.end_date!), `previous range asked (${asked.join(', ')})`);
    // The next tick: the previous period is not due (hourly), so neither is its queue.
    clock.now += 5 * minute;
    await w.store.refresh('scheduled');
    await until('current queue again', () => queueRequests().length === 3);
    await quiet();
    assert.equal(queueRequests().length, 3);
  });
});
