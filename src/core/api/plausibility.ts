/**
 * Values the spec allows but that cannot be right: negative counts and durations, rates outside
 * 0–100 % or at odds with their own counts, triggers other than manual / endpoint / scheduled,
 * timestamps that do not parse, figures too large to be real. They are kept and shown as sent (the
 * spec is the contract, and a strict parser would hide real data); these warnings let the log and the
 * dashboard say that something looks off. Problems (sections the spec rejects) stay errors.
 */
import { parseTimestamp } from '../format';
import { checkRate } from '../rates';
import { triggerTypes, type BatchedAnalyticsResponse, type SectionName } from './schemas';

export interface PlausibilityWarning {
  section: SectionName;
  /** A JSON path from the batch root, as in problems: `recent_failures.data[3].started_at`. */
  path: string;
  message: string;
}

const knownTriggers: readonly string[] = triggerTypes;

/** A value as it appears in a message: numbers as JS prints them, strings quoted, escaped and clipped. */
function show(value: number | string): string {
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

const ratio = (completed: number, total: number) => (completed / total) * 100;

class Checker {
  readonly warnings: PlausibilityWarning[] = [];
  private section: SectionName = 'summary';

  in(section: SectionName): this {
    this.section = section;
    return this;
  }

  private warn(path: string, message: string): void {
    this.warnings.push({ section: this.section, path, message });
  }

  /** Beyond 2^53 a figure is not even exact; a number JSON.parse read as ±Infinity ends up here too. */
  private tooLarge(path: string, value: number): boolean {
    if (Math.abs(value) <= Number.MAX_SAFE_INTEGER) return false;
    this.warn(path, `Too large to be a real figure: ${show(value)}`);
    return true;
  }

  count(path: string, value: number): void {
    if (this.tooLarge(path, value)) return;
    if (value < 0) this.warn(path, `Negative count: ${show(value)}`);
  }

  duration(path: string, value: number | null | undefined): void {
    if (value == null || this.tooLarge(path, value)) return;
    if (value < 0) this.warn(path, `Negative duration: ${show(value)} ms`);
  }

  /** Only the size: a score's scale is undocumented. */
  figure(path: string, value: number): void {
    this.tooLarge(path, value);
  }

  /** A percentage 0–100, cross-checked against its counts when they make sense. */
  rate(path: string, value: number, completed?: number, total?: number): void {
    if (value < 0 || value > 100) {
      this.warn(path, `Rate outside 0–100 %: ${show(value)}`);
      return;
    }
    if (completed === undefined || total === undefined || completed < 0 || total <= 0 || total > Number.MAX_SAFE_INTEGER) return;
    const check = checkRate(value, completed, total);
    const expected = `${completed} of ${total} is ${Math.round(ratio(completed, total) * 100) / 100} %`;
    if (check.kind === 'fraction') this.warn(path, `Rate ${show(value)} looks like a 0–1 fraction (${expected})`);
    else if (check.kind === 'mismatch') this.warn(path, `Rate ${show(value)} % does not match its counts (${expected})`);
  }

  trigger(path: string, value: string): void {
    if (!knownTriggers.includes(value)) this.warn(path, `Unknown trigger ${show(value)} (known: ${knownTriggers.join(', ')})`);
  }

  timestamp(path: string, value: string): void {
    if (parseTimestamp(value) === undefined) this.warn(path, `Unparseable timestamp: ${show(value)}`);
  }
}

/** Every implausible value in the parsed sections, in section order. */
export function plausibilityWarnings(sections: Partial<BatchedAnalyticsResponse>): PlausibilityWarning[] {
  const c = new Checker();
  const s = sections;
  if (s.summary) {
    const v = s.summary;
    c.in('summary');
    for (const key of ['total_executions', 'completed', 'total_failures', 'active_today', 'total_tokens'] as const) c.count(`summary.${key}`, v[key]);
    c.duration('summary.avg_duration_ms', v.avg_duration_ms);
    c.rate('summary.success_rate', v.success_rate, v.completed, v.total_executions);
  }
  s.executions_over_time?.data.forEach((p, i) => {
    const at = `executions_over_time.data[${i}]`;
    c.in('executions_over_time').timestamp(`${at}.time`, p.time);
    for (const key of ['total', 'completed', 'failed', 'running', 'pending'] as const) c.count(`${at}.${key}`, p[key]);
  });
  s.success_rate?.data.forEach((p, i) => {
    const at = `success_rate.data[${i}]`;
    c.in('success_rate').timestamp(`${at}.time`, p.time);
    c.count(`${at}.total`, p.total);
    c.count(`${at}.completed`, p.completed);
    c.rate(`${at}.success_rate`, p.success_rate, p.completed, p.total);
  });
  if (s.failure_breakdown) {
    c.in('failure_breakdown').count('failure_breakdown.total_failures', s.failure_breakdown.total_failures);
    s.failure_breakdown.data.forEach((f, i) => c.count(`failure_breakdown.data[${i}].count`, f.count));
  }
  s.trigger_distribution?.data.forEach((t, i) => {
    c.in('trigger_distribution').trigger(`trigger_distribution.data[${i}].trigger_type`, t.trigger_type);
    c.count(`trigger_distribution.data[${i}].count`, t.count);
  });
  s.top_automations?.data.forEach((a, i) => {
    const at = `top_automations.data[${i}]`;
    c.in('top_automations');
    for (const key of ['executions', 'completed', 'failures'] as const) c.count(`${at}.${key}`, a[key]);
    c.rate(`${at}.success_rate`, a.success_rate, a.completed, a.executions);
    c.duration(`${at}.avg_duration_ms`, a.avg_duration_ms);
    c.timestamp(`${at}.last_execution`, a.last_execution);
  });
  if (s.duration_distribution) {
    const { stats, histogram } = s.duration_distribution;
    c.in('duration_distribution').count('duration_distribution.stats.total', stats.total);
    for (const key of ['avg_ms', 'min_ms', 'max_ms', 'p50_ms', 'p75_ms', 'p90_ms', 'p95_ms', 'p99_ms'] as const) c.duration(`duration_distribution.stats.${key}`, stats[key]);
    histogram.forEach((b, i) => {
      const at = `duration_distribution.histogram[${i}]`;
      c.duration(`${at}.bucket_start_ms`, b.bucket_start_ms);
      c.duration(`${at}.bucket_end_ms`, b.bucket_end_ms);
      c.count(`${at}.count`, b.count);
    });
  }
  if (s.recent_failures) {
    const r = s.recent_failures;
    c.in('recent_failures');
    r.data.forEach((f, i) => {
      const at = `recent_failures.data[${i}]`;
      c.trigger(`${at}.triggered_by`, f.triggered_by);
      c.timestamp(`${at}.started_at`, f.started_at);
      c.duration(`${at}.duration_ms`, f.duration_ms);
    });
    for (const key of ['total', 'limit', 'offset'] as const) c.count(`recent_failures.${key}`, r[key]);
  }
  s.actions_per_workflow?.data.forEach((a, i) => {
    c.in('actions_per_workflow');
    for (const key of ['clicks', 'keystrokes', 'scrolls', 'screenshots', 'total_steps'] as const) c.count(`actions_per_workflow.data[${i}].${key}`, a[key]);
  });
  s.workflow_complexity?.data.forEach((w, i) => {
    const at = `workflow_complexity.data[${i}]`;
    c.in('workflow_complexity').figure(`${at}.complexity_score`, w.complexity_score);
    for (const key of ['total_steps', 'total_iterations', 'parameters_count'] as const) c.count(`${at}.${key}`, w[key]);
    c.rate(`${at}.success_rate`, w.success_rate);
    c.duration(`${at}.avg_duration_ms`, w.avg_duration_ms);
  });
  s.endpoint_usage?.data.forEach((e, i) => {
    const at = `endpoint_usage.data[${i}]`;
    c.in('endpoint_usage').count(`${at}.invocations`, e.invocations);
    c.count(`${at}.success_count`, e.success_count);
    c.rate(`${at}.success_rate`, e.success_rate, e.success_count, e.invocations);
    c.duration(`${at}.avg_response_time_ms`, e.avg_response_time_ms);
    c.duration(`${at}.p95_response_time_ms`, e.p95_response_time_ms);
  });
  return c.warnings;
}

/** One line for the log: `summary.completed: Negative count: -3; … and 4 more`. */
export function summariseWarnings(warnings: readonly PlausibilityWarning[], limit = 3): string {
  const shown = warnings.slice(0, limit).map((w) => `${w.path}: ${w.message}`);
  if (warnings.length > limit) shown.push(`… and ${warnings.length - limit} more`);
  return shown.join('; ');
}
