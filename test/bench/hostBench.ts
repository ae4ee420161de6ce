/**
 * Host-side figures that need the simulator, all from the extension's own classes in Node (the store,
 * scheduler, previous period and notifier, wired by src/windowPolling.ts; test/reliability/host/hostWindows.ts):
 * a user's Refresh against 100 ms of added latency (against a bare fetch + JSON.parse of the same response,
 * same run), heap growth over scheduled refreshes of the large dataset, and the requests of simulated days
 * on an injected clock (dashboard closed and open), counted from the simulator's log. Each pass check is the budget printed beside it.
 */
import { startSimulator } from '../simulator/server';
import { mulberry32 } from '../simulator/random';
import { forkLargeSimulator } from '../reliability/host/simulatorProcess';
import { apiRequests, isPreviousPeriod, perClockHour, startHost, type Activity } from '../reliability/host/hostWindows';
import { FakeTime } from '../unit/helpers/fakeTime';
import { stats } from './measure';
import type { Row } from './webviewBench';

const minute = 60_000;
const hour = 60 * minute;
const unfocused: Activity = { focused: false, viewVisible: false };
const QUEUE = '/api/analytics/queue-metrics';

/** One timed run. */
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** A user's Refresh in one window: request, validation, cache write and every listener of the store. */
export async function endToEndRows(): Promise<Row[]> {
  const sim = await startSimulator({ quota: 1_000_000 });
  sim.faults.always({ kind: 'latency', ms: 100 });
  // No scheduled refresh interferes: the window is unfocused with no Granite view, so only Refresh sends.
  const host = await startHost({
    time: new FakeTime(Date.now()),
    baseUrl: sim.url,
    apiKey: sim.apiKey,
    random: mulberry32(1),
  });
  try {
    const { store } = await host.open(unfocused);
    const bare = async () => {
      const response = await fetch(`${sim.url}/api/analytics/batch`, {
        method: 'POST',
        headers: { 'X-Granite-API-Key': sim.apiKey, 'Content-Type': 'application/json' },
        body: '{}',
      });
      return JSON.parse(await response.text()) as unknown;
    };
    // Warm-up once each, then interleaved, so both see the same machine load.
    await store.refresh('user');
    await bare();
    const ours: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < 15; i++) {
      ours.push(await timed(() => store.refresh('user')));
      base.push(await timed(bare));
    }
    if (store.state.error) throw new Error(`Refresh failed: ${store.state.error.message}`);
    const o = stats(ours);
    const b = stats(base);
    return [
      {
        figure:
          'user Refresh end to end (store: request, validation, cache write, listeners), +100 ms latency, default',
        ...o,
        unit: 'ms',
        budget: `≤ 1.25 × bare (${(1.25 * b.median).toFixed(1)} ms)`,
        pass: o.median <= 1.25 * b.median,
      },
      { figure: '  bare fetch + JSON.parse, same response', ...b, unit: 'ms' },
    ];
  } finally {
    await host.close();
    await sim.stop();
  }
}

async function settleHeap(gc: (() => void) | undefined): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Heap after forced GC, before and after `count` scheduled refreshes of the large batch at the minimum
 * interval (needs --expose-gc): the window keeps what the host keeps (last good batch, previous period,
 * the notifier's memory) and writes every batch to the cache. The simulator runs in a child process (as in
 * the soak test), so its request log and response cache are not measured.
 */
export async function heapGrowthRow(now: number, count: number): Promise<Row> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const time = new FakeTime(now);
  const sim = await forkLargeSimulator(now);
  const host = await startHost({
    time,
    baseUrl: sim.url,
    apiKey: sim.apiKey,
    random: mulberry32(9),
    settings: { refreshIntervalSeconds: 60 },
    filters: { range: { kind: 'preset', preset: '90d' }, granularity: 'hour' },
    beforeTimer: () => sim.setNow(time.now()),
  });
  try {
    const { store } = await host.open({ focused: true, viewVisible: true });
    await time.advance(0, host.settle); // the first refresh, the previous period and the identity lookup
    await settleHeap(gc);
    const before = process.memoryUsage().heapUsed;
    const refreshed = store.requestCounts.scheduled;
    await time.advance(count * minute, host.settle);
    // Let fetch's finalizers (response bodies, sockets) run before measuring, as a long-lived host would.
    await settleHeap(gc);
    const growth = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
    const done = store.requestCounts.scheduled - refreshed;
    if (done !== count) throw new Error(`${done} scheduled refreshes instead of ${count}`);
    return {
      figure: `host heap growth after ${count} scheduled refreshes, large (store + previous period + notifier + cache; after GC${gc ? '' : ' — run with --expose-gc'})`,
      median: growth,
      min: Number.NaN,
      max: Number.NaN,
      unit: 'MB',
      budget: '≤ 5 MB',
      pass: growth <= 5,
    };
  } finally {
    await host.close();
    await sim.stop();
  }
}

interface Day {
  /** Scheduled batch requests (the current period) in the busiest clock hour. */
  scheduledMax: number;
  /** Batch requests of both kinds (scheduled + previous period) in the busiest clock hour. */
  batchMax: number;
  /** Every request to the API that day, any path. */
  total: number;
  /** Batch and queue metrics requests (both periods) in the busiest clock hour: identity is once a session. */
  dashboardMax: number;
  /** Requests of any path in the busiest clock hour (the first hour also has the identity lookups). */
  anyMax: number;
  limited: number;
}

/** 24 simulated hours of the real windows against the simulator (free-plan quota) on one injected clock. */
async function simulatedDay(activity: Activity, windows: number, compare: boolean): Promise<Day> {
  const time = new FakeTime(Date.UTC(2026, 10, 26, 8, 0, 0));
  const sim = await startSimulator({
    seed: 5,
    workflows: 6,
    days: 2,
    executions: 500,
    quota: 100,
    clock: { now: time.now },
  });
  const host = await startHost({
    time,
    baseUrl: sim.url,
    apiKey: sim.apiKey,
    random: mulberry32(5),
    settings: { compareWithPreviousPeriod: compare },
  });
  try {
    // The other windows open a few minutes later, as they do for a user; they poll because a view shows.
    const openAt = [0, 7 * minute, 23 * minute].slice(0, windows);
    let elapsed = 0;
    for (const [i, at] of openAt.entries()) {
      await time.advance(at - elapsed, host.settle);
      elapsed = at;
      await host.open(i === 0 ? activity : { focused: false, viewVisible: true });
    }
    await time.advance(24 * hour - elapsed, host.settle);
    const requests = apiRequests(sim.requests);
    const batches = requests.filter((r) => r.path === '/api/analytics/batch');
    const busiest = (counts: Map<number, number>) => Math.max(0, ...counts.values());
    return {
      scheduledMax: busiest(perClockHour(batches.filter((r) => !isPreviousPeriod(r)))),
      batchMax: busiest(perClockHour(batches)),
      total: requests.length,
      dashboardMax: busiest(
        perClockHour(requests.filter((r) => r.path === '/api/analytics/batch' || r.path === QUEUE)),
      ),
      anyMax: busiest(perClockHour(requests)),
      limited: requests.filter((r) => r.status === 429).length,
    };
  } finally {
    await host.close();
    await sim.stop();
  }
}

export async function schedulerRows(): Promise<Row[]> {
  const focused: Activity = { focused: true, viewVisible: false };
  const plain = await simulatedDay(focused, 1, false);
  const plainThree = await simulatedDay(focused, 3, false);
  const compared = await simulatedDay(focused, 1, true);
  const comparedThree = await simulatedDay(focused, 3, true);
  const idle = await simulatedDay(unfocused, 1, true);
  const dashboard: Activity = { focused: true, viewVisible: true, dashboardVisible: true };
  const open = await simulatedDay(dashboard, 1, true);
  const openThree = await simulatedDay(dashboard, 3, true);
  const one = (figure: string, value: number, unit: string, budget?: string, pass?: boolean): Row => ({
    figure,
    median: value,
    min: Number.NaN,
    max: Number.NaN,
    unit,
    budget,
    pass,
  });
  return [
    one(
      'scheduled batch requests in the busiest clock hour, focused, comparison off (24 h simulated)',
      plain.scheduledMax,
      'req/h',
      '≤ 12',
      plain.scheduledMax <= 12,
    ),
    one('  … 429s met that day (quota 100/h)', plain.limited, 'count', '0', plain.limited === 0),
    one(
      '  … three windows open',
      plainThree.scheduledMax,
      'req/h',
      '≤ 12 (as one window)',
      plainThree.scheduledMax <= 12 && plainThree.scheduledMax <= plain.scheduledMax,
    ),
    one(
      'batch requests in the busiest clock hour, focused, default settings (scheduled + previous period)',
      compared.batchMax,
      'req/h',
      '≤ 13',
      compared.batchMax <= 13,
    ),
    one('  … 429s met that day (quota 100/h)', compared.limited, 'count', '0', compared.limited === 0),
    one(
      '  … three windows open',
      comparedThree.batchMax,
      'req/h',
      '≤ 13 (as one window)',
      comparedThree.batchMax <= 13 && comparedThree.batchMax <= compared.batchMax,
    ),
    one('  … every request that day, any path (batches, previous period, identity)', compared.total, 'count'),
    one(
      '  … every request that day, three windows open',
      comparedThree.total,
      'count',
      `as one window (${compared.total})`,
      comparedThree.total <= compared.total,
    ),
    one(
      'batch + queue metrics requests in the busiest clock hour, dashboard open, default settings (both periods)',
      open.dashboardMax,
      'req/h',
      '≤ 26',
      open.dashboardMax <= 26,
    ),
    one('  … any path, the first hour included (/api/me and /api/analytics/status once)', open.anyMax, 'req/h'),
    one('  … 429s met that day (quota 100/h)', open.limited, 'count', '0', open.limited === 0),
    one(
      '  … three windows open',
      openThree.dashboardMax,
      'req/h',
      '≤ 26 (as one window)',
      openThree.dashboardMax <= 26 && openThree.dashboardMax <= open.dashboardMax,
    ),
    one(
      'requests while unfocused, no Granite view visible (24 h, any path)',
      idle.total,
      'count',
      '0',
      idle.total === 0,
    ),
  ];
}
