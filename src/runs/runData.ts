/**
 * `RunDataSource`: what the host knows about one execution (a `RunBundle`, runBundle.ts), for the run view,
 * the chat tool, Run Again and the failure tooltips. Opening a run costs at most four requests the first
 * time — its detail, its automation's info, the automation's first history page (≤ 50) and the trace —
 * plus `/api/me` while the organisation is unknown (the store's `ensureIdentity`), and none within
 * `runFreshForMs`. Info is remembered per automation for the session, as is a trace's 404 ("no trace");
 * the trace is asked once per automation (it is the automation's session, shared by its executions), and
 * attributed per execution by traceOwner.ts.
 *
 * Failures stay in their part, phrased for the user: they never mark the key invalid or pause the batch
 * (the scheduler is not told). On-demand requests wait while the rate limit is nearly used up
 * (onDemandGate.ts), and the parts say so. Each request is counted under its own `RequestSource`.
 * Signed links in a trace stay in this object's memory only (runBundle.ts).
 */
import type { Connection } from '../connection/connections';
import type { Fetched } from '../core/api/client';
import type { AgentRunTraceResponse, AutomationWithEndpointInfo, ExecutionSummary } from '../core/api/runSchemas';
import { RunsApi, segment } from '../core/api/runsApi';
import type { ExecutionDetail, RecentFailureItem } from '../core/api/schemas';
import { Disposable } from '../core/disposable';
import { CountedEmitter } from '../core/emitter';
import { t } from '../core/l10n';
import type { RequestSource } from '../store/storeState';
import type { HistoryWords, RunBundle, RunPart, RunTrace } from './runBundle';
import { historyWords } from './runHistory';
import type { RunIds } from './runLink';
import { OnDemandGate, type SchedulerGate } from './onDemandGate';
import {
  due,
  runFreshForMs,
  errorPart,
  executionWindow,
  okValue,
  sortedHistory,
  type ErrorPart,
  type History,
  type Missing,
  type Timed,
} from './runParts';
import { traceOwner, type ExecutionWindow } from './traceOwner';
export { runFreshForMs } from './runParts';

/** The history page asked for: the strip shows the last 50 outcomes (the spec's default page). */
export const historyPageSize = 50;

/** What the source needs of the store (store.ts): connection, organisation, failure records, counts. */
export interface RunDataStore {
  connection(): Promise<Connection>;
  ensureIdentity(): Promise<string | undefined>;
  findFailure(executionId: string): RecentFailureItem | undefined;
  readonly state: { organizationId?: string; organization?: string };
  readonly requestCounts: Record<RequestSource, number>;
}

export interface RunDataDeps {
  store: RunDataStore;
  now: () => number;
  /** The scheduler's gate, so a batch told to wait holds these requests back too. */
  gate?: SchedulerGate;
  /** The user's language and, for tests, time zone, for the history words (runHistory.ts). */
  locale?: string;
  timeZone?: string;
}

export interface LoadOptions {
  /** Ask again what may have changed (detail, history, a trace that was found), fresh or not. */
  force?: boolean;
  /** Whom to count the requests for (default `run`; the chat tool passes `tool`). */
  source?: RequestSource;
}

type TraceEntry = { state: 'ok'; trace: AgentRunTraceResponse; fetchedAt: number } | { state: 'none' };

export class RunDataSource extends Disposable {
  private readonly loaded = this.register(new CountedEmitter<RunBundle>('runData.onDidLoad'));
  /** Fires with each bundle assembled after requests were sent for it. */
  readonly onDidLoad = this.loaded.event;
  private readonly gate: OnDemandGate;
  private readonly bundles = new Map<string, RunBundle>();
  private readonly details = new Map<string, Timed<ExecutionDetail>>();
  private readonly infos = new Map<string, Timed<AutomationWithEndpointInfo>>();
  private readonly histories = new Map<string, Timed<History>>();
  private readonly traces = new Map<string, TraceEntry>();
  /** The last failure asking for an automation's trace (other than 404): shown, and asked again next time. */
  private readonly traceFailures = new Map<string, Missing | Extract<RunPart<never>, { state: 'error' }>>();
  private readonly inFlight = new Map<string, Promise<RunBundle>>();
  /** The connection's cache id (origin and key hash): what was learnt for another one is forgotten. */
  private scope?: string;
  /** Bumped by `forget`: answers to requests sent before it are not kept. */
  private generation = 0;

  constructor(private readonly deps: RunDataDeps) {
    super('runData');
    this.gate = new OnDemandGate(deps.now, deps.gate);
    this.register({ dispose: () => this.forget() });
  }

  /** The last bundle assembled for this execution, fresh or not, without a request. */
  peek(executionId: string): RunBundle | undefined {
    return this.bundles.get(executionId);
  }

  /** The words on an automation's history if a page of it is held (tooltips: never a request). */
  wordsFor(runId: string): HistoryWords | undefined {
    const history = this.histories.get(runId)?.part;
    return history?.state === 'ok' ? this.words(history.value.executions, this.deps.now()) : undefined;
  }

  private words(executions: readonly ExecutionSummary[], now: number): HistoryWords {
    return historyWords(executions, { now, locale: this.deps.locale, timeZone: this.deps.timeZone });
  }

  /** Forgets everything (another key or origin, Sign Out). */
  forget(): void {
    this.generation++;
    for (const map of [this.bundles, this.details, this.infos, this.histories, this.traces, this.traceFailures])
      map.clear();
  }

  /** The bundle for an execution: from what is fresh, asking only for what is not (see the header). Never rejects. */
  load(ids: RunIds, options: LoadOptions = {}): Promise<RunBundle> {
    const running = this.inFlight.get(ids.executionId);
    if (running) return running;
    const promise = this.gather(ids, options).finally(() => this.inFlight.delete(ids.executionId));
    this.inFlight.set(ids.executionId, promise);
    return promise;
  }

  private async gather(ids: RunIds, options: LoadOptions): Promise<RunBundle> {
    const now = this.deps.now();
    const force = options.force === true;
    const source = options.source ?? 'run';
    const failure = this.deps.store.findFailure(ids.executionId);
    const connection = await this.deps.store.connection();
    if (!('client' in connection)) return this.unconnected(ids, failure, connection, now);
    if (this.scope !== connection.cacheId) this.forget();
    this.scope = connection.cacheId;
    const api = new RunsApi(connection.client);
    const generation = this.generation;
    const keep = <K, V>(map: Map<K, V>, key: K, value: V) => {
      if (generation === this.generation) map.set(key, value);
    };
    let sent = 0;
    const send = async <T>(work: () => Promise<Fetched<T>>): Promise<Timed<T>> => {
      const paused = this.gate.pauseReason();
      if (paused) return { part: { state: 'missing', reason: paused }, at: now };
      this.deps.store.requestCounts[source]++;
      sent++;
      try {
        const fetched = await work();
        this.gate.observe(fetched.rateLimit);
        return { part: { state: 'ok', value: fetched.data, fetchedAt: fetched.receivedAt }, at: fetched.receivedAt };
      } catch (error) {
        return { part: errorPart(error, this.gate), at: this.deps.now() };
      }
    };

    const detailDue = due(this.details.get(ids.executionId), now, force);
    let runId = ids.runId ?? failure?.run_id ?? okValue(this.details.get(ids.executionId))?.run_id;
    const orgNeeded =
      detailDue || !runId || due(this.infos.get(runId), now, false, true) || due(this.histories.get(runId), now, force);
    let orgId = this.deps.store.state.organizationId;
    if (!orgId && orgNeeded) orgId = await this.deps.store.ensureIdentity();
    const noOrg: Missing = {
      state: 'missing',
      reason: t(
        "Not asked: the organisation of this API key is not known yet (Granite's /api/me did not answer). Try Refresh in a moment.",
      ),
    };

    const work: Promise<unknown>[] = [];
    if (detailDue && orgId) {
      const org = orgId;
      const detailWork = send(() => connection.client.fetchExecution(org, segment(ids.executionId, 'execution'))).then(
        (d) => {
          keep(this.details, ids.executionId, d);
        },
      );
      // Without the automation's id, the other three requests wait for the detail that names it.
      if (!runId) await detailWork;
      else work.push(detailWork);
      runId ??= okValue(this.details.get(ids.executionId))?.run_id;
    }

    if (runId && orgId) {
      const [automation, org] = [runId, orgId];
      if (due(this.infos.get(automation), now, false, true))
        work.push(send(() => api.fetchAutomationInfo(org, automation)).then((i) => keep(this.infos, automation, i)));
      if (due(this.histories.get(automation), now, force))
        work.push(
          send(() => api.fetchHistory(org, automation, { limit: historyPageSize })).then((h) =>
            keep(this.histories, automation, sortedHistory(h)),
          ),
        );
    }
    if (runId && this.traceDue(runId, now, force)) {
      const automation = runId;
      work.push(
        send(() => api.fetchTrace(automation)).then((tr) => {
          if (generation === this.generation) this.rememberTrace(automation, tr);
        }),
      );
    }
    await Promise.all(work);

    const bundle = this.assemble(ids, runId, failure, orgId ? undefined : noOrg, now);
    if (generation !== this.generation) return bundle;
    this.bundles.set(ids.executionId, bundle);
    if (sent > 0) this.loaded.fire(bundle);
    return bundle;
  }

  private traceDue(runId: string, now: number, force: boolean): boolean {
    const entry = this.traces.get(runId);
    if (!entry) return true;
    return entry.state === 'ok' && (force || now - entry.fetchedAt >= runFreshForMs);
  }

  /** A 404 is remembered as "no trace" for the session; other failures are not remembered (asked again). */
  private rememberTrace(runId: string, timed: Timed<AgentRunTraceResponse>): void {
    const part = timed.part;
    if (part.state === 'ok' || (part.state === 'error' && (part as ErrorPart).notFound)) {
      this.traceFailures.delete(runId);
      this.traces.set(
        runId,
        part.state === 'ok' ? { state: 'ok', trace: part.value, fetchedAt: part.fetchedAt } : { state: 'none' },
      );
    } else {
      this.traceFailures.set(runId, part);
    }
  }

  private assemble(
    ids: RunIds,
    runId: string | undefined,
    failure: RecentFailureItem | undefined,
    noOrg: Missing | undefined,
    now: number,
  ): RunBundle {
    const noAutomation: Missing = {
      state: 'missing',
      reason: t("Not asked: this execution's automation is not known, because its details could not be loaded."),
    };
    const detail = this.details.get(ids.executionId)?.part ?? noOrg ?? noAutomation;
    const info = runId ? (this.infos.get(runId)?.part ?? noOrg ?? noAutomation) : noAutomation;
    const history = runId ? (this.histories.get(runId)?.part ?? noOrg ?? noAutomation) : noAutomation;
    const words = history.state === 'ok' ? this.words(history.value.executions, now) : undefined;
    const window = executionWindow(ids.executionId, detail, history, failure);
    const trace = runId ? this.traceFor(runId, window, now) : noAutomation;
    const organization = this.deps.store.state.organizationId
      ? { id: this.deps.store.state.organizationId, name: this.deps.store.state.organization }
      : undefined;
    const newest = Math.max(
      0,
      ...[detail, info, history].map((p) => (p.state === 'ok' ? p.fetchedAt : 0)),
      trace.state === 'ok' ? trace.fetchedAt : 0,
    );
    return {
      ids: { executionId: ids.executionId, runId: runId ?? '' },
      ...(failure ? { failure } : {}),
      detail,
      info,
      history,
      ...(words ? { words } : {}),
      trace,
      ...(organization ? { organization } : {}),
      fetchedAt: newest || now,
    };
  }

  private traceFor(runId: string, window: ExecutionWindow | undefined, now: number): RunTrace {
    const entry = this.traces.get(runId);
    if (!entry) return this.traceFailures.get(runId) ?? { state: 'missing', reason: t('Not asked yet.') };
    if (entry.state === 'none') return entry;
    const owner = window ? traceOwner(entry.trace, window, now) : undefined;
    if (!owner) {
      // Without the execution's times, only the automation's own creating session can be named.
      if (!window && entry.trace.rpa_run_id === runId)
        return { state: 'ok', owner: 'creating-session', trace: entry.trace, fetchedAt: entry.fetchedAt };
      return { state: 'none' };
    }
    return { state: 'ok', owner, trace: entry.trace, fetchedAt: entry.fetchedAt };
  }

  private unconnected(
    ids: RunIds,
    failure: RecentFailureItem | undefined,
    connection: Exclude<Connection, { client: unknown }>,
    now: number,
  ): RunBundle {
    const reason =
      'noKey' in connection
        ? t('Not asked: no Granite API key is set. Run "Granite: Set API Key".')
        : t('Not asked: {0}', connection.error.userMessage);
    const missing: Missing = { state: 'missing', reason };
    return {
      ids: { executionId: ids.executionId, runId: ids.runId ?? failure?.run_id ?? '' },
      ...(failure ? { failure } : {}),
      detail: missing,
      info: missing,
      history: missing,
      trace: missing,
      fetchedAt: now,
    };
  }
}
