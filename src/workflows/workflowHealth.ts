/**
 * The view-model of the Workflows tree: one row per workflow name in the batch, joined with the sections
 * that carry per-workflow figures. Those sections are capped by the server (top automations 10,
 * complexity 50, actions 10 by default), so many workflows may have no figures in the batch: such a row
 * says so (`not-in-batch`) instead of pretending 0 %, and is filled on demand with a filtered request.
 */
import type {
  BatchedAnalyticsResponse,
  RecentFailureItem,
  WorkflowActionsItem,
  WorkflowComplexityItem,
} from '../core/api/schemas';
import { countsOf, rateOf, type Rate } from '../core/format';
import { t } from '../core/l10n';
import { checkRate } from '../core/rates';

/**
 * The rate to show: from the counts when there are some (the server rounds, so 1 failure in 100,000
 * would read 100 %), else the rate as sent. A sent rate that disagrees with the counts is noted.
 * `rate` is for thresholds and order; text is formatted from the counts themselves (rowRate, countsOf).
 */
export function truthfulRate(
  sent: number | undefined,
  completed: number | undefined,
  total: number | undefined,
): { rate?: number; note?: string } {
  if (total !== undefined && completed !== undefined) {
    if (total <= 0) return {};
    const rate = rateOf(completed, total);
    if (sent === undefined) return { rate };
    const check = checkRate(sent, completed, total);
    if (check.kind === 'fraction')
      return {
        rate,
        note: t('Granite sent {0} for this rate, which looks like a 0–1 fraction; shown from the counts.', sent),
      };
    if (check.kind === 'mismatch')
      return {
        rate,
        note: t('Granite sent {0} % for this rate, which does not match its counts; shown from the counts.', sent),
      };
    return { rate };
  }
  return { rate: sent };
}

/** A row's rate to format: its counts when it has them (as truthfulRate chose), else the rate as sent. */
export function rowRate(row: Pick<WorkflowRow, 'executions' | 'completed' | 'successRate'>): Rate | undefined {
  return (row.completed !== undefined && countsOf(row.completed, row.executions ?? 0)) || row.successRate;
}

export type Health = 'pass' | 'warning' | 'error' | 'unknown';
/** covered: figures from the batch; no-runs: known to have no runs in range; not-in-batch: capped out. */
export type Coverage = 'covered' | 'no-runs' | 'not-in-batch';
export type WorkflowSort = 'worst' | 'runs' | 'name';

export interface Thresholds {
  warning: number;
  error: number;
}

export interface WorkflowRow {
  name: string;
  coverage: Coverage;
  executions?: number;
  completed?: number;
  failures?: number;
  /** Percent 0–100 as sent, or derived from counts when the server sent none. */
  successRate?: number;
  avgDurationMs?: number;
  lastExecution?: string;
  complexity?: { score: number; steps: number; iterations: number; parameters: number };
  actions?: { clicks: number; keystrokes: number; scrolls: number; screenshots: number; totalSteps: number };
  recentFailures: RecentFailureItem[];
  health: Health;
  /** Set when the rate Granite sent disagrees with its own counts (e.g. a 0–1 fraction). */
  rateNote?: string;
}

type Sections = Partial<BatchedAnalyticsResponse>;

export function healthOf(rate: number | undefined, thresholds: Thresholds): Health {
  if (rate === undefined || !Number.isFinite(rate)) return 'unknown';
  if (rate < thresholds.error) return 'error';
  if (rate < thresholds.warning) return 'warning';
  return 'pass';
}

/**
 * Whether the batch's top automations list every workflow that ran: then a workflow missing from it is
 * known to have no runs, rather than merely capped out.
 */
export function topAutomationsComplete(sections: Sections): boolean {
  const top = sections.top_automations?.data;
  const total = sections.summary?.total_executions;
  if (!top || total === undefined) return false;
  return top.reduce((sum, item) => sum + item.executions, 0) >= total;
}

/** The figures of one workflow taken from a batch filtered to it (the on-demand request). */
export function rowFromWorkflowBatch(name: string, sections: Sections, thresholds: Thresholds): WorkflowRow {
  const summary = sections.summary;
  const top = sections.top_automations?.data.find((item) => item.workflow_name === name);
  const executions = summary?.total_executions ?? top?.executions;
  if (executions === 0) return { name, coverage: 'no-runs', executions: 0, recentFailures: [], health: 'unknown' };
  const completed = summary?.completed ?? top?.completed;
  const rate = truthfulRate(summary ? summary.success_rate : top?.success_rate, completed, executions);
  const row = baseRow(name, indexSections(sections));
  Object.assign(row, {
    coverage: summary || top ? 'covered' : 'not-in-batch',
    executions,
    completed,
    failures: summary?.total_failures ?? top?.failures,
    successRate: rate.rate,
    rateNote: rate.note,
    avgDurationMs: summary?.avg_duration_ms ?? top?.avg_duration_ms,
    lastExecution: top?.last_execution,
  });
  row.health = healthOf(row.successRate, thresholds);
  return row;
}

/** Per-workflow lookups built once per batch: a large organisation has thousands of workflows. */
interface SectionIndex {
  complexity: Map<string, WorkflowComplexityItem>;
  actions: Map<string, WorkflowActionsItem>;
  failures: Map<string, RecentFailureItem[]>;
}

function indexSections(sections: Sections): SectionIndex {
  const failures = new Map<string, RecentFailureItem[]>();
  for (const f of sections.recent_failures?.data ?? []) {
    const list = failures.get(f.workflow_name);
    if (list) list.push(f);
    else failures.set(f.workflow_name, [f]);
  }
  return {
    complexity: firstByName(sections.workflow_complexity?.data),
    actions: firstByName(sections.actions_per_workflow?.data),
    failures,
  };
}

/** The first item per workflow name (a server that repeats a name is read like `find` would). */
function firstByName<T extends { workflow_name: string }>(items: readonly T[] | undefined): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items ?? []) if (!map.has(item.workflow_name)) map.set(item.workflow_name, item);
  return map;
}

function baseRow(name: string, index: SectionIndex): WorkflowRow {
  const complexity = index.complexity.get(name);
  const actions = index.actions.get(name);
  const row: WorkflowRow = {
    name,
    coverage: 'not-in-batch',
    recentFailures: index.failures.get(name) ?? [],
    health: 'unknown',
  };
  if (complexity) {
    row.complexity = {
      score: complexity.complexity_score,
      steps: complexity.total_steps,
      iterations: complexity.total_iterations,
      parameters: complexity.parameters_count,
    };
  }
  if (actions) {
    row.actions = {
      clicks: actions.clicks,
      keystrokes: actions.keystrokes,
      scrolls: actions.scrolls,
      screenshots: actions.screenshots,
      totalSteps: actions.total_steps,
    };
  }
  return row;
}

export interface BuildOptions {
  thresholds: Thresholds;
  sort: WorkflowSort;
  /** The workflow filter, if any: then only that workflow is listed. */
  workflowFilter?: string;
  /** Rows fetched on demand for workflows the batch does not cover. */
  onDemand?: ReadonlyMap<string, WorkflowRow>;
  locale?: string;
}

export function buildWorkflowRows(sections: Sections, options: BuildOptions): WorkflowRow[] {
  const names = new Set(sections.workflows ?? []);
  // Names that appear only in per-workflow sections still get a row.
  for (const item of sections.top_automations?.data ?? []) names.add(item.workflow_name);
  for (const item of sections.workflow_complexity?.data ?? []) names.add(item.workflow_name);
  if (options.workflowFilter !== undefined) {
    for (const name of [...names]) if (name !== options.workflowFilter) names.delete(name);
    names.add(options.workflowFilter);
  }
  const complete = topAutomationsComplete(sections);
  const index = indexSections(sections);
  const top = new Map((sections.top_automations?.data ?? []).map((item) => [item.workflow_name, item]));
  const rows: WorkflowRow[] = [];
  for (const name of names) {
    const demand = options.onDemand?.get(name);
    const item = top.get(name);
    if (!item && demand) {
      rows.push(demand);
      continue;
    }
    const row = baseRow(name, index);
    if (item) {
      row.coverage = 'covered';
      row.executions = item.executions;
      row.completed = item.completed;
      row.failures = item.failures;
      const rate = truthfulRate(item.success_rate, item.completed, item.executions);
      row.successRate = rate.rate;
      row.rateNote = rate.note;
      row.avgDurationMs = item.avg_duration_ms;
      row.lastExecution = item.last_execution;
    } else if (complete || sections.summary?.total_executions === 0) {
      row.coverage = 'no-runs';
      row.executions = 0;
    } else {
      const complexity = index.complexity.get(name);
      // Complexity carries a rate and a mean duration (no counts) for more workflows than top automations.
      if (complexity) {
        row.coverage = 'covered';
        row.successRate = complexity.success_rate;
        row.avgDurationMs = complexity.avg_duration_ms;
      }
    }
    row.health = healthOf(row.successRate, options.thresholds);
    rows.push(row);
  }
  return sortRows(rows, options.sort, options.locale);
}

const coverageOrder: Record<Coverage, number> = { covered: 0, 'not-in-batch': 1, 'no-runs': 2 };

/** Known figures first in the chosen order; then workflows not in the batch; then those without runs. */
export function sortRows(rows: WorkflowRow[], sort: WorkflowSort, locale?: string): WorkflowRow[] {
  const byName = (a: WorkflowRow, b: WorkflowRow) => a.name.localeCompare(b.name, locale);
  return [...rows].sort((a, b) => {
    const known = (a.successRate === undefined ? 1 : 0) - (b.successRate === undefined ? 1 : 0);
    if (known !== 0) return known;
    const coverage = coverageOrder[a.coverage] - coverageOrder[b.coverage];
    if (coverage !== 0) return coverage;
    if (
      sort === 'worst' &&
      a.successRate !== undefined &&
      b.successRate !== undefined &&
      a.successRate !== b.successRate
    )
      return a.successRate - b.successRate;
    if (sort === 'runs' && (a.executions ?? -1) !== (b.executions ?? -1))
      return (b.executions ?? -1) - (a.executions ?? -1);
    return byName(a, b);
  });
}
