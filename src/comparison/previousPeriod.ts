/**
 * The previous period's batch, for the deltas: the same filters over the preceding range of equal length.
 * It is fetched once when the filters change and then at most once an hour (a rolling range moves slowly),
 * only after a scheduled refresh or a filter change — never as part of a user's Refresh — and cached on
 * disk per origin, key and filters like the main batch. So a refresh stays one request.
 */
import type { BatchCache } from '../store/batchCache';
import type { GraniteConfig } from '../config/configuration';
import { GraniteError } from '../core/api/errors';
import type { ParsedBatch } from '../core/api/parseBatch';
import { Disposable } from '../core/disposable';
import { Emitter } from '../core/emitter';
import { filterKey } from '../filters/filters';
import { failureOutcome } from '../core/outcome';
import type { RefreshOutcome } from '../core/refreshScheduler';
import type { LogSink } from '../core/logSink';
import type { AnalyticsStore } from '../store/store';
import type { LoadEvent } from '../store/storeState';
import { comparisonDue, previousPeriodFilters } from './compare';

export interface PreviousPeriodDeps {
  store: AnalyticsStore;
  cache: BatchCache;
  config: () => GraniteConfig;
  now: () => number;
  log: Pick<LogSink, 'warn'>;
  gate: () => { ok: boolean };
  onOutcome: (outcome: RefreshOutcome) => void;
}

interface Entry {
  filterKey: string;
  cacheId: string;
  batch: ParsedBatch;
  fetchedAt: number;
}

const cacheKey = (key: string) => `previous|${key}`;

export class PreviousPeriod extends Disposable {
  private entry?: Entry;
  private inFlight?: { key: string; controller: AbortController };
  private readonly emitter = this.register(new Emitter<void>());
  readonly onDidChange = this.emitter.event;

  constructor(private readonly deps: PreviousPeriodDeps) {
    super();
    this.register(deps.store.onDidLoad((event) => void this.afterLoad(event)));
    this.register({ dispose: () => this.inFlight?.controller.abort() });
  }

  /** The previous period's batch for the filters shown now, if there is one. */
  current(): { batch: ParsedBatch; fetchedAt: number } | undefined {
    if (!this.deps.config().compareWithPreviousPeriod) return undefined;
    const entry = this.entry;
    return entry && entry.filterKey === filterKey(this.deps.store.state.filters) ? entry : undefined;
  }

  private async afterLoad(event: LoadEvent): Promise<void> {
    if (
      !this.deps.config().compareWithPreviousPeriod ||
      !comparisonDue(event.source, this.entry, event.filterKey, this.deps.now())
    )
      return;
    try {
      await this.ensure(event.filterKey);
    } catch (error) {
      this.deps.log.warn(`Could not load the previous period: ${String(error)}`);
    }
  }

  /** Paints from the cache (start-up, filter change); no request. */
  async loadCached(): Promise<void> {
    if (!this.deps.config().compareWithPreviousPeriod) return;
    const key = filterKey(this.deps.store.state.filters);
    const connection = await this.deps.store.connection();
    if (!('client' in connection) || this.entry?.filterKey === key) return;
    const cached = await this.deps.cache.read(connection.cacheId, cacheKey(key));
    if (cached && key === filterKey(this.deps.store.state.filters))
      this.set({ filterKey: key, cacheId: connection.cacheId, ...cached });
  }

  private async ensure(key: string): Promise<void> {
    const now = this.deps.now();
    const connection = await this.deps.store.connection();
    if (!('client' in connection)) return;
    if (this.entry?.cacheId === connection.cacheId && !comparisonDue('scheduled', this.entry, key, now)) return;
    if (this.inFlight?.key === key) return;
    const cached = await this.deps.cache.read(connection.cacheId, cacheKey(key));
    if (cached && !comparisonDue('scheduled', { filterKey: key, fetchedAt: cached.fetchedAt }, key, now)) {
      this.set({ filterKey: key, cacheId: connection.cacheId, ...cached });
      return;
    }
    const filters = this.deps.store.state.filters;
    if (!this.deps.gate().ok || filterKey(filters) !== key) return;
    this.inFlight?.controller.abort();
    const controller = new AbortController();
    this.inFlight = { key, controller };
    this.deps.store.requestCounts.comparison++;
    try {
      const result = await connection.client.fetchBatch(previousPeriodFilters(filters, now), {
        signal: controller.signal,
      });
      if (controller.signal.aborted || filterKey(this.deps.store.state.filters) !== key) return;
      const entry = { filterKey: key, cacheId: connection.cacheId, batch: result.data, fetchedAt: result.receivedAt };
      this.set(entry);
      await this.deps.cache
        .write(connection.cacheId, cacheKey(key), entry)
        .catch((e: unknown) => this.deps.log.warn(`Could not cache the previous period: ${String(e)}`));
    } catch (error) {
      const graniteError =
        error instanceof GraniteError ? error : new GraniteError('NetworkError', String(error), { cause: error });
      if (graniteError.kind === 'Aborted' || controller.signal.aborted) return;
      this.deps.log.warn(`Could not load the previous period for the comparison: ${graniteError.userMessage}`);
      // Only what must slow or stop the scheduler is reported; a failed comparison leaves the deltas out.
      if (graniteError.kind === 'RateLimited' || graniteError.needsCredentials)
        this.deps.onOutcome(failureOutcome(graniteError, this.deps.now()));
    } finally {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- another ensure() or a reset may replace inFlight during the awaits; TypeScript keeps the narrowing across them (TS#9998)
      if (this.inFlight?.controller === controller) this.inFlight = undefined;
    }
  }

  private set(entry: Entry): void {
    this.entry = entry;
    this.emitter.fire();
  }

  /** Filters, key or origin changed: what was loaded belongs to the old ones. */
  clear(): void {
    this.inFlight?.controller.abort();
    this.inFlight = undefined;
    if (this.entry) {
      this.entry = undefined;
      this.emitter.fire();
    }
  }
}
