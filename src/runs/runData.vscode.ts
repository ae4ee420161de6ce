/**
 * The VS Code side of the run data source (runData.ts). The source itself is built with the services
 * (`services.runData`, services.vscode.ts), so the run view, the chat tool, Run Again and the tree's
 * failure tooltips reach the same cache without being handed it in turn. Here: what VS Code events mean
 * for it — a new connection (another key, origin or environment) forgets everything learnt for the old.
 */
import type * as vscode from 'vscode';
import type { Services } from '../services.vscode';
import type { RunDataSource } from './runData';

/** Wires the shared run data source to VS Code's events; returns it for whoever registers after. */
export function registerRunData(context: vscode.ExtensionContext, services: Services): RunDataSource {
  const { runData } = services;
  // Nothing of the old connection may be shown or sent after it changes (connectionState.ts).
  context.subscriptions.push(services.settings.onDidChangeConnection(() => runData.forget()));
  return runData;
}
