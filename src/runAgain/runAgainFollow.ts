/**
 * Following a run that Run Again started, until it ends (runAgain.vscode.ts shows what this decides). Pure,
 * on an injected clock and injected reads (runsApi.ts and the client's execution detail in production):
 *
 * - after the public endpoint: poll the agent run (`GET /api/agent-runs/{runId}`) until it has ended, then the
 *   automation's history until the new execution appears there and has ended;
 * - after `execute`: the answer names the execution; if it already carries the result, that is the end;
 *   else its detail is polled until it ends, for at most the run's timeout + 30 s after sending.
 *
 * Polls back off from 5 s to 60 s, at most 20 requests per followed run; a rate limit (a 429's `retryAt`,
 * the scheduler's gate, or fewer than 10 requests left in the window) pauses them without spending one.
 * `onEnd` is called exactly once, whatever happens; disposing stops everything silently.
 */
import type { Fetched } from '../core/api/client';
import { GraniteError } from '../core/api/errors';
import type { AgentRunProgressResponse, ExecutionListResponse, ExecutionSummary } from '../core/api/runSchemas';
import type { ExecutionResultResponse } from '../core/api/runsWriteApi';
import type { ExecutionDetail } from '../core/api/schemas';
import { Disposable } from '../core/disposable';
import { t } from '../core/l10n';
import type { SchedulerTime } from '../core/refreshScheduler';

/** The first poll comes this long after sending: a run is rarely over sooner. */
export const followFirstDelayMs = 5_000;
/** Polls double up to this, so a long run costs a request a minute. */
export const followMaxDelayMs = 60_000;
/** Requests per followed run, whatever happens: following must never eat the hour's quota. */
export const followMaxRequests = 20;
/** Below this many requests left in the window, polls wait for its reset (the on-demand rule of issue 15). */
export const followMinRemaining = 10;
/** An execution started up to this long before we sent (clocks differ) may still be ours. */
export const followClockSkewMs = 120_000;

const terminal = new Set([
  'completed',
  'failed',
  'cancelled',
  'canceled',
  'error',
  'errored',
  'timeout',
  'succeeded',
  'success',
]);
export const isEnded = (status: string): boolean => terminal.has(status.toLowerCase());

export type FollowTarget =
  | {
      kind: 'endpoint';
      agentRunId: string;
      runId: string;
      endpointSlug: string;
      sentAt: number;
      /** Executions of the automation known before sending: never taken for the new one. */
      known: ReadonlySet<string>;
    }
  | { kind: 'execute'; runId: string; answer: ExecutionResultResponse; sentAt: number; deadline: number };

export interface FollowReads {
  agentRun(agentRunId: string): Promise<Fetched<AgentRunProgressResponse>>;
  history(runId: string): Promise<Fetched<ExecutionListResponse>>;
  execution(executionId: string): Promise<Fetched<ExecutionDetail>>;
}

export type FollowEnd =
  | { kind: 'finished'; executionId: string; status: string }
  /** Stopped following: the request cap or the deadline; the run may still be going. */
  | { kind: 'gave-up'; executionId?: string; reason: 'requests' | 'deadline' }
  | { kind: 'error'; executionId?: string; message: string };

export interface FollowDeps {
  time: SchedulerTime;
  reads: FollowReads;
  /** The scheduler's gate: whether requests may go out now. */
  gate: () =>
    { ok: true } | { ok: false; reason: 'rate-limited'; until: number } | { ok: false; reason: 'credentials' };
  /** The new execution is known (at most once): open it. */
  onExecution: (executionId: string) => void;
  /** Exactly once. */
  onEnd: (end: FollowEnd) => void;
  /** Told about each request sent (the request counts by source). */
  countRequest: () => void;
}

export class RunFollower extends Disposable {
  private timer: unknown;
  private sent = 0;
  private attempt = 0;
  private ended = false;
  private phase: 'agent' | 'history' | 'execution';
  private executionId?: string;

  constructor(
    private readonly target: FollowTarget,
    private readonly deps: FollowDeps,
  ) {
    super('runAgain.follow');
    this.register({ dispose: () => this.deps.time.clearTimeout(this.timer) });
    this.phase = target.kind === 'endpoint' ? 'agent' : 'execution';
    if (target.kind === 'execute') {
      const { answer } = target;
      // A blocking execute answers with the result: nothing is left to follow. Both callbacks come after
      // the constructor has returned, so a caller may refer to this follower in them.
      if (answer.execution_time != null || answer.return_code != null || answer.error != null) {
        this.timer = deps.time.setTimeout(() => {
          this.found(answer.execution_id);
          this.end({
            kind: 'finished',
            executionId: answer.execution_id,
            status: answer.success ? 'completed' : 'failed',
          });
        }, 0);
        return;
      }
      this.timer = deps.time.setTimeout(() => {
        this.found(answer.execution_id);
        this.schedule(this.nextDelay());
      }, 0);
      return;
    }
    this.schedule(this.nextDelay());
  }

  /** Requests sent so far for this run. */
  get requests(): number {
    return this.sent;
  }

  private schedule(delayMs: number): void {
    if (this.stopped()) return;
    this.timer = this.deps.time.setTimeout(() => void this.poll(), Math.max(0, delayMs));
  }

  private nextDelay(): number {
    return Math.min(followMaxDelayMs, followFirstDelayMs * 2 ** this.attempt++);
  }

  private found(executionId: string): void {
    if (this.executionId) return;
    this.executionId = executionId;
    this.deps.onExecution(executionId);
  }

  /** A method, so a check after an `await` is not narrowed away by the one before it (TS#9998). */
  private stopped(): boolean {
    return this.ended || this.isDisposed;
  }

  private end(end: FollowEnd): void {
    if (this.stopped()) return;
    this.ended = true;
    this.deps.onEnd(end);
  }

  private async poll(): Promise<void> {
    if (this.stopped()) return;
    const now = this.deps.time.now();
    if (this.target.kind === 'execute' && now >= this.target.deadline) {
      this.end({ kind: 'gave-up', executionId: this.executionId, reason: 'deadline' });
      return;
    }
    if (this.sent >= followMaxRequests) {
      this.end({ kind: 'gave-up', executionId: this.executionId, reason: 'requests' });
      return;
    }
    const gate = this.deps.gate();
    if (!gate.ok) {
      if (gate.reason === 'credentials')
        this.end({ kind: 'error', executionId: this.executionId, message: t('Granite refused the API key.') });
      else this.schedule(gate.until - now);
      return;
    }
    this.sent++;
    this.deps.countRequest();
    try {
      const fetched = await this.step();
      if (this.stopped()) return;
      const { remaining, resetAt } = fetched.rateLimit;
      const delay = this.phase === 'history' && fetched.immediate ? 0 : this.nextDelay();
      const pausedUntil = remaining !== undefined && remaining < followMinRemaining && resetAt ? resetAt : 0;
      this.schedule(Math.max(delay, pausedUntil - this.deps.time.now()));
    } catch (error) {
      if (this.stopped()) return;
      if (error instanceof GraniteError && (error.retryable || error.kind === 'NotFound')) {
        // A new run may not be visible yet (404); a 429 says when to ask again.
        const retryAt = error.retryAt ?? 0;
        this.schedule(Math.max(this.nextDelay(), retryAt - this.deps.time.now()));
        return;
      }
      const message = error instanceof GraniteError ? error.userMessage : String(error);
      this.end({ kind: 'error', executionId: this.executionId, message });
    }
  }

  /** One request of the current phase; `immediate` asks for the next one at once (the agent run just ended). */
  private async step(): Promise<Fetched<unknown> & { immediate?: boolean }> {
    const target = this.target;
    if (target.kind === 'execute') {
      const fetched = await this.deps.reads.execution(target.answer.execution_id);
      if (isEnded(fetched.data.status))
        this.end({ kind: 'finished', executionId: fetched.data.execution_id, status: fetched.data.status });
      return fetched;
    }
    if (this.phase === 'agent') {
      const fetched = await this.deps.reads.agentRun(target.agentRunId);
      if (!isEnded(fetched.data.status) && fetched.data.completed_at == null) return fetched;
      this.phase = 'history';
      return { ...fetched, immediate: true };
    }
    const fetched = await this.deps.reads.history(target.runId);
    const mine = newExecution(fetched.data.executions, target);
    if (mine) {
      this.found(mine.execution_id);
      if (isEnded(mine.status)) this.end({ kind: 'finished', executionId: mine.execution_id, status: mine.status });
    }
    return fetched;
  }
}

/** The execution the endpoint call created: not known before, from that endpoint, started around sending. */
export function newExecution(
  executions: readonly ExecutionSummary[],
  target: Extract<FollowTarget, { kind: 'endpoint' }>,
): ExecutionSummary | undefined {
  const candidates = executions.filter((e) => {
    const started = Date.parse(e.started_at);
    return (
      !target.known.has(e.execution_id) &&
      e.run_id === target.runId &&
      e.triggered_by === 'endpoint' &&
      (e.endpoint_slug == null || e.endpoint_slug === target.endpointSlug) &&
      Number.isFinite(started) &&
      started >= target.sentAt - followClockSkewMs
    );
  });
  // The first to start after sending is ours; a later one is somebody else's call.
  return candidates.sort((a, b) => Date.parse(a.started_at) - Date.parse(b.started_at))[0];
}
