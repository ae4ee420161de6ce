/**
 * The reference semantics of `POST /api/analytics/batch`: a pure function from raw executions and
 * validated filters to every section. Each choice Granite leaves undocumented is noted where it is
 * made (and collected in SEMANTICS.md).
 *
 * One pass over the executions in range collects counters; aggregateSections.ts turns them into the
 * response. Executions are sorted by start, so the date range is a binary-searched slice.
 */
import type { BatchedAnalyticsResponseInput } from '../../src/core/api/schemas';
import {
  type Collected,
  type Dataset,
  type EndpointTotals,
  type Execution,
  type ValidFilters,
  type WorkflowTotals,
  isTerminal,
} from './model';
import { bucketIndex, bucketStart, bucketStarts, DAY_MS } from './time';
import { lowerBound, upperBound } from './stats';
import * as sections from './aggregateSections';

export { sectionLimits, HISTOGRAM_BUCKET_MS, complexityScore } from './aggregateSections';
export type { ValidFilters } from './model';

export interface AggregateOptions {
  /** The clock's now: `active_today` is the 24 h before it. */
  now: number;
  /** Return every item of every list instead of Granite's per-section limits. */
  liftLimits: boolean;
}

const startOf = (e: Execution) => e.started_at_ms;

/** workflow_name, triggered_by and status are exact matches; the date range is handled by slicing. */
export function matches(e: Execution, f: ValidFilters): boolean {
  return (
    (f.workflow_name === null || e.workflow_name === f.workflow_name) &&
    (f.triggered_by === null || e.triggered_by === f.triggered_by) &&
    (f.status === null || e.status === f.status)
  );
}

/** Executions with `lo ≤ started_at ≤ hi` (both inclusive). */
export function sliceByStart(executions: readonly Execution[], lo: number, hi: number): [number, number] {
  return [lowerBound(executions, lo, startOf), upperBound(executions, hi, startOf)];
}

function emptyWorkflow(): WorkflowTotals {
  return {
    terminal: 0,
    completed: 0,
    failed: 0,
    durationSum: 0,
    durationCount: 0,
    lastStart: -Infinity,
    clicks: 0,
    keystrokes: 0,
    scrolls: 0,
    screenshots: 0,
    steps: 0,
    iterations: 0,
  };
}

export function collect(dataset: Dataset, f: ValidFilters): Collected {
  const buckets = bucketStarts(f.startMs, f.endMs, f.granularity);
  const first = bucketStart(f.startMs, f.granularity);
  const n = buckets.length;
  const c: Collected = {
    buckets,
    total: new Int32Array(n),
    completed: new Int32Array(n),
    failed: new Int32Array(n),
    cancelled: new Int32Array(n),
    running: new Int32Array(n),
    pending: new Int32Array(n),
    terminal: 0,
    completedCount: 0,
    tokens: 0,
    durations: [],
    failures: [],
    triggers: new Map(),
    workflows: new Array<WorkflowTotals | undefined>(dataset.workflows.length),
    endpoints: new Map(),
  };
  const [lo, hi] = sliceByStart(dataset.executions, f.startMs, f.endMs);
  for (let i = lo; i < hi; i++) {
    const e = dataset.executions[i] as Execution;
    if (!matches(e, f)) continue;
    const b = bucketIndex(e.started_at_ms, first, f.granularity);
    c.total[b]! += 1;
    c[e.status][b]! += 1;
    // Tokens count for every run in range, whatever its status.
    c.tokens += e.tokens;
    c.triggers.set(e.triggered_by, (c.triggers.get(e.triggered_by) ?? 0) + 1);

    let w = c.workflows[e.workflow];
    if (!w) c.workflows[e.workflow] = w = emptyWorkflow();
    if (e.started_at_ms > w.lastStart) w.lastStart = e.started_at_ms;
    if (!isTerminal(e.status)) continue;

    // From here on: terminal runs only (completed, failed, cancelled), per Granite's
    // "total = successful + failed + cancelled".
    c.terminal += 1;
    w.terminal += 1;
    w.clicks += e.clicks;
    w.keystrokes += e.keystrokes;
    w.scrolls += e.scrolls;
    w.screenshots += e.screenshots;
    w.steps += e.steps;
    w.iterations += e.iterations;
    if (e.status === 'completed') {
      c.completedCount += 1;
      w.completed += 1;
    } else if (e.status === 'failed') {
      w.failed += 1;
      c.failures.push(e);
    }
    if (e.duration_ms !== null) {
      c.durations.push(e.duration_ms);
      w.durationSum += e.duration_ms;
      w.durationCount += 1;
    }
    // Endpoint usage: endpoint-triggered terminal runs that name their endpoint.
    if (e.triggered_by === 'endpoint' && e.endpoint_slug !== null) {
      const method = e.http_method ?? 'POST';
      let bySlug = c.endpoints.get(e.endpoint_slug);
      if (!bySlug) c.endpoints.set(e.endpoint_slug, (bySlug = new Map<string, EndpointTotals>()));
      let ep = bySlug.get(method);
      if (!ep)
        bySlug.set(method, (ep = { slug: e.endpoint_slug, method, invocations: 0, completed: 0, durations: [] }));
      ep.invocations += 1;
      if (e.status === 'completed') ep.completed += 1;
      if (e.duration_ms !== null) ep.durations.push(e.duration_ms);
    }
  }
  return c;
}

/**
 * `active_today`: runs of any status started in the 24 h up to `now` (inclusive), ignoring the date
 * range ("Runs in the last 24 hours") but honouring workflow_name, triggered_by and status.
 */
export function activeToday(dataset: Dataset, f: ValidFilters, now: number): number {
  const [lo, hi] = sliceByStart(dataset.executions, now - DAY_MS, now);
  let count = 0;
  for (let i = lo; i < hi; i++) if (matches(dataset.executions[i] as Execution, f)) count++;
  return count;
}

export function aggregateBatch(
  dataset: Dataset,
  filters: ValidFilters,
  opts: AggregateOptions,
): BatchedAnalyticsResponseInput {
  const c = collect(dataset, filters);
  const lift = opts.liftLimits;
  return {
    summary: sections.summary(c, activeToday(dataset, filters, opts.now)),
    executions_over_time: sections.executionsOverTime(c, filters.granularity),
    success_rate: sections.successRate(c, filters.granularity),
    failure_breakdown: sections.failureBreakdown(c, lift),
    trigger_distribution: sections.triggerDistribution(c),
    top_automations: sections.topAutomations(c, dataset, lift),
    duration_distribution: sections.durationDistribution(c),
    recent_failures: sections.recentFailures(c, lift),
    actions_per_workflow: sections.actionsPerWorkflow(c, dataset, lift),
    workflow_complexity: sections.workflowComplexity(c, dataset, lift),
    endpoint_usage: sections.endpointUsage(c, lift),
    // The org's full, sorted list of workflow names: no filter applies (it feeds the filter picker).
    workflows: dataset.workflows.map((w) => w.name).sort(),
  };
}

/**
 * A key that identifies the result exactly: the slice of executions, the bucket grid, the filters
 * and the active_today window. Lets the server reuse a serialized response across requests.
 */
export function aggregationKey(dataset: Dataset, f: ValidFilters, opts: AggregateOptions): string {
  const [lo, hi] = sliceByStart(dataset.executions, f.startMs, f.endMs);
  const [alo, ahi] = sliceByStart(dataset.executions, opts.now - DAY_MS, opts.now);
  return JSON.stringify([
    lo,
    hi,
    alo,
    ahi,
    bucketStart(f.startMs, f.granularity),
    bucketStart(f.endMs, f.granularity),
    f.granularity,
    f.workflow_name,
    f.triggered_by,
    f.status,
    opts.liftLimits,
  ]);
}
