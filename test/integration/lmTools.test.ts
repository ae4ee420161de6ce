/**
 * The language-model tools in a real VS Code, called as an agent would: through `vscode.lm.invokeTool`.
 * In code-server 4.100.3 that works without any chat model or chat session (`toolInvocationToken`
 * undefined): VS Code activates the extension for the tool if needed, calls `prepareInvocation`, then
 * `invoke`. Their answers are checked against the simulator's own figures, fetched directly with the
 * test key for the same filters; the simulator's request log shows what each call cost.
 *
 * The range is fixed whole days that have already ended, so the simulator's answer for it cannot change
 * between the tool's request and the reference one.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GraniteClient } from '../../src/core/api/client';
import type { ParsedBatch } from '../../src/core/api/parseBatch';
import { toRequestFilters, type FilterState } from '../../src/filters/filters';
import { formatCount, formatRate, formatShare, rateOf, type Rate } from '../../src/core/format';
import { toolNames } from '../../src/chatTools/toolInput';
import { dataEnd, dataStart, quote, utcTime } from '../../src/chatTools/toolText';
import type { GraniteTestApi } from '../../src/extension';
import type { Simulator } from '../simulator/server';
import { batchRequests, until, withWorkflowsShown } from './simulatorSession';

const day = 86_400_000;
const startDate = new Date(Date.now() - 7 * day).toISOString().slice(0, 10);
const endDate = new Date(Date.now() - day).toISOString().slice(0, 10);
const fixedDays: FilterState = { range: { kind: 'custom', start: startDate, end: endDate }, granularity: 'auto' };

async function invoke(name: string, input: object): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

/** The text outside the one data block, and the block; fails unless there is exactly one block. */
function split(text: string): { outside: string; block: string } {
  const [before, rest, extra] = text.split(dataStart);
  assert.ok(rest !== undefined && extra === undefined, `one data block in:\n${text}`);
  const [block, after, more] = rest.split(dataEnd);
  assert.ok(after !== undefined && more === undefined, 'the block ends once');
  return { outside: `${before}${after}`, block: block! };
}

/** Every string of a batch that came from the API and could be shown. */
function apiStrings(batch: ParsedBatch): string[] {
  const s = batch.sections;
  return [
    ...(s.workflows ?? []),
    ...(s.top_automations?.data.map((i) => i.workflow_name) ?? []),
    ...(s.failure_breakdown?.data.flatMap((i) => [i.category, ...i.sample_messages]) ?? []),
    ...(s.recent_failures?.data.flatMap((f) => [
      f.workflow_name,
      f.error_category,
      f.error_message ?? '',
      f.execution_id,
      f.run_id,
      f.triggered_by,
    ]) ?? []),
  ].filter((text) => text.length >= 4);
}

describe('language-model tools through vscode.lm.invokeTool', function () {
  let sim: Simulator;
  let api: GraniteTestApi;
  let reference: GraniteClient;
  let all: ParsedBatch;
  const locale = vscode.env.language;
  const answers: string[] = [];
  const fetchReference = async (filters: FilterState) =>
    (await reference.fetchBatch(toRequestFilters(filters, Date.now()))).data;

  before(async () => {
    ({ sim, api } = await withWorkflowsShown());
    await api.store.setFilters(fixedDays);
    await until(
      'the views’ batch for the fixed days',
      () => api.store.state.batch && !api.store.state.loading && api.store.state.fetchedAt,
    );
    // The filter change also fetches the previous period; let it land before requests are counted.
    await until('the previous period for the fixed days', () => api.previous.current());
    reference = new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey });
    all = await fetchReference(fixedDays);
  });

  after(async () => {
    await vscode.commands.executeCommand('granite.clearFilters');
  });

  it('lists every tool to other extensions', () => {
    const names = vscode.lm.tools.map((tool) => tool.name);
    for (const name of Object.values(toolNames)) assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
  });

  it('answers the summary from the views’ fresh batch, without a request, with the simulator’s figures', async () => {
    const requests = batchRequests(sim);
    const counted = api.store.requestCounts.tool;
    const text = await invoke(toolNames.summary, { startDate, endDate });
    answers.push(text);
    assert.equal(batchRequests(sim), requests, 'the views’ batch answered');
    assert.equal(api.store.requestCounts.tool, counted);

    const { block } = split(text);
    const summary = all.sections.summary!;
    const n = (v: number) => formatCount(v, locale);
    assert.ok(
      block.includes(
        `runs ${n(summary.total_executions)}; completed ${n(summary.completed)}; failed ${n(summary.total_failures)}; success rate ${formatShare(summary.completed, summary.total_executions, locale)};`,
      ),
      block,
    );
    assert.ok(summary.total_failures > 0, 'the seeded data has failures to explain');

    // The worst workflow, computed here from the simulator's sections: counts where Granite sends them, else complexity's rate.
    const rates = new Map<string, [number, Rate]>(
      (all.sections.workflow_complexity?.data ?? []).map((i) => [i.workflow_name, [i.success_rate, i.success_rate]]),
    );
    for (const i of all.sections.top_automations?.data ?? [])
      rates.set(i.workflow_name, [rateOf(i.completed, i.executions)!, { part: i.completed, whole: i.executions }]);
    const [worstName, [, worstRate]] = [...rates].sort((a, b) => a[1][0] - b[1][0])[0]!;
    assert.ok(
      block.includes(`with a known rate):\n- ${quote(worstName)}: success rate ${formatRate(worstRate, locale)};`),
      `worst is ${worstName}:\n${block}`,
    );

    const top = [...all.sections.failure_breakdown!.data].sort((a, b) => b.count - a.count)[0]!;
    assert.ok(
      block.includes(
        `failures in all: ${n(all.sections.failure_breakdown!.total_failures)}):\n- ${quote(top.category)}: ${n(top.count)} (`,
      ),
      block,
    );
  });

  it('lists a workflow’s recent failures with one filtered request, then none while they are fresh', async () => {
    const failing = [...all.sections.top_automations!.data].sort((a, b) => b.failures - a.failures)[0]!;
    const name = failing.workflow_name;
    const expected = await fetchReference({ ...fixedDays, workflow: name });
    const requests = batchRequests(sim);
    const counted = api.store.requestCounts.tool;

    // The model's spelling differs in case; the tool asks Granite for the workflow's real name.
    const text = await invoke(toolNames.failures, { workflow: name.toUpperCase(), startDate, endDate });
    answers.push(text);
    assert.equal(batchRequests(sim), requests + 1);
    assert.equal(api.store.requestCounts.tool, counted + 1);
    const body = sim.requests.filter((r) => r.path === '/api/analytics/batch').at(-1)?.body as Record<string, string>;
    assert.equal(body.workflow_name, name);
    assert.equal(
      body.start_date,
      new Date(Date.UTC(+startDate.slice(0, 4), +startDate.slice(5, 7) - 1, +startDate.slice(8))).toISOString(),
    );

    const { block } = split(text);
    const summary = expected.sections.summary!;
    assert.ok(
      block.includes(
        `KPIs of this workflow: runs ${formatCount(summary.total_executions, locale)}; completed ${formatCount(summary.completed, locale)}; failed ${formatCount(summary.total_failures, locale)};`,
      ),
      block,
    );
    const recent = expected.sections.recent_failures!;
    const shown = Math.min(10, recent.data.length);
    assert.ok(shown > 0, 'the workflow with the most failures has some');
    assert.ok(
      block.includes(`recent failures, newest first (${shown} of ${formatCount(recent.total, locale)}):`),
      block,
    );
    const newest = [...recent.data].sort((a, b) => Date.parse(b.started_at) - Date.parse(a.started_at))[0]!;
    const line = `- ${utcTime(Date.parse(newest.started_at))}; category ${quote(newest.error_category)}; trigger ${quote(newest.triggered_by)}`;
    assert.ok(block.includes(line), `${line}\nin\n${block}`);
    assert.ok(
      block.includes(
        `execution_id ${quote(newest.execution_id)}; run_id ${quote(newest.run_id)}\n  message: ${newest.error_message ? quote(newest.error_message) : 'none'}`,
      ),
      block,
    );

    answers.push(await invoke(toolNames.failures, { workflow: name, startDate, endDate }));
    assert.equal(batchRequests(sim), requests + 1, 'asked again while fresh: no request');
  });

  it('never includes the key, and shows API strings only quoted inside the data block', () => {
    assert.equal(answers.length, 3);
    const strings = apiStrings(all);
    assert.ok(strings.length > 10);
    let seen = 0;
    for (const text of answers) {
      assert.ok(!text.includes(sim.apiKey), 'the key is never in an answer');
      const { outside, block } = split(text);
      for (const s of strings) {
        assert.ok(!outside.includes(s), `"${s}" outside the data block`);
        if (block.includes(quote(s))) seen++;
      }
    }
    assert.ok(seen > 10, 'the answers do quote API strings');
  });

  it('answers a failed request and bad input with a message the agent can read', async () => {
    const requests = batchRequests(sim);
    assert.match(await invoke(toolNames.failures, { dateRange: '7d' }), /"workflow" is required/);
    assert.equal(batchRequests(sim), requests, 'bad input costs nothing');
    sim.faults.next({ kind: 'status', status: 503, body: { detail: 'maintenance' } });
    const text = await invoke(toolNames.summary, { dateRange: '90d', trigger: 'scheduled' });
    assert.equal(batchRequests(sim), requests + 1);
    const { outside, block } = split(text);
    assert.match(outside, /Granite could not provide the data\./);
    assert.match(block, /server error \(503/);
    assert.equal(api.scheduler.canRequestNow().ok, true, 'a server error of the tool’s does not block the views');
  });

  it('granite_run_details: one run as the simulator has it, ≤ 4 requests, then none while fresh; no key, no signed link', async () => {
    const failure = [...api.store.allFailures()].sort(
      (a, b) => Date.parse(b.started_at) - Date.parse(a.started_at),
    )[0]!;
    const runRoutes = () =>
      sim.requests.filter((r) => r.path.startsWith('/api/organizations/') || r.path.startsWith('/api/agent-runs/'))
        .length;
    const before = runRoutes();
    const counted = api.store.requestCounts.tool;
    const text = await invoke(toolNames.run, { executionId: failure.execution_id });
    const sent = runRoutes() - before;
    assert.ok(sent >= 1 && sent <= 4, `${sent} requests`);
    assert.equal(api.store.requestCounts.tool - counted, sent);
    const detail = (await reference.fetchExecution(sim.orgId, failure.execution_id)).data;
    const { outside, block } = split(text);
    assert.ok(block.includes(`execution_id ${quote(failure.execution_id)}; run_id ${quote(detail.run_id)}`), block);
    assert.ok(
      block.includes(`status ${quote(detail.status)}; started ${utcTime(Date.parse(detail.started_at))}`),
      block,
    );
    const result = detail.result as { return_code?: number; stderr?: string } | null | undefined;
    if (typeof result?.return_code === 'number') assert.ok(block.includes(`return code ${result.return_code}`), block);
    const lastError = result?.stderr?.trimEnd().split('\n').at(-1);
    if (lastError) assert.ok(block.includes(JSON.stringify(lastError).slice(1, -1)), `${lastError}\nin\n${block}`);
    assert.ok(!outside.includes(failure.execution_id), 'ids only inside the block');
    for (const secret of [sim.apiKey, 'signature=', '/sim/screenshots/']) assert.ok(!text.includes(secret), secret);

    const again = runRoutes();
    await invoke(toolNames.run, { executionId: failure.execution_id });
    assert.equal(runRoutes(), again, 'asked again while fresh: no request');
    assert.match(await invoke(toolNames.run, { executionId: '..' }), /executionId/);
    assert.equal(runRoutes(), again, 'bad input costs nothing');
  });
});
