/**
 * The write routes Run Again uses (issue 15): the public endpoint route `POST /api/{org}/{slug}` (creates an
 * execution and an agent run, answers `{runId, status: "queued"}` as api-notes.md §6 documents; GET runs it
 * too, as openapi-runs.md warns) and `POST /api/organizations/{org_id}/automations/{run_id}/execute`
 * (creates an execution, answers the spec's `ExecutionResultResponse`), plus the progress of the agent runs
 * created here (`GET /api/agent-runs/{ar_…}`; traces.ts serves the generated ones).
 *
 * New executions join the dataset (model.ts `appendExecution`, the automation index and the batch cache
 * cleared) and progress on the simulator's clock: pending, running, then completed or failed by a seeded
 * rule, each step applied by `advance(now)` before every request. Every write received is recorded, with
 * the outcome planned for it, so tests compute their expectations from the record, not from our code.
 * The execute route answers at once (the run still queued): Granite's probably blocks [I], and the
 * extension follows both. Faults apply as to any route (respond.ts), after the write took effect, which is
 * what makes an outcome unknown. Semantics: SEMANTICS.md § "Run Again writes".
 */
import { jsonInvalid, notAnObject } from './filters';
import { appendExecution, isTerminal, type Dataset, type Execution, type ExecutionStatus } from './model';
import { failureMessage } from './names';
import { hashString, Rng } from './random';
import { jsonReply, type Reply } from './respond';
import type { RunsContext } from './runContext';
import { forgetAutomationIndex } from './runs';
import { isoMillis } from './time';

/** How long a new execution waits for a driver, then runs: seconds, so a demo or a test sees it end. */
export const writePendingMs = 1_000;
export const writeRunMinMs = 2_000;
export const writeRunMaxMs = 5_000;
/** The share of new executions that fail (seeded per execution). */
export const writeFailureRate = 0.3;

export interface ReceivedWrite {
  route: 'endpoint' | 'execute';
  method: string;
  path: string;
  /** The JSON body as received (undefined when empty). */
  body: unknown;
  at: number;
  executionId: string;
  /** The agent run created by the endpoint route. */
  agentRunId?: string;
  /** What the new execution will end as, and when (simulator clock). */
  planned: { status: 'completed' | 'failed'; startsAt: number; endsAt: number };
}

interface Live {
  execution: Execution;
  planned: ReceivedWrite['planned'];
}

export class RunWrites {
  /** Every write received, oldest first (tests may truncate it). */
  readonly received: ReceivedWrite[] = [];
  private readonly live: Live[] = [];
  private readonly agentRuns = new Map<string, Live>();
  private sequence = 0;

  constructor(
    private readonly dataset: Dataset,
    /** The batch cache of the server: cleared whenever an execution is added or changes status. */
    private readonly cache: Map<string, string>,
  ) {}

  /** Applies every status change due by `now`; called before each request is routed. */
  advance(now: number): void {
    let changed = false;
    for (let i = this.live.length - 1; i >= 0; i--) {
      const { execution: e, planned } = this.live[i]!;
      const status: ExecutionStatus =
        now >= planned.endsAt ? planned.status : now >= planned.startsAt ? 'running' : 'pending';
      if (status === e.status) continue;
      changed = true;
      e.status = status;
      if (status === 'running') e.queue_wait_ms = planned.startsAt - e.started_at_ms;
      if (isTerminal(status)) {
        e.completed_at_ms = planned.endsAt;
        e.duration_ms = planned.endsAt - e.started_at_ms;
        if (status === 'failed') {
          const rng = new Rng(hashString(`fail:${e.execution_id}`) ^ this.dataset.seed);
          e.error_category = 'element_not_found';
          e.error_message = failureMessage(rng, 'element_not_found', 0);
          e.steps = Math.max(1, e.steps - 1);
        }
        this.live.splice(i, 1);
      }
    }
    if (changed) this.cache.clear();
  }

  /** The agent run the endpoint route created, if `id` is one. */
  agentRun(id: string): Live | undefined {
    return this.agentRuns.get(id);
  }

  create(
    ctx: RunsContext,
    request: Omit<ReceivedWrite, 'executionId' | 'planned' | 'at'>,
    workflow: number,
    parameters: { name: string; value: unknown }[],
  ): ReceivedWrite {
    const def = this.dataset.workflows[workflow]!;
    const n = ++this.sequence;
    const rng = new Rng(hashString(`write:${n}`) ^ this.dataset.seed);
    const executionId = `exec_again_${n}_${rng.hex(8)}`;
    const startsAt = ctx.now + writePendingMs;
    const planned = {
      status: rng.chance(writeFailureRate) ? ('failed' as const) : ('completed' as const),
      startsAt,
      endsAt: startsAt + rng.int(writeRunMinMs, writeRunMaxMs),
    };
    const endpoint = request.route === 'endpoint' ? def.endpoints[0] : undefined;
    const execution: Execution = {
      execution_id: executionId,
      run_id: def.run_id,
      workflow_name: def.name,
      workflow,
      triggered_by: endpoint ? 'endpoint' : 'manual',
      endpoint_slug: endpoint?.endpoint_slug ?? null,
      http_method: endpoint ? request.method : null,
      status: 'pending',
      started_at_ms: ctx.now,
      completed_at_ms: null,
      duration_ms: null,
      error_category: null,
      error_message: null,
      clicks: rng.int(5, 60),
      keystrokes: rng.int(0, 400),
      scrolls: rng.int(0, 20),
      screenshots: rng.int(1, 12),
      steps: def.steps,
      iterations: 1,
      tokens: def.agent ? rng.int(2_000, 40_000) : 0,
      queue_wait_ms: null,
      parameters,
    };
    appendExecution(this.dataset, execution);
    forgetAutomationIndex(this.dataset);
    this.cache.clear();
    const live = { execution, planned };
    this.live.push(live);
    const write: ReceivedWrite = { ...request, at: ctx.now, executionId, planned };
    if (request.route === 'endpoint') {
      write.agentRunId = `ar_${executionId}`;
      this.agentRuns.set(write.agentRunId, live);
    }
    this.received.push(write);
    return write;
  }
}

export interface WritesContext extends RunsContext {
  bodyText: string;
  method: string;
  path: string;
  writes: RunWrites;
}

export interface WriteRoute {
  method: 'GET' | 'POST';
  pattern: RegExp;
  handle(ctx: WritesContext, params: string[]): Reply;
}

type Parsed = { ok: true; body: unknown } | { ok: false; reply: Reply };

function parseBody(text: string): Parsed {
  if (text.trim() === '') return { ok: true, body: undefined };
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, reply: jsonReply(422, { detail: [jsonInvalid(error)] }) };
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The public route: the org by slug or id, the endpoint by slug; the body's keys are the parameters. */
function invokeEndpoint(ctx: WritesContext, [org, slug]: string[]): Reply {
  const { dataset } = ctx;
  const workflow = dataset.workflows.findIndex((w) => w.endpoints.some((e) => e.endpoint_slug === slug));
  if ((org !== dataset.orgSlug && org !== dataset.orgId) || workflow < 0)
    return jsonReply(404, { detail: 'Not Found' });
  const parsed = parseBody(ctx.bodyText);
  if (!parsed.ok) return parsed.reply;
  const body = parsed.body ?? {};
  if (!isObject(body)) return jsonReply(422, { detail: [notAnObject(body)] });
  const parameters = Object.entries(body).map(([name, value]) => ({ name, value }));
  const write = ctx.writes.create(
    ctx,
    { route: 'endpoint', method: ctx.method, path: ctx.path, body: parsed.body },
    workflow,
    parameters,
  );
  return jsonReply(200, { runId: write.agentRunId, status: 'queued' });
}

/** `ExecuteAutomationRequest` as pydantic checks it: an object; `parameters` [{name, value}] or null; `timeout` 1–3600 or null. */
function executeProblems(body: unknown): unknown[] {
  if (!isObject(body)) return [notAnObject(body)];
  const problems: unknown[] = [];
  const { parameters, timeout } = body;
  if (parameters != null) {
    if (!Array.isArray(parameters))
      problems.push({
        type: 'list_type',
        loc: ['body', 'parameters'],
        msg: 'Input should be a valid list',
        input: parameters,
      });
    else
      (parameters as unknown[]).forEach((item, i) => {
        if (!isObject(item) || typeof item.name !== 'string' || !('value' in item))
          problems.push({ type: 'missing', loc: ['body', 'parameters', i], msg: 'Field required', input: item });
      });
  }
  if (timeout != null && !(Number.isInteger(timeout) && (timeout as number) >= 1 && (timeout as number) <= 3600))
    problems.push({
      type: 'int_range',
      loc: ['body', 'timeout'],
      msg: 'Input should be between 1 and 3600',
      input: timeout,
    });
  return problems;
}

function execute(ctx: WritesContext, [orgId, runId]: string[]): Reply {
  const workflow = ctx.dataset.workflows.findIndex((w) => w.run_id === runId);
  if (orgId !== ctx.dataset.orgId || workflow < 0) return jsonReply(404, { detail: 'Automation not found' });
  const parsed = parseBody(ctx.bodyText);
  if (!parsed.ok) return parsed.reply;
  // The body is required (the spec's `requestBody.required`).
  const problems =
    parsed.body === undefined
      ? [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }]
      : executeProblems(parsed.body);
  if (problems.length > 0) return jsonReply(422, { detail: problems });
  const given = (parsed.body as { parameters?: { name: string; value: unknown }[] | null }).parameters ?? [];
  const write = ctx.writes.create(
    ctx,
    { route: 'execute', method: ctx.method, path: ctx.path, body: parsed.body },
    workflow,
    given.map(({ name, value }) => ({ name, value })),
  );
  return jsonReply(200, {
    success: true,
    run_id: runId,
    execution_id: write.executionId,
    return_code: null,
    stdout: null,
    stderr: null,
    execution_time: null,
    error: null,
    data: null,
  });
}

const agentStatus: Record<ExecutionStatus, string> = {
  pending: 'queued',
  running: 'running',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
};

function agentRunProgress(ctx: WritesContext, [id]: string[]): Reply {
  const live = id === undefined ? undefined : ctx.writes.agentRun(id);
  if (!live) return jsonReply(404, { detail: 'Agent run not found' });
  const e = live.execution;
  const done = isTerminal(e.status) ? e.steps : e.status === 'running' ? Math.floor(e.steps / 2) : 0;
  return jsonReply(200, {
    run_id: id,
    status: agentStatus[e.status],
    progress: { steps_completed: done, total_steps: e.steps },
    reserved_vm_id: e.status === 'pending' ? null : 'vm-sim-01',
    created_at: isoMillis(e.started_at_ms),
    completed_at: e.completed_at_ms === null ? null : isoMillis(e.completed_at_ms),
  });
}

/**
 * First segments that are Granite's own routes: `/api/analytics/batch` is never the public route, so an
 * unknown path under them stays a 404 and a wrong method a 405 (routes.ts).
 */
const ownRoutes = '(?!(?:analytics|organizations|agent-runs|agent|rpa|recordings|jobs|workflow_jobs|me)(?:/|$))';
const publicRoute = new RegExp(`^\\/api\\/${ownRoutes}([^/]+)\\/([^/]+)$`);

/** Before traces.ts's agent-run route: only ids this file created (`ar_…`). */
export const writeProgressRoutes: WriteRoute[] = [
  { method: 'GET', pattern: /^\/api\/agent-runs\/(ar_[^/]+)$/, handle: agentRunProgress },
];

/** After every other route (the public route's pattern is the widest). */
export const writeRoutes: WriteRoute[] = [
  {
    method: 'POST',
    pattern: /^\/api\/organizations\/([^/]+)\/automations\/([^/]+)\/execute$/,
    handle: execute,
  },
  { method: 'POST', pattern: publicRoute, handle: invokeEndpoint },
  { method: 'GET', pattern: publicRoute, handle: invokeEndpoint },
];
