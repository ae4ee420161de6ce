/**
 * `GraniteClient`: the only code that talks to Granite. It uses the platform `fetch` (VS Code's extension
 * host patches it for proxies and certificates), never another HTTP library.
 */
import * as z from 'zod/mini';
import { isolateBidi } from '../escaping';
import { t } from '../l10n';
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
  /** This request's timeout instead of the client's (a write that blocks while the run runs: runsWriteApi.ts). */
  timeoutMs?: number;
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
      const error = new GraniteError(
        'ContractMismatch',
        outcome.reason === 'not-an-object'
          ? t(
              "Granite's analytics response could not be read: it is not a JSON object. The API may have changed; update the extension, or report it if it is current.",
            )
          : t(
              "Granite's analytics response could not be read: no section matches Granite's published format ({0}). The API may have changed; update the extension, or report it if it is current.",
              summariseProblems(outcome.problems, 3),
            ),
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
  async fetchExecution(
    orgId: string,
    executionId: string,
    options: RequestOptions = {},
  ): Promise<Fetched<ExecutionDetail>> {
    const path = `/api/organizations/${encodeURIComponent(orgId)}/executions/${encodeURIComponent(executionId)}`;
    try {
      return await this.getValidated(path, ExecutionDetail, options);
    } catch (error) {
      // Here a 404 means this execution's details are not available, not a wrong base URL.
      if (error instanceof GraniteError && error.kind === 'NotFound') {
        throw new GraniteError(
          'NotFound',
          t(
            "Granite has no details for this execution (it may be too old for your plan's retention). The failure record is shown as received.",
          ),
          {
            status: 404,
            serverMessage: error.serverMessage,
          },
        );
      }
      throw error;
    }
  }

  /** A GET validated with `schema`: the primitive the route modules beside this one (runsApi.ts) build on. */
  async getValidated<T>(path: string, schema: z.ZodMiniType<T>, options: RequestOptions = {}): Promise<Fetched<T>> {
    const result = await this.request('GET', path, options);
    const parsed = z.safeParse(schema, result.json);
    if (!parsed.success) {
      throw new GraniteError(
        'ContractMismatch',
        t(
          "Granite's answer to {0} does not match its published format. The API may have changed; update the extension.",
          path,
        ),
        { status: result.status, rateLimit: result.rateLimit },
      );
    }
    return { ...result, data: parsed.data };
  }

  private url(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  /** The one request primitive (timeout, size cap, quota headers, error bodies → GraniteError), shared by queueAndLayout.ts. */
  async request(method: 'GET' | 'POST' | 'PUT', path: string, options: RequestOptions, body?: unknown) {
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
        { ...options, timeoutMs: options.timeoutMs ?? this.timeoutMs, maxBytes: this.maxBytes, origin: this.origin },
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
      const graniteError =
        error instanceof GraniteError
          ? error
          : new GraniteError('NetworkError', t('Could not reach {0}.', this.origin), { cause: error });
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
    // Isolated, so bidi controls in the server's text cannot reorder the advice that follows it.
    const quoted = serverMessage ? ` ("${isolateBidi(serverMessage)}")` : '';
    const details = { status, serverMessage, rateLimit };
    if (status === 401) {
      return new GraniteError(
        'Unauthorized',
        t('Granite rejected the API key for {0}{1}. Run "Granite: Set API Key" with a valid key.', this.origin, quoted),
        details,
      );
    }
    if (status === 403) {
      return new GraniteError(
        'Forbidden',
        t(
          'Granite denied access{0}. The key\'s role or organisation may not allow analytics: ask an admin, or set another key with "Granite: Set API Key".',
          quoted,
        ),
        details,
      );
    }
    if (status === 404) {
      return new GraniteError(
        'NotFound',
        t(
          '{0} has no Granite analytics API (404{1}). Check "granite.apiBaseUrl": it should be the API\'s address, e.g. https://api.getgranite.ai.',
          this.baseUrl,
          quoted ? `, ${quoted.trim()}` : '',
        ),
        details,
      );
    }
    if (status === 400 || status === 422) {
      return new GraniteError(
        'InvalidRequest',
        t('Granite rejected the filters{0}. Change or clear the filters ("Granite: Clear Filters").', quoted),
        details,
      );
    }
    if (status === 429) {
      const retryAt = nextAllowedAt(rateLimit, true) ?? started + 60_000;
      const at = new Date(retryAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
      const wait = formatWait(retryAt - this.now());
      const message = rateLimit.limit
        ? t(
            'Granite\'s rate limit is reached ({0} requests an hour). Requests resume at {1} ({2}); raise "granite.refreshIntervalSeconds" to stay under the limit.',
            rateLimit.limit,
            at,
            wait,
          )
        : t(
            'Granite\'s rate limit is reached. Requests resume at {0} ({1}); raise "granite.refreshIntervalSeconds" to stay under the limit.',
            at,
            wait,
          );
      return new GraniteError('RateLimited', message, { ...details, retryAt });
    }
    if (status >= 500) {
      return new GraniteError(
        'ServerError',
        t(
          'Granite had a server error ({0}{1}). It will be retried automatically; if it persists, see status.getgranite.ai.',
          status,
          quoted ? `:${quoted}` : '',
        ),
        details,
      );
    }
    if (status >= 300 && status < 400) {
      const location = response.headers.get('location') ?? t('another address');
      return new GraniteError(
        'HttpError',
        t(
          'Granite answered with a redirect ({0}) to {1}. The API key is never sent to a redirected address: set "granite.apiBaseUrl" to the final address.',
          status,
          location,
        ),
        details,
      );
    }
    return new GraniteError('HttpError', t('Granite answered {0}{1}. It will be retried.', status, quoted), details);
  }
}

/** "in about 12 min", "in 40 s": how long until requests may resume. */
export function formatWait(ms: number): string {
  if (ms <= 1000) return t('now');
  if (ms < 60_000) return t('in {0} s', Math.ceil(ms / 1000));
  if (ms < 3_600_000) return t('in about {0} min', Math.ceil(ms / 60_000));
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.round((ms % 3_600_000) / 60_000);
  return minutes ? t('in about {0} h {1} min', hours, minutes) : t('in about {0} h', hours);
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
      ? t(
          '{0} answered with a web page instead of JSON (status {1}). Check that "granite.apiBaseUrl" is the API\'s address (https://api.getgranite.ai), not the web app\'s.',
          origin,
          status,
        )
      : text.length
        ? t(
            "Granite's response is not valid JSON ({0} characters, possibly cut off). It will be retried.",
            text.length.toLocaleString('en-US'),
          )
        : t("Granite's response is not valid JSON (it was empty). It will be retried.");
    throw new GraniteError('InvalidJson', message, { status, cause: error });
  }
}
