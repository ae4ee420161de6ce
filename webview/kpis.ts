/** The KPI cards across the top: each figure with a tooltip saying exactly what it counts. */
import type { Delta, KpiId } from '../src/comparison/compare';
import type { DashboardState, QueueState } from '../src/dashboard/protocol';
import { worstP95 } from '../src/queueMetrics/queueFigures';
import { rateIsTrivial } from '../src/filters/filters';
import { formatAge, formatCount, formatDuration, formatShare, noValue, rateOf } from '../src/core/format';
import { queueFiltersNote } from './charts/queueWaits';
import { Card } from './card';
import { el } from './dom';
import { t } from './l10n';
import { rateClass } from './tables/cells';

interface Kpi {
  id: string;
  label: string;
  tooltip: string;
}

const kpiDefs = (): Kpi[] => [
  {
    id: 'total',
    label: t('Total executions'),
    tooltip: t('Runs that started in the selected range (completed, failed and cancelled).'),
  },
  {
    id: 'rate',
    label: t('Success rate'),
    tooltip: t('Completed runs out of all runs in the range. No rate is shown when nothing ran.'),
  },
  { id: 'failures', label: t('Failures'), tooltip: t('Runs that ended with an error in the range.') },
  { id: 'avg', label: t('Avg duration'), tooltip: t('Mean run duration in the range.') },
  {
    id: 'p95',
    label: t('P95 duration'),
    tooltip: t('95 % of runs finished within this time (from the duration distribution).'),
  },
  {
    id: 'today',
    label: t('Active today'),
    tooltip: t('Runs in the last 24 hours (rolling), whatever the selected range.'),
  },
  { id: 'tokens', label: t('Total tokens'), tooltip: t('AI model tokens used by runs in the range.') },
  {
    id: 'queue',
    label: t('Queue wait p95, worst bucket'),
    tooltip: t(
      "The highest p95 queue wait of any bucket in the range. A range's p95 cannot be computed from its buckets' p95s, so the worst bucket's is shown. Queue metrics are not filtered by workflow, trigger or status.",
    ),
  },
];

export class Kpis {
  readonly card = new Card({
    id: 'summary',
    wide: true,
    title: t('Overview'),
    description: t('Key figures for the selected range and filters.'),
  });
  private readonly values = new Map<
    string,
    { value: HTMLElement; sub: HTMLElement; delta: HTMLElement; box: HTMLElement }
  >();

  constructor() {
    const grid = el('div', { class: 'kpis' });
    for (const kpi of kpiDefs()) {
      const value = el('div', { class: 'kpi-value' }, noValue);
      const sub = el('div', { class: 'kpi-sub muted' });
      const delta = el('div', { class: 'kpi-delta' });
      const box = el(
        'div',
        { class: 'kpi', id: `kpi-${kpi.id}`, title: kpi.tooltip },
        el('div', { class: 'kpi-label' }, kpi.label),
        value,
        sub,
        delta,
      );
      this.values.set(kpi.id, { value, sub, delta, box });
      grid.append(box);
    }
    this.card.body.append(grid);
  }

  private set(id: string, value: string, sub = '', tone?: string): void {
    const entry = this.values.get(id)!;
    entry.value.textContent = value;
    entry.sub.textContent = sub;
    entry.box.classList.remove('ok', 'warn', 'bad');
    if (tone) entry.box.classList.add(tone);
  }

  /** `▲ 2.1 pts` under a figure, coloured by better or worse; nothing without a previous period. */
  private setDelta(id: KpiId | 'queue', delta: Delta | undefined): void {
    const entry = this.values.get(id)!;
    entry.delta.textContent = delta ? t('{0} vs previous period', delta.text) : '';
    entry.delta.className = `kpi-delta${delta ? ` ${delta.tone}` : ''}`;
  }

  update(state: DashboardState, locale?: string): void {
    const s = state.sections.summary;
    if (!this.card.checkSection('summary', !!s, state.problems) || !s) return;
    for (const id of ['total', 'rate', 'failures', 'avg', 'p95', 'tokens'] as const)
      this.setDelta(id, state.deltas[id]);
    this.card.setNote(
      state.comparedAt === undefined
        ? undefined
        : t(
            'Changes are against the previous period of equal length, with the same filters (fetched {0}).',
            formatAge(state.comparedAt, state.now),
          ),
    );
    const runs = s.total_executions;
    // From the counts, like the tree and the status bar (the server's rate is rounded).
    const rate = rateOf(s.completed, runs);
    const trivial = rateIsTrivial(state.filters);
    this.set('total', formatCount(runs, locale), t('{0} completed', formatCount(s.completed, locale)));
    this.set(
      'rate',
      formatShare(s.completed, runs, locale),
      trivial ? t('filtered by status') : '',
      rate === undefined || trivial ? undefined : rateClass(rate, state.thresholds),
    );
    this.set(
      'failures',
      formatCount(s.total_failures, locale),
      runs > 0 ? t('{0} of runs', formatShare(s.total_failures, runs, locale)) : '',
    );
    this.set('avg', runs > 0 ? formatDuration(s.avg_duration_ms, locale) : noValue);
    const durations = state.sections.duration_distribution;
    this.set(
      'p95',
      durations && durations.stats.total > 0 ? formatDuration(durations.stats.p95_ms, locale) : noValue,
      durations ? '' : t('duration section unavailable'),
    );
    this.set('today', formatCount(s.active_today, locale), t('last 24 h'));
    this.set('tokens', formatCount(s.total_tokens, locale));
    this.setQueue(state.queue, locale);
  }

  /** Its own request: unknown until loaded, kept (stale) when the latest failed. */
  private setQueue(queue: QueueState | undefined, locale?: string): void {
    const worst = queue && worstP95(queue.data);
    const sub = !queue?.fetchedAt
      ? queue?.error
        ? t('unavailable')
        : ''
      : [queue.stale ? t('stale') : '', queue.filtersIgnored ? queueFiltersNote() : ''].filter(Boolean).join(' · ');
    this.set('queue', worst ? formatDuration(worst.ms, locale) : noValue, sub);
    this.setDelta('queue', queue?.delta);
  }
}
