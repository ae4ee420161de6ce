/**
 * The contract of Granite's two dashboard routes beyond the batch, field for field as
 * `components.schemas` in `shared/granite/openapi-analytics.json`: `QueueMetricsResponse`
 * (`GET /api/analytics/queue-metrics`) and `DashboardLayout` / `WidgetConfig` (`GET`/`PUT
 * /api/analytics/layout`). Beside schemas.ts (which holds the batch) to keep each file one subject.
 *
 * Same rules as schemas.ts: required and defaults as the spec says, unknown extra keys dropped. Widget
 * `type` is a plain string because Granite documents no values: a layout naming types we do not know is
 * kept whole and written back unchanged (issue 14). `updated_at` is kept as sent (any string or null)
 * and echoed back, never reformatted: the client compares it, it does not compute with it.
 */
import * as z from 'zod/mini';
import { object } from './jitObject';
import { integer } from './schemas';
import { widgetWidths } from './vocabulary';

export const QueueMetricsDataPoint = object({
  time: z.string(),
  total_queued: z._default(integer, 0),
  avg_wait_ms: z._default(z.number(), 0),
  p50_wait_ms: z._default(z.number(), 0),
  p95_wait_ms: z._default(z.number(), 0),
  max_wait_ms: z._default(integer, 0),
});
export type QueueMetricsDataPoint = z.output<typeof QueueMetricsDataPoint>;

export const QueueMetricsResponse = object({
  data: z.array(QueueMetricsDataPoint),
  // A string in the response (like the batch's), so an unknown granularity is kept as sent.
  granularity: z.string(),
});
export type QueueMetricsResponse = z.output<typeof QueueMetricsResponse>;

export const WidgetConfig = object({
  id: z.string(),
  type: z.string(),
  visible: z._default(z.boolean(), true),
  order: z._default(integer, 0),
  width: z._default(z.enum(widgetWidths), 'half'),
});
/** A widget after validation, every field present. */
export type WidgetConfig = z.output<typeof WidgetConfig>;

export const DashboardLayout = object({
  widgets: z.array(WidgetConfig),
  updated_at: z.optional(z.nullable(z.string())),
});
/** A layout after validation (defaults applied); also what `putLayout` sends. */
export type DashboardLayout = z.output<typeof DashboardLayout>;
/** A layout as a server may send it (defaulted keys may be absent). */
export type DashboardLayoutInput = z.input<typeof DashboardLayout>;

/**
 * zod's issues as one short line for a log or an error card: `widgets.2.width: Invalid option…`, at most
 * `max` of them, so "what is wrong" names the field rather than saying only "invalid".
 */
export function describeIssues(error: z.core.$ZodError, max = 3): string {
  const parts = error.issues.slice(0, max).map((issue) => {
    const where = issue.path.map(String).join('.');
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  if (error.issues.length > max) parts.push(`and ${error.issues.length - max} more`);
  return parts.join('; ');
}
