/**
 * What the reliability suites in VS Code share: the secrets the run uses (so the secret-hygiene
 * suite knows what to look for), a tap on every message posted to the dashboard webview, and the steps
 * that put the session back as it was (fresh data, no rate-limit block, the user-level base URL).
 */
import * as vscode from 'vscode';
import type { HostMessage } from '../../../src/dashboard/protocol';
import type { GraniteTestApi } from '../../../src/extension';
import type { Simulator } from '../../simulator/server';
import { until } from '../../integration/simulatorSession';
import { allTestKeys } from '../../integration/testKeys';

/**
 * Every API key this run may use: the runner's GRANITE_API_KEY, every key of the shared list
 * (test/integration/testKeys.ts), and any remembered at run time.
 */
export const knownSecrets = new Set<string>([
  ...(process.env.GRANITE_API_KEY ? [process.env.GRANITE_API_KEY] : []),
  ...allTestKeys,
]);

export function rememberSecret(key: string): string {
  knownSecrets.add(key);
  return key;
}

/** The known secrets that occur in `text`. */
export function secretsIn(text: string): string[] {
  return [...knownSecrets].filter((secret) => text.includes(secret));
}

/** Every message posted to the dashboard since the tap was installed: how many, the last, and leaks. */
export const dashboardPosts = { count: 0, last: undefined as HostMessage | undefined, leaks: [] as string[] };

let tapped = false;

/**
 * Taps every message posted to any dashboard panel, once (idempotent), through the host's event
 * (`GraniteTestApi.dashboardEvents.onDidPost`); the secret-hygiene suite does it before any test runs.
 */
export function tapDashboard(api: GraniteTestApi): void {
  if (tapped) return;
  tapped = true;
  api.dashboardEvents.onDidPost(({ message }) => {
    dashboardPosts.count++;
    dashboardPosts.last = message;
    // Checked as it goes: keeping every message (each carries a whole batch) would hold megabytes.
    const found = secretsIn(JSON.stringify(message));
    if (found.length) dashboardPosts.leaks.push(`message ${dashboardPosts.count} carried ${found.length} known key(s)`);
  });
}

/** Faults cleared, rate-limit blocks lifted, then a Refresh until fresh data with no error is shown. */
export async function freshData(api: GraniteTestApi, sim: Simulator): Promise<void> {
  sim.faults.clear();
  await clearRateLimitBlocks(api);
  await vscode.commands.executeCommand('granite.refresh');
  await until('fresh data from the simulator', () => {
    const s = api.store.state;
    return s.batch && !s.error && !s.fromCache && !s.loading && s.origin === sim.url;
  });
}

/**
 * A 429 leaves its reset in globalState (shared with other windows) for hours: later cases and suites
 * must not inherit it. The scheduler keeps no copy of its own, so removing it here is enough.
 */
export async function clearRateLimitBlocks(api: GraniteTestApi): Promise<void> {
  const state = api.ctx.extension.globalState;
  for (const key of state.keys().filter((k) => k.startsWith('granite.schedule:'))) {
    const value = state.get<{ blockedUntil?: number }>(key);
    if (value?.blockedUntil !== undefined) await state.update(key, { ...value, blockedUntil: undefined });
  }
}

/**
 * Points the user-level `granite.apiBaseUrl` at `url`, with `key` stored for its origin first (as "Set
 * API Key" would), and returns the undo: the original URL back, the key and the origin's schedule gone,
 * fresh data from the simulator again.
 */
export async function switchOrigin(
  api: GraniteTestApi,
  sim: Simulator,
  url: string,
  key: string,
): Promise<() => Promise<void>> {
  const settings = vscode.workspace.getConfiguration('granite');
  const original = settings.inspect<string>('apiBaseUrl')?.globalValue;
  const origin = new URL(url).origin;
  await api.ctx.credentials.store(origin, rememberSecret(key));
  await settings.update('apiBaseUrl', url, vscode.ConfigurationTarget.Global);
  await until(`the store to use ${origin}`, () => api.store.state.origin === origin && api.store.state.key?.present);
  return async () => {
    await vscode.workspace
      .getConfiguration('granite')
      .update('apiBaseUrl', original, vscode.ConfigurationTarget.Global);
    await api.ctx.credentials.delete(origin, undefined);
    await api.ctx.extension.globalState.update(`granite.schedule:${origin}`, undefined);
    await until('the simulator’s origin again', () => api.store.state.origin === sim.url);
    await freshData(api, sim);
  };
}
