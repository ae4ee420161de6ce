/**
 * `AnalyticsStore` owns the current filters, the last good batch and its time, the current error, and
 * the one request in flight. Tree, status bar and panel all read from it, so with all of them showing one
 * refresh is one HTTP request. A refresh asked for while one is in flight joins it; a filter change aborts
 * the superseded request. Errors never replace data: the last good batch stays, marked stale.
 */
import * as vscode from 'vscode';
import type { BatchCache } from './batchCache';
import type { GraniteConfig } from './configuration';
import type { Credentials, KeySource } from './credentials';
import type { Log } from './log';
import { checkBaseUrl } from './core/api/baseUrl';
import { GraniteClient } from './core/api/client';
import { GraniteError } from './core/api/errors';
import { summariseProblems, type ParsedBatch } from './core/api/parseBatch';
import type { RecentFailureItem } from './core/api/schemas';
import { filterKey, toRequestFilters, type FilterState } from './core/filters';
import type { RefreshOutcome } from './core/scheduler';
import { rowFromWorkflowBatch, type WorkflowRow } from './core/workflowHealth';

export type RequestSource = 'scheduled' | 'user' | 'filters' | 'workflow' | 'key-check' | 'details';

export interface StoreState {
  filters: FilterState;
  batch?: ParsedBatch;
  /** When the shown batch was received from Granite (it may come from the cache). */
  fetchedAt?: number;
  /** The shown batch was read from the cache and no refresh has succeeded since. */
  fromCache: boolean;
  error?: GraniteError;
  loading: boolean;
  /** Set once the key lookup has run: whether there is a key, and where it comes from. */
  key?: { present: false } | { present: true; source: KeySource };
  origin?: string;
  organization?: string;
  organizationId?: string;
  /** The server's message when analytics is disabled for the organisation. */
  analyticsDisabled?: string;
}

export interface StoreDeps {
  config: () => GraniteConfig;
  credentials: Credentials;
  cache: BatchCache;
  log: Log;
  now: () => number;
  /** May a request go out now (rate limit, credentials)? The scheduler decides. */
  gate: () => { ok: true } | { ok: false; reason: 'rate-limited'; until: number } | { ok: false; reason: 'credentials' };
  /** Told about every completed batch request, for the scheduler. */
  onOutcome: (outcome: RefreshOutcome) => void;
  saveFilters: (filters: FilterState) => Thenable<void>;
  /**
   * The only origin `GRANITE_API_KEY` may be sent to: that of the user-level base URL when the window
   * started. Changing the URL later asks for the new origin's key instead of reusing the variable.
   */
  environmentKeyOrigin?: string;
}

export class AnalyticsStore implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private current: StoreState;
  private inFlight?: { key: string; controller: AbortController; promise: Promise<void> };
  private readonly onDemand = new Map<string, WorkflowRow>();
  private readonly onDemandBatches = new Map<string, ParsedBatch>();
  private readonly onDemandInFlight = new Map<string, Promise<void>>();
  /** Requests sent, by what caused them (reported by benchmarks and tests). */
  readonly requestCounts: Record<RequestSource, number> = { scheduled: 0, user: 0, filters: 0, workflow: 0, 'key-check': 0, details: 0 };
  private identityChecked?: string;

  constructor(private readonly deps: StoreDeps, filters: FilterState) {
    this.current = { filters, fromCache: false, loading: false };
  }

  get state(): Readonly<StoreState> {
    return this.current;
  }

  /** Rows fetched on demand for workflows the batch does not cover, until the next refresh. */
  get onDemandRows(): ReadonlyMap<string, WorkflowRow> {
    return this.onDemand;
  }

  /** Finds a failure record by execution id in the batch or any on-demand batch. */
  findFailure(executionId: string): RecentFailureItem | undefined {
    const batches = [this.current.batch, ...this.onDemandBatches.values()];
    for (const batch of batches) {
      const found = batch?.sections.recent_failures?.data.find((f) => f.execution_id === executionId);
      if (found) return found;
    }
    return undefined;
  }

  /** Every failure record known (batch first, then on-demand batches), newest first, without duplicates. */
  allFailures(): RecentFailureItem[] {
    const seen = new Set<string>();
    const out: RecentFailureItem[] = [];
    for (const batch of [this.current.batch, ...this.onDemandBatches.values()]) {
      for (const f of batch?.sections.recent_failures?.data ?? []) {
        if (!seen.has(f.execution_id)) {
          seen.add(f.execution_id);
          out.push(f);
        }
      }
    }
    return out;
  }

  /** The batch fetched on demand for one workflow, if any (its recent failures feed the tree). */
  onDemandBatch(workflow: string): ParsedBatch | undefined {
    return this.onDemandBatches.get(workflow);
  }

  private update(patch: Partial<StoreState>): void {
    this.current = { ...this.current, ...patch };
    this.emitter.fire();
  }

  /** The origin and key for the current settings, or the reason there is none. */
  async connection(): Promise<{ client: GraniteClient; source: KeySource } | { error: GraniteError } | { noKey: true; origin: string }> {
    const config = this.deps.config();
    const check = checkBaseUrl(config.apiBaseUrl);
    if (!check.ok) return { error: new GraniteError('InvalidBaseUrl', check.message) };
    const key = await this.deps.credentials.get(check.origin, this.deps.environmentKeyOrigin);
    if (!key) return { noKey: true, origin: check.origin };
    this.deps.log.setSecrets([key.key]);
    const client = new GraniteClient({ baseUrl: config.apiBaseUrl, apiKey: key.key, now: this.deps.now, onExchange: (e) => this.deps.log.exchange(e) });
    return { client, source: key.source };
  }

  /** Paints from the persisted cache for the current origin and filters (after activation, off the critical path). */
  async loadCache(newerOnly = false): Promise<void> {
    const check = checkBaseUrl(this.deps.config().apiBaseUrl);
    if (!check.ok || (this.current.batch && !newerOnly)) return;
    const cached = await this.deps.cache.read(check.origin, filterKey(this.current.filters));
    if (!cached) return;
    // `newerOnly`: another window fetched for the same origin and filters and wrote the shared cache.
    const newer = newerOnly && cached.fetchedAt > (this.current.fetchedAt ?? 0);
    if (newer || !this.current.batch) {
      this.update({ batch: cached.batch, fetchedAt: cached.fetchedAt, fromCache: !newer, origin: check.origin, error: newer ? undefined : this.current.error });
    }
  }

  /** Refreshes with the current filters; joins a request already in flight for the same filters. */
  refresh(source: RequestSource = 'user'): Promise<void> {
    const key = filterKey(this.current.filters);
    if (this.inFlight?.key === key) return this.inFlight.promise;
    this.inFlight?.controller.abort();
    const controller = new AbortController();
    const promise = this.run(source, key, controller).finally(() => {
      if (this.inFlight?.controller === controller) this.inFlight = undefined;
    });
    this.inFlight = { key, controller, promise };
    return promise;
  }

  private async run(source: RequestSource, key: string, controller: AbortController): Promise<void> {
    const gate = this.deps.gate();
    if (!gate.ok && gate.reason === 'rate-limited') {
      // Nothing is sent before the reset: say why, keep what is shown.
      const at = new Date(gate.until).toLocaleTimeString();
      this.update({ error: new GraniteError('RateLimited', `Granite's rate limit is reached; requests resume at ${at}. The data shown stays until then.`, { retryAt: gate.until }) });
      return;
    }
    // After 401/403 the scheduler waits for a new key; a user's own Refresh may still try once.
    if (!gate.ok && source === 'scheduled') return;
    const connection = await this.connection();
    if ('noKey' in connection) {
      this.update({ key: { present: false }, origin: connection.origin, loading: false, error: undefined });
      return;
    }
    if ('error' in connection) {
      this.update({ error: connection.error, loading: false });
      return;
    }
    const { client, source: keySource } = connection;
    this.update({ loading: true, key: { present: true, source: keySource }, origin: client.origin });
    this.requestCounts[source]++;
    const filters = this.current.filters;
    try {
      const result = await client.fetchBatch(toRequestFilters(filters, this.deps.now()), { signal: controller.signal });
      if (controller.signal.aborted || filterKey(this.current.filters) !== key) return;
      if (result.data.problems.length) this.deps.log.warn(`Some sections did not match Granite's format and are not shown: ${summariseProblems(result.data.problems)}`);
      this.onDemand.clear();
      this.onDemandBatches.clear();
      this.update({ batch: result.data, fetchedAt: result.receivedAt, fromCache: false, error: undefined, loading: false });
      this.deps.onOutcome({ ok: true, at: result.receivedAt, blockedUntil: result.rateLimit.remaining === 0 ? result.rateLimit.resetAt : undefined });
      void this.deps.cache.write(client.origin, key, { batch: result.data, fetchedAt: result.receivedAt }).catch((e: unknown) => this.deps.log.warn(`Could not write the cache: ${String(e)}`));
      void this.checkIdentity(client);
    } catch (error) {
      const graniteError = error instanceof GraniteError ? error : new GraniteError('NetworkError', String(error), { cause: error });
      if (graniteError.kind === 'Aborted') return;
      this.deps.log.error(`Refresh failed (${source}): ${graniteError.message}`);
      this.update({ error: graniteError, loading: false });
      this.deps.onOutcome({ ok: false, at: this.deps.now(), needsCredentials: graniteError.needsCredentials, blockedUntil: graniteError.retryAt });
    } finally {
      if (this.current.loading && !controller.signal.aborted) this.update({ loading: false });
    }
  }

  /** Organisation name and analytics status, once per origin and key (they rarely change). */
  private async checkIdentity(client: GraniteClient): Promise<void> {
    if (this.identityChecked === client.origin) return;
    this.identityChecked = client.origin;
    try {
      this.requestCounts['key-check'] += 2;
      const [me, status] = await Promise.allSettled([client.fetchMe(), client.fetchStatus()]);
      const patch: Partial<StoreState> = {};
      if (me.status === 'fulfilled') {
        patch.organization = me.value.data.organization.organization_name;
        patch.organizationId = me.value.data.organization.organization_id;
      }
      if (status.status === 'fulfilled' && !status.value.data.enabled) patch.analyticsDisabled = status.value.data.message || 'Analytics is disabled for this organisation.';
      if (status.status === 'fulfilled' && status.value.data.enabled) patch.analyticsDisabled = undefined;
      this.update(patch);
    } catch (error) {
      this.deps.log.debug(`Identity check failed: ${String(error)}`);
    }
  }

  /** Sets new filters: persists them, aborts the superseded request, paints from cache, refreshes once. */
  async setFilters(filters: FilterState): Promise<void> {
    this.inFlight?.controller.abort();
    this.inFlight = undefined;
    this.onDemand.clear();
    this.onDemandBatches.clear();
    this.update({ filters, batch: undefined, fetchedAt: undefined, fromCache: false, error: undefined });
    await this.deps.saveFilters(filters);
    await this.loadCache();
    await this.refresh('filters');
  }

  /**
   * One filtered request for one workflow, when the user expands or selects it: never automatic, never
   * one per tree item, and cached until the next refresh.
   */
  fetchWorkflow(name: string): Promise<void> {
    if (this.onDemand.has(name)) return Promise.resolve();
    const running = this.onDemandInFlight.get(name);
    if (running) return running;
    const promise = this.runWorkflowFetch(name).finally(() => this.onDemandInFlight.delete(name));
    this.onDemandInFlight.set(name, promise);
    return promise;
  }

  private async runWorkflowFetch(name: string): Promise<void> {
    if (!this.deps.gate().ok) return;
    const connection = await this.connection();
    if (!('client' in connection)) return;
    const generation = this.current.fetchedAt;
    this.requestCounts.workflow++;
    try {
      const result = await connection.client.fetchBatch(toRequestFilters({ ...this.current.filters, workflow: name }, this.deps.now()));
      if (generation !== this.current.fetchedAt) return; // a refresh replaced the batch meanwhile
      const config = this.deps.config();
      this.onDemandBatches.set(name, result.data);
      this.onDemand.set(name, rowFromWorkflowBatch(name, result.data.sections, { warning: config.warningThreshold, error: config.errorThreshold }));
      this.emitter.fire();
    } catch (error) {
      this.deps.log.warn(`Could not load figures for one workflow: ${error instanceof GraniteError ? error.userMessage : String(error)}`);
    }
  }

  /** After Sign Out or an origin change: forget data, errors and identity; the cache is cleared by the caller. */
  reset(): void {
    this.inFlight?.controller.abort();
    this.inFlight = undefined;
    this.onDemand.clear();
    this.onDemandBatches.clear();
    this.identityChecked = undefined;
    this.current = { filters: this.current.filters, fromCache: false, loading: false };
    this.emitter.fire();
  }

  dispose(): void {
    this.inFlight?.controller.abort();
    this.emitter.dispose();
  }
}
