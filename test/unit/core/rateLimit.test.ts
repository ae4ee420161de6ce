import assert from 'node:assert/strict';
import {
  maxWaitMs,
  nextAllowedAt,
  parseResetHeader,
  parseRetryAfter,
  readRateLimit,
} from '../../../src/core/api/rateLimit';

const now = Date.UTC(2026, 10, 26, 12, 0, 0);
const headers = (values: Record<string, string>) => new Headers(values);

describe('rate-limit headers', () => {
  it('reads X-RateLimit-Reset as epoch seconds (the documented example looks like that)', () => {
    assert.equal(parseResetHeader(String(now / 1000 + 600), now), now + 600_000);
  });

  it('reads a small Reset as a delta in seconds', () => {
    assert.equal(parseResetHeader('90', now), now + 90_000);
  });

  it('reads a Reset in epoch milliseconds', () => {
    assert.equal(parseResetHeader(String(now + 5000), now), now + 5000);
  });

  it('clamps a reset in the past to now and one far in the future to 24 hours', () => {
    assert.equal(parseResetHeader(String(now / 1000 - 3600), now), now);
    assert.equal(parseResetHeader(String(now / 1000 + 365 * 86400), now), now + maxWaitMs);
  });

  it('ignores malformed values', () => {
    for (const value of ['', 'soon', '-5', '1e9', 'NaN', '12abc'])
      assert.equal(parseResetHeader(value, now), undefined, value);
    assert.equal(parseResetHeader(null, now), undefined);
  });

  it('reads Retry-After as seconds or an HTTP date, clamped', () => {
    assert.equal(parseRetryAfter('120', now), now + 120_000);
    assert.equal(parseRetryAfter(new Date(now + 30_000).toUTCString(), now), now + 30_000);
    assert.equal(parseRetryAfter('99999999', now), now + maxWaitMs);
    assert.equal(parseRetryAfter('whenever', now), undefined);
  });

  it('collects every header into RateLimitInfo', () => {
    const info = readRateLimit(
      headers({
        'X-RateLimit-Limit': '100',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': String(now / 1000 + 60),
        'Retry-After': '30',
      }),
      now,
    );
    assert.deepEqual(info, { limit: 100, remaining: 0, resetAt: now + 60_000, retryAfterAt: now + 30_000 });
    assert.deepEqual(readRateLimit(headers({}), now), {});
  });

  it('waits for the later of reset and Retry-After only when limited or exhausted', () => {
    assert.equal(nextAllowedAt({ remaining: 5, resetAt: now + 60_000 }, false), undefined);
    assert.equal(nextAllowedAt({ remaining: 0, resetAt: now + 60_000 }, false), now + 60_000);
    assert.equal(nextAllowedAt({ resetAt: now + 60_000, retryAfterAt: now + 90_000 }, true), now + 90_000);
    assert.equal(nextAllowedAt({}, true), undefined);
  });
});
