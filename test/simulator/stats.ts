/** Small numeric helpers shared by the aggregation. */

/** Half-up rounding to `dp` decimals (rates: 2 dp, durations: 1 dp). */
export function round(value: number, dp: number): number {
  const f = 10 ** dp;
  return Math.round(value * f) / f;
}

/** completed / total × 100, rounded to 2 dp; 0 when there is nothing to divide by. */
export function rate(completed: number, total: number): number {
  return total > 0 ? round((completed / total) * 100, 2) : 0;
}

/** Mean rounded to 1 dp; 0 for no values. */
export function mean1(sum: number, count: number): number {
  return count > 0 ? round(sum / count, 1) : 0;
}

/**
 * Percentile of ascending-sorted values by linear interpolation between closest ranks
 * (numpy's default / PostgreSQL's percentile_cont): rank = p/100 × (n − 1).
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const rank = (p / 100) * (n - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

/** Index of the first element of an ascending array whose key is ≥ `value`. */
export function lowerBound<T>(items: readonly T[], value: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid] as T) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element of an ascending array whose key is > `value`. */
export function upperBound<T>(items: readonly T[], value: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid] as T) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Plain string ordering (not locale-aware), so sorting is the same everywhere. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
