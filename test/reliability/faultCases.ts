/**
 * The fault matrix: every way the Granite API can fail, one row each, shared by the plain-Node companion
 * (`host/faultMatrix.test.ts`: client + scheduler) and the end-to-end suite in VS Code
 * (`vscode/faultMatrix.test.ts`: store, tree, status bar, panel). A row says how the failure is made (a
 * simulator fault, or an origin that cannot be reached), the error kind the client must report, words
 * its message must contain (what went wrong, then what to do), and what the scheduler must do next.
 */
import type { GraniteErrorKind } from '../../src/core/api/errors';
import type { SectionName } from '../../src/core/api/schemas';
import type { Fault } from '../simulator/faults';

/** What the scheduler does after the failure. */
export type SchedulerExpectation =
  /** Exponential backoff with jitter (checked after two failures in a row, so it is not the plain interval). */
  | { kind: 'backoff' }
  /** No request before this time (a 429's reset). `at` is when the fault was made, `after` when the refresh ended. */
  | { kind: 'rate-limit'; window: (at: number, after: number) => [number, number] }
  /** Nothing is scheduled until the key or the URL changes (`resumeBy`: which one the case changes). */
  | { kind: 'stop'; resumeBy: 'key' | 'url' }
  /** The refresh succeeded (partial drift): the next one is one interval after it. */
  | { kind: 'interval' };

/** Where the failure comes from when it is not a simulator fault: the base URL must point elsewhere. */
export type UnreachableOrigin = 'refused' | 'dns' | 'tls';

export interface FaultCase {
  name: string;
  /** A fault for the batch route, made when the case runs (a reset header needs the current time). */
  fault?: (now: number) => Fault;
  origin?: UnreachableOrigin;
  /** undefined: the refresh succeeds (schema drift the parser absorbs section by section). */
  kind?: GraniteErrorKind;
  /** Every one must appear in the message shown: the problem, then the next step. */
  words: RegExp[];
  scheduler: SchedulerExpectation;
  /** Sections that must be reported as unreadable (schema drift). */
  problems?: SectionName[];
  /** A shorter request timeout for this case (the client's default is 30 s). */
  timeoutMs?: number;
}

/** `X-RateLimit-Reset` in Unix seconds, as Granite documents it: one hour after the fault is made. */
const resetInAnHour = (now: number) => Math.floor(now / 1000) + 3600;
/** Longer than any hourly reset the simulator sends along, so Retry-After alone decides. */
const retryAfterSeconds = 5400;
/** The case's own timeout: short, so the timeout and drip cases take about a second each. */
export const shortTimeoutMs = 1000;
/** The client's size cap (20 MB): a body one byte past it. */
const pastTheCap = 20 * 1024 * 1024 + 1;

const status = (code: number, body: unknown, headers?: Record<string, string>) => () =>
  ({ kind: 'status', status: code, body, headers }) as Fault;
const serverError = (code: number, body: unknown): FaultCase => ({
  name: `${code}`,
  fault: status(code, body),
  kind: 'ServerError',
  words: [new RegExp(`server error \\(${code}`), /retried automatically/],
  scheduler: { kind: 'backoff' },
});
const drift = (name: 'missingSection' | 'wrongType' | 'nullValue'): FaultCase => ({
  name: `schema drift: ${name} (summary)`,
  fault: () => ({ kind: 'drift', drift: name, section: 'summary' }),
  words: [/could not be read/, /summary/, /update the extension/],
  scheduler: { kind: 'interval' },
  problems: ['summary'],
});

export const faultCases: FaultCase[] = [
  {
    name: '400',
    fault: status(400, { detail: 'start_date must be before end_date' }),
    kind: 'InvalidRequest',
    words: [/rejected the filters/, /start_date must be before end_date/, /Clear Filters/],
    scheduler: { kind: 'backoff' },
  },
  {
    name: '401',
    fault: status(401, { error: 'unauthorized', message: 'Invalid or missing API key', code: 401 }),
    kind: 'Unauthorized',
    words: [/rejected the API key/, /Set API Key/],
    scheduler: { kind: 'stop', resumeBy: 'key' },
  },
  {
    name: '403',
    fault: status(403, { detail: 'Your role cannot read analytics' }),
    kind: 'Forbidden',
    words: [/denied access/, /role cannot read analytics/, /ask an admin/, /Set API Key/],
    scheduler: { kind: 'stop', resumeBy: 'url' },
  },
  {
    name: '404',
    fault: status(404, { detail: 'Not Found' }),
    kind: 'NotFound',
    words: [/no Granite analytics API \(404/, /Check "granite\.apiBaseUrl"/],
    scheduler: { kind: 'backoff' },
  },
  {
    name: '422 (FastAPI detail)',
    fault: status(422, {
      detail: [{ loc: ['body', 'granularity'], msg: "Input should be 'hour', 'day', 'week' or 'month'", type: 'enum' }],
    }),
    kind: 'InvalidRequest',
    words: [/rejected the filters/, /granularity: Input should be/, /Clear Filters/],
    scheduler: { kind: 'backoff' },
  },
  {
    name: '429 with X-RateLimit-Reset',
    fault: (now) => ({
      kind: 'status',
      status: 429,
      body: { error: 'rate_limited', message: 'Too many requests', code: 429 },
      headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(resetInAnHour(now)) },
    }),
    kind: 'RateLimited',
    words: [/rate limit is reached/, /Requests resume at/, /raise "granite\.refreshIntervalSeconds"/],
    scheduler: { kind: 'rate-limit', window: (at) => [resetInAnHour(at) * 1000, resetInAnHour(at) * 1000] },
  },
  {
    name: '429 with Retry-After',
    fault: () => ({
      kind: 'status',
      status: 429,
      body: { error: 'rate_limited', message: 'Too many requests', code: 429 },
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }),
    kind: 'RateLimited',
    words: [/rate limit is reached/, /Requests resume at/, /raise "granite\.refreshIntervalSeconds"/],
    // The client reads the header when the response arrives, between the fault and the end of the refresh.
    scheduler: {
      kind: 'rate-limit',
      window: (at, after) => [at + retryAfterSeconds * 1000, after + retryAfterSeconds * 1000],
    },
  },
  serverError(500, { error: 'internal_error', message: 'Internal server error', code: 500 }),
  serverError(502, { detail: 'Bad Gateway' }),
  serverError(503, { detail: 'Service Unavailable' }),
  serverError(504, { detail: 'Gateway Timeout' }),
  {
    name: 'connection refused',
    origin: 'refused',
    kind: 'NetworkError',
    words: [/connection was refused/, /Check "granite\.apiBaseUrl" and that the server is up/],
    scheduler: { kind: 'backoff' },
  },
  {
    name: 'DNS failure (.invalid host)',
    origin: 'dns',
    kind: 'NetworkError',
    words: [/Could not find the host granite-sim\.invalid/, /Check "granite\.apiBaseUrl" and your network or VPN/],
    scheduler: { kind: 'backoff' },
  },
  {
    name: 'TLS failure (self-signed)',
    origin: 'tls',
    kind: 'NetworkError',
    words: [/secure connection to 127\.0\.0\.1:\d+ failed/, /certificate could not be verified/, /add its certificate/],
    scheduler: { kind: 'backoff' },
  },
  {
    name: 'timeout',
    fault: () => ({ kind: 'latency', ms: 4 * shortTimeoutMs }),
    timeoutMs: shortTimeoutMs,
    kind: 'Timeout',
    words: [/did not answer within 1 s/, /retried automatically/, /check your network or proxy/],
    scheduler: { kind: 'backoff' },
  },
  {
    name: 'connection dropped mid-body',
    fault: () => ({ kind: 'drop' }),
    kind: 'NetworkError',
    words: [/dropped before the response was complete/, /will be retried/],
    scheduler: { kind: 'backoff' },
  },
  {
    name: 'truncated body',
    fault: () => ({ kind: 'truncate' }),
    kind: 'InvalidJson',
    words: [/not valid JSON/, /cut off/, /will be retried/],
    scheduler: { kind: 'backoff' },
  },
  {
    name: 'invalid JSON',
    fault: () => ({ kind: 'malformedJson' }),
    kind: 'InvalidJson',
    words: [/not valid JSON/, /will be retried/],
    scheduler: { kind: 'backoff' },
  },
  {
    name: 'HTML error page with status 200',
    fault: () => ({ kind: 'html' }),
    kind: 'InvalidJson',
    words: [/web page instead of JSON \(status 200\)/, /Check that "granite\.apiBaseUrl" is the API's address/],
    scheduler: { kind: 'backoff' },
  },
  {
    name: 'slow drip past the timeout',
    fault: () => ({ kind: 'drip', intervalMs: 100 }),
    timeoutMs: shortTimeoutMs,
    kind: 'Timeout',
    words: [/did not answer within 1 s/, /retried automatically/],
    scheduler: { kind: 'backoff' },
  },
  {
    name: 'body past the size cap (streamed)',
    fault: () => ({ kind: 'oversize', bytes: pastTheCap }),
    kind: 'ResponseTooLarge',
    words: [/larger than 20 MB/, /Narrow the date range or filter by workflow/],
    scheduler: { kind: 'backoff' },
  },
  {
    name: 'body past the size cap (declared length)',
    fault: () => ({ kind: 'oversize', bytes: pastTheCap, declareLength: true }),
    kind: 'ResponseTooLarge',
    words: [/larger than 20 MB/, /Narrow the date range or filter by workflow/],
    scheduler: { kind: 'backoff' },
  },
  drift('missingSection'),
  drift('wrongType'),
  drift('nullValue'),
  // Unknown fields are allowed by the contract: the refresh succeeds with nothing to report.
  {
    name: 'schema drift: extraFields',
    fault: () => ({ kind: 'drift', drift: 'extraFields' }),
    words: [],
    scheduler: { kind: 'interval' },
    problems: [],
  },
];

/** The line CI and the bench read. */
export function figureLine(tried: number, passed: number): string {
  return `[figure] fault cases tried = ${tried}, passed = ${passed}`;
}
