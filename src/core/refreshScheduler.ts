/**
 * When to refresh. Pure logic behind injected time (a clock and timers), so tests run simulated hours.
 *
 * - Polls at the configured interval, and only while someone can see the data: the window is focused or
 *   a Granite view (tree or panel) is visible. The status bar alone never keeps an unfocused window polling.
 * - Windows share the time of the last fetch and any rate-limit block (through `SharedSchedule`, which
 *   the host keeps in globalState), so three open windows do not poll three times as often.
 * - On focus, refreshes at once if the data is older than the interval.
 * - After an error, backs off exponentially with jitter, up to 30 minutes.
 * - After a 429 (or `X-RateLimit-Remaining: 0`), sends nothing before the reset time.
 * - After 401/403, stops until the key or the URL changes (`credentialsChanged`), or a request succeeds.
 */
import { Disposable } from './disposable';

export interface SchedulerTime {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What every window of this origin agrees on. */
export interface SharedSchedule {
  lastFetchAt?: number;
  blockedUntil?: number;
}

export type RefreshOutcome =
  | { ok: true; at: number; blockedUntil?: number }
  | { ok: false; at: number; needsCredentials: boolean; blockedUntil?: number };

export interface SchedulerDeps {
  time: SchedulerTime;
  /** 0 ≤ r < 1, for jitter. */
  random: () => number;
  readShared(): SharedSchedule;
  writeShared(value: SharedSchedule): void;
  /** Runs a scheduled refresh; its outcome comes back through `recordOutcome` (the store reports every request). */
  refresh(): void;
  /** Another window fetched more recently than our data: adopt its result (e.g. from the shared cache). */
  adoptShared?(lastFetchAt: number): void;
}

export const minIntervalMs = 60_000;
export const maxBackoffMs = 30 * 60_000;

/** 0 turns polling off; 1–59 s are raised to 60 s (Granite's free plan allows 100 requests an hour). */
export function effectiveIntervalMs(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds <= 0) return 0;
  return Math.max(seconds * 1000, minIntervalMs);
}

export type SchedulerState = 'off' | 'idle' | 'waiting' | 'blocked' | 'backing-off' | 'stopped-credentials';

export class RefreshScheduler extends Disposable {
  private intervalMs: number;
  private focused = true;
  private viewVisible = false;
  private lastLocalFetchAt?: number;
  private consecutiveErrors = 0;
  private backoffUntil?: number;
  private stoppedForCredentials = false;
  private handle: unknown;
  private scheduledAt?: number;

  constructor(
    private readonly deps: SchedulerDeps,
    intervalMs: number,
  ) {
    super();
    this.intervalMs = intervalMs;
    this.register({ dispose: () => this.cancel() });
  }

  /** Where things stand, for tooltips, logs and tests. */
  get state(): SchedulerState {
    if (this.stoppedForCredentials) return 'stopped-credentials';
    if (this.blockedUntil() > this.deps.time.now()) return 'blocked';
    if (this.backoffUntil !== undefined) return 'backing-off';
    if (this.intervalMs === 0) return 'off';
    return this.scheduledAt === undefined ? 'idle' : 'waiting';
  }

  /** When the next scheduled refresh will fire, if one is scheduled. */
  get nextAttemptAt(): number | undefined {
    return this.scheduledAt;
  }

  /** Epoch ms before which no request may be sent (rate limit), or 0. */
  blockedUntil(): number {
    return this.deps.readShared().blockedUntil ?? 0;
  }

  /** Whether a request (scheduled or the user's) may go out now; user actions check this too. */
  canRequestNow():
    { ok: true } | { ok: false; reason: 'rate-limited'; until: number } | { ok: false; reason: 'credentials' } {
    if (this.stoppedForCredentials) return { ok: false, reason: 'credentials' };
    const until = this.blockedUntil();
    if (until > this.deps.time.now()) return { ok: false, reason: 'rate-limited', until };
    return { ok: true };
  }

  setInterval(intervalMs: number): void {
    this.intervalMs = intervalMs;
    this.reschedule();
  }

  /** Focus and view visibility decide whether polling runs at all. */
  setActivity(activity: { focused?: boolean; viewVisible?: boolean }): void {
    if (activity.focused !== undefined) this.focused = activity.focused;
    if (activity.viewVisible !== undefined) this.viewVisible = activity.viewVisible;
    // Coming back refreshes at once when the data is older than the interval: reschedule finds it due.
    if (this.active) this.reschedule();
    else this.cancel();
  }

  /** The key or base URL changed: stop waiting for credentials and refresh soon. */
  credentialsChanged(): void {
    this.stoppedForCredentials = false;
    this.consecutiveErrors = 0;
    this.backoffUntil = undefined;
    this.reschedule();
  }

  /** The store reports the outcome of every request, scheduled or not. */
  recordOutcome(outcome: RefreshOutcome): void {
    const shared = this.deps.readShared();
    const next: SharedSchedule = { ...shared };
    if (outcome.blockedUntil !== undefined && outcome.blockedUntil > outcome.at)
      next.blockedUntil = outcome.blockedUntil;
    if (outcome.ok) {
      this.lastLocalFetchAt = outcome.at;
      // A request that succeeded proves the credentials work again (the user's own Refresh after an
      // admin fixed the key's role, or a transient 401): polling resumes instead of staying off for good.
      this.stoppedForCredentials = false;
      this.consecutiveErrors = 0;
      this.backoffUntil = undefined;
      next.lastFetchAt = Math.max(shared.lastFetchAt ?? 0, outcome.at);
    } else if (outcome.needsCredentials) {
      this.stoppedForCredentials = true;
      this.backoffUntil = undefined;
    } else {
      // Errors that need a fix (bad filters, wrong URL) back off too, so they are retried rarely, not in a loop.
      this.consecutiveErrors++;
      this.backoffUntil = outcome.at + this.backoffDelay(this.consecutiveErrors);
    }
    this.deps.writeShared(next);
    this.reschedule();
  }

  /** Delay before retry n (1-based): the interval (at least a minute) doubled per error, ±25 % jitter, ≤ 30 min. */
  backoffDelay(errors: number): number {
    const base = Math.max(this.intervalMs || minIntervalMs, minIntervalMs);
    const raw = Math.min(maxBackoffMs, base * 2 ** (errors - 1));
    return Math.min(maxBackoffMs, Math.round(raw * (0.75 + 0.5 * this.deps.random())));
  }

  private get active(): boolean {
    return this.focused || this.viewVisible;
  }

  /** The time the next refresh is due, or undefined when none should be scheduled. */
  private dueAt(): number | undefined {
    if (this.isDisposed || this.stoppedForCredentials || !this.active || this.intervalMs === 0) return undefined;
    const shared = this.deps.readShared();
    const lastFetch = Math.max(shared.lastFetchAt ?? 0, this.lastLocalFetchAt ?? 0);
    let due = lastFetch === 0 ? this.deps.time.now() : lastFetch + this.intervalMs;
    if (this.backoffUntil !== undefined) due = Math.max(due, this.backoffUntil);
    return Math.max(due, shared.blockedUntil ?? 0);
  }

  private reschedule(): void {
    this.cancel();
    const due = this.dueAt();
    if (due === undefined) return;
    const delay = Math.max(0, due - this.deps.time.now());
    this.scheduledAt = due;
    this.handle = this.deps.time.setTimeout(() => this.fire(), delay);
  }

  private fire(): void {
    this.handle = undefined;
    this.scheduledAt = undefined;
    if (this.isDisposed || !this.active) return;
    const shared = this.deps.readShared();
    const now = this.deps.time.now();
    if ((shared.blockedUntil ?? 0) > now) {
      this.reschedule();
      return;
    }
    // Another window fetched within the interval: use its result instead of asking again.
    if (
      shared.lastFetchAt !== undefined &&
      shared.lastFetchAt > (this.lastLocalFetchAt ?? 0) &&
      now - shared.lastFetchAt < this.intervalMs
    ) {
      this.lastLocalFetchAt = shared.lastFetchAt;
      this.deps.adoptShared?.(shared.lastFetchAt);
      this.reschedule();
      return;
    }
    this.deps.refresh();
  }

  private cancel(): void {
    if (this.handle !== undefined) this.deps.time.clearTimeout(this.handle);
    this.handle = undefined;
    this.scheduledAt = undefined;
  }
}
