/**
 * An automation's history page in plain words (`HistoryWords`, runBundle.ts) for the run view's History
 * tab, the chat tool, and the failure tooltips of the tree and the dashboard: "failing since Tue 14:05
 * (6 runs)", "3 of the last 20 failed", "last success 2 h ago", and whether that reads as broken (failing
 * now, in a row), flaky (failures scattered) or healthy. The page is sorted here by `started_at`: the spec
 * promises no order. Text goes through core/format.ts and core/l10n.ts, so it reads as every other figure.
 */
import { formatAge, formatCount, formatRecentMoment, parseTimestamp } from '../core/format';
import { t } from '../core/l10n';
import type { HistoryWords } from './runBundle';

/** The runs the ratio and the broken/flaky/healthy verdict look at: recent enough to be the current state. */
export const ratioWindowRuns = 20;
/** The strip's length: the history page the run view asks for. */
export const stripRuns = 50;
/** Failures in a row, newest first, from which an automation reads as broken rather than flaky. */
export const brokenStreakRuns = 3;

/** What words need of an execution (a history row). */
export interface HistoryRow {
  execution_id: string;
  status: string;
  started_at: string;
  completed_at?: string | null;
}

export interface WordsOptions {
  now: number;
  locale?: string;
  /** For tests; surfaces use the user's own time zone. */
  timeZone?: string;
}

const finishedStatuses = new Set(['completed', 'failed', 'cancelled']);

/** Newest first by `started_at` (unreadable times last), ties by execution id: a stable order whatever the server sent. */
export function sortNewestFirst<T extends { started_at: string; execution_id: string }>(executions: readonly T[]): T[] {
  const at = (e: T) => parseTimestamp(e.started_at) ?? -Infinity;
  return [...executions].sort(
    (a, b) => at(b) - at(a) || (a.execution_id < b.execution_id ? -1 : a.execution_id > b.execution_id ? 1 : 0),
  );
}

/** The words on a history page (any order; at most the newest `stripRuns` are read). */
export function historyWords(page: readonly HistoryRow[], options: WordsOptions): HistoryWords {
  const newest = sortNewestFirst(page).slice(0, stripRuns);
  const strip = [...newest]
    .reverse()
    .map((e) => ({ executionId: e.execution_id, status: e.status, startedAt: e.started_at }));
  const finished = newest.filter((e) => finishedStatuses.has(e.status));
  if (finished.length === 0) return { ratio: t('no finished runs yet'), kind: 'unknown', strip };

  const count = (n: number) => formatCount(n, options.locale);
  const streakRuns = finished.findIndex((e) => e.status !== 'failed');
  const streak = streakRuns === -1 ? finished.length : streakRuns;
  const recent = finished.slice(0, ratioWindowRuns);
  const failed = recent.filter((e) => e.status === 'failed').length;
  const success = finished.find((e) => e.status === 'completed');

  const words: HistoryWords = {
    ratio:
      recent.length === 1
        ? failed
          ? t('the only finished run failed')
          : t('the only finished run did not fail')
        : t('{0} of the last {1} failed', count(failed), count(recent.length)),
    kind: failed === 0 ? 'healthy' : streak >= brokenStreakRuns || (streak > 0 && !success) ? 'broken' : 'flaky',
    strip,
  };
  if (streak > 0) {
    const since = parseTimestamp(finished[streak - 1]!.started_at);
    const when =
      since === undefined
        ? finished[streak - 1]!.started_at
        : formatRecentMoment(since, options.now, options.locale, options.timeZone);
    words.streak =
      streak === 1 ? t('failing since {0} (1 run)', when) : t('failing since {0} ({1} runs)', when, count(streak));
  }
  if (success) {
    const at = parseTimestamp(success.completed_at ?? success.started_at);
    words.lastSuccess = at === undefined ? undefined : t('last success {0}', formatAge(at, options.now));
  } else {
    words.lastSuccess = t('no success in the last {0} runs', count(finished.length));
  }
  if (words.lastSuccess === undefined) delete words.lastSuccess;
  return words;
}

/** A failure's tooltip line on its automation: "This automation: failing since … · … · …". */
export function automationLine(words: HistoryWords): string {
  return t('This automation: {0}', historyLine(words));
}

/**
 * By `run_id`, the tooltip line of each failure's automation whose history is held (the dashboard's recent
 * failures); undefined when none is. Reads the run data's cache only, never asks.
 */
export function automationWords(
  failures: readonly { run_id: string }[],
  runData: { wordsFor(runId: string): HistoryWords | undefined },
): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const runId of new Set(failures.map((f) => f.run_id))) {
    const words = runData.wordsFor(runId);
    if (words) out[runId] = automationLine(words);
  }
  return Object.keys(out).length ? out : undefined;
}

/** The words in one line, for a tooltip or the chat tool: "failing since Tue 14:05 (6 runs) · 6 of the last 20 failed · …". */
export function historyLine(words: HistoryWords): string {
  return [words.streak, words.ratio, words.lastSuccess].filter((w): w is string => !!w).join(' · ');
}
