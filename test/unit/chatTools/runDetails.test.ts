/**
 * `granite_run_details`'s pure part (src/chatTools/runDetails.ts): its text for a run the simulator serves
 * (expectations from the simulator's raw execution, output and trace), the quoting rules under every XSS
 * payload in every string field of the run routes, no signed link and no key in any answer, the input
 * check and the hourly budget.
 */
import assert from 'node:assert/strict';
import type { Connection } from '../../../src/connection/connections';
import { GraniteClient } from '../../../src/core/api/client';
import {
  logTail,
  resolveRunInput,
  RunToolBudget,
  runDetailsText,
  runToolRequestsPerHour,
} from '../../../src/chatTools/runDetails';
import { dataEnd, dataStart } from '../../../src/chatTools/toolText';
import { RunDataSource } from '../../../src/runs/runData';
import type { RunBundle } from '../../../src/runs/runBundle';
import type { RequestSource } from '../../../src/store/storeState';
import { corpus } from '../../reliability/xssCorpus';
import { runOutput } from '../../simulator/runOutput';
import { startSimulator, type Simulator } from '../../simulator/server';
import { traceBody, tracedExecution, traceKind } from '../../simulator/traces';

const now = Date.UTC(2026, 10, 26, 12, 0, 0);

function block(text: string): string {
  const [before, rest, extra] = text.split(dataStart);
  assert.ok(before !== undefined && rest !== undefined && extra === undefined, 'one data block');
  const [inside, after, more] = rest.split(dataEnd);
  assert.ok(after !== undefined && more === undefined, 'the block ends once');
  return inside!;
}

async function loadBundle(sim: Simulator, executionId: string, runId?: string): Promise<RunBundle> {
  const client = new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey, now: () => now });
  const connection: Connection = { client, source: 'environment', cacheId: 'c' };
  const requestCounts = { run: 0, tool: 0 } as Record<RequestSource, number>;
  const source = new RunDataSource({
    store: {
      state: { organizationId: sim.orgId },
      requestCounts,
      connection: () => Promise.resolve(connection),
      ensureIdentity: () => Promise.resolve(sim.orgId),
      findFailure: () => undefined,
    },
    now: () => now,
    locale: 'en-GB',
    timeZone: 'UTC',
  });
  try {
    return await source.load({ executionId, runId }, { source: 'tool' });
  } finally {
    source.dispose();
  }
}

describe('granite_run_details: the text', function () {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ seed: 11, workflows: 6, days: 10, executions: 900, clock: { now: () => now } });
  });
  after(async () => sim.stop());
  afterEach(() => sim.faults.clear());

  it("a traced run: its status, return code, the last lines of its logs, its outcomes and its timeline's end, as the simulator has them", async () => {
    const def = sim.dataset.workflows.find((_, i) => traceKind(i) === 'latestRun')!;
    const e = tracedExecution(sim.dataset, def.run_id)!;
    const bundle = await loadBundle(sim, e.execution_id, def.run_id);
    const text = runDetailsText(bundle, { now, locale: 'en-GB', logLines: 5 });
    const inside = block(text);
    const output = runOutput(sim.dataset, e)!;
    assert.ok(inside.includes(`execution_id "${e.execution_id}"; run_id "${def.run_id}"`), inside);
    assert.ok(inside.includes(`status "${e.status}"`));
    assert.ok(inside.includes(`return code ${output.return_code}`));
    const stdout = output.stdout.trimEnd().split('\n');
    for (const line of stdout.slice(-5)) assert.ok(inside.includes(JSON.stringify(line).slice(1, -1)), line);
    assert.ok(!inside.includes(JSON.stringify(stdout.at(-6)!).slice(1, -1)), 'only the last 5 lines');

    const raw = sim.dataset.executions
      .filter((x) => x.run_id === def.run_id)
      .sort((a, b) => b.started_at_ms - a.started_at_ms)
      .slice(0, 50)
      .filter((x) => x.status !== 'running' && x.status !== 'pending')
      .slice(0, 20);
    assert.ok(inside.includes(`${raw.filter((x) => x.status === 'failed').length} of the last ${raw.length} failed`));

    const trace = traceBody({ dataset: sim.dataset, now, origin: sim.url, query: new URLSearchParams() }, def.run_id)!;
    assert.ok(
      inside.includes(
        `timeline this run's: ${trace.message_trace.length} events, last 10; ${trace.screenshots.length} screenshots`,
      ),
    );
    const last = trace.message_trace.at(-1)!;
    assert.ok(inside.includes(`"${last.source}" "${last.event_type}": ${JSON.stringify(last.content)}`));
    // No signed link, no recording URI, no endpoint URL, no key.
    for (const secret of ['signature=', '/sim/', 'gs://', sim.apiKey, `${sim.url}/api/`])
      assert.ok(!text.includes(secret), secret);
  });

  it('every XSS payload in every string of the run routes stays quoted inside the one block', async () => {
    const def = sim.dataset.workflows.find((_, i) => traceKind(i) === 'latestRun')!;
    const e = tracedExecution(sim.dataset, def.run_id)!;
    const paths = [
      `/api/organizations/${sim.orgId}/executions/${e.execution_id}`,
      `/api/organizations/${sim.orgId}/automations/${def.run_id}/info`,
      `/api/organizations/${sim.orgId}/automations/${def.run_id}/executions`,
      `/api/agent-runs/${def.run_id}/trace`,
    ];
    for (const [round, payload] of corpus.entries()) {
      const poison = (value: unknown, key = ''): unknown => {
        if (typeof value === 'string')
          // Ids and times keep their shape so the parts still join up; every other string is the payload.
          return /(_id|_at|timestamp|status)$/.test(key)
            ? value
            : `${payload.text.replaceAll('FIELD', key)} ${sim.apiKey}`;
        if (Array.isArray(value)) return value.map((v) => poison(v, key));
        if (value && typeof value === 'object')
          return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, k)]));
        return value;
      };
      for (const path of paths) sim.faults.next({ kind: 'transform', transform: (body) => poison(body) }, { path });
      const bundle = await loadBundle(sim, e.execution_id, def.run_id);
      sim.faults.clear();
      assert.equal(bundle.detail.state, 'ok', `round ${round}`);
      const text = runDetailsText(bundle, { now, locale: 'en-GB', logLines: 30 });
      const inside = block(text);
      assert.ok(
        !/[<>\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(inside),
        `round ${round}: raw < > or controls in the block`,
      );
      assert.ok(!text.includes(sim.apiKey), `round ${round}: the key`);
      assert.ok(!text.includes('signature='), `round ${round}: a signed link`);
    }
  });
});

describe('granite_run_details: input, log tail and budget', () => {
  it('an execution id is required and checked; a dot segment never passes', () => {
    assert.deepEqual(resolveRunInput({ executionId: 'exec_1' }), {
      ok: true,
      executionId: 'exec_1',
      runId: undefined,
      logLines: 30,
    });
    for (const bad of [
      {},
      { executionId: '' },
      { executionId: '..' },
      { executionId: 'a/b' },
      { executionId: 7 },
      null,
    ])
      assert.equal(resolveRunInput(bad).ok, false, JSON.stringify(bad));
    assert.equal(resolveRunInput({ executionId: 'e', runId: '../x' }).ok, false);
    assert.equal(resolveRunInput({ executionId: 'e', logLines: 101 }).ok, false);
  });

  it('the log tail is bounded in lines and characters, and quoted', () => {
    const log = Array.from({ length: 500 }, (_, i) => `line ${i} ${'x'.repeat(i % 7 === 0 ? 1000 : 10)}`).join('\n');
    const tail = logTail(log, 30);
    assert.ok(tail.startsWith('"') && tail.endsWith('"'));
    const lines = (JSON.parse(tail) as string).split('\n');
    assert.equal(lines.length, 30);
    assert.ok(lines.at(-1)!.startsWith('line 499'));
    assert.ok(lines.every((l) => l.length <= 300));
    assert.ok(logTail(`${'y'.repeat(400)}\n`.repeat(100), 100).length < 6100);
  });

  it('≤ 20 requests an hour: a call that might need 4 more waits for the oldest to age out', () => {
    const clock = { now };
    const budget = new RunToolBudget(() => clock.now);
    for (let i = 0; i < runToolRequestsPerHour / 4; i++) {
      assert.equal(budget.blockedUntil(), undefined, `call ${i}`);
      budget.record(4);
      clock.now += 60_000;
    }
    assert.equal(budget.blockedUntil(), now + 3_600_000);
    clock.now = now + 3_600_001;
    assert.equal(budget.blockedUntil(), undefined);
  });
});
