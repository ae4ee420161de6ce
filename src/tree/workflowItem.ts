/**
 * One workflow in the tree: name, `97.2% · 1,204 runs`, a health icon, and a tooltip whose API strings go
 * in through `appendText` (never trusted Markdown).
 */
import * as vscode from 'vscode';
import type { Delta } from '../core/compare';
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

/** A workflow's change against the previous period, and whether the user pinned it. */
export interface RowExtras {
  trend?: Delta & { previous: number };
  pinned?: boolean;
}

/** `pinned · 97.2% ▼ 1.4 pts · 1,204 runs`: the trend right after the rate, where a narrow view still shows it. */
export function describeRow(row: WorkflowRow, locale?: string, extras: RowExtras = {}): string {
  const base = describeFigures(row, locale, extras.trend && extras.trend.value !== 0 ? extras.trend.text : undefined);
  return extras.pinned ? `${vscode.l10n.t('pinned')} · ${base}` : base;
}

function describeFigures(row: WorkflowRow, locale?: string, trend?: string): string {
  if (row.coverage === 'no-runs') return vscode.l10n.t('no runs in range');
  if (row.coverage === 'not-in-batch') return vscode.l10n.t('not in this batch — expand to load');
  const rate = trend ? `${formatRate(row.successRate, locale)} ${trend}` : formatRate(row.successRate, locale);
  if (row.executions === undefined) return rate;
  const count = formatCount(row.executions, locale);
  return row.executions === 1 ? vscode.l10n.t('{0} · {1} run', rate, count) : vscode.l10n.t('{0} · {1} runs', rate, count);
}

function healthWords(health: Health): string {
  switch (health) {
    case 'pass': return vscode.l10n.t('healthy');
    case 'warning': return vscode.l10n.t('below the warning threshold');
    case 'error': return vscode.l10n.t('below the error threshold');
    default: return vscode.l10n.t('no rate known');
  }
}

export class WorkflowItem extends vscode.TreeItem {
  constructor(readonly row: WorkflowRow, locale?: string, extras: RowExtras = {}) {
    super(oneLine(row.name), vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `workflow:${row.name}`;
    this.description = describeRow(row, locale, extras);
    this.iconPath = row.coverage === 'no-runs' ? noRunsIcon : icons[row.health];
    this.contextValue = `workflow ${row.coverage} ${extras.pinned ? 'pinned' : 'unpinned'}`;
    this.tooltip = workflowTooltip(row, locale, extras);
    this.accessibilityInformation = { label: `${oneLine(row.name)}, ${this.description}, ${healthWords(row.health)}` };
    if (row.coverage === 'no-runs') this.collapsibleState = vscode.TreeItemCollapsibleState.None;
  }
}

export function workflowTooltip(row: WorkflowRow, locale?: string, extras: RowExtras = {}): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = false;
  md.appendMarkdown('**');
  md.appendText(row.name);
  md.appendMarkdown('**\n\n');
  if (row.coverage === 'no-runs') {
    md.appendText(vscode.l10n.t('No runs in the selected range.'));
    return md;
  }
  if (row.coverage === 'not-in-batch') {
    md.appendText(vscode.l10n.t("Granite's batch lists per-workflow figures only for its top workflows, so this one has none yet. Expand or select it to load its figures with one request."));
    return md;
  }
  const line = (label: string, value: string) => {
    md.appendMarkdown(`${label}: `);
    md.appendText(value);
    md.appendMarkdown('  \n');
  };
  const count = (n: number | undefined) => (n === undefined ? noValue : formatCount(n, locale));
  line(vscode.l10n.t('Executions'), count(row.executions));
  line(vscode.l10n.t('Completed'), count(row.completed));
  line(vscode.l10n.t('Failures'), count(row.failures));
  line(vscode.l10n.t('Success rate'), formatRate(row.successRate, locale));
  if (extras.trend) line(vscode.l10n.t('Previous period'), vscode.l10n.t('{0} (change {1})', formatRate(extras.trend.previous, locale), extras.trend.text));
  if (row.rateNote) line(vscode.l10n.t('Note'), row.rateNote);
  line(vscode.l10n.t('Average duration'), formatDuration(row.avgDurationMs, locale));
  line(vscode.l10n.t('Last execution'), row.lastExecution ? formatTimestamp(row.lastExecution, locale) : noValue);
  if (row.complexity) {
    const c = row.complexity;
    line(vscode.l10n.t('Complexity'), vscode.l10n.t('{0} ({1} steps, {2} parameters, {3} iterations)', c.score, count(c.steps), count(c.parameters), count(c.iterations)));
  }
  if (row.actions) {
    const a = row.actions;
    line(vscode.l10n.t('Actions'), vscode.l10n.t('{0} clicks, {1} keystrokes, {2} scrolls, {3} screenshots', count(a.clicks), count(a.keystrokes), count(a.scrolls), count(a.screenshots)));
  }
  return md;
}
