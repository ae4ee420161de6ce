/**
 * `$(pulse) 97.2%` for the current filters: warning or error background by the thresholds, a spinner
 * while refreshing, a warning icon when the last refresh failed (the stale rate stays), and a tooltip
 * with the figures, the range, the age, the key's source and the error.
 */
import * as vscode from 'vscode';
import type { GraniteConfig } from './configuration';
import { kpiDeltas } from './core/compare';
import { formatAge, formatCount, formatDuration, formatRate, noValue } from './core/format';
import { rangeLabel, rateIsTrivial } from './core/filters';
import { pinnedRate, type PinnedRate } from './core/pins';
import { isKept, problemsMessage } from './core/problems';
import { healthOf, truthfulRate, type WorkflowRow } from './core/workflowHealth';
import type { PinnedWorkflows } from './pinnedWorkflows';
import type { PreviousPeriod } from './previousPeriod';
import type { AnalyticsStore } from './store';

export interface StatusBarExtras {
  previous: PreviousPeriod;
  pins: PinnedWorkflows;
  /** The tree's rows (batch joined with on-demand figures), for the pinned workflows' rate. */
  rows: () => readonly WorkflowRow[];
}

export class StatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly store: AnalyticsStore,
    private readonly config: () => GraniteConfig,
    private readonly now: () => number,
    private readonly locale: string | undefined,
    private readonly extras: StatusBarExtras,
  ) {
    this.item = vscode.window.createStatusBarItem('granite.successRate', vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('Granite Success Rate');
    this.item.command = 'granite.showAnalytics';
    this.disposables.push(this.item, store.onDidChange(() => this.render()), extras.previous.onDidChange(() => this.render()), extras.pins.onDidChange(() => this.render()));
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
    const { rate } = pinned ? pinned : summary ? truthfulRate(summary.success_rate, summary.completed, summary.total_executions) : { rate: undefined };
    const filtered = !!state.filters.workflow || rateIsTrivial(state.filters);
    // A failed refresh, or a success rate kept from an earlier refresh (its section drifted): flagged.
    const icon = state.loading ? '$(sync~spin)' : state.error || isKept(state.batch?.problems ?? [], 'summary') ? '$(warning)' : '$(pulse)';
    let text: string;
    if (state.key?.present === false) text = `$(key) ${vscode.l10n.t('Granite: set API key')}`;
    else if (!state.batch) text = state.error ? '$(warning) Granite' : `${icon} Granite`;
    else text = `${icon} ${pinned ? '$(pinned) ' : ''}${formatRate(rate, this.locale)}${filtered ? ' $(filter)' : ''}`;
    this.item.text = text;
    const health = healthOf(rate, { warning: config.warningThreshold, error: config.errorThreshold });
    this.item.backgroundColor = !filtered && health === 'error'
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : !filtered && health === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.tooltip = this.tooltip(rate, filtered, pinned);
    const rateText = formatRate(rate, this.locale);
    this.item.accessibilityInformation = { label: state.error ? vscode.l10n.t('Granite success rate {0}, last refresh failed', rateText) : vscode.l10n.t('Granite success rate {0}', rateText) };
    this.item.show();
  }

  /** With `granite.statusBar.scope` = `pinned` and pins set: their combined rate. */
  private pinnedScope(): PinnedRate | undefined {
    if (this.config().statusBarScope !== 'pinned') return undefined;
    const names = this.extras.pins.list();
    return names.length ? pinnedRate(this.extras.rows(), names) : undefined;
  }

  private tooltip(rate: number | undefined, filtered: boolean, pinned: PinnedRate | undefined): vscode.MarkdownString {
    const state = this.store.state;
    const summary = state.batch?.sections.summary;
    const md = new vscode.MarkdownString('', true);
    md.isTrusted = false;
    md.appendMarkdown('**Granite Analytics**');
    if (state.organization) {
      md.appendMarkdown(' — ');
      md.appendText(state.organization);
    }
    md.appendMarkdown('\n\n');
    const line = (label: string, value: string) => {
      md.appendMarkdown(`${label}: `);
      md.appendText(value);
      md.appendMarkdown('  \n');
    };
    if (summary) {
      const count = (n: number) => formatCount(n, this.locale);
      const rateText = formatRate(rate, this.locale);
      if (pinned) {
        line(vscode.l10n.t('Pinned workflows'), vscode.l10n.t('{0} ({1} of {2} runs)', rateText, count(pinned.completed), count(pinned.executions)));
        if (pinned.missing.length) line(vscode.l10n.t('Not yet included'), pinned.missing.join(', '));
      }
      const overall = truthfulRate(summary.success_rate, summary.completed, summary.total_executions).rate;
      const overallText = formatRate(overall, this.locale);
      line(pinned ? vscode.l10n.t('All workflows') : vscode.l10n.t('Success rate'), filtered ? vscode.l10n.t('{0} (filtered: a status or workflow filter is set)', overallText) : overallText);
      const previous = this.extras.previous.current();
      const deltas = previous && state.batch ? kpiDeltas(state.batch.sections, previous.batch.sections, this.locale) : {};
      if (previous && deltas.rate) {
        line(vscode.l10n.t('Change vs previous period'), vscode.l10n.t('{0}, failures {1} (compared {2})', deltas.rate.text, deltas.failures?.text ?? noValue, formatAge(previous.fetchedAt, this.now())));
      }
      const note = truthfulRate(summary.success_rate, summary.completed, summary.total_executions).note;
      if (note) line(vscode.l10n.t('Note'), note);
      line(vscode.l10n.t('Total executions'), count(summary.total_executions));
      line(vscode.l10n.t('Completed'), count(summary.completed));
      line(vscode.l10n.t('Failures'), count(summary.total_failures));
      line(vscode.l10n.t('Active today (24 h)'), count(summary.active_today));
      line(vscode.l10n.t('Average duration'), summary.total_executions > 0 ? formatDuration(summary.avg_duration_ms, this.locale) : noValue);
    }
    line(vscode.l10n.t('Range'), rangeLabel(state.filters.range));
    if (state.fetchedAt) {
      const age = formatAge(state.fetchedAt, this.now());
      line(vscode.l10n.t('Last updated'), state.fromCache ? vscode.l10n.t('{0} (cached)', age) : age);
    }
    const environment = this.config().environment;
    if (environment) line(vscode.l10n.t('Environment'), environment.name);
    if (state.key?.present) line(vscode.l10n.t('API key'), state.key.source === 'environment' ? vscode.l10n.t('from the GRANITE_API_KEY environment variable') : vscode.l10n.t('stored in VS Code secret storage'));
    if (state.origin) line(vscode.l10n.t('API'), state.origin);
    if (state.analyticsDisabled) {
      md.appendMarkdown('\n');
      md.appendText(state.analyticsDisabled);
      md.appendMarkdown('\n');
    }
    if (state.error) {
      md.appendMarkdown('\n$(warning) ');
      md.appendText(state.error.userMessage);
      md.appendMarkdown('\n');
    }
    const problems = problemsMessage(state.batch?.problems ?? [], this.now());
    if (problems) {
      md.appendMarkdown('\n$(warning) ');
      md.appendText(problems);
      md.appendMarkdown('\n');
    }
    if (state.key?.present === false) md.appendText(vscode.l10n.t('No API key for this Granite API. Run "Granite: Set API Key".'));
    return md;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
