/**
 * Success rate over time on a fixed 0–100 axis; a bucket without runs is a gap, not a 0 %. Long series
 * use parsing off and, when gap-free, chart.js decimation (which would paper over gaps).
 */
import type { ChartConfiguration } from 'chart.js';
import type { BatchedAnalyticsResponse } from '../../src/core/api/schemas';
import { successSeries } from '../../src/dashboard/series';
import { bucketLabels } from '../../src/dashboard/timeBuckets';
import { formatShare, formatSharePlain } from '../../src/core/format';
import { t } from '../l10n';
import { withAlpha, type Theme } from '../theme';
import type { ChartModel } from './chartCard';
import { indexAxis, longSeries } from './timeAxis';

export function successRateModel(
  section: BatchedAnalyticsResponse['success_rate'],
  locale?: string,
  filteredByStatus = false,
): ChartModel {
  const points = section.data;
  const labels = bucketLabels(
    points.map((p) => p.time),
    section.granularity,
    locale,
  );
  const rates = successSeries(points);
  const completed = points.reduce((sum, p) => sum + p.completed, 0);
  const total = points.reduce((sum, p) => sum + p.total, 0);
  const known = rates.filter((r): r is number => r !== null);
  const gaps = known.length < rates.length;
  // Every figure in text is formatted from the bucket's counts (decided from the integers).
  const rateText = (p: { completed: number; total: number } | undefined) =>
    formatShare(p?.completed ?? 0, p?.total ?? 0, locale);
  const lowest = points[rates.indexOf(Math.min(...known))];
  const highest = points[rates.indexOf(Math.max(...known))];
  return {
    summary: known.length
      ? t(
          'Success rate over time: {0} overall; between {1} and {2} per bucket over {3} buckets.',
          formatShare(completed, total, locale),
          rateText(lowest),
          rateText(highest),
          points.length,
        )
      : t('Success rate over time: no runs, so no rate.'),
    empty: known.length === 0 ? t('No runs in this range, so there is no rate to show.') : undefined,
    note: filteredByStatus
      ? t('Filtered by status: only runs with that status are counted, so the rate is 0 % or 100 %.')
      : undefined,
    table: () => ({
      columns: [t('Time'), t('Runs'), t('Completed'), t('Success rate (%)')],
      rows: points.map((p, i) => [
        labels.long(i),
        String(p.total),
        String(p.completed),
        formatSharePlain(p.completed, p.total),
      ]),
    }),
    config(theme: Theme): ChartConfiguration {
      const long = longSeries(points.length);
      return {
        type: 'line',
        data: {
          datasets: [
            {
              label: filteredByStatus ? t('Success rate (filtered by status)') : t('Success rate'),
              data: rates.map((y, x) => ({ x, y })),
              parsing: false,
              normalized: true,
              spanGaps: false,
              borderColor: theme.green,
              backgroundColor: withAlpha(theme.green, 0.15),
              fill: 'origin',
              borderWidth: 2,
              pointRadius: long ? 0 : 2,
              pointHoverRadius: 4,
              clip: 6, // points at 100 % are drawn whole
            },
          ],
        },
        options: {
          layout: { padding: { top: 6 } },
          interaction: { mode: 'index', intersect: false },
          scales: {
            x: indexAxis(labels.short),
            y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } },
          },
          plugins: {
            legend: { display: false },
            decimation: { enabled: long && !gaps, algorithm: 'lttb', samples: 400 },
            tooltip: {
              callbacks: {
                title: (items) => labels.long(items[0]?.dataIndex ?? 0),
                label: (item) =>
                  `${rateText(points[item.dataIndex])} (${points[item.dataIndex]?.completed ?? 0}/${points[item.dataIndex]?.total ?? 0})`,
              },
            },
          },
        },
      };
    },
  };
}
