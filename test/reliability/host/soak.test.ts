/**
 * Soak of the host logic: the scheduler on a fake clock polling at the minimum interval, the real client
 * over real sockets to the simulator serving the large dataset (90 days hourly, 2,000 workflows, about
 * 6 MB a batch), and every batch turned into what the host shows. Nothing may pile up: the heap after a
 * forced GC, pending timers, abort-signal and process listeners, sockets and Node timers are measured
 * after a warm-up and at the end.
 *
 * `npm run test:unit` runs one simulated hour (60 refreshes); `npm run test:soak` (GRANITE_SOAK=full)
 * runs 24 (1,440 refreshes, several minutes). The simulator runs in a child process so that only the
 * host's memory and handles are measured.
 */
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import type { ParsedBatch } from '../../../src/core/api/parseBatch';
import { kpiDeltas } from '../../../src/core/compare';
import { quickInsights } from '../../../src/core/insights';
import type { DashboardState } from '../../../src/core/dashboardProtocol';
import { executionSeries, successSeries } from '../../../src/core/dashboard/series';
import { bucketLabels } from '../../../src/core/dashboard/timeBuckets';
import { type FilterState } from '../../../src/core/filters';
import { formatRate } from '../../../src/core/format';
import { effectiveIntervalMs } from '../../../src/core/scheduler';
import { buildWorkflowRows, healthOf, truthfulRate } from '../../../src/core/workflowHealth';
import { mulberry32 } from '../../simulator/random';
import { FakeTime } from '../../unit/helpers/fakeTime';
import { batchRefresh, hostWindows, hour, identityCheck, minute } from './hostWindows';
import { forkLargeSimulator } from './simulatorProcess';

const full = process.env.GRANITE_SOAK === 'full';
const simulatedHours = full ? 24 : 1;
const start = Date.UTC(2026, 10, 26, 8, 0, 0);
/** The widest batch a user can ask for: every hour of 90 days. */
const filters: FilterState = { range: { kind: 'preset', preset: '90d' }, granularity: 'hour' };
const thresholds = { warning: 95, error: 80 };
const locale = 'en';
const heapBudgetMb = 5;

/** What the host builds from a batch: the tree's rows, the status bar's text, the panel's state message and the chart series. */
function present(batch: ParsedBatch, fetchedAt: number) {
  const { sections } = batch;
  const rows = buildWorkflowRows(sections, { thresholds, sort: 'worst', locale });
  const summary = sections.summary;
  const rate = summary ? truthfulRate(summary.success_rate, summary.completed, summary.total_executions).rate : undefined;
  const statusBar = `${formatRate(rate, locale)} ${healthOf(rate, thresholds)}`;
  const state: DashboardState = {
    sections, problems: batch.problems, filters, workflows: sections.workflows ?? [], fetchedAt, stale: false, fromCache: false,
    loading: false, noKey: false, thresholds, now: fetchedAt, locale,
    // The comparison's arithmetic runs on every state too (here against the batch itself).
    deltas: kpiDeltas(sections, sections, locale), insights: quickInsights(sections, sections, locale),
  };
  // postMessage serialises the state once per refresh.
  const posted = JSON.stringify({ type: 'state', state }).length;
  const points = sections.executions_over_time?.data ?? [];
  const series = {
    executions: executionSeries(points),
    success: successSeries(sections.success_rate?.data ?? []),
    labels: bucketLabels(points.map((p) => p.time), sections.executions_over_time?.granularity ?? 'hour', locale).short,
  };
  return { batch, rows, statusBar, posted, series };
}

interface Snapshot {
  heapMb: number;
  fakeTimers: number;
  abortListeners: number;
  processListeners: number;
  sockets: number;
  nodeTimers: number;
}

describe('reliability: soak of the host logic with the large dataset', function () {
  this.timeout(full ? 3 * 60 * 60_000 : 180_000);

  it(`polls ${simulatedHours} simulated hour(s) at the minimum interval with nothing piling up: heap, timers, listeners, sockets`, async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    assert.ok(gc, 'the heap figure needs --expose-gc (node-option in .mocharc.json)');
    const time = new FakeTime(start);
    const sim = await forkLargeSimulator(start);
    // The window's lifetime: every request carries its signal, so a listener left behind per request shows.
    const lifetime = new AbortController();
    let shown: ReturnType<typeof present> | undefined;
    let refreshes = 0;
    const host = hostWindows({
      time, baseUrl: sim.url, apiKey: sim.apiKey, intervalMs: effectiveIntervalMs(1), random: mulberry32(9),
      requests: () => [batchRefresh(filters, { signal: lifetime.signal, onData: (batch, at) => {
        // Like the store, the last good batch (and what was built from it) is kept until the next one.
        shown = present(batch, at);
        refreshes++;
      } }), identityCheck()],
      beforeTick: () => sim.setNow(time.now()),
    });
    const snapshot = (): Snapshot => {
      for (let i = 0; i < 3; i++) gc();
      const resources = process.getActiveResourcesInfo();
      return {
        heapMb: process.memoryUsage().heapUsed / 1024 / 1024,
        fakeTimers: time.pending,
        abortListeners: getEventListeners(lifetime.signal, 'abort').length,
        processListeners: process.eventNames().reduce((n, name) => n + process.listenerCount(name), 0),
        sockets: resources.filter((r) => r === 'TCPSocketWrap').length,
        nodeTimers: resources.filter((r) => r === 'Timeout').length,
      };
    };
    try {
      host.open({ focused: true, viewVisible: true });
      // Warm-up: compiled code, the connection pool and the label cache settle in the first refreshes.
      await time.advance(5 * minute, host.settle);
      const warmedUp = refreshes;
      const before = snapshot();
      await time.advance(simulatedHours * hour, host.settle);
      const after = snapshot();
      const statuses = await sim.takeStatuses();
      const measured = refreshes - warmedUp;
      const heapDelta = after.heapMb - before.heapMb;
      console.log(`[figure] soak: refreshes ${measured}, simulated hours ${simulatedHours}, heap delta ${heapDelta.toFixed(2)} MB, `
        + `timers ${before.fakeTimers}/${after.fakeTimers} (scheduler), ${before.nodeTimers}/${after.nodeTimers} (Node), `
        + `listeners ${before.abortListeners}/${after.abortListeners} (abort signal), ${before.processListeners}/${after.processListeners} (process), `
        + `sockets ${before.sockets}/${after.sockets}, last batch posted ${((shown?.posted ?? 0) / 1024 / 1024).toFixed(1)} MB`);

      // It really polled at the minimum interval, and every request was answered.
      assert.ok(measured >= simulatedHours * 60 - 1, `${measured} refreshes in ${simulatedHours} h`);
      assert.deepEqual(Object.keys(statuses), ['200'], `responses by status: ${JSON.stringify(statuses)}`);
      assert.equal(shown?.rows.length, 2_000, 'the tree was built from the large batch');
      assert.ok(heapDelta <= heapBudgetMb, `heap grew ${heapDelta.toFixed(2)} MB over ${measured} refreshes`);
      assert.equal(after.fakeTimers, before.fakeTimers, 'scheduler timers');
      assert.equal(after.abortListeners, before.abortListeners, 'abort listeners on the window’s signal');
      assert.equal(after.processListeners, before.processListeners, 'process listeners');
      assert.ok(after.sockets <= before.sockets, `open sockets ${before.sockets} → ${after.sockets}`);
      assert.equal(after.nodeTimers, before.nodeTimers, 'Node timers');
    } finally {
      host.dispose();
      await sim.stop();
    }
  });
});
