/**
 * `$(pulse) 97.2%` for the current filters: warning or error background by the thresholds, a spinner
 * while refreshing, a warning icon when the last refresh failed (the stale rate stays), and a tooltip
 * with the figures, the range, the age, the key's source and the error (built in src/core/surfaceText.ts).
 */
import * as vscode from 'vscode';
import type { GraniteConfig } from '../config/configuration';
import { kpiDeltas } from '../comparison/compare';
import { countsOf, formatAge, formatRate, noValue, percentOf, type Rate } from '../core/format';
import { rangeLabel, rateIsTrivial } from '../filters/filters';
import { pinnedRate, type PinnedRate } from '../pins/pins';
import { isKept, problemsMessage } from '../core/problems';
import { healthOf, type WorkflowRow } from '../workflows/workflowHealth';
import { toMarkdownString } from '../markdown.vscode';
import type { PinnedWorkflows } from '../pins/pins.vscode';
import type { PreviousPeriod } from '../comparison/previousPeriod';
import type { AnalyticsStore } from '../store/store';
import { Disposable } from '../core/disposable';
import type { Services } from '../services.vscode';
import type { WorkflowsTree } from '../workflows/workflowsTree.vscode';
import { statusTooltip } from './statusBarText';

export interface StatusBarExtras {
  previous: PreviousPeriod;
  pins: PinnedWorkflows;
  /** The tree's rows (batch joined with on-demand figures), for the pinned workflows' rate. */
  rows: () => readonly WorkflowRow[];
}

export class StatusBar extends Disposable {
  readonly item: vscode.StatusBarItem;

  constructor(
    private readonly store: AnalyticsStore,
    private readonly config: () => GraniteConfig,
    private readonly now: () => number,
    private readonly locale: string | undefined,
    private readonly extras: StatusBarExtras,
  ) {
    super();
    this.item = this.register(
      vscode.window.createStatusBarItem('granite.successRate', vscode.StatusBarAlignment.Left, 50),
    );
    this.item.name = vscode.l10n.t('Granite Success Rate');
    this.item.command = 'granite.showAnalytics';
    this.register(store.onDidChange(() => this.render()));
    this.register(extras.previous.onDidChange(() => this.render()));
    this.register(extras.pins.onDidChange(() => this.render()));
    this.render();
  }

  render(): void {
    const config = this.config();
    if (!config.statusBarEnabled) {
      this.item.hide();
      return;
    }
    const state = this.store.state;
    const summary = state.batch?.sections.summary;
    const pinned = this.pinnedScope();
    // The counts themselves (a summary always has them), so the text is decided from the integers.
    const rate = pinned
      ? countsOf(pinned.completed, pinned.executions)
      : summary && countsOf(summary.completed, summary.total_executions);
    const filtered = !!state.filters.workflow || rateIsTrivial(state.filters);
    // A failed refresh, or a success rate kept from an earlier refresh (its section drifted): flagged.
    const icon = state.loading
      ? '$(sync~spin)'
      : state.error || isKept(state.batch?.problems ?? [], 'summary')
        ? '$(warning)'
        : '$(pulse)';
    let text: string;
    if (state.key?.present === false) text = `$(key) ${vscode.l10n.t('Granite: set API key')}`;
    else if (!state.batch) text = state.error ? '$(warning) Granite' : `${icon} Granite`;
    else text = `${icon} ${pinned ? '$(pinned) ' : ''}${formatRate(rate, this.locale)}${filtered ? ' $(filter)' : ''}`;
    this.item.text = text;
    const health = healthOf(percentOf(rate), { warning: config.warningThreshold, error: config.errorThreshold });
    this.item.backgroundColor =
      !filtered && health === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : !filtered && health === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.item.tooltip = this.tooltip(rate, filtered, pinned);
    const rateText = formatRate(rate, this.locale);
    this.item.accessibilityInformation = {
      label: state.error
        ? vscode.l10n.t('Granite success rate {0}, last refresh failed', rateText)
        : vscode.l10n.t('Granite success rate {0}', rateText),
    };
    this.item.show();
  }

  /** With `granite.statusBar.scope` = `pinned` and pins set: their combined rate. */
  private pinnedScope(): PinnedRate | undefined {
    if (this.config().statusBarScope !== 'pinned') return undefined;
    const names = this.extras.pins.list();
    return names.length ? pinnedRate(this.extras.rows(), names) : undefined;
  }

  private tooltip(rate: Rate | undefined, filtered: boolean, pinned: PinnedRate | undefined): vscode.MarkdownString {
    const state = this.store.state;
    const summary = state.batch?.sections.summary;
    const previous = this.extras.previous.current();
    const deltas = previous && state.batch ? kpiDeltas(state.batch.sections, previous.batch.sections, this.locale) : {};
    return toMarkdownString(
      statusTooltip({
        summary,
        organization: state.organization,
        rate,
        filtered,
        range: rangeLabel(state.filters.range),
        fetchedAt: state.fetchedAt,
        fromCache: state.fromCache,
        now: this.now(),
        key: state.key,
        origin: state.origin,
        analyticsDisabled: state.analyticsDisabled,
        error: state.error?.userMessage,
        locale: this.locale,
        problems: problemsMessage(state.batch?.problems ?? [], this.now()),
        pinned,
        overallRate: summary && countsOf(summary.completed, summary.total_executions),
        comparison:
          previous && deltas.rate
            ? vscode.l10n.t(
                '{0}, failures {1} (compared {2})',
                deltas.rate.text,
                deltas.failures?.text ?? noValue,
                formatAge(previous.fetchedAt, this.now()),
              )
            : undefined,
        environment: this.config().environment?.name,
      }),
    );
  }
}

/** The status bar item, rendered again when the settings change. */
export function registerStatusBar(
  context: vscode.ExtensionContext,
  services: Services,
  views: { pins: PinnedWorkflows; tree: WorkflowsTree },
): StatusBar {
  const { store } = services;
  const { pins, tree } = views;
  const statusBar = new StatusBar(store, services.config, services.now, services.locale, {
    previous: services.previous,
    pins,
    rows: () => tree.currentRows,
  });
  context.subscriptions.push(
    statusBar,
    services.settings.onDidChange(() => statusBar.render()),
    // The pinned scope: a pinned workflow the batch does not cover costs one request per refresh at most.
    store.onDidLoad(() => {
      if (services.config().statusBarScope !== 'pinned') return;
      const missing = pinnedRate(tree.currentRows, pins.list()).missing;
      const next = tree.currentRows.find((row) => missing.includes(row.name) && row.coverage === 'not-in-batch');
      if (next) void store.fetchWorkflow(next.name);
    }),
  );
  return statusBar;
}
