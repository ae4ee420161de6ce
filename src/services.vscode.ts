/**
 * The services every feature is handed: built once in `activate`, then passed to each feature's
 * `registerX(context, services)`. They hold what more than one feature shares — the settings in force,
 * the log, the key store, the batch cache, and one window's polling (store, scheduler, previous period).
 */
import * as vscode from 'vscode';
import { BatchCache } from './store/batchCache';
import { storageCacheFiles } from './store/batchCache.vscode';
import { readConfig } from './config/configuration.vscode';
import type { GraniteConfig } from './config/configuration';
import { ConnectionState } from './connection/connectionState';
import { Credentials } from './connection/credentials';
import { defaultFilters, sanitizeFilters, type FilterState } from './filters/filters';
import type { PreviousPeriod } from './comparison/previousPeriod';
import type { RefreshScheduler } from './core/refreshScheduler';
import type { QueueMetricsSource } from './queueMetrics/queueMetrics';
import { ExternalOpener, type Opener } from './externalOpener.vscode';
import { Log } from './log.vscode';
import { RunDataSource } from './runs/runData';
import type { AnalyticsStore } from './store/store';
import { WindowActivity } from './store/windowActivity.vscode';
import { WindowPolling } from './store/windowPolling';

/** Where the filters shown are kept: per workspace, so each repository keeps its own view. */
const filtersKey = 'granite.filters';

export interface Services {
  extension: vscode.ExtensionContext;
  /** The settings in force, the active environment, and connection changes. */
  settings: ConnectionState;
  config: () => GraniteConfig;
  now: () => number;
  /** VS Code's display language, for numbers and dates. */
  locale: string;
  log: Log;
  credentials: Credentials;
  cache: BatchCache;
  polling: WindowPolling;
  store: AnalyticsStore;
  scheduler: RefreshScheduler;
  previous: PreviousPeriod;
  /** Queue metrics for the dashboard, only while it is visible. */
  queue: QueueMetricsSource;
  /** Tells the scheduler whether the window is focused and a Granite view visible. */
  activity: WindowActivity;
  openExternal: ExternalOpener;
  /** What is known of each opened run (src/runs/runData.ts): the run view, the chat tool, Run Again and tooltips read it. */
  runData: RunDataSource;
  /** The origin GRANITE_API_KEY applies to (the user-level base URL's at start-up). */
  environmentKeyOrigin?: string;
  /** Called when the key or base URL changed, so the scheduler resumes after a 401/403. */
  credentialsChanged: () => void;
  /** Makes the named environment (undefined: the default connection) the active one. */
  switchEnvironment: (name: string | undefined) => Promise<void>;
}

export interface ServiceOptions {
  /** A request timeout other than the client's default; only `GraniteTestApi` sets one. */
  requestTimeoutMs?: () => number | undefined;
  /** How links outside VS Code are opened (default: VS Code's); only `GraniteTestApi` stands in for it. */
  opener?: Opener;
}

/** Builds the services; nothing here touches the network or the disk (the cache is read after `activate` returns). */
export function createServices(context: vscode.ExtensionContext, options: ServiceOptions = {}): Services {
  const now = () => Date.now();
  const log = new Log();
  const settings = new ConnectionState(context.globalState, readConfig);
  const config = () => settings.config;
  const credentials = new Credentials(context.secrets);
  const cache = new BatchCache(storageCacheFiles(context.globalStorageUri));
  const initialFilters = sanitizeFilters(
    context.workspaceState.get<FilterState>(filtersKey),
    defaultFilters(config().defaultDateRange, config().granularity),
  );
  // Store, scheduler and previous period, wired as the budget and soak tests drive them (windowPolling.ts).
  const polling = new WindowPolling({
    settings,
    credentials,
    cache,
    log,
    random: Math.random,
    globalState: context.globalState,
    initialFilters,
    requestTimeoutMs: options.requestTimeoutMs,
    time: { now, setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
    saveFilters: (filters) => context.workspaceState.update(filtersKey, filters),
  });
  const { store, scheduler, previous, queue } = polling;
  const activity = new WindowActivity(scheduler);
  const openExternal = new ExternalOpener(options.opener);
  const runData = new RunDataSource({ store, now, gate: () => scheduler.canRequestNow(), locale: vscode.env.language });
  context.subscriptions.push(log, settings, credentials, polling, activity, runData);
  return {
    extension: context,
    settings,
    config,
    now,
    locale: vscode.env.language,
    log,
    credentials,
    cache,
    polling,
    store,
    scheduler,
    previous,
    queue,
    activity,
    openExternal,
    runData,
    environmentKeyOrigin: settings.environmentKeyOrigin,
    credentialsChanged: () => polling.credentialsChanged(),
    switchEnvironment: (name) => settings.switchEnvironment(name),
  };
}
