/** One recent failure under its workflow: time, category, first line of the message; opens the run. */
import * as vscode from 'vscode';
import type { RecentFailureItem } from '../core/api/schemas';
import type { HistoryWords } from '../runs/runBundle';
import { toMarkdownString } from '../markdown.vscode';
import { failureDescription, failureLabel, failureTooltip } from './workflowText';

export class FailureItem extends vscode.TreeItem {
  constructor(
    readonly failure: RecentFailureItem,
    now: number,
    locale?: string,
    /** The automation's history words, when a run of it has been opened (never fetched for a tooltip). */
    words?: HistoryWords,
  ) {
    const label = failureLabel(failure, now);
    super(label, vscode.TreeItemCollapsibleState.None);
    this.id = `failure:${failure.execution_id}`;
    this.description = failureDescription(failure);
    this.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    this.contextValue = 'failure';
    this.command = {
      command: 'granite.openRun',
      title: vscode.l10n.t('Open Run'),
      arguments: [{ executionId: failure.execution_id, runId: failure.run_id }],
    };
    this.tooltip = toMarkdownString(failureTooltip(failure, locale, words));
    this.accessibilityInformation = { label: vscode.l10n.t('Failure {0}: {1}', label, this.description) };
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
