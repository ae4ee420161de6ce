import assert from 'node:assert/strict';
import { defaultFilters, filterKey, type FilterState } from '../../../src/filters/filters';
import { resolveToolInput, toolOptions, type InputOptions } from '../../../src/chatTools/toolInput';

const views: FilterState = { range: { kind: 'preset', preset: '30d' }, granularity: 'week', trigger: 'manual' };
const knownWorkflows = ['Invoice Intake', 'Payroll Export'];
const summary: InputOptions = { ...toolOptions.summary, knownWorkflows };
const failures: InputOptions = { ...toolOptions.failures, knownWorkflows };

function ok(input: unknown, options = summary, current = views) {
  const resolved = resolveToolInput(input, current, options);
  assert.ok(resolved.ok, `expected the input to be accepted: ${resolved.ok ? '' : resolved.message}`);
  return resolved;
}

function refused(input: unknown, options = summary): string {
  const resolved = resolveToolInput(input, views, options);
  assert.ok(!resolved.ok, 'expected the input to be refused');
  return resolved.message;
}

describe('language-model tool input', () => {
  it('takes the views’ range and granularity when no range is given, and no other view filter', () => {
    const { filters, limit } = ok({});
    // The views' trigger filter is not inherited: filters the model does not give are not applied.
    assert.deepEqual(filters, { range: { kind: 'preset', preset: '30d' }, granularity: 'week' });
    assert.equal(limit, 5);
    assert.deepEqual(ok(undefined).filters, filters, 'a missing input is an empty one');
  });

  it('gives the views’ filter key for the views’ filters, so their batch can answer', () => {
    const current = defaultFilters('7d');
    assert.equal(filterKey(ok({ dateRange: '7d' }, summary, current).filters), filterKey(current));
    assert.notEqual(
      filterKey(ok({ dateRange: '7d', workflow: 'Invoice Intake' }, summary, current).filters),
      filterKey(current),
    );
  });

  it('reads a preset, or fixed dates, which take precedence', () => {
    assert.deepEqual(ok({ dateRange: '24h' }).filters.range, { kind: 'preset', preset: '24h' });
    assert.deepEqual(ok({ dateRange: '24h', startDate: '2026-11-01', endDate: '2026-11-07' }).filters.range, {
      kind: 'custom',
      start: '2026-11-01',
      end: '2026-11-07',
    });
  });

  it('refuses a bad range with a message that lists what is allowed', () => {
    assert.match(refused({ dateRange: 'last week' }), /24h, 7d, 30d, 90d/);
    assert.match(refused({ startDate: '2026-11-01' }), /both "startDate" and "endDate"/);
    assert.match(refused({ startDate: '2026-11-08', endDate: '2026-11-01' }), /start date is after the end date/);
    assert.match(refused({ startDate: '1 Nov', endDate: '2026-11-07' }), /not a date/);
  });

  it('matches a workflow name to Granite’s spelling, and keeps an unknown one as given', () => {
    assert.equal(ok({ workflow: '  invoice INTAKE ' }).filters.workflow, 'Invoice Intake');
    assert.equal(ok({ workflow: 'New Flow' }).filters.workflow, 'New Flow');
    assert.match(refused({ workflow: 42 }), /"workflow" must be a workflow name/);
    assert.match(refused({ workflow: 'x'.repeat(301) }), /at most 300/);
  });

  it('requires a workflow for the failures tool', () => {
    assert.match(refused({ dateRange: '7d' }, failures), /"workflow" is required/);
    assert.equal(ok({ workflow: 'Payroll Export' }, failures).limit, 10);
  });

  it('reads trigger and status case-insensitively, with "api" for endpoint; refuses others', () => {
    const { filters } = ok({ trigger: 'API', status: 'Failed' });
    assert.equal(filters.trigger, 'endpoint');
    assert.equal(filters.status, 'failed');
    assert.match(refused({ trigger: 'webhook' }), /"trigger" must be one of manual, endpoint, scheduled/);
    assert.match(
      refused({ status: 'broken' }),
      /"status" must be one of pending, running, completed, failed, cancelled/,
    );
    // Inherited object keys are not aliases.
    assert.match(refused({ trigger: 'constructor' }), /"trigger" must be one of/);
  });

  it('ignores a status for the failures tool, which lists failed runs only', () => {
    assert.equal(ok({ workflow: 'Payroll Export', status: 'completed' }, failures).filters.status, undefined);
  });

  it('keeps the limit between 1 and the maximum', () => {
    assert.equal(ok({ limit: 0 }).limit, 1);
    assert.equal(ok({ limit: 500 }).limit, 20);
    assert.equal(ok({ limit: 3.4 }).limit, 3);
    assert.equal(ok({ limit: 'many' }).limit, 5);
  });
});
