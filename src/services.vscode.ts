/** What every command needs; built once in `activate`. */
import type * as vscode from 'vscode';
import type { BatchCache } from './store/batchCache';
import type { GraniteConfig } from './config/configuration';
import type { Credentials } from './connection/credentials';
import type { ExternalOpener } from './externalOpener.vscode';
import type { Log } from './log.vscode';
import type { PinnedWorkflows } from './pins/pins.vscode';
import type { PreviousPeriod } from './comparison/previousPeriod';
import type { RunDetailsProvider } from './runs/runDocument.vscode';
import type { AnalyticsStore } from './store/store';

export interface CommandContext {
  extension: vscode.ExtensionContext;
  store: AnalyticsStore;
  credentials: Credentials;
  cache: BatchCache;
  log: Log;
  runs: RunDetailsProvider;
  previous: PreviousPeriod;
  pins: PinnedWorkflows;
  openExternal: ExternalOpener;
  config: () => GraniteConfig;
  now: () => number;
  /** The origin GRANITE_API_KEY applies to (the user-level base URL's at start-up). */
  environmentKeyOrigin?: string;
  /** Opens the dashboard panel, or reveals it. */
  showDashboard: () => void;
  /** Called when the key or base URL changed, so the scheduler resumes after a 401/403. */
  credentialsChanged: () => void;
  /** Makes the named environment (undefined: the default connection) the active one. */
  switchEnvironment: (name: string | undefined) => Promise<void>;
}

/** `vscode.commands.registerCommand`, or a stand-in that collects handlers for the lazy commands bundle. */
export type Registrar = (id: string, handler: (...args: unknown[]) => unknown) => vscode.Disposable;
