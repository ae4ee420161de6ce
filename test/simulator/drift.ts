/**
 * Schema drift: the real batch response, changed the way a server upgrade might change it. Each
 * variant breaks (or, for extraFields, does not break) exactly the named section, so a client can be
 * checked to keep every other section.
 */
import type { SectionName } from '../../src/core/api/schemas';
import type { DriftKind } from './faults';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A type the spec forbids at one place in the section: a number as a string, an object for an array. */
function wrongType(section: SectionName, value: Json): unknown {
  switch (section) {
    case 'summary':
      return { ...value, total_executions: String(value.total_executions) };
    case 'failure_breakdown':
      return { ...value, total_failures: String(value.total_failures) };
    case 'recent_failures':
      return { ...value, total: String(value.total) };
    case 'duration_distribution': {
      const stats = isObject(value.stats) ? value.stats : {};
      return { ...value, stats: { ...stats, total: String(stats.total) } };
    }
    case 'workflows':
      return '';
    default:
      return { ...value, data: {} };
  }
}

/** A null where the spec requires a value (no `anyOf [..., null]` there). */
function nullValue(section: SectionName, value: Json): unknown {
  switch (section) {
    case 'summary':
      return { ...value, total_executions: null };
    case 'executions_over_time':
    case 'success_rate':
      return { ...value, granularity: null };
    case 'failure_breakdown':
      return { ...value, total_failures: null };
    case 'top_automations':
      return { ...value, sort_by: null };
    case 'recent_failures':
      return { ...value, total: null };
    case 'duration_distribution': {
      const stats = isObject(value.stats) ? value.stats : {};
      return { ...value, stats: { ...stats, p50_ms: null } };
    }
    case 'workflows':
      return null;
    default:
      return { ...value, data: null };
  }
}

/** Fields the spec does not know, at the section level and in every list item: still valid. */
function withExtraFields(value: unknown): unknown {
  if (!isObject(value)) return value;
  const out: Json = { ...value, cache_hit: false };
  for (const [key, v] of Object.entries(value)) {
    if (Array.isArray(v))
      out[key] = (v as unknown[]).map((item, i) => (isObject(item) ? { ...item, rank: i + 1, tags: ['beta'] } : item));
    else if (isObject(v)) out[key] = { ...v, unit: 'ms' };
  }
  return out;
}

/** Returns a drifted copy of a batch (the input is not modified). */
export function applyDrift(batch: Json, drift: DriftKind, section?: SectionName): Json {
  const out: Json = { ...batch };
  const target: SectionName = section ?? 'summary';
  const value = isObject(out[target]) || Array.isArray(out[target]) ? out[target] : {};
  switch (drift) {
    case 'missingSection':
      delete out[target];
      return out;
    case 'wrongType':
      out[target] = wrongType(target, value as Json);
      return out;
    case 'nullValue':
      out[target] = nullValue(target, value as Json);
      return out;
    case 'extraFields': {
      const names = section ? [section] : Object.keys(out);
      for (const name of names) out[name] = withExtraFields(out[name]);
      // A section this client has never heard of, and response metadata.
      out.queue_metrics = { data: [], granularity: 'hour' };
      out._meta = { api_version: '1.1.0', generated_in_ms: 12 };
      return out;
    }
  }
}
