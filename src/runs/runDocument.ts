/**
 * The text of a run details document (`granite-run:`): plain text, so every API string shows exactly as
 * sent. Built here (no `vscode`) so plain-Node tests can check it; src/runDetails.ts serves it.
 *
 * The editor draws bidi isolates as `[U+2068]`, so right-to-left API text cannot be isolated here;
 * instead it always ends its line, where there is nothing after it for its run to take.
 */
import type { ExecutionDetail, RecentFailureItem } from '../core/api/schemas';
import { needsIsolation } from '../core/escaping';
import { formatDuration, formatTimestamp, humanizeCategory, triggerLabel } from '../core/format';
import { t } from '../core/l10n';
import type { RunIds } from './runLink';

export interface RunEntry {
  ids: RunIds;
  failure?: RecentFailureItem;
  detail?: ExecutionDetail;
  detailNote?: string;
}

export function renderRun(entry: RunEntry, locale?: string): string {
  const { failure, detail } = entry;
  const lines: string[] = [];
  const field = (label: string, value: string | undefined | null) => {
    if (value !== undefined && value !== null && value !== '') lines.push(`${`${label}:`.padEnd(16)} ${value}`);
  };
  // `Shown (as sent)`, or only the value as sent when it is right-to-left: the copy in parentheses would
  // join its run and the two would swap places.
  const withSent = (shown: string, sent: string) => (needsIsolation(sent) ? sent : `${shown} (${sent})`);
  // A heading is underlined to its own length (translations differ in length).
  const section = (heading: string, text: string) => lines.push('', heading, '-'.repeat(heading.length), text);
  lines.push(failure ? t('Granite run — {0}', failure.workflow_name) : t('Granite run — execution'), '');
  field(t('Status'), detail?.status ?? (failure ? 'failed' : undefined));
  field(t('Workflow'), failure?.workflow_name);
  const started = detail?.started_at ?? failure?.started_at;
  if (started) field(t('Started'), withSent(formatTimestamp(started, locale), started));
  if (detail?.completed_at)
    field(t('Completed'), withSent(formatTimestamp(detail.completed_at, locale), detail.completed_at));
  field(t('Duration'), formatDuration(detail?.duration_ms ?? failure?.duration_ms, locale));
  const trigger = detail?.triggered_by ?? failure?.triggered_by;
  if (trigger) field(t('Trigger'), triggerLabel(trigger));
  field(t('Endpoint'), detail?.endpoint_slug ?? undefined);
  if (failure) field(t('Error category'), withSent(humanizeCategory(failure.error_category), failure.error_category));
  field(t('Execution ID'), entry.ids.executionId);
  field(t('Run ID'), entry.ids.runId ?? detail?.run_id);
  field(t('Job ID'), detail?.job_id ?? undefined);
  if (failure) section(t('Error message'), failure.error_message ?? t('(none)'));
  if (detail?.parameters?.length) section(t('Parameters'), JSON.stringify(detail.parameters, null, 2));
  if (detail?.result) section(t('Result'), JSON.stringify(detail.result, null, 2));
  if (!failure && !detail)
    lines.push('', t('This run is not in the current analytics data; details are being requested from Granite.'));
  if (entry.detailNote) lines.push('', entry.detailNote);
  lines.push('', t('Use "Open in Granite" or "Copy Execution ID" in the editor title bar.'));
  return `${lines.join('\n')}\n`;
}
