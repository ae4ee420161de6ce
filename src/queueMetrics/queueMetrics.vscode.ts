/**
 * The queue metrics' registration: the source (built with the window's polling, src/store/windowPolling.ts)
 * is told when the dashboard is shown or hidden, since it asks Granite only while the dashboard is visible.
 */
import type * as vscode from 'vscode';
import type { Dashboard } from '../dashboard/dashboard.vscode';
import type { Services } from '../services.vscode';

export function registerQueueMetrics(
  context: vscode.ExtensionContext,
  services: Services,
  dashboard: Pick<Dashboard, 'onDidChangeVisibility' | 'open'>,
): void {
  const { queue } = services;
  context.subscriptions.push(dashboard.onDidChangeVisibility(queue.setVisible), {
    dispose: () => queue.setVisible(false),
  });
  queue.setVisible(!!dashboard.open()?.visible);
}
