/**
 * Whose timeline the trace route returned. `GET /api/agent-runs/{run_id}/trace` takes an agent-run id, but
 * an execution only carries the automation's `run_id` (openapi-runs.md), so the answer may be this
 * execution's session, the session that created the automation, or something else entirely. A wrong
 * attribution would show someone else's screenshots as this run's, so the rule is strict: "this run" only
 * when every timestamped event lies within the execution's start–end; otherwise "the session that created
 * this automation" only when the trace says it belongs to this automation (`rpa_run_id`); else nothing.
 * Used by runData.ts; the run view and the chat tool read the result from the RunBundle.
 */
import type { AgentRunTraceResponse } from '../core/api/runSchemas';
import { parseTimestamp } from '../core/format';
import type { TraceOwner } from './runBundle';

/** What attribution needs of an execution (its detail, its history row, or its failure record). */
export interface ExecutionWindow {
  run_id: string;
  status?: string;
  started_at: string;
  completed_at?: string | null;
  duration_ms?: number | null;
}

/** Statuses after which an execution has an end (vocabulary.ts's terminal statuses). */
const terminalStatuses = new Set(['completed', 'failed', 'cancelled']);

/**
 * The execution's end for attribution: its `completed_at`; without one, a terminal execution ends at
 * start + duration, and a live one (or one whose end is unknown) at `now`.
 */
function windowEnd(execution: ExecutionWindow, started: number, now: number): number {
  const completed = execution.completed_at ? parseTimestamp(execution.completed_at) : undefined;
  if (completed !== undefined) return completed;
  const terminal = execution.status !== undefined && terminalStatuses.has(execution.status);
  if (terminal && execution.duration_ms != null && execution.duration_ms >= 0) return started + execution.duration_ms;
  return now;
}

/**
 * `this-run` if the trace has at least one timestamped event and every one (null timestamps ignored) lies
 * within `started_at`–`completed_at` (a running execution: up to `now`); else `creating-session` if its
 * `rpa_run_id` is the execution's `run_id`; else undefined (not shown). A timestamp that cannot be read
 * cannot be shown to lie within the run, so it keeps the trace from being this run's.
 */
export function traceOwner(
  trace: Pick<AgentRunTraceResponse, 'rpa_run_id' | 'message_trace'>,
  execution: ExecutionWindow,
  now: number,
): TraceOwner | undefined {
  if (withinRun(trace, execution, now)) return 'this-run';
  if (trace.rpa_run_id != null && trace.rpa_run_id === execution.run_id) return 'creating-session';
  return undefined;
}

function withinRun(
  trace: Pick<AgentRunTraceResponse, 'message_trace'>,
  execution: ExecutionWindow,
  now: number,
): boolean {
  const started = parseTimestamp(execution.started_at);
  if (started === undefined) return false;
  const ended = windowEnd(execution, started, now);
  let timed = 0;
  for (const event of trace.message_trace) {
    if (event.timestamp == null) continue;
    const at = parseTimestamp(event.timestamp);
    if (at === undefined || at < started || at > ended) return false;
    timed++;
  }
  return timed > 0;
}
