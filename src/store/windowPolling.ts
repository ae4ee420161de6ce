/**
 * One window's polling: the store, its scheduler, the previous period and the queue metrics, wired as the
 * host runs them. The store asks the scheduler's gate before each request and reports every outcome to it; the scheduler
 * starts scheduled refreshes and, when another window has just fetched, adopts that fetch from the shared
 * cache. A new key or connection resets them all. Free of the VS Code API, so the request-budget and soak
 * tests drive this same wiring in Node.
 */
import { filterKey, type FilterState } from '../filters/filters';
import type { Memento } from '../core/memento';
import { Disposable } from '../core/disposable';
import {
  effectiveIntervalMs,
  RefreshScheduler,
  type RefreshOutcome,
  type SchedulerTime,
} from '../core/refreshScheduler';
import type { Credentials } from '../connection/credentials';
import { Connections } from '../connection/connections';
import type { ConnectionState } from '../connection/connectionState';
import { PreviousPeriod } from '../comparison/previousPeriod';
import { QueueMetricsSource } from '../queueMetrics/queueMetrics';
import type { BatchCache } from './batchCache';
import { SharedScheduleState } from './sharedSchedule';
import { AnalyticsStore } from './store';
import type { StoreLog } from './storeState';

export interface WindowPollingDeps {
  /** The settings in force; a new origin or environment resets the window's data. */
  settings: ConnectionState;
  credentials: Credentials;
  cache: BatchCache;
  log: StoreLog;
  time: SchedulerTime;
  /** 0 ≤ r < 1, for the scheduler's jitter. */
  random: () => number;
  /** Shared by every window (the extension's globalState): the schedule per origin lives there. */
  globalState: Memento;
  saveFilters: (filters: FilterState) => PromiseLike<void>;
  initialFilters: FilterState;
  /** A request timeout other than the client's default (integration tests, through `GraniteTestApi`). */
  requestTimeoutMs?: () => number | undefined;
}

export class WindowPolling extends Disposable {
  readonly connections: Connections;
  readonly store: AnalyticsStore;
  readonly scheduler: RefreshScheduler;
  readonly previous: PreviousPeriod;
  /** Queue metrics for the dashboard (its visibility is set by src/queueMetrics/queueMetrics.vscode.ts). */
  readonly queue: QueueMetricsSource;

  constructor(private readonly deps: WindowPollingDeps) {
    super();
    const { settings, time } = deps;
    const config = () => settings.config;
    const now = () => time.now();
    const gate = () => this.scheduler.canRequestNow();
    const onOutcome = (outcome: RefreshOutcome) => this.scheduler.recordOutcome(outcome);
    this.connections = new Connections({
      config,
      credentials: deps.credentials,
      log: deps.log,
      now,
      environmentKeyOrigin: settings.environmentKeyOrigin,
      requestTimeoutMs: deps.requestTimeoutMs,
    });
    const shared = new SharedScheduleState(
      deps.globalState,
      () => config().apiBaseUrl,
      () => filterKey(this.store.state.filters),
    );
    this.scheduler = this.register(
      new RefreshScheduler(
        {
          time,
          random: deps.random,
          readShared: () => shared.read(),
          writeShared: (value) => shared.write(value),
          refresh: () => void this.store.refresh('scheduled'),
          // Another window fetched these filters: take its cached batch, or fetch if it is not there.
          adoptShared: () =>
            void this.store.loadCache(true).then((adopted) => (adopted ? undefined : this.store.refresh('scheduled'))),
        },
        effectiveIntervalMs(config().refreshIntervalSeconds),
      ),
    );
    this.store = this.register(
      new AnalyticsStore(
        {
          config,
          connections: this.connections,
          cache: deps.cache,
          log: deps.log,
          saveFilters: deps.saveFilters,
          now,
          gate,
          onOutcome,
        },
        deps.initialFilters,
      ),
    );
    this.previous = this.register(
      new PreviousPeriod({ config, cache: deps.cache, log: deps.log, store: this.store, now, gate, onOutcome }),
    );
    this.queue = this.register(
      new QueueMetricsSource({
        config,
        cache: deps.cache,
        log: deps.log,
        store: this.store,
        previous: this.previous,
        now,
        gate,
      }),
    );
    this.register(settings.onDidChangeConnection(() => this.connectionChanged()));
    // A key stored or deleted (also in another window): resume after a 401/403 and ask with the new key.
    this.register(
      deps.credentials.onDidChange(() => {
        this.credentialsChanged();
        void this.store.refresh('user');
      }),
    );
  }

  /** Paints from the cache (batch, then previous period); with polling off, looks up whether a key exists. */
  start(): Promise<void> {
    return this.store
      .loadCache()
      .then(() => this.previous.loadCached())
      .then(() => (this.deps.settings.config.refreshIntervalSeconds > 0 ? undefined : this.store.resolveKey()));
  }

  /** The key or base URL changed: nothing in flight belongs to it, and the scheduler resumes after a 401/403. */
  credentialsChanged(): void {
    this.store.credentialsChanged();
    this.scheduler.credentialsChanged();
    this.previous.clear();
    this.queue.clear();
  }

  /** A new origin or environment: nothing of the old one is shown or sent; its own cache paints at once. */
  private connectionChanged(): void {
    this.store.reset();
    this.previous.clear();
    this.queue.clear();
    this.scheduler.credentialsChanged();
    void this.store
      .loadCache()
      .then(() => this.previous.loadCached())
      .then(() => this.store.refresh('user'));
  }
}
