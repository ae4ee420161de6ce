/**
 * Queue wait times for the dashboard (`GET /api/analytics/queue-metrics`): the batch does not carry them,
 * so they cost a request of their own, sent only while the dashboard is visible and only with the
 * dashboard's refresh (each new batch, same dates and granularity), plus the previous period's once per
 * previous-period batch (the comparison's hourly schedule) for the KPI card's delta. Cached on disk per
 * origin, key and range like the batch, so a reload or another window paints without asking.
 *
 * Errors are contained (issue 14, STATUS-14 "the error surface"): they never reach the store, the
 * scheduler or the credentials prompt. A 401 or 429 here leaves the batch polling and the key valid; the
 * card shows its own message and keeps the last good points, marked stale. A 429's `retryAt` is honoured
 * locally: nothing is sent on this route before it.
 */
import * as z from 'zod/mini';
import type { GraniteConfig } from '../config/configuration';
import { comparisonMaxAgeMs, delta, previousPeriodFilters } from '../comparison/compare';
import type { PreviousPeriod } from '../comparison/previousPeriod';
import { fetchQueueMetrics } from '../core/api/queueAndLayout';
import { QueueMetricsResponse } from '../core/api/queueAndLayoutSchemas';
import { GraniteError } from '../core/api/errors';
import { Disposable } from '../core/disposable';
import { Emitter } from '../core/emitter';
import { t } from '../core/l10n';
import type { LogSink } from '../core/logSink';
import { effectiveIntervalMs } from '../core/refreshScheduler';
import type { QueueState } from '../dashboard/protocol';
import { filterKey, toRequestFilters, type FilterState } from '../filters/filters';
import type { BatchCache } from '../store/batchCache';
import type { AnalyticsStore } from '../store/store';
import { worstP95 } from './queueFigures';

/**
 * A workflow, trigger or status change refreshes the batch, but not the queue's range: an answer this
 * recent for the same dates is kept rather than asked for again (any other refresh asks again).
 */
export const queueFreshMs = 30_000;

export interface QueueMetricsDeps {
  store: AnalyticsStore;
  previous: Pick<PreviousPeriod, 'current' | 'onDidChange'>;
  cache: BatchCache;
  config: () => GraniteConfig;
  now: () => number;
  log: Pick<LogSink, 'warn'>;
  /** The scheduler's gate: nothing is sent while the batch is rate-limited or waits for a new key. */
  gate: () => { ok: boolean };
}

interface Entry {
  key: string;
  /** The batch's whole filter key when this answer was asked for (workflow, trigger and status included). */
  batchKey?: string;
  cacheId: string;
  response: QueueMetricsResponse;
  fetchedAt: number;
}

type Period = 'current' | 'previous';

/** The route takes no workflow, trigger or status filter: only dates and granularity key its answers. */
export function queueKey(filters: FilterState): string {
  return filterKey({ range: filters.range, granularity: filters.granularity });
}

const cacheKeys: Record<Period, (key: string) => string> = {
  current: (key) => `queue|${key}`,
  previous: (key) => `queue-previous|${key}`,
};

export class QueueMetricsSource extends Disposable {
  private visible = false;
  private readonly entries: Partial<Record<Period, Entry>> = {};
  /** Per period, the batch (`fetchedAt`) the last attempt went with: one attempt per batch, failed or not. */
  private readonly attempted: Partial<Record<Period, string>> = {};
  private readonly inFlight: Partial<Record<Period, AbortController>> = {};
  /** The current period's last error, for the dates it was asked for. */
  private error?: { key: string; kind: string; message: string };
  private retryAt = 0;
  private readonly emitter = this.register(new Emitter<void>());
  readonly onDidChange = this.emitter.event;

  constructor(private readonly deps: QueueMetricsDeps) {
    super();
    this.register(deps.store.onDidChange(() => void this.sync()));
    this.register(deps.previous.onDidChange(() => void this.sync()));
    this.register({ dispose: () => this.abort() });
  }

  /** The dashboard was shown or hidden: shown with no fresh answer, it asks once (cache first). */
  readonly setVisible = (visible: boolean): void => {
    this.visible = visible;
    if (!visible) return;
    // Shown again after a failure: one more try for the batch shown (the gate and `retryAt` still hold).
    this.attempted.current = this.attempted.previous = undefined;
    void this.sync();
  };

  /** What the dashboard draws; undefined before anything was asked or cached. */
  state(locale?: string): QueueState | undefined {
    const filters = this.deps.store.state.filters;
    const key = queueKey(filters);
    const entry = this.entries.current?.key === key ? this.entries.current : undefined;
    const error = this.error?.key === key ? { kind: this.error.kind, message: this.error.message } : undefined;
    const loading = !!this.inFlight.current;
    if (!entry && !error && !loading) return undefined;
    const batchAt = this.deps.store.state.fetchedAt ?? 0;
    const comparing = this.deps.config().compareWithPreviousPeriod;
    const previous = comparing && this.entries.previous?.key === key ? this.entries.previous.response.data : undefined;
    return {
      data: entry?.response.data ?? [],
      granularity: entry?.response.granularity ?? toRequestFilters(filters, this.deps.now()).granularity ?? 'day',
      fetchedAt: entry?.fetchedAt,
      // Stale: the last request failed, or the batch shown is newer than these points (and none is on its way).
      stale: !!entry && (!!error || (!loading && entry.fetchedAt < batchAt - queueFreshMs)),
      loading,
      error,
      filtersIgnored: !!(filters.workflow || filters.trigger || filters.status),
      previous,
      delta:
        entry && previous
          ? delta('duration', worstP95(entry.response.data)?.ms, worstP95(previous)?.ms, locale)
          : undefined,
    };
  }

  /**
   * After any change of the store or the previous period, while the dashboard is visible: brings each
   * period's answer up to its batch (the batch shown; the previous period's batch), from the disk or Granite.
   */
  private async sync(): Promise<void> {
    const s = this.deps.store.state;
    if (!this.visible || this.isDisposed || s.fetchedAt === undefined || s.loading) return;
    const previous = this.deps.config().compareWithPreviousPeriod ? this.deps.previous.current() : undefined;
    await Promise.all([
      this.ensure('current', s.fetchedAt, s.fromCache),
      previous && this.ensure('previous', previous.fetchedAt, false),
    ]);
  }

  private async ensure(period: Period, batchAt: number, batchFromCache: boolean): Promise<void> {
    const filters = this.deps.store.state.filters;
    const key = queueKey(filters);
    const held = this.entries[period];
    if (held?.key === key && held.fetchedAt >= batchAt) return;
    const age = held?.key === key ? this.deps.now() - held.fetchedAt : Infinity;
    // The previous period at most hourly (as its batch): ≤ 1 request a clock hour, also when the dashboard opens.
    if (period === 'previous' && age < comparisonMaxAgeMs) return;
    // One try per batch (marked before the first await: store changes come in bursts).
    const attempt = `${key}@${batchAt}@${batchFromCache}`;
    if (this.attempted[period] === attempt || this.inFlight[period]) return;
    // Only the workflow, trigger or status changed, just after an answer for these dates: keep it.
    if (period === 'current' && held && held.batchKey !== filterKey(filters) && age < queueFreshMs) {
      held.batchKey = filterKey(filters);
      this.attempted[period] = attempt;
      return;
    }
    this.attempted[period] = attempt;
    const connection = await this.deps.store.connection();
    if (!('client' in connection) || key !== queueKey(this.deps.store.state.filters)) return;
    // The disk first: an earlier session or another window may have the answer for this batch.
    const cached = await this.readCache(period, connection.cacheId, key);
    const shown = this.entries[period];
    if (cached && (shown?.key !== key || cached.fetchedAt > shown.fetchedAt)) this.set(period, cached);
    if (cached && cached.fetchedAt >= batchAt) return;
    // A batch painted from the cache is followed by a refresh when polling is on: the queue goes with that.
    const pollingOff = effectiveIntervalMs(this.deps.config().refreshIntervalSeconds) === 0;
    if (batchFromCache && !pollingOff) return;
    if (!this.visible || !this.deps.gate().ok || this.deps.now() < this.retryAt || this.busy(period)) return;
    if (key !== queueKey(this.deps.store.state.filters)) return;
    await this.fetch(period, filters, connection);
  }

  private async fetch(
    period: Period,
    filters: FilterState,
    connection: { client: Parameters<typeof fetchQueueMetrics>[0]; cacheId: string },
  ): Promise<void> {
    const key = queueKey(filters);
    const controller = new AbortController();
    this.inFlight[period] = controller;
    this.deps.store.requestCounts.queue++;
    if (period === 'current') this.emitter.fire(); // loading
    const now = this.deps.now();
    // The batch's own dates when known (a rolling range moves between two requests), else the same rule's.
    const range =
      period === 'previous'
        ? previousPeriodFilters(filters, now)
        : (this.deps.store.state.requested ?? toRequestFilters(filters, now));
    try {
      const result = await fetchQueueMetrics(
        connection.client,
        { start_date: range.start_date, end_date: range.end_date, granularity: range.granularity },
        { signal: controller.signal },
      );
      if (controller.signal.aborted || key !== queueKey(this.deps.store.state.filters)) return;
      const entry = {
        key,
        batchKey: filterKey(filters),
        cacheId: connection.cacheId,
        response: result.data,
        fetchedAt: result.receivedAt,
      };
      if (period === 'current') this.error = undefined;
      this.set(period, entry);
      await this.deps.cache
        .writeRaw(connection.cacheId, cacheKeys[period](key), result.data, result.receivedAt)
        .catch((e: unknown) => this.deps.log.warn(`Could not cache the queue metrics: ${String(e)}`));
    } catch (error) {
      const graniteError =
        error instanceof GraniteError ? error : new GraniteError('NetworkError', String(error), { cause: error });
      if (graniteError.kind === 'Aborted' || controller.signal.aborted) return;
      // Contained: no outcome for the scheduler, nothing for the store, no prompt. Only this route waits.
      if (graniteError.retryAt !== undefined) this.retryAt = Math.max(this.retryAt, graniteError.retryAt);
      this.deps.log.warn(`Could not load the queue metrics (${period} period): ${graniteError.message}`);
      if (period === 'current')
        this.error = {
          key,
          kind: graniteError.kind,
          message: t('Queue wait times could not be loaded: {0}', graniteError.userMessage),
        };
    } finally {
      if (this.inFlight[period] === controller) {
        this.inFlight[period] = undefined;
        this.emitter.fire();
        // A newer batch may have come while this was in flight: it gets its own answer.
        void this.sync();
      }
    }
  }

  /** Read through a method: another call may have started a request during this one's awaits. */
  private busy(period: Period): boolean {
    return !!this.inFlight[period];
  }

  private async readCache(period: Period, cacheId: string, key: string): Promise<Entry | undefined> {
    const raw = await this.deps.cache.readRaw(cacheId, cacheKeys[period](key));
    if (!raw) return undefined;
    const parsed = z.safeParse(QueueMetricsResponse, raw.data);
    return parsed.success ? { key, cacheId, response: parsed.data, fetchedAt: raw.fetchedAt } : undefined;
  }

  private set(period: Period, entry: Entry): void {
    this.entries[period] = entry;
    this.emitter.fire();
  }

  private abort(): void {
    for (const period of ['current', 'previous'] as const) {
      this.inFlight[period]?.abort();
      this.inFlight[period] = undefined;
    }
  }

  /** Key, origin or comparison changed: nothing held belongs to the new ones (the cache may paint again). */
  clear(period?: Period): void {
    this.abort();
    for (const p of period ? [period] : (['current', 'previous'] as const)) {
      this.entries[p] = undefined;
      this.attempted[p] = undefined;
    }
    if (!period) {
      this.error = undefined;
      this.retryAt = 0;
    }
    this.emitter.fire();
  }
}
