/**
 * The Workflows tree. It reads the store only; the single request it may cause is the on-demand fetch of
 * one workflow's figures when the user expands or selects it (never one request per item).
 */
import * as vscode from 'vscode';
import type { GraniteConfig } from '../config/configuration';
import { formatAge, type Rate } from '../core/format';
import { rateTrend } from '../comparison/compare';
import { hasNarrowingFilters, rangeLabel } from '../filters/filters';
import { isolateBidi } from '../core/escaping';
import { pinnedFirst } from '../pins/pins';
import { problemsMessage } from '../core/problems';
import type { PinnedWorkflows } from '../pins/pins.vscode';
import type { PreviousPeriod } from '../comparison/previousPeriod';
import type { AnalyticsStore } from '../store/store';
import type { RunDataSource } from '../runs/runData';
import { Disposable } from '../core/disposable';
import { WorkflowItem } from './workflowItem.vscode';
import { FailureItem, InfoItem } from './failureItem.vscode';
import { buildWorkflowRows, rowRate, type WorkflowRow } from './workflowHealth';

type Node = WorkflowItem | FailureItem | InfoItem;

/** What the welcome views show while the tree is empty (context key `granite.view`). */
export type ViewState = 'loading' | 'noKey' | 'error' | 'empty' | 'disabled' | 'data';

export class WorkflowsTree extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changed = this.register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<Node>;
  private rows: WorkflowRow[] = [];
  private previousRates = new Map<string, Rate>();
  private pinned: ReadonlySet<string> = new Set();
  private viewState?: ViewState;

  constructor(
    private readonly store: AnalyticsStore,
    private readonly config: () => GraniteConfig,
    private readonly now: () => number,
    private readonly locale: string | undefined,
    private readonly extras: { previous: PreviousPeriod; pins: PinnedWorkflows; runData?: RunDataSource },
  ) {
    super();
    this.view = this.register(
      vscode.window.createTreeView('granite.workflows', { treeDataProvider: this, showCollapseAll: true }),
    );
    for (const subscription of [
      store.onDidChange(() => this.render()),
      extras.previous.onDidChange(() => this.render()),
      extras.pins.onDidChange(() => this.render()),
      // A run opened: its automation's history words join its failures' tooltips (from the cache only).
      ...(extras.runData ? [extras.runData.onDidLoad(() => this.render())] : []),
      this.view.onDidExpandElement((e) => this.loadOnDemand(e.element)),
      this.view.onDidChangeSelection((e) => {
        const first = e.selection[0];
        if (first instanceof WorkflowItem && first.row.coverage === 'not-in-batch') this.loadOnDemand(first);
      }),
    ])
      this.register(subscription);
    this.render();
  }

  /** Which welcome view applies (`data` when rows are shown). */
  get currentViewState(): ViewState | undefined {
    return this.viewState;
  }

  /** The rows as shown, for tests and the status bar of pinned workflows. */
  get currentRows(): readonly WorkflowRow[] {
    return this.rows;
  }

  private loadOnDemand(element: Node): void {
    if (!(element instanceof WorkflowItem)) return;
    const row = element.row;
    const listed = row.recentFailures.length;
    const needsFetch = row.coverage === 'not-in-batch' || (row.failures !== undefined && row.failures > listed);
    if (needsFetch && !this.store.onDemandBatch(row.name)) void this.store.fetchWorkflow(row.name);
  }

  /** Settings that change how rows look (thresholds, sort) changed. */
  refreshView(): void {
    this.render();
  }

  private render(): void {
    const state = this.store.state;
    const config = this.config();
    const options = {
      thresholds: { warning: config.warningThreshold, error: config.errorThreshold },
      sort: config.workflowSort,
      workflowFilter: state.filters.workflow,
      locale: this.locale,
    };
    this.pinned = this.extras.pins.set();
    this.rows = state.batch
      ? pinnedFirst(
          buildWorkflowRows(state.batch.sections, { ...options, onDemand: this.store.onDemandRows }),
          this.pinned,
        )
      : [];
    const previous = this.extras.previous.current();
    this.previousRates = new Map();
    for (const row of previous ? buildWorkflowRows(previous.batch.sections, options) : []) {
      const rate = rowRate(row);
      if (rate !== undefined) this.previousRates.set(row.name, rate);
    }
    this.setViewState(this.computeViewState());
    this.view.message = this.message();
    this.view.title = config.environment
      ? vscode.l10n.t('Workflows — {0}', config.environment.name)
      : vscode.l10n.t('Workflows');
    this.view.description = state.organization ?? undefined;
    this.changed.fire(undefined);
  }

  private computeViewState(): ViewState {
    const state = this.store.state;
    if (state.analyticsDisabled && this.rows.length === 0) return 'disabled';
    if (this.rows.length) return 'data';
    if (state.key?.present === false) return 'noKey';
    if (state.error && !state.batch) return state.error.kind === 'Unauthorized' ? 'noKey' : 'error';
    if (state.batch) return 'empty';
    return 'loading';
  }

  private setViewState(viewState: ViewState): void {
    if (viewState === this.viewState) return;
    this.viewState = viewState;
    void vscode.commands.executeCommand('setContext', 'granite.view', viewState);
  }

  /** Once data is on screen, errors and staleness go here (and to the status bar); the data stays. */
  private message(): string | undefined {
    const state = this.store.state;
    const parts: string[] = [];
    if (state.analyticsDisabled) parts.push(state.analyticsDisabled);
    if (state.batch && state.error) {
      parts.push(
        state.fetchedAt
          ? vscode.l10n.t(
              '⚠ {0} Showing data from {1}.',
              state.error.userMessage,
              formatAge(state.fetchedAt, this.now()),
            )
          : `⚠ ${state.error.userMessage}`,
      );
    } else if (state.error && state.error.kind !== 'Unauthorized') {
      // No data yet: the welcome view offers Retry; this line says what actually went wrong.
      parts.push(`⚠ ${state.error.userMessage}`);
    } else if (state.batch && state.fromCache && state.fetchedAt) {
      parts.push(vscode.l10n.t('Cached data from {0}.', formatAge(state.fetchedAt, this.now())));
    }
    if (!state.batch && !state.loading && state.key?.present && this.config().refreshIntervalSeconds <= 0)
      parts.push(vscode.l10n.t('Polling is off (granite.refreshIntervalSeconds is 0): use Refresh.'));
    const problems = problemsMessage(state.batch?.problems ?? [], this.now());
    if (problems) parts.push(problems);
    if (hasNarrowingFilters(state.filters) || state.filters.range.kind === 'custom') {
      const filters = [
        rangeLabel(state.filters.range),
        state.filters.workflow && isolateBidi(state.filters.workflow),
        state.filters.trigger,
        state.filters.status,
      ].filter(Boolean);
      parts.push(vscode.l10n.t('Filtered: {0}', filters.join(' · ')));
    }
    return parts.length ? parts.join(' ') : undefined;
  }

  getTreeItem(element: Node): vscode.TreeItem {
    return element;
  }

  /** Lets `reveal` find a failure's workflow (root items have no parent). */
  getParent(element: Node): Node | undefined {
    if (!(element instanceof FailureItem)) return undefined;
    const row = this.rows.find((r) => r.name === element.failure.workflow_name);
    return row ? this.item(row) : undefined;
  }

  private item(row: WorkflowRow): WorkflowItem {
    const previous = this.previousRates.get(row.name);
    const trend = rateTrend(rowRate(row), previous, this.locale);
    return new WorkflowItem(row, this.locale, {
      trend: trend && { ...trend, previous: previous! },
      pinned: this.pinned.has(row.name),
    });
  }

  getChildren(element?: Node): Node[] {
    if (!element) return this.rows.map((row) => this.item(row));
    if (!(element instanceof WorkflowItem)) return [];
    const row = element.row;
    const demand = this.store.onDemandBatch(row.name);
    const failures =
      demand?.sections.recent_failures?.data.filter((f) => f.workflow_name === row.name) ?? row.recentFailures;
    if (failures.length)
      return failures.map((f) => new FailureItem(f, this.now(), this.locale, this.extras.runData?.wordsFor(f.run_id)));
    const needsFetch = row.coverage === 'not-in-batch' || (row.failures !== undefined && row.failures > 0);
    const failed = this.store.figures.error(row.name);
    if (needsFetch && !demand && failed) return [new InfoItem(vscode.l10n.t('Could not load: {0}', failed), 'warning')];
    if (needsFetch && !demand && this.store.figures.loading(row.name))
      return [new InfoItem(vscode.l10n.t('Loading this workflow’s recent failures…'), 'loading~spin')];
    if (needsFetch && !demand)
      return [new InfoItem(vscode.l10n.t('Expand again to load this workflow’s recent failures'), 'info')];
    return [
      new InfoItem(
        row.failures === 0 ? vscode.l10n.t('No failures in range') : vscode.l10n.t('No recent failures listed'),
        'check',
      ),
    ];
  }
}
