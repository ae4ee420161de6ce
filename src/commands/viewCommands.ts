/** Show Analytics, Refresh, Show Log, workflow sort, and the workflow item's context commands. */
import * as vscode from 'vscode';
import { copiedMessage } from '../core/surfaceText';
import type { WorkflowRow } from '../core/workflowHealth';
import type { CommandContext } from './context';

function workflowName(arg: unknown): string | undefined {
  const row = (arg as { row?: WorkflowRow } | undefined)?.row;
  if (row) return row.name;
  return typeof arg === 'string' ? arg : undefined;
}

export function registerViewCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('granite.showAnalytics', () => ctx.showDashboard()),
    vscode.commands.registerCommand('granite.refresh', () => ctx.store.refresh('user')),
    vscode.commands.registerCommand('granite.showLog', () => ctx.log.channel.show()),
    vscode.commands.registerCommand('granite.sortWorkflows', async () => {
      const current = ctx.config().workflowSort;
      const pick = await vscode.window.showQuickPick(
        [
          { label: vscode.l10n.t('Worst success rate first'), value: 'worst' },
          { label: vscode.l10n.t('Most runs first'), value: 'runs' },
          { label: vscode.l10n.t('Name'), value: 'name' },
        ].map((item) => ({ ...item, description: item.value === current ? vscode.l10n.t('current') : undefined })),
        { title: vscode.l10n.t('Granite: Sort Workflows') },
      );
      if (pick) await vscode.workspace.getConfiguration('granite').update('workflows.sortBy', pick.value, vscode.ConfigurationTarget.Global);
    }),
    vscode.commands.registerCommand('granite.openWorkflowAnalytics', async (arg?: unknown) => {
      const name = workflowName(arg);
      if (!name) return;
      await ctx.store.setFilters({ ...ctx.store.state.filters, workflow: name });
      await vscode.commands.executeCommand('granite.showAnalytics');
    }),
    vscode.commands.registerCommand('granite.copyWorkflowName', async (arg?: unknown) => {
      const name = workflowName(arg);
      if (!name) return;
      await vscode.env.clipboard.writeText(name);
      vscode.window.setStatusBarMessage(copiedMessage('workflowName', name), 3000);
    }),
  ];
}
