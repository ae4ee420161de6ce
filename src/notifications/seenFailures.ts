/**
 * The memory behind new-failure notifications: the newest failure seen (by `started_at`, then
 * `execution_id` for failures that started in the same instant) and the `recent_failures.total` of that
 * batch. A failure is new when it started after the newest one seen, or at that instant with an id not
 * seen. The list is capped by the server, so the growth of `total` says when more arrived than it shows.
 */
import type { RecentFailureItem } from '../core/api/schemas';
import { parseTimestamp } from '../core/format';

export interface SeenFailures {
  /** `started_at` of the newest failure seen, as epoch ms. */
  newestAt: number;
  /** Execution ids seen that started at `newestAt`. */
  idsAtNewest: string[];
  total: number;
}

export interface NewFailures {
  /** The new failures in the batch's list, newest first. */
  failures: RecentFailureItem[];
  /** How many are new: at least the list's, more when `total` grew by more (the list is capped). */
  count: number;
  next: SeenFailures;
}

/** NaN when unreadable (skipped below); a time without a zone is UTC, as everywhere else. */
const startedAt = (f: RecentFailureItem) => parseTimestamp(f.started_at) ?? Number.NaN;

/** What a batch's failures leave in the memory: its newest instant, the ids at it, its total. */
export function rememberFailures(
  failures: readonly RecentFailureItem[],
  total: number,
  before?: SeenFailures,
): SeenFailures {
  let newestAt = before?.newestAt ?? Number.NEGATIVE_INFINITY;
  let ids = new Set(before?.idsAtNewest ?? []);
  for (const f of failures) {
    const at = startedAt(f);
    if (!Number.isFinite(at)) continue;
    if (at > newestAt) {
      newestAt = at;
      ids = new Set([f.execution_id]);
    } else if (at === newestAt) {
      ids.add(f.execution_id);
    }
  }
  return {
    newestAt: Number.isFinite(newestAt) ? newestAt : (before?.newestAt ?? 0),
    idsAtNewest: [...ids].slice(-200),
    total,
  };
}

/**
 * The failures in this batch that are newer than anything seen. Without a memory (the first load, new
 * filters) nothing is new: the memory starts from this batch.
 */
export function detectNewFailures(
  seen: SeenFailures | undefined,
  failures: readonly RecentFailureItem[],
  total: number,
): NewFailures {
  const next = rememberFailures(failures, total, seen);
  if (!seen) return { failures: [], count: 0, next };
  const known = new Set(seen.idsAtNewest);
  const fresh = failures
    .filter((f) => {
      const at = startedAt(f);
      return Number.isFinite(at) && (at > seen.newestAt || (at === seen.newestAt && !known.has(f.execution_id)));
    })
    .sort((a, b) => startedAt(b) - startedAt(a));
  // A capped list that is new from end to end may hide more: the total's growth says how many.
  const capped = fresh.length > 0 && fresh.length === failures.length;
  const count = capped ? Math.max(fresh.length, total - seen.total) : fresh.length;
  return { failures: fresh, count, next };
}

/** Reads a memory back from storage, or undefined when it is not one. */
export function sanitizeSeen(value: unknown): SeenFailures | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.newestAt !== 'number' || typeof v.total !== 'number' || !Array.isArray(v.idsAtNewest)) return undefined;
  return {
    newestAt: v.newestAt,
    total: v.total,
    idsAtNewest: v.idsAtNewest.filter((id): id is string => typeof id === 'string'),
  };
}
