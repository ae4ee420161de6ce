/**
 * The previous-period comparison in a real VS Code: fetched once for the filters after a scheduled
 * refresh (not as part of a user's Refresh), matching the simulator's figures for the preceding range,
 * shown in the tree's descriptions and the status-bar tooltip.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { previousPeriodFilters } from '../../src/comparison/compare';
import { parseBatch } from '../../src/core/api/parseBatch';
import type { GraniteTestApi } from '../../src/extension';
import type { Simulator } from '../simulator/server';
import { control } from './control';
import { plainText, until, withWorkflowsShown } from './simulatorSession';

describe('previous-period comparison in VS Code', function () {
  let sim: Simulator;
  let api: GraniteTestApi;

  before(async () => {
    ({ sim, api } = await withWorkflowsShown());
    await vscode.commands.executeCommand('granite.clearFilters');
  });

  it('fetches the previous period once after a scheduled refresh, never on a user Refresh', async () => {
    await api.store.setFilters({ ...api.store.state.filters, range: { kind: 'preset', preset: '24h' } });
    await until('the comparison', () => api.previous.current());
    const counted = api.store.requestCounts.comparison;
    await api.store.refresh('user');
    await api.store.refresh('scheduled');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(api.store.requestCounts.comparison, counted, 'an hour has not passed: no second comparison request');
    const comparisonBodies = sim.requests.filter(
      (r) =>
        r.path === '/api/analytics/batch' &&
        Date.parse((r.body as { end_date: string }).end_date) < Date.now() - 23 * 3_600_000,
    );
    assert.ok(comparisonBodies.length >= 1);
    await vscode.commands.executeCommand('granite.clearFilters');
  });

  it('shows the change in the tree and the status-bar tooltip, from the simulator’s previous period', async () => {
    await until('the comparison for the default filters', () => api.previous.current());
    const previous = api.previous.current()!;
    // The simulator's own answer for the preceding range.
    const response = await fetch(`${sim.url}/api/analytics/batch`, {
      method: 'POST',
      headers: { 'X-Granite-API-Key': sim.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify(previousPeriodFilters(api.store.state.filters, previous.fetchedAt)),
    });
    const outcome = parseBatch(await response.json());
    assert.ok(outcome.ok);
    assert.equal(previous.batch.sections.summary?.total_executions, outcome.batch.sections.summary?.total_executions);
    const tooltip = plainText(api.statusBar.item.tooltip);
    assert.match(tooltip, /Change vs previous period: (▲|▼) [<>]?\d+\.\d pts|Change vs previous period: no change/);
    const items = api.tree.getChildren();
    const withTrend = items.filter((item) => /[▲▼] [<>]?\d+\.\d pts/.test(String(item.description)));
    assert.ok(withTrend.length > 0, `some workflow shows a trend: ${items.map((i) => i.description).join(' | ')}`);
    assert.match(plainText(withTrend[0]!.tooltip), /Previous period: .*%/);
  });

  it('takes a screenshot of the tree with trends (code-server runner)', async () => {
    await vscode.commands.executeCommand('granite.workflows.focus');
    if (control.available) await control.waitFor('.monaco-list-row .label-description');
    const file = await control.screenshot('sidebar-trends');
    assert.ok(!control.available || (file !== undefined && existsSync(file)), 'the screenshot was written');
  });
});
