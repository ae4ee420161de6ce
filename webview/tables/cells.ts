/** Table cells shared by the tables: workflow filter links, rate bars, times with their age on hover. */
import type { FilterState } from '../../src/filters/filters';
import { formatAge, formatRate, formatTimestamp, parseTimestamp, percentOf, type Rate } from '../../src/core/format';
import { button, el } from '../dom';
import type { Host } from '../host';
import { t } from '../l10n';

export interface CellContext {
  host: Host;
  filters: FilterState;
  locale?: string;
  now: number;
  thresholds: { warning: number; error: number };
  /** By `run_id`: the automation's recent outcomes in words (DashboardState.historyWords). */
  historyWords?: Record<string, string>;
}

/** A workflow name that narrows the dashboard to that workflow (posts setFilters). */
export function workflowLink(name: string, ctx: CellContext): HTMLElement {
  // The protocol caps a workflow filter at 500 characters; a longer name is shown but not a filter.
  // dir="auto": the name takes its own direction, isolated from the rest of the row.
  if (name.length > 500 || name === '') return el('span', { dir: 'auto' }, name);
  return button(name, () => ctx.host.post({ type: 'setFilters', filters: { ...ctx.filters, workflow: name } }), {
    class: 'link',
    title: t('Show only this workflow'),
    dir: 'auto',
  });
}

export function rateClass(rate: number, thresholds: CellContext['thresholds']): string {
  if (rate < thresholds.error) return 'bad';
  if (rate < thresholds.warning) return 'warn';
  return 'ok';
}

/**
 * The rate as text (from its counts when the row has them) with a bar behind it; the bar's width is set
 * through the CSSOM (CSP allows it).
 */
export function rateCell(shown: Rate | undefined, ctx: CellContext): HTMLElement {
  const text = formatRate(shown, ctx.locale);
  const rate = percentOf(shown);
  if (rate === undefined || !Number.isFinite(rate)) return el('span', {}, text);
  const fill = el('span', { class: `rate-fill ${rateClass(rate, ctx.thresholds)}` });
  fill.style.width = `${Math.max(0, Math.min(100, rate))}%`;
  return el(
    'span',
    { class: 'rate' },
    el('span', { class: 'rate-bar', 'aria-hidden': 'true' }, fill),
    el('span', { class: 'rate-text' }, text),
  );
}

/** A local date and time, with "5 min ago" on hover; text that is not a time is shown as sent. */
export function timeCell(text: string, ctx: CellContext): HTMLElement {
  const ms = parseTimestamp(text);
  return el(
    'time',
    {
      title: ms === undefined ? undefined : formatAge(ms, ctx.now),
      datetime: ms === undefined ? undefined : new Date(ms).toISOString(),
    },
    formatTimestamp(text, ctx.locale),
  );
}
