/**
 * The `granite.*` settings as the extension uses them: plain data, read from VS Code by
 * configuration.vscode.ts, so the classes that take it stay free of the VS Code API.
 */
import type { Environment } from '../connection/environments';
import type { GranularityChoice, RangePreset } from '../filters/filters';
import type { WorkflowSort } from '../workflows/workflowHealth';

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
  compareWithPreviousPeriod: boolean;
  newFailureNotifications: 'off' | 'all' | 'pinned';
  statusBarScope: 'all' | 'pinned';
  /** The user-level `granite.environments` list (a workspace cannot add or redirect one). */
  environments: Environment[];
  environmentProblems: string[];
  /** The chosen environment; undefined means the default connection (`granite.apiBaseUrl`). */
  environment?: Environment;
}
