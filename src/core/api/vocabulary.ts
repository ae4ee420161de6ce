/**
 * The request's fixed vocabularies (Granite's OpenAPI enums): bucket sizes, triggers, run statuses and widget widths, as
 * plain `as const` lists with their types. Defined once here, without zod, so that the filters, the
 * dashboard protocol and the webview (which must not bundle a validator) use the same lists as the zod
 * schemas (schemas.ts), which build their enums from them.
 */

export const granularities = ['hour', 'day', 'week', 'month'] as const;
export type Granularity = (typeof granularities)[number];

export const triggerTypes = ['manual', 'endpoint', 'scheduled'] as const;
export type TriggerType = (typeof triggerTypes)[number];

export const executionStatuses = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const;
export type ExecutionStatus = (typeof executionStatuses)[number];

/** A dashboard widget's width on the layout grid (`WidgetConfig.width`). */
export const widgetWidths = ['full', 'half', 'third'] as const;
export type WidgetWidth = (typeof widgetWidths)[number];

/** Whether `value` is one of `list` (narrowing it to the list's type). */
export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}
