/**
 * Labels for time-series buckets. Hourly buckets are instants, shown in the viewer's local time; day,
 * week and month buckets are UTC periods (Granite buckets in UTC), labelled by their UTC date so a
 * viewer west of Greenwich does not see every day shifted back by one.
 */
import { parseTimestamp } from '../core/format';

export interface BucketLabels {
  /** Short label for each bucket, for axis ticks. */
  short: string[];
  /** The longer label of bucket `i`, for tooltips and tables (made on demand: most are never shown). */
  long(i: number): string;
}

type Style = Intl.DateTimeFormatOptions;

const styles: Record<string, { short: Style; long: Style; utc: boolean }> = {
  hour: {
    short: { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' },
    long: { dateStyle: 'medium', timeStyle: 'short' },
    utc: false,
  },
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

// Executions and success rate share their buckets: the labels of the last series are reused.
let last: { key: string; labels: BucketLabels } | undefined;

/** Labels for each bucket's `time`; a time that does not parse is shown as sent. */
export function bucketLabels(times: readonly string[], granularity: string, locale?: string): BucketLabels {
  const key = `${granularity}\u0000${locale ?? ''}\u0000${times.join('\u0000')}`;
  if (last?.key === key) return last.labels;
  const style = styles[granularity] ?? styles.day!;
  const zone = style.utc ? { timeZone: 'UTC' } : {};
  const loc = safeLocale(locale);
  const short = new Intl.DateTimeFormat(loc, { ...style.short, ...zone });
  let long: Intl.DateTimeFormat | undefined;
  const prefix = granularity === 'week' ? 'Week of ' : '';
  const ms = times.map((time) => parseTimestamp(time));
  const labels: BucketLabels = {
    short: ms.map((m, i) => (m === undefined ? times[i]! : short.format(m))),
    long: (i) => {
      const m = ms[i];
      if (m === undefined) return times[i] ?? '';
      long ??= new Intl.DateTimeFormat(loc, { ...style.long, ...zone });
      return prefix + long.format(m);
    },
  };
  last = { key, labels };
  return labels;
}
