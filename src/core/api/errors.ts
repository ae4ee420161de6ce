/**
 * Every way a Granite request can fail, as one typed error with a message that says what happened and
 * what to do. Surfaces show `userMessage`; logs show `message` (never the API key, see `redact`).
 */
import type { RateLimitInfo } from './rateLimit';
import type { SectionProblem } from './parseBatch';

export type GraniteErrorKind =
  | 'InvalidBaseUrl'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'InvalidRequest'
  | 'RateLimited'
  | 'ServerError'
  | 'HttpError'
  | 'NetworkError'
  | 'Timeout'
  | 'ResponseTooLarge'
  | 'InvalidJson'
  | 'ContractMismatch'
  | 'KeyStorage'
  | 'Aborted';

export type NetworkFailure = 'refused' | 'dns' | 'tls' | 'reset' | 'other';

export interface GraniteErrorDetails {
  status?: number;
  /** What the server said, from any of Granite's three error-body shapes; API key redacted. */
  serverMessage?: string;
  /** For `RateLimited` (and any response that carried the headers). */
  rateLimit?: RateLimitInfo;
  /** Epoch ms before which no request should be sent (rate limit reset or Retry-After). */
  retryAt?: number;
  network?: NetworkFailure;
  /** For `ContractMismatch`. */
  problems?: SectionProblem[];
  cause?: unknown;
}

export class GraniteError extends Error {
  override readonly name = 'GraniteError';
  readonly status?: number;
  readonly serverMessage?: string;
  readonly rateLimit?: RateLimitInfo;
  readonly retryAt?: number;
  readonly network?: NetworkFailure;
  readonly problems?: SectionProblem[];

  constructor(
    readonly kind: GraniteErrorKind,
    /** One or two sentences for the user: what happened, then what to do. */
    readonly userMessage: string,
    details: GraniteErrorDetails = {},
  ) {
    super(`${kind}${details.status ? ` (${details.status})` : ''}: ${userMessage}`, { cause: details.cause });
    this.status = details.status;
    this.serverMessage = details.serverMessage;
    this.rateLimit = details.rateLimit;
    this.retryAt = details.retryAt;
    this.network = details.network;
    this.problems = details.problems;
  }

  /** Whether retrying later, unchanged, can help (the scheduler backs off); false means "fix something first". */
  get retryable(): boolean {
    switch (this.kind) {
      case 'RateLimited':
      case 'ServerError':
      case 'NetworkError':
      case 'Timeout':
      case 'InvalidJson':
      case 'HttpError':
        return true;
      default:
        return false;
    }
  }

  /** 401/403: the key or the base URL must change before another request makes sense. */
  get needsCredentials(): boolean {
    return this.kind === 'Unauthorized' || this.kind === 'Forbidden';
  }
}

export function isGraniteError(value: unknown): value is GraniteError {
  return value instanceof GraniteError;
}

/**
 * Replaces every occurrence of the secret (and any `gk_live_…`/`gk_test_…` looking token) in text, and the
 * query of any signed link (a trace's screenshots, a recording's `signed_url`): that query is a bearer
 * credential until it expires, so no log line or message may carry it.
 */
export function redact(text: string, secret?: string): string {
  let out = text;
  if (secret && secret.length >= 4) out = out.split(secret).join('«redacted»');
  return redactSignedQueries(out.replace(/\bgk_(live|test)_[A-Za-z0-9_-]{4,}/g, 'gk_$1_«redacted»'));
}

/** A URL's query, as far as text around it allows telling where it ends. */
const urlWithQuery = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s?#"'<>]*)\?([^\s#"'<>]*)/gi;
/**
 * Query parameters that make a link a credential: Google Cloud Storage (V2 `Signature`/`GoogleAccessId`,
 * V4 `X-Goog-*`), S3 (`X-Amz-*`), Azure SAS (`sig`, `se`, `sv`), CloudFront (`Key-Pair-Id`, `Policy`), and
 * the generic `signature`/`token`/`expires` (the simulator's links, test/simulator/traces.ts).
 */
const signedParameter =
  /(?:^|&)(?:signature|sig|x-goog-[\w-]+|x-amz-[\w-]+|googleaccessid|key-pair-id|policy|token|access_token|expires|se|sv)=/i;

/** Keeps a signed link's address but not its query, so the log still says where it pointed. */
export function redactSignedQueries(text: string): string {
  return text.replace(urlWithQuery, (whole, base: string, query: string) =>
    signedParameter.test(query) ? `${base}?«signed query redacted»` : whole,
  );
}
