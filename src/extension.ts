/**
 * Activation: build the store, scheduler, views and commands, and return at once. Nothing on the critical
 * path touches the network or the disk; the cached batch is read and the first refresh scheduled after
 * `activate` returns.
 */
import * as vscode from 'vscode';
import { BatchCache } from './batchCache';
import { registerCredentialCommands } from './commands/credentialCommands';
import type { CommandContext } from './commands/context';
import { registerFilterCommands } from './commands/filterCommands';
import { registerRunCommands } from './commands/runCommands';
import { registerViewCommands } from './commands/viewCommands';
import { DashboardPanel } from './dashboard/dashboardPanel';
import { onConfigChange, readConfig, type GraniteConfig } from './configuration';
import { checkBaseUrl } from './core/api/baseUrl';
import { defaultFilters, sanitizeFilters, type FilterState } from './core/filters';
import { effectiveIntervalMs, RefreshScheduler, type SharedSchedule } from './core/scheduler';
import { Credentials } from './credentials';
import { ExternalOpener } from './externalOpener';
import { Log } from './log';
import { RunDetailsProvider } from './runDetails';
import { StatusBar } from './statusBar';
import { AnalyticsStore } from './store';
import { WorkflowsTree } from './tree/workflowsTree';

const filtersKey = 'granite.filters';

/** Handles for integration tests and benchmarks (not exported in production mode). */
export interface GraniteTestApi {
  store: AnalyticsStore;
  scheduler: RefreshScheduler;
  tree: WorkflowsTree;
  statusBar: StatusBar;
  dashboard: () => DashboardPanel | undefined;
  openExternal: ExternalOpener;
  activationMs: number;
}

export function activate(context: vscode.ExtensionContext): { testing?: GraniteTestApi } {
  const started = performance.now();
  let config: GraniteConfig = readConfig();
  const getConfig = () => config;
  const now = () => Date.now();
  const locale = vscode.env.language;
  const log = new Log();
  const credentials = new Credentials(context.secrets);
  const cache = new BatchCache(context.globalStorageUri);
  const sharedKey = () => {
    const check = checkBaseUrl(config.apiBaseUrl);
    return `granite.schedule:${check.ok ? check.origin : 'invalid'}`;
  };
  const initialFilters = sanitizeFilters(context.workspaceState.get<FilterState>(filtersKey), defaultFilters(config.defaultDateRange, config.granularity));

  // The store and the scheduler refer to each other: the store asks the scheduler's gate and reports
  // outcomes to it; the scheduler starts scheduled refreshes of the store.
  const scheduler: RefreshScheduler = new RefreshScheduler(
    {
      time: { now, setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
      random: Math.random,
      readShared: () => context.globalState.get<SharedSchedule>(sharedKey()) ?? {},
      writeShared: (value) => void context.globalState.update(sharedKey(), value),
      refresh: () => void store.refresh('scheduled'),
      adoptShared: () => void store.loadCache(true),
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
      environmentKeyOrigin: (() => {
        const check = checkBaseUrl(config.apiBaseUrl);
        return check.ok ? check.origin : undefined;
      })(),
    },
    initialFilters,
  );
  const tree = new WorkflowsTree(store, getConfig, now, locale);
  const statusBar = new StatusBar(store, getConfig, now, locale);
  const runs = new RunDetailsProvider(store, locale);
  const credentialsChanged = () => scheduler.credentialsChanged();
  const openExternal = new ExternalOpener();
  const updateActivity = () =>
    scheduler.setActivity({ focused: vscode.window.state.focused, viewVisible: tree.view.visible || !!DashboardPanel.open?.visible });
  const attachDashboard = (panel: DashboardPanel) => {
    panel.onDidChangeVisibility(updateActivity);
    updateActivity();
  };
  const ctx: CommandContext = {
    extension: context, store, credentials, cache, log, runs, openExternal, config: getConfig, now, credentialsChanged,
    showDashboard: () => DashboardPanel.show(ctx, attachDashboard),
  };

  context.subscriptions.push(
    log, credentials, store, tree, statusBar, runs, { dispose: () => scheduler.dispose() },
    { dispose: () => DashboardPanel.open?.dispose() },
    DashboardPanel.registerSerializer(ctx, attachDashboard),
    ...registerViewCommands(ctx),
    ...registerCredentialCommands(ctx),
    ...registerFilterCommands(ctx),
    ...registerRunCommands(ctx),
    vscode.window.onDidChangeWindowState(updateActivity),
    tree.view.onDidChangeVisibility(updateActivity),
    credentials.onDidChange(() => {
      scheduler.credentialsChanged();
      void store.refresh('user');
    }),
    onConfigChange((event) => {
      const before = config;
      config = readConfig();
      if (event.affectsConfiguration('granite.apiBaseUrl') && before.apiBaseUrl !== config.apiBaseUrl) {
        // A new origin gets its own key (or asks for one); nothing of the old origin is sent there.
        store.reset();
        scheduler.credentialsChanged();
        void store.loadCache().then(() => store.refresh('user'));
      }
      if (event.affectsConfiguration('granite.refreshIntervalSeconds')) scheduler.setInterval(effectiveIntervalMs(config.refreshIntervalSeconds));
      statusBar.render();
      tree.refreshView();
    }),
  );
  if (config.apiBaseUrlOverriddenByWorkspace) {
    log.warn('This workspace sets "granite.apiBaseUrl"; it is ignored. The API address is a user setting, so a repository cannot send your key elsewhere.');
  }

  // Off the critical path: paint from the cache, then let the scheduler start (it refreshes at once when due).
  setTimeout(() => {
    void store.loadCache().finally(updateActivity);
  }, 0);

  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms`);
  const testing = context.extensionMode !== vscode.ExtensionMode.Production ? { store, scheduler, tree, statusBar, dashboard: () => DashboardPanel.open, openExternal, activationMs } : undefined;
  return { testing };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
