/**
 * The simulator's raw data: workflow definitions and executions, from which every analytics section
 * is computed. Field names follow the API where the API has the field; times are ms since the epoch.
 */
import type { ExecutionStatus, Granularity, TriggerType } from '../../src/core/api/vocabulary';

export type { ExecutionStatus, Granularity, TriggerType };

export interface EndpointDef {
  endpoint_slug: string;
  http_method: 'POST' | 'GET' | 'PUT';
}

export interface WorkflowDef {
  name: string;
  run_id: string;
  /** Steps in the workflow definition (`workflow_complexity.total_steps`). */
  steps: number;
  parameters: string[];
  /** Relative weight of each trigger for this workflow's runs. */
  triggerMix: Record<TriggerType, number>;
  /** Endpoints exposing the workflow (empty when it has no `endpoint` trigger). */
  endpoints: EndpointDef[];
  /** AI-agent (computer-use) workflows consume LLM tokens; RPA scripts do not. */
  agent: boolean;
  medianDurationMs: number;
  /** Log-normal shape of the durations. */
  durationSigma: number;
  timeoutMs: number;
  failureRate: number;
  cancelRate: number;
  /** Runs stop this long before `now` (a workflow that went quiet); 0 for active ones. */
  quietForMs: number;
}

export interface Execution {
  execution_id: string;
  run_id: string;
  workflow_name: string;
  /** Index into `Dataset.workflows`. */
  workflow: number;
  triggered_by: TriggerType;
  endpoint_slug: string | null;
  http_method: string | null;
  status: ExecutionStatus;
  started_at_ms: number;
  completed_at_ms: number | null;
  /** null while pending or running. */
  duration_ms: number | null;
  /** Set for failed (a failure category) and cancelled (`user_cancelled`) runs. */
  error_category: string | null;
  error_message: string | null;
  clicks: number;
  keystrokes: number;
  scrolls: number;
  screenshots: number;
  /** Steps actually executed (fewer than the definition when the run failed part-way). */
  steps: number;
  iterations: number;
  tokens: number;
  /**
   * How long the run waited in Granite's queue for a driver before it started (it was queued at
   * `started_at_ms - queue_wait_ms`); null while pending (still waiting). Read only by queue metrics.
   */
  queue_wait_ms: number | null;
  /** The parameters it was started with (Run Again's writes, runWrites.ts); others draw theirs (details.ts). */
  parameters?: { name: string; value: unknown }[];
}

export interface Dataset {
  seed: number;
  /** Generation time, floored to the minute; executions all start at or before it. */
  now: number;
  days: number;
  orgId: string;
  orgSlug: string;
  workflows: WorkflowDef[];
  /** Sorted by `started_at_ms` ascending, so a date range is a binary-searched slice. */
  executions: Execution[];
  byId: ReadonlyMap<string, Execution>;
}

/** Filters after validation and default resolution (see filters.ts). */
export interface ValidFilters {
  /** Inclusive bounds, ms epoch. */
  startMs: number;
  endMs: number;
  granularity: Granularity;
  workflow_name: string | null;
  triggered_by: TriggerType | null;
  status: ExecutionStatus | null;
}

export const terminalStatuses: readonly ExecutionStatus[] = ['completed', 'failed', 'cancelled'];

export function isTerminal(status: ExecutionStatus): boolean {
  return status === 'completed' || status === 'failed' || status === 'cancelled';
}

/** Builds the id index and sorts executions; generator and hand-built fixtures share it. */
export function finishDataset(base: Omit<Dataset, 'byId' | 'executions'>, executions: Execution[]): Dataset {
  const sorted = executions
    .slice()
    .sort(
      (a, b) =>
        a.started_at_ms - b.started_at_ms ||
        (a.execution_id < b.execution_id ? -1 : a.execution_id > b.execution_id ? 1 : 0),
    );
  const byId = new Map<string, Execution>();
  for (const e of sorted) {
    if (byId.has(e.execution_id)) throw new Error(`duplicate execution_id ${e.execution_id}`);
    byId.set(e.execution_id, e);
  }
  return { ...base, executions: sorted, byId };
}

/**
 * Adds an execution (runWrites.ts) keeping `executions` sorted and `byId` complete; the caller clears what
 * was derived from them (the automation index of runs.ts, the server's batch cache).
 */
export function appendExecution(dataset: Dataset, e: Execution): void {
  const list = dataset.executions;
  const after = (x: Execution) =>
    x.started_at_ms > e.started_at_ms || (x.started_at_ms === e.started_at_ms && x.execution_id > e.execution_id);
  let i = list.length;
  while (i > 0 && after(list[i - 1] as Execution)) i--;
  list.splice(i, 0, e);
  (dataset.byId as Map<string, Execution>).set(e.execution_id, e);
}

// What one pass of the aggregation over the filtered executions collects (aggregate.ts), which the
// section builders (aggregateSections.ts) read: here so neither imports the other's types.

export interface WorkflowTotals {
  terminal: number;
  completed: number;
  failed: number;
  durationSum: number;
  durationCount: number;
  /** Latest start of any status (for `last_execution`). */
  lastStart: number;
  clicks: number;
  keystrokes: number;
  scrolls: number;
  screenshots: number;
  steps: number;
  iterations: number;
}

export interface EndpointTotals {
  slug: string;
  method: string;
  invocations: number;
  completed: number;
  durations: number[];
}

/** Everything one pass over the filtered executions yields. */
export interface Collected {
  buckets: number[];
  /** Per bucket: runs of every status, and per status. */
  total: Int32Array;
  completed: Int32Array;
  failed: Int32Array;
  cancelled: Int32Array;
  running: Int32Array;
  pending: Int32Array;
  terminal: number;
  completedCount: number;
  tokens: number;
  /** Durations of terminal runs that have one. */
  durations: number[];
  /** Failed runs in range. */
  failures: Execution[];
  triggers: Map<string, number>;
  /** Indexed like `Dataset.workflows`; undefined for workflows without runs in range. */
  workflows: (WorkflowTotals | undefined)[];
  /** By slug, then by method (nested maps spare a string key per run). */
  endpoints: Map<string, Map<string, EndpointTotals>>;
}
