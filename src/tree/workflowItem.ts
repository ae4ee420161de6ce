/**
 * One workflow in the tree: name, `97.2% · 1,204 runs`, a health icon, and a tooltip whose API strings go
 * in through `appendText` (never trusted Markdown).
 */
import * as vscode from 'vscode';
import { formatCount, formatDuration, formatRate, formatTimestamp, noValue } from '../core/format';
import { oneLine } from '../core/inert';
import type { Health, WorkflowRow } from '../core/workflowHealth';

const icons: Record<Health, vscode.ThemeIcon> = {
  pass: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  unknown: new vscode.ThemeIcon('circle-outline'),
};
const noRunsIcon = new vscode.ThemeIcon('circle-slash');

export function describeRow(row: WorkflowRow, locale?: string): string {
  if (row.coverage === 'no-runs') return 'no runs in range';
  if (row.coverage === 'not-in-batch') return 'not in this batch — expand to load';
  const rate = formatRate(row.successRate, locale);
  if (row.executions === undefined) return rate;
  return `${rate} · ${formatCount(row.executions, locale)} ${row.executions === 1 ? 'run' : 'runs'}`;
}

const healthWords: Record<Health, string> = { pass: 'healthy', warning: 'below the warning threshold', error: 'below the error threshold', unknown: 'no rate known' };

export class WorkflowItem extends vscode.TreeItem {
  constructor(readonly row: WorkflowRow, locale?: string) {
    super(oneLine(row.name), vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `workflow:${row.name}`;
    this.description = describeRow(row, locale);
    this.iconPath = row.coverage === 'no-runs' ? noRunsIcon : icons[row.health];
    this.contextValue = `workflow ${row.coverage}`;
    this.tooltip = workflowTooltip(row, locale);
    this.accessibilityInformation = { label: `${oneLine(row.name)}, ${this.description}, ${healthWords[row.health]}` };
    if (row.coverage === 'no-runs') this.collapsibleState = vscode.TreeItemCollapsibleState.None;
  }
}

export function workflowTooltip(row: WorkflowRow, locale?: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = false;
  md.appendMarkdown('**');
  md.appendText(row.name);
  md.appendMarkdown('**\n\n');
  if (row.coverage === 'no-runs') {
    md.appendText('No runs in the selected range.');
    return md;
  }
  if (row.coverage === 'not-in-batch') {
    md.appendText("Granite's batch lists per-workflow figures only for its top workflows, so this one has none yet. Expand or select it to load its figures with one request.");
    return md;
  }
  const line = (label: string, value: string) => {
    md.appendMarkdown(`${label}: `);
    md.appendText(value);
    md.appendMarkdown('  \n');
  };
  const count = (n: number | undefined) => (n === undefined ? noValue : formatCount(n, locale));
  line('Executions', count(row.executions));
  line('Completed', count(row.completed));
  line('Failures', count(row.failures));
  line('Success rate', formatRate(row.successRate, locale));
  if (row.rateNote) line('Note', row.rateNote);
  line('Average duration', formatDuration(row.avgDurationMs, locale));
  line('Last execution', row.lastExecution ? formatTimestamp(row.lastExecution, locale) : noValue);
  if (row.complexity) line('Complexity', `${row.complexity.score} (${count(row.complexity.steps)} steps, ${count(row.complexity.parameters)} parameters, ${count(row.complexity.iterations)} iterations)`);
  if (row.actions) line('Actions', `${count(row.actions.clicks)} clicks, ${count(row.actions.keystrokes)} keystrokes, ${count(row.actions.scrolls)} scrolls, ${count(row.actions.screenshots)} screenshots`);
  return md;
}
