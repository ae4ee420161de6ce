/**
 * Test data builder for batch documents: a small, spec-valid batch by default, changed with fluent calls,
 * so each test states only what it is about (after vscode-pull-request-github's `src/test/builders`).
 */
import type { BatchedAnalyticsResponseInput, SectionName } from '../../../src/core/api/schemas';

type Json = Record<string, unknown>;

export class BatchBuilder {
  private readonly doc: Json;

  constructor() {
    this.doc = {
      summary: {
        total_executions: 10,
        completed: 9,
        total_failures: 1,
        success_rate: 90,
        avg_duration_ms: 1234.5,
        active_today: 3,
        total_tokens: 42,
      },
      executions_over_time: {
        data: [
          { time: '2026-11-01T00:00:00Z', total: 6, completed: 5, failed: 1, running: 0, pending: 0 },
          { time: '2026-11-02T00:00:00Z', total: 5, completed: 4, failed: 0, running: 1, pending: 0 },
        ],
        granularity: 'day',
      },
      success_rate: {
        data: [
          { time: '2026-11-01T00:00:00Z', total: 6, completed: 5, success_rate: 83.33 },
          { time: '2026-11-02T00:00:00Z', total: 4, completed: 4, success_rate: 100 },
        ],
        granularity: 'day',
      },
      failure_breakdown: {
        data: [{ category: 'element_not_found', count: 1, sample_messages: ['Button "Submit" not found'] }],
        total_failures: 1,
      },
      trigger_distribution: {
        data: [
          { trigger_type: 'manual', count: 7 },
          { trigger_type: 'endpoint', count: 4 },
        ],
      },
      top_automations: {
        data: [
          {
            workflow_name: 'Invoice Intake',
            executions: 10,
            completed: 9,
            failures: 1,
            success_rate: 90,
            avg_duration_ms: 1234.5,
            last_execution: '2026-11-02T10:00:00Z',
          },
        ],
        sort_by: 'executions',
      },
      duration_distribution: {
        stats: {
          total: 10,
          avg_ms: 1234.5,
          min_ms: 200,
          max_ms: 4000,
          p50_ms: 1000,
          p75_ms: 1500,
          p90_ms: 3000,
          p95_ms: 3500,
          p99_ms: 3900,
        },
        histogram: [{ bucket_start_ms: 0, bucket_end_ms: 5000, count: 10 }],
      },
      recent_failures: {
        data: [
          {
            execution_id: 'exec_1',
            run_id: 'run_1',
            workflow_name: 'Invoice Intake',
            error_category: 'element_not_found',
            error_message: 'Button "Submit" not found',
            triggered_by: 'manual',
            started_at: '2026-11-01T09:00:00Z',
            duration_ms: 900,
          },
        ],
        total: 1,
        limit: 20,
        offset: 0,
      },
      actions_per_workflow: {
        data: [
          {
            workflow_name: 'Invoice Intake',
            clicks: 40,
            keystrokes: 120,
            scrolls: 5,
            screenshots: 12,
            total_steps: 60,
          },
        ],
      },
      workflow_complexity: {
        data: [
          {
            workflow_name: 'Invoice Intake',
            complexity_score: 14.5,
            total_steps: 6,
            total_iterations: 12,
            parameters_count: 3,
            success_rate: 90,
            avg_duration_ms: 1234.5,
          },
        ],
      },
      endpoint_usage: {
        data: [
          {
            endpoint_slug: 'invoice-intake',
            http_method: 'POST',
            invocations: 4,
            success_count: 4,
            success_rate: 100,
            avg_response_time_ms: 1100,
            p95_response_time_ms: 1900,
          },
        ],
      },
      workflows: ['Invoice Intake', 'Payroll Export'],
    } satisfies BatchedAnalyticsResponseInput;
  }

  /** Replaces a whole section with anything (valid or not). */
  section(name: SectionName, value: unknown): this {
    this.doc[name] = value;
    return this;
  }

  without(name: SectionName): this {
    delete this.doc[name];
    return this;
  }

  /** Sets a value at a dotted path such as `summary.total_executions` or `recent_failures.data.0.duration_ms`. */
  set(path: string, value: unknown): this {
    const keys = path.split('.');
    let target: Json = this.doc;
    for (const key of keys.slice(0, -1)) target = target[key] as Json;
    target[keys[keys.length - 1]!] = value;
    return this;
  }

  /** Deletes the value at a dotted path. */
  unset(path: string): this {
    const keys = path.split('.');
    let target: Json = this.doc;
    for (const key of keys.slice(0, -1)) target = target[key] as Json;
    delete target[keys[keys.length - 1]!];
    return this;
  }

  build(): Json {
    return structuredClone(this.doc);
  }
}

export const aBatch = (): BatchBuilder => new BatchBuilder();
