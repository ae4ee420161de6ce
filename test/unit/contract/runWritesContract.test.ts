/**
 * The runs contract for Run Again's writes (issue 15): every body RunsWriteApi sends and every answer the
 * simulator gives on the write routes (execute, the agent run of an endpoint call as it progresses, the new
 * executions' details and history rows, 422s) validates with ajv against `test/fixtures/openapi-runs.json`
 * and with our zod schemas. The public route declares neither body nor answer (`{}`): its body is checked to
 * be a JSON object and its answer against api-notes.md §6's `{runId, status}` (our zod schema).
 */
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { GraniteClient } from '../../../src/core/api/client';
import { AgentRunProgressResponse, ExecutionListResponse } from '../../../src/core/api/runSchemas';
import { EndpointInvokeResponse, ExecutionResultResponse, RunsWriteApi } from '../../../src/core/api/runsWriteApi';
import { ExecutionDetail } from '../../../src/core/api/schemas';
import { writePendingMs, writeRunMaxMs } from '../../simulator/runWrites';
import { startSimulator, type Simulator } from '../../simulator/server';
import { agreement, runsSpecValidator, simulatorGet } from './openapi';

describe('contract: Run Again writes against the runs OpenAPI excerpt', function () {
  let sim: Simulator;
  let api: RunsWriteApi;
  let now = Date.UTC(2026, 10, 26, 12, 34, 0);
  const spec = runsSpecValidator();

  before(async () => {
    sim = await startSimulator({ seed: 5, workflows: 6, days: 7, executions: 800, clock: { now: () => now } });
    api = new RunsWriteApi(new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey, now: () => now }));
  });
  after(async () => sim.stop());

  const get = (path: string) => simulatorGet(sim, path);
  /** Valid per the spec (ajv) and per our schema (zod), or the test says which and why. */
  const agrees = agreement(spec);

  it('execute: the body we send is an ExecuteAutomationRequest; the answer an ExecutionResultResponse', async () => {
    for (const def of sim.dataset.workflows) {
      const parameters = def.parameters.map((name, i) => ({ name, value: i % 2 ? i : `v${i}` }));
      const answer = await api.executeAutomation(sim.orgId, def.run_id, parameters, { runTimeoutSeconds: 600 });
      const sent = sim.requests.at(-1)!;
      assert.equal(spec.check('ExecuteAutomationRequest', sent.body), undefined, def.run_id);
      const raw = await fetch(`${sim.url}${sent.path}`, {
        method: 'POST',
        headers: { 'X-Granite-API-Key': sim.apiKey, 'Content-Type': 'application/json' },
        body: JSON.stringify(sent.body),
      });
      agrees('ExecutionResultResponse', ExecutionResultResponse, await raw.json(), def.run_id);
      assert.ok(answer.data.execution_id);
    }
  });

  it('endpoint: the body is a JSON object, the answer {runId, status}; the agent run validates while it progresses', async () => {
    const def = sim.dataset.workflows.find((w) => w.endpoints.length > 0)!;
    const { data } = await api.invokeEndpoint(sim.dataset.orgSlug, def.endpoints[0]!.endpoint_slug, { region: 'NA' });
    const sent = sim.requests.at(-1)!;
    assert.ok(sent.body !== null && typeof sent.body === 'object' && !Array.isArray(sent.body));
    assert.ok(z.safeParse(EndpointInvokeResponse, data).success);
    const write = sim.writes.received.at(-1)!;
    const seen = new Set<string>();
    for (const step of [0, writePendingMs, writeRunMaxMs, writeRunMaxMs]) {
      now += step;
      const { status, json } = await get(`/api/agent-runs/${data.runId}`);
      assert.equal(status, 200);
      agrees('AgentRunProgressResponse', AgentRunProgressResponse, json, `after ${step} ms`);
      seen.add((json as { status: string }).status);
      const detail = await get(`/api/organizations/${sim.orgId}/executions/${write.executionId}`);
      agrees('ExecutionDetail', ExecutionDetail, detail.json, `detail after ${step} ms`);
      const history = await get(`/api/organizations/${sim.orgId}/automations/${def.run_id}/executions?limit=5`);
      agrees('ExecutionListResponse', ExecutionListResponse, history.json, `history after ${step} ms`);
    }
    assert.deepEqual([...seen], ['queued', 'running', write.planned.status]);
  });

  it('a refused execute body gets a 422 per HTTPValidationError', async () => {
    const def = sim.dataset.workflows[0]!;
    const path = `/api/organizations/${sim.orgId}/automations/${def.run_id}/execute`;
    for (const body of ['', '[]', '{"timeout": 0}', '{"parameters": [{"value": 1}]}', '{"parameters": {}}', '{']) {
      const response = await fetch(`${sim.url}${path}`, {
        method: 'POST',
        headers: { 'X-Granite-API-Key': sim.apiKey, 'Content-Type': 'application/json' },
        body,
      });
      assert.equal(response.status, 422, body);
      assert.equal(spec.check('HTTPValidationError', await response.json()), undefined, body);
    }
  });
});
