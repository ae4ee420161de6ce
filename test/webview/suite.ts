/**
 * The lifecycle the dashboard suites share: a Chromium harness, a simulator and one page, stopped after
 * the suite; after every test the page must show no page error, console error or CSP violation.
 * Call it first in a `describe`, so the suite's own `before` finds everything ready.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startSimulator, type Simulator, type SimulatorOptions } from '../simulator/server';
import { Harness, pageProblems } from './harness';

export interface DashboardSuite {
  harness: Harness;
  sim: Simulator;
  page: Page;
}

export function dashboardSuite(simulator: SimulatorOptions): DashboardSuite {
  const suite = {} as DashboardSuite;
  before(async () => {
    // One at a time: each is assigned as soon as it runs, so `after` closes it even if the next fails.
    suite.sim = await startSimulator(simulator);
    suite.harness = await Harness.start();
    suite.page = await suite.harness.open();
  });
  after(async () => {
    await Promise.all([suite.harness?.stop(), suite.sim?.stop()]);
  });
  afterEach(async () => {
    assert.deepEqual(await pageProblems(suite.page), []);
  });
  return suite;
}
