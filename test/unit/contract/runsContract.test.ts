/**
 * The runs contract (issue 15): every answer the simulator gives on the read routes of the runs excerpt
 * (history pages and filters, info, traces, agent runs, execution details, errors) validates with ajv
 * against `test/fixtures/openapi-runs.json` and with our zod schemas (runSchemas.ts), for every automation.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import {
  AgentRunProgressResponse,
  AgentRunTraceResponse,
  AutomationWithEndpointInfo,
  ExecutionListResponse,
} from '../../../src/core/api/runSchemas';
import { ExecutionDetail } from '../../../src/core/api/schemas';
import { executionStatuses } from '../../../src/core/api/vocabulary';
import { startSimulator, type Simulator } from '../../simulator/server';
import { agreement, runsSpecValidator, sharedRunsSpecPath, simulatorGet, vendoredRunsSpecPath } from './openapi';

describe('contract: simulator runs routes against the runs OpenAPI excerpt', function () {
  let sim: Simulator;
  const now = Date.UTC(2026, 10, 26, 12, 34, 0);
  const spec = runsSpecValidator();

  before(async () => {
    sim = await startSimulator({ seed: 42, workflows: 9, days: 14, executions: 3000, clock: { now: () => now } });
  });
  after(async () => sim.stop());

  const get = (path: string) => simulatorGet(sim, path);
  /** Valid per the spec (ajv) and per our schema (zod), or the test says which and why. */
  const agrees = agreement(spec);

  it('every automation: history pages (default, paged, each status, past the end), info', async () => {
    let checked = 0;
    for (const def of sim.dataset.workflows) {
      const base = `/api/organizations/${sim.orgId}/automations/${def.run_id}`;
      const queries = [
        '',
        '?limit=5&skip=3',
        '?limit=1000',
        '?skip=100000',
        ...executionStatuses.map((s) => `?status=${s}`),
      ];
      for (const query of queries) {
        const { status, json } = await get(`${base}/executions${query}`);
        assert.equal(status, 200, query);
        agrees('ExecutionListResponse', ExecutionListResponse, json, `${def.run_id}${query}`);
        checked++;
      }
      const info = await get(`${base}/info`);
      assert.equal(info.status, 200);
      agrees('AutomationWithEndpointInfo', AutomationWithEndpointInfo, info.json, def.run_id);
    }
    assert.ok(checked >= 9 * 9);
  });

  it('every automation: trace (when there is one), agent run, and the traced execution detail', async () => {
    let traces = 0;
    for (const def of sim.dataset.workflows) {
      const trace = await get(`/api/agent-runs/${def.run_id}/trace`);
      const run = await get(`/api/agent-runs/${def.run_id}`);
      if (trace.status === 404) {
        assert.equal(run.status, 404);
        continue;
      }
      traces++;
      agrees('AgentRunTraceResponse', AgentRunTraceResponse, trace.json, def.run_id);
      agrees('AgentRunProgressResponse', AgentRunProgressResponse, run.json, def.run_id);
    }
    assert.ok(traces >= 6);
    for (const e of sim.dataset.executions.filter((_, i) => i % 97 === 0)) {
      const { json } = await get(`/api/organizations/${sim.orgId}/executions/${e.execution_id}`);
      agrees('ExecutionDetail', ExecutionDetail, json, e.execution_id);
    }
  });

  it('a query that is not an integer gets a 422 per HTTPValidationError', async () => {
    const def = sim.dataset.workflows[0]!;
    const { status, json } = await get(
      `/api/organizations/${sim.orgId}/automations/${def.run_id}/executions?limit=ten`,
    );
    assert.equal(status, 422);
    assert.equal(spec.check('HTTPValidationError', json), undefined);
  });

  it('a drifted answer is caught by both', async () => {
    const def = sim.dataset.workflows[0]!;
    const path = `/api/organizations/${sim.orgId}/automations/${def.run_id}/executions`;
    sim.faults.next({ kind: 'transform', transform: (body) => ({ ...(body as object), total: 'many' }) }, { path });
    const { json } = await get(path);
    assert.notEqual(spec.check('ExecutionListResponse', json), undefined);
    assert.equal(z.safeParse(ExecutionListResponse, json).success, false);
  });

  it('the vendored runs excerpt is byte-identical to the shared original, when that is present', function () {
    if (!existsSync(sharedRunsSpecPath)) {
      assert.ok(existsSync(vendoredRunsSpecPath));
      return;
    }
    assert.equal(readFileSync(vendoredRunsSpecPath, 'utf8'), readFileSync(sharedRunsSpecPath, 'utf8'));
  });
});
