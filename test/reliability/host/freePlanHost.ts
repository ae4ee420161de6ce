/**
 * One simulated stretch of a user's day on Granite's free plan: a fresh injected clock, the simulator with
 * the free plan's quota on that clock, and the host's windows (hostWindows.ts) on it, all stopped afterwards.
 * The budget suites (requestBudget.test.ts for the polling, runBudget.test.ts with runs opened) measure on
 * the same dataset and clock, so their figures compare.
 */
import { mulberry32 } from '../../simulator/random';
import { startSimulator, type Simulator } from '../../simulator/server';
import { FakeTime } from '../../unit/helpers/fakeTime';
import { startHost, type Host } from './hostWindows';

/** Requests an hour on the free plan. */
export const freePlanQuota = 100;

export interface FreePlanRun {
  time: FakeTime;
  sim: Simulator;
  host: Host;
}

/** A fresh clock at `start`, simulator (free-plan quota on that clock) and host; all stopped afterwards. */
export async function withFreePlanHost<T>(start: number, body: (run: FreePlanRun) => Promise<T>): Promise<T> {
  const time = new FakeTime(start);
  const sim = await startSimulator({
    seed: 11,
    workflows: 6,
    days: 10,
    executions: 800,
    quota: freePlanQuota,
    clock: { now: time.now },
  });
  const host = await startHost({ time, baseUrl: sim.url, apiKey: sim.apiKey, random: mulberry32(3) });
  try {
    return await body({ time, sim, host });
  } finally {
    await host.close();
    await sim.stop();
  }
}
