/**
 * Extension entry point. The foundation (contract, client, simulator) lands first; the views, commands and
 * store that use it are wired here as they arrive, so activation stays cheap: nothing on the critical
 * path touches the network.
 */
import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Intentionally empty until the views arrive.
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
