import assert from 'node:assert/strict';
import { parseBatch, summariseProblems, type ParsedBatch } from '../../../src/core/api/parseBatch';
import { RecentFailureItem, sectionNames, SummaryStats } from '../../../src/core/api/schemas';
import { aBatch } from '../builders/batchBuilder';

function parsed(doc: unknown): ParsedBatch {
  const outcome = parseBatch(doc);
  assert.ok(outcome.ok, `expected the batch to parse: ${JSON.stringify(outcome)}`);
  return outcome.batch;
}

describe('parseBatch', () => {
  it('accepts a spec-valid batch with every section and no problems', () => {
    const batch = parsed(aBatch().build());
    assert.deepEqual(Object.keys(batch.sections).sort(), [...sectionNames].sort());
    assert.deepEqual(batch.problems, []);
    assert.equal(batch.sections.summary?.success_rate, 90);
    assert.equal(batch.sections.recent_failures?.data[0]?.execution_id, 'exec_1');
  });

  it('applies the spec defaults: SummaryStats fields and series counts to 0, optional arrays to empty', () => {
    const batch = parsed(
      aBatch()
        .section('summary', {})
        .section('executions_over_time', { data: [{ time: '2026-11-01' }], granularity: 'day' })
        .section('success_rate', { data: [{ time: '2026-11-01' }], granularity: 'day' })
        .section('duration_distribution', { stats: {} })
        .section('failure_breakdown', { data: [{ category: 'timeout', count: 2 }] })
        .section('actions_per_workflow', { data: [{ workflow_name: 'A' }] })
        .build(),
    );
    assert.deepEqual(batch.sections.summary, {
      total_executions: 0,
      completed: 0,
      total_failures: 0,
      success_rate: 0,
      avg_duration_ms: 0,
      active_today: 0,
      total_tokens: 0,
    });
    assert.deepEqual(batch.sections.executions_over_time?.data[0], {
      time: '2026-11-01',
      total: 0,
      completed: 0,
      failed: 0,
      running: 0,
      pending: 0,
    });
    assert.deepEqual(batch.sections.success_rate?.data[0], {
      time: '2026-11-01',
      total: 0,
      completed: 0,
      success_rate: 0,
    });
    assert.deepEqual(batch.sections.duration_distribution?.histogram, []);
    assert.equal(batch.sections.duration_distribution?.stats.p95_ms, 0);
    assert.deepEqual(batch.sections.failure_breakdown?.data[0]?.sample_messages, []);
    assert.equal(batch.sections.failure_breakdown?.total_failures, 0);
    assert.deepEqual(batch.sections.actions_per_workflow?.data[0], {
      workflow_name: 'A',
      clicks: 0,
      keystrokes: 0,
      scrolls: 0,
      screenshots: 0,
      total_steps: 0,
    });
    assert.deepEqual(batch.problems, []);
  });

  it('gives each defaulted array its own instance', () => {
    const a = parsed(aBatch().section('duration_distribution', { stats: {} }).build());
    const b = parsed(aBatch().section('duration_distribution', { stats: {} }).build());
    a.sections.duration_distribution?.histogram.push({ bucket_start_ms: 0, bucket_end_ms: 1, count: 1 });
    assert.deepEqual(b.sections.duration_distribution?.histogram, []);
  });

  it('accepts null where the spec allows it (error_message, duration_ms) and their absence', () => {
    const batch = parsed(
      aBatch()
        .set('recent_failures.data.0.error_message', null)
        .set('recent_failures.data.0.duration_ms', null)
        .build(),
    );
    assert.equal(batch.sections.recent_failures?.data[0]?.error_message, null);
    assert.equal(batch.sections.recent_failures?.data[0]?.duration_ms, null);
    const without = parsed(
      aBatch().unset('recent_failures.data.0.error_message').unset('recent_failures.data.0.duration_ms').build(),
    );
    assert.equal(without.problems.length, 0);
  });

  it('keeps plain-string response fields as sent: unknown triggers, odd timestamps, granularities', () => {
    const batch = parsed(
      aBatch()
        .set('trigger_distribution.data.0.trigger_type', 'webhook')
        .set('recent_failures.data.0.triggered_by', 'carrier-pigeon')
        .set('recent_failures.data.0.started_at', 'yesterday-ish')
        .set('executions_over_time.granularity', 'fortnight')
        .set('top_automations.sort_by', 'vibes')
        .set('endpoint_usage.data.0.http_method', 'BREW')
        .build(),
    );
    assert.deepEqual(batch.problems, []);
    assert.equal(batch.sections.trigger_distribution?.data[0]?.trigger_type, 'webhook');
    assert.equal(batch.sections.recent_failures?.data[0]?.started_at, 'yesterday-ish');
    assert.equal(batch.sections.executions_over_time?.granularity, 'fortnight');
  });

  it('tolerates unknown extra fields at every level', () => {
    const doc = aBatch().build() as Record<string, unknown>;
    doc.queue_metrics = { data: [] };
    (doc.summary as Record<string, unknown>).failure_rate = 10;
    (doc.recent_failures as { data: Record<string, unknown>[] }).data[0]!.screenshot_url = 'https://x';
    const batch = parsed(doc);
    assert.deepEqual(batch.problems, []);
    assert.equal(batch.sections.summary?.total_executions, 10);
  });

  it('keeps the valid sections when one is malformed, and reports the bad one by name and JSON path', () => {
    const batch = parsed(aBatch().set('summary.total_executions', '12').build());
    assert.equal(batch.sections.summary, undefined);
    assert.equal(Object.keys(batch.sections).length, sectionNames.length - 1);
    assert.equal(batch.problems.length, 1);
    assert.equal(batch.problems[0]?.section, 'summary');
    assert.deepEqual(batch.problems[0]?.issues, [
      { path: 'summary.total_executions', message: 'Expected number, got string' },
    ]);
  });

  it('reports a deep path inside arrays', () => {
    const batch = parsed(aBatch().set('recent_failures.data.0.started_at', null).build());
    assert.equal(batch.problems[0]?.section, 'recent_failures');
    assert.equal(batch.problems[0]?.issues[0]?.path, 'recent_failures.data[0].started_at');
    assert.match(batch.problems[0]?.issues[0]?.message ?? '', /Expected string, got null/);
  });

  it('reports a missing section as missing', () => {
    const batch = parsed(aBatch().without('endpoint_usage').build());
    assert.deepEqual(batch.problems, [
      { section: 'endpoint_usage', issues: [{ path: 'endpoint_usage', message: 'Section is missing' }] },
    ]);
    assert.ok(batch.sections.summary);
  });

  it('rejects null where the spec requires a value, and non-integers where it says integer', () => {
    const batch = parsed(aBatch().set('summary.completed', null).set('top_automations.data.0.executions', 2.5).build());
    assert.deepEqual(batch.problems.map((p) => p.section).sort(), ['summary', 'top_automations']);
    const top = batch.problems.find((p) => p.section === 'top_automations');
    assert.equal(top?.issues[0]?.message, 'Expected an integer');
  });

  it('accepts integers beyond the safe range, as JSON Schema does', () => {
    const batch = parsed(aBatch().set('summary.total_tokens', 1e20).build());
    assert.equal(batch.sections.summary?.total_tokens, 1e20);
  });

  it('reads a JSON number beyond double range (JSON.parse gives Infinity) as the largest finite number', () => {
    // Found by the fuzz test: the spec allows any JSON number, zod rejects Infinity.
    const text = JSON.stringify(aBatch().build())
      .replace('"total_executions":10', '"total_executions":1e309')
      .replace('"min_ms":200', '"min_ms":-1e999');
    const batch = parsed(JSON.parse(text));
    assert.deepEqual(batch.problems, []);
    assert.equal(batch.sections.summary?.total_executions, Number.MAX_VALUE);
    assert.equal(batch.sections.duration_distribution?.stats.min_ms, -Number.MAX_VALUE);
    const broken = parsed(JSON.parse(text.replace('"completed":9,', '"completed":"9",')));
    assert.deepEqual(broken.problems, [
      { section: 'summary', issues: [{ path: 'summary.completed', message: 'Expected number, got string' }] },
    ]);
  });

  it('lists at most three issues per section', () => {
    const batch = parsed(
      aBatch()
        .section('summary', {
          total_executions: 'a',
          completed: 'b',
          total_failures: 'c',
          success_rate: 'd',
          active_today: 'e',
        })
        .build(),
    );
    assert.equal(batch.problems[0]?.issues.length, 3);
  });

  it('fails as not-an-object for arrays, null, strings and numbers', () => {
    for (const value of [[], null, 'batch', 42]) {
      const outcome = parseBatch(value);
      assert.equal(outcome.ok, false);
      if (!outcome.ok) assert.equal(outcome.reason, 'not-an-object');
    }
  });

  it('fails as every-section-invalid when no section validates', () => {
    const outcome = parseBatch({ detail: 'Not Found' });
    assert.equal(outcome.ok, false);
    if (!outcome.ok) {
      assert.equal(outcome.reason, 'every-section-invalid');
      assert.equal(outcome.problems.length, sectionNames.length);
    }
  });

  it('summarises problems in one line, capped', () => {
    const batch = parsed(aBatch().set('summary.completed', 'x').without('workflows').build());
    assert.equal(
      summariseProblems(batch.problems),
      'summary.completed: Expected number, got string; workflows: Section is missing',
    );
    assert.match(summariseProblems(batch.problems, 1), /… and 1 more$/);
  });
});

describe('schema objects', () => {
  it('use zod core’s JIT object path (the reason validation keeps pace with JSON.parse)', () => {
    for (const schema of [RecentFailureItem, SummaryStats]) {
      const traits = (schema as unknown as { _zod: { traits: Set<string> } })._zod.traits;
      assert.ok(traits.has('$ZodObjectJIT'), 'built on $ZodObjectJIT');
      assert.ok(traits.has('ZodMiniType'), 'and still a zod/mini type');
    }
  });
});
