/**
 * The dashboard's host code is its own bundle (`dist/dashboard.js`), loaded the first time the panel is
 * opened or restored: activation does not pay for it, and `dist/extension.js` stays within its budget.
 */
import * as vscode from 'vscode';
import type { CommandContext } from '../commands/context';
import type * as DashboardModule from './dashboardPanel';
import { dashboardViewType } from './viewType';

let loaded: typeof DashboardModule | undefined;

function load(): typeof DashboardModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazily loaded sibling bundle
  loaded ??= require('./dashboard.js') as typeof DashboardModule;
  return loaded;
}

export type DashboardPanel = DashboardModule.DashboardPanel;

/** The open panel, without loading the bundle when no panel was ever opened. */
export function openDashboard(): DashboardPanel | undefined {
  return loaded?.DashboardPanel.open;
}

export function showDashboard(ctx: CommandContext, onCreated: (panel: DashboardPanel) => void): DashboardPanel {
  return load().DashboardPanel.show(ctx, onCreated);
}

/** Registered at activation (cheap); the bundle loads only when VS Code restores a panel. */
export function registerDashboardSerializer(ctx: CommandContext, onCreated: (panel: DashboardPanel) => void): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(dashboardViewType, {
    deserializeWebviewPanel: async (panel) => {
      load().DashboardPanel.restore(panel, ctx, onCreated);
    },
  });
}
