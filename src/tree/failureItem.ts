/** One recent failure under its workflow: time, category, first line of the message; opens the run. */
import * as vscode from 'vscode';
import type { RecentFailureItem } from '../core/api/schemas';
import { firstLine, formatAge, formatDuration, formatTimestamp, humanizeCategory, parseTimestamp, triggerLabel } from '../core/format';
import { oneLine } from '../core/inert';

export class FailureItem extends vscode.TreeItem {
  constructor(readonly failure: RecentFailureItem, now: number, locale?: string) {
    const at = parseTimestamp(failure.started_at);
    super(`${at === undefined ? oneLine(failure.started_at) : formatAge(at, now)} · ${oneLine(humanizeCategory(failure.error_category))}`, vscode.TreeItemCollapsibleState.None);
    this.id = `failure:${failure.execution_id}`;
    this.description = oneLine(firstLine(failure.error_message));
    this.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    this.contextValue = 'failure';
    this.command = { command: 'granite.openRun', title: vscode.l10n.t('Open Run'), arguments: [{ executionId: failure.execution_id, runId: failure.run_id }] };
    const md = new vscode.MarkdownString('', false);
    md.isTrusted = false;
    md.appendMarkdown('**');
    md.appendText(humanizeCategory(failure.error_category));
    md.appendMarkdown('**  \n');
    md.appendText(`${formatTimestamp(failure.started_at, locale)} · ${triggerLabel(failure.triggered_by)} · ${formatDuration(failure.duration_ms, locale)}`);
    md.appendMarkdown('\n\n');
    md.appendText(failure.error_message ?? vscode.l10n.t('(no message)'));
    this.tooltip = md;
    this.accessibilityInformation = { label: vscode.l10n.t('Failure {0}: {1}', String(this.label), String(this.description)) };
  }
}

/** A placeholder child while a workflow's own figures load, or to say there is nothing. */
export class InfoItem extends vscode.TreeItem {
  constructor(label: string, icon = 'info') {
    super(label, vscode.TreeItemCollapsibleState.None);
    this.iconPath = new vscode.ThemeIcon(icon);
    this.contextValue = 'info';
  }
}
