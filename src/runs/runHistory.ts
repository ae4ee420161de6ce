/**
 * An automation's history page in plain words (`HistoryWords`, runBundle.ts) for the run view's History
 * tab and the failure tooltips of the tree and the dashboard. The page is sorted here by `started_at`: the
 * spec promises no order.
 */
import { parseTimestamp } from '../core/format';

/** Newest first by `started_at` (unreadable times last), ties by execution id: a stable order whatever the server sent. */
export function sortNewestFirst<T extends { started_at: string; execution_id: string }>(executions: readonly T[]): T[] {
  const at = (e: T) => parseTimestamp(e.started_at) ?? -Infinity;
  return [...executions].sort(
    (a, b) => at(b) - at(a) || (a.execution_id < b.execution_id ? -1 : a.execution_id > b.execution_id ? 1 : 0),
  );
}
