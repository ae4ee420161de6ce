/**
 * Set Date Range, Set Filters (granularity, workflow, trigger, status) and Clear Filters. Filters live in
 * workspaceState through the store; they never rewrite the settings, which are only the defaults.
 */
import * as vscode from 'vscode';
import { executionStatuses, triggerTypes } from '../core/api/vocabulary';
import { triggerLabel } from '../core/format';
import { inertIcons } from '../core/escaping';
import { workflowPickLabel } from '../workflows/workflowText';
import type { Services } from '../services.vscode';
import {
  checkCustomRange,
  defaultFilters,
  granularityChoices,
  isRangePreset,
  rangeLabel,
  rangePresets,
  type FilterState,
} from './filters';

export function registerFilters(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('granite.setDateRange', () => setDateRange(services)),
    vscode.commands.registerCommand('granite.setFilters', () => setFilters(services)),
    vscode.commands.registerCommand('granite.clearFilters', () => clearFilters(services)),
  );
}

interface Pick<T> extends vscode.QuickPickItem {
  value: T;
}

async function setDateRange(ctx: Services): Promise<void> {
  const current = ctx.store.state.filters;
  const items: Pick<string>[] = [
    ...rangePresets.map((preset) => ({
      label: rangeLabel({ kind: 'preset', preset }),
      value: preset,
      picked: current.range.kind === 'preset' && current.range.preset === preset,
    })),
    { label: vscode.l10n.t('Custom range…'), description: vscode.l10n.t('start and end dates (UTC)'), value: 'custom' },
  ];
  const choice = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Granite: Set Date Range'),
    placeHolder: vscode.l10n.t('Now: {0}', rangeLabel(current.range)),
  });
  if (!choice) return;
  if (isRangePreset(choice.value)) {
    await ctx.store.setFilters({ ...current, range: { kind: 'preset', preset: choice.value } });
    return;
  }
  const today = new Date(ctx.now()).toISOString().slice(0, 10);
  const dateInput = (title: string, value: string) =>
    vscode.window.showInputBox({
      title,
      value,
      placeHolder: 'YYYY-MM-DD',
      validateInput: (v) => (checkCustomRange(v, v) ? vscode.l10n.t('Enter a date as YYYY-MM-DD.') : undefined),
    });
  const start = await dateInput(
    vscode.l10n.t('Start date (UTC)'),
    current.range.kind === 'custom' ? current.range.start : today,
  );
  if (!start) return;
  const end = await dateInput(
    vscode.l10n.t('End date (UTC, inclusive)'),
    current.range.kind === 'custom' ? current.range.end : today,
  );
  if (!end) return;
  const problem = checkCustomRange(start, end);
  if (problem) {
    void vscode.window.showErrorMessage(problem);
    return;
  }
  await ctx.store.setFilters({ ...current, range: { kind: 'custom', start, end } });
}

async function setFilters(ctx: Services): Promise<void> {
  const current = ctx.store.state.filters;
  const which = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('Granularity'), description: current.granularity, value: 'granularity' },
      {
        label: vscode.l10n.t('Workflow'),
        description: current.workflow ? inertIcons(current.workflow) : vscode.l10n.t('all'),
        value: 'workflow',
      },
      {
        label: vscode.l10n.t('Trigger'),
        description: current.trigger ? triggerLabel(current.trigger) : vscode.l10n.t('all'),
        value: 'trigger',
      },
      { label: vscode.l10n.t('Status'), description: current.status ?? vscode.l10n.t('all'), value: 'status' },
    ] satisfies Pick<string>[],
    { title: vscode.l10n.t('Granite: Set Filters'), placeHolder: vscode.l10n.t('Which filter?') },
  );
  if (!which) return;
  const next = await pickFilterValue(ctx, which.value, current);
  if (next) await ctx.store.setFilters(next);
}

async function pickFilterValue(ctx: Services, which: string, current: FilterState): Promise<FilterState | undefined> {
  const all = vscode.l10n.t('(all)');
  if (which === 'granularity') {
    const pick = await vscode.window.showQuickPick(
      granularityChoices.map((g) => ({ label: g, value: g, picked: g === current.granularity })),
      { title: vscode.l10n.t('Granularity') },
    );
    return pick ? { ...current, granularity: pick.value } : undefined;
  }
  if (which === 'workflow') {
    const names = ctx.store.state.batch?.sections.workflows ?? [];
    const pick = await vscode.window.showQuickPick(
      [{ label: all, value: '' }, ...names.map((name) => ({ label: workflowPickLabel(name), value: name }))],
      { title: vscode.l10n.t('Workflow'), matchOnDescription: true },
    );
    if (!pick) return undefined;
    const next = { ...current };
    if (pick.value) next.workflow = pick.value;
    else delete next.workflow;
    return next;
  }
  if (which === 'trigger') {
    const pick = await vscode.window.showQuickPick(
      [{ label: all, value: '' }, ...triggerTypes.map((t) => ({ label: triggerLabel(t), description: t, value: t }))],
      { title: vscode.l10n.t('Trigger') },
    );
    if (!pick) return undefined;
    const next = { ...current };
    if (pick.value) next.trigger = pick.value as FilterState['trigger'];
    else delete next.trigger;
    return next;
  }
  const pick = await vscode.window.showQuickPick(
    [{ label: all, value: '' }, ...executionStatuses.map((s) => ({ label: s, value: s }))],
    { title: vscode.l10n.t('Status') },
  );
  if (!pick) return undefined;
  const next = { ...current };
  if (pick.value) next.status = pick.value as FilterState['status'];
  else delete next.status;
  return next;
}

async function clearFilters(ctx: Services): Promise<void> {
  const config = ctx.config();
  await ctx.store.setFilters(defaultFilters(config.defaultDateRange, config.granularity));
}
