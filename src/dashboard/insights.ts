/**
 * Quick insights for the dashboard header, from the current and the previous period's batch alone:
 * the workflow whose success rate fell most, a failure category that is new in this period, and a p95
 * duration that grew by more than half. Each says what to click to see it. Worded plainly; API strings
 * are carried as data (`subject`), never pasted into markup.
 */
import type { BatchedAnalyticsResponse } from '../core/api/schemas';
import {
  formatDuration,
  formatRate,
  formatRoundedPercent,
  humanizeCategory,
  rateOf,
  roundPercent,
  roundShare,
  type Counts,
} from '../core/format';
import { t } from '../core/l10n';

type Sections = Partial<BatchedAnalyticsResponse>;

/** What clicking an insight does: filter to a workflow, filter the failures table, or show a section. */
export type InsightTarget =
  | { kind: 'workflow'; workflow: string }
  | { kind: 'category'; category: string }
  | { kind: 'section'; section: 'duration_distribution' };

export interface Insight {
  id: 'rate-drop' | 'new-category' | 'p95-growth';
  /** The sentence, with `{subject}` where the workflow or category name goes (rendered as text). */
  text: string;
  subject?: string;
  target: InsightTarget;
}

/** Fewer runs than this in either period make a rate change noise, not news. */
export const minRunsForTrend = 5;
/** A fall smaller than this many points is not worth a headline. */
export const minDropPoints = 1;

export function quickInsights(current: Sections, previous: Sections | undefined, locale?: string): Insight[] {
  if (!previous) return [];
  const out: Insight[] = [];
  const drop = largestRateDrop(current, previous);
  if (drop) {
    out.push({
      id: 'rate-drop',
      text: t(
        '{subject}: success rate fell {0} pts to {1} (was {2}).',
        formatRoundedPercent(dropSize(drop), locale, false),
        formatRate(drop.nowCounts, locale),
        formatRate(drop.beforeCounts, locale),
      ),
      subject: drop.workflow,
      target: { kind: 'workflow', workflow: drop.workflow },
    });
  }
  const category = newCategory(current, previous);
  if (category) {
    out.push({
      id: 'new-category',
      text:
        category.count === 1
          ? t('New failure category this period: {subject} (1 failure).')
          : t('New failure category this period: {subject} ({0} failures).', category.count),
      subject: humanizeCategory(category.category),
      target: { kind: 'category', category: category.category },
    });
  }
  const now = current.duration_distribution?.stats;
  const before = previous.duration_distribution?.stats;
  if (now && before && now.total > 0 && before.total > 0 && before.p95_ms > 0 && now.p95_ms > before.p95_ms * 1.5) {
    out.push({
      id: 'p95-growth',
      text: t(
        'Run time grew: p95 is {0}, up {1}% from {2}.',
        formatDuration(now.p95_ms, locale),
        Math.round((now.p95_ms / before.p95_ms - 1) * 100),
        formatDuration(before.p95_ms, locale),
      ),
      target: { kind: 'section', section: 'duration_distribution' },
    });
  }
  return out;
}

/** The workflow (in both periods' top automations, with enough runs) whose rate fell most; its counts are what is shown. */
export function largestRateDrop(current: Sections, previous: Sections): RateDrop | undefined {
  const before = new Map<string, { rate: number; counts: Counts }>();
  for (const item of previous.top_automations?.data ?? []) {
    const rate = rateOf(item.completed, item.executions);
    if (item.executions >= minRunsForTrend && rate !== undefined && !before.has(item.workflow_name)) {
      before.set(item.workflow_name, { rate, counts: { part: item.completed, whole: item.executions } });
    }
  }
  let best: RateDrop | undefined;
  for (const item of current.top_automations?.data ?? []) {
    const now = rateOf(item.completed, item.executions);
    const was = before.get(item.workflow_name);
    if (now === undefined || was === undefined || item.executions < minRunsForTrend) continue;
    const points = was.rate - now;
    if (points >= minDropPoints && (!best || points > best.points)) {
      best = {
        workflow: item.workflow_name,
        now,
        before: was.rate,
        points,
        nowCounts: { part: item.completed, whole: item.executions },
        beforeCounts: was.counts,
      };
    }
  }
  return best;
}

/** The drop in points from the counts (b/d − a/c = (b·c − a·d)/(c·d)), rounded like any share. */
function dropSize({ nowCounts: now, beforeCounts: before, points }: RateDrop) {
  if (![now.part, now.whole, before.part, before.whole].every(Number.isInteger)) return roundPercent(points)!;
  const big = BigInt;
  return roundShare(
    big(before.part) * big(now.whole) - big(now.part) * big(before.whole),
    big(now.whole) * big(before.whole),
  )!;
}

export interface RateDrop {
  workflow: string;
  now: number;
  before: number;
  points: number;
  nowCounts: Counts;
  beforeCounts: Counts;
}

/** The most frequent category with failures now and none in the previous period. */
export function newCategory(current: Sections, previous: Sections): { category: string; count: number } | undefined {
  const known = new Set((previous.failure_breakdown?.data ?? []).filter((c) => c.count > 0).map((c) => c.category));
  let best: { category: string; count: number } | undefined;
  for (const c of current.failure_breakdown?.data ?? []) {
    if (c.count > 0 && !known.has(c.category) && (!best || c.count > best.count))
      best = { category: c.category, count: c.count };
  }
  return best;
}
