/**
 * The JSON export's queue entry: the batch's sections as Granite sent them, plus `queue_metrics` in the
 * route's own shape (`{data, granularity}`) when the dashboard has queue points, so the file holds what the
 * dashboard shows.
 */
import type { QueueState } from '../dashboard/protocol';

export function withQueue(sections: object, queue: QueueState | undefined): object {
  if (!queue?.fetchedAt) return sections;
  return { ...sections, queue_metrics: { data: queue.data, granularity: queue.granularity } };
}
