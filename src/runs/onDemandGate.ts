/**
 * When the run view, the chat tool and Run Again's follower may send an on-demand request: not while fewer
 * than `onDemandReserveRequests` remain in the rate-limit window (what is left is for the batch, which keeps
 * the views current), and not before a 429's retry time. Fed with the rate-limit headers of every answer
 * these features receive (`Fetched.rateLimit`, `GraniteError.rateLimit`/`retryAt`), and with the scheduler's
 * own gate, which knows when the batch was told to wait. Used by runData.ts.
 */
import type { GraniteError } from '../core/api/errors';
import type { RateLimitInfo } from '../core/api/rateLimit';
import { t } from '../core/l10n';

/** Requests left in the window below which on-demand requests wait for the reset (the batch keeps these). */
export const onDemandReserveRequests = 10;
/** Without a reset time in the headers, how long a low quota pauses on-demand requests: a minute, then ask again. */
export const unknownResetPauseMs = 60_000;
/** After a 429 without Retry-After or reset headers: the client's own fallback wait. */
const rateLimitedFallbackMs = 60_000;

/** The scheduler's verdict (refreshScheduler.ts `canRequestNow`), when it is known. */
export type SchedulerGate = () =>
  { ok: true } | { ok: false; reason: 'rate-limited'; until: number } | { ok: false; reason: 'credentials' };

export class OnDemandGate {
  private pausedUntil = 0;

  constructor(
    private readonly now: () => number,
    private readonly scheduler?: SchedulerGate,
  ) {}

  /** The rate-limit headers of an answer: a quota below the reserve pauses until the window resets. */
  observe(info: RateLimitInfo | undefined): void {
    if (info?.remaining === undefined) return;
    const now = this.now();
    if (info.remaining < onDemandReserveRequests) {
      this.pausedUntil = Math.max(this.pausedUntil, info.resetAt ?? now + unknownResetPauseMs);
    } else if (info.resetAt !== undefined && info.resetAt > this.pausedUntil) {
      // An answer from a later window: the pause no longer holds. (Answers from the window that paused,
      // arriving out of order with more remaining, do not lift it.)
      this.pausedUntil = 0;
    }
  }

  /** A failed answer: a 429 pauses until its retry time; any answer's headers count as in `observe`. */
  observeError(error: GraniteError): void {
    if (error.kind === 'RateLimited') {
      this.pausedUntil = Math.max(this.pausedUntil, error.retryAt ?? this.now() + rateLimitedFallbackMs);
      return;
    }
    this.observe(error.rateLimit);
  }

  /** Undefined when a request may go out now; else why not, in words for the user. */
  pauseReason(): string | undefined {
    const now = this.now();
    const scheduler = this.scheduler?.();
    const until = Math.max(
      this.pausedUntil,
      scheduler && !scheduler.ok && scheduler.reason === 'rate-limited' ? scheduler.until : 0,
    );
    if (until <= now) return undefined;
    const at = new Date(until).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    return t(
      "Not asked: Granite's rate limit is nearly used up, and what is left is kept for the views. Requests resume at {0}.",
      at,
    );
  }
}
