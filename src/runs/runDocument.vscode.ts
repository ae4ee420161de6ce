/**
 * Run details: a read-only plain-text document (`granite-run:` scheme), complete from the failure record
 * alone, enriched best-effort from the execution-detail route. Plain text (src/core/runDocument.ts), so
 * every API string shows literally. "Open in Granite" and "Copy Execution ID" are editor-title actions on
 * these documents.
 */
import * as vscode from 'vscode';
import { GraniteError } from '../core/api/errors';
import type { AnalyticsStore } from '../store/store';
import { Disposable } from '../core/disposable';
import { renderRun, type RunEntry } from './runDocument';
import type { RunIds } from './runLink';

export const runScheme = 'granite-run';

export function runUri(ids: RunIds): vscode.Uri {
  const query = new URLSearchParams({ executionId: ids.executionId, runId: ids.runId ?? '' }).toString();
  return vscode.Uri.from({ scheme: runScheme, path: `/Run ${ids.executionId.replace(/[/\\]/g, '_')}.txt`, query });
}

export function idsFromUri(uri: vscode.Uri): RunIds | undefined {
  const params = new URLSearchParams(uri.query);
  const executionId = params.get('executionId');
  return executionId ? { executionId, runId: params.get('runId') || undefined } : undefined;
}

export class RunDetailsProvider extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private readonly entries = new Map<string, RunEntry>();

  constructor(
    private readonly store: AnalyticsStore,
    private readonly locale?: string,
  ) {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(runScheme, this));
  }

  /** Opens (or reveals) the document for a run and starts the best-effort enrichment. */
  /** `beside`: next to the dashboard, so the failures table stays in view. */
  async open(ids: RunIds, beside = false): Promise<vscode.TextEditor> {
    const entry: RunEntry = this.entries.get(ids.executionId) ?? { ids };
    entry.failure ??= this.store.findFailure(ids.executionId);
    if (!entry.ids.runId && entry.failure) entry.ids = { ...ids, runId: entry.failure.run_id };
    this.entries.set(ids.executionId, entry);
    const uri = runUri(entry.ids);
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document, {
      preview: true,
      viewColumn: beside ? vscode.ViewColumn.Beside : undefined,
    });
    if (!entry.detail && !entry.detailNote) void this.enrich(entry, uri);
    return editor;
  }

  private async enrich(entry: RunEntry, uri: vscode.Uri): Promise<void> {
    const orgId = this.store.state.organizationId ?? (await this.store.ensureIdentity());
    if (!orgId) {
      entry.detailNote = vscode.l10n.t('Details from Granite: not available (the organisation is not known yet).');
      this.changed.fire(uri);
      return;
    }
    const connection = await this.store.connection();
    if (!('client' in connection)) return;
    this.store.requestCounts.details++;
    try {
      entry.detail = (await connection.client.fetchExecution(orgId, entry.ids.executionId)).data;
    } catch (error) {
      entry.detailNote =
        error instanceof GraniteError && error.kind === 'NotFound'
          ? vscode.l10n.t('Details from Granite: not available for this execution.')
          : vscode.l10n.t(
              'Details from Granite: could not be loaded ({0}).',
              error instanceof GraniteError ? error.userMessage : String(error),
            );
    }
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const ids = idsFromUri(uri);
    if (!ids) return vscode.l10n.t('Unknown run.');
    const entry = this.entries.get(ids.executionId) ?? { ids, failure: this.store.findFailure(ids.executionId) };
    return renderRun(entry, this.locale);
  }
}
