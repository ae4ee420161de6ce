/**
 * Activation: build the store, scheduler, views and commands, and return at once. Nothing on the critical
 * path touches the network or the disk; the cached batch is read and the first refresh scheduled after
 * `activate` returns.
 */
import * as vscode from 'vscode';
import { BatchCache } from './batchCache';
import type { CommandContext } from './commands/context';
import { registerLazyCommands } from './commands/lazyRegistration';
import { openDashboard, registerDashboardSerializer, showDashboard, type DashboardPanel } from './dashboard/dashboardLoader';
import { onConfigChange, readConfig, type GraniteConfig } from './configuration';
import { checkBaseUrl } from './core/api/baseUrl';
import { keySlot } from './core/environments';
import { defaultFilters, filterKey, sanitizeFilters, type FilterState } from './core/filters';
import { setTranslator } from './core/l10n';
import { effectiveIntervalMs, RefreshScheduler, type SharedSchedule } from './core/scheduler';
import { pinnedRate } from './core/pins';
import { Credentials } from './credentials';
import { ExternalOpener } from './externalOpener';
import type { FailureNotifier, FailureNotifierDeps } from './failureNotifier';
import { loadLazy } from './lazyBundle';
import { registerTools } from './lm/registerTools';
import { liveCounts } from './liveCount';
import { Log } from './log';
import { PinnedWorkflows } from './pinnedWorkflows';
import { PreviousPeriod } from './previousPeriod';
import { RunDetailsProvider } from './runDetails';
import { StatusBar } from './statusBar';
import { AnalyticsStore } from './store';
import { WorkflowsTree } from './tree/workflowsTree';

const filtersKey = 'granite.filters';
const environmentKey = 'granite.activeEnvironment';

interface StoredSchedule {
  blockedUntil?: number;
  fetches?: Record<string, number>;
}

/** Handles for integration tests and benchmarks (not exported in production mode). */
export interface GraniteTestApi {
  store: AnalyticsStore;
  scheduler: RefreshScheduler;
  tree: WorkflowsTree;
  statusBar: StatusBar;
  previous: PreviousPeriod;
  pins: PinnedWorkflows;
  /** The new-failure notifier, once the first load has created it. */
  notifier: () => FailureNotifier | undefined;
  credentials: Credentials;
  switchEnvironment: (name: string | undefined) => Promise<void>;
  dashboard: () => DashboardPanel | undefined;
  /** Whether a Granite view (tree or panel) is visible, as the scheduler is told. */
  viewVisible: () => boolean;
  openExternal: ExternalOpener;
  activationMs: number;
  /** What commands get (credentials, cache, log, the ExtensionContext's state): reliability tests read and restore them. */
  ctx: CommandContext;
  /** Live subscriptions and disposables by kind (src/liveCount.ts), for leak tests. */
  liveCounts: () => Readonly<Record<string, number>>;
}

export function activate(context: vscode.ExtensionContext): { testing?: GraniteTestApi } {
  const started = performance.now();
  setTranslator((message, ...args) => vscode.l10n.t(message, ...args));
  let activeEnvironment = context.globalState.get<string>(environmentKey);
  let config: GraniteConfig = readConfig(activeEnvironment);
  const getConfig = () => config;
  const now = () => Date.now();
  const locale = vscode.env.language;
  const log = new Log();
  const credentials = new Credentials(context.secrets);
  const cache = new BatchCache(context.globalStorageUri);
  // Windows share, per origin, the rate-limit block and the time of the last fetch for each filter set
  // (a window with other filters must not skip its own refresh because of another's).
  const sharedKey = () => {
    const check = checkBaseUrl(config.apiBaseUrl);
    return `granite.schedule:${check.ok ? check.origin : 'invalid'}`;
  };
  const readShared = (): SharedSchedule => {
    const stored = context.globalState.get<StoredSchedule>(sharedKey());
    return { blockedUntil: stored?.blockedUntil, lastFetchAt: stored?.fetches?.[filterKey(store.state.filters)] };
  };
  const writeShared = (value: SharedSchedule) => {
    const stored = context.globalState.get<StoredSchedule>(sharedKey()) ?? {};
    const fetches = { ...stored.fetches };
    if (value.lastFetchAt !== undefined) fetches[filterKey(store.state.filters)] = value.lastFetchAt;
    // Keep the most recent few filter sets only.
    const recent = Object.entries(fetches).sort((a, b) => b[1] - a[1]).slice(0, 20);
    void context.globalState.update(sharedKey(), { blockedUntil: value.blockedUntil, fetches: Object.fromEntries(recent) });
  };
  // GRANITE_API_KEY belongs to the user-level URL's origin at start-up, never to an environment's.
  const startCheck = checkBaseUrl(readConfig().apiBaseUrl);
  const environmentKeyOrigin = startCheck.ok ? startCheck.origin : undefined;
  const initialFilters = sanitizeFilters(context.workspaceState.get<FilterState>(filtersKey), defaultFilters(config.defaultDateRange, config.granularity));

  // The store and the scheduler refer to each other: the store asks the scheduler's gate and reports
  // outcomes to it; the scheduler starts scheduled refreshes of the store.
  const scheduler: RefreshScheduler = new RefreshScheduler(
    {
      time: { now, setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
      random: Math.random,
      readShared,
      writeShared,
      refresh: () => void store.refresh('scheduled'),
      // Another window fetched these filters: take its cached batch, or fetch if it is not there.
      adoptShared: () => void store.loadCache(true).then((adopted) => (adopted ? undefined : store.refresh('scheduled'))),
    },
    effectiveIntervalMs(config.refreshIntervalSeconds),
  );
  const store = new AnalyticsStore(
    {
      config: getConfig,
      credentials,
      cache,
      log,
      now,
      gate: () => scheduler.canRequestNow(),
      onOutcome: (outcome) => scheduler.recordOutcome(outcome),
      saveFilters: (filters) => context.workspaceState.update(filtersKey, filters),
      environmentKeyOrigin,
    },
    initialFilters,
  );
  const connectionSlot = () => {
    const check = checkBaseUrl(config.apiBaseUrl);
    return keySlot(check.ok ? check.origin : 'invalid', config.environment);
  };
  const pins = new PinnedWorkflows(context.globalState, connectionSlot);
  const previous = new PreviousPeriod({ store, cache, config: getConfig, now, log, gate: () => scheduler.canRequestNow(), onOutcome: (o) => scheduler.recordOutcome(o) });
  const tree = new WorkflowsTree(store, getConfig, now, locale, { previous, pins });
  const statusBar = new StatusBar(store, getConfig, now, locale, { previous, pins, rows: () => tree.currentRows });
  const runs = new RunDetailsProvider(store, locale);
  const credentialsChanged = () => {
    store.credentialsChanged();
    scheduler.credentialsChanged();
    previous.clear();
  };
  /** A new origin or environment: nothing of the old one is shown or sent; its own cache paints at once. */
  const connectionChanged = () => {
    store.reset();
    previous.clear();
    notifier?.reset();
    pins.changed();
    scheduler.credentialsChanged();
    void store.loadCache().then(() => previous.loadCached()).then(() => store.refresh('user'));
  };
  const switchEnvironment = async (name: string | undefined) => {
    if (name === config.environment?.name) return;
    activeEnvironment = name;
    await context.globalState.update(environmentKey, name);
    config = readConfig(activeEnvironment);
    statusBar.render();
    connectionChanged();
  };
  const openExternal = new ExternalOpener();
  const viewVisible = () => tree.view.visible || !!openDashboard()?.visible;
  const updateActivity = () => scheduler.setActivity({ focused: vscode.window.state.focused, viewVisible: viewVisible() });
  const attachDashboard = (panel: DashboardPanel) => {
    panel.onDidChangeVisibility(updateActivity);
    updateActivity();
  };
  const ctx: CommandContext = {
    extension: context, store, credentials, cache, log, runs, previous, pins, openExternal, config: getConfig, now, credentialsChanged, environmentKeyOrigin, switchEnvironment,
    showDashboard: () => showDashboard(ctx, attachDashboard),
  };
  let notifier: FailureNotifier | undefined;
  const notifierDeps: FailureNotifierDeps = {
    store, pins, config: getConfig, state: context.globalState, slot: connectionSlot,
    openRun: (executionId) => vscode.commands.executeCommand('granite.openRun', { executionId }),
    showAll: () => ctx.showDashboard(),
  };

  context.subscriptions.push(
    log, credentials, store, previous, pins, tree, statusBar, runs, { dispose: () => scheduler.dispose() }, { dispose: () => notifier?.dispose() },
    { dispose: () => openDashboard()?.dispose() },
    registerDashboardSerializer(ctx, attachDashboard),
    ...registerLazyCommands(ctx),
    store.onDidLoad((event) => (notifier ??= new (loadLazy().FailureNotifier)(notifierDeps)).afterLoad(event)),
    ...registerTools({ store, gate: () => scheduler.canRequestNow(), onOutcome: (outcome) => scheduler.recordOutcome(outcome), config: getConfig, now, locale }),
    // The status bar's pinned scope: a pinned workflow the batch does not cover costs one request per refresh at most.
    store.onDidLoad(() => {
      if (config.statusBarScope !== 'pinned') return;
      const missing = pinnedRate(tree.currentRows, pins.list()).missing;
      const next = tree.currentRows.find((row) => missing.includes(row.name) && row.coverage === 'not-in-batch');
      if (next) void store.fetchWorkflow(next.name);
    }),
    vscode.window.onDidChangeWindowState(updateActivity),
    tree.view.onDidChangeVisibility(updateActivity),
    credentials.onDidChange(() => {
      credentialsChanged();
      void store.refresh('user');
    }),
    onConfigChange((event) => {
      const before = config;
      config = readConfig(activeEnvironment);
      if (before.apiBaseUrl !== config.apiBaseUrl || before.environment?.name !== config.environment?.name) {
        // A new origin or environment gets its own key (or asks for one); nothing of the old one is sent there.
        connectionChanged();
      } else if (event.affectsConfiguration('granite.compareWithPreviousPeriod')) {
        previous.clear();
        if (config.compareWithPreviousPeriod) void previous.loadCached();
      }
      if (event.affectsConfiguration('granite.refreshIntervalSeconds')) scheduler.setInterval(effectiveIntervalMs(config.refreshIntervalSeconds));
      statusBar.render();
      tree.refreshView();
    }),
  );
  for (const problem of config.environmentProblems) log.warn(problem);
  if (config.apiBaseUrlOverriddenByWorkspace) {
    log.warn('This workspace sets "granite.apiBaseUrl"; it is ignored. The API address is a user setting, so a repository cannot send your key elsewhere.');
  }

  // Off the critical path: paint from the cache, then let the scheduler start (it refreshes at once when due).
  // With polling off, nothing is fetched until Refresh, but the views still learn whether a key exists.
  setTimeout(() => {
    void store.loadCache().then(() => previous.loadCached()).then(() => (config.refreshIntervalSeconds > 0 ? undefined : store.resolveKey())).finally(updateActivity);
  }, 0);

  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms`);
  const testing = context.extensionMode !== vscode.ExtensionMode.Production ? { store, scheduler, tree, statusBar, previous, pins, notifier: () => notifier, credentials, switchEnvironment, dashboard: openDashboard, viewVisible, openExternal, activationMs, ctx, liveCounts } : undefined;
  return { testing };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
