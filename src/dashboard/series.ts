/**
 * Chart-ready series computed from batch sections: pure, so they are tested in Node and the webview
 * modules only map them onto chart.js.
 */
import type { SuccessRateDataPoint, TimeSeriesDataPoint } from '../core/api/schemas';
import { rateOf } from '../core/format';

export interface ExecutionSeries {
  completed: number[];
  failed: number[];
  running: number[];
  pending: number[];
  /** total − the four named statuses (cancelled, or anything the API counts besides): bars add up to total. */
  other: number[];
}

export function executionSeries(points: readonly TimeSeriesDataPoint[]): ExecutionSeries {
  const out: ExecutionSeries = { completed: [], failed: [], running: [], pending: [], other: [] };
  for (const p of points) {
    out.completed.push(p.completed);
    out.failed.push(p.failed);
    out.running.push(p.running);
    out.pending.push(p.pending);
    out.other.push(Math.max(0, p.total - p.completed - p.failed - p.running - p.pending));
  }
  return out;
}

/**
 * The rate per bucket on 0–100 from its counts (the server rounds its rate), null (a gap) where the
 * bucket had no runs.
 */
export function successSeries(points: readonly SuccessRateDataPoint[]): (number | null)[] {
  return points.map((p) => {
    const rate = rateOf(p.completed, p.total);
    return rate !== undefined && Number.isFinite(rate) ? Math.min(100, Math.max(0, rate)) : null;
  });
}

/** Bucket counts, per unit, that group into readable wider bars (hours → 2 h … 1 week; days → 2 d … 4 weeks). */
const niceGroups: Record<string, number[]> = {
  hour: [2, 3, 4, 6, 8, 12, 24, 48, 168],
  day: [2, 3, 7, 14, 28],
  week: [2, 4, 13, 26, 52],
  month: [2, 3, 6, 12],
};

/**
 * How many consecutive buckets to merge so a series of `count` buckets has at most `max` bars: 1 when
 * it already fits, else the smallest "nice" group for the granularity that fits (or just enough).
 */
export function groupSize(count: number, granularity: string, max = 200): number {
  if (count <= max) return 1;
  const needed = Math.ceil(count / max);
  return (niceGroups[granularity] ?? []).find((size) => size >= needed) ?? needed;
}

/** Sums of consecutive groups of `size` values (the last group may be shorter). */
export function sumGroups(values: readonly number[], size: number): number[] {
  if (size <= 1) return [...values];
  const out: number[] = [];
  for (let i = 0; i < values.length; i += size) {
    let sum = 0;
    for (let j = i; j < Math.min(i + size, values.length); j++) sum += values[j]!;
    out.push(sum);
  }
  return out;
}
