/**
 * Hand-built datasets for tests: a few executions written out explicitly, so expected figures can be
 * worked out by hand. Anything not given takes a neutral default (zero actions, manual trigger...).
 */
import {
  finishDataset,
  type Dataset,
  type Execution,
  type ExecutionStatus,
  type TriggerType,
  type WorkflowDef,
} from './model';

export interface WorkflowSpec {
  name: string;
  steps?: number;
  parameters?: number;
}

export interface RunSpec {
  /** Workflow name; must be one of the dataset's workflows. */
  wf: string;
  /** ISO start time. */
  at: string;
  status?: ExecutionStatus;
  /** Default 1000 ms for terminal runs, null for pending/running. */
  duration?: number | null;
  trigger?: TriggerType;
  endpoint?: { slug: string; method: string };
  category?: string | null;
  message?: string | null;
  clicks?: number;
  keystrokes?: number;
  scrolls?: number;
  screenshots?: number;
  steps?: number;
  iterations?: number;
  tokens?: number;
  /** Queue wait in ms; default 0 (null for pending runs, which are still queued). */
  queueWait?: number | null;
  id?: string;
}

export function workflowDef(spec: WorkflowSpec, index: number): WorkflowDef {
  return {
    name: spec.name,
    run_id: `run_${String(index).padStart(4, '0')}`,
    steps: spec.steps ?? 10,
    parameters: Array.from({ length: spec.parameters ?? 0 }, (_, i) => `param_${i}`),
    triggerMix: { manual: 1, endpoint: 0, scheduled: 0 },
    endpoints: [],
    agent: false,
    medianDurationMs: 1000,
    durationSigma: 0.5,
    timeoutMs: 600_000,
    failureRate: 0,
    cancelRate: 0,
    quietForMs: 0,
  };
}

export function handDataset(workflows: WorkflowSpec[], runs: RunSpec[], now: string | number): Dataset {
  const defs = workflows.map(workflowDef);
  const executions = runs.map((r, i): Execution => {
    const index = defs.findIndex((d) => d.name === r.wf);
    const def = defs[index];
    if (!def) throw new Error(`unknown workflow ${r.wf}`);
    const status = r.status ?? 'completed';
    const live = status === 'pending' || status === 'running';
    const duration = r.duration === undefined ? (live ? null : 1000) : r.duration;
    const start = Date.parse(r.at);
    if (Number.isNaN(start)) throw new Error(`bad time ${r.at}`);
    return {
      execution_id: r.id ?? `exec_${String(i).padStart(4, '0')}`,
      run_id: def.run_id,
      workflow_name: def.name,
      workflow: index,
      triggered_by: r.trigger ?? (r.endpoint ? 'endpoint' : 'manual'),
      endpoint_slug: r.endpoint?.slug ?? null,
      http_method: r.endpoint?.method ?? null,
      status,
      started_at_ms: start,
      completed_at_ms: duration === null ? null : start + duration,
      duration_ms: duration,
      error_category: r.category !== undefined ? r.category : status === 'failed' ? 'unknown' : null,
      error_message: r.message ?? null,
      clicks: r.clicks ?? 0,
      keystrokes: r.keystrokes ?? 0,
      scrolls: r.scrolls ?? 0,
      screenshots: r.screenshots ?? 0,
      steps: r.steps ?? 0,
      iterations: r.iterations ?? 0,
      tokens: r.tokens ?? 0,
      queue_wait_ms: r.queueWait !== undefined ? r.queueWait : status === 'pending' ? null : 0,
    };
  });
  return finishDataset(
    {
      seed: 0,
      now: typeof now === 'number' ? now : Date.parse(now),
      days: 30,
      orgId: 'org_hand',
      orgSlug: 'hand',
      workflows: defs,
    },
    executions,
  );
}

/**
 * Renames a workflow in a dataset, its definition and every run (e.g. to give it a right-to-left name).
 * Do it before the simulator serves the dataset: its answers are cached by slice, not by name.
 */
export function renameWorkflow(dataset: Dataset, from: string, to: string): void {
  const def = dataset.workflows.find((w) => w.name === from);
  if (!def) throw new Error(`unknown workflow ${from}`);
  def.name = to;
  for (const e of dataset.executions) if (e.workflow_name === from) e.workflow_name = to;
}

/** Renames a failure category in every run of a dataset (same caveat as renameWorkflow). */
export function renameCategory(dataset: Dataset, from: string, to: string): void {
  for (const e of dataset.executions) if (e.error_category === from) e.error_category = to;
}
