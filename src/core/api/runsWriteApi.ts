/**
 * The only two calls with which the extension starts anything on Granite (Run Again, src/runAgain/):
 * the automation's public endpoint (`POST /api/{org slug or id}/{endpoint_slug}`, a JSON object of
 * parameters as api-notes.md §6 documents; the spec declares no body) and `POST …/automations/{run_id}/execute`
 * (`parameters: [{name, value}]`). Both go through the client's one request primitive (client.ts), so
 * timeouts, the size cap, rate-limit headers, error bodies and redaction are the batch's.
 *
 * Each is sent once and never retried: the client itself never retries (the scheduler does, for reads), and
 * nothing here loops. A failure is a `RunWriteError` that says whether the run certainly did not start
 * (refused before or by Granite) or may have started (timeout, 5xx, 429, a dropped connection, an answer
 * that cannot be read): then the user is told to check the history rather than to try again.
 * Which route to use, and whether the endpoint URL may be trusted, is runAgain.ts's rule, not this file's.
 */
import * as z from 'zod/mini';
import { isolateBidi } from '../escaping';
import { t } from '../l10n';
import type { Fetched, GraniteClient, RequestOptions } from './client';
import { GraniteError } from './errors';
import { object } from './jitObject';
import { segment } from './runsApi';

const integer = z.number().check(z.refine(Number.isInteger, { message: 'Expected an integer' }));
const nullableString = z.optional(z.nullable(z.string()));

/** The public route's answer as api-notes.md §6 documents it (the spec's schema is `{}`): `{runId, status: "queued"}`. */
export const EndpointInvokeResponse = object({ runId: z.string(), status: z.string() });
export type EndpointInvokeResponse = z.output<typeof EndpointInvokeResponse>;

/** `ExecutionResultResponse` of openapi-runs.json: `success`, `run_id`, `execution_id` required. */
export const ExecutionResultResponse = object({
  success: z.boolean(),
  run_id: z.string(),
  execution_id: z.string(),
  return_code: z.optional(z.nullable(integer)),
  stdout: nullableString,
  stderr: nullableString,
  execution_time: z.optional(z.nullable(z.number())),
  error: nullableString,
  data: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
});
export type ExecutionResultResponse = z.output<typeof ExecutionResultResponse>;

/** `ParameterValue` of the spec. */
export interface ParameterValue {
  name: string;
  value: unknown;
}

/** The execute route's default run timeout (the spec's `ExecuteAutomationRequest.timeout` default, seconds). */
export const defaultExecuteTimeoutSeconds = 300;
/** Past the run's own timeout, how long the answer of the (probably blocking) execute route is awaited. */
export const executeAnswerGraceMs = 30_000;

/**
 * First segments of Granite's own routes: an organisation identifier equal to one would make the public
 * route's path another route of the API (`/api/analytics/batch`), so such an endpoint is never called.
 */
const reservedFirstSegments = new Set([
  'analytics',
  'organizations',
  'agent-runs',
  'agent',
  'rpa',
  'recordings',
  'jobs',
  'workflow_jobs',
  'me',
]);

/** `not-started`: certainly nothing runs (refused before sending, or by Granite). `unknown`: it may run. */
export type WriteOutcome = 'not-started' | 'unknown';

export class RunWriteError extends Error {
  override readonly name = 'RunWriteError';
  constructor(
    readonly outcome: WriteOutcome,
    /** For the user: what happened and what to do. */
    readonly userMessage: string,
    readonly kind: GraniteError['kind'] | 'Refused',
    readonly status?: number,
  ) {
    super(`${outcome}: ${userMessage}`);
  }
}

/** What this module needs of the client: its one request primitive. */
export type RequestPrimitive = Pick<GraniteClient, 'request'>;

export class RunsWriteApi {
  constructor(private readonly client: RequestPrimitive) {}

  /**
   * `POST /api/{org_identifier}/{slug}` with the parameters as a JSON object. The caller has checked that
   * this is exactly the automation's `endpoint_url` on the client's own origin (runAgain.ts).
   */
  async invokeEndpoint(
    orgIdentifier: string,
    endpointSlug: string,
    parameters: Record<string, unknown>,
    options: RequestOptions = {},
  ): Promise<Fetched<EndpointInvokeResponse>> {
    const path = refusedOrPath(() => {
      if (reservedFirstSegments.has(orgIdentifier.toLowerCase()))
        throw new GraniteError('InvalidRequest', t('The organisation name would call another Granite route.'));
      return `/api/${segment(orgIdentifier, 'organisation')}/${segment(endpointSlug, 'endpoint')}`;
    });
    return this.send(path, parameters, EndpointInvokeResponse, options, 'endpoint');
  }

  /**
   * `POST /api/organizations/{org_id}/automations/{run_id}/execute`. It probably blocks while the run runs
   * (openapi-runs.md), so its answer is awaited up to the run's timeout plus `executeAnswerGraceMs`.
   */
  async executeAutomation(
    orgId: string,
    runId: string,
    parameters: ParameterValue[],
    options: RequestOptions & { runTimeoutSeconds?: number } = {},
  ): Promise<Fetched<ExecutionResultResponse>> {
    const path = refusedOrPath(
      () => `/api/organizations/${segment(orgId, 'organisation')}/automations/${segment(runId, 'automation')}/execute`,
    );
    const body: { parameters: ParameterValue[]; timeout?: number } = { parameters };
    if (options.runTimeoutSeconds !== undefined) body.timeout = options.runTimeoutSeconds;
    const runTimeoutMs = (options.runTimeoutSeconds ?? defaultExecuteTimeoutSeconds) * 1000;
    const timeoutMs = options.timeoutMs ?? runTimeoutMs + executeAnswerGraceMs;
    return this.send(path, body, ExecutionResultResponse, { signal: options.signal, timeoutMs }, 'execute');
  }

  private async send<T>(
    path: string,
    body: unknown,
    schema: z.ZodMiniType<T>,
    options: RequestOptions,
    route: 'endpoint' | 'execute',
  ): Promise<Fetched<T>> {
    let result;
    try {
      result = await this.client.request('POST', path, options, body);
    } catch (error) {
      throw writeError(error, route);
    }
    const parsed = z.safeParse(schema, result.json);
    if (!parsed.success) {
      throw new RunWriteError(
        'unknown',
        unknownOutcome(t("Granite's answer does not have the documented form")),
        'ContractMismatch',
        result.status,
      );
    }
    return { ...result, data: parsed.data };
  }
}

function refusedOrPath(build: () => string): string {
  try {
    return build();
  } catch (error) {
    const said = error instanceof GraniteError ? error.userMessage : String(error);
    throw new RunWriteError(
      'not-started',
      t('{0} Nothing was sent.', said.replace(/;? ?nothing was sent\.$/, '.')),
      'Refused',
    );
  }
}

/** The sentence every uncertain outcome ends with: said plainly, and never "it will be retried". */
export function unknownOutcome(reason: string): string {
  return t(
    "{0}, so it is not known whether the run started. It was not sent again: check the automation's history before running it again.",
    reason,
  );
}

function writeError(error: unknown, route: 'endpoint' | 'execute'): RunWriteError {
  if (!(error instanceof GraniteError))
    return new RunWriteError('unknown', unknownOutcome(String(error)), 'NetworkError');
  const { kind, status } = error;
  const said = error.serverMessage ? ` ("${isolateBidi(error.serverMessage)}")` : '';
  const notStarted = (message: string) => new RunWriteError('not-started', message, kind, status);
  const unknown = (reason: string) => new RunWriteError('unknown', unknownOutcome(reason), kind, status);
  switch (kind) {
    case 'Unauthorized':
    case 'Forbidden':
      return notStarted(
        route === 'execute'
          ? t(
              'Granite allows running this automation only from the web app{0}. Nothing was started; use "Open in Granite" to run it there.',
              said,
            )
          : t(
              "Granite refused the API key for this automation's endpoint{0}. Nothing was started; check the key's role, or run it from the web app.",
              said,
            ),
      );
    case 'NotFound':
      return notStarted(t('Granite no longer has this automation or its endpoint{0}. Nothing was started.', said));
    case 'InvalidRequest':
      return notStarted(
        t('Granite rejected the parameters{0}. Nothing was started; correct them and try again.', said),
      );
    case 'InvalidBaseUrl':
      return notStarted(error.userMessage);
    case 'NetworkError':
      // Refused, unknown host or a failed TLS handshake: the request never reached Granite.
      if (error.network === 'refused' || error.network === 'dns' || error.network === 'tls')
        return notStarted(t('{0} Nothing was started.', error.userMessage.replace(/;? ?it will be retried\.?$/, '.')));
      return unknown(t('The connection was dropped before Granite answered'));
    case 'Timeout':
      return unknown(t('Granite did not answer in time'));
    case 'ServerError':
      return unknown(t('Granite had a server error ({0}){1}', status ?? '5xx', said));
    case 'RateLimited':
      return unknown(t('Granite answered that its rate limit is reached'));
    case 'HttpError':
      // Another 4xx is a refusal; a redirect or 408 leaves it open.
      if (status !== undefined && status >= 400 && status < 500 && status !== 408)
        return notStarted(t('Granite refused the request ({0}){1}. Nothing was started.', status, said));
      return unknown(t('Granite answered {0}', status ?? '?'));
    default:
      return unknown(t("Granite's answer could not be read"));
  }
}
