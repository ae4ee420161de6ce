/**
 * The read-only half of Granite's runs contract (`shared/granite/openapi-runs.json`, notes in
 * `openapi-runs.md`), field for field as its `components.schemas`: an automation's execution history, its
 * info (endpoint and parameters schema), an agent run's trace and its progress. The execution detail is
 * `ExecutionDetail` in schemas.ts (identical in both excerpts). runsApi.ts validates answers with these.
 *
 * The rules are schemas.ts's: required vs optional as the spec lists them, `null` only where the spec has
 * `anyOf [..., null]`, statuses and timestamps kept as the strings sent, unknown keys dropped. Arrays the
 * spec does not require default to empty, so a caller never tests for absence and for emptiness apart.
 *
 * Which id is which (openapi-runs.md): `run_id` on the automation routes names the automation (an "RPA
 * run"); `execution_id` one run of it; `{run_id}` on `/api/agent-runs/…` an agent run, which a trace calls
 * `agent_run_id` and the progress answer `run_id`. The types keep the spec's names; the feature keeps them apart.
 */
import * as z from 'zod/mini';
import { object } from './jitObject';

const integer = z.number().check(z.refine(Number.isInteger, { message: 'Expected an integer' }));
const jsonObject = z.record(z.string(), z.unknown());
const nullableString = z.optional(z.nullable(z.string()));
/** An array the spec does not require: absent means empty. */
const optionalArray = <T extends z.core.SomeType>(item: T) => z._default(z.array(item), () => []);

// ---- GET /api/organizations/{org_id}/automations/{run_id}/executions ---------------------------

/** One row of an execution list: `ExecutionDetail` without `job_id` and `user_id`. */
export const ExecutionSummary = object({
  execution_id: z.string(),
  run_id: z.string(),
  triggered_by: z.string(),
  endpoint_slug: nullableString,
  parameters: optionalArray(jsonObject),
  status: z.string(),
  started_at: z.string(),
  completed_at: nullableString,
  duration_ms: z.optional(z.nullable(integer)),
  result: z.optional(z.nullable(jsonObject)),
});
export type ExecutionSummary = z.output<typeof ExecutionSummary>;

/** `limit` and `skip` are what the server applied, which may differ from what was asked. */
export const ExecutionListResponse = object({
  executions: z.array(ExecutionSummary),
  total: integer,
  limit: integer,
  skip: integer,
});
export type ExecutionListResponse = z.output<typeof ExecutionListResponse>;

/** The query of the history route; the spec's defaults are `limit` 50 and `skip` 0, `status` any string. */
export interface HistoryQuery {
  limit?: number;
  skip?: number;
  status?: string | null;
}
export const historyDefaults = { limit: 50, skip: 0 } as const;

// ---- GET /api/organizations/{org_id}/automations/{run_id}/info ---------------------------------

/**
 * `endpoint_url` is the public route, where any method (GET included) runs the automation: it is shown
 * and copied as text, never fetched or made a link. `parameters_schema` is untrusted JSON.
 */
export const AutomationWithEndpointInfo = object({
  run_id: z.string(),
  workflow_description: nullableString,
  workflow_hint: nullableString,
  status: nullableString,
  endpoint_id: nullableString,
  endpoint_slug: nullableString,
  endpoint_url: nullableString,
  parameters_schema: z.optional(z.nullable(jsonObject)),
  created_at: nullableString,
});
export type AutomationWithEndpointInfo = z.output<typeof AutomationWithEndpointInfo>;

// ---- GET /api/agent-runs/{run_id}/trace --------------------------------------------------------

export const AgentRunTraceEvent = object({
  timestamp: nullableString,
  source: z.string(),
  event_type: z.string(),
  content: nullableString,
  details: z._default(jsonObject, () => ({})),
});
export type AgentRunTraceEvent = z.output<typeof AgentRunTraceEvent>;

/** `signed_url` is a bearer link that expires: opened on a click only, never stored or logged. */
export const AgentRunRecording = object({
  recording_url: nullableString,
  signed_url: nullableString,
  filename: nullableString,
  uploaded_at: nullableString,
  file_size_mb: z.optional(z.nullable(z.number())),
  expires_in_hours: z.optional(z.nullable(integer)),
});
export type AgentRunRecording = z.output<typeof AgentRunRecording>;

/** `screenshots` are signed links too: fetched by the host, handed to the webview as data, never stored. */
export const AgentRunTraceResponse = object({
  agent_run_id: z.string(),
  rpa_run_id: nullableString,
  message_trace: optionalArray(AgentRunTraceEvent),
  screenshots: optionalArray(z.string()),
  recording: z.optional(z.nullable(AgentRunRecording)),
});
export type AgentRunTraceResponse = z.output<typeof AgentRunTraceResponse>;

// ---- GET /api/agent-runs/{run_id} --------------------------------------------------------------

/** The public API's polling answer; `run_id` here is the agent run's id (a third kind of id). */
export const AgentRunProgressResponse = object({
  run_id: z.string(),
  status: z.string(),
  progress: jsonObject,
  reserved_vm_id: nullableString,
  created_at: z.string(),
  completed_at: nullableString,
});
export type AgentRunProgressResponse = z.output<typeof AgentRunProgressResponse>;
