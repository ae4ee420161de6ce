/**
 * The parts of a RunBundle as runData.ts keeps them: each answer with when it came, the rule for when a part
 * is asked again, a failure in words, the history page in our order, and the execution's times for trace
 * attribution. Apart from runData.ts so the source reads as its request plan.
 */
import { GraniteError } from '../core/api/errors';
import type { ExecutionSummary } from '../core/api/runSchemas';
import type { ExecutionDetail, RecentFailureItem } from '../core/api/schemas';
import type { RunPart } from './runBundle';
import { sortNewestFirst } from './runHistory';
import type { OnDemandGate } from './onDemandGate';
import type { ExecutionWindow } from './traceOwner';

/** Reopening a run within this time sends nothing: long enough to flip between runs, short enough to stay current. */
export const runFreshForMs = 5 * 60_000;

/** A part with the time its answer came (or its failure was known). */
export interface Timed<T> {
  part: RunPart<T>;
  at: number;
}
export interface History {
  executions: ExecutionSummary[];
  total: number;
}
export interface Missing {
  state: 'missing';
  reason: string;
}

/**
 * Whether a part must be asked for: never held, not asked (paused), failed in a way a retry can help, or
 * held but stale or forced. With `keepForSession` (info), an answer or a lasting failure (404) is kept.
 */
export function due<T>(entry: Timed<T> | undefined, now: number, force: boolean, keepForSession = false): boolean {
  if (!entry) return true;
  const { part } = entry;
  if (part.state === 'missing') return true;
  if (part.state === 'error' && part.retryable) return true;
  if (keepForSession) return false;
  return force || now - entry.at >= runFreshForMs;
}

export function okValue<T>(entry: Timed<T> | undefined): T | undefined {
  return entry?.part.state === 'ok' ? entry.part.value : undefined;
}

export type ErrorPart = Extract<RunPart<never>, { state: 'error' }> & { notFound?: boolean };

/** A failure in words for the user; a 429 or low quota pauses the other on-demand requests. */
export function errorPart(error: unknown, gate: Pick<OnDemandGate, 'observeError'>): ErrorPart {
  if (!(error instanceof GraniteError)) return { state: 'error', message: String(error), retryable: true };
  gate.observeError(error);
  return {
    state: 'error',
    message: error.userMessage,
    retryable: error.retryable,
    ...(error.kind === 'NotFound' ? { notFound: true } : {}),
  };
}

/** The page sorted newest first by `started_at` (the spec does not promise an order), ties by id. */
export function sortedHistory(timed: Timed<History>): Timed<History> {
  if (timed.part.state !== 'ok') return timed;
  const executions = sortNewestFirst(timed.part.value.executions);
  return { ...timed, part: { ...timed.part, value: { ...timed.part.value, executions } } };
}

/** The execution's times for attribution: its detail, else its history row, else its failure record. */
export function executionWindow(
  executionId: string,
  detail: RunPart<ExecutionDetail>,
  history: RunPart<History>,
  failure: RecentFailureItem | undefined,
): ExecutionWindow | undefined {
  if (detail.state === 'ok') return detail.value;
  const row = history.state === 'ok' ? history.value.executions.find((e) => e.execution_id === executionId) : undefined;
  if (row) return row;
  return failure
    ? { run_id: failure.run_id, status: 'failed', started_at: failure.started_at, duration_ms: failure.duration_ms }
    : undefined;
}
