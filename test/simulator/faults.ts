/**
 * Fault injection: what can go wrong between Granite and the client, queued per path. A test says
 * `sim.faults.next({ kind: 'drop' })` and the next request to that path gets a dropped connection.
 */
import type { SectionName } from '../../src/core/api/schemas';
import { Rng } from './random';

export type DriftKind = 'missingSection' | 'wrongType' | 'extraFields' | 'nullValue';

export type Fault =
  /** Wait, then answer normally. */
  | { kind: 'latency'; ms: number }
  /** Answer with this status instead; `body` is JSON unless it is a string (sent as is). */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** 200, `application/json`, text that is not JSON. */
  | { kind: 'malformedJson' }
  /** The real body cut in half, with a Content-Length of the half: a clean exchange, incomplete JSON. */
  | { kind: 'truncate' }
  /** Full Content-Length, half the body, then the socket is destroyed. */
  | { kind: 'drop' }
  /** The real body in small chunks (default 64 bytes), slowly; stops when the client goes away. */
  | { kind: 'drip'; chunkBytes?: number; intervalMs: number }
  /** A valid-looking JSON body of exactly `bytes` bytes, streamed; `declareLength` sends Content-Length. */
  | { kind: 'oversize'; bytes: number; declareLength?: boolean }
  /** 200 with a `text/html` error page (a proxy or captive portal in the way). */
  | { kind: 'html' }
  /** Schema drift applied to the real response. */
  | { kind: 'drift'; drift: DriftKind; section?: SectionName }
  /**
   * The real JSON answer (2xx only) rewritten by `transform`: a well-formed response with hostile content,
   * e.g. the XSS corpus in every string. Code, so only for in-process tests (not the CLI).
   */
  | { kind: 'transform'; transform: (body: unknown) => unknown };

export type FaultKind = Fault['kind'];

export interface FaultOptions {
  /** Request path the fault applies to; default the batch endpoint. */
  path?: string;
  /**
   * A one-shot fault waits for a request that matches (e.g. only the request made with a wrong key, not
   * the extension's own background requests to the same path); other requests pass it by.
   */
  when?: (request: { apiKeyValid: boolean; body: unknown }) => boolean;
}

export const BATCH_PATH = '/api/analytics/batch';

/** How a request record names the fault it got: the kind, plus the status or drift variant. */
export function describeFault(fault: Fault): string {
  if (fault.kind === 'status') return `status:${fault.status}`;
  if (fault.kind === 'drift') return `drift:${fault.drift}${fault.section ? `:${fault.section}` : ''}`;
  return fault.kind;
}

interface Queued {
  fault: Fault;
  when?: FaultOptions['when'];
}

export class FaultController {
  private readonly queued = new Map<string, Queued[]>();
  private readonly standing = new Map<string, Fault>();

  /** One-shot: the next (matching) request to the path gets this fault. Several queue up in order. */
  next(fault: Fault, opts?: FaultOptions): void {
    const path = opts?.path ?? BATCH_PATH;
    const list = this.queued.get(path) ?? [];
    list.push({ fault, when: opts?.when });
    this.queued.set(path, list);
  }

  /** Every request to the path gets this fault until `clear()` (one-shot faults still go first). */
  always(fault: Fault, opts?: FaultOptions): void {
    this.standing.set(opts?.path ?? BATCH_PATH, fault);
  }

  clear(): void {
    this.queued.clear();
    this.standing.clear();
  }

  /** Faults still waiting for a request (one-shot ones). */
  pending(path: string = BATCH_PATH): readonly Fault[] {
    return (this.queued.get(path) ?? []).map((q) => q.fault);
  }

  /** The fault for a request to `path`, consuming the first one-shot fault that matches it. */
  take(
    path: string,
    request: { apiKeyValid: boolean; body: unknown } = { apiKeyValid: true, body: undefined },
  ): Fault | undefined {
    const list = this.queued.get(path);
    const index = list?.findIndex((q) => !q.when || q.when(request)) ?? -1;
    if (list && index >= 0) {
      const [{ fault }] = list.splice(index, 1) as [Queued];
      if (list.length === 0) this.queued.delete(path);
      return fault;
    }
    return this.standing.get(path);
  }
}

/**
 * The transient faults `--faults` mixes into a demo: what a flaky network or an overloaded server
 * does, each of which a client should survive by retrying.
 */
export function randomFaultPicker(seed: number, probability: number): () => Fault | undefined {
  const rng = new Rng((seed ^ 0x5eed5eed) >>> 0);
  const menu: Fault[] = [
    { kind: 'status', status: 503, body: { detail: 'Service Unavailable' } },
    { kind: 'status', status: 502, body: { detail: 'Bad Gateway' } },
    { kind: 'status', status: 500, body: { error: 'internal_error', message: 'Internal server error', code: 500 } },
    {
      kind: 'status',
      status: 429,
      body: { error: 'rate_limited', message: 'Too many requests', code: 429 },
      headers: { 'Retry-After': '30' },
    },
    { kind: 'latency', ms: 1_500 },
    { kind: 'drop' },
  ];
  return () => (probability > 0 && rng.chance(probability) ? rng.pick(menu) : undefined);
}
