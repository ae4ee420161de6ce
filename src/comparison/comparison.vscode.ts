/**
 * The comparison's registration: turning `granite.compareWithPreviousPeriod` on or off shows or drops the
 * previous period at once (from the cache when it has one; the next refresh fetches it if due). A new
 * connection resets it with the rest of the window (store/windowPolling.ts).
 */
import type * as vscode from 'vscode';
import type { Services } from '../services.vscode';

export function registerComparison(context: vscode.ExtensionContext, services: Services): void {
  const { settings, previous } = services;
  context.subscriptions.push(
    settings.onDidChange(({ before, connectionChanged }) => {
      const comparing = settings.config.compareWithPreviousPeriod;
      if (connectionChanged || before.compareWithPreviousPeriod === comparing) return;
      previous.clear();
      if (comparing) void previous.loadCached();
    }),
  );
}
