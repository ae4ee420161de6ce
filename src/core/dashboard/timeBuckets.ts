/**
 * Labels for time-series buckets. Hourly buckets are instants, shown in the viewer's local time; day,
 * week and month buckets are UTC periods (Granite buckets in UTC), labelled by their UTC date so a
 * viewer west of Greenwich does not see every day shifted back by one.
 */
import { parseTimestamp } from '../format';

export interface BucketLabels {
  /** Short label for an axis tick. */
  short: string[];
  /** Longer label for tooltips and tables. */
  long: string[];
}

type Style = Intl.DateTimeFormatOptions;

const styles: Record<string, { short: Style; long: Style; utc: boolean }> = {
  hour: { short: { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }, long: { dateStyle: 'medium', timeStyle: 'short' }, utc: false },
  day: { short: { month: 'short', day: 'numeric' }, long: { dateStyle: 'medium' }, utc: true },
  week: { short: { month: 'short', day: 'numeric' }, long: { dateStyle: 'medium' }, utc: true },
  month: { short: { month: 'short', year: 'numeric' }, long: { month: 'long', year: 'numeric' }, utc: true },
};

/** A locale Intl accepts, or undefined (the runtime default) for anything it would reject. */
export function safeLocale(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch {
    return undefined;
  }
}

/** Labels for each bucket's `time`; a time that does not parse is shown as sent. */
export function bucketLabels(times: readonly string[], granularity: string, locale?: string): BucketLabels {
  const style = styles[granularity] ?? styles.day!;
  const zone = style.utc ? { timeZone: 'UTC' } : {};
  const loc = safeLocale(locale);
  const short = new Intl.DateTimeFormat(loc, { ...style.short, ...zone });
  const long = new Intl.DateTimeFormat(loc, { ...style.long, ...zone });
  const prefix = granularity === 'week' ? 'Week of ' : '';
  const out: BucketLabels = { short: [], long: [] };
  for (const time of times) {
    const ms = parseTimestamp(time);
    out.short.push(ms === undefined ? time : short.format(ms));
    out.long.push(ms === undefined ? time : prefix + long.format(ms));
  }
  return out;
}
