/**
 * `GraniteClient`: the only code that talks to Granite. It uses the platform `fetch` (VS Code's extension
 * host patches it for proxies and certificates), never another HTTP library.
 */
import * as z from 'zod/mini';
import { checkBaseUrl } from './baseUrl';
import { summariseErrorBody } from './errorBody';
import { GraniteError, redact } from './errors';
import { parseBatch, summariseProblems, type ParsedBatch } from './parseBatch';
import { nextAllowedAt, readRateLimit, type RateLimitInfo } from './rateLimit';
import {
  AnalyticsStatusResponse,
  CurrentUserResponse,
  ExecutionDetail,
  WorkflowNamesResponse,
  type AnalyticsFilters,
} from './schemas';
import { exchange } from './transport';

export interface GraniteClientOptions {
  baseUrl: string;
  apiKey: string;
  /** Default 30 s, over the whole exchange including the body. */
  timeoutMs?: number;
  /** Default 20 MB; the body is streamed and dropped past it. */
  maxResponseBytes?: number;
  /** Injected clock for rate-limit arithmetic (tests run simulated hours). */
  now?: () => number;
  /** Told about every exchange, for the log; never given the key. */
  onExchange?: (event: ExchangeEvent) => void;
}

export interface ExchangeEvent {
  method: string;
  url: string;
  status?: number;
  durationMs: number;
  bytes?: number;
  rateLimit?: RateLimitInfo;
  error?: GraniteError;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface Fetched<T> {
  data: T;
  rateLimit: RateLimitInfo;
  /** Epoch ms when the response was complete. */
  receivedAt: number;
  durationMs: number;
  bytes: number;
}

export const defaultTimeoutMs = 30_000;
export const defaultMaxResponseBytes = 20 * 1024 * 1024;

export class GraniteClient {
  readonly baseUrl: string;
  readonly origin: string;
  private readonly apiKey: string;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly now: () => number;
  private readonly onExchange?: (event: ExchangeEvent) => void;

  /** Throws `GraniteError('InvalidBaseUrl')` before any request when the URL is unsafe. */
  constructor(options: GraniteClientOptions) {
    const check = checkBaseUrl(options.baseUrl);
    if (!check.ok) throw new GraniteError('InvalidBaseUrl', check.message);
    this.baseUrl = check.baseUrl;
    this.origin = check.origin;
    this.apiKey = options.apiKey;
    this.timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    this.maxBytes = options.maxResponseBytes ?? defaultMaxResponseBytes;
    this.now = options.now ?? Date.now;
    this.onExchange = options.onExchange;
  }

  /** `POST /api/analytics/batch`: every section, validated one by one. */
  async fetchBatch(filters: AnalyticsFilters, options: RequestOptions = {}): Promise<Fetched<ParsedBatch>> {
    const result = await this.request('POST', '/api/analytics/batch', options, requestBody(filters));
    const outcome = parseBatch(result.json);
    if (!outcome.ok) {
      const what =
        outcome.reason === 'not-an-object'
          ? 'it is not a JSON object'
          : `no section matches Granite's published format (${summariseProblems(outcome.problems, 3)})`;
      const error = new GraniteError(
        'ContractMismatch',
        `Granite's analytics response could not be read: ${what}. The API may have changed; update the extension, or report it if it is current.`,
        { problems: outcome.problems, rateLimit: result.rateLimit, status: result.status },
      );
      throw error;
    }
    return { ...result, data: outcome.batch };
  }

  /** `GET /api/analytics/workflows`. */
  fetchWorkflows(options: RequestOptions = {}): Promise<Fetched<WorkflowNamesResponse>> {
    return this.getValidated('/api/analytics/workflows', WorkflowNamesResponse, options);
  }

  /** `GET /api/analytics/status`: whether analytics is enabled for the organisation. */
  fetchStatus(options: RequestOptions = {}): Promise<Fetched<AnalyticsStatusResponse>> {
    return this.getValidated('/api/analytics/status', AnalyticsStatusResponse, options);
  }

  /** `GET /api/me`: the member and their organisation (its id is needed for execution details). */
  fetchMe(options: RequestOptions = {}): Promise<Fetched<CurrentUserResponse>> {
    return this.getValidated('/api/me', CurrentUserResponse, options);
  }

  /**
   * The spec spells this route `/api/organizations/{org_id}/automations/../executions/{execution_id}`;
   * every URL parser (and so `fetch`) normalises the `..`, so this is the path that is really called.
   */
  async fetchExecution(orgId: string, executionId: string, options: RequestOptions = {}): Promise<Fetched<ExecutionDetail>> {
    const path = `/api/organizations/${encodeURIComponent(orgId)}/executions/${encodeURIComponent(executionId)}`;
    try {
      return await this.getValidated(path, ExecutionDetail, options);
    } catch (error) {
      // Here a 404 means this execution's details are not available, not a wrong base URL.
      if (error instanceof GraniteError && error.kind === 'NotFound') {
        throw new GraniteError('NotFound', 'Granite has no details for this execution (it may be too old for your plan\'s retention). The failure record is shown as received.', {
          status: 404,
          serverMessage: error.serverMessage,
        });
      }
      throw error;
    }
  }

  private async getValidated<T>(path: string, schema: z.ZodMiniType<T>, options: RequestOptions): Promise<Fetched<T>> {
    const result = await this.request('GET', path, options);
    const parsed = z.safeParse(schema, result.json);
    if (!parsed.success) {
      throw new GraniteError(
        'ContractMismatch',
        `Granite's answer to ${path} does not match its published format. The API may have changed; update the extension.`,
        { status: result.status, rateLimit: result.rateLimit },
      );
    }
    return { ...result, data: parsed.data };
  }

  private url(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  private async request(method: 'GET' | 'POST', path: string, options: RequestOptions, body?: unknown) {
    const url = this.url(path);
    const started = this.now();
    const startedPerf = performance.now();
    const headers: Record<string, string> = { 'X-Granite-API-Key': this.apiKey, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const event: ExchangeEvent = { method, url, durationMs: 0 };
    try {
      const raw = await exchange(
        url,
        { method, headers, body: body === undefined ? undefined : JSON.stringify(body) },
        { timeoutMs: this.timeoutMs, maxBytes: this.maxBytes, signal: options.signal, origin: this.origin },
      );
      const rateLimit = readRateLimit(raw.response.headers, this.now());
      Object.assign(event, { status: raw.response.status, bytes: raw.bytes, rateLimit });
      if (!raw.response.ok) throw this.httpError(raw.response, raw.text, rateLimit, started);
      const json = parseJson(raw.text, raw.response.headers.get('content-type'), this.origin, raw.response.status);
      const durationMs = performance.now() - startedPerf;
      event.durationMs = durationMs;
      this.onExchange?.(event);
      return { json, rateLimit, receivedAt: this.now(), durationMs, bytes: raw.bytes, status: raw.response.status };
    } catch (error) {
      const graniteError = error instanceof GraniteError ? error : new GraniteError('NetworkError', `Could not reach ${this.origin}.`, { cause: error });
      event.durationMs = performance.now() - startedPerf;
      event.error = graniteError;
      this.onExchange?.(event);
      throw graniteError;
    }
  }

  private httpError(response: Response, text: string, rateLimit: RateLimitInfo, started: number): GraniteError {
    const status = response.status;
    const said = summariseErrorBody(text);
    const serverMessage = said === undefined ? undefined : redact(said, this.apiKey);
    const quoted = serverMessage ? ` ("${serverMessage}")` : '';
    const details = { status, serverMessage, rateLimit };
    if (status === 401) {
      return new GraniteError('Unauthorized', `Granite rejected the API key for ${this.origin}${quoted}. Run "Granite: Set API Key" with a valid key.`, details);
    }
    if (status === 403) {
      return new GraniteError('Forbidden', `Granite denied access${quoted}. The key's role or organisation may not allow analytics: ask an admin, or set another key with "Granite: Set API Key".`, details);
    }
    if (status === 404) {
      return new GraniteError('NotFound', `${this.baseUrl} has no Granite analytics API (404${quoted ? `, ${quoted.trim()}` : ''}). Check "granite.apiBaseUrl": it should be the API's address, e.g. https://api.getgranite.ai.`, details);
    }
    if (status === 400 || status === 422) {
      return new GraniteError('InvalidRequest', `Granite rejected the filters${quoted}. Change or clear the filters ("Granite: Clear Filters").`, details);
    }
    if (status === 429) {
      const retryAt = nextAllowedAt(rateLimit, true) ?? started + 60_000;
      const limit = rateLimit.limit ? ` (${rateLimit.limit} requests an hour)` : '';
      const at = new Date(retryAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
      return new GraniteError('RateLimited', `Granite's rate limit is reached${limit}. Requests resume at ${at} (${formatWait(retryAt - this.now())}); raise "granite.refreshIntervalSeconds" to stay under the limit.`, { ...details, retryAt });
    }
    if (status >= 500) {
      return new GraniteError('ServerError', `Granite had a server error (${status}${quoted ? `:${quoted}` : ''}). It will be retried automatically; if it persists, see status.getgranite.ai.`, details);
    }
    if (status >= 300 && status < 400) {
      const location = response.headers.get('location') ?? 'another address';
      return new GraniteError('HttpError', `Granite answered with a redirect (${status}) to ${location}. The API key is never sent to a redirected address: set "granite.apiBaseUrl" to the final address.`, details);
    }
    return new GraniteError('HttpError', `Granite answered ${status}${quoted}. It will be retried.`, details);
  }
}

/** "in about 12 min", "in 40 s": how long until requests may resume. */
export function formatWait(ms: number): string {
  if (ms <= 1000) return 'now';
  if (ms < 60_000) return `in ${Math.ceil(ms / 1000)} s`;
  if (ms < 3_600_000) return `in about ${Math.ceil(ms / 60_000)} min`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.round((ms % 3_600_000) / 60_000);
  return `in about ${hours} h${minutes ? ` ${minutes} min` : ''}`;
}

/**
 * The request body omits unset filters rather than sending nulls. The spec types the dates as
 * `date-time`, so a plain `YYYY-MM-DD` is widened to whole UTC days (the end date inclusive).
 */
export function requestBody(filters: AnalyticsFilters): Record<string, string> {
  const body: Record<string, string> = {};
  for (const key of ['start_date', 'end_date', 'granularity', 'workflow_name', 'triggered_by', 'status'] as const) {
    const value = filters[key];
    if (value != null && value !== '') body[key] = value;
  }
  if (body.start_date && plainDate.test(body.start_date)) body.start_date = `${body.start_date}T00:00:00Z`;
  if (body.end_date && plainDate.test(body.end_date)) body.end_date = `${body.end_date}T23:59:59.999Z`;
  return body;
}

const plainDate = /^\d{4}-\d{2}-\d{2}$/;

function parseJson(text: string, contentType: string | null, origin: string, status: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const html = /text\/html/i.test(contentType ?? '') || /^\s*</.test(text);
    const message = html
      ? `${origin} answered with a web page instead of JSON (status ${status}). Check that "granite.apiBaseUrl" is the API's address (https://api.getgranite.ai), not the web app's.`
      : `Granite's response is not valid JSON${text.length ? ` (${text.length.toLocaleString('en-US')} characters, possibly cut off)` : ' (it was empty)'}. It will be retried.`;
    throw new GraniteError('InvalidJson', message, { status, cause: error });
  }
}
