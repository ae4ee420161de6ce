/**
 * The status bar's tooltip text, built here (no `vscode`) so that plain-Node tests put hostile strings
 * through exactly what the status bar shows (statusBar.vscode.ts only wraps it in a MarkdownString).
 */
import type { SummaryStats } from '../core/api/schemas';
import { SafeMarkdown, isolateBidi } from '../core/escaping';
import { formatAge, formatCount, formatDuration, formatRate, noValue, type Rate } from '../core/format';
import { t } from '../core/l10n';
import type { PinnedRate } from '../pins/pins';
import { truthfulRate } from '../workflows/workflowHealth';

/** What the status bar tooltip shows (a structural subset of the store's state). */
export interface StatusTooltipInput {
  summary?: SummaryStats;
  organization?: string;
  /** Counts wherever the batch has them (see truthfulRate), so the text is decided from the integers. */
  rate?: Rate;
  filtered: boolean;
  range: string;
  fetchedAt?: number;
  fromCache: boolean;
  now: number;
  key?: { present: false } | { present: true; source: string };
  origin?: string;
  analyticsDisabled?: string;
  /** The last error's `userMessage` (it may quote the server's error body). */
  error?: string;
  /** Sections that could not be read, and whether their last good data is kept (src/core/problems.ts). */
  problems?: string;
  /** With the status bar scoped to pinned workflows: their combined rate (`rate` is then theirs). */
  pinned?: PinnedRate;
  /** The rate of all workflows, when `rate` is the pinned workflows'. */
  overallRate?: Rate;
  /** `▲ 2.1 pts, failures ▼ 3.0% (compared 20 min ago)`. */
  comparison?: string;
  environment?: string;
  locale?: string;
}

/** Supports theme icons (its own `$(warning)`), so API text goes in with icons escaped. */
export function statusTooltip(s: StatusTooltipInput): SafeMarkdown {
  const md = new SafeMarkdown(true);
  md.markup('**Granite Analytics**');
  if (s.organization) md.markup(' — ').text(s.organization);
  md.markup('\n\n');
  const line = (label: string, value: string) => md.markup(`${label}: `).text(value).markup('  \n');
  if (s.summary) {
    const summary = s.summary;
    const count = (n: number) => formatCount(n, s.locale);
    if (s.pinned) {
      line(
        t('Pinned workflows'),
        t('{0} ({1} of {2} runs)', formatRate(s.rate, s.locale), count(s.pinned.completed), count(s.pinned.executions)),
      );
      if (s.pinned.missing.length) line(t('Not yet included'), s.pinned.missing.map(isolateBidi).join(', '));
    }
    const rateText = formatRate(s.pinned ? s.overallRate : s.rate, s.locale);
    line(
      s.pinned ? t('All workflows') : t('Success rate'),
      s.filtered ? t('{0} (filtered: a status or workflow filter is set)', rateText) : rateText,
    );
    if (s.comparison) line(t('Change vs previous period'), s.comparison);
    const note = truthfulRate(summary.success_rate, summary.completed, summary.total_executions).note;
    if (note) line(t('Note'), note);
    line(t('Total executions'), count(summary.total_executions));
    line(t('Completed'), count(summary.completed));
    line(t('Failures'), count(summary.total_failures));
    line(t('Active today (24 h)'), count(summary.active_today));
    line(
      t('Average duration'),
      summary.total_executions > 0 ? formatDuration(summary.avg_duration_ms, s.locale) : noValue,
    );
  }
  line(t('Range'), s.range);
  if (s.fetchedAt) {
    const age = formatAge(s.fetchedAt, s.now);
    line(t('Last updated'), s.fromCache ? t('{0} (cached)', age) : age);
  }
  if (s.environment) line(t('Environment'), s.environment);
  if (s.key?.present)
    line(
      t('API key'),
      s.key.source === 'environment'
        ? t('from the GRANITE_API_KEY environment variable')
        : t('stored in VS Code secret storage'),
    );
  if (s.origin) line(t('API'), s.origin);
  if (s.analyticsDisabled) md.markup('\n').text(s.analyticsDisabled).markup('\n');
  if (s.error) md.markup('\n$(warning) ').text(s.error).markup('\n');
  if (s.problems) md.markup('\n$(warning) ').text(s.problems).markup('\n');
  if (s.key?.present === false) md.text(t('No API key for this Granite API. Run "Granite: Set API Key".'));
  return md;
}
