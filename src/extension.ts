/**
 * Activation: build the store, scheduler, views and commands, and return at once. Nothing on the critical
 * path touches the network or the disk; the cached batch is read and the first refresh scheduled after
 * `activate` returns.
 */
import * as vscode from 'vscode';
import { registerCredentialCommands } from './connection/credentials.vscode';
import { registerEnvironmentCommands } from './connection/environments.vscode';
import { registerFilterCommands } from './filters/filters.vscode';
import { registerRunCommands } from './runs/runCommands.vscode';
import { registerViewCommands } from './workflows/workflowCommands.vscode';
import { BatchCache } from './store/batchCache';
import { storageCacheFiles } from './store/batchCache.vscode';
import type { CommandContext } from './services.vscode';
import { dashboardEvents, openDashboard, registerDashboardSerializer, showDashboard, type DashboardPanel } from './dashboard/dashboard.vscode';
import { onConfigChange, readConfig } from './config/configuration.vscode';
import type { GraniteConfig } from './config/configuration';
import { checkBaseUrl } from './core/api/baseUrl';
import { keySlot } from './connection/environments';
import { defaultFilters, sanitizeFilters, type FilterState } from './filters/filters';
import { setTranslator } from './core/l10n';
import { effectiveIntervalMs, type RefreshScheduler } from './core/refreshScheduler';
import { pinnedRate } from './pins/pins';
import { Credentials } from './connection/credentials';
import { ExternalOpener, openWithVsCode, type Opener } from './externalOpener.vscode';
import { FailureNotifier, type FailureNotifierDeps } from './notifications/failureNotifier';
import { registerTools } from './chatTools/chatTools.vscode';
import { liveCounts } from './core/disposable';
import { Log } from './log.vscode';
import { PinnedWorkflows } from './pins/pins.vscode';
import type { PreviousPeriod } from './comparison/previousPeriod';
import { RunDetailsProvider } from './runs/runDocument.vscode';
import { StatusBar } from './statusBar/statusBar.vscode';
import type { AnalyticsStore } from './store/store';
import { WorkflowsTree } from './workflows/workflowsTree.vscode';
import { createWindowPolling } from './store/windowPolling';

const filtersKey = 'granite.filters';
const environmentKey = 'granite.activeEnvironment';

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
  /** Every message any dashboard panel receives or posts, including panels opened later. */
  dashboardEvents: typeof dashboardEvents;
  /** Whether a Granite view (tree or panel) is visible, as the scheduler is told. */
  viewVisible: () => boolean;
  /** Stands in for the browser when a link is opened outside VS Code (code-server would ask the user), until `restoreOpener`. */
  useOpener: (opener: Opener) => void;
  restoreOpener: () => void;
  /** From the bundle's first line running to `activate` returning (what VS Code does in between included). */
  activationMs: number;
  /** The parts: evaluating the bundle's top level, and `activate`'s own body. */
  activationParts: { bundleMs: number; bodyMs: number };
  /** What commands get (credentials, cache, log, the ExtensionContext's state): reliability tests read and restore them. */
  ctx: CommandContext;
  /** Live subscriptions and disposables by kind (src/liveCount.ts), for leak tests. */
  liveCounts: () => Readonly<Record<string, number>>;
}

/** Set by esbuild's banner and footer: the first and last lines of dist/extension.js (undefined when run from out/). */
declare const __graniteBundleStart: number | undefined;
declare const __graniteBundleEvaluated: number | undefined;

export function activate(context: vscode.ExtensionContext): { testing?: GraniteTestApi } {
  const bodyStarted = performance.now();
  const started = typeof __graniteBundleStart === 'number' ? __graniteBundleStart : bodyStarted;
  setTranslator((message, ...args) => vscode.l10n.t(message, ...args));
  let activeEnvironment = context.globalState.get<string>(environmentKey);
  let config: GraniteConfig = readConfig(activeEnvironment);
  const getConfig = () => config;
  const now = () => Date.now();
  const locale = vscode.env.language;
  const log = new Log();
  const credentials = new Credentials(context.secrets);
  const cache = new BatchCache(storageCacheFiles(context.globalStorageUri));
  // GRANITE_API_KEY belongs to the user-level URL's origin at start-up, never to an environment's.
  const startCheck = checkBaseUrl(readConfig().apiBaseUrl);
  const environmentKeyOrigin = startCheck.ok ? startCheck.origin : undefined;
  const initialFilters = sanitizeFilters(context.workspaceState.get<FilterState>(filtersKey), defaultFilters(config.defaultDateRange, config.granularity));

  // Store, scheduler and previous period, wired as the budget and soak tests drive them (windowPolling.ts).
  const { store, scheduler, previous, start } = createWindowPolling({
    config: getConfig, credentials, cache, log, random: Math.random, globalState: context.globalState, initialFilters, environmentKeyOrigin,
    time: { now, setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
    saveFilters: (filters) => context.workspaceState.update(filtersKey, filters),
  });
  const connectionSlot = () => {
    const check = checkBaseUrl(config.apiBaseUrl);
    return keySlot(check.ok ? check.origin : 'invalid', config.environment);
  };
  const pins = new PinnedWorkflows(context.globalState, connectionSlot);
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
  // Outside Production mode tests may stand in for the browser (GraniteTestApi.useOpener); users get VS Code's.
  let testOpener: Opener | undefined;
  const openExternal = context.extensionMode === vscode.ExtensionMode.Production ? new ExternalOpener() : new ExternalOpener((uri) => (testOpener ?? openWithVsCode)(uri));
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
    showWarning: (text, ...actions) => vscode.window.showWarningMessage(text, ...actions),
    turnOff: () => vscode.workspace.getConfiguration('granite').update('notifications.newFailures', 'off', vscode.ConfigurationTarget.Global),
  };

  context.subscriptions.push(
    log, credentials, store, previous, pins, tree, statusBar, runs, { dispose: () => scheduler.dispose() }, { dispose: () => notifier?.dispose() },
    { dispose: () => openDashboard()?.dispose() },
    registerDashboardSerializer(ctx, attachDashboard),
    ...registerCredentialCommands(ctx), ...registerFilterCommands(ctx), ...registerRunCommands(ctx), ...registerEnvironmentCommands(ctx), ...registerViewCommands(ctx),
    store.onDidLoad((event) => (notifier ??= new FailureNotifier(notifierDeps)).afterLoad(event)),
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
    void start().finally(updateActivity);
  }, 0);

  const returned = performance.now();
  const activationMs = returned - started;
  const activationParts = { bundleMs: typeof __graniteBundleEvaluated === 'number' ? __graniteBundleEvaluated - started : 0, bodyMs: returned - bodyStarted };
  log.info(`Activated in ${activationMs.toFixed(1)} ms`);
  const testing = context.extensionMode !== vscode.ExtensionMode.Production ? { store, scheduler, tree, statusBar, previous, pins, notifier: () => notifier, credentials, switchEnvironment, dashboard: openDashboard, dashboardEvents, viewVisible, useOpener: (opener: Opener) => (testOpener = opener), restoreOpener: () => (testOpener = undefined), activationMs, activationParts, ctx, liveCounts } : undefined;
  return { testing };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
