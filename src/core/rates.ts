/**
 * Success rates are percentages 0–100 per Granite's docs; the model keeps them as sent. This cross-checks
 * a sent rate against its counts so the UI can flag a server that sends 0–1 fractions (or nonsense).
 */
import { rateOf } from './format';

export type RateCheck =
  | { kind: 'consistent' }
  /** The rate matches the counts only when read as a fraction (0.97 for 97 %). */
  | { kind: 'fraction'; expectedPercent: number }
  | { kind: 'mismatch'; expectedPercent: number }
  /** No terminal runs: the rate says nothing either way. */
  | { kind: 'no-runs' };

/** Half a point either way absorbs the server's rounding. */
const tolerance = 0.5;

export function checkRate(sentRate: number, completed: number, total: number): RateCheck {
  const expected = rateOf(completed, total);
  if (expected === undefined) return { kind: 'no-runs' };
  if (Math.abs(sentRate - expected) <= tolerance) return { kind: 'consistent' };
  // 0.5 % means nothing as a fraction check when the expected rate is itself tiny.
  if (expected >= 1 && sentRate <= 1 && Math.abs(sentRate * 100 - expected) <= tolerance) {
    return { kind: 'fraction', expectedPercent: expected };
  }
  return { kind: 'mismatch', expectedPercent: expected };
}
