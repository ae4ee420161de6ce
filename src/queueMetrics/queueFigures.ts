/**
 * The queue KPI's figure, shared by the host (its delta) and the webview (its value): the highest p95 wait
 * of any bucket. A range's p95 cannot be computed from its buckets' p95s (percentiles do not combine), so
 * the card shows the worst bucket's and says so. Buckets where nothing was queued do not count.
 */
import type { QueueMetricsDataPoint } from '../core/api/queueAndLayoutSchemas';

/** The worst bucket's p95 and its index, or undefined when no bucket had anything queued. */
export function worstP95(points: readonly QueueMetricsDataPoint[]): { ms: number; index: number } | undefined {
  let worst: { ms: number; index: number } | undefined;
  points.forEach((p, index) => {
    if (p.total_queued > 0 && (!worst || p.p95_wait_ms > worst.ms)) worst = { ms: p.p95_wait_ms, index };
  });
  return worst;
}
