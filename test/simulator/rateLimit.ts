/**
 * Granite's plan quota ("Free 100 requests/hour, Pro 1,000/hour"), as fixed windows aligned to clock
 * hours. The headers are the documented X-RateLimit-Limit/-Remaining/-Reset (Reset in Unix seconds).
 */

export const HOUR_MS = 3_600_000;

export interface QuotaDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** End of the current window, ms epoch. */
  resetAtMs: number;
}

export class HourlyQuota {
  private window = Number.NaN;
  private used = 0;

  constructor(
    readonly limit: number,
    private readonly now: () => number,
  ) {}

  /** Counts one request (allowed or not) in the current clock hour. */
  hit(): QuotaDecision {
    const window = Math.floor(this.now() / HOUR_MS);
    if (window !== this.window) {
      this.window = window;
      this.used = 0;
    }
    this.used += 1;
    return {
      allowed: this.used <= this.limit,
      limit: this.limit,
      remaining: Math.max(0, this.limit - this.used),
      resetAtMs: (window + 1) * HOUR_MS,
    };
  }
}

export function rateLimitHeaders(d: QuotaDecision): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(d.limit),
    'X-RateLimit-Remaining': String(d.remaining),
    'X-RateLimit-Reset': String(Math.floor(d.resetAtMs / 1000)),
  };
}
