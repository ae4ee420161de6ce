/**
 * The rate-limit budget, proven against the simulator on Granite's free plan (100 requests an hour):
 * simulated days of the extension's own polling with default settings, real sockets, one injected clock
 * shared by the schedulers and the simulator's quota.
 *
 * Each window is the real store, scheduler, previous period and new-failure notifier (hostWindows.ts), so
 * every request they send is counted, from the simulator's own log and by path: a new request path in
 * src/ shows here without a change to this file. The quota is checked per clock hour as the server counts
 * it; the 429s come mid-day, once with Retry-After and once from the quota itself; three windows run a
 * whole day against one. Beyond test/unit/core/schedulerSimulator.test.ts (one window, only the batch).
 */
import assert from 'node:assert/strict';
import { GraniteClient } from '../../../src/core/api/client';
import { fetchLayout } from '../../../src/core/api/queueAndLayout';
import type { RecordedRequest } from '../../simulator/server';
import { freePlanQuota, withFreePlanHost, type FreePlanRun } from './freePlanHost';
import {
  apiRequests,
  byPath,
  defaultIntervalMs,
  hour,
  isPreviousPeriod,
  minute,
  perClockHour,
  type Activity,
} from './hostWindows';

const quota = freePlanQuota;
// Not on a round hour, so the first clock hour is a partial one, as it is for a real user.
const start = Date.UTC(2026, 10, 26, 7, 48, 13);
const intervalMs = defaultIntervalMs();
const ticksPerHour = Math.ceil(hour / intervalMs);
const focusedWindow: Activity = { focused: true, viewVisible: false };
const dashboardOpen: Activity = { focused: true, viewVisible: true, dashboardVisible: true };
const QUEUE = '/api/analytics/queue-metrics';
/** Only one window has the focus; the others poll because their Workflows view is showing. */
const backgroundWindow: Activity = { focused: false, viewVisible: true };

/** A fresh clock, simulator (free-plan quota on that clock) and host; everything is stopped afterwards. */
const withHost = <T>(body: (run: FreePlanRun) => Promise<T>): Promise<T> => withFreePlanHost(start, body);

/** A day of polling: windows open at the given offsets from the start (the first at once), until 24 h. */
async function simulatedDay(
  { time, sim, host }: FreePlanRun,
  openAt: number[],
  first: Activity = focusedWindow,
): Promise<RecordedRequest[]> {
  let elapsed = 0;
  for (const [i, at] of openAt.entries()) {
    await time.advance(at - elapsed, host.settle);
    elapsed = at;
    await host.open(i === 0 ? first : backgroundWindow);
  }
  await time.advance(24 * hour - elapsed, host.settle);
  return apiRequests(sim.requests);
}

const endOfClockHour = (at: number) => Math.floor(at / hour) * hour + hour;
const total = (counts: Map<number, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

describe('reliability: the request budget on the free plan (100 requests an hour)', function () {
  this.timeout(180_000);

  it('never meets a 429 in a focused simulated day with default settings, and stays within 13 requests every clock hour', async () => {
    const { requests, window, logged } = await withHost(async (run) => ({
      requests: await simulatedDay(run, [0]),
      window: run.host.windows[0]!,
      logged: run.host.logged,
    }));
    const hourly = perClockHour(requests);
    const maxPerHour = Math.max(...hourly.values());
    const limited = requests.filter((r) => r.status === 429).length;
    const comparisons = requests.filter(isPreviousPeriod);
    const scheduled = requests.filter((r) => r.path === '/api/analytics/batch' && !isPreviousPeriod(r));
    console.log(
      `[figure] requests in simulated day = ${requests.length} (max per clock hour ${maxPerHour}, 429s ${limited}; by path ${JSON.stringify(byPath(requests))}, ` +
        `${scheduled.length} scheduled batches + ${comparisons.length} previous period; the store's own counts ${JSON.stringify(window.store.requestCounts)})`,
    );
    assert.equal(limited, 0, 'no 429 in a day of default polling');
    assert.deepEqual(logged, [], 'no warning or error logged');
    assert.ok(
      requests.every((r) => r.status === 200),
      'every request answered',
    );
    // Polling ran all day at the configured interval: a tick at the start and one per interval after it.
    assert.equal(scheduled.length, 24 * ticksPerHour + 1, `scheduled batches in 24 h at ${intervalMs / minute} min`);
    // The previous period at most once an hour (a rolling range moves slowly), and really once an hour.
    assert.ok(
      comparisons.length >= 24 && comparisons.length <= 25,
      `${comparisons.length} previous-period requests in 24 h`,
    );
    // Every request of any path, per clock hour: the interval's ticks plus one comparison, well under the
    // quota and leaving room for the user's own actions. A new kind of request sent on its own schedule fails here.
    for (const [at, count] of hourly)
      assert.ok(count <= ticksPerHour + 1, `${count} requests in the clock hour from ${new Date(at).toISOString()}`);
  });

  it('sends nothing before the reset after a forced 429 with Retry-After, then polls again', async () => {
    const retryAfterSeconds = 25 * 60;
    const requests = await withHost(async ({ time, sim, host }) => {
      await host.open(focusedWindow);
      await time.advance(3 * hour + 5 * minute, host.settle);
      sim.faults.next({ kind: 'status', status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } });
      await time.advance(3 * hour, host.settle);
      return apiRequests(sim.requests);
    });
    const limited = requests.filter((r) => r.status === 429);
    assert.equal(limited.length, 1, 'one 429, and no second one from retrying too early');
    const at = limited[0]!.at;
    // The client waits for the later of Retry-After and X-RateLimit-Reset (the end of the clock hour).
    assertQuietUntil(requests, at, Math.max(at + retryAfterSeconds * 1000, endOfClockHour(at)));
  });

  it('waits for X-RateLimit-Reset when the quota itself runs out (another client on the same key spent it)', async () => {
    const ours = await withHost(async ({ time, sim, host }) => {
      await host.open(focusedWindow);
      await time.advance(2 * hour + 20 * minute, host.settle);
      // A script of the user's with the same key spends the rest of this hour's quota at once.
      const other = new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey, now: time.now });
      for (
        let i = 0;
        i <= quota &&
        !(await other.fetchBatch({}).then(
          () => false,
          () => true,
        ));
        i++
      );
      const theirs = sim.requests.length;
      await time.advance(3 * hour, host.settle);
      return apiRequests(sim.requests.slice(theirs));
    });
    const first = ours[0];
    assert.ok(first, 'the window polled after the quota ran out');
    assert.equal(first.status, 429, 'its next tick met the exhausted quota');
    assert.equal(ours.filter((r) => r.status === 429).length, 1, 'and only that one');
    assertQuietUntil(ours, first.at, endOfClockHour(first.at));
  });

  it('polls as one window with three windows open: no clock hour of the day gets more requests', async () => {
    const one = perClockHour(await withHost((run) => simulatedDay(run, [0])));
    // The same day on a fresh clock and simulator, with three windows opening at different times.
    const { requests, windows } = await withHost(async (run) => {
      const requests = await simulatedDay(run, [0, 7 * minute, 23 * minute]);
      return {
        requests,
        windows: run.host.windows.map((w) => ({
          state: w.scheduler.state,
          shown: w.batchesShown,
          sent: { ...w.store.requestCounts },
        })),
      };
    });
    const three = perClockHour(requests);
    console.log(
      `[figure] requests in simulated day, three windows = ${total(three)} (one window ${total(one)}, max per clock hour ${Math.max(...three.values())}, ` +
        `429s ${requests.filter((r) => r.status === 429).length}; by path ${JSON.stringify(byPath(requests))}; ` +
        `per window: batches shown ${windows.map((w) => w.shown).join('/')}, scheduled batches sent ${windows.map((w) => w.sent.scheduled).join('/')})`,
    );
    // Every window was still polling on its own schedule at the end of the day…
    assert.deepEqual(
      windows.map((w) => w.state),
      ['waiting', 'waiting', 'waiting'],
    );
    // …and the two opened later showed a new batch every interval, taken from the first window's fetch.
    for (const [i, w] of windows.entries()) {
      if (i === 0) continue;
      assert.ok(w.shown >= 24 * ticksPerHour - 10, `window ${i + 1} showed ${w.shown} batches`);
      assert.ok(w.sent.scheduled <= 1, `window ${i + 1} fetched ${w.sent.scheduled} scheduled batches itself`);
    }
    for (const [at, count] of three)
      assert.ok(
        count <= (one.get(at) ?? 0),
        `${count} requests with three windows in the hour from ${new Date(at).toISOString()}, ${one.get(at) ?? 0} with one`,
      );
    assert.ok(total(three) >= total(one) - 1, 'three windows still poll');
  });
  it('with the dashboard open: 2 requests a refresh, within 26 every clock hour (13 closed), never a 429, three windows as one', async () => {
    const open = await withHost(async (run) => ({
      requests: await simulatedDay(run, [0], dashboardOpen),
      counts: { ...run.host.windows[0]!.store.requestCounts },
    }));
    const hourly = perClockHour(open.requests);
    const queue = open.requests.filter((r) => r.path === QUEUE);
    const batches = open.requests.filter((r) => r.path === '/api/analytics/batch' && !isPreviousPeriod(r));
    console.log(
      `[figure] dashboard open, simulated day = ${open.requests.length} requests (max per clock hour ${Math.max(...hourly.values())}, ` +
        `429s ${open.requests.filter((r) => r.status === 429).length}; by path ${JSON.stringify(byPath(open.requests))}; the store's counts ${JSON.stringify(open.counts)})`,
    );
    assert.equal(open.requests.filter((r) => r.status === 429).length, 0, 'no 429 with the dashboard open');
    assert.ok(open.requests.every((r) => r.status === 200));
    // Every refresh is two requests (the batch, then its queue metrics); the previous period's queue goes hourly with the previous batch.
    assert.equal(batches.length, 24 * ticksPerHour + 1);
    const previousQueue = queue.filter((r) => Date.parse(r.query.end_date ?? '') < r.at - hour);
    assert.equal(queue.length - previousQueue.length, batches.length, 'one queue request per refresh');
    assert.ok(
      previousQueue.length >= 24 && previousQueue.length <= 25,
      `${previousQueue.length} previous-period queue requests`,
    );
    for (const [at, count] of hourly)
      assert.ok(
        count <= 2 * ticksPerHour + 2,
        `${count} requests with the dashboard open in the hour from ${new Date(at).toISOString()}`,
      );

    // The layout engineer's once-per-session GET /api/analytics/layout, counted here: the dashboard opened
    // (shown, layout read) at the start of a clock hour, the worst place for it.
    const opened = Date.UTC(2026, 10, 26, 10, 0, 30);
    const withLayout = await withHost(async ({ time, sim, host }) => {
      const window = await host.open(focusedWindow);
      await time.advance(opened - start, host.settle);
      window.queue.setVisible(true);
      window.scheduler.setActivity(dashboardOpen);
      await fetchLayout(new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey, now: time.now }));
      await time.advance(4 * hour, host.settle);
      return perClockHour(apiRequests(sim.requests));
    });
    const openingHour = withLayout.get(Math.floor(opened / hour) * hour)!;
    const steady = Math.max(...[...withLayout].filter(([at]) => at > opened).map(([, n]) => n));
    console.log(
      `[figure] dashboard opened at 10:00:30 with the layout GET: ${openingHour} requests in that clock hour, ${steady} in each later one (max)`,
    );
    assert.ok(steady <= 2 * ticksPerHour + 2, `${steady} in a steady hour with the dashboard open`);
    // Opening adds its own queue request for the batch already shown, and the layout GET, once.
    assert.ok(openingHour <= 2 * ticksPerHour + 3, `${openingHour} in the hour the dashboard opened`);

    // Three windows, the dashboard open in the focused one: no clock hour gets more than with one window.
    const three = await withHost(async (run) =>
      perClockHour(await simulatedDay(run, [0, 7 * minute, 23 * minute], dashboardOpen)),
    );
    console.log(
      `[figure] dashboard open, three windows = ${total(three)} requests a day (one window ${total(hourly)}), max per clock hour ${Math.max(...three.values())}`,
    );
    for (const [at, count] of three)
      assert.ok(
        count <= (hourly.get(at) ?? 0),
        `${count} requests with three windows in the hour from ${new Date(at).toISOString()}`,
      );
  });
});

/** No request after `from` before `resetAt`; the first after it comes within one interval, and succeeds. */
function assertQuietUntil(requests: readonly RecordedRequest[], from: number, resetAt: number): void {
  const early = requests.filter((r) => r.at > from && r.at < resetAt);
  assert.deepEqual(
    early.map((r) => `${r.path} at +${(r.at - from) / minute} min`),
    [],
    `nothing before the reset, ${(resetAt - from) / minute} min after the 429`,
  );
  const next = requests.find((r) => r.at >= resetAt);
  assert.ok(next, 'polling resumed');
  assert.ok(next.at - resetAt <= intervalMs, `resumed ${(next.at - resetAt) / minute} min after the reset`);
  assert.equal(next.status, 200);
}
