/**
 * The dashboard's registration: the serializer that restores a panel after a reload, and the open panel.
 */
import * as vscode from 'vscode';
import type { CommandContext } from '../services.vscode';
import { DashboardPanel } from './dashboardPanel.vscode';
import { dashboardViewType } from './viewType';

export type { DashboardPanel };

/** Every message any dashboard panel receives or posts (tests watch them through GraniteTestApi). */
export const dashboardEvents = { onDidReceiveMessage: DashboardPanel.onDidReceiveMessage, onDidPost: DashboardPanel.onDidPost };

/** The open panel, if any. */
export function openDashboard(): DashboardPanel | undefined {
  return DashboardPanel.open;
}

export function showDashboard(ctx: CommandContext, onCreated: (panel: DashboardPanel) => void): DashboardPanel {
  return DashboardPanel.show(ctx, onCreated);
}

export function registerDashboardSerializer(ctx: CommandContext, onCreated: (panel: DashboardPanel) => void): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(dashboardViewType, {
    deserializeWebviewPanel: async (panel) => {
      DashboardPanel.restore(panel, ctx, onCreated);
    },
  });
}
