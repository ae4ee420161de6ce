/**
 * Granite documents `X-RateLimit-Limit`, `-Remaining` and `-Reset` only by example (`1705320000`, which
 * looks like Unix seconds) and does not document `Retry-After`. We accept both readings of Reset
 * (epoch seconds, or a delta in seconds), epoch milliseconds too, and clamp anything absurd.
 */
import { parseTimestamp } from '../format';

export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  /** Epoch ms when the quota window resets, clamped to [now, now + maxWaitMs]. */
  resetAt?: number;
  /** Epoch ms from `Retry-After` (seconds or an HTTP date), clamped likewise. */
  retryAfterAt?: number;
}

/** Never wait longer than this for a reset, whatever a header says. */
export const maxWaitMs = 24 * 60 * 60 * 1000;
/** Values above this are epoch seconds rather than a delta (a delta of 30 years is not one). */
const epochSecondsThreshold = 1e9;
const epochMillisThreshold = 1e12;

interface HeaderSource {
  get(name: string): string | null;
}

function parseNonNegativeInt(value: string | null): number | undefined {
  if (value == null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  const n = Math.floor(Number(value));
  return Number.isSafeInteger(n) ? n : undefined;
}

function clamp(at: number, now: number): number {
  return Math.min(Math.max(at, now), now + maxWaitMs);
}

export function parseResetHeader(value: string | null, now: number): number | undefined {
  const n = parseNonNegativeInt(value);
  if (n === undefined) return undefined;
  if (n >= epochMillisThreshold) return clamp(n, now);
  if (n >= epochSecondsThreshold) return clamp(n * 1000, now);
  return clamp(now + n * 1000, now);
}

export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  const seconds = parseNonNegativeInt(value);
  if (seconds !== undefined) return clamp(now + seconds * 1000, now);
  // An HTTP date names its zone (GMT); any other time without one is UTC, as everywhere else.
  const date = parseTimestamp(value);
  return date === undefined ? undefined : clamp(date, now);
}

export function readRateLimit(headers: HeaderSource, now: number): RateLimitInfo {
  const info: RateLimitInfo = {};
  const limit = parseNonNegativeInt(headers.get('x-ratelimit-limit'));
  const remaining = parseNonNegativeInt(headers.get('x-ratelimit-remaining'));
  const resetAt = parseResetHeader(headers.get('x-ratelimit-reset'), now);
  const retryAfterAt = parseRetryAfter(headers.get('retry-after'), now);
  if (limit !== undefined) info.limit = limit;
  if (remaining !== undefined) info.remaining = remaining;
  if (resetAt !== undefined) info.resetAt = resetAt;
  if (retryAfterAt !== undefined) info.retryAfterAt = retryAfterAt;
  return info;
}

/**
 * The earliest time the next request may go out: after a 429 or with nothing remaining, the later of
 * Retry-After and the reset; otherwise undefined (no constraint).
 */
export function nextAllowedAt(info: RateLimitInfo, rateLimited: boolean): number | undefined {
  const exhausted = rateLimited || info.remaining === 0;
  if (!exhausted) return undefined;
  const candidates = [info.retryAfterAt, info.resetAt].filter((t): t is number => t !== undefined);
  return candidates.length ? Math.max(...candidates) : undefined;
}
