/**
 * Issue 14's rule for the queue metrics route, proven on the real host wiring (hostWindows.ts: store,
 * scheduler, previous period, queue source) against the simulator: its errors are its own. A 401 or a 429
 * on `GET /api/analytics/queue-metrics` leaves the batch polling at its interval, the key valid (no
 * "stopped for credentials", no store error) and the schedule unblocked; only the queue card shows it.
 */
import assert from 'node:assert/strict';
import { mulberry32 } from '../../simulator/random';
import { startSimulator, type Simulator } from '../../simulator/server';
import { FakeTime } from '../../unit/helpers/fakeTime';
import { apiRequests, defaultIntervalMs, hour, isPreviousPeriod, minute, startHost, type Host } from './hostWindows';

const QUEUE = '/api/analytics/queue-metrics';
const start = Date.UTC(2026, 10, 26, 8, 3, 0);
const intervalMs = defaultIntervalMs();

describe('reliability: queue metrics errors are contained', function () {
  this.timeout(60_000);
  let time: FakeTime;
  let sim: Simulator;
  let host: Host;

  beforeEach(async () => {
    time = new FakeTime(start);
    sim = await startSimulator({ seed: 4, workflows: 5, days: 10, executions: 500, quota: 100, clock: time });
    host = await startHost({ time, baseUrl: sim.url, apiKey: sim.apiKey, random: mulberry32(5) });
  });

  afterEach(async () => {
    await host.close();
    await sim.stop();
  });

  const batchesSince = (at: number) =>
    apiRequests(sim.requests).filter((r) => r.path === '/api/analytics/batch' && !isPreviousPeriod(r) && r.at > at);

  const faults: { name: string; status: number; headers: Record<string, string>; kind: string }[] = [
    { name: '401', status: 401, headers: {}, kind: 'Unauthorized' },
    { name: '429 with Retry-After', status: 429, headers: { 'Retry-After': '900' }, kind: 'RateLimited' },
  ];
  for (const fault of faults) {
    it(`a ${fault.name} on the queue route leaves the batch polling and the key valid`, async () => {
      const window = await host.open({ focused: true, viewVisible: true, dashboardVisible: true });
      await time.advance(20 * minute, host.settle);
      assert.ok(window.queue.state()?.fetchedAt, 'queue metrics shown');
      const good = window.queue.state()!.data;
      sim.faults.next({ kind: 'status', status: fault.status, headers: fault.headers }, { path: QUEUE });
      const faultAt = time.now();
      await time.advance(intervalMs + minute, host.settle);
      assert.equal(window.queue.state()?.error?.kind, fault.kind, 'the queue card has its own error');
      assert.deepEqual(window.queue.state()!.data, good, 'the last good points are kept…');
      assert.equal(window.queue.state()!.stale, true, '…marked stale');
      assert.equal(window.store.state.error, undefined);
      await time.advance(hour, host.settle);

      assert.equal(window.scheduler.state, 'waiting', 'the batch polls on');
      assert.equal(window.scheduler.blockedUntil(), 0, 'the schedule is not blocked');
      assert.equal(window.store.state.error, undefined, 'the store shows no error: the key is valid');
      assert.ok(
        batchesSince(faultAt).length >= hour / intervalMs - 1,
        `${batchesSince(faultAt).length} batches in the hour after the fault`,
      );
      assert.ok(
        apiRequests(sim.requests).every((r) => r.status === 200 || r.path === QUEUE),
        'only the queue route failed',
      );
      if (fault.status === 429) {
        const limited = sim.requests.find((r) => r.path === QUEUE && r.status === 429)!;
        const early = sim.requests.filter(
          (r) => r.path === QUEUE && r.at > limited.at && r.at < limited.at + 15 * minute,
        );
        assert.deepEqual(early, [], 'nothing on the queue route before its Retry-After');
      }
      assert.equal(window.queue.state()?.error, undefined, 'asked again with a later refresh, and it answered');
      assert.equal(window.queue.state()?.stale, false);
    });
  }
});
