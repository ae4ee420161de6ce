/**
 * The simulator's runs routes (runs.ts, traces.ts, runOutput.ts) against its raw dataset: every expectation
 * is computed here from `sim.dataset.executions` and the workflow definitions, not from a route's output.
 */
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import {
  AgentRunTraceResponse,
  AutomationWithEndpointInfo,
  ExecutionListResponse,
} from '../../../src/core/api/runSchemas';
import { ExecutionDetail, HTTPValidationError } from '../../../src/core/api/schemas';
import { isTerminal } from '../../simulator/model';
import { startSimulator, type Simulator } from '../../simulator/server';
import { traceKind } from '../../simulator/traces';

describe('simulator: runs routes', function () {
  let sim: Simulator;
  let now = Date.UTC(2026, 10, 26, 12, 0, 0);

  before(async () => {
    sim = await startSimulator({ seed: 5, workflows: 7, days: 12, executions: 2500, clock: { now: () => now } });
  });
  after(async () => sim.stop());
  beforeEach(() => {
    sim.faults.clear();
    sim.requests.length = 0;
  });

  const get = async (path: string, key: string | null = sim.apiKey) => {
    const response = await fetch(`${sim.url}${path}`, { headers: key ? { 'X-Granite-API-Key': key } : {} });
    const bytes = Buffer.from(await response.arrayBuffer());
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      remaining: response.headers.get('x-ratelimit-remaining'),
      bytes,
      /** The body read through a schema (which also checks it), so the test reads typed fields. */
      json: <T>(schema: z.ZodMiniType<T>): T => z.parse(schema, JSON.parse(bytes.toString())),
    };
  };
  const automation = (runId: string) => `/api/organizations/${sim.orgId}/automations/${runId}`;

  it('history: newest first per automation, totals per status, limit clamped to 100, skip past the end empty', async () => {
    for (const def of sim.dataset.workflows) {
      const mine = sim.dataset.executions.filter((e) => e.run_id === def.run_id);
      const order = [...mine].sort(
        (a, b) => b.started_at_ms - a.started_at_ms || (a.execution_id < b.execution_id ? -1 : 1),
      );
      const page = (await get(`${automation(def.run_id)}/executions?limit=1000`)).json(ExecutionListResponse);
      assert.equal(page.total, mine.length);
      assert.equal(page.limit, 100);
      assert.deepEqual(
        page.executions.map((e: { execution_id: string }) => e.execution_id),
        order.slice(0, 100).map((e) => e.execution_id),
      );
      const failed = (await get(`${automation(def.run_id)}/executions?status=failed&limit=3`)).json(
        ExecutionListResponse,
      );
      assert.equal(failed.total, mine.filter((e) => e.status === 'failed').length);
      assert.ok(failed.executions.every((e: { status: string }) => e.status === 'failed'));
      const past = (await get(`${automation(def.run_id)}/executions?skip=${mine.length}`)).json(ExecutionListResponse);
      assert.deepEqual(past.executions, []);
    }
  });

  it('history and detail agree; result carries return code, stdout and stderr as the raw run ended', async () => {
    const failed = sim.dataset.executions.find((e) => e.status === 'failed')!;
    const completed = sim.dataset.executions.find((e) => e.status === 'completed')!;
    const running = sim.dataset.executions.find((e) => e.status === 'running')!;
    const detail = (await get(`/api/organizations/${sim.orgId}/executions/${failed.execution_id}`)).json(
      ExecutionDetail,
    );
    const output = detail.result as { return_code: number; stdout: string; stderr: string };
    assert.equal(output.return_code, 1);
    assert.ok(output.stderr.includes(failed.error_message!));
    assert.equal(
      output.stdout.split('\n').filter((l) => / INFO step \d+\//.test(l)).length,
      Math.min(failed.steps, 200),
    );
    const page = (await get(`${automation(failed.run_id)}/executions?limit=100&status=failed`)).json(
      ExecutionListResponse,
    );
    const row = page.executions.find((e: { execution_id: string }) => e.execution_id === failed.execution_id);
    const { job_id: _j, user_id: _u, ...summary } = detail;
    assert.deepEqual(row, summary);
    const ok = (await get(`/api/organizations/${sim.orgId}/executions/${completed.execution_id}`)).json(
      ExecutionDetail,
    );
    assert.equal(ok.result?.return_code, 0);
    const live = (await get(`/api/organizations/${sim.orgId}/executions/${running.execution_id}`)).json(
      ExecutionDetail,
    );
    assert.equal(live.result, null);
  });

  it('history and info: 404 for an unknown automation or another organisation; 422 for a non-integer limit', async () => {
    const def = sim.dataset.workflows[0]!;
    assert.equal((await get(`${automation('run_nope')}/executions`)).status, 404);
    assert.equal((await get(`/api/organizations/org_other/automations/${def.run_id}/info`)).status, 404);
    const bad = await get(`${automation(def.run_id)}/executions?limit=1.5`);
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.json(HTTPValidationError).detail?.[0]?.loc, ['query', 'limit']);
  });

  it('info: endpoint fields only for automations with an endpoint; required = parameters without a default', async () => {
    for (const def of sim.dataset.workflows) {
      const info = (await get(`${automation(def.run_id)}/info`)).json(AutomationWithEndpointInfo);
      const slug = def.endpoints[0]?.endpoint_slug;
      assert.equal(info.endpoint_slug, slug ?? null);
      assert.equal(info.endpoint_url, slug ? `${sim.url}/api/${sim.dataset.orgSlug}/${slug}` : null);
      const schema = info.parameters_schema as { properties: object; required: string[] };
      assert.deepEqual(Object.keys(schema.properties), def.parameters);
      assert.deepEqual(
        schema.required,
        def.parameters.filter((p) => p !== 'dry_run' && p !== 'priority'),
      );
    }
  });

  it('traces: a third each of latest run, creation session and none; events inside the right window', async () => {
    for (const [i, def] of sim.dataset.workflows.entries()) {
      const response = await get(`/api/agent-runs/${def.run_id}/trace`);
      const kind = traceKind(i);
      if (kind === 'none') {
        assert.equal(response.status, 404);
        continue;
      }
      const trace = response.json(AgentRunTraceResponse);
      const times = trace.message_trace
        .map((e) => e.timestamp)
        .filter((t): t is string => typeof t === 'string')
        .map((t) => Date.parse(t));
      const mine = sim.dataset.executions.filter((e) => e.run_id === def.run_id);
      if (kind === 'latestRun') {
        const latest = mine.filter((e) => isTerminal(e.status)).sort((a, b) => b.started_at_ms - a.started_at_ms)[0]!;
        assert.ok(times.every((t) => t >= latest.started_at_ms && t <= latest.completed_at_ms!));
        assert.ok(trace.screenshots.length >= 1);
        assert.ok(trace.recording?.signed_url?.startsWith(sim.url));
      } else {
        const first = Math.min(...mine.map((e) => e.started_at_ms));
        assert.ok(times.every((t) => t < first));
        assert.equal(trace.recording, null);
      }
    }
  });

  it('screenshots: PNG without the key, outside the quota; an edited or expired link is refused', async () => {
    const def = sim.dataset.workflows[0]!; // index 0 is a latest-run trace, which always has screenshots
    const trace = (await get(`/api/agent-runs/${def.run_id}/trace`)).json(AgentRunTraceResponse);
    const link = new URL(trace.screenshots[0]!);
    sim.requests.length = 0;
    const shot = await get(link.pathname + link.search, null);
    assert.equal(shot.status, 200);
    assert.equal(shot.type, 'image/png');
    assert.deepEqual([...shot.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(sim.requests[0]?.apiKeyPresent, false);
    assert.equal(shot.remaining, null);
    const edited = `${link.pathname}?expires=${Number(link.searchParams.get('expires')) + 1}&signature=${link.searchParams.get('signature')}`;
    assert.equal((await get(edited, null)).status, 403);
    now += 2 * 3_600_000;
    try {
      assert.equal((await get(link.pathname + link.search, null)).status, 403);
    } finally {
      now -= 2 * 3_600_000;
    }
  });

  it('faults apply to the new paths like the batch (a dropped trace, a 503 on history)', async () => {
    const def = sim.dataset.workflows[0]!;
    sim.faults.next({ kind: 'status', status: 503 }, { path: `${automation(def.run_id)}/executions` });
    assert.equal((await get(`${automation(def.run_id)}/executions`)).status, 503);
    sim.faults.next({ kind: 'drop' }, { path: `/api/agent-runs/${def.run_id}/trace` });
    await assert.rejects(get(`/api/agent-runs/${def.run_id}/trace`));
  });
});
