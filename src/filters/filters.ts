/**
 * The filters a user picks (date range, granularity, workflow, trigger, status), how they become a request
 * body, and the key under which their batch is cached. A rolling range is keyed by its preset (`7d`), not
 * by absolute dates, so the cached batch matches again after a reload.
 */
import type { AnalyticsFilters } from '../core/api/schemas';
import {
  executionStatuses,
  granularities,
  isOneOf,
  triggerTypes,
  type ExecutionStatus,
  type Granularity,
  type TriggerType,
} from '../core/api/vocabulary';
import { t } from '../core/l10n';

export const rangePresets = ['24h', '7d', '30d', '90d'] as const;
export type RangePreset = (typeof rangePresets)[number];
export type DateRange = { kind: 'preset'; preset: RangePreset } | { kind: 'custom'; start: string; end: string };
/** A bucket size, or `auto` (ours, not Granite's: chosen from the range's span, see resolveGranularity). */
export const granularityChoices = ['auto', ...granularities] as const;
export type GranularityChoice = (typeof granularityChoices)[number];

export interface FilterState {
  range: DateRange;
  granularity: GranularityChoice;
  workflow?: string;
  trigger?: TriggerType;
  status?: ExecutionStatus;
}

const hour = 3_600_000;
const day = 24 * hour;
const presetSpans: Record<RangePreset, number> = { '24h': day, '7d': 7 * day, '30d': 30 * day, '90d': 90 * day };

export function defaultFilters(preset: RangePreset = '7d', granularity: GranularityChoice = 'auto'): FilterState {
  return { range: { kind: 'preset', preset }, granularity };
}

export function isRangePreset(value: unknown): value is RangePreset {
  return typeof value === 'string' && (rangePresets as readonly string[]).includes(value);
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** A custom range is two `YYYY-MM-DD` dates in UTC (Granite's buckets are UTC), the end inclusive. */
export function checkCustomRange(start: string, end: string): string | undefined {
  if (!datePattern.test(start) || Number.isNaN(Date.parse(`${start}T00:00:00Z`)))
    return t('"{0}" is not a date (YYYY-MM-DD).', start);
  if (!datePattern.test(end) || Number.isNaN(Date.parse(`${end}T00:00:00Z`)))
    return t('"{0}" is not a date (YYYY-MM-DD).', end);
  if (start > end) return t('The start date is after the end date.');
  return undefined;
}

/** The absolute bounds of a range at `now`, in epoch ms (end inclusive). */
export function rangeBounds(range: DateRange, now: number): { start: number; end: number } {
  if (range.kind === 'preset') return { start: now - presetSpans[range.preset], end: now };
  return { start: Date.parse(`${range.start}T00:00:00Z`), end: Date.parse(`${range.end}T00:00:00Z`) + day - 1 };
}

/** `auto` picks a bucket size that gives a readable number of points for the range. */
export function resolveGranularity(choice: GranularityChoice, range: DateRange, now: number): Granularity {
  if (choice !== 'auto') return choice;
  const { start, end } = rangeBounds(range, now);
  const span = end - start;
  if (span <= 2 * day) return 'hour';
  if (span <= 62 * day) return 'day';
  if (span <= 366 * day) return 'week';
  return 'month';
}

/** The request body for these filters at `now`. */
export function toRequestFilters(state: FilterState, now: number): AnalyticsFilters {
  const { start, end } = rangeBounds(state.range, now);
  const filters: AnalyticsFilters = {
    start_date: new Date(start).toISOString(),
    end_date: new Date(end).toISOString(),
    granularity: resolveGranularity(state.granularity, state.range, now),
  };
  if (state.workflow) filters.workflow_name = state.workflow;
  if (state.trigger) filters.triggered_by = state.trigger;
  if (state.status) filters.status = state.status;
  return filters;
}

/** Stable across reloads for rolling ranges; changes whenever any filter changes. */
export function filterKey(state: FilterState): string {
  const range = state.range.kind === 'preset' ? state.range.preset : `${state.range.start}..${state.range.end}`;
  return [range, state.granularity, state.workflow ?? '', state.trigger ?? '', state.status ?? '']
    .map(encodeURIComponent)
    .join('|');
}

export function rangeLabel(range: DateRange): string {
  if (range.kind === 'custom') return t('{0} – {1} (UTC)', range.start, range.end);
  switch (range.preset) {
    case '24h':
      return t('Last 24 hours');
    case '7d':
      return t('Last 7 days');
    case '30d':
      return t('Last 30 days');
    default:
      return t('Last 90 days');
  }
}

/** Whether anything beyond the range and granularity narrows the data. */
export function hasNarrowingFilters(state: FilterState): boolean {
  return !!(state.workflow || state.trigger || state.status);
}

/**
 * A status filter makes the success rate trivially 0 % or 100 % (only failed, or only completed runs are
 * counted); surfaces mark the rate as filtered rather than presenting it as the real rate.
 */
export function rateIsTrivial(state: FilterState): boolean {
  return state.status !== undefined;
}

/** Normalises a value read back from storage; anything unexpected falls back to the defaults. */
export function sanitizeFilters(value: unknown, fallback: FilterState): FilterState {
  if (value === null || typeof value !== 'object') return fallback;
  const raw = value as Record<string, unknown>;
  const range = raw.range as Record<string, unknown> | undefined;
  let parsedRange: DateRange = fallback.range;
  if (range?.kind === 'preset' && isRangePreset(range.preset)) parsedRange = { kind: 'preset', preset: range.preset };
  if (
    range?.kind === 'custom' &&
    typeof range.start === 'string' &&
    typeof range.end === 'string' &&
    !checkCustomRange(range.start, range.end)
  ) {
    parsedRange = { kind: 'custom', start: range.start, end: range.end };
  }
  const state: FilterState = {
    range: parsedRange,
    granularity: isOneOf(granularityChoices, raw.granularity) ? raw.granularity : fallback.granularity,
  };
  if (typeof raw.workflow === 'string' && raw.workflow) state.workflow = raw.workflow;
  if (isOneOf(triggerTypes, raw.trigger)) state.trigger = raw.trigger;
  if (isOneOf(executionStatuses, raw.status)) state.status = raw.status;
  return state;
}
