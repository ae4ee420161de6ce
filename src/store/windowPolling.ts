/**
 * One window's polling: the store, its scheduler and the previous period, wired as the host runs them.
 * The store asks the scheduler's gate before each request and reports every outcome to it; the scheduler
 * starts scheduled refreshes and, when another window has just fetched, adopts that fetch from the shared
 * cache. Free of the VS Code API, so the request-budget and soak tests drive this same wiring in Node.
 */
import type { BatchCache } from './batchCache';
import type { GraniteConfig } from '../config/configuration';
import type { FilterState } from '../filters/filters';
import { filterKey } from '../filters/filters';
import type { Memento } from '../core/memento';
import { effectiveIntervalMs, RefreshScheduler, type RefreshOutcome, type SchedulerTime } from '../core/refreshScheduler';
import type { Credentials } from '../connection/credentials';
import { PreviousPeriod } from '../comparison/previousPeriod';
import { sharedScheduleState } from './sharedSchedule';
import { AnalyticsStore, type StoreLog } from './store';

export interface WindowPollingDeps {
  config: () => GraniteConfig;
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
  environmentKeyOrigin?: string;
}

export interface WindowPolling {
  store: AnalyticsStore;
  scheduler: RefreshScheduler;
  previous: PreviousPeriod;
  /** Paints from the cache (batch, then previous period); with polling off, looks up whether a key exists. */
  start(): Promise<void>;
}

export function createWindowPolling(deps: WindowPollingDeps): WindowPolling {
  const { config, time } = deps;
  const now = () => time.now();
  const gate = () => scheduler.canRequestNow();
  const onOutcome = (outcome: RefreshOutcome) => scheduler.recordOutcome(outcome);
  // The store and the scheduler refer to each other, hence the `const` declared below the closures.
  const scheduler: RefreshScheduler = new RefreshScheduler(
    {
      time,
      random: deps.random,
      ...sharedScheduleState(deps.globalState, () => config().apiBaseUrl, () => filterKey(store.state.filters)),
      refresh: () => void store.refresh('scheduled'),
      // Another window fetched these filters: take its cached batch, or fetch if it is not there.
      adoptShared: () => void store.loadCache(true).then((adopted) => (adopted ? undefined : store.refresh('scheduled'))),
    },
    effectiveIntervalMs(config().refreshIntervalSeconds),
  );
  // config, credentials, cache, log, saveFilters and environmentKeyOrigin pass through as they are.
  const store = new AnalyticsStore({ ...deps, now, gate, onOutcome }, deps.initialFilters);
  const previous = new PreviousPeriod({ ...deps, store, now, gate, onOutcome });
  const start = () => store.loadCache().then(() => previous.loadCached()).then(() => (config().refreshIntervalSeconds > 0 ? undefined : store.resolveKey()));
  return { store, scheduler, previous, start };
}
