/**
 * Trace attribution (src/runs/traceOwner.ts): "this run" only when every timestamped event lies within the
 * execution's start–end, else "the session that created this automation" when `rpa_run_id` names it.
 */
import assert from 'node:assert/strict';
import type { AgentRunTraceEvent } from '../../../src/core/api/runSchemas';
import { traceOwner, type ExecutionWindow } from '../../../src/runs/traceOwner';

const event = (timestamp: string | null): AgentRunTraceEvent => ({
  timestamp,
  source: 'agent',
  event_type: 'reasoning',
  content: 'x',
  details: {},
});
const run: ExecutionWindow = {
  run_id: 'auto-1',
  status: 'failed',
  started_at: '2026-11-26T10:00:00.000Z',
  completed_at: '2026-11-26T10:05:00.000Z',
};
const now = Date.UTC(2026, 10, 26, 12, 0, 0);
const trace = (rpa: string | null, ...times: (string | null)[]) => ({
  rpa_run_id: rpa,
  message_trace: times.map(event),
});

describe('traceOwner', () => {
  it('this run: every timestamped event within start–end, the bounds included, null timestamps ignored', () => {
    const t = trace('other', '2026-11-26T10:00:00.000Z', null, '2026-11-26T10:02:30Z', '2026-11-26T10:05:00.000Z');
    assert.equal(traceOwner(t, run, now), 'this-run');
  });

  it('one event a millisecond outside: not this run; the creating session if rpa_run_id is the automation', () => {
    const t = trace('auto-1', '2026-11-26T10:00:00.000Z', '2026-11-26T10:05:00.001Z');
    assert.equal(traceOwner(t, run, now), 'creating-session');
    assert.equal(traceOwner({ ...t, rpa_run_id: 'auto-2' }, run, now), undefined);
    assert.equal(traceOwner({ ...t, rpa_run_id: null }, run, now), undefined);
    assert.equal(traceOwner(trace('auto-1', '2026-11-26T09:59:59.999Z'), run, now), 'creating-session');
  });

  it('a running execution: up to now, not beyond', () => {
    const live: ExecutionWindow = { ...run, status: 'running', completed_at: null };
    assert.equal(traceOwner(trace(null, '2026-11-26T11:59:00Z'), live, now), 'this-run');
    assert.equal(traceOwner(trace(null, '2026-11-26T12:00:01Z'), live, now), undefined);
  });

  it('a finished execution without completed_at ends at start + duration', () => {
    const ended: ExecutionWindow = { ...run, completed_at: undefined, duration_ms: 60_000 };
    assert.equal(traceOwner(trace(null, '2026-11-26T10:01:00Z'), ended, now), 'this-run');
    assert.equal(traceOwner(trace(null, '2026-11-26T10:01:01Z'), ended, now), undefined);
  });

  it('no timestamped event, or one that cannot be read, is never this run', () => {
    assert.equal(traceOwner(trace(null, null, null), run, now), undefined);
    assert.equal(traceOwner(trace('auto-1'), run, now), 'creating-session');
    assert.equal(traceOwner(trace(null, '2026-11-26T10:01:00Z', 'yesterday'), run, now), undefined);
    assert.equal(traceOwner(trace(null, '2026-11-26T10:01:00Z'), { ...run, started_at: 'soon' }, now), undefined);
  });

  it('naive timestamps are UTC, as everywhere else (format.ts)', () => {
    assert.equal(traceOwner(trace(null, '2026-11-26 10:04:59'), run, now), 'this-run');
  });
});
