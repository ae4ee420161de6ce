/**
 * Schema drift: a section that fails validation is missing from the state with a problem; its card says
 * so (naming the section and the problem) while every other card still renders.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { SectionName } from '../../src/core/api/schemas';
import { defaultFilters } from '../../src/filters/filters';
import type { DriftKind, Simulator } from '../simulator/server';
import { fetchBatchJson, parsed, stateFrom } from './fixtures';
import { allChartsDrawn, canvasPixels, deliver } from './harness';
import { dashboardSuite } from './suite';

describe('dashboard webview: a drifted section', () => {
  const suite = dashboardSuite({ seed: 42 });
  let sim: Simulator;
  let page: Page;

  before(() => {
    ({ sim, page } = suite);
  });

  async function deliverDrifted(drift: DriftKind, section: SectionName): Promise<void> {
    sim.faults.next({ kind: 'drift', drift, section });
    const filters = defaultFilters('30d');
    const batch = parsed(await fetchBatchJson(sim, filters));
    assert.ok(!(section in batch.sections), `${section} should have failed validation`);
    assert.ok(batch.problems.some((p) => p.section === section));
    await deliver(page, stateFrom(batch, filters));
    await allChartsDrawn(page);
  }

  it('wrong type in duration_distribution: its card shows the problem, the rest renders', async () => {
    await deliverDrifted('wrongType', 'duration_distribution');
    const problem = page.locator('#card-durations .card-problem');
    assert.equal(await problem.isVisible(), true);
    assert.match((await problem.textContent()) ?? '', /"duration_distribution".*duration_distribution\.\S+: Expected/s);
    assert.equal(await page.locator('#card-durations figure.chart').isVisible(), false);
    const pixels = await canvasPixels(page);
    for (const id of [
      'card-executions',
      'card-success-rate',
      'card-failures',
      'card-triggers',
      'card-actions',
      'card-complexity',
    ]) {
      assert.ok(pixels[id]! > 500, `${id} should still draw`);
    }
    assert.equal(await page.locator('#kpi-p95 .kpi-value').textContent(), '—');
    assert.ok((await page.locator('#card-top-automations tbody tr').count()) > 0);
    assert.match((await page.locator('#banner-problems').textContent()) ?? '', /duration_distribution/);
  });

  it('a missing summary: the KPI card shows the problem, charts and tables render', async () => {
    await deliverDrifted('missingSection', 'summary');
    assert.match((await page.locator('#card-summary .card-problem').textContent()) ?? '', /"summary".*missing/s);
    assert.equal(await page.locator('#card-summary .kpis').isVisible(), false);
    assert.ok((await canvasPixels(page))['card-durations']! > 500, 'durations draws again');
    assert.ok((await page.locator('#card-recent-failures tbody tr').count()) > 0);
  });

  it('null in recent_failures: the table card shows the problem', async () => {
    await deliverDrifted('nullValue', 'recent_failures');
    assert.equal(await page.locator('#card-recent-failures .card-problem').isVisible(), true);
    assert.equal(await page.locator('#card-recent-failures table').isVisible(), false);
    assert.equal(await page.locator('#card-summary .card-problem').isVisible(), false);
  });
});
