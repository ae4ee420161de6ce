/**
 * The automation routes of the runs excerpt (`openapi-runs.json`): an automation's execution history,
 * paged and filtered, and its info (description, endpoint, parameters schema). Rows come from details.ts's
 * `executionDetail`, so a history row and the execution's detail never disagree. Semantics: SEMANTICS.md.
 */
import type { ExecutionSummary } from '../../src/core/api/runSchemas';
import { executionDetail } from './details';
import type { Dataset, Execution, WorkflowDef } from './model';
import { hashString, Rng } from './random';
import { jsonReply, type Reply } from './respond';
import type { RunsContext, RunsRoute } from './runContext';
import { DAY_MS, isoMillis } from './time';

/** The page size the history route applies when asked for more (the org-wide list's default). */
export const maxHistoryLimit = 100;

const byAutomation = new WeakMap<Dataset, Map<string, Execution[]>>();

/** An automation's executions, newest first (`started_at` descending, then `execution_id` ascending). */
export function automationExecutions(dataset: Dataset, runId: string): Execution[] | undefined {
  let index = byAutomation.get(dataset);
  if (!index) {
    index = new Map();
    for (const def of dataset.workflows) index.set(def.run_id, []);
    // dataset.executions is sorted ascending by start then id: walk it backwards for descending starts.
    for (let i = dataset.executions.length - 1; i >= 0; i--) {
      const e = dataset.executions[i] as Execution;
      index.get(e.run_id)?.push(e);
    }
    for (const list of index.values())
      list.sort((a, b) => b.started_at_ms - a.started_at_ms || (a.execution_id < b.execution_id ? -1 : 1));
    byAutomation.set(dataset, index);
  }
  return index.get(runId);
}

/** Drops the index after executions were added (runWrites.ts); it is rebuilt on the next request. */
export function forgetAutomationIndex(dataset: Dataset): void {
  byAutomation.delete(dataset);
}

export function executionSummary(dataset: Dataset, e: Execution): ExecutionSummary {
  const { job_id: _job, user_id: _user, ...summary } = executionDetail(dataset, e);
  return { ...summary, parameters: summary.parameters ?? [] };
}

/** FastAPI's answer to a query parameter that is not an integer. */
function intParsing(name: string, input: string): Reply {
  const msg = 'Input should be a valid integer, unable to parse string as an integer';
  return jsonReply(422, { detail: [{ type: 'int_parsing', loc: ['query', name], msg, input }] });
}

function history(ctx: RunsContext, [orgId, runId]: string[]): Reply {
  const list =
    orgId === ctx.dataset.orgId && runId !== undefined ? automationExecutions(ctx.dataset, runId) : undefined;
  if (!list) return jsonReply(404, { detail: 'Automation not found' });
  const read = (name: string, fallback: number): number | Reply => {
    const raw = ctx.query.get(name);
    if (raw === null) return fallback;
    return /^[+-]?\d+$/.test(raw.trim()) ? Number(raw) : intParsing(name, raw);
  };
  const limitIn = read('limit', 50);
  const skipIn = read('skip', 0);
  if (typeof limitIn !== 'number') return limitIn;
  if (typeof skipIn !== 'number') return skipIn;
  // The spec bounds neither; the answer's `limit` and `skip` say what was applied.
  const limit = Math.min(maxHistoryLimit, Math.max(1, limitIn));
  const skip = Math.max(0, skipIn);
  const status = ctx.query.get('status');
  const matching = status ? list.filter((e) => e.status === status) : list;
  return jsonReply(200, {
    executions: matching.slice(skip, skip + limit).map((e) => executionSummary(ctx.dataset, e)),
    total: matching.length,
    limit,
    skip,
  });
}

/** A JSON Schema fragment per parameter name (names.ts's `parameterValue` draws values within it). */
const parameterSchemas: Record<string, Record<string, unknown>> = {
  date_from: { type: 'string', format: 'date', description: 'First day to process' },
  date_to: { type: 'string', format: 'date', description: 'Last day to process' },
  batch_size: { type: 'integer', enum: [25, 50, 100, 250, 500] },
  max_rows: { type: 'integer', enum: [25, 50, 100, 250, 500] },
  dry_run: { type: 'boolean', default: false },
  customer_id: { type: 'string', pattern: '^CUST-\\d{5}$' },
  company_code: { type: 'string', enum: ['1000', '2000', '3100', '4500'] },
  region: { type: 'string', enum: ['EMEA', 'NA', 'APAC', 'LATAM'] },
  notify_email: { type: 'string', format: 'email' },
  currency: { type: 'string', enum: ['EUR', 'USD', 'GBP'] },
  priority: { type: 'string', enum: ['low', 'normal', 'high'], default: 'normal' },
};

export function parametersSchema(def: WorkflowDef): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const name of def.parameters) properties[name] = parameterSchemas[name] ?? { type: 'string' };
  // A parameter with a default may be left out; every other one is required.
  const required = def.parameters.filter((name) => parameterSchemas[name]?.default === undefined);
  return { type: 'object', properties, required };
}

/** When the automation was created: a day before its first execution (traces.ts's creation session). */
export function automationCreatedAt(dataset: Dataset, runId: string): number {
  const list = automationExecutions(dataset, runId) ?? [];
  const first = list.at(-1)?.started_at_ms ?? dataset.now - dataset.days * DAY_MS;
  return first - DAY_MS;
}

function info(ctx: RunsContext, [orgId, runId]: string[]): Reply {
  const def = ctx.dataset.workflows.find((w) => w.run_id === runId);
  if (!def || orgId !== ctx.dataset.orgId) return jsonReply(404, { detail: 'Automation not found' });
  const rng = new Rng(hashString(`info:${def.run_id}`) ^ ctx.dataset.seed);
  const endpoint = def.endpoints[0];
  return jsonReply(200, {
    run_id: def.run_id,
    workflow_description: `${def.name}: ${def.steps} steps${def.agent ? ', driven by an AI agent' : ', an RPA script'}.`,
    workflow_hint: rng.chance(0.5) ? `Needs a driver signed in to the ${def.name.split(' ')[0] ?? ''} portal.` : null,
    status: 'ready',
    endpoint_id: endpoint ? `ep_${rng.hex(12)}` : null,
    endpoint_slug: endpoint?.endpoint_slug ?? null,
    // The public route on this simulator, as Granite builds it: <API origin>/api/{org slug}/{endpoint slug}.
    endpoint_url: endpoint ? `${ctx.origin}/api/${ctx.dataset.orgSlug}/${endpoint.endpoint_slug}` : null,
    parameters_schema: parametersSchema(def),
    created_at: isoMillis(automationCreatedAt(ctx.dataset, def.run_id)),
  });
}

const automation = String.raw`^\/api\/organizations\/([^/]+)\/automations\/([^/]+)`;

export const runRoutes: RunsRoute[] = [
  { method: 'GET', pattern: new RegExp(`${automation}\\/executions$`), handle: history },
  { method: 'GET', pattern: new RegExp(`${automation}\\/info$`), handle: info },
];
