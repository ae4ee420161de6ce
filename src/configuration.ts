/**
 * Typed access to the `granite.*` settings. The API base URL and app URL are read from the user level
 * only (`inspect().globalValue`): they decide where the key is sent, so a workspace's
 * `.vscode/settings.json` must never redirect them (their `application` scope says the same in the manifest).
 */
import * as vscode from 'vscode';
import type { GranularityChoice, RangePreset } from './core/filters';
import { isRangePreset } from './core/filters';
import { defaultAppUrl } from './core/runLink';
import type { WorkflowSort } from './core/workflowHealth';

export const defaultApiBaseUrl = 'https://api.getgranite.ai';

export interface GraniteConfig {
  apiBaseUrl: string;
  /** True when a workspace or folder tries to set the base URL (ignored; the user is told). */
  apiBaseUrlOverriddenByWorkspace: boolean;
  appUrl: string;
  runUrlTemplate: string;
  refreshIntervalSeconds: number;
  defaultDateRange: RangePreset;
  granularity: GranularityChoice;
  statusBarEnabled: boolean;
  warningThreshold: number;
  errorThreshold: number;
  workflowSort: WorkflowSort;
}

function userLevel<T>(section: vscode.WorkspaceConfiguration, key: string, fallback: T): T {
  const inspected = section.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}

export function readConfig(): GraniteConfig {
  const c = vscode.workspace.getConfiguration('granite');
  const baseInspect = c.inspect<string>('apiBaseUrl');
  const granularity = c.get<string>('granularity', 'auto');
  const sort = c.get<string>('workflows.sortBy', 'worst');
  const range = c.get<string>('defaultDateRange', '7d');
  return {
    apiBaseUrl: userLevel(c, 'apiBaseUrl', defaultApiBaseUrl),
    apiBaseUrlOverriddenByWorkspace: baseInspect?.workspaceValue !== undefined || baseInspect?.workspaceFolderValue !== undefined,
    appUrl: userLevel(c, 'appUrl', defaultAppUrl),
    runUrlTemplate: userLevel(c, 'runUrlTemplate', ''),
    refreshIntervalSeconds: c.get<number>('refreshIntervalSeconds', 300),
    defaultDateRange: isRangePreset(range) ? range : '7d',
    granularity: (['auto', 'hour', 'day', 'week', 'month'] as const).find((g) => g === granularity) ?? 'auto',
    statusBarEnabled: c.get<boolean>('statusBar.enabled', true),
    warningThreshold: c.get<number>('statusBar.warningThreshold', 95),
    errorThreshold: c.get<number>('statusBar.errorThreshold', 80),
    workflowSort: sort === 'runs' || sort === 'name' ? sort : 'worst',
  };
}

export function onConfigChange(listener: (event: vscode.ConfigurationChangeEvent) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('granite')) listener(event);
  });
}
