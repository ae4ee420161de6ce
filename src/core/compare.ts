/**
 * Comparison with the previous period: the same filters over the range of equal length that ends where
 * the current one starts, and the change of each figure. A rate changes in percentage points, a count in
 * percent, a duration in time; each change is coloured by whether it is better or worse for that figure,
 * not by its sign (fewer failures is better, a longer duration is worse, more runs is neither).
 */
import type { AnalyticsFilters, BatchedAnalyticsResponse } from './api/schemas';
import { formatCount, formatDuration, rateOf } from './format';
import { rangeBounds, resolveGranularity, type FilterState } from './filters';
import { t } from './l10n';

type Sections = Partial<BatchedAnalyticsResponse>;

/** The request for the previous period: same filters and bucket size, the range shifted back by its length. */
export function previousPeriodFilters(state: FilterState, now: number): AnalyticsFilters {
  const { start, end } = rangeBounds(state.range, now);
  const span = end - start + (state.range.kind === 'custom' ? 1 : 0);   // custom ranges are inclusive days
  const filters: AnalyticsFilters = {
    start_date: new Date(start - span).toISOString(),
    end_date: new Date(start - 1).toISOString(),
    granularity: resolveGranularity(state.granularity, state.range, now),
  };
  if (state.workflow) filters.workflow_name = state.workflow;
  if (state.trigger) filters.triggered_by = state.trigger;
  if (state.status) filters.status = state.status;
  return filters;
}

/** A rolling range's previous period moves slowly: an hour-old comparison is still a fair one. */
export const comparisonMaxAgeMs = 3_600_000;

/**
 * Whether a finished refresh should be followed by a request for the previous period: only after a
 * scheduled refresh or a filter change (never as part of a user's Refresh), and only when the comparison
 * held for these filters is missing or an hour old.
 */
export function comparisonDue(trigger: string, held: { filterKey: string; fetchedAt: number } | undefined, key: string, now: number): boolean {
  if (trigger !== 'scheduled' && trigger !== 'filters') return false;
  return !held || held.filterKey !== key || now - held.fetchedAt >= comparisonMaxAgeMs;
}

export type Tone = 'better' | 'worse' | 'neutral';

export interface Delta {
  /** `▲ 2.1 pts`, `▼ 340 ms`, `▲ 12%`, `no change`. */
  text: string;
  /** The signed change in the metric's own unit (points, percent, ms). */
  value: number;
  tone: Tone;
}

/** How each figure reads: the unit of its change, and which direction is good. */
export type MetricKind = 'rate' | 'count-lower-better' | 'count-neutral' | 'duration';

const arrow = (value: number) => (value > 0 ? '▲' : '▼');

function toneOf(value: number, kind: MetricKind): Tone {
  if (value === 0 || kind === 'count-neutral') return 'neutral';
  const up = value > 0;
  if (kind === 'rate') return up ? 'better' : 'worse';
  return up ? 'worse' : 'better';   // fewer failures, shorter durations
}

const oneDecimal = (n: number, locale?: string) => new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);

/**
 * The change from `previous` to `current`, or undefined when either is unknown. Rates change in points;
 * counts in percent (in units when the previous count was 0); durations in time.
 */
export function delta(kind: MetricKind, current: number | undefined, previous: number | undefined, locale?: string): Delta | undefined {
  if (current === undefined || previous === undefined || !Number.isFinite(current) || !Number.isFinite(previous)) return undefined;
  if (kind === 'rate') {
    const points = Math.round((current - previous) * 10) / 10;
    if (points === 0) return { text: t('no change'), value: 0, tone: 'neutral' };
    return { text: t('{0} {1} pts', arrow(points), oneDecimal(Math.abs(points), locale)), value: points, tone: toneOf(points, kind) };
  }
  if (kind === 'duration') {
    const ms = Math.round(current - previous);
    if (ms === 0) return { text: t('no change'), value: 0, tone: 'neutral' };
    return { text: `${arrow(ms)} ${formatDuration(Math.abs(ms), locale)}`, value: ms, tone: toneOf(ms, kind) };
  }
  if (current === previous) return { text: t('no change'), value: 0, tone: 'neutral' };
  if (previous === 0) {
    const units = current - previous;
    return { text: `${arrow(units)} ${formatCount(Math.abs(units), locale)}`, value: units, tone: toneOf(units, kind) };
  }
  const percent = ((current - previous) / previous) * 100;
  const rounded = Math.abs(percent) < 10 ? Math.round(percent * 10) / 10 : Math.round(percent);
  const text = Math.abs(percent) < 10 ? oneDecimal(Math.abs(rounded), locale) : formatCount(Math.abs(rounded), locale);
  return { text: `${arrow(percent)} ${text}%`, value: percent, tone: toneOf(percent, kind) };
}

export type KpiId = 'total' | 'rate' | 'failures' | 'avg' | 'p95' | 'tokens';
export type KpiDeltas = Partial<Record<KpiId, Delta>>;

/** The change of every KPI card (none for `active_today`: it is always the last 24 hours). */
export function kpiDeltas(current: Sections, previous: Sections, locale?: string): KpiDeltas {
  const now = current.summary;
  const before = previous.summary;
  if (!now || !before) return {};
  const out: KpiDeltas = {};
  const set = (id: KpiId, d: Delta | undefined) => {
    if (d) out[id] = d;
  };
  set('total', delta('count-neutral', now.total_executions, before.total_executions, locale));
  set('rate', delta('rate', rateOf(now.completed, now.total_executions), rateOf(before.completed, before.total_executions), locale));
  set('failures', delta('count-lower-better', now.total_failures, before.total_failures, locale));
  if (now.total_executions > 0 && before.total_executions > 0) set('avg', delta('duration', now.avg_duration_ms, before.avg_duration_ms, locale));
  const p95Now = current.duration_distribution?.stats;
  const p95Before = previous.duration_distribution?.stats;
  if (p95Now && p95Before && p95Now.total > 0 && p95Before.total > 0) set('p95', delta('duration', p95Now.p95_ms, p95Before.p95_ms, locale));
  set('tokens', delta('count-neutral', now.total_tokens, before.total_tokens, locale));
  return out;
}

/** A workflow's trend: its success rate now against the previous period, in points. */
export function rateTrend(current: number | undefined, previous: number | undefined, locale?: string): Delta | undefined {
  return delta('rate', current, previous, locale);
}
