/** The text of a run details document (see runDetails.ts); part of the lazy bundle. */
import * as vscode from 'vscode';
import { formatDuration, formatTimestamp, humanizeCategory, triggerLabel } from './core/format';
import type { RunEntry } from './runDetails';

export function renderRun(entry: RunEntry, locale?: string): string {
  const { failure, detail } = entry;
  const lines: string[] = [];
  const field = (label: string, value: string | undefined | null) => {
    if (value !== undefined && value !== null && value !== '') lines.push(`${`${label}:`.padEnd(16)} ${value}`);
  };
  // A heading is underlined to its own length (translations differ in length).
  const section = (heading: string, text: string) => lines.push('', heading, '-'.repeat(heading.length), text);
  lines.push(failure ? vscode.l10n.t('Granite run — {0}', failure.workflow_name) : vscode.l10n.t('Granite run — execution'), '');
  field(vscode.l10n.t('Status'), detail?.status ?? (failure ? 'failed' : undefined));
  field(vscode.l10n.t('Workflow'), failure?.workflow_name);
  const started = detail?.started_at ?? failure?.started_at;
  if (started) field(vscode.l10n.t('Started'), `${formatTimestamp(started, locale)} (${started})`);
  if (detail?.completed_at) field(vscode.l10n.t('Completed'), `${formatTimestamp(detail.completed_at, locale)} (${detail.completed_at})`);
  field(vscode.l10n.t('Duration'), formatDuration(detail?.duration_ms ?? failure?.duration_ms, locale));
  const trigger = detail?.triggered_by ?? failure?.triggered_by;
  if (trigger) field(vscode.l10n.t('Trigger'), triggerLabel(trigger));
  field(vscode.l10n.t('Endpoint'), detail?.endpoint_slug ?? undefined);
  if (failure) field(vscode.l10n.t('Error category'), `${humanizeCategory(failure.error_category)} (${failure.error_category})`);
  field(vscode.l10n.t('Execution ID'), entry.ids.executionId);
  field(vscode.l10n.t('Run ID'), entry.ids.runId ?? detail?.run_id);
  field(vscode.l10n.t('Job ID'), detail?.job_id ?? undefined);
  if (failure) section(vscode.l10n.t('Error message'), failure.error_message ?? vscode.l10n.t('(none)'));
  if (detail?.parameters?.length) section(vscode.l10n.t('Parameters'), JSON.stringify(detail.parameters, null, 2));
  if (detail?.result) section(vscode.l10n.t('Result'), JSON.stringify(detail.result, null, 2));
  if (!failure && !detail) lines.push('', vscode.l10n.t('This run is not in the current analytics data; details are being requested from Granite.'));
  if (entry.detailNote) lines.push('', entry.detailNote);
  lines.push('', vscode.l10n.t('Use "Open in Granite" or "Copy Execution ID" in the editor title bar.'));
  return `${lines.join('\n')}\n`;
}
