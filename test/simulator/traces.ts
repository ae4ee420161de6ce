/**
 * The agent-run routes of the runs excerpt: `GET /api/agent-runs/{run_id}/trace` (events, signed
 * screenshot links, recording) and `GET /api/agent-runs/{run_id}` (progress), plus the signed screenshot
 * links themselves, served as small PNGs without the key, as a storage bucket would.
 *
 * The trace route takes an agent-run id, but the extension only knows an execution's `run_id` (the
 * automation). As in Granite, where the session that built an automation shares its id, the simulator
 * answers a trace for an automation's `run_id`, of one of three kinds by the automation's index: its latest
 * finished execution's session (events inside that execution's start–end), the session that created it
 * (events a day before its first run), or none (404). Semantics: SEMANTICS.md.
 */
import type { AgentRunTraceEvent, AgentRunTraceResponse } from '../../src/core/api/runSchemas';
import { isTerminal, type Dataset, type Execution } from './model';
import { encodePng } from './png';
import { hashString, Rng } from './random';
import { jsonReply, type Reply } from './respond';
import type { RunsContext, RunsRoute } from './runContext';
import { automationCreatedAt, automationExecutions } from './runs';
import { HOUR_MS, isoMillis } from './time';

export type TraceKind = 'latestRun' | 'creation' | 'none';
/** How long a signed screenshot link stays valid, as the spec's `expires_in_hours` says for the recording. */
export const signedLinkHours = 1;
const maxEvents = 60;
const maxScreenshots = 8;
const creationSessionMs = 10 * 60_000;

/** Which trace an automation has, by its index in the dataset: every kind occurs in any dataset of 3+. */
export function traceKind(index: number): TraceKind {
  return (['latestRun', 'creation', 'none'] as const)[index % 3] as TraceKind;
}

/** The execution a `latestRun` trace belongs to: the automation's newest finished one. */
export function tracedExecution(dataset: Dataset, runId: string): Execution | undefined {
  return automationExecutions(dataset, runId)?.find((e) => isTerminal(e.status) && e.completed_at_ms !== null);
}

interface Session {
  kind: Exclude<TraceKind, 'none'>;
  runId: string;
  from: number;
  to: number;
  steps: number;
  /** The execution whose session this is (latestRun only). */
  execution?: Execution;
  screenshots: number;
}

function session(dataset: Dataset, runId: string): Session | undefined {
  const index = dataset.workflows.findIndex((w) => w.run_id === runId);
  const def = dataset.workflows[index];
  if (!def) return undefined;
  const kind = traceKind(index);
  if (kind === 'none') return undefined;
  if (kind === 'creation') {
    const from = automationCreatedAt(dataset, runId);
    // Every other creation session kept its screenshots; the rest show a timeline only.
    return { kind, runId, from, to: from + creationSessionMs, steps: def.steps, screenshots: index % 2 === 0 ? 3 : 0 };
  }
  const e = tracedExecution(dataset, runId);
  if (!e || e.completed_at_ms === null) return undefined;
  const screenshots = Math.min(maxScreenshots, Math.max(1, e.screenshots));
  return { kind, runId, from: e.started_at_ms, to: e.completed_at_ms, steps: e.steps, execution: e, screenshots };
}

function events(dataset: Dataset, s: Session): AgentRunTraceEvent[] {
  const rng = new Rng(hashString(`trace:${s.runId}`) ^ dataset.seed);
  const steps = Math.min(s.steps, (maxEvents - 2) / 2);
  const at = (i: number) => isoMillis(s.from + Math.floor(((s.to - s.from) * i) / (steps + 1)));
  const out: AgentRunTraceEvent[] = [
    {
      timestamp: isoMillis(s.from),
      source: 'system',
      event_type: 'run_started',
      content: 'Driver connected',
      details: {},
    },
  ];
  for (let step = 1; step <= steps; step++) {
    const x = rng.int(0, 1919);
    const y = rng.int(0, 1079);
    out.push({
      timestamp: at(step),
      source: 'agent',
      event_type: 'reasoning',
      content: `Step ${step}: looking for the next control`,
      details: {},
    });
    out.push({
      timestamp: at(step),
      source: 'driver',
      event_type: 'action',
      content: null,
      details: { action: 'click', x, y },
    });
  }
  if (s.kind === 'creation') {
    // The spec allows an event without a time; a client must place it without one.
    out.push({ timestamp: null, source: 'user', event_type: 'note', content: 'Saved as an automation', details: {} });
  }
  const failed = s.execution?.status === 'failed';
  out.push({
    timestamp: isoMillis(s.to),
    source: 'system',
    event_type: failed ? 'error' : 'run_completed',
    content: failed ? (s.execution?.error_message ?? 'Failed') : 'Run finished',
    details: failed ? { category: s.execution?.error_category ?? null } : {},
  });
  return out;
}

/** The signature a screenshot link carries: bound to the path and the expiry, so neither can be edited. */
function signature(dataset: Dataset, path: string, expires: number): string {
  return (hashString(`${dataset.seed}:${path}:${expires}`) >>> 0).toString(16).padStart(8, '0');
}

function screenshotPath(runId: string, n: number): string {
  return `/sim/screenshots/${encodeURIComponent(runId)}/${n}.png`;
}

export function traceBody(ctx: RunsContext, runId: string): AgentRunTraceResponse | undefined {
  const s = session(ctx.dataset, runId);
  if (!s) return undefined;
  const expires = Math.floor((ctx.now + signedLinkHours * HOUR_MS) / 1000);
  const screenshots = Array.from({ length: s.screenshots }, (_, i) => {
    const path = screenshotPath(runId, i + 1);
    return `${ctx.origin}${path}?expires=${expires}&signature=${signature(ctx.dataset, path, expires)}`;
  });
  const recordingName = `${runId}.mp4`;
  return {
    agent_run_id: runId,
    rpa_run_id: runId,
    message_trace: events(ctx.dataset, s),
    screenshots,
    recording:
      s.kind === 'latestRun'
        ? {
            recording_url: `gs://granite-recordings/${recordingName}`,
            signed_url: `${ctx.origin}/sim/recordings/${recordingName}?expires=${expires}&signature=${signature(ctx.dataset, recordingName, expires)}`,
            filename: recordingName,
            uploaded_at: isoMillis(s.to),
            file_size_mb: Math.round(((s.to - s.from) / 1000) * 0.05 * 10) / 10,
            expires_in_hours: signedLinkHours,
          }
        : null,
  };
}

function trace(ctx: RunsContext, [runId]: string[]): Reply {
  const body = runId === undefined ? undefined : traceBody(ctx, runId);
  return body ? jsonReply(200, body) : jsonReply(404, { detail: 'Agent run trace not found' });
}

function agentRun(ctx: RunsContext, [runId]: string[]): Reply {
  const s = runId === undefined ? undefined : session(ctx.dataset, runId);
  if (!s) return jsonReply(404, { detail: 'Agent run not found' });
  return jsonReply(200, {
    run_id: s.runId,
    status: s.execution?.status ?? 'completed',
    progress: { steps_completed: s.execution?.steps ?? s.steps, total_steps: s.steps },
    reserved_vm_id: null,
    created_at: isoMillis(s.from),
    completed_at: isoMillis(s.to),
  });
}

function screenshot(ctx: RunsContext, [runId, n]: string[]): Reply {
  const s = runId === undefined ? undefined : session(ctx.dataset, runId);
  const index = Number(n);
  const expires = Number(ctx.query.get('expires'));
  const path = screenshotPath(runId ?? '', index);
  if (!s || !(index >= 1 && index <= s.screenshots)) return jsonReply(404, { detail: 'Not Found' });
  // A storage bucket's answer to a link that was edited or has expired.
  if (ctx.query.get('signature') !== signature(ctx.dataset, path, expires) || ctx.now > expires * 1000)
    return {
      status: 403,
      headers: {},
      contentType: 'application/xml',
      body: '<Error><Code>AccessDenied</Code></Error>',
    };
  const rng = new Rng(hashString(`shot:${runId ?? ''}:${index}`) ^ ctx.dataset.seed);
  const bytes = encodePng({
    width: 160,
    height: 100,
    background: [rng.int(200, 250), rng.int(200, 250), rng.int(200, 250)],
    bar: [rng.int(20, 90), rng.int(60, 140), rng.int(120, 200)],
    barFraction: index / s.screenshots,
  });
  return { status: 200, headers: {}, contentType: 'image/png', body: `PNG, ${bytes.length} bytes`, bytes };
}

export const traceRoutes: RunsRoute[] = [
  { method: 'GET', pattern: /^\/api\/agent-runs\/([^/]+)\/trace$/, handle: trace },
  { method: 'GET', pattern: /^\/api\/agent-runs\/([^/]+)$/, handle: agentRun },
  { method: 'GET', pattern: /^\/sim\/screenshots\/([^/]+)\/(\d+)\.png$/, handle: screenshot, public: true },
];
