/**
 * Small building blocks the run view's tabs share: a labelled field list, times in local time with UTC in
 * the tooltip, status badges, and the notice a part shows when it is missing or failed. API strings become
 * text in elements with `dir="auto"`, so right-to-left text is isolated and reads in order.
 */
import { parseTimestamp } from '../../src/core/format';
import type { RunPart } from '../../src/runs/runBundle';
import { el } from '../dom';
import { t } from '../l10n';

// Building an Intl.DateTimeFormat costs far more than using one: 2,000 timeline rows share one per locale.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string): Intl.DateTimeFormat {
  let f = formatters.get(locale);
  if (!f) formatters.set(locale, (f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' })));
  return f;
}

/** A time as sent → local date and time to read, the UTC instant in the tooltip; unparseable: as sent. */
export function timeText(raw: string | null | undefined, locale: string): { text: string; title?: string } {
  if (!raw) return { text: '—' };
  const ms = parseTimestamp(raw);
  if (ms === undefined) return { text: raw };
  const local = formatter(locale).format(ms);
  return { text: local, title: `${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')} UTC` };
}

export function timeEl(raw: string | null | undefined, locale: string, cls = 'time'): HTMLElement {
  const { text, title } = timeText(raw, locale);
  return el('time', { class: cls, title, datetime: title ? (raw ?? undefined) : undefined, dir: 'auto' }, text);
}

/** `<dt>label</dt><dd>value</dd>` rows; a missing value is left out. */
export function fieldList(rows: [string, Node | string | null | undefined, string?][]): HTMLElement {
  const list = el('dl', { class: 'fields' });
  for (const [label, value, key] of rows) {
    if (value === null || value === undefined || value === '') continue;
    list.append(
      el('dt', {}, label),
      el('dd', { 'data-field': key }, typeof value === 'string' ? el('span', { dir: 'auto' }, value) : value),
    );
  }
  return list;
}

export function statusBadge(status: string): HTMLElement {
  const known = ['completed', 'failed', 'running', 'pending', 'queued', 'cancelled'].includes(status);
  return el('span', { class: `status status-${known ? status : 'other'}`, dir: 'auto' }, status);
}

/** What a part that is not `ok` shows: the reason it was not asked, or the error (phrased by the host). */
export function partNotice<T>(part: RunPart<T>, what: string, loading: boolean): HTMLElement | undefined {
  if (part.state === 'ok') return undefined;
  if (part.state === 'missing')
    return el('p', { class: 'notice' }, loading ? t('Loading {0}…', what) : part.reason || t('{0}: not loaded.', what));
  return el('p', { class: 'notice error', role: 'alert' }, t('{0} could not be loaded: {1}', what, part.message));
}

/** A section heading with content. */
export function section(title: string, ...children: (Node | null | undefined | false)[]): HTMLElement {
  return el('section', { class: 'block' }, el('h2', {}, title), ...children);
}
