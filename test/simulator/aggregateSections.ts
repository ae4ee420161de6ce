/**
 * Builds each batch section from the counters of one pass (aggregate.ts). Types come from our zod
 * schemas; nothing here re-declares a response shape.
 */
import type { BatchedAnalyticsResponseInput } from '../../src/core/api/schemas';
import type { Granularity } from '../../src/core/api/vocabulary';
import type { Collected, Dataset, Execution, WorkflowDef, WorkflowTotals } from './model';
import { compareStrings, mean1, percentile, rate, round } from './stats';
import { isoMillis, isoSeconds } from './time';

type Batch = BatchedAnalyticsResponseInput;

/** Granite's per-endpoint defaults, applied to the batch (which takes no limit parameters). */
export const sectionLimits = {
  failure_breakdown: 10,
  top_automations: 10,
  recent_failures: 20,
  actions_per_workflow: 10,
  workflow_complexity: 50,
  endpoint_usage: 10,
} as const;

/** Histogram bucket width: the duration-distribution route's default `bucket_size_ms`. */
export const HISTOGRAM_BUCKET_MS = 5_000;

function limit<T>(items: T[], max: number, lift: boolean): T[] {
  return lift ? items : items.slice(0, max);
}

function sum(values: Int32Array): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

export function summary(c: Collected, activeToday: number): Batch['summary'] {
  let durationSum = 0;
  for (const d of c.durations) durationSum += d;
  return {
    // Terminal runs only: running and pending are not "successful + failed + cancelled".
    total_executions: c.terminal,
    completed: c.completedCount,
    total_failures: sum(c.failed),
    success_rate: rate(c.completedCount, c.terminal),
    avg_duration_ms: mean1(durationSum, c.durations.length),
    active_today: activeToday,
    total_tokens: c.tokens,
  };
}

export function executionsOverTime(c: Collected, granularity: Granularity): Batch['executions_over_time'] {
  // Every bucket from start to end, empty ones as zeros, so charts need no gap filling.
  return {
    data: c.buckets.map((t, i) => ({
      time: isoSeconds(t),
      total: c.total[i] ?? 0,
      completed: c.completed[i] ?? 0,
      failed: c.failed[i] ?? 0,
      running: c.running[i] ?? 0,
      pending: c.pending[i] ?? 0,
    })),
    granularity,
  };
}

export function successRate(c: Collected, granularity: Granularity): Batch['success_rate'] {
  return {
    data: c.buckets.map((t, i) => {
      const completed = c.completed[i] ?? 0;
      const total = completed + (c.failed[i] ?? 0) + (c.cancelled[i] ?? 0);
      // 0 when the bucket has no terminal run; clients show a gap where total is 0.
      return { time: isoSeconds(t), total, completed, success_rate: rate(completed, total) };
    }),
    granularity,
  };
}

export function failureBreakdown(c: Collected, lift: boolean): Batch['failure_breakdown'] {
  const byCategory = new Map<string, { count: number; messages: Map<string, number> }>();
  for (const e of c.failures) {
    const category = e.error_category ?? 'unknown';
    let entry = byCategory.get(category);
    if (!entry) byCategory.set(category, (entry = { count: 0, messages: new Map() }));
    entry.count += 1;
    if (e.error_message !== null) entry.messages.set(e.error_message, (entry.messages.get(e.error_message) ?? 0) + 1);
  }
  const data = [...byCategory.entries()]
    .map(([category, { count, messages }]) => ({
      category,
      count,
      // Up to three distinct messages, most frequent first (ties alphabetical).
      sample_messages: [...messages.entries()]
        .sort((a, b) => b[1] - a[1] || compareStrings(a[0], b[0]))
        .slice(0, 3)
        .map(([m]) => m),
    }))
    .sort((a, b) => b.count - a.count || compareStrings(a.category, b.category));
  // total_failures counts every failed run, not only the categories listed.
  return { data: limit(data, sectionLimits.failure_breakdown, lift), total_failures: c.failures.length };
}

export function triggerDistribution(c: Collected): Batch['trigger_distribution'] {
  // Runs of every status, by trigger; only triggers that occur, most frequent first.
  const data = [...c.triggers.entries()]
    .map(([trigger_type, count]) => ({ trigger_type, count }))
    .sort((a, b) => b.count - a.count || compareStrings(a.trigger_type, b.trigger_type));
  return { data };
}

interface Row {
  def: WorkflowDef;
  t: WorkflowTotals;
}

/** Workflows with at least one terminal run in range. */
function workflowRows(c: Collected, dataset: Dataset): Row[] {
  const rows: Row[] = [];
  c.workflows.forEach((t, index) => {
    const def = dataset.workflows[index];
    if (def && t && t.terminal > 0) rows.push({ def, t });
  });
  return rows;
}

export function topAutomations(c: Collected, dataset: Dataset, lift: boolean): Batch['top_automations'] {
  const data = workflowRows(c, dataset)
    .sort((a, b) => b.t.terminal - a.t.terminal || compareStrings(a.def.name, b.def.name))
    .map(({ def, t }) => ({
      workflow_name: def.name,
      executions: t.terminal,
      completed: t.completed,
      failures: t.failed,
      success_rate: rate(t.completed, t.terminal),
      avg_duration_ms: mean1(t.durationSum, t.durationCount),
      last_execution: isoMillis(t.lastStart),
    }));
  return { data: limit(data, sectionLimits.top_automations, lift), sort_by: 'executions' };
}

export function durationDistribution(c: Collected): Batch['duration_distribution'] {
  const n = c.durations.length;
  if (n === 0) {
    return {
      stats: { total: 0, avg_ms: 0, min_ms: 0, max_ms: 0, p50_ms: 0, p75_ms: 0, p90_ms: 0, p95_ms: 0, p99_ms: 0 },
      histogram: [],
    };
  }
  const sorted = Float64Array.from(c.durations).sort();
  let total = 0;
  for (const d of sorted) total += d;
  const min = sorted[0] as number;
  const max = sorted[n - 1] as number;
  // Contiguous [start, end) buckets from the one holding min to the one holding max, empties included.
  const firstBucket = Math.floor(min / HISTOGRAM_BUCKET_MS);
  const counts = new Array<number>(Math.floor(max / HISTOGRAM_BUCKET_MS) - firstBucket + 1).fill(0);
  for (const d of sorted) counts[Math.floor(d / HISTOGRAM_BUCKET_MS) - firstBucket]! += 1;
  const p = (q: number) => round(percentile(sorted, q), 1);
  return {
    stats: {
      total: n,
      avg_ms: round(total / n, 1),
      min_ms: Math.round(min),
      max_ms: Math.round(max),
      p50_ms: p(50),
      p75_ms: p(75),
      p90_ms: p(90),
      p95_ms: p(95),
      p99_ms: p(99),
    },
    histogram: counts.map((count, i) => ({
      bucket_start_ms: (firstBucket + i) * HISTOGRAM_BUCKET_MS,
      bucket_end_ms: (firstBucket + i + 1) * HISTOGRAM_BUCKET_MS,
      count,
    })),
  };
}

export function recentFailures(c: Collected, lift: boolean): Batch['recent_failures'] {
  const sorted = c.failures
    .slice()
    .sort(
      (a: Execution, b: Execution) =>
        b.started_at_ms - a.started_at_ms || compareStrings(a.execution_id, b.execution_id),
    );
  const page = limit(sorted, sectionLimits.recent_failures, lift);
  return {
    data: page.map((e) => ({
      execution_id: e.execution_id,
      run_id: e.run_id,
      workflow_name: e.workflow_name,
      error_category: e.error_category ?? 'unknown',
      error_message: e.error_message,
      triggered_by: e.triggered_by,
      started_at: isoMillis(e.started_at_ms),
      duration_ms: e.duration_ms,
    })),
    total: sorted.length,
    // Lifted: `limit` reports how many were returned (the page is everything).
    limit: lift ? page.length : sectionLimits.recent_failures,
    offset: 0,
  };
}

export function actionsPerWorkflow(c: Collected, dataset: Dataset, lift: boolean): Batch['actions_per_workflow'] {
  const actions = (t: WorkflowTotals) => t.clicks + t.keystrokes + t.scrolls + t.screenshots;
  // Sums over terminal runs (the guide says "average" but the fields are integers: totals).
  const data = workflowRows(c, dataset)
    .sort((a, b) => actions(b.t) - actions(a.t) || compareStrings(a.def.name, b.def.name))
    .map(({ def, t }) => ({
      workflow_name: def.name,
      clicks: t.clicks,
      keystrokes: t.keystrokes,
      scrolls: t.scrolls,
      screenshots: t.screenshots,
      total_steps: t.steps,
    }));
  return { data: limit(data, sectionLimits.actions_per_workflow, lift) };
}

/** complexity_score = definition steps + 2 × parameters + mean iterations per terminal run (1 dp). */
export function complexityScore(steps: number, parameters: number, iterations: number, runs: number): number {
  return round(steps + 2 * parameters + (runs > 0 ? iterations / runs : 0), 1);
}

export function workflowComplexity(c: Collected, dataset: Dataset, lift: boolean): Batch['workflow_complexity'] {
  const data = workflowRows(c, dataset)
    .map(({ def, t }) => ({
      workflow_name: def.name,
      complexity_score: complexityScore(def.steps, def.parameters.length, t.iterations, t.terminal),
      total_steps: def.steps,
      total_iterations: t.iterations,
      parameters_count: def.parameters.length,
      success_rate: rate(t.completed, t.terminal),
      avg_duration_ms: mean1(t.durationSum, t.durationCount),
    }))
    .sort((a, b) => b.complexity_score - a.complexity_score || compareStrings(a.workflow_name, b.workflow_name));
  return { data: limit(data, sectionLimits.workflow_complexity, lift) };
}

export function endpointUsage(c: Collected, lift: boolean): Batch['endpoint_usage'] {
  const data = [...c.endpoints.values()]
    .flatMap((bySlug) => [...bySlug.values()])
    .map((ep) => {
      const sorted = Float64Array.from(ep.durations).sort();
      let total = 0;
      for (const d of sorted) total += d;
      return {
        endpoint_slug: ep.slug,
        http_method: ep.method,
        invocations: ep.invocations,
        success_count: ep.completed,
        success_rate: rate(ep.completed, ep.invocations),
        // Response time of an endpoint run = its execution duration.
        avg_response_time_ms: mean1(total, sorted.length),
        p95_response_time_ms: round(percentile(sorted, 95), 1),
      };
    })
    .sort(
      (a, b) =>
        b.invocations - a.invocations ||
        compareStrings(a.endpoint_slug, b.endpoint_slug) ||
        compareStrings(a.http_method, b.http_method),
    );
  return { data: limit(data, sectionLimits.endpoint_usage, lift) };
}
