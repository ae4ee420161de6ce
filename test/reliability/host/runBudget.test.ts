/**
 * The request budget with runs being opened: a focused window polling with default settings on the free
 * plan (hostWindows.ts: the real store, scheduler and previous period), and the user opening a run every 20
 * simulated minutes through the real RunDataSource on that window's store (src/runs/runData.ts), reopening
 * it 3 and 9 minutes later. Every request is counted from the simulator's own log: opening a run costs ≤ 4
 * the first time, none within 5 minutes, and the polling's own budget (requestBudget.test.ts) is unchanged.
 */
import assert from 'node:assert/strict';
import { RunDataSource } from '../../../src/runs/runData';
import type { RecordedRequest } from '../../simulator/server';
import { withFreePlanHost } from './freePlanHost';
import { apiRequests, defaultIntervalMs, hour, isPreviousPeriod, minute, perClockHour } from './hostWindows';

const start = Date.UTC(2026, 10, 26, 7, 48, 13);
const hours = 6;
const ticksPerHour = Math.ceil(hour / defaultIntervalMs());
const isRunRoute = (r: RecordedRequest) =>
  r.path.startsWith('/api/organizations/') || r.path.startsWith('/api/agent-runs/');

async function day(openRuns: boolean) {
  return withFreePlanHost(start, async ({ time, sim, host }) => {
    const opens: { first: number; within5: number; after5: number }[] = [];
    const window = await host.open({ focused: true, viewVisible: false });
    const runs = new RunDataSource({
      store: window.store,
      now: time.now,
      gate: () => window.scheduler.canRequestNow(),
    });
    const executions = [...sim.dataset.executions].sort((a, b) => b.started_at_ms - a.started_at_ms);
    const open = async (i: number) => {
      const before = sim.requests.filter(isRunRoute).length;
      const e = executions[i * 7]!;
      const bundle = await runs.load({ executionId: e.execution_id, runId: e.run_id });
      assert.equal(bundle.detail.state, 'ok', `run ${i}: ${JSON.stringify(bundle.detail)}`);
      return sim.requests.filter(isRunRoute).length - before;
    };
    for (let elapsed = 0, i = 0; elapsed < hours * hour; i++) {
      await time.advance(20 * minute - (openRuns ? 9 * minute : 0), host.settle);
      elapsed += 20 * minute;
      if (!openRuns) continue;
      const first = await open(i);
      await time.advance(3 * minute, host.settle);
      const within5 = await open(i);
      await time.advance(6 * minute, host.settle);
      const after5 = await open(i);
      opens.push({ first, within5, after5 });
    }
    runs.dispose();
    return {
      requests: apiRequests(sim.requests),
      opens,
      logged: host.logged,
      counts: { ...window.store.requestCounts },
    };
  });
}

describe('reliability: the request budget with runs opened', function () {
  this.timeout(180_000);

  it('a run costs ≤ 4 requests the first time, none within 5 min, ≤ 3 after; the polling budget is unchanged', async () => {
    const quiet = await day(false);
    const busy = await day(true);
    const runRequests = busy.requests.filter(isRunRoute);
    console.log(
      `[figure] ${hours} h with a run opened every 20 min: ${runRequests.length} run requests (per open: first ${busy.opens.map((o) => o.first).join('/')}, within 5 min ${busy.opens.map((o) => o.within5).join('/')}, after ${busy.opens.map((o) => o.after5).join('/')}); store counts ${JSON.stringify(busy.counts)}`,
    );
    assert.equal(busy.opens.length, hours * 3);
    for (const [i, o] of busy.opens.entries()) {
      assert.ok(o.first >= 1 && o.first <= 4, `open ${i}: ${o.first} requests the first time`);
      assert.equal(o.within5, 0, `open ${i}: reopened within 5 minutes`);
      assert.ok(o.after5 <= 3, `open ${i}: ${o.after5} requests after 5 minutes (never the info again)`);
    }
    assert.equal(busy.counts.run, runRequests.length, 'every run request counted as `run`');
    assert.equal(busy.requests.filter((r) => r.status === 429).length, 0, 'no 429');
    assert.deepEqual(busy.logged, [], 'no warning or error logged');

    // The polling's own requests, hour by hour, are those of the day without runs.
    const polling = (requests: RecordedRequest[]) => requests.filter((r) => !isRunRoute(r));
    const batches = (requests: RecordedRequest[]) =>
      requests.filter((r) => r.path === '/api/analytics/batch' && !isPreviousPeriod(r)).length;
    assert.equal(batches(busy.requests), batches(quiet.requests));
    assert.deepEqual(perClockHour(polling(busy.requests)), perClockHour(polling(quiet.requests)));
    for (const [at, count] of perClockHour(polling(busy.requests)))
      assert.ok(count <= ticksPerHour + 1, `${count} polling requests in the hour from ${new Date(at).toISOString()}`);
  });
});
