/**
 * What the host knows about one execution, gathered for the run view, the chat tool and tooltips: the
 * contract between the run data source (runData.ts), the run view (runView*.ts) and Run Again (runAgain*.ts).
 * Types only. Signed links (trace screenshots, the recording's `signed_url`) live here in host memory only:
 * the run view's state, the disk, the log and the chat tools never receive them.
 */
import type { AgentRunTraceResponse, AutomationWithEndpointInfo, ExecutionSummary } from '../core/api/runSchemas';
import type { ExecutionDetail, RecentFailureItem } from '../core/api/schemas';
import type { RunIds } from './runLink';

/** A part fetched separately: its value, or what went wrong in words for the user (already phrased). */
export type RunPart<T> =
  | { state: 'ok'; value: T; fetchedAt: number }
  | { state: 'error'; message: string; retryable: boolean }
  /** Not asked (e.g. the organisation is unknown, or requests are paused by the rate limit): why, in words. */
  | { state: 'missing'; reason: string };

/** Whose trace the trace route returned for an execution's `run_id` (see traceOwner.ts). */
export type TraceOwner = 'this-run' | 'creating-session';

export type RunTrace =
  /** Granite answered 404, or the trace belongs to neither this run nor the session that created it. */
  | { state: 'none' }
  | { state: 'ok'; owner: TraceOwner; trace: AgentRunTraceResponse; fetchedAt: number }
  | { state: 'error'; message: string; retryable: boolean }
  | { state: 'missing'; reason: string };

/** Plain words on an automation's recent outcomes (runHistory.ts), for the history tab and tooltips. */
export interface HistoryWords {
  /** "failing since Tue 14:05 (6 runs)": only when the newest finished runs failed. */
  streak?: string;
  /** "3 of the last 20 failed". */
  ratio: string;
  /** "last success 2 h ago", or "no success in the last 50 runs". */
  lastSuccess?: string;
  /** Broken (failing now, in a row), flaky (failures scattered), healthy (no failures), or unknown. */
  kind: 'broken' | 'flaky' | 'healthy' | 'unknown';
  /** The last ≤ 50 finished-or-running outcomes, oldest first, for the strip. */
  strip: { executionId: string; status: string; startedAt: string }[];
}

export interface RunBundle {
  ids: Required<RunIds>;
  /** The failure record from the batch, when this execution is one (name and category come from it). */
  failure?: RecentFailureItem;
  detail: RunPart<ExecutionDetail>;
  info: RunPart<AutomationWithEndpointInfo>;
  /** The newest-first first page (≤ 50) of the automation's executions, sorted by `started_at` by us. */
  history: RunPart<{ executions: ExecutionSummary[]; total: number }>;
  words?: HistoryWords;
  trace: RunTrace;
  /** The organisation the requests went to (id and slug from `/api/me`), when known. */
  organization?: { id: string; slug?: string; name?: string };
  /** Epoch ms of the newest fetch of this bundle; reopening within 5 minutes makes no request. */
  fetchedAt: number;
}
