/**
 * The queue KPI's figure (the worst bucket's p95, empty buckets left out) and the JSON export's
 * `queue_metrics` entry (the route's own shape, only once points were received).
 */
import assert from 'node:assert/strict';
import type { QueueMetricsDataPoint } from '../../../src/core/api/queueAndLayoutSchemas';
import type { QueueState } from '../../../src/dashboard/protocol';
import { withQueue } from '../../../src/queueMetrics/queueExport';
import { worstP95 } from '../../../src/queueMetrics/queueFigures';

const point = (time: string, total_queued: number, p95_wait_ms: number): QueueMetricsDataPoint => ({
  time,
  total_queued,
  avg_wait_ms: p95_wait_ms / 2,
  p50_wait_ms: p95_wait_ms / 3,
  p95_wait_ms,
  max_wait_ms: p95_wait_ms * 2,
});

describe('queue figures', () => {
  it('the worst bucket is the largest p95 among buckets where anything was queued', () => {
    const points = [point('a', 3, 1200), point('b', 0, 9999), point('c', 5, 4100), point('d', 1, 4100)];
    assert.deepEqual(worstP95(points), { ms: 4100, index: 2 }, 'the first of equal worst buckets');
    assert.equal(worstP95([point('a', 0, 0), point('b', 0, 0)]), undefined, 'nothing queued: no figure');
    assert.equal(worstP95([]), undefined);
  });

  it('the JSON export adds queue_metrics in the route’s shape once points were received', () => {
    const sections = { summary: { total_executions: 1 } };
    const queue: QueueState = {
      data: [point('2026-11-26T00:00:00Z', 2, 500)],
      granularity: 'day',
      fetchedAt: 1,
      stale: true,
      loading: false,
      filtersIgnored: false,
    };
    assert.deepEqual(withQueue(sections, queue), {
      ...sections,
      queue_metrics: { data: queue.data, granularity: 'day' },
    });
    assert.equal(withQueue(sections, { ...queue, data: [], fetchedAt: undefined }), sections);
    assert.equal(withQueue(sections, undefined), sections);
  });
});
