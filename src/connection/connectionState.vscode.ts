/**
 * The settings' registration: the settings are read again when they change (a new origin or environment
 * resets the window through `ConnectionState`), and problems with them are logged once at start.
 */
import type * as vscode from 'vscode';
import { onConfigChange } from '../config/configuration.vscode';
import { effectiveIntervalMs } from '../core/refreshScheduler';
import type { Services } from '../services.vscode';

export function registerSettings(context: vscode.ExtensionContext, services: Services): void {
  const { settings, scheduler, log } = services;
  context.subscriptions.push(
    onConfigChange((event) => {
      // A new origin or environment gets its own key (or asks for one); nothing of the old one is sent there.
      // Each feature hears of the change through `settings.onDidChange` (the comparison: comparison.vscode.ts).
      settings.reload();
      if (event.affectsConfiguration('granite.refreshIntervalSeconds'))
        scheduler.setInterval(effectiveIntervalMs(settings.config.refreshIntervalSeconds));
    }),
  );
  for (const problem of settings.config.environmentProblems) log.warn(problem);
  if (settings.config.apiBaseUrlOverriddenByWorkspace) {
    log.warn(
      'This workspace sets "granite.apiBaseUrl"; it is ignored. The API address is a user setting, so a repository cannot send your key elsewhere.',
    );
  }
}
