/**
 * The Workflows view's registration: the tree, and its commands — Refresh, Show Log, workflow sort, and the
 * workflow item's context commands (pin, open its analytics, copy its name).
 */
import * as vscode from 'vscode';
import { formatAge } from '../core/format';
import { inertLinkedText } from '../core/escaping';
import { statusMessageMs } from '../core/timing';
import type { PinnedWorkflows } from '../pins/pins.vscode';
import type { Services } from '../services.vscode';
import { copiedMessage } from './workflowText';
import type { WorkflowRow } from './workflowHealth';
import { WorkflowsTree } from './workflowsTree.vscode';

function workflowName(arg: unknown): string | undefined {
  const row = (arg as { row?: WorkflowRow } | undefined)?.row;
  if (row) return row.name;
  return typeof arg === 'string' ? arg : undefined;
}

export function registerWorkflowsTree(
  context: vscode.ExtensionContext,
  services: Services,
  pins: PinnedWorkflows,
): WorkflowsTree {
  const ctx = services;
  const tree = new WorkflowsTree(services.store, services.config, services.now, services.locale, {
    previous: services.previous,
    pins,
    runData: services.runData,
  });
  services.activity.addView(() => tree.view.visible);
  const register = vscode.commands.registerCommand;
  context.subscriptions.push(
    tree,
    tree.view.onDidChangeVisibility(services.activity.update),
    services.settings.onDidChange(() => tree.refreshView()),
    register('granite.refresh', () => refresh(ctx)),
    register('granite.pinWorkflow', (arg?: unknown) => pin(pins, arg, true)),
    register('granite.unpinWorkflow', (arg?: unknown) => pin(pins, arg, false)),
    register('granite.showLog', () => ctx.log.channel.show()),
    register('granite.sortWorkflows', async () => {
      const current = ctx.config().workflowSort;
      const pick = await vscode.window.showQuickPick(
        [
          { label: vscode.l10n.t('Worst success rate first'), value: 'worst' },
          { label: vscode.l10n.t('Most runs first'), value: 'runs' },
          { label: vscode.l10n.t('Name'), value: 'name' },
        ].map((item) => ({ ...item, description: item.value === current ? vscode.l10n.t('current') : undefined })),
        { title: vscode.l10n.t('Granite: Sort Workflows') },
      );
      if (pick)
        await vscode.workspace
          .getConfiguration('granite')
          .update('workflows.sortBy', pick.value, vscode.ConfigurationTarget.Global);
    }),
    register('granite.openWorkflowAnalytics', async (arg?: unknown) => {
      const name = workflowName(arg);
      if (!name) return;
      await ctx.store.setFilters({ ...ctx.store.state.filters, workflow: name });
      await vscode.commands.executeCommand('granite.showAnalytics');
    }),
    register('granite.copyWorkflowName', async (arg?: unknown) => {
      const name = workflowName(arg);
      if (!name) return;
      await vscode.env.clipboard.writeText(name);
      vscode.window.setStatusBarMessage(copiedMessage('workflowName', name), statusMessageMs);
    }),
  );
  return tree;
}

async function pin(pins: PinnedWorkflows, arg: unknown, pinned: boolean): Promise<void> {
  const name = workflowName(arg);
  if (name) await pins.toggle(name, pinned);
}

/** Refresh; when Granite cannot be reached, say that what is shown comes from the cache, and how old it is. */
async function refresh(ctx: Services): Promise<void> {
  await ctx.store.refresh('user');
  const state = ctx.store.state;
  if (!state.error || (state.error.kind !== 'NetworkError' && state.error.kind !== 'Timeout')) return;
  const message =
    state.batch && state.fetchedAt
      ? vscode.l10n.t(
          'Granite cannot be reached: {0} The data shown is from the cache, received {1}. It is replaced as soon as a request succeeds.',
          state.error.userMessage,
          formatAge(state.fetchedAt, ctx.now()),
        )
      : vscode.l10n.t(
          'Granite cannot be reached: {0} There is no cached data for these filters yet.',
          state.error.userMessage,
        );
  void vscode.window.showWarningMessage(inertLinkedText(message));
}
