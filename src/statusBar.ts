/**
 * `$(pulse) 97.2%` for the current filters: warning or error background by the thresholds, a spinner
 * while refreshing, a warning icon when the last refresh failed (the stale rate stays), and a tooltip
 * with the figures, the range, the age, the key's source and the error (built in src/core/surfaceText.ts).
 */
import * as vscode from 'vscode';
import type { GraniteConfig } from './configuration';
import { formatRate } from './core/format';
import { rangeLabel, rateIsTrivial } from './core/filters';
import { statusTooltip } from './core/surfaceText';
import { healthOf, truthfulRate } from './core/workflowHealth';
import { toMarkdownString } from './markdown';
import type { AnalyticsStore } from './store';

export class StatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly store: AnalyticsStore, private readonly config: () => GraniteConfig, private readonly now: () => number, private readonly locale?: string) {
    this.item = vscode.window.createStatusBarItem('granite.successRate', vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('Granite Success Rate');
    this.item.command = 'granite.showAnalytics';
    this.disposables.push(this.item, store.onDidChange(() => this.render()));
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
    const { rate } = summary ? truthfulRate(summary.success_rate, summary.completed, summary.total_executions) : { rate: undefined };
    const filtered = !!state.filters.workflow || rateIsTrivial(state.filters);
    const icon = state.loading ? '$(sync~spin)' : state.error ? '$(warning)' : '$(pulse)';
    let text: string;
    if (state.key?.present === false) text = `$(key) ${vscode.l10n.t('Granite: set API key')}`;
    else if (!state.batch) text = state.error ? '$(warning) Granite' : `${icon} Granite`;
    else text = `${icon} ${formatRate(rate, this.locale)}${filtered ? ' $(filter)' : ''}`;
    this.item.text = text;
    const health = healthOf(rate, { warning: config.warningThreshold, error: config.errorThreshold });
    this.item.backgroundColor = !filtered && health === 'error'
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : !filtered && health === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.tooltip = this.tooltip(rate, filtered);
    const rateText = formatRate(rate, this.locale);
    this.item.accessibilityInformation = { label: state.error ? vscode.l10n.t('Granite success rate {0}, last refresh failed', rateText) : vscode.l10n.t('Granite success rate {0}', rateText) };
    this.item.show();
  }

  private tooltip(rate: number | undefined, filtered: boolean): vscode.MarkdownString {
    const state = this.store.state;
    return toMarkdownString(statusTooltip({
      summary: state.batch?.sections.summary, organization: state.organization, rate, filtered, range: rangeLabel(state.filters.range),
      fetchedAt: state.fetchedAt, fromCache: state.fromCache, now: this.now(), key: state.key, origin: state.origin,
      analyticsDisabled: state.analyticsDisabled, error: state.error?.userMessage, locale: this.locale,
    }));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
