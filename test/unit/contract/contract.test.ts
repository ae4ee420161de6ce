/**
 * The contract test: what the simulator serves, for a spread of filters, validates against Granite's
 * published OpenAPI excerpt (ajv) and against our zod schemas. This keeps the simulator, the client and
 * the published spec in agreement; a drifted response is caught by both.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { GraniteClient } from '../../../src/core/api/client';
import { parseBatch } from '../../../src/core/api/parseBatch';
import type { AnalyticsFilters } from '../../../src/core/api/schemas';
import { granularities, triggerTypes, executionStatuses } from '../../../src/core/api/vocabulary';
import { startSimulator, type Simulator } from '../../simulator/server';
import { aBatch } from '../builders/batchBuilder';
import { sharedSpecPath, specValidator, vendoredSpecPath } from './openapi';

const day = 86_400_000;

async function post(sim: Simulator, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${sim.url}/api/analytics/batch`, {
    method: 'POST',
    headers: { 'X-Granite-API-Key': sim.apiKey, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

describe('contract: simulator responses against the official OpenAPI excerpt', function () {
  let sim: Simulator;
  let now: number;
  const spec = specValidator();

  before(async () => {
    now = Date.UTC(2026, 10, 26, 12, 34, 0);
    sim = await startSimulator({ seed: 42, clock: { now: () => now }, quota: 100_000 });
  });
  after(async () => sim.stop());

  const workflowsOf = async () => ((await post(sim, {})).json as { workflows: string[] }).workflows;

  function filterSpread(workflows: string[]): AnalyticsFilters[] {
    const iso = (t: number) => new Date(t).toISOString();
    const spread: AnalyticsFilters[] = [{}];
    for (const granularity of granularities)
      spread.push({ granularity, start_date: iso(now - 7 * day), end_date: iso(now) });
    for (const triggered_by of triggerTypes) spread.push({ triggered_by });
    for (const status of executionStatuses) spread.push({ status });
    spread.push({ workflow_name: workflows[0]! }, { workflow_name: workflows.at(-1)!, granularity: 'hour' });
    spread.push({ workflow_name: 'No Such Workflow' });
    spread.push({ start_date: '2026-11-01', end_date: '2026-11-07', granularity: 'week' });
    spread.push({ start_date: iso(now - 90 * day), end_date: iso(now), granularity: 'month' });
    spread.push({ start_date: iso(now - 3650 * day), end_date: iso(now - 3000 * day) });
    spread.push({ triggered_by: 'endpoint', status: 'failed', granularity: 'hour', start_date: iso(now - day) });
    return spread;
  }

  it('every batch for a spread of filters is valid per the spec and per our schemas', async () => {
    const spread = filterSpread(await workflowsOf());
    assert.ok(spread.length >= 18);
    for (const filters of spread) {
      const { status, json } = await post(sim, filters);
      assert.equal(status, 200, JSON.stringify(filters));
      assert.equal(spec.check('BatchedAnalyticsResponse', json), undefined, `spec: ${JSON.stringify(filters)}`);
      const outcome = parseBatch(json);
      assert.ok(
        outcome.ok && outcome.batch.problems.length === 0,
        `zod: ${JSON.stringify(filters)} ${JSON.stringify(outcome)}`,
      );
    }
  });

  it('the request bodies the client sends are valid AnalyticsFilters', async () => {
    const before = sim.requests.length;
    const client = new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey, now: () => now });
    for (const filters of filterSpread(await workflowsOf())) await client.fetchBatch(filters);
    const sent = sim.requests.slice(before).filter((r) => r.path === '/api/analytics/batch');
    assert.ok(sent.length >= 18);
    for (const request of sent)
      assert.equal(spec.check('AnalyticsFilters', request.body), undefined, JSON.stringify(request.body));
  });

  it('a batch with the limits lifted is valid too', async () => {
    const lifted = await startSimulator({ seed: 42, liftLimits: true, clock: { now: () => now } });
    try {
      const { json } = await post(lifted, {});
      assert.equal(spec.check('BatchedAnalyticsResponse', json), undefined);
      const batch = json as { recent_failures: { data: unknown[]; total: number } };
      assert.equal(batch.recent_failures.data.length, batch.recent_failures.total);
    } finally {
      await lifted.stop();
    }
  });

  it('the other routes answer per the spec: /api/me, status, workflows, execution detail, 422', async () => {
    const get = async (path: string) => {
      const response = await fetch(`${sim.url}${path}`, { headers: { 'X-Granite-API-Key': sim.apiKey } });
      return response.json();
    };
    assert.equal(spec.check('CurrentUserResponse', await get('/api/me')), undefined);
    assert.equal(spec.check('AnalyticsStatusResponse', await get('/api/analytics/status')), undefined);
    assert.equal(spec.check('WorkflowNamesResponse', await get('/api/analytics/workflows')), undefined);
    const execution = sim.dataset.executions.find((e) => e.status === 'failed')!;
    assert.equal(
      spec.check('ExecutionDetail', await get(`/api/organizations/${sim.orgId}/executions/${execution.execution_id}`)),
      undefined,
    );
    const invalid = await post(sim, { granularity: 'fortnight', status: 'exploded' });
    assert.equal(invalid.status, 422);
    assert.equal(spec.check('HTTPValidationError', invalid.json), undefined);
    assert.equal((invalid.json as { detail: unknown[] }).detail.length, 2);
  });

  it('a drifted response is caught by the spec and by our schemas, which name the section', async () => {
    for (const drift of ['wrongType', 'nullValue', 'missingSection'] as const) {
      sim.faults.next({ kind: 'drift', drift, section: 'duration_distribution' });
      const { json } = await post(sim, {});
      assert.notEqual(spec.check('BatchedAnalyticsResponse', json), undefined, drift);
      const outcome = parseBatch(json);
      assert.ok(outcome.ok);
      assert.deepEqual(
        outcome.batch.problems.map((p) => p.section),
        ['duration_distribution'],
        drift,
      );
    }
    sim.faults.next({ kind: 'drift', drift: 'extraFields' });
    const { json } = await post(sim, {});
    assert.equal(spec.check('BatchedAnalyticsResponse', json), undefined, 'extra fields are allowed by the spec');
  });

  it('the vendored spec is byte-identical to the shared original, when that is present', function () {
    if (!existsSync(sharedSpecPath)) {
      // A clone outside the team's workspace has only the vendored copy; nothing to compare.
      assert.ok(existsSync(vendoredSpecPath));
      return;
    }
    assert.equal(readFileSync(vendoredSpecPath, 'utf8'), readFileSync(sharedSpecPath, 'utf8'));
  });

  it('our hand-written fixture agrees with the spec, so unit tests build on valid documents', () => {
    assert.equal(spec.check('BatchedAnalyticsResponse', aBatch().build()), undefined);
  });
});
