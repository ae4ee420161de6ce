/**
 * The scheduler driving the real client against the simulator over real sockets, with one injected clock
 * shared by both: simulated hours of polling in a few seconds.
 */
import assert from 'node:assert/strict';
import { GraniteClient } from '../../../src/core/api/client';
import type { GraniteError } from '../../../src/core/api/errors';
import { failureOutcome, successOutcome } from '../../../src/core/outcome';
import { RefreshScheduler, type SharedSchedule } from '../../../src/core/refreshScheduler';
import { startSimulator, type Simulator } from '../../simulator/server';
import { FakeTime } from '../helpers/fakeTime';

const minute = 60_000;
const hour = 60 * minute;

describe('scheduler + client + simulator on one simulated clock', function () {
  let time: FakeTime;
  let sim: Simulator;

  beforeEach(async () => {
    time = new FakeTime(Date.UTC(2026, 10, 26, 8, 0, 0));
    sim = await startSimulator({
      seed: 5,
      workflows: 4,
      days: 3,
      executions: 300,
      quota: 100,
      clock: { now: time.now },
    });
  });
  afterEach(async () => sim.stop());

  function wire() {
    const client = new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey, now: time.now });
    let pending: Promise<void> = Promise.resolve();
    const shared = { value: {} as SharedSchedule };
    const scheduler: RefreshScheduler = new RefreshScheduler(
      {
        time,
        random: () => 0.5,
        readShared: () => shared.value,
        writeShared: (v) => {
          shared.value = v;
        },
        refresh: () => {
          pending = client.fetchBatch({}).then(
            (r) => scheduler.recordOutcome(successOutcome(r)),
            // The client rejects with a GraniteError only.
            (e: unknown) => scheduler.recordOutcome(failureOutcome(e as GraniteError, time.now())),
          );
        },
      },
      5 * minute,
    );
    return { scheduler, settle: () => pending };
  }

  it('stays within 12 requests an hour and never meets a 429 in a focused simulated day (quota 100)', async () => {
    const { scheduler, settle } = wire();
    scheduler.setActivity({ focused: true });
    await time.advance(24 * hour, settle);
    scheduler.dispose();
    const batches = sim.requests.filter((r) => r.path === '/api/analytics/batch');
    assert.ok(batches.length >= 24 * 12 - 1 && batches.length <= 24 * 12 + 1, `${batches.length} requests in 24 h`);
    assert.equal(batches.filter((r) => r.status === 429).length, 0);
    const perHour = new Map<number, number>();
    for (const r of batches) perHour.set(Math.floor(r.at / hour), (perHour.get(Math.floor(r.at / hour)) ?? 0) + 1);
    assert.ok(Math.max(...perHour.values()) <= 13, `at most ${Math.max(...perHour.values())} in one hour`);
  });

  it('sends nothing before the reset after a forced 429', async () => {
    const { scheduler, settle } = wire();
    sim.faults.next({
      kind: 'status',
      status: 429,
      body: { error: 'rate_limited', message: 'Too many requests', code: 429 },
      headers: { 'Retry-After': '1800' },
    });
    scheduler.setActivity({ focused: true });
    await time.advance(1, settle);
    const limitedAt = time.now();
    await time.advance(2 * hour, settle);
    scheduler.dispose();
    const batches = sim.requests.filter((r) => r.path === '/api/analytics/batch');
    assert.equal(batches[0]?.status, 429);
    const next = batches[1];
    assert.ok(next, 'polling resumed');
    assert.ok(
      next.at >= limitedAt + 30 * minute - 1,
      `next request ${(next.at - limitedAt) / minute} min after the 429`,
    );
  });
});
