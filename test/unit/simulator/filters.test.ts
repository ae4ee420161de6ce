/**
 * Request validation, FastAPI/pydantic style: 422 detail items, defaults, date parsing and limits.
 */
import assert from 'node:assert/strict';
import { HTTPValidationError } from '../../../src/core/api/schemas';
import {
  DEFAULT_RANGE_MS,
  MAX_BUCKETS,
  parseBatchBody,
  parseDateTime,
  validateFilters,
  type FilterResult,
} from '../../simulator/filters';

const now = Date.UTC(2026, 10, 26, 12, 34, 56);

function errors(result: FilterResult) {
  assert.equal(result.ok, false, 'expected a validation error');
  if (result.ok) throw new Error('unreachable');
  // Every 422 body must be the spec's HTTPValidationError.
  assert.equal(HTTPValidationError.safeParse({ detail: result.detail }).success, true);
  return result.detail;
}

function filters(result: FilterResult) {
  if (!result.ok) assert.fail(`unexpected errors ${JSON.stringify(result.detail)}`);
  return result.filters;
}

describe('simulator filters: defaults', () => {
  for (const [label, text] of [
    ['an empty body', ''],
    ['{}', '{}'],
    ['null', 'null'],
    ['whitespace', ' \n'],
  ] as const) {
    it(`${label}: the 30 days up to now, daily, no filters`, () => {
      assert.deepEqual(filters(parseBatchBody(text, now)), {
        startMs: now - 30 * 86_400_000,
        endMs: now,
        granularity: 'day',
        workflow_name: null,
        triggered_by: null,
        status: null,
      });
    });
  }

  it('explicit nulls are the same as absent filters', () => {
    const f = filters(
      validateFilters({ start_date: null, end_date: null, workflow_name: null, triggered_by: null, status: null }, now),
    );
    assert.deepEqual(
      [f.startMs, f.endMs, f.workflow_name, f.triggered_by, f.status],
      [now - DEFAULT_RANGE_MS, now, null, null, null],
    );
  });

  it('a missing start is 30 days before the given end', () => {
    const f = filters(validateFilters({ end_date: '2026-01-31T00:00:00Z' }, now));
    assert.equal(f.startMs, Date.UTC(2026, 0, 1));
  });

  it('passes the filters through; unknown fields are ignored, as pydantic does', () => {
    const f = filters(
      validateFilters(
        { granularity: 'week', workflow_name: 'Invoice Intake', triggered_by: 'endpoint', status: 'failed', extra: 1 },
        now,
      ),
    );
    assert.deepEqual(
      [f.granularity, f.workflow_name, f.triggered_by, f.status],
      ['week', 'Invoice Intake', 'endpoint', 'failed'],
    );
  });
});

describe('simulator filters: 422 details', () => {
  it('granularity outside the enum, with the pydantic message', () => {
    assert.deepEqual(errors(validateFilters({ granularity: 'x' }, now)), [
      {
        type: 'enum',
        loc: ['body', 'granularity'],
        msg: "Input should be 'hour', 'day', 'week' or 'month'",
        input: 'x',
        ctx: { expected: "'hour', 'day', 'week' or 'month'" },
      },
    ]);
  });

  it('granularity null is refused (the field is not nullable)', () => {
    assert.equal(errors(validateFilters({ granularity: null }, now))[0]?.type, 'enum');
  });

  it('triggered_by and status enums; all field errors are reported together', () => {
    const detail = errors(validateFilters({ triggered_by: 'api', status: 'done', workflow_name: 5 }, now));
    assert.deepEqual(
      detail.map((d) => [d.loc.join('.'), d.type]),
      [
        ['body.workflow_name', 'string_type'],
        ['body.triggered_by', 'enum'],
        ['body.status', 'enum'],
      ],
    );
    assert.equal(detail[1]?.msg, "Input should be 'manual', 'endpoint' or 'scheduled'");
    assert.equal(detail[2]?.msg, "Input should be 'pending', 'running', 'completed', 'failed' or 'cancelled'");
  });

  it('dates: not a string, not a date, impossible dates', () => {
    assert.equal(errors(validateFilters({ start_date: 12 }, now))[0]?.type, 'datetime_type');
    for (const bad of [
      'yesterday',
      '2026-13-01',
      '2026-02-30',
      '2026-11-26T25:00:00Z',
      '2026-11-26T10:00:00+25:00',
      '26-11-2026',
    ]) {
      const [d] = errors(validateFilters({ end_date: bad }, now));
      assert.equal(d?.type, 'datetime_from_date_parsing', bad);
      assert.deepEqual(d?.loc, ['body', 'end_date']);
      assert.match(d?.msg ?? '', /^Input should be a valid datetime or date, /);
    }
  });

  it('start after end is a body-level value error', () => {
    const [d] = errors(validateFilters({ start_date: '2026-11-10', end_date: '2026-11-09T23:00:00Z' }, now));
    assert.deepEqual([d?.type, d?.loc], ['value_error', ['body']]);
    assert.match(d?.msg ?? '', /start_date must not be after end_date/);
  });

  it(`more than ${MAX_BUCKETS} buckets is refused with a clear message; exactly ${MAX_BUCKETS} is fine`, () => {
    const start = Date.UTC(2025, 0, 1);
    const lastOk = new Date(start + (MAX_BUCKETS - 1) * 3_600_000 + 59 * 60_000).toISOString();
    assert.equal(
      validateFilters({ start_date: new Date(start).toISOString(), end_date: lastOk, granularity: 'hour' }, now).ok,
      true,
    );
    const tooFar = new Date(start + MAX_BUCKETS * 3_600_000).toISOString();
    const [d] = errors(
      validateFilters({ start_date: new Date(start).toISOString(), end_date: tooFar, granularity: 'hour' }, now),
    );
    assert.equal(d?.type, 'value_error');
    assert.match(d?.msg ?? '', /10001 hour buckets.*maximum of 10000.*coarser granularity/);
  });

  it('invalid JSON is json_invalid at the error position; a non-object body is model_attributes_type', () => {
    const [d] = errors(parseBatchBody('{"granularity": }', now));
    assert.equal(d?.type, 'json_invalid');
    assert.equal(d?.loc[0], 'body');
    assert.equal(typeof d?.loc[1], 'number');
    assert.equal(d?.msg, 'JSON decode error');
    for (const text of ['[]', '"day"', '3'])
      assert.equal(errors(parseBatchBody(text, now))[0]?.type, 'model_attributes_type', text);
  });
});

describe('simulator filters: ISO 8601 parsing', () => {
  const ms = (text: string) => {
    const r = parseDateTime(text);
    if ('error' in r) assert.fail(`${text}: ${r.error}`);
    return r;
  };

  it('plain dates are 00:00 UTC and flagged date-only; an end date covers the whole day', () => {
    assert.deepEqual(ms('2026-11-25'), { ms: Date.UTC(2026, 10, 25), dateOnly: true });
    const f = filters(validateFilters({ start_date: '2026-11-25', end_date: '2026-11-25' }, now));
    assert.deepEqual([f.startMs, f.endMs], [Date.UTC(2026, 10, 25), Date.UTC(2026, 10, 25, 23, 59, 59, 999)]);
  });

  it('Z, offsets, fractions, naive times (UTC), a space separator, no seconds', () => {
    const t = Date.UTC(2026, 10, 25, 10, 0, 0);
    assert.equal(ms('2026-11-25T10:00:00Z').ms, t);
    assert.equal(ms('2026-11-25T12:00:00+02:00').ms, t);
    assert.equal(ms('2026-11-25T05:30:00-0430').ms, t);
    assert.equal(ms('2026-11-25T10:00:00.250Z').ms, t + 250);
    assert.equal(ms('2026-11-25T10:00:00.123456').ms, t + 123);
    assert.equal(ms('2026-11-25 10:00:00').ms, t);
    assert.equal(ms('2026-11-25T10:00').ms, t);
    assert.equal(ms('2028-02-29T00:00:00Z').ms, Date.UTC(2028, 1, 29));
  });
});
