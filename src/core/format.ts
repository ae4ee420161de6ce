/**
 * The one formatter every surface uses (tree, status bar, tooltips, dashboard), so a figure reads the same
 * everywhere and is never more certain than the data: a rate reads 100 % or 0 % only when it is exactly
 * that, a range without runs shows no rate at all, and counts are grouped in the user's locale.
 */
import { t } from './l10n';

/** Shown wherever a figure is unknown (no runs, not in the batch). */
export const noValue = '—';

export function formatCount(value: number, locale?: string): string {
  return numberFormat(locale, 0).format(value);
}

const numberFormats: Record<string, Intl.NumberFormat> = {};

/** A cached number format with exactly `places` decimals (a tree of thousands of rows formats many). */
function numberFormat(locale: string | undefined, places: number): Intl.NumberFormat {
  return (numberFormats[`${locale}|${places}`] ??= new Intl.NumberFormat(locale, {
    minimumFractionDigits: places,
    maximumFractionDigits: places,
  }));
}

/** Counts behind a share: `part` out of `whole` (completed of terminal runs, failures of runs, runs of a trigger). */
export interface Counts {
  part: number;
  whole: number;
}

/**
 * A rate as a surface gets it: its counts wherever the batch has them (then rounded exactly, from the
 * integers), else the percentage as sent.
 */
export type Rate = Counts | number;

/**
 * A percentage as shown: `scaled` in units of 10^-digits % (tenths for one digit). It lands on 0 or 100
 * only when the value is exactly that; otherwise it stops one unit short and `bound` says the value lies
 * beyond it (`>99.9`, `<0.1`). Outside 0–100 (implausible data) the bound points away (`>100`, `<0`).
 */
export interface RoundedPercent {
  scaled: number;
  digits: 0 | 1;
  bound?: '<' | '>';
}

/** The counts of a share, or undefined when there is nothing to share (no runs). */
export function countsOf(part: number, whole: number): Counts | undefined {
  return whole > 0 ? { part, whole } : undefined;
}

/**
 * The success rate of counts in percent, for ordering, thresholds and bars (never for text: see
 * formatShare). Multiplying first keeps whole percentages exact (19 of 20 is 95, not 94.99…).
 */
export function rateOf(completed: number, total: number): number | undefined {
  return total > 0 ? (completed * 100) / total : undefined;
}

/** The percentage a rate stands for (see rateOf), or undefined without one. */
export function percentOf(rate: Rate | undefined): number | undefined {
  return typeof rate === 'object' ? rateOf(rate.part, rate.whole) : rate;
}

/**
 * Moves a figure rounded onto 0 or 100 % off it unless `part` is exactly 0 or `whole`: one unit inside,
 * or, for a value outside 0–100 (implausible data), the boundary itself pointing away.
 */
function offBoundary(scaled: number, digits: 0 | 1, part: number | bigint, whole: number | bigint): RoundedPercent {
  const full = 100 * 10 ** digits;
  const r: RoundedPercent = { scaled: scaled + 0, digits }; // + 0: never a negative zero
  if (scaled === 0 && (part > 0 || part < 0)) {
    r.bound = '<';
    if (part > 0) r.scaled = 1;
  } else if (scaled === full && (part > whole || part < whole)) {
    r.bound = '>';
    if (part < whole) r.scaled = full - 1;
  }
  return r;
}

/**
 * `part` of `whole` in percent, rounded half up to `digits` decimals from the integers themselves (a
 * double's 1999/2000·100 is not reliably ≥ 99.95), never onto 0 or 100 unless exact: floor((2s·part +
 * whole) / 2·whole), in doubles while that numerator is below 2^53 (then the quotient cannot round onto the
 * next integer), in BigInt beyond. Non-integers (not counts by Granite's contract) are rounded as doubles;
 * the boundaries are still decided exactly.
 */
export function roundShare(
  part: number | bigint,
  whole: number | bigint,
  digits: 0 | 1 = 1,
): RoundedPercent | undefined {
  const p = Number(part);
  const w = Number(whole);
  const scale = 100 * 10 ** digits;
  if (!(w > 0 && Number.isFinite(p - w))) return undefined;
  const a = 2 * scale * p + w;
  // `p % 1 || w % 1`: not integers, so not counts
  const scaled =
    a < 2 ** 53 || p % 1 || w % 1
      ? Math.floor(a / (2 * w))
      : Number((2n * BigInt(scale) * BigInt(part) + BigInt(whole)) / (2n * BigInt(whole)));
  return offBoundary(scaled, digits, part, whole);
}

/**
 * A percentage sent without counts, rounded to one decimal as the share `percent` of 100: it reads 100 or
 * 0 only when exactly that was sent (the boundaries are decided on the value itself, not on its rounding).
 */
export function roundPercent(percent: number): RoundedPercent | undefined {
  return roundShare(percent, 100);
}

/** `97.2`, `>99.9`, `<0.1` in the locale's digits; whole percents (0, 100) without decimals when `trimExact`. */
export function formatRoundedPercent(r: RoundedPercent, locale?: string, trimExact = true): string {
  const places = trimExact && r.scaled % (100 * 10 ** r.digits) === 0 ? 0 : r.digits;
  return `${r.bound ?? ''}${numberFormat(locale, places).format(r.scaled / 10 ** r.digits)}`;
}

/**
 * A rate: from its counts when it has them (decided from the integers, see roundShare), else as sent.
 * `97.2%`; `100%` and `0%` only when exact (or exactly 100 / 0 was sent), `>99.9%` and `<0.1%` when the
 * value would round onto them; `—` when there is no rate (no runs).
 */
export function formatRate(rate: Rate | undefined, locale?: string): string {
  const r = typeof rate === 'number' ? roundShare(rate, 100) : rate && roundShare(rate.part, rate.whole);
  return r ? `${formatRoundedPercent(r, locale)}%` : noValue;
}

/** `part` of `whole` as a percentage, by formatRate's rule: the one formatter for any rate or share with counts. */
export function formatShare(part: number, whole: number, locale?: string): string {
  return formatRate({ part, whole }, locale);
}

/** The same for a table cell or CSV: `99.9`, `>99.9`, `<0.1`, `100.0` in plain digits, no sign; '' without a share. */
export function formatSharePlain(part: number, whole: number): string {
  const r = roundShare(part, whole);
  return r ? `${r.bound ?? ''}${(r.scaled / 10).toFixed(1)}` : '';
}

/** `850 ms`, `12.4 s`, `3 min 5 s`, `2 h 4 min`; `—` for a missing duration. */
export function formatDuration(ms: number | null | undefined, locale?: string): string {
  if (ms == null || !Number.isFinite(ms) || ms < 0) return noValue;
  const number = (n: number, digits: number) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
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

/** Within this time a moment is named by its weekday ("Tue 14:05"); older ones by their date. */
const weekdayRangeMs = 6 * 24 * 3_600_000;

/**
 * A recent moment in few characters: `Tue 14:05` within the last six days, `12 Nov, 14:05` before (the
 * locale's order and clock). `timeZone` is for tests; surfaces use the user's own.
 */
export function formatRecentMoment(thenMs: number, nowMs: number, locale?: string, timeZone?: string): string {
  const recent = nowMs - thenMs < weekdayRangeMs;
  const options: Intl.DateTimeFormatOptions = recent
    ? { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone }
    : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone };
  return new Intl.DateTimeFormat(locale, options).format(thenMs);
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
    case 'manual':
      return t('Manual');
    case 'endpoint':
      return t('API');
    case 'scheduled':
      return t('Scheduled');
    default:
      return trigger;
  }
}

/** The first line of a possibly multi-line message, shortened for one-line surfaces. */
export function firstLine(text: string | null | undefined, max = 120): string {
  if (!text) return '';
  const line = text.split(/\r?\n/, 1)[0]!.trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
