/**
 * Run view states for the Chromium tests and the bench, built from the simulator's answers over real
 * sockets (detail, info, history, trace: what RunDataSource asks for) and its raw dataset, and the big
 * variants the issue measures: a 10 MB stdout and a 2,000-event trace. The history words here are
 * counted from the raw executions, not by runHistory.ts, so the tests do not check our text against itself.
 */
import { GraniteClient } from '../../src/core/api/client';
import type { AgentRunTraceEvent } from '../../src/core/api/runSchemas';
import { RunsApi } from '../../src/core/api/runsApi';
import type { RunBundle } from '../../src/runs/runBundle';
import { runViewState, type RunViewState } from '../../src/runs/runViewProtocol';
import type { Simulator } from '../simulator/server';
import { tracedExecution } from '../simulator/traces';

export const runViewClock = Date.UTC(2026, 10, 26, 12, 0, 0);
/** A small dataset in which every trace kind occurs (the simulator assigns them by automation index). */
export const runViewSimulator = {
  seed: 11,
  workflows: 6,
  days: 10,
  executions: 1500,
  clock: { now: () => runViewClock },
};

export interface RunFixture {
  bundle: RunBundle;
  state: RunViewState;
  /** The signed screenshot links the host would fetch (never given to the webview). */
  screenshotUrls: string[];
}

/**
 * The execution whose session an automation's trace is (the simulator's `latestRun` kind: every third
 * automation from the first); `withEndpoint`: the first such automation that has an endpoint.
 */
export async function runFixture(
  sim: Simulator,
  extra: Partial<RunViewState> = {},
  withEndpoint = false,
): Promise<RunFixture> {
  const def = sim.dataset.workflows.find((w, i) => i % 3 === 0 && (!withEndpoint || w.endpoints.length > 0));
  if (!def) throw new Error('no automation of that kind in the dataset');
  const runId = def.run_id;
  const execution = tracedExecution(sim.dataset, runId);
  if (!execution) throw new Error('the simulator has no traced execution');
  const client = new GraniteClient({
    baseUrl: sim.url,
    apiKey: sim.apiKey,
    now: () => runViewClock,
    timeoutMs: 5000,
  });
  const runs = new RunsApi(client);
  const [detail, info, history, trace] = await Promise.all([
    client.fetchExecution(sim.orgId, execution.execution_id),
    runs.fetchAutomationInfo(sim.orgId, runId),
    runs.fetchHistory(sim.orgId, runId),
    runs.fetchTrace(runId),
  ]);
  const executions = history.data.executions;
  const oldestFirst = [...executions].reverse();
  const failed = executions.filter((e) => e.status === 'failed').length;
  const bundle: RunBundle = {
    ids: { executionId: execution.execution_id, runId },
    detail: { state: 'ok', value: detail.data, fetchedAt: runViewClock },
    info: { state: 'ok', value: info.data, fetchedAt: runViewClock },
    history: { state: 'ok', value: { executions, total: history.data.total }, fetchedAt: runViewClock },
    words: {
      ratio: `${failed} of the last ${executions.length} failed`,
      lastSuccess: 'last success 2 h ago',
      kind: failed ? 'flaky' : 'healthy',
      strip: oldestFirst.map((e) => ({ executionId: e.execution_id, status: e.status, startedAt: e.started_at })),
    },
    trace: { state: 'ok', owner: 'this-run', trace: trace.data, fetchedAt: runViewClock },
    organization: { id: sim.orgId, name: 'Simulated org' },
    fetchedAt: runViewClock,
  };
  return {
    bundle,
    state: stateOf(bundle, { workflowName: def.name, ...extra }),
    screenshotUrls: trace.data.screenshots,
  };
}

export function stateOf(bundle: RunBundle, extra: Partial<RunViewState> = {}): RunViewState {
  return {
    ...runViewState(bundle, {
      loading: false,
      now: runViewClock,
      locale: 'en-US',
      runAgain: false,
      canOpenInGranite: true,
      workflowName: 'Invoice intake',
    }),
    ...extra,
  };
}

/** `lines` lines of plausible log text, ~10 MB at the default; every 1,000th line says `NEEDLE-<n>`. */
export function bigLog(lines = 160_000): { text: string; needles: number } {
  const parts: string[] = [];
  let needles = 0;
  for (let i = 0; i < lines; i++) {
    const needle = i % 1000 === 999;
    if (needle) needles++;
    parts.push(
      `2026-11-26T10:${String(Math.floor(i / 3600) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z step ${i} ${needle ? 'NEEDLE-found ' : ''}clicked element #button-${i % 97} in window "Invoice ${i % 13}" ok`,
    );
  }
  return { text: parts.join('\n'), needles };
}

/** A bundle whose stdout is `text` (the rest of the result kept). */
export function withStdout(bundle: RunBundle, text: string): RunBundle {
  if (bundle.detail.state !== 'ok') throw new Error('no detail');
  const value = bundle.detail.value;
  return { ...bundle, detail: { ...bundle.detail, value: { ...value, result: { ...value.result, stdout: text } } } };
}

/** A bundle whose trace has `count` events in time order. */
export function withEvents(bundle: RunBundle, count = 2000): RunBundle {
  if (bundle.trace.state !== 'ok') throw new Error('no trace');
  const start = Date.UTC(2026, 10, 26, 10, 0, 0);
  const events: AgentRunTraceEvent[] = Array.from({ length: count }, (_, i) => ({
    timestamp: new Date(start + i * 1500).toISOString(),
    source: i % 3 ? 'agent' : 'driver',
    event_type: ['click', 'type', 'screenshot', 'scroll'][i % 4]!,
    content: `event ${i}: ${'did something visible on screen '.repeat(1 + (i % 4))}`,
    details: { i },
  }));
  return { ...bundle, trace: { ...bundle.trace, trace: { ...bundle.trace.trace, message_trace: events } } };
}
