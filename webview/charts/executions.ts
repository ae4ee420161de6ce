/**
 * Executions over time: stacked completed / failed / running / pending / other bars, so each bar adds
 * up to its bucket's total. A long series (90 days of hours) is re-bucketed into wider bars (e.g. 12 h)
 * so there are at most ~200: sums stay exact and it draws fast; the table and CSV keep every bucket.
 */
import type { ChartConfiguration } from 'chart.js';
import type { BatchedAnalyticsResponse } from '../../src/core/api/schemas';
import { executionSeries, groupSize, sumGroups } from '../../src/dashboard/series';
import { bucketLabels } from '../../src/dashboard/timeBuckets';
import { formatCount } from '../../src/core/format';
import { t } from '../l10n';
import type { Theme } from '../theme';
import type { ChartModel } from './chartCard';

export function executionsModel(
  section: BatchedAnalyticsResponse['executions_over_time'],
  locale?: string,
): ChartModel {
  const points = section.data;
  const labels = bucketLabels(
    points.map((p) => p.time),
    section.granularity,
    locale,
  );
  const series = executionSeries(points);
  const total = points.reduce((sum, p) => sum + p.total, 0);
  const peak = points.reduce((best, p, i) => (p.total > (points[best]?.total ?? -1) ? i : best), 0);
  const names = [t('Completed'), t('Failed'), t('Running'), t('Pending'), t('Other (cancelled)')];
  const values = [series.completed, series.failed, series.running, series.pending, series.other];
  const size = groupSize(points.length, section.granularity);
  const bars = values.map((v) => sumGroups(v, size));
  const barLabels = labels.short.filter((_, i) => i % size === 0);
  const barTitle = (bar: number) => {
    const first = bar * size;
    const last = Math.min(points.length - 1, first + size - 1);
    return size === 1 ? labels.long(first) : `${labels.long(first)} – ${labels.long(last)}`;
  };
  return {
    summary: points.length
      ? t(
          'Executions over time: {0} runs in {1} buckets, the most ({2}) in {3}.',
          formatCount(total, locale),
          points.length,
          formatCount(points[peak]?.total ?? 0, locale),
          labels.long(peak),
        )
      : t('Executions over time: no buckets.'),
    empty: total === 0 ? t('No runs in this range.') : undefined,
    table: () => ({
      columns: [t('Time'), t('Total'), ...names],
      rows: points.map((p, i) => [labels.long(i), String(p.total), ...values.map((v) => String(v[i]))]),
    }),
    config(theme: Theme): ChartConfiguration {
      const colors = [theme.green, theme.red, theme.blue, theme.yellow, theme.purple];
      return {
        type: 'bar',
        data: {
          labels: barLabels,
          datasets: bars.map((data, k) => ({
            label: names[k],
            data,
            backgroundColor: colors[k],
            borderWidth: 0,
            categoryPercentage: size > 1 ? 1 : 0.8,
          })),
        },
        options: {
          interaction: { mode: 'index', intersect: false },
          scales: {
            x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 16 } },
            y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
          },
          plugins: {
            tooltip: { callbacks: { title: (items) => barTitle(items[0]?.dataIndex ?? 0) } },
            legend: { labels: { filter: (item) => bars[item.datasetIndex ?? 0]!.some((v) => v > 0) } },
          },
        },
      };
    },
  };
}
