/**
 * Typed access to the `granite.*` settings. The API base URL and app URL are read from the user level
 * only (`inspect().globalValue`): they decide where the key is sent, so a workspace's
 * `.vscode/settings.json` must never redirect them (their `application` scope says the same in the manifest).
 */
import * as vscode from 'vscode';
import { findEnvironment, parseEnvironments } from '../connection/environments';
import { granularityChoices, isRangePreset } from '../filters/filters';
import { defaultAppUrl } from '../runs/runLink';
import { defaultApiBaseUrl, type GraniteConfig } from './configuration';

function userLevel<T>(section: vscode.WorkspaceConfiguration, key: string, fallback: T): T {
  const inspected = section.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}

/** `activeEnvironment` is the name chosen with "Switch Environment" (kept in globalState, not settings). */
export function readConfig(activeEnvironment?: string): GraniteConfig {
  const c = vscode.workspace.getConfiguration('granite');
  const { environments, problems } = parseEnvironments(userLevel<unknown>(c, 'environments', []));
  const environment = findEnvironment(environments, activeEnvironment);
  const notify = c.get<string>('notifications.newFailures', 'off');
  const baseInspect = c.inspect<string>('apiBaseUrl');
  const granularity = c.get<string>('granularity', 'auto');
  const sort = c.get<string>('workflows.sortBy', 'worst');
  const range = c.get<string>('defaultDateRange', '7d');
  return {
    apiBaseUrl: environment?.apiBaseUrl ?? userLevel(c, 'apiBaseUrl', defaultApiBaseUrl),
    apiBaseUrlOverriddenByWorkspace:
      baseInspect?.workspaceValue !== undefined || baseInspect?.workspaceFolderValue !== undefined,
    appUrl: environment ? (environment.appUrl ?? defaultAppUrl) : userLevel(c, 'appUrl', defaultAppUrl),
    runUrlTemplate: userLevel(c, 'runUrlTemplate', ''),
    refreshIntervalSeconds: c.get<number>('refreshIntervalSeconds', 300),
    defaultDateRange: isRangePreset(range) ? range : '7d',
    granularity: granularityChoices.find((g) => g === granularity) ?? 'auto',
    statusBarEnabled: c.get<boolean>('statusBar.enabled', true),
    warningThreshold: c.get<number>('statusBar.warningThreshold', 95),
    errorThreshold: c.get<number>('statusBar.errorThreshold', 80),
    workflowSort: sort === 'runs' || sort === 'name' ? sort : 'worst',
    compareWithPreviousPeriod: c.get<boolean>('compareWithPreviousPeriod', true),
    newFailureNotifications: notify === 'all' || notify === 'pinned' ? notify : 'off',
    statusBarScope: c.get<string>('statusBar.scope', 'all') === 'pinned' ? 'pinned' : 'all',
    environments,
    environmentProblems: problems,
    environment,
  };
}

export function onConfigChange(listener: (event: vscode.ConfigurationChangeEvent) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('granite')) listener(event);
  });
}
