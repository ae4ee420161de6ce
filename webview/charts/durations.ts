/**
 * Duration distribution: the histogram's buckets as bars, with p50…p99 marked by dashed lines (a tiny
 * inline plugin draws them on the canvas) and the statistics listed under the chart.
 */
import type { ChartConfiguration, Plugin, TooltipItem } from 'chart.js';
import type { BatchedAnalyticsResponse } from '../../src/core/api/schemas';
import { formatCount, formatDuration } from '../../src/core/format';
import { el, replaceChildren } from '../dom';
import { t } from '../l10n';
import type { Theme } from '../theme';
import type { Host } from '../host';
import { ChartCard, type ChartModel } from './chartCard';

/** A percentile: its label and duration in ms. */
interface Marker {
  label: string;
  at: number;
}
interface MarkerOptions {
  markers: Marker[];
  color: string;
}

/** Draws a dashed vertical line and its label at each marker (a duration on the linear x axis). */
const percentileMarkers: Plugin<'bar', MarkerOptions> = {
  id: 'percentileMarkers',
  afterDatasetsDraw(chart, _args, options) {
    const { ctx, chartArea, scales } = chart;
    const x = scales.x;
    if (!x || !options.markers.length) return;
    ctx.save();
    ctx.strokeStyle = options.color;
    ctx.fillStyle = options.color;
    ctx.setLineDash([4, 3]);
    ctx.font = `10px ${chart.options.font?.family ?? 'sans-serif'}`;
    ctx.textAlign = 'center';
    let lastX = -Infinity;
    let row = 0;
    for (const marker of options.markers) {
      const px = x.getPixelForValue(marker.at);
      ctx.beginPath();
      ctx.moveTo(px, chartArea.top + 12);
      ctx.lineTo(px, chartArea.bottom);
      ctx.stroke();
      row = px - lastX < 28 ? row + 1 : 0; // stagger labels that would overlap
      ctx.fillText(marker.label, px, chartArea.top + 9 + row * 10);
      lastX = px;
    }
    ctx.restore();
  },
};

const niceSteps = [
  100, 500, 1_000, 5_000, 10_000, 30_000, 60_000, 300_000, 600_000, 1_800_000, 3_600_000, 21_600_000, 86_400_000,
];
/** A tick step that reads well as a duration (30 s, 5 min, 1 h), giving about six ticks. */
const tickStep = (span: number) => niceSteps.find((step) => span / step <= 6) ?? Math.ceil(span / 6);

const percentiles = [
  ['p50', 'p50_ms'],
  ['p75', 'p75_ms'],
  ['p90', 'p90_ms'],
  ['p95', 'p95_ms'],
  ['p99', 'p99_ms'],
] as const;

export class DurationDistribution {
  readonly chart: ChartCard;
  private readonly stats = el('dl', { class: 'stats' });

  constructor(host: Host) {
    this.chart = new ChartCard(host, {
      id: 'durations',
      csvName: 'duration-distribution',
      title: t('Duration distribution'),
      description: t('How long runs took: a histogram of durations, with percentiles marked.'),
    });
    this.chart.card.body.append(this.stats);
  }

  update(section: BatchedAnalyticsResponse['duration_distribution'], locale?: string): void {
    const { stats, histogram } = section;
    const buckets = histogram;
    // Bars on a linear axis in ms: only the ~10 ticks are formatted (not two labels per bucket), and the
    // percentiles are marked at their exact duration.
    const markers: Marker[] =
      stats.total > 0 && buckets.length ? percentiles.map(([label, key]) => ({ label, at: stats[key] })) : [];
    const span = (i: number) =>
      `${formatDuration(buckets[i]?.bucket_start_ms, locale)}–${formatDuration(buckets[i]?.bucket_end_ms, locale)}`;
    const shown: [string, string][] = [
      [t('Runs'), formatCount(stats.total, locale)],
      [t('Average'), stats.total ? formatDuration(stats.avg_ms, locale) : '—'],
      [t('Min'), stats.total ? formatDuration(stats.min_ms, locale) : '—'],
      [t('Max'), stats.total ? formatDuration(stats.max_ms, locale) : '—'],
      ...percentiles.map(([label, key]): [string, string] => [
        label,
        stats.total ? formatDuration(stats[key], locale) : '—',
      ]),
    ];
    replaceChildren(
      this.stats,
      ...shown.map(([term, value]) => el('div', {}, el('dt', {}, term), el('dd', {}, value))),
    );
    const counted = buckets.reduce((sum, b) => sum + b.count, 0);
    const model: ChartModel = {
      summary: stats.total
        ? t(
            'Duration distribution of {0} runs in {1} buckets: median {2}, p95 {3}, p99 {4}.',
            formatCount(stats.total, locale),
            buckets.length,
            formatDuration(stats.p50_ms, locale),
            formatDuration(stats.p95_ms, locale),
            formatDuration(stats.p99_ms, locale),
          )
        : t('Duration distribution: no runs.'),
      empty: counted === 0 ? t('No run durations in this range.') : undefined,
      table: () => ({
        columns: [t('From (ms)'), t('To (ms)'), t('Runs')],
        rows: buckets.map((b) => [String(b.bucket_start_ms), String(b.bucket_end_ms), String(b.count)]),
      }),
      config: (theme: Theme): ChartConfiguration =>
        ({
          type: 'bar',
          data: {
            datasets: [
              {
                label: t('Runs'),
                data: buckets.map((b) => ({ x: (b.bucket_start_ms + b.bucket_end_ms) / 2, y: b.count })),
                backgroundColor: theme.blue,
                borderWidth: 0,
                barPercentage: 1,
                categoryPercentage: 0.95,
              },
            ],
          },
          options: {
            layout: { padding: { top: 8 } },
            scales: {
              x: {
                type: 'linear',
                offset: false,
                grid: { display: false },
                min: buckets[0]?.bucket_start_ms,
                ticks: {
                  maxRotation: 0,
                  autoSkipPadding: 12,
                  stepSize: tickStep((buckets.at(-1)?.bucket_end_ms ?? 0) - (buckets[0]?.bucket_start_ms ?? 0)),
                  callback: (v) => formatDuration(Number(v), locale),
                },
              },
              y: { beginAtZero: true, ticks: { precision: 0 } },
            },
            plugins: {
              legend: { display: false },
              tooltip: { callbacks: { title: (items: TooltipItem<'bar'>[]) => span(items[0]?.dataIndex ?? 0) } },
              percentileMarkers: { markers, color: theme.orange },
            } as ChartConfiguration['options'] & object,
          },
          plugins: [percentileMarkers],
        }) as ChartConfiguration,
    };
    this.chart.setModel(model);
  }
}
