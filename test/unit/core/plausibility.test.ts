import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseBatch, type ParsedBatch } from '../../../src/core/api/parseBatch';
import { plausibilityWarnings, summariseWarnings, timestampParses } from '../../../src/core/api/plausibility';
import type { AnalyticsFilters } from '../../../src/core/api/schemas';
import { granularities } from '../../../src/core/api/vocabulary';
import { implausibleNotice } from '../../../src/dashboard/protocol';
import { parseTimestamp } from '../../../src/core/format';
import { aggregateBatch } from '../../simulator/aggregate';
import { resolveFilters } from '../../simulator/filters';
import { generateDataset } from '../../simulator/generator';
import { aBatch } from '../builders/batchBuilder';

function parsed(doc: unknown): ParsedBatch {
  const outcome = parseBatch(doc);
  assert.ok(outcome.ok, JSON.stringify(outcome));
  return outcome.batch;
}

/** `path: message` of each warning, for compact assertions. */
const lines = (batch: ParsedBatch) => batch.warnings.map((w) => `${w.path}: ${w.message}`);

describe('plausibility warnings', () => {
  it('has none for a plausible batch', () => {
    assert.deepEqual(parsed(aBatch().build()).warnings, []);
  });

  it('has none for simulator batches over several datasets and filters', () => {
    const now = Date.UTC(2026, 10, 26, 9, 17);
    for (const seed of [1, 7, 42]) {
      const dataset = generateDataset({ seed, now, workflows: 12, days: 20, executions: 3000 });
      const bodies: AnalyticsFilters[] = [
        {},
        ...granularities.map((granularity) => ({ granularity })),
        { triggered_by: 'endpoint' },
        { status: 'failed' },
      ];
      for (const body of bodies) {
        const batch = parsed(aggregateBatch(dataset, resolveFilters(body, now), { now, liftLimits: false }));
        assert.deepEqual(lines(batch), [], `seed ${seed}, ${JSON.stringify(body)}`);
      }
    }
  });

  it('flags negative counts and durations, keeping the values', () => {
    const batch = parsed(
      aBatch()
        .set('summary.completed', -3)
        .set('executions_over_time.data.1.failed', -1)
        .set('recent_failures.data.0.duration_ms', -900)
        .set('duration_distribution.stats.p95_ms', -0.5)
        .set('recent_failures.offset', -20)
        .build(),
    );
    assert.deepEqual(lines(batch), [
      'summary.completed: Negative count: -3',
      'executions_over_time.data[1].failed: Negative count: -1',
      'duration_distribution.stats.p95_ms: Negative duration: -0.5 ms',
      'recent_failures.data[0].duration_ms: Negative duration: -900 ms',
      'recent_failures.offset: Negative count: -20',
    ]);
    assert.equal(batch.sections.summary?.completed, -3);
    assert.equal(batch.sections.recent_failures?.data[0]?.duration_ms, -900);
    assert.deepEqual(batch.problems, []);
  });

  it('flags rates outside 0–100 %, and rates at odds with their counts', () => {
    const batch = parsed(
      aBatch()
        .set('summary.success_rate', 0.9)
        .set('top_automations.data.0.success_rate', 250)
        .set('success_rate.data.0.success_rate', 40)
        .set('workflow_complexity.data.0.success_rate', -1)
        .build(),
    );
    assert.deepEqual(lines(batch), [
      'summary.success_rate: Rate 0.9 looks like a 0–1 fraction (9 of 10 is 90.0%)',
      'success_rate.data[0].success_rate: Rate 40 % does not match its counts (5 of 6 is 83.3%)',
      'top_automations.data[0].success_rate: Rate outside 0–100 %: 250',
      'workflow_complexity.data[0].success_rate: Rate outside 0–100 %: -1',
    ]);
  });

  it('does not cross-check a rate when there are no runs to check it against', () => {
    const batch = parsed(
      aBatch()
        .section('summary', { success_rate: 75 })
        .set('endpoint_usage.data.0.invocations', 0)
        .set('endpoint_usage.data.0.success_count', 0)
        .build(),
    );
    assert.deepEqual(lines(batch), []);
  });

  it('flags unknown triggers and unparseable timestamps, quoted and clipped', () => {
    const long = 'z'.repeat(500);
    const batch = parsed(
      aBatch()
        .set('trigger_distribution.data.1.trigger_type', 'webhook')
        .set('recent_failures.data.0.triggered_by', 'Manual')
        .set('recent_failures.data.0.started_at', 'yesterday-ish')
        .set('executions_over_time.data.0.time', long)
        .set('top_automations.data.0.last_execution', '')
        .build(),
    );
    assert.deepEqual(lines(batch), [
      `executions_over_time.data[0].time: Unparseable timestamp: "${'z'.repeat(40)}…"`,
      'trigger_distribution.data[1].trigger_type: Unknown trigger "webhook" (known: manual, endpoint, scheduled)',
      'top_automations.data[0].last_execution: Unparseable timestamp: ""',
      'recent_failures.data[0].triggered_by: Unknown trigger "Manual" (known: manual, endpoint, scheduled)',
      'recent_failures.data[0].started_at: Unparseable timestamp: "yesterday-ish"',
    ]);
    for (const w of batch.warnings) assert.equal(w.section, w.path.split(/[.[]/)[0]);
  });

  it('escapes control characters and lone surrogates in messages (one log line each)', () => {
    const batch = parsed(aBatch().set('recent_failures.data.0.triggered_by', 'a\nb\u0000\uD800').build());
    assert.equal(
      batch.warnings[0]?.message,
      'Unknown trigger "a\\nb\\u0000\\ud800" (known: manual, endpoint, scheduled)',
    );
  });

  it('keeps a number beyond double range (JSON.parse reads it as Infinity) and flags it', () => {
    const doc: unknown = JSON.parse(
      JSON.stringify(aBatch().build())
        .replace('"total_tokens":42', '"total_tokens":1e309')
        .replace('"max_ms":4000', '"max_ms":-1e400'),
    );
    assert.equal((doc as { summary: { total_tokens: number } }).summary.total_tokens, Infinity);
    const batch = parsed(doc);
    assert.deepEqual(batch.problems, []);
    assert.equal(batch.sections.summary?.total_tokens, Number.MAX_VALUE);
    assert.equal(batch.sections.duration_distribution?.stats.max_ms, -Number.MAX_VALUE);
    assert.deepEqual(lines(batch), [
      `summary.total_tokens: Too large to be a real figure: ${Number.MAX_VALUE}`,
      `duration_distribution.stats.max_ms: Too large to be a real figure: ${-Number.MAX_VALUE}`,
    ]);
  });

  it('judges timestamps exactly as parseTimestamp does (its ISO fast path never says yes wrongly)', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const isoLike = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        two(13),
        two(32),
        two(24),
        two(60),
        fc.option(two(60)),
        fc.option(fc.integer({ min: 0, max: 999_999_999 })),
        fc.constantFrom('', 'Z', '+00:00', '-05:30', '+23:59', '+24:00', '-12:60', 'z', ' '),
      )
      .map(
        ([y, mo, d, h, mi, s, frac, zone]) =>
          `${String(y).padStart(4, '0')}-${mo}-${d}T${h}:${mi}${s === null ? '' : `:${s}${frac === null ? '' : `.${frac}`}`}${zone}`,
      );
    fc.assert(
      fc.property(
        fc.oneof(
          isoLike,
          fc.string(),
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        ),
        (text) => {
          assert.equal(timestampParses(text), parseTimestamp(text) !== undefined, JSON.stringify(text));
        },
      ),
      { seed: 42, numRuns: 3000 },
    );
  });

  it('only looks at sections that parsed', () => {
    const batch = parsed(aBatch().set('summary.completed', -3).set('summary.total_executions', 'ten').build());
    assert.deepEqual(batch.warnings, []);
    assert.deepEqual(plausibilityWarnings({}), []);
  });

  it('summarises for the log and the dashboard', () => {
    const batch = parsed(
      aBatch()
        .set('summary.completed', -1)
        .set('summary.total_failures', -2)
        .set('summary.active_today', -3)
        .set('summary.total_tokens', -4)
        .build(),
    );
    assert.equal(
      summariseWarnings(batch.warnings, 2),
      'summary.completed: Negative count: -1; summary.total_failures: Negative count: -2; … and 2 more',
    );
    assert.deepEqual(implausibleNotice(batch.warnings)?.count, 4);
    assert.equal(implausibleNotice(batch.warnings)?.examples[3], 'summary.total_tokens: Negative count: -4');
    assert.equal(implausibleNotice([]), undefined);
  });
});
