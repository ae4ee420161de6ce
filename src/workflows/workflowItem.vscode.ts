/**
 * One workflow in the tree: name, `97.2% · 1,204 runs`, a health icon, and a tooltip built in
 * src/core/surfaceText.ts, whose API strings are escaped Markdown text (never trusted Markdown).
 */
import * as vscode from 'vscode';
import { formatCount, formatRate } from '../core/format';
import { oneLine } from '../core/escaping';
import { toMarkdownString } from '../markdown.vscode';
import { workflowLabel, workflowTooltip, type RowExtras } from './workflowText';
import { rowRate, type Health, type WorkflowRow } from './workflowHealth';

const icons: Record<Health, vscode.ThemeIcon> = {
  pass: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  unknown: new vscode.ThemeIcon('circle-outline'),
};
const noRunsIcon = new vscode.ThemeIcon('circle-slash');

/** `pinned · 97.2% ▼ 1.4 pts · 1,204 runs`: the trend right after the rate, where a narrow view still shows it. */
export function describeRow(row: WorkflowRow, locale?: string, extras: RowExtras = {}): string {
  const base = describeFigures(row, locale, extras.trend && extras.trend.value !== 0 ? extras.trend.text : undefined);
  return extras.pinned ? `${vscode.l10n.t('pinned')} · ${base}` : base;
}

function describeFigures(row: WorkflowRow, locale?: string, trend?: string): string {
  if (row.coverage === 'no-runs') return vscode.l10n.t('no runs in range');
  if (row.coverage === 'not-in-batch') return vscode.l10n.t('not in this batch — expand to load');
  const rate = trend ? `${formatRate(rowRate(row), locale)} ${trend}` : formatRate(rowRate(row), locale);
  if (row.executions === undefined) return rate;
  const count = formatCount(row.executions, locale);
  return row.executions === 1
    ? vscode.l10n.t('{0} · {1} run', rate, count)
    : vscode.l10n.t('{0} · {1} runs', rate, count);
}

function healthWords(health: Health): string {
  switch (health) {
    case 'pass':
      return vscode.l10n.t('healthy');
    case 'warning':
      return vscode.l10n.t('below the warning threshold');
    case 'error':
      return vscode.l10n.t('below the error threshold');
    default:
      return vscode.l10n.t('no rate known');
  }
}

export class WorkflowItem extends vscode.TreeItem {
  constructor(
    readonly row: WorkflowRow,
    locale?: string,
    extras: RowExtras = {},
  ) {
    super(workflowLabel(row), vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `workflow:${row.name}`;
    this.description = describeRow(row, locale, extras);
    this.iconPath = row.coverage === 'no-runs' ? noRunsIcon : icons[row.health];
    this.contextValue = `workflow ${row.coverage} ${extras.pinned ? 'pinned' : 'unpinned'}`;
    this.tooltip = toMarkdownString(workflowTooltip(row, locale, extras));
    this.accessibilityInformation = { label: `${oneLine(row.name)}, ${this.description}, ${healthWords(row.health)}` };
    if (row.coverage === 'no-runs') this.collapsibleState = vscode.TreeItemCollapsibleState.None;
  }
}
