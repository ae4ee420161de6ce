/**
 * Values the spec allows but that cannot be right: negative counts and durations, rates outside
 * 0–100 % or at odds with their own counts, triggers other than manual / endpoint / scheduled,
 * timestamps that do not parse, figures too large to be real. They are kept and shown as sent (the
 * spec is the contract, and a strict parser would hide real data); these warnings let the log and the
 * dashboard say that something looks off. Problems (sections the spec rejects) stay errors.
 */
import { formatRate, parseTimestamp } from '../format';
import { checkRate } from '../rates';
import type { BatchedAnalyticsResponse, SectionName } from './schemas';
import { triggerTypes } from './vocabulary';

export interface PlausibilityWarning {
  section: SectionName;
  /** A JSON path from the batch root, as in problems: `recent_failures.data[3].started_at`. */
  path: string;
  message: string;
}

const knownTriggers: readonly string[] = triggerTypes;

/**
 * The ISO 8601 shape Granite sends. V8's Date.parse reads every string of this shape (a unit test holds
 * it to that), so the usual timestamp skips Date.parse, which is most of the cost on a large batch.
 */
const isoShape =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?$/;

/** Whether the UI can read `text` as a time (the same answer as `parseTimestamp`, faster). */
export function timestampParses(text: string): boolean {
  return isoShape.test(text) || parseTimestamp(text) !== undefined;
}

/** A value as it appears in a message: numbers as JS prints them, strings quoted, escaped and clipped. */
function show(value: number | string): string {
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/** Collects warnings; the path of a value is only built when it is flagged (batches can be large). */
class Checker {
  readonly warnings: PlausibilityWarning[] = [];
  private section: SectionName = 'summary';
  private base = '';
  private index?: number;

  /** Where the next values are: `at('recent_failures', 'recent_failures.data', 3)`. */
  at(section: SectionName, base: string, index?: number): this {
    this.section = section;
    this.base = base;
    this.index = index;
    return this;
  }

  private warn(key: string, message: string): void {
    const path = this.index === undefined ? `${this.base}.${key}` : `${this.base}[${this.index}].${key}`;
    this.warnings.push({ section: this.section, path, message });
  }

  /** Beyond 2^53 a figure is not even exact; a number JSON.parse read as ±Infinity ends up here too. */
  private tooLarge(key: string, value: number): boolean {
    if (Math.abs(value) <= Number.MAX_SAFE_INTEGER) return false;
    this.warn(key, `Too large to be a real figure: ${show(value)}`);
    return true;
  }

  count(key: string, value: number): void {
    if (this.tooLarge(key, value)) return;
    if (value < 0) this.warn(key, `Negative count: ${show(value)}`);
  }

  duration(key: string, value: number | null | undefined): void {
    if (value == null || this.tooLarge(key, value)) return;
    if (value < 0) this.warn(key, `Negative duration: ${show(value)} ms`);
  }

  /** Only the size: a score's scale is undocumented. */
  figure(key: string, value: number): void {
    this.tooLarge(key, value);
  }

  /** A percentage 0–100, cross-checked against its counts when they make sense. */
  rate(key: string, value: number, completed?: number, total?: number): void {
    if (value < 0 || value > 100) {
      this.warn(key, `Rate outside 0–100 %: ${show(value)}`);
      return;
    }
    if (
      completed === undefined ||
      total === undefined ||
      completed < 0 ||
      total <= 0 ||
      total > Number.MAX_SAFE_INTEGER
    )
      return;
    const check = checkRate(value, completed, total);
    if (check.kind === 'consistent' || check.kind === 'no-runs') return;
    // Never `is 100 %` for 99,999 of 100,000: the same rounding as every surface.
    const expected = `${completed} of ${total} is ${formatRate({ part: completed, whole: total }, 'en-US')}`;
    this.warn(
      key,
      check.kind === 'fraction'
        ? `Rate ${show(value)} looks like a 0–1 fraction (${expected})`
        : `Rate ${show(value)} % does not match its counts (${expected})`,
    );
  }

  trigger(key: string, value: string): void {
    if (!knownTriggers.includes(value))
      this.warn(key, `Unknown trigger ${show(value)} (known: ${knownTriggers.join(', ')})`);
  }

  timestamp(key: string, value: string): void {
    if (!timestampParses(value)) this.warn(key, `Unparseable timestamp: ${show(value)}`);
  }
}

/** Every implausible value in the parsed sections, in section order. */
export function plausibilityWarnings(sections: Partial<BatchedAnalyticsResponse>): PlausibilityWarning[] {
  const c = new Checker();
  const s = sections;
  if (s.summary) {
    const v = s.summary;
    c.at('summary', 'summary');
    for (const key of ['total_executions', 'completed', 'total_failures', 'active_today', 'total_tokens'] as const)
      c.count(key, v[key]);
    c.duration('avg_duration_ms', v.avg_duration_ms);
    c.rate('success_rate', v.success_rate, v.completed, v.total_executions);
  }
  s.executions_over_time?.data.forEach((p, i) => {
    c.at('executions_over_time', 'executions_over_time.data', i).timestamp('time', p.time);
    for (const key of ['total', 'completed', 'failed', 'running', 'pending'] as const) c.count(key, p[key]);
  });
  s.success_rate?.data.forEach((p, i) => {
    c.at('success_rate', 'success_rate.data', i).timestamp('time', p.time);
    c.count('total', p.total);
    c.count('completed', p.completed);
    c.rate('success_rate', p.success_rate, p.completed, p.total);
  });
  if (s.failure_breakdown) {
    c.at('failure_breakdown', 'failure_breakdown').count('total_failures', s.failure_breakdown.total_failures);
    s.failure_breakdown.data.forEach((f, i) =>
      c.at('failure_breakdown', 'failure_breakdown.data', i).count('count', f.count),
    );
  }
  s.trigger_distribution?.data.forEach((t, i) => {
    c.at('trigger_distribution', 'trigger_distribution.data', i).trigger('trigger_type', t.trigger_type);
    c.count('count', t.count);
  });
  s.top_automations?.data.forEach((a, i) => {
    c.at('top_automations', 'top_automations.data', i);
    for (const key of ['executions', 'completed', 'failures'] as const) c.count(key, a[key]);
    c.rate('success_rate', a.success_rate, a.completed, a.executions);
    c.duration('avg_duration_ms', a.avg_duration_ms);
    c.timestamp('last_execution', a.last_execution);
  });
  if (s.duration_distribution) {
    const { stats, histogram } = s.duration_distribution;
    c.at('duration_distribution', 'duration_distribution.stats').count('total', stats.total);
    for (const key of ['avg_ms', 'min_ms', 'max_ms', 'p50_ms', 'p75_ms', 'p90_ms', 'p95_ms', 'p99_ms'] as const)
      c.duration(key, stats[key]);
    histogram.forEach((b, i) => {
      c.at('duration_distribution', 'duration_distribution.histogram', i).duration(
        'bucket_start_ms',
        b.bucket_start_ms,
      );
      c.duration('bucket_end_ms', b.bucket_end_ms);
      c.count('count', b.count);
    });
  }
  if (s.recent_failures) {
    const r = s.recent_failures;
    r.data.forEach((f, i) => {
      c.at('recent_failures', 'recent_failures.data', i).trigger('triggered_by', f.triggered_by);
      c.timestamp('started_at', f.started_at);
      c.duration('duration_ms', f.duration_ms);
    });
    c.at('recent_failures', 'recent_failures');
    for (const key of ['total', 'limit', 'offset'] as const) c.count(key, r[key]);
  }
  s.actions_per_workflow?.data.forEach((a, i) => {
    c.at('actions_per_workflow', 'actions_per_workflow.data', i);
    for (const key of ['clicks', 'keystrokes', 'scrolls', 'screenshots', 'total_steps'] as const) c.count(key, a[key]);
  });
  s.workflow_complexity?.data.forEach((w, i) => {
    c.at('workflow_complexity', 'workflow_complexity.data', i).figure('complexity_score', w.complexity_score);
    for (const key of ['total_steps', 'total_iterations', 'parameters_count'] as const) c.count(key, w[key]);
    c.rate('success_rate', w.success_rate);
    c.duration('avg_duration_ms', w.avg_duration_ms);
  });
  s.endpoint_usage?.data.forEach((e, i) => {
    c.at('endpoint_usage', 'endpoint_usage.data', i).count('invocations', e.invocations);
    c.count('success_count', e.success_count);
    c.rate('success_rate', e.success_rate, e.success_count, e.invocations);
    c.duration('avg_response_time_ms', e.avg_response_time_ms);
    c.duration('p95_response_time_ms', e.p95_response_time_ms);
  });
  return c.warnings;
}

/** One line for the log: `summary.completed: Negative count: -3; … and 4 more`. */
export function summariseWarnings(warnings: readonly PlausibilityWarning[], limit = 3): string {
  const shown = warnings.slice(0, limit).map((w) => `${w.path}: ${w.message}`);
  if (warnings.length > limit) shown.push(`… and ${warnings.length - limit} more`);
  return shown.join('; ');
}
