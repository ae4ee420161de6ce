/**
 * The one formatter every surface uses (tree, status bar, tooltips, dashboard), so a figure reads the same
 * everywhere and is never more certain than the data: a rate reads 100 % or 0 % only when it is exactly
 * that, a range without runs shows no rate at all, and counts are grouped in the user's locale.
 */
import { t } from './l10n';

/** Shown wherever a figure is unknown (no runs, not in the batch). */
export const noValue = '—';

export function formatCount(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/**
 * `97.2%`; `>99.9%` when the rate is not exactly 100 but would round to it (one failure in 10,000 runs),
 * `<0.1%` likewise near 0; `—` when there is no rate (no runs).
 */
export function formatRate(percent: number | undefined, locale?: string): string {
  if (percent === undefined || !Number.isFinite(percent)) return noValue;
  const oneDecimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (percent > 99.95 && percent < 100) return `>${oneDecimal.format(99.9)}%`;
  if (percent > 0 && percent < 0.05) return `<${oneDecimal.format(0.1)}%`;
  if (percent === 100 || percent === 0) return `${Math.round(percent)}%`;
  return `${oneDecimal.format(percent)}%`;
}

/** The success rate of counts: completed out of terminal runs, or undefined without runs. */
export function rateOf(completed: number, total: number): number | undefined {
  return total > 0 ? (completed / total) * 100 : undefined;
}

/** `850 ms`, `12.4 s`, `3 min 5 s`, `2 h 4 min`; `—` for a missing duration. */
export function formatDuration(ms: number | null | undefined, locale?: string): string {
  if (ms == null || !Number.isFinite(ms) || ms < 0) return noValue;
  const number = (n: number, digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
  if (ms < 1000) return t('{0} ms', number(Math.round(ms), 0));
  if (ms < 60_000) return t('{0} s', number(Math.round(ms / 100) / 10, 1));
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 3600) {
    const minutes = Math.floor(totalSeconds / 60);
    const seconds = totalSeconds % 60;
    return seconds ? t('{0} min {1} s', minutes, seconds) : t('{0} min', minutes);
  }
  const totalMinutes = Math.round(ms / 60_000);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return minutes ? t('{0} h {1} min', number(hours, 0), minutes) : t('{0} h', number(hours, 0));
}

/** `just now`, `5 min ago`, `3 h ago`, `2 days ago`; future times (clock skew) read as `just now`. */
export function formatAge(thenMs: number, nowMs: number): string {
  const seconds = Math.round((nowMs - thenMs) / 1000);
  if (seconds < 45) return t('just now');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t('{0} min ago', minutes);
  const hours = Math.round(minutes / 60);
  if (hours < 48) return t('{0} h ago', hours);
  return t('{0} days ago', Math.round(hours / 24));
}

/** Parses an API timestamp leniently (the spec types them as plain strings); undefined if unparseable. */
export function parseTimestamp(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  // A time without a zone is UTC for Granite (ClickHouse times), with a T or, as ClickHouse writes it,
  // a space (`2026-11-26 09:58:00`); Date.parse would read either as local time.
  const withZone = trimmed.replace(/^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d(:\d\d(\.\d+)?)?)$/, '$1T$2Z');
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A local date and time such as `26 Nov 2026, 14:05`, or the text as sent when it is not a timestamp. */
export function formatTimestamp(text: string, locale?: string): string {
  const ms = parseTimestamp(text);
  if (ms === undefined) return text;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

/** `element_not_found` → `Element not found`; `ScriptError` → `Script error`; empty → `Unknown`. */
export function humanizeCategory(category: string): string {
  const words = category
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-\s]+/g, ' ')
    .trim()
    .toLowerCase();
  if (words === '') return t('Unknown');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Granite's dashboard shows `endpoint` as "API"; unknown triggers are shown as sent. */
export function triggerLabel(trigger: string): string {
  switch (trigger) {
    case 'manual': return t('Manual');
    case 'endpoint': return t('API');
    case 'scheduled': return t('Scheduled');
    default: return trigger;
  }
}

/** The first line of a possibly multi-line message, shortened for one-line surfaces. */
export function firstLine(text: string | null | undefined, max = 120): string {
  if (!text) return '';
  const line = text.split(/\r?\n/, 1)[0]!.trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
