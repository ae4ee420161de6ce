/**
 * The new-failure notifications' registration: the notifier is created by the first load (nothing to
 * compare before it), then told about each one; a new origin or environment starts its memory afresh.
 */
import * as vscode from 'vscode';
import type { Dashboard } from '../dashboard/dashboard.vscode';
import type { PinnedWorkflows } from '../pins/pins.vscode';
import type { Services } from '../services.vscode';
import { FailureNotifier, type FailureNotifierDeps } from './failureNotifier';

/** Returns the notifier, once the first load has created it. */
export function registerNotifications(
  context: vscode.ExtensionContext,
  services: Services,
  features: { pins: PinnedWorkflows; dashboard: Dashboard },
): () => FailureNotifier | undefined {
  const { store, settings } = services;
  let notifier: FailureNotifier | undefined;
  const deps: FailureNotifierDeps = {
    store,
    pins: features.pins,
    config: services.config,
    state: context.globalState,
    slot: () => settings.slot(),
    openRun: (executionId) => vscode.commands.executeCommand('granite.openRun', { executionId }),
    showAll: () => features.dashboard.show(),
    showWarning: (text, ...actions) => vscode.window.showWarningMessage(text, ...actions),
    turnOff: () =>
      vscode.workspace
        .getConfiguration('granite')
        .update('notifications.newFailures', 'off', vscode.ConfigurationTarget.Global),
  };
  context.subscriptions.push(
    { dispose: () => notifier?.dispose() },
    store.onDidLoad((event) => (notifier ??= new FailureNotifier(deps)).afterLoad(event)),
    settings.onDidChangeConnection(() => notifier?.reset()),
  );
  return () => notifier;
}
