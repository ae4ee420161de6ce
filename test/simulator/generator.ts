/**
 * Seeded generator of raw executions. Same options → identical dataset; everything is drawn from one
 * PRNG stream in a fixed order.
 */
import { Rng } from './random';
import { cancelledCategory, cancelledMessage, failureCategories, failureMessage, type FailureCategory } from './names';
import { assignQueueWaits } from './queueWaits';
import { finishDataset, type Dataset, type ExecutionStatus, type Execution, type TriggerType } from './model';
import { defineWorkflows, type WorkflowProfile } from './workflows';

export type { Dataset, Execution, WorkflowDef } from './model';

export interface GenerateOptions {
  seed: number;
  workflows: number;
  days: number;
  executions: number;
  /** ms epoch; floored to the minute so a dataset is stable within a minute. */
  now: number;
  large?: boolean;
}

export const defaultDatasetOptions = { workflows: 24, days: 30, executions: 20_000 } as const;
/** ~150k runs over 90 days: ≥ 10,000 failures, ≥ 500 endpoints, ~200 histogram buckets. */
export const largeDatasetOptions = { workflows: 2_000, days: 90, executions: 150_000, large: true } as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Relative activity by UTC hour: office hours busy, nights quiet. */
const hourlyActivity = [
  0.15, 0.12, 0.1, 0.1, 0.12, 0.2, 0.35, 0.6, 0.9, 1, 1, 0.95, 0.8, 0.9, 1, 1, 0.95, 0.8, 0.6, 0.45, 0.35, 0.3, 0.25,
  0.2,
];
/** Relative activity by UTC weekday (0 = Sunday). */
const weekdayActivity = [0.3, 1, 1, 0.95, 0.95, 0.85, 0.35];

/** Draws a start time in [from, to) following the diurnal and weekday pattern (rejection sampling). */
function sampleStart(rng: Rng, from: number, to: number): number {
  for (let attempt = 0; attempt < 64; attempt++) {
    const t = rng.float(from, to);
    const d = new Date(t);
    const density = (hourlyActivity[d.getUTCHours()] ?? 1) * (weekdayActivity[d.getUTCDay()] ?? 1);
    if (rng.next() < density) return Math.floor(t);
  }
  return Math.floor(rng.float(from, to));
}

function pickTrigger(rng: Rng, w: WorkflowProfile): TriggerType {
  const m = w.def.triggerMix;
  return rng.weighted<TriggerType>([
    ['manual', m.manual],
    ['endpoint', m.endpoint],
    ['scheduled', m.scheduled],
  ]);
}

/** Binary search in cumulative weights. */
function pickWorkflow(rng: Rng, cumulative: Float64Array): number {
  const total = cumulative[cumulative.length - 1] ?? 0;
  const r = rng.next() * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] ?? 0) > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

interface Incident {
  from: number;
  to: number;
}

function makeExecution(
  rng: Rng,
  index: number,
  w: WorkflowProfile,
  startedAt: number,
  now: number,
  forced: ExecutionStatus | null,
  incident: Incident,
  ids: Set<string>,
): Execution {
  const def = w.def;
  const trigger = pickTrigger(rng, w);
  const endpoint = trigger === 'endpoint' && def.endpoints.length > 0 ? rng.pick(def.endpoints) : null;
  // Scheduled runs start on the hour (plus queue jitter), which is how cron-like schedules look;
  // rounding up keeps them inside the sampled period.
  let start = startedAt;
  if (trigger === 'scheduled' && forced === null) {
    const onHour = Math.ceil(startedAt / HOUR) * HOUR + rng.int(0, 20_000);
    if (onHour <= now) start = onHour;
  }
  let id = `exec_${rng.hex(16)}`;
  while (ids.has(id)) id = `exec_${rng.hex(16)}`;
  ids.add(id);

  const natural = Math.min(
    Math.max(300, Math.round(rng.logNormal(def.medianDurationMs, def.durationSigma))),
    Math.round(def.timeoutMs * 0.95),
  );
  const inIncident = start >= incident.from && start < incident.to;
  let status: ExecutionStatus = forced ?? 'completed';
  let category: FailureCategory | null = null;
  if (forced === null) {
    if (inIncident && rng.chance(0.3)) {
      status = 'failed';
      category = 'connection_lost';
    } else if (rng.chance(def.failureRate)) {
      status = 'failed';
      category = rng.weighted(failureCategories);
    } else if (rng.chance(def.cancelRate)) {
      status = 'cancelled';
    }
  }

  let duration: number | null;
  let fraction = 1;
  if (status === 'pending') {
    duration = null;
    fraction = 0;
  } else if (status === 'running') {
    duration = null;
    fraction = rng.float(0.1, 0.9);
  } else if (category === 'timeout') {
    duration = def.timeoutMs + rng.int(0, 1_500);
    fraction = rng.float(0.3, 0.9);
  } else if (status === 'completed') {
    duration = natural;
  } else {
    fraction = rng.float(0.05, 1);
    duration = Math.max(200, Math.round(natural * fraction));
  }
  // A run that would still be going at `now` is reported as running.
  if (duration !== null && start + duration > now) {
    status = 'running';
    category = null;
    duration = null;
  }

  const executedSteps = Math.max(status === 'pending' ? 0 : 1, Math.round(def.steps * fraction));
  const iterations = status === 'pending' ? 0 : Math.max(1, rng.count(w.meanIterations * fraction));
  const isFailed = status === 'failed';
  return {
    execution_id: id,
    run_id: def.run_id,
    workflow_name: def.name,
    workflow: index,
    triggered_by: trigger,
    endpoint_slug: endpoint ? endpoint.endpoint_slug : null,
    http_method: endpoint ? endpoint.http_method : null,
    status,
    started_at_ms: start,
    completed_at_ms: duration === null ? null : start + duration,
    duration_ms: duration,
    error_category: isFailed ? category : status === 'cancelled' ? cancelledCategory : null,
    error_message:
      isFailed && category
        ? failureMessage(rng, category, def.timeoutMs)
        : status === 'cancelled'
          ? cancelledMessage
          : null,
    clicks: rng.count(executedSteps * w.clicksPerStep * (w.def.agent ? 1.5 : 1)),
    keystrokes: rng.count(executedSteps * w.keystrokesPerStep),
    scrolls: rng.count(executedSteps * w.scrollsPerStep),
    // A screenshot before and after each action, plus one on error.
    screenshots: status === 'pending' ? 0 : executedSteps * 2 + (isFailed ? 1 : 0),
    steps: executedSteps,
    iterations,
    tokens: w.tokensPerIteration > 0 ? Math.round(iterations * w.tokensPerIteration * rng.float(0.7, 1.3)) : 0,
    // Set by assignQueueWaits from its own stream, so the draws above stay as they were.
    queue_wait_ms: null,
  };
}

export function generateDataset(opts: GenerateOptions): Dataset {
  if (!(opts.workflows >= 1) || !(opts.days >= 1) || !(opts.executions >= 0)) {
    throw new Error('generateDataset needs workflows ≥ 1, days ≥ 1 and executions ≥ 0');
  }
  const rng = new Rng(opts.seed);
  const now = Math.floor(opts.now / 60_000) * 60_000;
  const periodStart = now - opts.days * DAY;
  const orgId = `org_${rng.hex(12)}`;
  const profiles = defineWorkflows(rng, opts.workflows, opts.days, opts.large === true);

  // A few hours of flaky infrastructure a third of the way back: a visible failure spike.
  const incidentFrom = Math.floor((now - Math.ceil(opts.days / 3) * DAY) / DAY) * DAY + 13 * HOUR;
  const incident: Incident = { from: incidentFrom, to: incidentFrom + 4 * HOUR };

  const cumulative = new Float64Array(profiles.length);
  let acc = 0;
  profiles.forEach((p, i) => {
    acc += p.weight;
    cumulative[i] = acc;
  });
  const active = profiles.map((p, i) => ({ p, i })).filter(({ p }) => p.def.quietForMs === 0);

  // Runs still queued or in flight right now, so the live statuses always appear.
  const liveRunning = opts.executions >= 20 ? Math.max(1, Math.round(opts.executions / 4_000)) : 0;
  const livePending = opts.executions >= 20 ? Math.max(1, Math.round(opts.executions / 8_000)) : 0;

  const ids = new Set<string>();
  const executions: Execution[] = [];
  const regular = opts.executions - liveRunning - livePending;
  for (let n = 0; n < regular; n++) {
    const wi = pickWorkflow(rng, cumulative);
    const w = profiles[wi] as WorkflowProfile;
    const until = now - w.def.quietForMs;
    const from = Math.min(periodStart, until - DAY);
    executions.push(makeExecution(rng, wi, w, sampleStart(rng, from, until + 1), now, null, incident, ids));
  }
  for (let n = 0; n < liveRunning + livePending; n++) {
    const { p, i } = rng.pick(active.length > 0 ? active : profiles.map((p, i) => ({ p, i })));
    const pending = n >= liveRunning;
    const start = now - rng.int(0, pending ? 5 * 60_000 : HOUR);
    executions.push(makeExecution(rng, i, p, start, now, pending ? 'pending' : 'running', incident, ids));
  }

  assignQueueWaits(executions, { seed: opts.seed, incident });
  return finishDataset(
    { seed: opts.seed, now, days: opts.days, orgId, orgSlug: 'acme-automation', workflows: profiles.map((p) => p.def) },
    executions,
  );
}
