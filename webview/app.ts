/**
 * The dashboard: builds the layout once, then renders each state the host sends. KPI cards, tables and
 * the charts in the viewport are drawn synchronously (they count towards "data → drawn"); the other
 * charts when scrolled near or when the page is idle. Charts update in place on later states.
 */
import type { BatchedAnalyticsResponse, SectionName } from '../src/core/api/schemas';
import type { DashboardState } from '../src/dashboard/protocol';
import { safeLocale } from '../src/dashboard/timeBuckets';
import { rateIsTrivial } from '../src/filters/filters';
import { Banners } from './banners';
import type { Card } from './card';
import { actionsModel } from './charts/actions';
import { ChartCard, type ChartModel } from './charts/chartCard';
import { complexityModel } from './charts/complexity';
import { Customize } from './customize';
import { DurationDistribution } from './charts/durations';
import { executionsModel } from './charts/executions';
import { QueueWaits } from './charts/queueWaits';
import { FailureBreakdown } from './charts/failures';
import { ChartScheduler } from './charts/drawScheduler';
import { applyChartDefaults } from './charts/setup';
import { successRateModel } from './charts/successRate';
import { triggersModel } from './charts/triggers';
import { el, replaceChildren } from './dom';
import { FiltersBar } from './filtersBar';
import type { Host } from './host';
import { Insights } from './insights';
import { Kpis } from './kpis';
import { t } from './l10n';
import { LayoutGrid } from './layoutGrid';
import type { CellContext } from './tables/cells';
import { EndpointUsage } from './tables/endpointUsage';
import { RecentFailures } from './tables/recentFailures';
import { TopAutomations } from './tables/topAutomations';
import { readTheme, watchTheme, type Theme } from './theme';

type Sections = Partial<BatchedAnalyticsResponse>;

/** A chart fed by one section. */
interface SimpleChart {
  card: ChartCard;
  section: SectionName;
  model: (sections: Sections, state: DashboardState, locale?: string) => ChartModel;
}

export class Dashboard {
  private theme: Theme = readTheme();
  /** When the charts are drawn (the test hooks wait on it to see every chart drawn). */
  readonly scheduler = new ChartScheduler(() => this.theme);
  private readonly filters: FiltersBar;
  private readonly banners: Banners;
  private readonly kpis = new Kpis();
  private readonly insights: Insights;
  private readonly content = el('div', { class: 'content' });
  private readonly charts: SimpleChart[];
  private readonly failures: FailureBreakdown;
  private readonly durations: DurationDistribution;
  private readonly queueWaits: QueueWaits;
  private readonly top: TopAutomations;
  private readonly recent: RecentFailures;
  private readonly endpoints: EndpointUsage;
  private renders = 0;
  private readonly grid: LayoutGrid;
  private readonly customize: Customize;
  /** The state last rendered, for widgets shown later (Customize); and whether it is being rendered. */
  private last?: { state: DashboardState; hasData: boolean };
  private rendering = false;

  readonly element = el('div', { class: 'dashboard' });

  constructor(
    private readonly root: HTMLElement,
    private readonly host: Host,
  ) {
    applyChartDefaults(this.theme);
    this.filters = new FiltersBar(host);
    this.banners = new Banners(host);
    const chart = (id: string, csvName: string, title: string, description: string, wide = false) =>
      new ChartCard(host, { id, csvName, title, description, wide });
    this.charts = [
      {
        card: chart(
          'executions',
          'executions-over-time',
          t('Executions over time'),
          t('Runs per bucket by outcome; bars add up to the total.'),
          true,
        ),
        section: 'executions_over_time',
        model: (s, _st, l) => executionsModel(s.executions_over_time!, l),
      },
      {
        card: chart(
          'success-rate',
          'success-rate',
          t('Success rate over time'),
          t('Completed runs out of all runs per bucket; gaps where nothing ran.'),
        ),
        section: 'success_rate',
        model: (s, st, l) => successRateModel(s.success_rate!, l, rateIsTrivial(st.filters)),
      },
      {
        card: chart(
          'triggers',
          'trigger-distribution',
          t('Trigger distribution'),
          t('Runs by what started them: manual, API (endpoint) or schedule.'),
        ),
        section: 'trigger_distribution',
        model: (s, _st, l) => triggersModel(s.trigger_distribution!, l),
      },
      {
        card: chart(
          'actions',
          'actions-per-workflow',
          t('Actions per workflow'),
          t('Clicks, keystrokes, scrolls and screenshots per workflow.'),
        ),
        section: 'actions_per_workflow',
        model: (s, _st, l) => actionsModel(s.actions_per_workflow!, l),
      },
      {
        card: chart(
          'complexity',
          'workflow-complexity',
          t('Workflow complexity'),
          t('Complexity score against success rate; bubble size is the number of steps.'),
        ),
        section: 'workflow_complexity',
        model: (s, _st, l) => complexityModel(s.workflow_complexity!, l, s.top_automations?.data),
      },
    ];
    this.failures = new FailureBreakdown(host);
    this.durations = new DurationDistribution(host);
    this.queueWaits = new QueueWaits(host);
    this.top = new TopAutomations(host);
    this.recent = new RecentFailures(host);
    this.endpoints = new EndpointUsage(host);
    this.insights = new Insights(host, (category) => this.recent.showCategory(category));
    const [executions, successRate, triggers, actions, complexity] = this.charts.map((c) => c.card) as [
      ChartCard,
      ChartCard,
      ChartCard,
      ChartCard,
      ChartCard,
    ];
    for (const card of [
      executions,
      successRate,
      this.failures.chart,
      triggers,
      this.durations.chart,
      this.queueWaits.chart,
      actions,
      complexity,
    ])
      this.scheduler.add(card);
    // Each widget type (src/layout's table; ids = types) with its card, drawn where the layout says.
    const cards: [string, Card | ChartCard][] = [
      ['summary', this.kpis.card],
      ['executions_over_time', executions],
      ['success_rate', successRate],
      ['failure_breakdown', this.failures.chart],
      ['trigger_distribution', triggers],
      ['duration_distribution', this.durations.chart],
      ['top_automations', this.top.card],
      ['recent_failures', this.recent.card],
      ['actions_per_workflow', actions],
      ['workflow_complexity', complexity],
      ['endpoint_usage', this.endpoints.card],
      ['queue_metrics', this.queueWaits.chart],
    ];
    this.grid = new LayoutGrid(new Map(cards.map(([type, c]) => [type, c.element])));
    this.customize = new Customize(host, this.grid, (types) => this.showWidgets(types));
    this.content.append(this.customize.bar, this.grid.element);
    const heading = el(
      'header',
      { class: 'page-header' },
      el('h1', {}, t('Granite Analytics')),
      el('span', { class: 'muted', id: 'org' }),
      this.customize.button,
    );
    this.element.append(heading, this.filters.element, this.banners.element, this.insights.element, this.content);
    watchTheme(() => this.refreshTheme());
  }

  /** Re-reads the theme (variables read too early are empty) and redraws the charts if it changed. */
  private refreshTheme(): void {
    const theme = readTheme();
    if (JSON.stringify(theme) === JSON.stringify(this.theme)) return;
    this.theme = theme;
    applyChartDefaults(theme);
    this.scheduler.themeChanged();
  }

  render(state: DashboardState): void {
    this.refreshTheme();
    const locale = safeLocale(state.locale);
    const s = state.sections;
    const waiting =
      state.loading &&
      Object.keys(state.sections).length === 0 &&
      !state.noKey &&
      state.analyticsDisabled === undefined &&
      !state.error;
    if (waiting && this.element.classList.contains('booting')) return; // keep the skeleton until there is something to show
    if (this.element.classList.contains('booting')) {
      this.element.classList.remove('booting');
      this.element.inert = false;
      this.root.querySelector('.skeletons')?.remove();
    }
    // Each name in a <bdi>: its own direction, isolated from the other and the separator.
    const names = [state.environment, state.organization].filter((s): s is string => !!s);
    replaceChildren(
      this.element.querySelector('#org')!,
      ...names.flatMap((name, i) => [i ? ' · ' : '', el('bdi', {}, name)]),
    );
    this.filters.update(state);
    const hasData = this.banners.update(state, locale);
    this.content.hidden = !hasData;
    this.last = { state, hasData };
    this.rendering = true;
    this.customize.update(state.layout, hasData); // before drawing: hidden widgets get no data
    this.rendering = false;
    this.root.setAttribute('aria-busy', String(state.loading && !hasData));
    this.insights.update(state);
    this.insights.element.hidden ||= !hasData;
    if (hasData) this.renderSections(state, s, locale);
    this.scheduler.drawVisible();
    this.renders += 1;
    performance.clearMarks('granite:drawn'); // keep only the latest, however many states arrive
    performance.mark('granite:drawn', { detail: { render: this.renders } });
  }

  /** Widgets shown after their state was rendered (Customize): filled with that state's data. */
  private showWidgets(types: string[]): void {
    if (this.rendering || !this.last?.hasData) return;
    const { state } = this.last;
    this.renderSections(state, state.sections, safeLocale(state.locale), new Set(types));
    this.scheduler.drawVisible();
  }

  /** Fills the widgets on screen (`only`: just these). */
  private renderSections(state: DashboardState, s: Sections, locale?: string, only?: Set<string>): void {
    const shown = (type: string) => this.grid.isShown(type) && (!only || only.has(type));
    if (shown('summary')) this.kpis.update(state, locale);
    for (const chart of this.charts) {
      if (!shown(chart.section)) continue;
      const ok = chart.card.card.checkSection(chart.section, !!s[chart.section], state.problems);
      chart.card.setModel(ok ? chart.model(s, state, locale) : undefined);
    }
    if (shown('failure_breakdown')) {
      if (this.failures.chart.card.checkSection('failure_breakdown', !!s.failure_breakdown, state.problems))
        this.failures.update(s.failure_breakdown!, locale);
      else this.failures.chart.setModel(undefined);
    }
    if (shown('duration_distribution')) {
      if (this.durations.chart.card.checkSection('duration_distribution', !!s.duration_distribution, state.problems))
        this.durations.update(s.duration_distribution!, locale);
      else this.durations.chart.setModel(undefined);
    }
    if (shown('queue_metrics')) this.queueWaits.update(state, locale);
    const ctx: CellContext = {
      host: this.host,
      filters: state.filters,
      locale,
      now: state.now,
      thresholds: state.thresholds,
      historyWords: state.historyWords,
    };
    if (shown('top_automations') && this.top.card.checkSection('top_automations', !!s.top_automations, state.problems))
      this.top.update(s.top_automations!.data, ctx);
    if (
      shown('recent_failures') &&
      this.recent.card.checkSection('recent_failures', !!s.recent_failures, state.problems)
    )
      this.recent.update(s.recent_failures!.data, s.recent_failures!.total, ctx);
    if (
      shown('endpoint_usage') &&
      this.endpoints.card.checkSection('endpoint_usage', !!s.endpoint_usage, state.problems)
    )
      this.endpoints.update(s.endpoint_usage!.data, ctx);
  }
}
