/**
 * Comparison with the previous period: the same filters over the range of equal length that ends where
 * the current one starts, and the change of each figure. A rate changes in percentage points, a count in
 * percent, a duration in time; each change is coloured by whether it is better or worse for that figure,
 * not by its sign (fewer failures is better, a longer duration is worse, more runs is neither).
 */
import type { AnalyticsFilters, BatchedAnalyticsResponse } from '../core/api/schemas';
import {
  countsOf,
  formatCount,
  formatDuration,
  formatRoundedPercent,
  percentOf,
  roundShare,
  type Rate,
} from '../core/format';
import { rangeBounds, resolveGranularity, type FilterState } from '../filters/filters';
import { t } from '../core/l10n';

type Sections = Partial<BatchedAnalyticsResponse>;

/** The request for the previous period: same filters and bucket size, the range shifted back by its length. */
export function previousPeriodFilters(state: FilterState, now: number): AnalyticsFilters {
  const { start, end } = rangeBounds(state.range, now);
  const span = end - start + (state.range.kind === 'custom' ? 1 : 0); // custom ranges are inclusive days
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
export function comparisonDue(
  trigger: string,
  held: { filterKey: string; fetchedAt: number } | undefined,
  key: string,
  now: number,
): boolean {
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
  return up ? 'worse' : 'better'; // fewer failures, shorter durations
}

const noChange = (): Delta => ({ text: t('no change'), value: 0, tone: 'neutral' });

/**
 * A change of `direction` whose size reads `text`; `value` keeps the change's sign even when it is far
 * below what the text shows, so a real change is never taken for none.
 */
function changeOf(kind: MetricKind, direction: number, text: string, value: number): Delta {
  return direction
    ? {
        text,
        value: Math.sign(value) === direction ? value : direction * Number.MIN_VALUE,
        tone: toneOf(direction, kind),
      }
    : noChange();
}

/**
 * A rate's change in points, its size rounded like a share (one decimal, never onto 0: `<0.1 pts`). From
 * counts a/b and c/d it is decided from the integers: `no change` only when a·d = c·b, the size
 * |a·d − c·b| / (b·d) (BigInt, so no product is rounded). A rate sent without counts changes by the
 * difference of the doubles.
 */
export function rateDelta(current: Rate | undefined, previous: Rate | undefined, locale?: string): Delta | undefined {
  const value = percentOf(current)! - percentOf(previous)!;
  if (!Number.isFinite(value)) return undefined; // also when either is undefined (NaN)
  let direction = Math.sign(value);
  let size = roundShare(Math.abs(value), 100);
  const counts =
    typeof current === 'object' && typeof previous === 'object'
      ? [current.part, current.whole, previous.part, previous.whole]
      : [];
  if (counts.length && counts.every(Number.isInteger)) {
    const [a, b, c, d] = counts.map(BigInt) as [bigint, bigint, bigint, bigint];
    const difference = a * d - c * b;
    direction = Math.sign(Number(difference));
    size = roundShare(difference < 0n ? -difference : difference, b * d);
  }
  return changeOf(
    'rate',
    direction,
    t('{0} {1} pts', arrow(direction), formatRoundedPercent(size!, locale, false)),
    value,
  );
}

/**
 * The change from `previous` to `current`, or undefined when either is unknown. Rates change in points
 * (see rateDelta); counts in percent (in units when the previous count was 0); durations in time. A real
 * change never reads `no change` or `0.0`: below the shown precision it reads `<0.1` (`<1 ms`).
 */
export function delta(
  kind: MetricKind,
  current: number | undefined,
  previous: number | undefined,
  locale?: string,
): Delta | undefined {
  if (current === undefined || previous === undefined || !Number.isFinite(current) || !Number.isFinite(previous))
    return undefined;
  if (kind === 'rate') return rateDelta(current, previous, locale);
  const change = current - previous;
  const direction = Math.sign(change);
  if (kind === 'duration') {
    const ms = Math.round(Math.abs(change));
    return changeOf(
      kind,
      direction,
      `${arrow(direction)} ${ms ? formatDuration(ms, locale) : `<${formatDuration(1, locale)}`}`,
      change,
    );
  }
  if (previous === 0)
    return changeOf(kind, direction, `${arrow(direction)} ${formatCount(Math.abs(change), locale)}`, change);
  // The size as a share of the previous count: one decimal below 10 %, whole percents above; a fall
  // reads 100 % only when the count fell to 0 (`>99%` otherwise).
  const size = (digits: 0 | 1) => roundShare(Math.abs(change), Math.abs(previous), digits)!;
  const tenths = size(1);
  return changeOf(
    kind,
    direction,
    `${arrow(direction)} ${formatRoundedPercent(tenths.scaled < 100 ? tenths : size(0), locale, false)}%`,
    (change / Math.abs(previous)) * 100,
  );
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
  set(
    'rate',
    rateDelta(
      countsOf(now.completed, now.total_executions),
      countsOf(before.completed, before.total_executions),
      locale,
    ),
  );
  set('failures', delta('count-lower-better', now.total_failures, before.total_failures, locale));
  if (now.total_executions > 0 && before.total_executions > 0)
    set('avg', delta('duration', now.avg_duration_ms, before.avg_duration_ms, locale));
  const p95Now = current.duration_distribution?.stats;
  const p95Before = previous.duration_distribution?.stats;
  if (p95Now && p95Before && p95Now.total > 0 && p95Before.total > 0)
    set('p95', delta('duration', p95Now.p95_ms, p95Before.p95_ms, locale));
  set('tokens', delta('count-neutral', now.total_tokens, before.total_tokens, locale));
  return out;
}

/** A workflow's trend: its success rate now against the previous period, in points (from counts when known). */
export const rateTrend = rateDelta;
