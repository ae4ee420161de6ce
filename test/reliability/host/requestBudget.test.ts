/**
 * The rate-limit budget, proven against the simulator on Granite's free plan (100 requests an hour):
 * simulated days of the host's polling with default settings, real sockets, one injected clock shared by
 * the schedulers and the simulator's quota.
 *
 * Beyond test/unit/core/schedulerSimulator.test.ts (one window, a hard-coded 5 minutes, only the batch,
 * a 429 on the very first request): the settings are the manifest's defaults; every request the host
 * sends per tick counts (`hostRequests`: the batch and the identity check; a new request source is one
 * more entry there); the quota is checked per clock hour as the server counts it; the 429s come mid-day,
 * once with Retry-After and once from the quota itself; three windows run a whole day against one.
 */
import assert from 'node:assert/strict';
import { GraniteClient } from '../../../src/core/api/client';
import { startSimulator, type RecordedRequest, type Simulator } from '../../simulator/server';
import { mulberry32 } from '../../simulator/random';
import { FakeTime } from '../../unit/helpers/fakeTime';
import { apiRequests, batchRefresh, defaultSettings, hostWindows, identityCheck, hour, minute, perClockHour, previousPeriod, type HostWindows, type TickRequest } from './hostWindows';

const quota = 100;
// Not on a round hour, so the first clock hour is a partial one, as it is for a real user.
const start = Date.UTC(2026, 10, 26, 7, 48, 13);
const settings = defaultSettings();
/** Everything the host sends on a scheduled tick. A new kind of request is added here, and every test below counts it. */
const comparison: { held?: { filterKey: string; fetchedAt: number } } = {};
const hostRequests = (): TickRequest[] => [batchRefresh(settings.filters), identityCheck(), previousPeriod(settings.filters, comparison)];
const focusedWindow = { focused: true, viewVisible: false };
/** Only one window has the focus; the others poll because their Workflows view is showing. */
const backgroundWindow = { focused: false, viewVisible: true };

interface Run {
  time: FakeTime;
  sim: Simulator;
  host: HostWindows;
}

/** A fresh clock, simulator (free-plan quota on that clock) and host; everything is stopped afterwards. */
async function withHost<T>(body: (run: Run) => Promise<T>): Promise<T> {
  comparison.held = undefined;   // each run starts without a cached comparison
  const time = new FakeTime(start);
  const sim = await startSimulator({ seed: 11, workflows: 6, days: 10, executions: 800, quota, clock: { now: time.now } });
  const host = hostWindows({ time, baseUrl: sim.url, apiKey: sim.apiKey, intervalMs: settings.intervalMs, requests: hostRequests, random: mulberry32(3) });
  try {
    return await body({ time, sim, host });
  } finally {
    host.dispose();
    await sim.stop();
  }
}

/** A day of polling: windows open at the given offsets from the start (the first at once), until 24 h. */
async function simulatedDay({ time, sim, host }: Run, openAt: number[]): Promise<RecordedRequest[]> {
  let elapsed = 0;
  for (const [i, at] of openAt.entries()) {
    await time.advance(at - elapsed, host.settle);
    elapsed = at;
    host.open(i === 0 ? focusedWindow : backgroundWindow);
  }
  await time.advance(24 * hour - elapsed, host.settle);
  return apiRequests(sim.requests);
}

const endOfClockHour = (at: number) => Math.floor(at / hour) * hour + hour;
const total = (counts: Map<number, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

describe('reliability: the request budget on the free plan (100 requests an hour)', function () {
  this.timeout(120_000);

  it('never meets a 429 in a focused simulated day with default settings, and stays within the quota every clock hour', async () => {
    const requests = await withHost((run) => simulatedDay(run, [0]));
    const batches = requests.filter((r) => r.path === '/api/analytics/batch');
    const hourly = perClockHour(requests);
    const maxPerHour = Math.max(...hourly.values());
    const limited = requests.filter((r) => r.status === 429).length;
    console.log(`[figure] requests in simulated day = ${requests.length} (max per hour ${maxPerHour}, 429s ${limited})`);
    assert.equal(limited, 0, 'no 429 in a day of default polling');
    assert.ok(requests.every((r) => r.status === 200), 'every request answered');
    assert.ok(maxPerHour <= quota, `${maxPerHour} requests in one clock hour`);
    // Polling really ran all day (a scheduler that stopped would pass the checks above trivially)…
    const ticksPerHour = Math.ceil(hour / settings.intervalMs);
    assert.ok(batches.length >= 24 * ticksPerHour - 1, `${batches.length} batches in 24 h at ${settings.intervalMs / minute} min`);
    // …and at the configured interval, not faster (plus at most one previous-period request an hour):
    // well under the quota, leaving room for the user's own actions.
    for (const [at, count] of perClockHour(batches)) assert.ok(count <= ticksPerHour + 1, `${count} batches in the hour from ${new Date(at).toISOString()}`);
    const comparisons = batches.filter((r) => Date.parse((r.body as { end_date: string }).end_date) < r.at - hour);
    assert.ok(comparisons.length >= 23 && comparisons.length <= 25, `${comparisons.length} previous-period requests in 24 h (one an hour)`);
  });

  it('sends nothing before the reset after a forced 429 with Retry-After, then polls again', async () => {
    const retryAfterSeconds = 25 * 60;
    const requests = await withHost(async ({ time, sim, host }) => {
      host.open(focusedWindow);
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
      host.open(focusedWindow);
      await time.advance(2 * hour + 20 * minute, host.settle);
      // A script of the user's with the same key spends the rest of this hour's quota at once.
      const other = new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey, now: time.now });
      for (let i = 0; i <= quota && !(await other.fetchBatch({}).then(() => false, () => true)); i++);
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
    const { requests, states, adopted } = await withHost(async (run) => {
      const requests = await simulatedDay(run, [0, 7 * minute, 23 * minute]);
      return { requests, states: run.host.schedulers.map((s) => s.state), adopted: run.host.adopted };
    });
    const three = perClockHour(requests);
    console.log(`[figure] requests in simulated day, three windows = ${total(three)} (one window ${total(one)}, max per hour ${Math.max(...three.values())}, 429s ${requests.filter((r) => r.status === 429).length})`);
    // Every window was still polling on its own schedule at the end of the day, and the other two took the shared result.
    assert.deepEqual(states, ['waiting', 'waiting', 'waiting']);
    assert.ok(adopted >= 2 * 24 * (hour / settings.intervalMs) - 10, `${adopted} ticks adopted from another window`);
    for (const [at, count] of three) assert.ok(count <= (one.get(at) ?? 0), `${count} requests with three windows in the hour from ${new Date(at).toISOString()}, ${one.get(at) ?? 0} with one`);
    assert.ok(total(three) >= total(one) - 1, 'three windows still poll');
  });
});

/** No request after `from` before `resetAt`; the first after it comes within one interval, and succeeds. */
function assertQuietUntil(requests: readonly RecordedRequest[], from: number, resetAt: number): void {
  const early = requests.filter((r) => r.at > from && r.at < resetAt);
  assert.deepEqual(early.map((r) => `${r.path} at +${(r.at - from) / minute} min`), [], `nothing before the reset, ${(resetAt - from) / minute} min after the 429`);
  const next = requests.find((r) => r.at >= resetAt);
  assert.ok(next, 'polling resumed');
  assert.ok(next.at - resetAt <= settings.intervalMs, `resumed ${(next.at - resetAt) / minute} min after the reset`);
  assert.equal(next.status, 200);
}
