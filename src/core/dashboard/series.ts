/**
 * Chart-ready series computed from batch sections: pure, so they are tested in Node and the webview
 * modules only map them onto chart.js.
 */
import type { DurationHistogramBucket, SuccessRateDataPoint, TimeSeriesDataPoint } from '../api/schemas';

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

/** The rate per bucket on 0–100, null (a gap) where the bucket had no runs. */
export function successSeries(points: readonly SuccessRateDataPoint[]): (number | null)[] {
  return points.map((p) => (p.total > 0 && Number.isFinite(p.success_rate) ? Math.min(100, Math.max(0, p.success_rate)) : null));
}

/**
 * Where a duration falls on a histogram's category axis, as a fractional bucket index (3.5 = halfway
 * through the fourth bucket); undefined when it is outside every bucket.
 */
export function histogramPosition(buckets: readonly DurationHistogramBucket[], ms: number): number | undefined {
  for (let i = 0; i < buckets.length; i++) {
    const b = buckets[i]!;
    const last = i === buckets.length - 1;
    if (ms >= b.bucket_start_ms && (ms < b.bucket_end_ms || (last && ms <= b.bucket_end_ms))) {
      const width = b.bucket_end_ms - b.bucket_start_ms;
      return i + (width > 0 ? (ms - b.bucket_start_ms) / width : 0);
    }
  }
  return undefined;
}

/** Share of a total as a rounded percentage string input (0 when the total is 0). */
export function share(count: number, total: number): number {
  return total > 0 ? (count / total) * 100 : 0;
}
