/** Shared axis settings for time series drawn on a linear index axis (x = bucket number). */
import type { ScaleOptions } from 'chart.js';

/** Above this many buckets bars get too thin to read and too slow to draw: use lines/areas. */
export const longSeriesThreshold = 200;

export function longSeries(points: number): boolean {
  return points > longSeriesThreshold;
}

/** A linear x axis over bucket indexes whose ticks read as the buckets' labels. */
export function indexAxis(labels: readonly string[]): ScaleOptions<'linear'> {
  return {
    type: 'linear',
    min: 0,
    max: Math.max(0, labels.length - 1),
    grid: { display: false },
    ticks: {
      maxRotation: 0,
      autoSkipPadding: 16,
      precision: 0,
      callback: (value) => (Number.isInteger(value) ? (labels[value as number] ?? '') : ''),
    },
  };
}
