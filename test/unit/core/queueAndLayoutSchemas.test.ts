/**
 * The zod schemas of queue metrics and the dashboard layout: valid bodies pass, the spec's defaults are
 * filled in, unknown widget types and fields are tolerated, and an invalid body is refused with a
 * problem that names the field.
 */
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { DashboardLayout, describeIssues, QueueMetricsResponse } from '../../../src/core/api/queueAndLayoutSchemas';

function problem(schema: z.ZodMiniType, value: unknown): string {
  const parsed = z.safeParse(schema, value);
  assert.equal(parsed.success, false, `expected ${JSON.stringify(value)} to be refused`);
  return describeIssues(parsed.error);
}

describe('queue metrics and layout schemas', () => {
  it('a full queue metrics body parses as sent', () => {
    const body = {
      data: [
        {
          time: '2026-11-26T09:00:00Z',
          total_queued: 3,
          avg_wait_ms: 2000,
          p50_wait_ms: 2000,
          p95_wait_ms: 2900.5,
          max_wait_ms: 3000,
        },
      ],
      granularity: 'hour',
    };
    assert.deepEqual(z.parse(QueueMetricsResponse, body), body);
  });

  it('queue metrics: absent figures default to 0, an unknown granularity and extra keys are tolerated', () => {
    const parsed = z.parse(QueueMetricsResponse, {
      data: [{ time: 'x', extra: 1 }],
      granularity: 'fortnight',
      more: true,
    });
    assert.deepEqual(parsed, {
      data: [{ time: 'x', total_queued: 0, avg_wait_ms: 0, p50_wait_ms: 0, p95_wait_ms: 0, max_wait_ms: 0 }],
      granularity: 'fortnight',
    });
  });

  it('queue metrics: missing required keys, wrong types and non-integers are refused, by field', () => {
    assert.match(problem(QueueMetricsResponse, { data: [] }), /^granularity: /);
    assert.match(problem(QueueMetricsResponse, { granularity: 'hour' }), /^data: /);
    assert.match(
      problem(QueueMetricsResponse, { data: [{ total_queued: 1 }], granularity: 'hour' }),
      /^data\.0\.time: /,
    );
    assert.match(
      problem(QueueMetricsResponse, { data: [{ time: 't', total_queued: 1.5 }], granularity: 'hour' }),
      /^data\.0\.total_queued: Expected an integer/,
    );
    assert.match(
      problem(QueueMetricsResponse, { data: [{ time: 't', max_wait_ms: '9' }], granularity: 'hour' }),
      /^data\.0\.max_wait_ms: /,
    );
    assert.match(
      problem(QueueMetricsResponse, { data: [{ time: 't', p95_wait_ms: null }], granularity: 'hour' }),
      /^data\.0\.p95_wait_ms: /,
    );
  });

  it('a layout: defaults visible = true, order = 0, width = half; updated_at optional and nullable', () => {
    const parsed = z.parse(DashboardLayout, { widgets: [{ id: 'summary', type: 'summary' }] });
    assert.deepEqual(parsed, { widgets: [{ id: 'summary', type: 'summary', visible: true, order: 0, width: 'half' }] });
    const full = {
      widgets: [{ id: 'q', type: 'queue_metrics', visible: false, order: -2, width: 'third' }],
      updated_at: '2026-11-26T12:00:00.000Z',
    };
    assert.deepEqual(z.parse(DashboardLayout, full), full);
    assert.equal(z.parse(DashboardLayout, { widgets: [], updated_at: null }).updated_at, null);
  });

  it('a layout keeps widget types it does not know, and drops unknown fields', () => {
    const parsed = z.parse(DashboardLayout, {
      widgets: [{ id: 'g1', type: 'GraniteOnlyHeatmap', width: 'full', colour: 'red' }],
      theme: 'dark',
    });
    assert.deepEqual(parsed, {
      widgets: [{ id: 'g1', type: 'GraniteOnlyHeatmap', visible: true, order: 0, width: 'full' }],
    });
  });

  it('an invalid layout is refused with the field named', () => {
    assert.match(problem(DashboardLayout, {}), /^widgets: /);
    assert.match(problem(DashboardLayout, { widgets: {} }), /^widgets: /);
    assert.match(problem(DashboardLayout, { widgets: [{ type: 'summary' }] }), /^widgets\.0\.id: /);
    assert.match(
      problem(DashboardLayout, { widgets: [{ id: 'a', type: 'summary', width: 'quarter' }] }),
      /^widgets\.0\.width: /,
    );
    assert.match(
      problem(DashboardLayout, { widgets: [{ id: 'a', type: 'summary', order: 1.5 }] }),
      /^widgets\.0\.order: Expected an integer/,
    );
    assert.match(
      problem(DashboardLayout, { widgets: [{ id: 'a', type: 'summary', visible: 'yes' }] }),
      /^widgets\.0\.visible: /,
    );
    assert.match(problem(DashboardLayout, { widgets: [{ id: 'a', type: 7 }] }), /^widgets\.0\.type: /);
    assert.match(problem(DashboardLayout, { widgets: [], updated_at: 5 }), /^updated_at: /);
    assert.match(problem(DashboardLayout, null), /^Invalid input/);
  });

  it('describeIssues lists at most three problems and counts the rest', () => {
    const text = problem(DashboardLayout, { widgets: [1, 2, 3, 4, 5] });
    assert.equal(text.split('; ').length, 4);
    assert.match(text, /and 2 more$/);
  });
});
