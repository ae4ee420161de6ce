/**
 * Activation: build the shared services once, then let each feature register its commands, views and
 * listeners, and return at once. Nothing on the critical path touches the network or the disk; the cached
 * batch is read and the first refresh scheduled after `activate` returns.
 */
import * as vscode from 'vscode';
import { registerChatTools } from './chatTools/chatTools.vscode';
import { registerComparison } from './comparison/comparison.vscode';
import type { PreviousPeriod } from './comparison/previousPeriod';
import { registerSettings } from './connection/connectionState.vscode';
import type { Credentials } from './connection/credentials';
import { registerCredentials } from './connection/credentials.vscode';
import { registerEnvironments } from './connection/environments.vscode';
import { liveCounts } from './core/disposable';
import { setTranslator } from './core/l10n';
import type { RefreshScheduler } from './core/refreshScheduler';
import { dashboardEvents, registerDashboard, type DashboardPanel } from './dashboard/dashboard.vscode';
import { openWithVsCode, type Opener } from './externalOpener.vscode';
import { registerFilters } from './filters/filters.vscode';
import { registerLayout } from './layout/layout.vscode';
import type { FailureNotifier } from './notifications/failureNotifier';
import { registerNotifications } from './notifications/failureNotifier.vscode';
import { registerPins, type PinnedWorkflows } from './pins/pins.vscode';
import { registerQueueMetrics } from './queueMetrics/queueMetrics.vscode';
import { registerRunAgain, runAgainHook, type Confirmer, type RunAgain } from './runAgain/runAgain.vscode';
import { registerRuns } from './runs/runCommands.vscode';
import { registerRunData } from './runs/runData.vscode';
import { registerRunView, RunViewPanel } from './runs/runView.vscode';
import { createServices, type Services } from './services.vscode';
import { registerStatusBar, type StatusBar } from './statusBar/statusBar.vscode';
import type { AnalyticsStore } from './store/store';
import { registerWorkflowsTree } from './workflows/workflowCommands.vscode';
import type { WorkflowsTree } from './workflows/workflowsTree.vscode';

/** Handles for integration tests and benchmarks (not exported in production mode): the single door into the host. */
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
  /** Every message any run view receives or posts, and the open run views. */
  runViewEvents: typeof RunViewPanel.onDidEvent;
  runViews: () => RunViewPanel[];
  /** Whether a Granite view (tree or panel) is visible, as the scheduler is told. */
  viewVisible: () => boolean;
  /** Stands in for the browser when a link is opened outside VS Code (code-server would ask the user), until `restoreOpener`. */
  useOpener: (opener: Opener) => void;
  restoreOpener: () => void;
  /** Answers the dialog before the first Save to Granite (VS Code skips modal dialogs under extension tests), until undefined. */
  answerLayoutDialog: (answer: (() => Promise<boolean>) | undefined) => void;
  /** A shorter request timeout than the client's default (undefined: the default), so timeout cases take seconds. */
  setRequestTimeoutMs: (ms: number | undefined) => void;
  /** From the bundle's first line running to `activate` returning (what VS Code does in between included). */
  activationMs: number;
  /** The parts: evaluating the bundle's top level, and `activate`'s own body. */
  activationParts: { bundleMs: number; bodyMs: number };
  /** The services every feature is handed (credentials, cache, log, the ExtensionContext's state): reliability tests read and restore them. */
  ctx: Services;
  /** Live subscriptions and disposables by kind (src/core/disposable.ts), for leak tests. */
  liveCounts: () => Readonly<Record<string, number>>;
  /** Run Again (src/runAgain/runAgain.vscode.ts): what the run view calls, and its announcements. */
  runAgain: RunAgain;
  /** Answers Run Again's confirmation instead of the modal dialog, until `answerConfirmation(undefined)`. */
  answerConfirmation: (confirmer: Confirmer | undefined) => void;
}

/** Set by esbuild's banner and footer: the first and last lines of dist/extension.js (undefined when run from out/). */
declare const __graniteBundleStart: number | undefined;
declare const __graniteBundleEvaluated: number | undefined;

export function activate(context: vscode.ExtensionContext): { testing?: GraniteTestApi } {
  const bodyStarted = performance.now();
  const started = typeof __graniteBundleStart === 'number' ? __graniteBundleStart : bodyStarted;
  setTranslator((message, ...args) => vscode.l10n.t(message, ...args));
  const testing = context.extensionMode !== vscode.ExtensionMode.Production;
  // Outside Production mode, GraniteTestApi may shorten the request timeout and stand in for the browser.
  let requestTimeoutMs: number | undefined;
  let testOpener: Opener | undefined;
  let layoutDialog: (() => Promise<boolean>) | undefined;
  let testConfirmer: Confirmer | undefined;
  const services = createServices(
    context,
    testing ? { requestTimeoutMs: () => requestTimeoutMs, opener: (uri) => (testOpener ?? openWithVsCode)(uri) } : {},
  );

  const runData = registerRunData(context, services);
  const pins = registerPins(context, services);
  const tree = registerWorkflowsTree(context, services, pins);
  const layout = registerLayout(context, services, testing ? { confirmGraniteSave: () => layoutDialog?.() } : {});
  const dashboard = registerDashboard(context, services, layout);
  registerQueueMetrics(context, services, dashboard);
  const notifier = registerNotifications(context, services, { pins, dashboard });
  const statusBar = registerStatusBar(context, services, { pins, tree });
  const runAgain = registerRunAgain(context, services, testing ? { confirmer: () => testConfirmer } : {});
  registerRuns(
    context,
    services,
    registerRunView(context, services, { source: runData, runAgain: runAgainHook(runAgain) }),
  );
  registerComparison(context, services);
  registerFilters(context, services);
  registerCredentials(context, services);
  registerEnvironments(context, services);
  registerChatTools(context, services);
  registerSettings(context, services);

  // Off the critical path: paint from the cache, then let the scheduler start (it refreshes at once when due).
  // With polling off, nothing is fetched until Refresh, but the views still learn whether a key exists.
  setTimeout(() => {
    void services.polling.start().finally(services.activity.update);
  }, 0);

  const returned = performance.now();
  const activationMs = returned - started;
  const activationParts = {
    bundleMs: typeof __graniteBundleEvaluated === 'number' ? __graniteBundleEvaluated - started : 0,
    bodyMs: returned - bodyStarted,
  };
  services.log.info(`Activated in ${activationMs.toFixed(1)} ms`);
  if (!testing) return {};
  const { store, scheduler, previous, credentials } = services;
  return {
    testing: {
      store,
      scheduler,
      tree,
      statusBar,
      previous,
      pins,
      notifier,
      credentials,
      switchEnvironment: services.switchEnvironment,
      dashboard: dashboard.open,
      viewVisible: () => services.activity.viewVisible,
      dashboardEvents,
      runViewEvents: RunViewPanel.onDidEvent,
      runViews: () => RunViewPanel.all,
      useOpener: (opener) => (testOpener = opener),
      restoreOpener: () => (testOpener = undefined),
      answerLayoutDialog: (answer) => (layoutDialog = answer),
      setRequestTimeoutMs: (ms) => (requestTimeoutMs = ms),
      activationMs,
      activationParts,
      ctx: services,
      liveCounts,
      runAgain,
      answerConfirmation: (confirmer) => (testConfirmer = confirmer),
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
