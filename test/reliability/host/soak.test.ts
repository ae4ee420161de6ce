/**
 * Soak of the extension's host classes: one window (the real store, scheduler, previous period and
 * new-failure notifier, wired as the host wires them; hostWindows.ts) polling at the minimum interval on a
 * fake clock, the real client over real sockets to the simulator serving the large dataset (90 days hourly,
 * 2,000 workflows, about 6 MB a batch), the real batch cache writing each batch to a temp dir, and every
 * batch turned into what the views show. Nothing may pile up: the heap after a forced GC, pending timers,
 * live subscriptions and process listeners, sockets and Node timers are measured after a warm-up and at the end.
 *
 * `npm test` / `npm run test:unit` run one simulated hour (60 refreshes): that is CI's soak.
 * `npm run test:soak` (GRANITE_SOAK=full) runs 24 (1,440 refreshes, several minutes). The simulator runs in
 * a child process so that only the host's memory and handles are measured.
 */
import assert from 'node:assert/strict';
import type { ParsedBatch } from '../../../src/core/api/parseBatch';
import { kpiDeltas } from '../../../src/comparison/compare';
import { quickInsights } from '../../../src/dashboard/insights';
import type { DashboardState } from '../../../src/dashboard/protocol';
import { executionSeries, successSeries } from '../../../src/dashboard/series';
import { bucketLabels } from '../../../src/dashboard/timeBuckets';
import type { FilterState } from '../../../src/filters/filters';
import { formatRate } from '../../../src/core/format';
import { buildWorkflowRows, healthOf, truthfulRate } from '../../../src/workflows/workflowHealth';
import { liveCounts } from '../../../src/core/disposable';
import { mulberry32 } from '../../simulator/random';
import { FakeTime } from '../../unit/helpers/fakeTime';
import { hour, minute, startHost } from './hostWindows';
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
function present(batch: ParsedBatch, fetchedAt: number, previous: ParsedBatch | undefined) {
  const { sections } = batch;
  const rows = buildWorkflowRows(sections, { thresholds, sort: 'worst', locale });
  const summary = sections.summary;
  const rate = summary
    ? truthfulRate(summary.success_rate, summary.completed, summary.total_executions).rate
    : undefined;
  const statusBar = `${formatRate(rate, locale)} ${healthOf(rate, thresholds)}`;
  const state: DashboardState = {
    sections,
    problems: batch.problems,
    filters,
    workflows: sections.workflows ?? [],
    fetchedAt,
    stale: false,
    fromCache: false,
    loading: false,
    noKey: false,
    thresholds,
    now: fetchedAt,
    locale,
    // The comparison's arithmetic runs on every state too, against the previous period when it is there.
    deltas: kpiDeltas(sections, previous?.sections ?? sections, locale),
    insights: quickInsights(sections, previous?.sections ?? sections, locale),
  };
  // postMessage serialises the state once per refresh.
  const posted = JSON.stringify({ type: 'state', state }).length;
  const points = sections.executions_over_time?.data ?? [];
  const series = {
    executions: executionSeries(points),
    success: successSeries(sections.success_rate?.data ?? []),
    labels: bucketLabels(
      points.map((p) => p.time),
      sections.executions_over_time?.granularity ?? 'hour',
      locale,
    ).short,
  };
  return { batch, rows, statusBar, posted, series };
}

interface Snapshot {
  heapMb: number;
  fakeTimers: number;
  liveSubscriptions: number;
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
    // The minimum interval (a setting of 1 s is raised to 60 s), the widest filters, otherwise defaults.
    const host = await startHost({
      time,
      baseUrl: sim.url,
      apiKey: sim.apiKey,
      random: mulberry32(9),
      settings: { refreshIntervalSeconds: 1 },
      filters,
      beforeTimer: () => sim.setNow(time.now()),
    });
    let shown: ReturnType<typeof present> | undefined;
    const snapshot = (): Snapshot => {
      for (let i = 0; i < 3; i++) gc();
      const resources = process.getActiveResourcesInfo();
      return {
        heapMb: process.memoryUsage().heapUsed / 1024 / 1024,
        fakeTimers: time.pending,
        liveSubscriptions: Object.values(liveCounts()).reduce((a, b) => a + b, 0),
        processListeners: process.eventNames().reduce((n, name) => n + process.listenerCount(name), 0),
        sockets: resources.filter((r) => r === 'TCPSocketWrap').length,
        nodeTimers: resources.filter((r) => r === 'Timeout').length,
      };
    };
    try {
      const window = await host.open({ focused: true, viewVisible: true });
      // The views: like the tree, status bar and panel, rebuilt from each batch the store loads (the last kept).
      const views = window.store.onDidLoad(({ batch }) => {
        shown = present(batch, window.store.state.fetchedAt ?? time.now(), window.previous.current()?.batch);
      });
      const scheduled = () => window.store.requestCounts.scheduled;
      // Warm-up: compiled code, the connection pool and the label cache settle in the first refreshes.
      await time.advance(5 * minute, host.settle);
      await sim.takeCounts();
      const warmedUp = scheduled();
      const before = snapshot();
      await time.advance(simulatedHours * hour, host.settle);
      const after = snapshot();
      const { statuses, paths } = await sim.takeCounts();
      const measured = scheduled() - warmedUp;
      views.dispose();
      const heapDelta = after.heapMb - before.heapMb;
      console.log(
        `[figure] soak: refreshes ${measured}, simulated hours ${simulatedHours}, requests by path ${JSON.stringify(paths)}, heap delta ${heapDelta.toFixed(2)} MB, ` +
          `timers ${before.fakeTimers}/${after.fakeTimers} (scheduler), ${before.nodeTimers}/${after.nodeTimers} (Node), ` +
          `listeners ${before.liveSubscriptions}/${after.liveSubscriptions} (live subscriptions), ${before.processListeners}/${after.processListeners} (process), ` +
          `sockets ${before.sockets}/${after.sockets}, last batch posted ${((shown?.posted ?? 0) / 1024 / 1024).toFixed(1)} MB`,
      );

      // It really polled at the minimum interval, and every request was answered.
      assert.equal(measured, simulatedHours * 60, `scheduled refreshes in ${simulatedHours} h`);
      assert.equal(
        paths['/api/analytics/batch'],
        measured + simulatedHours,
        'each scheduled refresh, and the previous period once an hour',
      );
      assert.deepEqual(Object.keys(statuses), ['200'], `responses by status: ${JSON.stringify(statuses)}`);
      assert.deepEqual(host.logged, [], 'nothing logged as a warning or error');
      assert.equal(shown?.rows.length, 2_000, 'the tree was built from the large batch');
      assert.ok(heapDelta <= heapBudgetMb, `heap grew ${heapDelta.toFixed(2)} MB over ${measured} refreshes`);
      assert.equal(after.fakeTimers, before.fakeTimers, 'scheduler timers');
      assert.equal(after.liveSubscriptions, before.liveSubscriptions, 'live subscriptions (src/liveCount.ts)');
      assert.equal(after.processListeners, before.processListeners, 'process listeners');
      assert.ok(after.sockets <= before.sockets, `open sockets ${before.sockets} → ${after.sockets}`);
      assert.equal(after.nodeTimers, before.nodeTimers, 'Node timers');
    } finally {
      await host.close();
      await sim.stop();
    }
  });
});
