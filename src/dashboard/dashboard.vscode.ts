/**
 * The dashboard's registration: Show Analytics, the serializer that restores a panel after a reload, and
 * the open panel, whose visibility counts for the scheduler as a Granite view's.
 */
import * as vscode from 'vscode';
import type { Services } from '../services.vscode';
import type { DashboardLayoutPart } from '../layout/layout.vscode';
import { DashboardPanel } from './dashboardPanel.vscode';
import { dashboardViewType } from './viewType';

export type { DashboardPanel };

/** Every message any dashboard panel receives or posts (tests watch them through GraniteTestApi). */
export const dashboardEvents = {
  onDidReceiveMessage: DashboardPanel.onDidReceiveMessage,
  onDidPost: DashboardPanel.onDidPost,
};

/** What other features use: open (or reveal) the panel, and the open panel, if any. Plain functions, passed around unbound. */
export interface Dashboard {
  show: () => void;
  open: () => DashboardPanel | undefined;
}

export function registerDashboard(
  context: vscode.ExtensionContext,
  services: Services,
  layout: DashboardLayoutPart,
): Dashboard {
  const { activity } = services;
  const open = () => DashboardPanel.open;
  activity.addView(() => !!open()?.visible);
  const attach = (panel: DashboardPanel) => {
    panel.onDidChangeVisibility(activity.update);
    activity.update();
  };
  const show = () => void DashboardPanel.show(services, layout, attach);
  context.subscriptions.push(
    { dispose: () => open()?.dispose() },
    vscode.commands.registerCommand('granite.showAnalytics', show),
    vscode.window.registerWebviewPanelSerializer(dashboardViewType, {
      deserializeWebviewPanel: (panel) => {
        DashboardPanel.restore(panel, services, layout, attach);
        return Promise.resolve();
      },
    }),
  );
  return { show, open };
}
