import assert from 'node:assert/strict';
import {
  checkCustomRange,
  defaultFilters,
  filterKey,
  rangeBounds,
  rateIsTrivial,
  resolveGranularity,
  sanitizeFilters,
  toRequestFilters,
  type FilterState,
} from '../../../src/filters/filters';

const now = Date.UTC(2026, 10, 26, 12, 30, 0);
const day = 86_400_000;

describe('filters', () => {
  it('turns a rolling preset into absolute ISO bounds at now', () => {
    const filters = toRequestFilters(defaultFilters('7d'), now);
    assert.equal(filters.start_date, new Date(now - 7 * day).toISOString());
    assert.equal(filters.end_date, new Date(now).toISOString());
    assert.equal(filters.granularity, 'day');
    assert.equal(filters.workflow_name, undefined);
  });

  it('reads a custom range as whole UTC days, the end inclusive', () => {
    const bounds = rangeBounds({ kind: 'custom', start: '2026-11-01', end: '2026-11-07' }, now);
    assert.equal(bounds.start, Date.UTC(2026, 10, 1));
    assert.equal(bounds.end, Date.UTC(2026, 10, 8) - 1);
    assert.equal(checkCustomRange('2026-11-08', '2026-11-01'), 'The start date is after the end date.');
    assert.match(checkCustomRange('2026-13-01', '2026-11-01') ?? '', /not a date/);
    assert.equal(checkCustomRange('2026-11-01', '2026-11-01'), undefined);
  });

  it('picks a readable granularity for auto and keeps an explicit one', () => {
    const preset = (p: '24h' | '7d' | '30d' | '90d') => ({ kind: 'preset' as const, preset: p });
    assert.equal(resolveGranularity('auto', preset('24h'), now), 'hour');
    assert.equal(resolveGranularity('auto', preset('30d'), now), 'day');
    assert.equal(resolveGranularity('auto', preset('90d'), now), 'week');
    assert.equal(resolveGranularity('auto', { kind: 'custom', start: '2024-01-01', end: '2026-01-01' }, now), 'month');
    assert.equal(resolveGranularity('hour', preset('90d'), now), 'hour');
  });

  it('passes the narrowing filters and marks a status filter as making the rate trivial', () => {
    const state: FilterState = {
      ...defaultFilters('24h'),
      workflow: 'Invoice Intake',
      trigger: 'endpoint',
      status: 'failed',
    };
    const filters = toRequestFilters(state, now);
    assert.equal(filters.workflow_name, 'Invoice Intake');
    assert.equal(filters.triggered_by, 'endpoint');
    assert.equal(filters.status, 'failed');
    assert.equal(rateIsTrivial(state), true);
    assert.equal(rateIsTrivial(defaultFilters()), false);
  });

  it('keys a rolling range by its preset, so the key survives a reload, and changes with any filter', () => {
    assert.equal(filterKey(defaultFilters('7d')), filterKey(defaultFilters('7d')));
    const keys = new Set([
      filterKey(defaultFilters('7d')),
      filterKey(defaultFilters('30d')),
      filterKey({ ...defaultFilters('7d'), workflow: 'A' }),
      filterKey({ ...defaultFilters('7d'), workflow: 'A|B' }),
      filterKey({ ...defaultFilters('7d'), status: 'failed' }),
      filterKey({ ...defaultFilters('7d'), granularity: 'hour' }),
    ]);
    assert.equal(keys.size, 6);
  });

  it('sanitises whatever storage gives back', () => {
    const fallback = defaultFilters('7d');
    assert.deepEqual(sanitizeFilters(undefined, fallback), fallback);
    assert.deepEqual(
      sanitizeFilters({ range: { kind: 'preset', preset: '1y' }, granularity: 'decade', status: 'exploded' }, fallback),
      fallback,
    );
    assert.deepEqual(
      sanitizeFilters(
        {
          range: { kind: 'custom', start: '2026-11-01', end: '2026-11-02' },
          granularity: 'hour',
          workflow: 'X',
          trigger: 'manual',
          status: 'failed',
        },
        fallback,
      ),
      {
        range: { kind: 'custom', start: '2026-11-01', end: '2026-11-02' },
        granularity: 'hour',
        workflow: 'X',
        trigger: 'manual',
        status: 'failed',
      },
    );
  });
});
