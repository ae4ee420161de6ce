/**
 * `AnalyticsStore` owns the current filters, the last good batch and its time, the current error, and
 * the one request in flight. Tree, status bar and panel all read from it, so with all of them showing one
 * refresh is one HTTP request. A refresh asked for while one is in flight joins it; a filter change or a
 * new key aborts the superseded request. Errors never replace data: the last good batch stays, marked stale.
 */
import type { Connection } from '../connection/connections';
import type { GraniteClient } from '../core/api/client';
import { GraniteError } from '../core/api/errors';
import { Disposable } from '../core/disposable';
import { CountedEmitter, Emitter } from '../core/emitter';
import { keepLastGood, summariseProblems, type ParsedBatch } from '../core/api/parseBatch';
import { summariseWarnings } from '../core/api/plausibility';
import type { RecentFailureItem } from '../core/api/schemas';
import { filterKey, toRequestFilters, type FilterState } from '../filters/filters';
import { OrganisationIdentity } from '../connection/organisationIdentity';
import { t } from '../core/l10n';
import { failureOutcome, successOutcome } from '../core/outcome';
import type { WorkflowRow } from '../workflows/workflowHealth';
import { zeroRequestCounts, type LoadEvent, type RequestSource, type StoreDeps, type StoreState } from './storeState';
import { WorkflowFigures } from './workflowFigures';

export class AnalyticsStore extends Disposable {
  private readonly emitter = this.register(new CountedEmitter<void>('store.onDidChange'));
  readonly onDidChange = this.emitter.event;
  private readonly loadEmitter = this.register(new Emitter<LoadEvent>());
  /** Fires after each successful refresh (not after painting from the cache). */
  readonly onDidLoad = this.loadEmitter.event;
  private current: StoreState;
  private inFlight?: { key: string; generation: number; controller: AbortController; promise: Promise<void> };
  /** Bumped by every filter change, credential change and reset: results of older requests are dropped. */
  private generation = 0;
  /** The organisation and analytics status: asked once per origin and key, failures hourly at most. */
  private readonly identity: OrganisationIdentity;
  readonly figures: WorkflowFigures;
  /** Requests sent, by what caused them (reported by benchmarks and tests). */
  readonly requestCounts: Record<RequestSource, number> = zeroRequestCounts();

  constructor(
    private readonly deps: StoreDeps,
    filters: FilterState,
  ) {
    super();
    this.current = { filters, fromCache: false, loading: false };
    this.identity = new OrganisationIdentity(deps.now, () => this.requestCounts['key-check']++);
    this.register({
      dispose: () => {
        this.inFlight?.controller.abort();
        this.figures.clear();
      },
    });
    this.figures = new WorkflowFigures({
      client: async () => {
        const c = await this.connection();
        return 'client' in c ? c.client : undefined;
      },
      gate: () => deps.gate(),
      filters: () => this.current.filters,
      thresholds: () => ({ warning: deps.config().warningThreshold, error: deps.config().errorThreshold }),
      now: deps.now,
      onOutcome: (outcome) => deps.onOutcome(outcome),
      onChange: () => this.emitter.fire(),
      countRequest: () => this.requestCounts.workflow++,
      warn: (message) => deps.log.warn(message),
    });
  }

  get state(): Readonly<StoreState> {
    return this.current;
  }

  /** Rows fetched on demand for workflows the batch does not cover, until the next refresh. */
  get onDemandRows(): ReadonlyMap<string, WorkflowRow> {
    return this.figures.rowMap;
  }

  onDemandBatch(workflow: string): ParsedBatch | undefined {
    return this.figures.batch(workflow);
  }

  fetchWorkflow(name: string): Promise<void> {
    return this.figures.fetch(name);
  }

  /** Every failure record known (batch first, then on-demand batches), without duplicates. */
  allFailures(): RecentFailureItem[] {
    const seen = new Set<string>();
    const out: RecentFailureItem[] = [];
    for (const batch of [this.current.batch, ...this.figures.allBatches()]) {
      for (const f of batch?.sections.recent_failures?.data ?? []) {
        if (!seen.has(f.execution_id)) {
          seen.add(f.execution_id);
          out.push(f);
        }
      }
    }
    return out;
  }

  findFailure(executionId: string): RecentFailureItem | undefined {
    return this.allFailures().find((f) => f.execution_id === executionId);
  }

  private update(patch: Partial<StoreState>): void {
    this.current = { ...this.current, ...patch };
    this.emitter.fire();
  }

  /** The client for the current settings and key, or why there is none. Never throws. */
  connection(): Promise<Connection> {
    return this.deps.connections.resolve();
  }

  /** Without a request: whether a key exists, so the welcome view can ask for one (polling off). */
  async resolveKey(): Promise<void> {
    const connection = await this.connection();
    if ('noKey' in connection) this.update({ key: { present: false }, origin: connection.origin });
    else if ('client' in connection)
      this.update({ key: { present: true, source: connection.source }, origin: connection.client.origin });
    else this.update({ error: connection.error });
  }

  /**
   * Paints from the persisted cache for the current origin, key and filters. With `newerOnly` (another
   * window fetched), only a batch newer than ours is taken. Returns whether a batch was taken.
   */
  async loadCache(newerOnly = false): Promise<boolean> {
    if (this.current.batch && !newerOnly) return false;
    const generation = this.generation;
    const key = filterKey(this.current.filters);
    const connection = await this.connection();
    if (!('client' in connection)) return false;
    const cached = await this.deps.cache.read(connection.cacheId, key);
    if (!cached || generation !== this.generation || key !== filterKey(this.current.filters)) return false;
    const newer = newerOnly && cached.fetchedAt > (this.current.fetchedAt ?? 0);
    if (!newer && this.current.batch) return false;
    this.update({
      batch: cached.batch,
      fetchedAt: cached.fetchedAt,
      fromCache: !newer,
      requested: undefined,
      origin: connection.client.origin,
      error: newer ? undefined : this.current.error,
    });
    return true;
  }

  /** Refreshes with the current filters; joins a request already in flight for the same filters and key. */
  refresh(source: RequestSource = 'user'): Promise<void> {
    const key = filterKey(this.current.filters);
    if (this.inFlight?.key === key && this.inFlight.generation === this.generation) return this.inFlight.promise;
    this.inFlight?.controller.abort();
    const controller = new AbortController();
    const generation = this.generation;
    const promise = this.run(source, key, controller).finally(() => {
      if (this.inFlight?.controller === controller) this.inFlight = undefined;
    });
    this.inFlight = { key, generation, controller, promise };
    return promise;
  }

  private async run(source: RequestSource, key: string, controller: AbortController): Promise<void> {
    const gate = this.deps.gate();
    if (!gate.ok && gate.reason === 'rate-limited') {
      // Nothing is sent before the reset: say why, keep what is shown.
      const at = new Date(gate.until).toLocaleTimeString();
      this.update({
        error: new GraniteError(
          'RateLimited',
          t("Granite's rate limit is reached; requests resume at {0}. The data shown stays until then.", at),
          { retryAt: gate.until },
        ),
      });
      return;
    }
    // After 401/403 the scheduler waits for a new key; a user's own Refresh may still try once.
    if (!gate.ok && source === 'scheduled') return;
    const connection = await this.connection();
    if (controller.signal.aborted) return;
    if ('noKey' in connection) {
      this.update({ key: { present: false }, origin: connection.origin, loading: false, error: undefined });
      return;
    }
    if ('error' in connection) {
      this.update({ error: connection.error, loading: false });
      this.deps.onOutcome({ ok: false, at: this.deps.now(), needsCredentials: false });
      return;
    }
    const { client, source: keySource, cacheId } = connection;
    this.update({ loading: true, key: { present: true, source: keySource }, origin: client.origin });
    this.requestCounts[source]++;
    try {
      const requested = toRequestFilters(this.current.filters, this.deps.now());
      const result = await client.fetchBatch(requested, { signal: controller.signal });
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- an abort can come during the await; TypeScript keeps `aborted` narrowed to false across it (TS#9998)
      if (controller.signal.aborted || filterKey(this.current.filters) !== key) return;
      if (result.data.problems.length)
        this.deps.log.warn(
          `Some sections did not match Granite's format (their last good data stays, if any): ${summariseProblems(result.data.problems)}`,
        );
      if (result.data.warnings.length)
        this.deps.log.warn(
          `${result.data.warnings.length} values look implausible (shown as sent): ${summariseWarnings(result.data.warnings)}`,
        );
      this.figures.clear();
      const batch = keepLastGood(result.data, this.current.batch, this.current.fetchedAt);
      // A batch answered is analytics answering: a "disabled" status from an earlier 403 no longer holds.
      this.update({
        batch,
        fetchedAt: result.receivedAt,
        fromCache: false,
        requested,
        error: undefined,
        loading: false,
        analyticsDisabled: undefined,
      });
      // Written before the outcome is shared, so another window that adopts this fetch finds the file.
      await this.deps.cache
        .write(cacheId, key, { batch, fetchedAt: result.receivedAt })
        .catch((e: unknown) => this.deps.log.warn(`Could not write the cache: ${String(e)}`));
      this.deps.onOutcome(successOutcome(result));
      this.loadEmitter.fire({ source, filterKey: key, batch: result.data });
      void this.checkIdentity(client, cacheId, false);
    } catch (error) {
      const graniteError =
        error instanceof GraniteError ? error : new GraniteError('NetworkError', String(error), { cause: error });
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- an abort can come during the await; TypeScript keeps `aborted` narrowed to false across it (TS#9998)
      if (graniteError.kind === 'Aborted' || controller.signal.aborted) return;
      this.deps.log.error(`Refresh failed (${source}): ${graniteError.message}`);
      this.update({ error: graniteError, loading: false });
      this.deps.onOutcome(failureOutcome(graniteError, this.deps.now()));
      // A 403 may mean analytics is switched off for the organisation: the status route says which.
      if (graniteError.kind === 'Forbidden') void this.checkIdentity(client, cacheId, true);
    } finally {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- an abort can come during the await; TypeScript keeps `aborted` narrowed to false across it (TS#9998)
      if (this.current.loading && !controller.signal.aborted) this.update({ loading: false });
    }
  }

  /** The organisation id, asking `/api/me` if it is due (e.g. data painted from the cache); undefined if not known. */
  async ensureIdentity(): Promise<string | undefined> {
    if (this.current.organizationId) return this.current.organizationId;
    const connection = await this.connection();
    if ('client' in connection) await this.checkIdentity(connection.client, connection.cacheId, false);
    return this.current.organizationId;
  }

  /** Organisation name and analytics status for the origin and key of `scope` (the cache id: a hash, never the key). */
  private async checkIdentity(client: GraniteClient, scope: string, forbidden: boolean): Promise<void> {
    const facts = await this.identity.afterBatch(client, scope, forbidden);
    if (facts) this.update(facts);
  }

  /** Sets new filters: persists them, aborts the superseded request, paints from cache, refreshes once. */
  async setFilters(filters: FilterState): Promise<void> {
    this.generation++;
    this.inFlight?.controller.abort();
    this.inFlight = undefined;
    this.figures.clear();
    this.update({
      filters,
      batch: undefined,
      fetchedAt: undefined,
      fromCache: false,
      requested: undefined,
      error: undefined,
    });
    await this.deps.saveFilters(filters);
    await this.loadCache();
    await this.refresh('filters');
  }

  /** A key was set or deleted, or the URL changed: nothing in flight or remembered belongs to the new key. */
  credentialsChanged(): void {
    this.generation++;
    this.inFlight?.controller.abort();
    this.inFlight = undefined;
    this.figures.clear();
    this.identity.forget();
    this.update({ organization: undefined, organizationId: undefined, analyticsDisabled: undefined, loading: false });
  }

  /** After Sign Out or an origin change: forget data, errors and identity; the cache is cleared by the caller. */
  reset(): void {
    this.credentialsChanged();
    this.current = { filters: this.current.filters, fromCache: false, loading: false };
    this.emitter.fire();
  }
}
