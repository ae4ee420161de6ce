/**
 * The runs schemas (runSchemas.ts) on hand-written documents: what the spec requires is required, `null`
 * only where the spec allows it, unrequired arrays default to empty, unknown keys are dropped.
 */
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import {
  AgentRunProgressResponse,
  AgentRunTraceResponse,
  AutomationWithEndpointInfo,
  ExecutionListResponse,
} from '../../../src/core/api/runSchemas';

const row = {
  execution_id: 'exec_1',
  run_id: 'run_1',
  triggered_by: 'manual',
  status: 'failed',
  started_at: '2026-11-25T10:00:00Z',
};

describe('runSchemas', () => {
  it('an execution list: minimal rows are valid, parameters default to [], unknown keys dropped', () => {
    const parsed = z.parse(ExecutionListResponse, { executions: [{ ...row, extra: 1 }], total: 1, limit: 50, skip: 0 });
    assert.deepEqual(parsed.executions[0], { ...row, parameters: [] });
  });

  it('an execution list: a missing required field, a non-integer total or a null status is refused', () => {
    const { execution_id: _, ...noId } = row;
    for (const bad of [
      { executions: [noId], total: 1, limit: 50, skip: 0 },
      { executions: [row], total: 1.5, limit: 50, skip: 0 },
      { executions: [{ ...row, status: null }], total: 1, limit: 50, skip: 0 },
      { executions: [row], total: 1, limit: 50 },
    ])
      assert.equal(z.safeParse(ExecutionListResponse, bad).success, false, JSON.stringify(bad));
  });

  it('automation info: only run_id is required; every other field may be null', () => {
    assert.deepEqual(z.parse(AutomationWithEndpointInfo, { run_id: 'run_1' }), { run_id: 'run_1' });
    const nulls = { run_id: 'run_1', endpoint_url: null, parameters_schema: null, workflow_hint: null };
    assert.deepEqual(z.parse(AutomationWithEndpointInfo, nulls), nulls);
    assert.equal(z.safeParse(AutomationWithEndpointInfo, { endpoint_url: 'x' }).success, false);
    assert.equal(z.safeParse(AutomationWithEndpointInfo, { run_id: 'r', parameters_schema: [] }).success, false);
  });

  it('a trace: only agent_run_id is required; events, screenshots and details default to empty', () => {
    assert.deepEqual(z.parse(AgentRunTraceResponse, { agent_run_id: 'a' }), {
      agent_run_id: 'a',
      message_trace: [],
      screenshots: [],
    });
    const parsed = z.parse(AgentRunTraceResponse, {
      agent_run_id: 'a',
      message_trace: [{ source: 'agent', event_type: 'action', timestamp: null, content: null }],
      recording: { signed_url: null, expires_in_hours: 24 },
    });
    assert.deepEqual(parsed.message_trace[0]?.details, {});
    assert.equal(parsed.recording?.expires_in_hours, 24);
  });

  it('a trace: an event without source, a non-string screenshot or a fractional expiry is refused', () => {
    for (const bad of [
      { agent_run_id: 'a', message_trace: [{ event_type: 'action' }] },
      { agent_run_id: 'a', screenshots: [42] },
      { agent_run_id: 'a', recording: { expires_in_hours: 1.5 } },
      { rpa_run_id: 'r' },
    ])
      assert.equal(z.safeParse(AgentRunTraceResponse, bad).success, false, JSON.stringify(bad));
  });

  it('an agent run: progress and created_at are required', () => {
    const ok = { run_id: 'a', status: 'queued', progress: {}, created_at: '2026-11-25T10:00:00Z' };
    assert.deepEqual(z.parse(AgentRunProgressResponse, ok), ok);
    const { progress: _, ...noProgress } = ok;
    assert.equal(z.safeParse(AgentRunProgressResponse, noProgress).success, false);
  });
});
