/**
 * The text VS Code surfaces show for API strings, built here (no `vscode`) so that plain-Node tests can
 * put hostile strings through exactly what the tree, quick picks and notifications show (the status bar's
 * is in statusBar/statusBarText.ts). The adapters only wrap these strings (markdown.vscode.ts turns a
 * SafeMarkdown into an untrusted MarkdownString).
 */
import type { RecentFailureItem } from '../core/api/schemas';
import type { HistoryWords } from '../runs/runBundle';
import { automationLine } from '../runs/runHistory';
import {
  firstLine,
  formatAge,
  formatCount,
  formatDuration,
  formatRate,
  formatTimestamp,
  humanizeCategory,
  noValue,
  parseTimestamp,
  triggerLabel,
  type Rate,
} from '../core/format';
import { inertIcons, inertLinkedText, isolateBidi, oneLine, SafeMarkdown } from '../core/escaping';
import { t } from '../core/l10n';
import type { Delta } from '../comparison/compare';
import { rowRate, type WorkflowRow } from './workflowHealth';

// ---- Workflows tree ---------------------------------------------------------------------------

export function workflowLabel(row: WorkflowRow): string {
  return oneLine(row.name);
}

/** A workflow's change against the previous period (with the previous rate), and whether it is pinned. */
export interface RowExtras {
  trend?: Delta & { previous: Rate };
  pinned?: boolean;
}

export function workflowTooltip(row: WorkflowRow, locale?: string, extras: RowExtras = {}): SafeMarkdown {
  const md = new SafeMarkdown();
  md.markup('**').text(row.name).markup('**\n\n');
  if (row.coverage === 'no-runs') return md.text(t('No runs in the selected range.'));
  if (row.coverage === 'not-in-batch') {
    return md.text(
      t(
        "Granite's batch lists per-workflow figures only for its top workflows, so this one has none yet. Expand or select it to load its figures with one request.",
      ),
    );
  }
  const line = (label: string, value: string) => md.markup(`${label}: `).text(value).markup('  \n');
  const count = (n: number | undefined) => (n === undefined ? noValue : formatCount(n, locale));
  line(t('Executions'), count(row.executions));
  line(t('Completed'), count(row.completed));
  line(t('Failures'), count(row.failures));
  line(t('Success rate'), formatRate(rowRate(row), locale));
  if (extras.trend)
    line(t('Previous period'), t('{0} (change {1})', formatRate(extras.trend.previous, locale), extras.trend.text));
  if (row.rateNote) line(t('Note'), row.rateNote);
  line(t('Average duration'), formatDuration(row.avgDurationMs, locale));
  line(t('Last execution'), row.lastExecution ? formatTimestamp(row.lastExecution, locale) : noValue);
  if (row.complexity) {
    const c = row.complexity;
    line(
      t('Complexity'),
      t(
        '{0} ({1} steps, {2} parameters, {3} iterations)',
        c.score,
        count(c.steps),
        count(c.parameters),
        count(c.iterations),
      ),
    );
  }
  if (row.actions) {
    const a = row.actions;
    line(
      t('Actions'),
      t(
        '{0} clicks, {1} keystrokes, {2} scrolls, {3} screenshots',
        count(a.clicks),
        count(a.keystrokes),
        count(a.scrolls),
        count(a.screenshots),
      ),
    );
  }
  return md;
}

/** `5 min ago · Element not found` (the time as sent when it is not a timestamp). */
export function failureLabel(failure: RecentFailureItem, now: number): string {
  const at = parseTimestamp(failure.started_at);
  return `${at === undefined ? oneLine(failure.started_at) : formatAge(at, now)} · ${oneLine(humanizeCategory(failure.error_category))}`;
}

export function failureDescription(failure: RecentFailureItem): string {
  return oneLine(firstLine(failure.error_message));
}

/** `words`: the automation's recent outcomes, once a run of it was opened (runHistory.ts; never a request). */
export function failureTooltip(failure: RecentFailureItem, locale?: string, words?: HistoryWords): SafeMarkdown {
  const tooltip = new SafeMarkdown()
    .markup('**')
    .text(humanizeCategory(failure.error_category))
    .markup('**  \n')
    // Each API string isolated on its own: a right-to-left one would otherwise take the figures beside it.
    .text(
      `${isolateBidi(formatTimestamp(failure.started_at, locale))} · ${isolateBidi(triggerLabel(failure.triggered_by))} · ${formatDuration(failure.duration_ms, locale)}`,
    )
    .markup('\n\n')
    .text(failure.error_message ?? t('(no message)'));
  return words ? tooltip.markup('\n\n').text(automationLine(words)) : tooltip;
}

/** The transient status-bar message after a copy (status-bar text renders `$(icon)`). */
export function copiedMessage(what: 'executionId' | 'workflowName', value: string): string {
  return what === 'executionId' ? t('Copied execution ID {0}', inertIcons(value)) : t('Copied {0}', inertIcons(value));
}

// ---- Quick picks and notifications ------------------------------------------------------------

/** A recent failure in the Open Run quick pick (label, description and detail all render `$(icon)`). */
export function failurePick(f: RecentFailureItem): { label: string; description: string; detail: string } {
  return {
    label: `${inertIcons(f.workflow_name)} · ${inertIcons(humanizeCategory(f.error_category))}`,
    description: inertIcons(formatTimestamp(f.started_at)),
    detail: inertIcons(firstLine(f.error_message)),
  };
}

/** A workflow name in the workflow-filter quick pick. */
export function workflowPickLabel(name: string): string {
  return inertIcons(name);
}

/** The error notification when Set API Key could not check the key (it quotes the server's message). */
export function keyNotSavedMessage(refused: boolean, origin: string, userMessage: string): string {
  return inertLinkedText(
    refused
      ? t('The key was refused by {0}, so it was not saved. {1}', origin, userMessage)
      : t('The key could not be checked, so it was not saved: {0}', userMessage),
  );
}
