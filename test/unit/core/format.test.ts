import assert from 'node:assert/strict';
import {
  firstLine,
  formatAge,
  formatCount,
  formatDuration,
  formatRate,
  formatTimestamp,
  humanizeCategory,
  noValue,
  parseTimestamp,
  rateOf,
  triggerLabel,
} from '../../../src/core/format';

describe('format', () => {
  it('reads 100 % and 0 % only when exact, and shows no rate without runs', () => {
    assert.equal(formatRate(rateOf(10_000, 10_000), 'en-US'), '100%');
    assert.equal(formatRate(rateOf(9_999, 10_000), 'en-US'), '>99.9%');
    assert.equal(formatRate(rateOf(1, 10_000), 'en-US'), '<0.1%');
    assert.equal(formatRate(rateOf(0, 12), 'en-US'), '0%');
    assert.equal(formatRate(rateOf(0, 0), 'en-US'), noValue);
    assert.equal(formatRate(97.24, 'en-US'), '97.2%');
    assert.equal(formatRate(99.94, 'en-US'), '99.9%');
    assert.equal(formatRate(Number.NaN, 'en-US'), noValue);
  });

  it('uses the locale for decimals and grouping', () => {
    assert.equal(formatRate(97.25, 'de-DE'), '97,3%');
    assert.equal(formatCount(1204, 'en-US'), '1,204');
    assert.equal(formatCount(1204, 'de-DE'), '1.204');
  });

  it('prints durations in human units', () => {
    assert.equal(formatDuration(850, 'en-US'), '850 ms');
    assert.equal(formatDuration(12_400, 'en-US'), '12.4 s');
    assert.equal(formatDuration(185_000, 'en-US'), '3 min 5 s');
    assert.equal(formatDuration(180_000, 'en-US'), '3 min');
    assert.equal(formatDuration(7_440_000, 'en-US'), '2 h 4 min');
    assert.equal(formatDuration(null), noValue);
    assert.equal(formatDuration(-5), noValue);
  });

  it('prints ages relative to now', () => {
    const now = Date.UTC(2026, 10, 26, 12);
    assert.equal(formatAge(now - 10_000, now), 'just now');
    assert.equal(formatAge(now - 5 * 60_000, now), '5 min ago');
    assert.equal(formatAge(now - 3 * 3_600_000, now), '3 h ago');
    assert.equal(formatAge(now - 3 * 86_400_000, now), '3 days ago');
    assert.equal(formatAge(now + 60_000, now), 'just now');
  });

  it('parses API timestamps leniently, zone-less ones as UTC, and keeps odd ones as sent', () => {
    assert.equal(parseTimestamp('2026-11-26T12:00:00Z'), Date.UTC(2026, 10, 26, 12));
    assert.equal(parseTimestamp('2026-11-26T12:00:00'), Date.UTC(2026, 10, 26, 12));
    assert.equal(parseTimestamp('2026-11-26T12:00:00+01:00'), Date.UTC(2026, 10, 26, 11));
    assert.equal(parseTimestamp('yesterday-ish'), undefined);
    assert.equal(formatTimestamp('yesterday-ish'), 'yesterday-ish');
    assert.notEqual(formatTimestamp('2026-11-26T12:00:00Z', 'en-GB'), '2026-11-26T12:00:00Z');
  });

  it('humanises failure categories and labels triggers like Granite does', () => {
    assert.equal(humanizeCategory('element_not_found'), 'Element not found');
    assert.equal(humanizeCategory('ScriptError'), 'Script error');
    assert.equal(humanizeCategory('connection-lost'), 'Connection lost');
    assert.equal(humanizeCategory('  '), 'Unknown');
    assert.equal(triggerLabel('endpoint'), 'API');
    assert.equal(triggerLabel('scheduled'), 'Scheduled');
    assert.equal(triggerLabel('webhook'), 'webhook');
  });

  it('takes the first line of a message and shortens it', () => {
    assert.equal(firstLine('Timeout\n  at step 3'), 'Timeout');
    assert.equal(firstLine(null), '');
    assert.equal(firstLine('x'.repeat(200), 10), `${'x'.repeat(9)}…`);
  });
});
