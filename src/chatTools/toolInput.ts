/**
 * The input of the language-model tools (`contributes.languageModelTools`), checked and turned into the
 * same `FilterState` the views use. A model writes this input, so every value is checked and a wrong one
 * gets a message the model can act on (which values are allowed) instead of being silently dropped.
 */
import { executionStatuses, triggerTypes, type ExecutionStatus, type TriggerType } from '../core/api/vocabulary';
import {
  checkCustomRange,
  isRangePreset,
  rangePresets,
  sanitizeFilters,
  type DateRange,
  type FilterState,
} from '../filters/filters';
import { t } from '../core/l10n';
import { toolNames } from './toolNames';

/** The names in `package.json`; the integration test and the manifest test use them too. */
export { toolNames };

/**
 * Per tool: the summary lists worst workflows and categories; the failures tool lists one workflow's
 * failures, of which Granite's batch carries at most 20. The manifest's schema states the same numbers.
 */
export const toolOptions: Record<'summary' | 'failures', InputOptions> = {
  summary: { needWorkflow: false, allowStatus: true, defaultLimit: 5, maxLimit: 20 },
  failures: { needWorkflow: true, allowStatus: false, defaultLimit: 10, maxLimit: 20 },
};

/** What the manifest's `inputSchema` describes; every field optional here, since a model may send anything. */
export interface ToolInput {
  dateRange?: unknown;
  startDate?: unknown;
  endDate?: unknown;
  workflow?: unknown;
  trigger?: unknown;
  status?: unknown;
  limit?: unknown;
}

export interface InputOptions {
  needWorkflow: boolean;
  /** The status filter belongs to the summary only: a failures list is failed runs by definition. */
  allowStatus: boolean;
  defaultLimit: number;
  maxLimit: number;
  /** Workflow names Granite knows, so "invoice intake" finds "Invoice Intake". */
  knownWorkflows?: readonly string[];
}

export type ResolvedInput = { ok: true; filters: FilterState; limit: number } | { ok: false; message: string };

const maxWorkflowLength = 300;

/**
 * Filters for a tool call. Filters not given are not applied, except the date range, which defaults to the
 * one selected in the Granite views. The granularity is the views' too: it changes no figure a tool reports,
 * and keeping it lets a call with the views' filters reuse their batch.
 */
export function resolveToolInput(raw: unknown, current: FilterState, options: InputOptions): ResolvedInput {
  const input = (raw !== null && typeof raw === 'object' ? raw : {}) as ToolInput;
  const range = resolveRange(input, current.range);
  if (typeof range === 'string') return { ok: false, message: range };
  const state: FilterState = { range, granularity: current.granularity };

  if (input.workflow !== undefined && input.workflow !== null && input.workflow !== '') {
    if (typeof input.workflow !== 'string' || !input.workflow.trim() || input.workflow.length > maxWorkflowLength) {
      return {
        ok: false,
        message: t('"workflow" must be a workflow name (text of at most {0} characters).', maxWorkflowLength),
      };
    }
    const wanted = input.workflow.trim();
    const lower = wanted.toLowerCase();
    state.workflow = options.knownWorkflows?.includes(wanted)
      ? wanted
      : (options.knownWorkflows?.find((n) => n.toLowerCase() === lower) ?? wanted);
  } else if (options.needWorkflow) {
    return {
      ok: false,
      message: t('"workflow" is required: the exact name of a Granite workflow (the analytics summary lists them).'),
    };
  }

  const trigger = enumValue(input.trigger, triggerTypes, { api: 'endpoint' });
  if (trigger === null) return { ok: false, message: t('"trigger" must be one of {0}.', triggerTypes.join(', ')) };
  if (trigger) state.trigger = trigger as TriggerType;

  if (options.allowStatus) {
    const status = enumValue(input.status, executionStatuses, {});
    if (status === null) return { ok: false, message: t('"status" must be one of {0}.', executionStatuses.join(', ')) };
    if (status) state.status = status as ExecutionStatus;
  }

  let limit = options.defaultLimit;
  if (typeof input.limit === 'number' && Number.isFinite(input.limit))
    limit = Math.min(options.maxLimit, Math.max(1, Math.round(input.limit)));
  // The same normalisation as filters read back from storage, so a tool can never build a state the views could not.
  return { ok: true, filters: sanitizeFilters(state, current), limit };
}

/** Fixed dates take precedence over a preset; neither means the views' range. A string is an error. */
function resolveRange(input: ToolInput, fallback: DateRange): DateRange | string {
  const given = (v: unknown) => v !== undefined && v !== null && v !== '';
  if (given(input.startDate) || given(input.endDate)) {
    if (typeof input.startDate !== 'string' || typeof input.endDate !== 'string') {
      return t('Give both "startDate" and "endDate" (YYYY-MM-DD, UTC, the end inclusive), or "dateRange".');
    }
    const problem = checkCustomRange(input.startDate, input.endDate);
    if (problem) return problem;
    return { kind: 'custom', start: input.startDate, end: input.endDate };
  }
  if (given(input.dateRange)) {
    return isRangePreset(input.dateRange)
      ? { kind: 'preset', preset: input.dateRange }
      : t('"dateRange" must be one of {0}.', rangePresets.join(', '));
  }
  return fallback;
}

/** The allowed value (case-insensitive, with aliases), undefined when absent, null when not allowed. */
function enumValue(
  value: unknown,
  allowed: readonly string[],
  aliases: Record<string, string>,
): string | undefined | null {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return null;
  const lower = value.trim().toLowerCase();
  const found = Object.hasOwn(aliases, lower) ? aliases[lower]! : lower;
  return allowed.includes(found) ? found : null;
}
