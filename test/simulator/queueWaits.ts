/**
 * Seeded queue waits for generated executions: how long each run waited for a driver before it started.
 * Drawn from their own PRNG stream after the executions exist, so adding them changed no other figure of
 * any dataset (every earlier draw is untouched). Queue metrics (queueMetrics.ts) aggregate them.
 *
 * The waits follow the executions: a busy hour (many runs started in it) waits longer than a quiet one,
 * scheduled runs (which start together on the hour) wait longer than API calls, and the generator's
 * incident hours (flaky infrastructure, drivers reconnecting) wait much longer.
 */
import type { Execution, TriggerType } from './model';
import { Rng } from './random';
import { HOUR_MS } from './time';

/** Median wait at an average hour's load, by trigger. */
const medianWaitMs: Record<TriggerType, number> = { endpoint: 1_500, manual: 3_000, scheduled: 6_000 };
/** How strongly load lengthens the wait: median × (load / mean load) ^ this. */
const loadExponent = 1.5;
const minLoadFactor = 0.25;
const maxLoadFactor = 8;
/** Drivers reconnecting during the incident: everything queues this much longer. */
const incidentFactor = 4;
const waitSigma = 0.8;
const minWaitMs = 50;
/** Granite's default automation timeout (30 min); nobody waits longer in the simulated queue. */
const maxWaitMs = 30 * 60_000;
/** Separates this stream from the generator's and the random-fault picker's. */
const streamSalt = 0x0c0e0e0e;

export interface QueueWaitOptions {
  seed: number;
  /** The generator's incident window, ms epoch, [from, to). */
  incident: { from: number; to: number };
}

/** Sets `queue_wait_ms` on every execution (in the order given, which the seed makes reproducible). */
export function assignQueueWaits(executions: Execution[], options: QueueWaitOptions): void {
  const perHour = new Map<number, number>();
  for (const e of executions) {
    const hour = Math.floor(e.started_at_ms / HOUR_MS);
    perHour.set(hour, (perHour.get(hour) ?? 0) + 1);
  }
  const meanLoad = perHour.size > 0 ? executions.length / perHour.size : 1;
  const rng = new Rng((options.seed ^ streamSalt) >>> 0);
  for (const e of executions) {
    // Drawn for every run, pending included, so one run's status never shifts another's wait.
    const noise = rng.logNormal(1, waitSigma);
    if (e.status === 'pending') {
      e.queue_wait_ms = null;
      continue;
    }
    const load = (perHour.get(Math.floor(e.started_at_ms / HOUR_MS)) ?? 1) / meanLoad;
    const loadFactor = Math.min(maxLoadFactor, Math.max(minLoadFactor, load ** loadExponent));
    const inIncident = e.started_at_ms >= options.incident.from && e.started_at_ms < options.incident.to;
    const wait = medianWaitMs[e.triggered_by] * loadFactor * (inIncident ? incidentFactor : 1) * noise;
    e.queue_wait_ms = Math.min(maxWaitMs, Math.max(minWaitMs, Math.round(wait)));
  }
}
