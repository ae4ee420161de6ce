/**
 * The runs feature's registration: the run details documents (`granite-run:`) and the commands that jump to a
 * run: Open Run (the run view, runView.vscode.ts; from the palette, a quick pick of recent failures), Open
 * Run as Text (the plain-text run details document), Open in Granite (the web app, only on the host of `granite.appUrl`), Copy Execution ID.
 */
import * as vscode from 'vscode';
import { inertLinkedText } from '../core/escaping';
import { statusMessageMs } from '../core/timing';
import { copiedMessage, failurePick } from '../workflows/workflowText';
import type { Services } from '../services.vscode';
import { buildRunUrl, type RunIds } from './runLink';
import { idsFromUri, RunDetailsProvider, runScheme } from './runDocument.vscode';
import type { RunViews } from './runViewDeps';

/** Ids from whatever a command was invoked with: `{executionId, runId}`, a tree item, or the active run document. */
export function idsFrom(arg: unknown): RunIds | undefined {
  if (arg && typeof arg === 'object') {
    const record = arg as {
      executionId?: unknown;
      runId?: unknown;
      failure?: { execution_id: string; run_id: string };
    };
    if (typeof record.executionId === 'string' && record.executionId) {
      return { executionId: record.executionId, runId: typeof record.runId === 'string' ? record.runId : undefined };
    }
    if (record.failure) return { executionId: record.failure.execution_id, runId: record.failure.run_id };
  }
  const uri = vscode.window.activeTextEditor?.document.uri;
  return uri?.scheme === runScheme ? idsFromUri(uri) : undefined;
}

export function registerRuns(context: vscode.ExtensionContext, services: Services, runViews: RunViews): void {
  const ctx = services;
  const runs = new RunDetailsProvider(services.store, services.locale);
  const register = vscode.commands.registerCommand;
  // The title bar of a run view calls these without arguments: the view in front names the run.
  const idsOf = (arg?: unknown) => idsFrom(arg) ?? runViews.active();
  context.subscriptions.push(
    runs,
    // Every opener (tree, dashboard table, notification, quick pick, chat tools' ids) comes here: the run view.
    // Returns the execution id whose view is shown.
    register('granite.openRun', async (arg?: unknown) => {
      const ids = (arg ? idsFrom(arg) : undefined) ?? (await pickFailure(ctx));
      if (!ids) return undefined;
      runViews.open(ids, (arg as { beside?: unknown } | undefined)?.beside === true);
      return ids.executionId;
    }),
    register('granite.openRunAsText', async (arg?: unknown) => {
      const ids = (arg ? idsFrom(arg) : runViews.active()) ?? (await pickFailure(ctx));
      if (!ids) return undefined;
      const editor = await runs.open(ids, (arg as { beside?: unknown } | undefined)?.beside === true);
      return editor.document.uri.toString();
    }),
    register('granite.copyExecutionId', async (arg?: unknown) => {
      const ids = idsOf(arg);
      if (!ids) return undefined;
      await vscode.env.clipboard.writeText(ids.executionId);
      vscode.window.setStatusBarMessage(copiedMessage('executionId', ids.executionId), statusMessageMs);
      return ids.executionId;
    }),
    register('granite.openRunInGranite', async (arg?: unknown) => {
      const ids = idsOf(arg);
      if (!ids) return undefined;
      const config = ctx.config();
      const link = buildRunUrl(config.runUrlTemplate, ids, config.appUrl);
      if (!link.ok) {
        void vscode.window.showErrorMessage(inertLinkedText(link.message));
        return undefined;
      }
      await ctx.openExternal.open(vscode.Uri.parse(link.url, true));
      return link.url;
    }),
  );
}

async function pickFailure(ctx: Services): Promise<RunIds | undefined> {
  const failures = ctx.store.allFailures();
  if (!failures.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No recent failures in the current Granite data.'));
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    failures.map((f) => ({ ...failurePick(f), ids: { executionId: f.execution_id, runId: f.run_id } })),
    {
      title: vscode.l10n.t('Granite: Open Run'),
      placeHolder: vscode.l10n.t('Pick a recent failure'),
      matchOnDescription: true,
      matchOnDetail: true,
    },
  );
  return pick?.ids;
}
