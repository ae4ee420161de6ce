/**
 * Run details: a read-only plain-text document (`granite-run:` scheme), complete from the failure record
 * alone, enriched best-effort from the execution-detail route. Plain text, so every API string shows
 * literally. "Open in Granite" and "Copy Execution ID" are editor-title actions on these documents.
 */
import * as vscode from 'vscode';
import { GraniteError } from './core/api/errors';
import type { ExecutionDetail, RecentFailureItem } from './core/api/schemas';
import { formatDuration, formatTimestamp, humanizeCategory, triggerLabel } from './core/format';
import type { RunIds } from './core/runLink';
import type { AnalyticsStore } from './store';

export const runScheme = 'granite-run';

interface RunEntry {
  ids: RunIds;
  failure?: RecentFailureItem;
  detail?: ExecutionDetail;
  detailNote?: string;
}

export function runUri(ids: RunIds): vscode.Uri {
  const query = new URLSearchParams({ executionId: ids.executionId, runId: ids.runId ?? '' }).toString();
  return vscode.Uri.from({ scheme: runScheme, path: `/Run ${ids.executionId.replace(/[/\\]/g, '_')}.txt`, query });
}

export function idsFromUri(uri: vscode.Uri): RunIds | undefined {
  const params = new URLSearchParams(uri.query);
  const executionId = params.get('executionId');
  return executionId ? { executionId, runId: params.get('runId') || undefined } : undefined;
}

export class RunDetailsProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly entries = new Map<string, RunEntry>();
  private readonly registration: vscode.Disposable;

  constructor(private readonly store: AnalyticsStore, private readonly locale?: string) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(runScheme, this);
  }

  /** Opens (or reveals) the document for a run and starts the best-effort enrichment. */
  async open(ids: RunIds): Promise<vscode.TextEditor> {
    const entry: RunEntry = this.entries.get(ids.executionId) ?? { ids };
    entry.failure ??= this.store.findFailure(ids.executionId);
    if (!entry.ids.runId && entry.failure) entry.ids = { ...ids, runId: entry.failure.run_id };
    this.entries.set(ids.executionId, entry);
    const uri = runUri(entry.ids);
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document, { preview: true });
    if (!entry.detail && !entry.detailNote) void this.enrich(entry, uri);
    return editor;
  }

  private async enrich(entry: RunEntry, uri: vscode.Uri): Promise<void> {
    const orgId = this.store.state.organizationId;
    if (!orgId) {
      entry.detailNote = 'Details from Granite: not available (the organisation is not known yet).';
      this.changed.fire(uri);
      return;
    }
    const connection = await this.store.connection();
    if (!('client' in connection)) return;
    this.store.requestCounts.details++;
    try {
      entry.detail = (await connection.client.fetchExecution(orgId, entry.ids.executionId)).data;
    } catch (error) {
      entry.detailNote = error instanceof GraniteError && error.kind === 'NotFound'
        ? 'Details from Granite: not available for this execution.'
        : `Details from Granite: could not be loaded (${error instanceof GraniteError ? error.userMessage : String(error)}).`;
    }
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const ids = idsFromUri(uri);
    if (!ids) return 'Unknown run.';
    const entry = this.entries.get(ids.executionId) ?? { ids, failure: this.store.findFailure(ids.executionId) };
    return renderRun(entry, this.locale);
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}

function renderRun(entry: RunEntry, locale?: string): string {
  const { failure, detail } = entry;
  const lines: string[] = [];
  const field = (label: string, value: string | undefined | null) => {
    if (value !== undefined && value !== null && value !== '') lines.push(`${`${label}:`.padEnd(16)} ${value}`);
  };
  lines.push(`Granite run — ${failure?.workflow_name ?? 'execution'}`, '');
  field('Status', detail?.status ?? (failure ? 'failed' : undefined));
  field('Workflow', failure?.workflow_name);
  const started = detail?.started_at ?? failure?.started_at;
  if (started) field('Started', `${formatTimestamp(started, locale)} (${started})`);
  if (detail?.completed_at) field('Completed', `${formatTimestamp(detail.completed_at, locale)} (${detail.completed_at})`);
  field('Duration', formatDuration(detail?.duration_ms ?? failure?.duration_ms, locale));
  const trigger = detail?.triggered_by ?? failure?.triggered_by;
  if (trigger) field('Trigger', triggerLabel(trigger));
  field('Endpoint', detail?.endpoint_slug ?? undefined);
  if (failure) field('Error category', `${humanizeCategory(failure.error_category)} (${failure.error_category})`);
  field('Execution ID', entry.ids.executionId);
  field('Run ID', entry.ids.runId ?? detail?.run_id);
  field('Job ID', detail?.job_id ?? undefined);
  if (failure) {
    lines.push('', 'Error message', '-------------', failure.error_message ?? '(none)');
  }
  if (detail?.parameters?.length) lines.push('', 'Parameters', '----------', JSON.stringify(detail.parameters, null, 2));
  if (detail?.result) lines.push('', 'Result', '------', JSON.stringify(detail.result, null, 2));
  if (!failure && !detail) lines.push('', 'This run is not in the current analytics data; details are being requested from Granite.');
  if (entry.detailNote) lines.push('', entry.detailNote);
  lines.push('', 'Use "Open in Granite" or "Copy Execution ID" in the editor title bar.');
  return `${lines.join('\n')}\n`;
}
