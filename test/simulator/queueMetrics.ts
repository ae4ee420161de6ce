/**
 * `GET /api/analytics/queue-metrics`: the query validated the way FastAPI does (422 in its shape), and
 * the reference semantics of the figures, computed from each execution's `queue_wait_ms` (queueWaits.ts).
 * The route takes no workflow, trigger or status filter (the spec lists only the dates and granularity);
 * other query parameters are ignored, as FastAPI ignores them. Documented in SEMANTICS.md.
 */
import { granularities, type Granularity } from '../../src/core/api/vocabulary';
import { sliceByStart } from './aggregate';
import { DEFAULT_RANGE_MS, MAX_BUCKETS, parseDateTime, type ValidationErrorItem, type ValidDate } from './filters';
import type { Dataset } from './model';
import { jsonReply, type Reply } from './respond';
import { mean1, percentile, round } from './stats';
import { bucketCount, bucketIndex, bucketStarts, DAY_MS, isoSeconds } from './time';

export const QUEUE_METRICS_PATH = '/api/analytics/queue-metrics';
/** The spec's default for this route (the batch's is `day`). */
export const queueDefaultGranularity: Granularity = 'hour';

export interface QueueRange {
  startMs: number;
  endMs: number;
  granularity: Granularity;
}

export type QueueQueryResult = { ok: true; range: QueueRange } | { ok: false; detail: ValidationErrorItem[] };

function queryDate(errors: ValidationErrorItem[], field: string, value: string | null): ValidDate | undefined {
  // An empty parameter (`?start_date=`) is what a form sends for "unset": treated as absent.
  if (value === null || value === '') return undefined;
  const parsed = parseDateTime(value);
  if (!('error' in parsed)) return parsed;
  errors.push({
    type: 'datetime_from_date_parsing',
    loc: ['query', field],
    msg: `Input should be a valid datetime or date, ${parsed.error}`,
    input: value,
    ctx: { error: parsed.error },
  });
  return undefined;
}

/** Validates the query: dates as the batch reads them (plain-date end = whole day), granularity default hour. */
export function parseQueueQuery(query: URLSearchParams, now: number): QueueQueryResult {
  const errors: ValidationErrorItem[] = [];
  const start = queryDate(errors, 'start_date', query.get('start_date'));
  const end = queryDate(errors, 'end_date', query.get('end_date'));
  const rawGranularity = query.get('granularity');
  let granularity: Granularity | undefined = queueDefaultGranularity;
  if (rawGranularity !== null) {
    granularity = (granularities as readonly string[]).includes(rawGranularity)
      ? (rawGranularity as Granularity)
      : undefined;
    if (!granularity) {
      const expected = "'hour', 'day', 'week' or 'month'";
      errors.push({
        type: 'enum',
        loc: ['query', 'granularity'],
        msg: `Input should be ${expected}`,
        input: rawGranularity,
        ctx: { expected },
      });
    }
  }
  if (errors.length > 0 || !granularity) return { ok: false, detail: errors };
  const endMs = end ? (end.dateOnly ? end.ms + DAY_MS - 1 : end.ms) : now;
  const startMs = start ? start.ms : endMs - DEFAULT_RANGE_MS;
  const problem =
    startMs > endMs
      ? 'start_date must not be after end_date'
      : bucketCount(startMs, endMs, granularity) > MAX_BUCKETS
        ? `the range holds more than ${MAX_BUCKETS} ${granularity} buckets; use a coarser granularity or a shorter date range`
        : undefined;
  if (problem) {
    return {
      ok: false,
      detail: [
        { type: 'value_error', loc: ['query'], msg: `Value error, ${problem}`, input: null, ctx: { error: problem } },
      ],
    };
  }
  return { ok: true, range: { startMs, endMs, granularity } };
}

export interface QueueMetricsPoint {
  time: string;
  total_queued: number;
  avg_wait_ms: number;
  p50_wait_ms: number;
  p95_wait_ms: number;
  max_wait_ms: number;
}

/**
 * One point per bucket, empty buckets as zeros (like executions_over_time). A run counts in the bucket
 * of its `started_at` (when it left the queue) if it is in range and has a wait (pending runs, still
 * queued, have none). avg and percentiles 1 dp (percentiles interpolated as for durations), max integer.
 */
export function aggregateQueueMetrics(
  dataset: Dataset,
  range: QueueRange,
): { data: QueueMetricsPoint[]; granularity: string } {
  const starts = bucketStarts(range.startMs, range.endMs, range.granularity);
  const waits: number[][] = starts.map(() => []);
  const [lo, hi] = sliceByStart(dataset.executions, range.startMs, range.endMs);
  const first = starts[0] ?? 0;
  for (let i = lo; i < hi; i++) {
    const e = dataset.executions[i];
    if (!e || e.queue_wait_ms === null) continue;
    waits[bucketIndex(e.started_at_ms, first, range.granularity)]?.push(e.queue_wait_ms);
  }
  const data = starts.map((t, i): QueueMetricsPoint => {
    const bucket = (waits[i] ?? []).sort((a, b) => a - b);
    const sum = bucket.reduce((acc, w) => acc + w, 0);
    return {
      time: isoSeconds(t),
      total_queued: bucket.length,
      avg_wait_ms: mean1(sum, bucket.length),
      p50_wait_ms: round(percentile(bucket, 50), 1),
      p95_wait_ms: round(percentile(bucket, 95), 1),
      max_wait_ms: bucket.at(-1) ?? 0,
    };
  });
  return { data, granularity: range.granularity };
}

/** The route's answer: the figures, or FastAPI's 422 for a query that breaks the spec. */
export function queueMetricsReply(dataset: Dataset, query: URLSearchParams, now: number): Reply {
  const parsed = parseQueueQuery(query, now);
  return parsed.ok
    ? jsonReply(200, aggregateQueueMetrics(dataset, parsed.range))
    : jsonReply(422, { detail: parsed.detail });
}
