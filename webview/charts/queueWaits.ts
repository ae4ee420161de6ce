/**
 * Queue wait times (widget `queue_metrics`): p50, p95 and max wait per bucket as lines on the same bucket
 * axis as the other time charts, the number queued as bars on a second axis, the average in the tooltip.
 * Its data is its own request (DashboardState.queue), so it has its own error (the last good points stay,
 * marked stale) and says when the workflow, trigger or status filter does not apply to it.
 */
import type { ChartConfiguration } from 'chart.js';
import type { QueueMetricsDataPoint } from '../../src/core/api/queueAndLayoutSchemas';
import type { DashboardState, QueueState } from '../../src/dashboard/protocol';
import { bucketLabels } from '../../src/dashboard/timeBuckets';
import { formatAge, formatCount, formatDuration } from '../../src/core/format';
import { worstP95 } from '../../src/queueMetrics/queueFigures';
import { el, icon, replaceChildren } from '../dom';
import type { Host } from '../host';
import { t } from '../l10n';
import { withAlpha, type Theme } from '../theme';
import { ChartCard, type ChartModel } from './chartCard';
import { indexAxis, longSeries } from './timeAxis';

/** Said on the card and the KPI when a workflow, trigger or status filter is set. */
export const queueFiltersNote = (): string => t('Not filtered by workflow, trigger or status.');

function notes(queue: QueueState, now: number): string | undefined {
  const parts = [
    queue.stale && queue.fetchedAt !== undefined ? t('Stale: last updated {0}.', formatAge(queue.fetchedAt, now)) : '',
    queue.filtersIgnored ? queueFiltersNote() : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' ') : undefined;
}

const empty = (text: string): ChartModel => ({
  summary: text,
  empty: text,
  table: () => ({ columns: [], rows: [] }),
  config: () => ({ type: 'line', data: { datasets: [] } }),
});

export function queueWaitsModel(queue: QueueState, now: number, locale?: string): ChartModel {
  const points = queue.data;
  if (!points.length)
    return empty(queue.loading || !queue.error ? t('Loading queue wait times…') : t('No queue wait times to show.'));
  const labels = bucketLabels(
    points.map((p) => p.time),
    queue.granularity,
    locale,
  );
  const queued = points.reduce((sum, p) => sum + p.total_queued, 0);
  const worst = worstP95(points);
  const ms = (key: keyof Omit<QueueMetricsDataPoint, 'time'>) => points.map((p, x) => ({ x, y: p[key] }));
  return {
    summary: worst
      ? t(
          'Queue wait times: {0} runs queued in {1} buckets; the worst p95 wait, {2}, in {3}.',
          formatCount(queued, locale),
          points.length,
          formatDuration(worst.ms, locale),
          labels.long(worst.index),
        )
      : t('Queue wait times: nothing queued in {0} buckets.', points.length),
    empty: queued === 0 ? t('Nothing was queued in this range.') : undefined,
    note: notes(queue, now),
    table: () => ({
      columns: [
        t('Time'),
        t('Queued'),
        t('Average wait (ms)'),
        t('p50 wait (ms)'),
        t('p95 wait (ms)'),
        t('Max wait (ms)'),
      ],
      rows: points.map((p, i) => [
        labels.long(i),
        String(p.total_queued),
        String(p.avg_wait_ms),
        String(p.p50_wait_ms),
        String(p.p95_wait_ms),
        String(p.max_wait_ms),
      ]),
    }),
    config(theme: Theme): ChartConfiguration {
      const long = longSeries(points.length);
      const line = (label: string, data: { x: number; y: number }[], color: string, dash?: number[]) => ({
        type: 'line' as const,
        label,
        data,
        parsing: false as const,
        normalized: true,
        borderColor: color,
        backgroundColor: color,
        borderDash: dash,
        borderWidth: 2,
        pointRadius: long ? 0 : 2,
        yAxisID: 'y',
        order: 0,
      });
      return {
        type: 'line',
        data: {
          datasets: [
            line(t('p50 wait'), ms('p50_wait_ms'), theme.green),
            line(t('p95 wait'), ms('p95_wait_ms'), theme.yellow),
            line(t('Max wait'), ms('max_wait_ms'), theme.red, [4, 3]),
            {
              type: long ? 'line' : 'bar',
              label: t('Queued'),
              data: ms('total_queued'),
              parsing: false,
              backgroundColor: withAlpha(theme.blue, 0.35),
              borderColor: withAlpha(theme.blue, 0.35),
              borderWidth: 0,
              pointRadius: 0,
              fill: long ? 'origin' : undefined,
              yAxisID: 'y1',
              order: 1,
            },
          ],
        },
        options: {
          interaction: { mode: 'index', intersect: false },
          scales: {
            x: { ...indexAxis(labels.short), offset: !long },
            y: { beginAtZero: true, ticks: { callback: (v) => formatDuration(Number(v), locale) } },
            y1: {
              position: 'right',
              beginAtZero: true,
              grid: { display: false },
              ticks: { precision: 0 },
              title: { display: true, text: t('Queued') },
            },
          },
          plugins: {
            tooltip: {
              callbacks: {
                title: (items) => labels.long(items[0]?.dataIndex ?? 0),
                label: (item) =>
                  item.dataset.yAxisID === 'y1'
                    ? `${item.dataset.label ?? ''}: ${formatCount(item.parsed.y ?? 0, locale)}`
                    : `${item.dataset.label ?? ''}: ${formatDuration(item.parsed.y, locale)}`,
                footer: (items) =>
                  t('Average wait: {0}', formatDuration(points[items[0]?.dataIndex ?? 0]?.avg_wait_ms, locale)),
              },
            },
          },
        },
      };
    },
  };
}

/** The card: its chart, and its own error line (Granite's other sections are unaffected). */
export class QueueWaits {
  readonly chart: ChartCard;
  private readonly alert = el('div', { class: 'card-problem queue-error', role: 'alert', hidden: true });

  constructor(host: Host) {
    this.chart = new ChartCard(host, {
      id: 'queue_metrics',
      csvName: 'queue-wait-times',
      title: t('Queue wait times'),
      description: t(
        'How long runs waited in the queue before starting, per bucket: p50, p95 and max wait, and how many were queued. Not filtered by workflow, trigger or status.',
      ),
      wide: true,
    });
    this.chart.card.body.prepend(this.alert);
  }

  update(state: DashboardState, locale?: string): void {
    const queue = state.queue;
    this.chart.element.classList.toggle('stale', !!queue?.stale);
    this.alert.hidden = !queue?.error;
    if (queue?.error) replaceChildren(this.alert, el('p', {}, icon('error'), ' ', queue.error.message));
    this.chart.setModel(
      queue
        ? queueWaitsModel(queue, state.now, locale)
        : empty(t('Queue wait times load with the next refresh while the dashboard is open.')),
    );
  }
}
