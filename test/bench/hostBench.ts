/**
 * Host-side figures that need the simulator: an end-to-end refresh against 100 ms of added latency
 * (against a bare fetch + JSON.parse of the same response, same run), heap growth over 1,000 refreshes of
 * the large dataset, and the scheduler's request counts over simulated hours on an injected clock.
 */
import { comparisonDue } from '../../src/core/compare';
import { GraniteClient } from '../../src/core/api/client';
import type { GraniteError } from '../../src/core/api/errors';
import { failureOutcome, successOutcome } from '../../src/core/outcome';
import { RefreshScheduler, type SharedSchedule } from '../../src/core/scheduler';
import type { Dataset } from '../simulator/server';
import { startSimulator } from '../simulator/server';
import { forkLargeSimulator } from '../reliability/host/simulatorProcess';
import { FakeTime } from '../unit/helpers/fakeTime';
import { sample as timedRuns, stats } from './measure';
import type { Row } from './webviewBench';

const hour = 3_600_000;

/** One timed run (the warm-up of `sample` is done once, before the interleaved loop). */
async function timedOnce(fn: () => Promise<unknown>): Promise<number[]> {
  const start = performance.now();
  await fn();
  return [performance.now() - start];
}

export async function endToEndRows(): Promise<Row[]> {
  const sim = await startSimulator({ quota: 1_000_000 });
  sim.faults.always({ kind: 'latency', ms: 100 });
  try {
    const client = new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey });
    const bare = async () => {
      const response = await fetch(`${sim.url}/api/analytics/batch`, { method: 'POST', headers: { 'X-Granite-API-Key': sim.apiKey, 'Content-Type': 'application/json' }, body: '{}' });
      return JSON.parse(await response.text()) as unknown;
    };
    // Interleaved, so both see the same machine load.
    await timedRuns(0, () => client.fetchBatch({}));
    await timedRuns(0, bare);
    const ours: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < 15; i++) {
      ours.push(...(await timedOnce(() => client.fetchBatch({}))));
      base.push(...(await timedOnce(bare)));
    }
    const o = stats(ours);
    const b = stats(base);
    return [
      { figure: 'end-to-end refresh, +100 ms latency, default', ...o, unit: 'ms', budget: `≤ 1.25 × bare (${(1.25 * b.median).toFixed(1)} ms)`, pass: o.median <= 1.25 * b.median },
      { figure: '  bare fetch + JSON.parse, same response', ...b, unit: 'ms' },
    ];
  } finally {
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
 * Heap after forced GC, before and after `count` refreshes of the large batch (needs --expose-gc). The
 * simulator runs in a child process (as in the soak test), so only the host's memory is measured, not the
 * simulator's request log and response cache.
 */
export async function heapGrowthRow(dataset: Dataset, count: number): Promise<Row> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const sim = await forkLargeSimulator(dataset.now);
  try {
    const client = new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey });
    const filters = { granularity: 'hour' as const, start_date: new Date(dataset.now - 90 * 86_400_000).toISOString() };
    let kept = await client.fetchBatch(filters); // the store keeps the last good batch: so do we
    await settleHeap(gc);
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < count; i++) {
      await sim.setNow(dataset.now + (i + 1) * 60_000);   // a minute a refresh, so the hourly quota never binds
      kept = await client.fetchBatch(filters);
    }
    // Let fetch's finalizers (response bodies, sockets) run before measuring, as a long-lived host would.
    await settleHeap(gc);
    const growth = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
    void kept;
    return { figure: `host heap growth after ${count} refreshes, large (after GC${gc ? '' : ' — run with --expose-gc'})`, median: growth, min: Number.NaN, max: Number.NaN, unit: 'MB', budget: '≤ 5 MB', pass: growth <= 5 };
  } finally {
    await sim.stop();
  }
}

/** The scheduler driving the real client against the simulator on one injected clock. */
export async function schedulerRows(): Promise<Row[]> {
  // With `compare`, a finished scheduled refresh is followed by the previous period's request when the
  // extension's own rule says so (`comparisonDue`); the comparison is shared by windows like its disk cache.
  const run = async (activity: { focused: boolean; viewVisible: boolean }, hours: number, windows = 1, compare = false) => {
    const time = new FakeTime(Date.UTC(2026, 10, 26, 8, 0, 0));
    const sim = await startSimulator({ seed: 5, workflows: 6, days: 2, executions: 500, quota: 100, clock: { now: time.now } });
    const shared = { value: {} as SharedSchedule };
    let pending: Promise<void> = Promise.resolve();
    let held: { filterKey: string; fetchedAt: number } | undefined;
    try {
      const schedulers = Array.from({ length: windows }, () => {
        const client = new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey, now: time.now });
        const scheduler: RefreshScheduler = new RefreshScheduler({
          time,
          random: Math.random,
          readShared: () => shared.value,
          writeShared: (v) => { shared.value = v; },
          refresh: () => {
            pending = client.fetchBatch({}).then(
              async (r) => {
                scheduler.recordOutcome(successOutcome(r));
                if (compare && comparisonDue('scheduled', held, 'default', time.now()) && scheduler.canRequestNow().ok) {
                  held = { filterKey: 'default', fetchedAt: time.now() };
                  await client.fetchBatch({}).catch(() => undefined);
                }
              },
              (e: GraniteError) => scheduler.recordOutcome(failureOutcome(e, time.now())),
            );
          },
          adoptShared: () => undefined,
        }, 300_000);
        scheduler.setActivity(activity);
        return scheduler;
      });
      await time.advance(hours * hour, () => pending);
      for (const s of schedulers) s.dispose();
      const batches = sim.requests.filter((r) => r.path === '/api/analytics/batch');
      return { perHour: batches.length / hours, limited: batches.filter((r) => r.status === 429).length };
    } finally {
      await sim.stop();
    }
  };
  const focused = await run({ focused: true, viewVisible: false }, 24);
  const three = await run({ focused: true, viewVisible: false }, 24, 3);
  const compared = await run({ focused: true, viewVisible: false }, 24, 1, true);
  const comparedThree = await run({ focused: true, viewVisible: false }, 24, 3, true);
  const idle = await run({ focused: false, viewVisible: false }, 24);
  const one = (figure: string, value: number, budget: string, pass: boolean, unit = 'req/h'): Row => ({ figure, median: value, min: Number.NaN, max: Number.NaN, unit, budget, pass });
  return [
    one('scheduled requests per focused hour (24 h simulated, default settings)', focused.perHour, '≤ 12', focused.perHour <= 12 + 1 / 24),
    one('  … 429s met in that day (quota 100/h)', focused.limited, '0', focused.limited === 0, 'count'),
    one('scheduled requests per hour, three windows open', three.perHour, '≤ 12 (as one window)', three.perHour <= 13),
    one('requests per focused hour with the previous-period comparison on (both kinds)', compared.perHour, '≤ 13', compared.perHour <= 13 + 2 / 24), // both kinds also fire at t = 0
    one('  … 429s met in that day (quota 100/h)', compared.limited, '0', compared.limited === 0, 'count'),
    one('  … three windows open', comparedThree.perHour, '≤ 13 (as one window)', comparedThree.perHour <= 14),
    one('requests while unfocused, no Granite view visible (24 h)', idle.perHour * 24, '0', idle.perHour === 0, 'count'),
  ];
}
