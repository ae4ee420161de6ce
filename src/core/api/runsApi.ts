/**
 * The read routes of Granite's runs contract (`openapi-runs.json`): an automation's execution history and
 * info, an agent run's trace and progress. Built on `GraniteClient.getValidated`, so timeouts, size caps,
 * rate-limit headers and FastAPI error bodies are handled exactly as for the batch (client.ts, transport.ts).
 *
 * It remembers nothing: what to cache, for how long, and a 404 trace as "no trace" are the run view's
 * business. It sends nothing that writes: the execute route, the public endpoint route and the org-wide
 * DELETEs of the excerpt are not here (Run Again gets its own module, never retried).
 *
 * Ids are checked before anything is sent: the spec asks only for a string, but an empty id or a dot
 * segment would make a different URL (`encodeURIComponent` leaves `.` and `..` as they are, and URL parsers
 * resolve them), and a different URL here can be a different route of the same API.
 */
import type * as z from 'zod/mini';
import { isolateBidi } from '../escaping';
import { t } from '../l10n';
import type { Fetched, GraniteClient, RequestOptions } from './client';
import { GraniteError } from './errors';
import {
  AgentRunProgressResponse,
  AgentRunTraceResponse,
  AutomationWithEndpointInfo,
  ExecutionListResponse,
  historyDefaults,
  type HistoryQuery,
} from './runSchemas';

/** What this module needs of the client: its validated GET (so tests and callers may hand a narrower one). */
export type ValidatedGet = Pick<GraniteClient, 'getValidated'>;

/** The largest page the extension asks for; the spec sets no maximum, and the org-wide list defaults to 100. */
export const maxHistoryLimit = 100;

export class RunsApi {
  constructor(private readonly client: ValidatedGet) {}

  /**
   * `GET /api/organizations/{org_id}/automations/{run_id}/executions`: one page of the automation's
   * executions. `runId` is the automation's id (an execution's `run_id`), not an execution id.
   */
  fetchHistory(
    orgId: string,
    runId: string,
    query: HistoryQuery = {},
    options: RequestOptions = {},
  ): Promise<Fetched<ExecutionListResponse>> {
    const path = () => `${automationPath(orgId, runId)}/executions?${historySearch(query)}`;
    return this.get(path, ExecutionListResponse, options, {
      notFound: t('Granite has no automation {0} in this organisation (it may have been deleted).', quote(runId)),
      invalid: t("Granite rejected the request for this automation's history"),
    });
  }

  /** `GET /api/organizations/{org_id}/automations/{run_id}/info`: description, endpoint and parameters schema. */
  fetchAutomationInfo(
    orgId: string,
    runId: string,
    options: RequestOptions = {},
  ): Promise<Fetched<AutomationWithEndpointInfo>> {
    return this.get(() => `${automationPath(orgId, runId)}/info`, AutomationWithEndpointInfo, options, {
      notFound: t('Granite has no automation {0} in this organisation (it may have been deleted).', quote(runId)),
      invalid: t("Granite rejected the request for this automation's details"),
    });
  }

  /**
   * `GET /api/agent-runs/{run_id}/trace`. A 404 is a normal answer here (most runs have no trace): it is
   * thrown as `NotFound` with a message saying so, for the caller to remember as "no trace".
   */
  fetchTrace(agentRunId: string, options: RequestOptions = {}): Promise<Fetched<AgentRunTraceResponse>> {
    const path = () => `/api/agent-runs/${segment(agentRunId, 'agent run')}/trace`;
    return this.get(path, AgentRunTraceResponse, options, {
      notFound: t('Granite has no timeline for {0}.', quote(agentRunId)),
      invalid: t("Granite rejected the request for this run's timeline"),
    });
  }

  /** `GET /api/agent-runs/{run_id}`: an agent run's status, as the public API's polling route. */
  fetchAgentRun(agentRunId: string, options: RequestOptions = {}): Promise<Fetched<AgentRunProgressResponse>> {
    return this.get(() => `/api/agent-runs/${segment(agentRunId, 'agent run')}`, AgentRunProgressResponse, options, {
      notFound: t('Granite has no agent run {0}.', quote(agentRunId)),
      invalid: t('Granite rejected the request for this agent run'),
    });
  }

  private async get<T>(
    path: () => string,
    schema: z.ZodMiniType<T>,
    options: RequestOptions,
    messages: { notFound: string; invalid: string },
  ): Promise<Fetched<T>> {
    // Built here, so a refused id rejects the promise (as any other failure) rather than throwing.
    const url = path();
    try {
      return await this.client.getValidated(url, schema, options);
    } catch (error) {
      throw routeError(error, messages);
    }
  }
}

/**
 * The client's messages for 404 and 400/422 speak of the analytics API and its filters; on these routes a
 * 404 names a missing automation or trace, and a 422 a bad id or page. The other kinds keep their message.
 */
function routeError(error: unknown, messages: { notFound: string; invalid: string }): unknown {
  if (!(error instanceof GraniteError)) return error;
  const details = { status: error.status, serverMessage: error.serverMessage, rateLimit: error.rateLimit };
  if (error.kind === 'NotFound') return new GraniteError('NotFound', messages.notFound, details);
  if (error.kind === 'InvalidRequest') {
    const said = error.serverMessage ? ` ("${isolateBidi(error.serverMessage)}")` : '';
    return new GraniteError('InvalidRequest', `${messages.invalid}${said}.`, details);
  }
  return error;
}

function automationPath(orgId: string, runId: string): string {
  return `/api/organizations/${segment(orgId, 'organisation')}/automations/${segment(runId, 'automation')}`;
}

/** Encodes one path segment, refusing what would not stay one (see the header). Nothing is sent then. */
export function segment(id: unknown, what: string): string {
  if (typeof id !== 'string' || id.length === 0 || id === '.' || id === '..') {
    throw new GraniteError('InvalidRequest', t('{0} is not a valid {1} id; nothing was sent.', quote(id), what));
  }
  return encodeURIComponent(id);
}

/** `limit` and `skip` always sent (so the page does not depend on a server default); `status` only when set. */
export function historySearch(query: HistoryQuery): string {
  const limit = query.limit ?? historyDefaults.limit;
  const skip = query.skip ?? historyDefaults.skip;
  // The spec types both as plain integers; a page of 0 or a negative offset asks for nothing useful.
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > maxHistoryLimit)
    throw new GraniteError('InvalidRequest', t('A history page holds 1 to {0} executions.', maxHistoryLimit));
  if (!Number.isSafeInteger(skip) || skip < 0)
    throw new GraniteError('InvalidRequest', t('A history offset is a whole number of executions, 0 or more.'));
  const search = new URLSearchParams({ limit: String(limit), skip: String(skip) });
  if (query.status != null && query.status !== '') search.set('status', query.status);
  return search.toString();
}

function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return `"${isolateBidi(text.length > 80 ? `${text.slice(0, 80)}…` : text)}"`;
}
