/**
 * The Granite API simulator for the integration suites, started inside the extension host on the port
 * that the runner wrote into the user settings (`granite.apiBaseUrl`), with the key the runner passed as
 * `GRANITE_API_KEY`. One simulator for the whole run; suites reset its faults and request log.
 */
import * as assert from 'node:assert/strict';
import { inspect } from 'node:util';
import * as vscode from 'vscode';
import type { GraniteTestApi } from '../../src/extension';
import { startSimulator, type Simulator } from '../simulator/server';
import { watchDashboardMessages } from './dashboardMessages';

let simulator: Promise<Simulator> | undefined;

export function granite(): Promise<Simulator> {
  simulator ??= (async () => {
    const port = Number(process.env.GRANITE_TEST_SIM_PORT);
    const apiKey = process.env.GRANITE_API_KEY;
    assert.ok(port > 0 && apiKey, 'the runner must set GRANITE_TEST_SIM_PORT and GRANITE_API_KEY');
    return startSimulator({ port, apiKey, seed: 42, quota: 100_000 });
  })();
  return simulator;
}

export async function stopGranite(): Promise<void> {
  if (simulator) await (await simulator).stop();
  simulator = undefined;
}

export const extensionId = 'granite-analytics.granite-analytics';

export async function extensionApi(): Promise<GraniteTestApi> {
  const extension = vscode.extensions.getExtension<{ testing?: GraniteTestApi }>(extensionId);
  assert.ok(extension, `${extensionId} is not installed in this VS Code`);
  const handles = await extension.activate();
  assert.ok(handles.testing, 'the extension exposes its test handles outside production mode');
  watchDashboardMessages(handles.testing);
  return handles.testing;
}

/** Polls until `check` returns a truthy value (UI and store state settle asynchronously). */
export async function until<T>(what: string, check: () => T | Promise<T>, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `Timed out waiting for ${what}${last ? `: ${last instanceof Error ? String(last) : inspect(last)}` : ''}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function batchRequests(sim: Simulator): number {
  return sim.requests.filter((r) => r.path === '/api/analytics/batch').length;
}

/** The text of a MarkdownString as a reader sees it (appendText escapes punctuation and uses &nbsp;). */
export function plainText(md: unknown): string {
  const value = typeof md === 'string' ? md : ((md as { value?: string } | undefined)?.value ?? '');
  return value.replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!|<>~&$:])/g, '$1');
}

/** Every suite's start: the simulator, the extension's handles, the Workflows view open, data shown. */
export async function withWorkflowsShown(): Promise<{ sim: Simulator; api: GraniteTestApi }> {
  const sim = await granite();
  const api = await extensionApi();
  await vscode.commands.executeCommand('granite.workflows.focus');
  // The extension activates at start-up and may have asked before this simulator listened (refused);
  // its backoff can then outlast the wait below, so a failed first request is retried once, as a user would.
  const { batch, error, loading } = api.store.state;
  if (!batch && error && !loading) await vscode.commands.executeCommand('granite.refresh');
  await until('data from the simulator', () => api.store.state.batch);
  return { sim, api };
}

/** Logged once after every suite (a root hook), for `npm run bench`. */
export function reportRequestCounts(api: GraniteTestApi): void {
  console.log(`[figure] requests by source = ${JSON.stringify(api.store.requestCounts)}`);
}
