/**
 * What a finished request means for the schedule, in one place for every caller (the store, on-demand
 * figures, tests and benchmarks): success with the quota's reset when it is used up, or failure with the
 * rate-limit time and whether credentials must change first.
 */
import type { GraniteError } from './api/errors';
import type { RateLimitInfo } from './api/rateLimit';
import type { RefreshOutcome } from './refreshScheduler';

export function successOutcome(result: { receivedAt: number; rateLimit: RateLimitInfo }): RefreshOutcome {
  const { remaining, resetAt } = result.rateLimit;
  return { ok: true, at: result.receivedAt, blockedUntil: remaining === 0 ? resetAt : undefined };
}

export function failureOutcome(error: GraniteError, at: number): RefreshOutcome {
  return { ok: false, at, needsCredentials: error.needsCredentials, blockedUntil: error.retryAt };
}
