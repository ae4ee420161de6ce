/**
 * UTC time buckets. All bucketing is in UTC: Granite's API is timezone-less and documents none.
 * Weeks are ISO weeks (Monday 00:00 UTC), months are calendar months.
 */
import type { Granularity } from './model';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

const fixedSize: Record<Exclude<Granularity, 'month'>, number> = { hour: HOUR_MS, day: DAY_MS, week: WEEK_MS };

/** 1970-01-01 was a Thursday; the first Monday 00:00 UTC on or after the epoch is 4 days later. */
const MONDAY_EPOCH_OFFSET = 4 * DAY_MS;

/** Start of the bucket containing `ms`. */
export function bucketStart(ms: number, granularity: Granularity): number {
  switch (granularity) {
    case 'hour':
      return Math.floor(ms / HOUR_MS) * HOUR_MS;
    case 'day':
      return Math.floor(ms / DAY_MS) * DAY_MS;
    case 'week':
      return Math.floor((ms - MONDAY_EPOCH_OFFSET) / WEEK_MS) * WEEK_MS + MONDAY_EPOCH_OFFSET;
    case 'month': {
      const d = new Date(ms);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    }
  }
}

/** Start of the bucket after the one starting at `start`. */
export function nextBucketStart(start: number, granularity: Granularity): number {
  if (granularity === 'month') {
    const d = new Date(start);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return start + fixedSize[granularity];
}

function monthNumber(ms: number): number {
  const d = new Date(ms);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** Index of the bucket holding `ms`, counting from the bucket starting at `firstBucket`. */
export function bucketIndex(ms: number, firstBucket: number, granularity: Granularity): number {
  if (granularity === 'month') return monthNumber(ms) - monthNumber(firstBucket);
  return Math.floor((ms - firstBucket) / fixedSize[granularity]);
}

/** Number of buckets from the one containing `startMs` to the one containing `endMs`, both included. */
export function bucketCount(startMs: number, endMs: number, granularity: Granularity): number {
  if (endMs < startMs) return 0;
  const first = bucketStart(startMs, granularity);
  return bucketIndex(endMs, first, granularity) + 1;
}

/** Starts of every bucket from the one containing `startMs` to the one containing `endMs`. */
export function bucketStarts(startMs: number, endMs: number, granularity: Granularity): number[] {
  const out: number[] = [];
  if (endMs < startMs) return out;
  for (let t = bucketStart(startMs, granularity); t <= endMs; t = nextBucketStart(t, granularity)) out.push(t);
  return out;
}

/** `2026-11-02T00:00:00Z`: bucket times, whole seconds. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `2026-11-02T09:15:42.123Z`: execution timestamps keep their milliseconds. */
export function isoMillis(ms: number): string {
  return new Date(ms).toISOString();
}
