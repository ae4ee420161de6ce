/**
 * Validation of the batch request body the way FastAPI/pydantic v2 does it: every field error is
 * collected into a 422 `{"detail": [{type, loc, msg, input, ctx?}]}` (the spec's HTTPValidationError).
 */
import type { AnalyticsFilters } from '../../src/core/api/schemas';
import { executionStatuses, granularities, triggerTypes } from '../../src/core/api/vocabulary';
import type { ExecutionStatus, Granularity, TriggerType, ValidFilters } from './model';
import { bucketCount, DAY_MS } from './time';

export interface ValidationErrorItem {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

export type FilterResult = { ok: true; filters: ValidFilters } | { ok: false; detail: ValidationErrorItem[] };

/** FastAPI's error for a body that is not JSON, at the position the parser stopped (every JSON route). */
export function jsonInvalid(err: unknown): ValidationErrorItem {
  const position = /position (\d+)/.exec(String(err))?.[1];
  return {
    type: 'json_invalid',
    loc: ['body', position === undefined ? 0 : Number(position)],
    msg: 'JSON decode error',
    input: {},
    ctx: { error: err instanceof Error ? err.message : String(err) },
  };
}

/** Pydantic's error for a body that is JSON but not an object (every route whose body is a model). */
export function notAnObject(body: unknown): ValidationErrorItem {
  return {
    type: 'model_attributes_type',
    loc: ['body'],
    msg: 'Input should be a valid dictionary or object to extract fields from',
    input: body,
  };
}

/** Hourly buckets over more than ~13 months would be unusable and expensive: refuse them. */
export const MAX_BUCKETS = 10_000;
/** Range used when start_date is absent: the 30 days before end_date. */
export const DEFAULT_RANGE_MS = 30 * DAY_MS;

/** pydantic's wording: "Input should be 'a', 'b' or 'c'". */
function enumWording(values: readonly string[]): string {
  const quoted = values.map((v) => `'${v}'`);
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

export interface ValidDate {
  ms: number;
  dateOnly: boolean;
}
export type ParsedDate = ValidDate | { error: string };

/**
 * ISO 8601 date-time (`2026-11-02T10:00:00Z`, offsets, fractions, naive = UTC) or a plain date
 * (`2026-11-02`, which pydantic also accepts for a datetime field).
 */
export function parseDateTime(text: string): ParsedDate {
  if (text.length < 10) return { error: 'input is too short' };
  const m = DATE_TIME.exec(text);
  if (!m) return { error: 'invalid datetime format' };
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12) return { error: 'month value is outside expected range of 1-12' };
  const dayStart = Date.UTC(year, month - 1, day);
  if (day < 1 || new Date(dayStart).getUTCDate() !== day) return { error: 'day value is outside expected range' };
  if (h === undefined) return { ms: dayStart, dateOnly: true };
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23 || minute > 59 || second > 59) return { error: 'time value is outside expected range' };
  const millis = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  let offsetMin = 0;
  if (zone !== undefined && zone !== 'Z' && zone !== 'z') {
    const zm = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
    const zh = Number(zm?.[2] ?? 0);
    const zmin = Number(zm?.[3] ?? 0);
    if (zh > 23 || zmin > 59) return { error: 'timezone offset is outside expected range' };
    offsetMin = (zm?.[1] === '-' ? -1 : 1) * (zh * 60 + zmin);
  }
  return { ms: dayStart + ((hour * 60 + minute - offsetMin) * 60 + second) * 1000 + millis, dateOnly: false };
}

function checkEnum<T extends string>(
  errors: ValidationErrorItem[],
  field: string,
  value: unknown,
  allowed: readonly T[],
  nullable: boolean,
): T | null | undefined {
  if (value === undefined) return undefined;
  if (value === null && nullable) return null;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  const expected = enumWording(allowed);
  errors.push({
    type: 'enum',
    loc: ['body', field],
    msg: `Input should be ${expected}`,
    input: value,
    ctx: { expected },
  });
  return undefined;
}

function checkDate(errors: ValidationErrorItem[], field: string, value: unknown): ValidDate | null | undefined {
  if (value === undefined || value === null) return value;
  if (typeof value !== 'string') {
    errors.push({ type: 'datetime_type', loc: ['body', field], msg: 'Input should be a valid datetime', input: value });
    return undefined;
  }
  const parsed = parseDateTime(value);
  if ('error' in parsed) {
    errors.push({
      type: 'datetime_from_date_parsing',
      loc: ['body', field],
      msg: `Input should be a valid datetime or date, ${parsed.error}`,
      input: value,
      ctx: { error: parsed.error },
    });
    return undefined;
  }
  return parsed;
}

/** Validates an already-parsed body (`undefined`/`null` = no body = all defaults). */
export function validateFilters(body: unknown, now: number): FilterResult {
  if (body === undefined || body === null) body = {};
  if (typeof body !== 'object' || Array.isArray(body)) return { ok: false, detail: [notAnObject(body)] };
  const b = body as Record<string, unknown>;
  const errors: ValidationErrorItem[] = [];
  const start = checkDate(errors, 'start_date', b.start_date);
  const end = checkDate(errors, 'end_date', b.end_date);
  // A missing granularity defaults to 'day'; an explicit null is invalid (the field is not nullable).
  const granularity =
    b.granularity === undefined
      ? 'day'
      : checkEnum<Granularity>(errors, 'granularity', b.granularity, granularities, false);
  let workflow: string | null = null;
  if (b.workflow_name !== undefined && b.workflow_name !== null) {
    if (typeof b.workflow_name === 'string') workflow = b.workflow_name;
    else
      errors.push({
        type: 'string_type',
        loc: ['body', 'workflow_name'],
        msg: 'Input should be a valid string',
        input: b.workflow_name,
      });
  }
  const trigger = checkEnum<TriggerType>(errors, 'triggered_by', b.triggered_by, triggerTypes, true);
  const status = checkEnum<ExecutionStatus>(errors, 'status', b.status, executionStatuses, true);
  if (errors.length > 0 || !granularity) return { ok: false, detail: errors };

  // A plain-date end covers its whole UTC day; a plain-date start is that day's 00:00 UTC.
  const endMs = end ? (end.dateOnly ? end.ms + DAY_MS - 1 : end.ms) : now;
  const startMs = start ? start.ms : endMs - DEFAULT_RANGE_MS;
  if (startMs > endMs) {
    const error = 'start_date must not be after end_date';
    return {
      ok: false,
      detail: [{ type: 'value_error', loc: ['body'], msg: `Value error, ${error}`, input: body, ctx: { error } }],
    };
  }
  const buckets = bucketCount(startMs, endMs, granularity);
  if (buckets > MAX_BUCKETS) {
    const error =
      `the range holds ${buckets} ${granularity} buckets, more than the maximum of ${MAX_BUCKETS}; ` +
      'use a coarser granularity or a shorter date range';
    return {
      ok: false,
      detail: [
        {
          type: 'value_error',
          loc: ['body', 'granularity'],
          msg: `Value error, ${error}`,
          input: granularity,
          ctx: { error },
        },
      ],
    };
  }
  return {
    ok: true,
    filters: {
      startMs,
      endMs,
      granularity,
      workflow_name: workflow,
      triggered_by: trigger ?? null,
      status: status ?? null,
    },
  };
}

/** Parses the raw request text, then validates. Invalid JSON is FastAPI's `json_invalid` error. */
export function parseBatchBody(text: string, now: number): FilterResult {
  if (text.trim() === '') return validateFilters(undefined, now);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    return { ok: false, detail: [jsonInvalid(err)] };
  }
  return validateFilters(body, now);
}

/** Convenience for tests and benchmarks: valid filters from a request body, or an exception. */
export function resolveFilters(body: AnalyticsFilters | undefined, now: number): ValidFilters {
  const result = validateFilters(body, now);
  if (!result.ok) throw new Error(`invalid filters: ${JSON.stringify(result.detail)}`);
  return result.filters;
}
