/**
 * The Granite API simulator: a node:http server on 127.0.0.1 serving the analytics routes from a
 * generated dataset, with Granite's auth, quota headers and error bodies, and injectable faults.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FaultController, BATCH_PATH, describeFault, randomFaultPicker, type Fault } from './faults';
import { defaultDatasetOptions, generateDataset } from './generator';
import type { Dataset } from './model';
import { LayoutStore } from './layout';
import { HourlyQuota, rateLimitHeaders } from './rateLimit';
import { jsonReply, sendReply, type Reply, type TimerSet } from './respond';
import { findRoute, runRoute } from './routes';
import { RunWrites } from './runWrites';

export type { Dataset, Execution, WorkflowDef } from './model';
export type { Fault, FaultKind, DriftKind } from './faults';
export { FaultController } from './faults';
export type { ReceivedWrite, RunWrites } from './runWrites';

export interface SimulatorOptions {
  /** 0 (default) picks a free port. The server binds 127.0.0.1 only. */
  port?: number;
  seed?: number;
  /** Default: `gk_test_` + 32 random hex characters. */
  apiKey?: string;
  workflows?: number;
  days?: number;
  executions?: number;
  /** Return complete lists instead of Granite's per-section limits. */
  liftLimits?: boolean;
  /** Requests per clock hour (default 1000, Granite's Pro plan). */
  quota?: number;
  /** Quota windows, default date ranges, active_today and generation all read this clock. */
  clock?: { now(): number };
  analyticsEnabled?: boolean;
  /** 0..1: probability that a batch request gets a random transient fault. */
  randomFaults?: number;
  /** Serve this dataset instead of generating one. */
  dataset?: Dataset;
}

export interface RecordedRequest {
  method: string;
  /** Normalised path, without the query string. */
  path: string;
  /** The request target exactly as received (e.g. the spec's literal `/automations/../`). */
  rawPath: string;
  query: Record<string, string>;
  /** Lower-case names; the X-Granite-API-Key value is replaced by '<redacted>'. */
  headers: Record<string, string>;
  apiKeyPresent: boolean;
  apiKeyValid: boolean;
  /** Parsed JSON when the body was JSON, the text otherwise, undefined when empty. */
  body: unknown;
  /** Clock ms at arrival. */
  at: number;
  status: number;
  /** `describeFault()` of the fault applied, e.g. 'drop', 'status:503', 'drift:wrongType:summary'. */
  fault?: string;
}

export interface Simulator {
  /** e.g. http://127.0.0.1:54321 (no trailing slash). */
  url: string;
  apiKey: string;
  orgId: string;
  dataset: Dataset;
  faults: FaultController;
  /** Each key's dashboard layout (`GET`/`PUT /api/analytics/layout`); tests set one as the web app would. */
  layouts: LayoutStore;
  /** Every request, oldest first; tests may truncate it (`requests.length = 0`). */
  requests: RecordedRequest[];
  /** Run Again's writes received (`writes.received`) and the executions they created. */
  writes: RunWrites;
  /** Closes the server and every open socket, and cancels pending timers. */
  stop(): Promise<void>;
}

const API_KEY_HEADER = 'x-granite-api-key';
const MAX_BODY_BYTES = 1024 * 1024;
/** The request log is for tests and demos; a long-running demo must not grow without bound. */
const MAX_RECORDED = 10_000;

const UNAUTHORIZED = { error: 'unauthorized', message: 'Invalid or missing API key', code: 401 };
const RATE_LIMITED = { error: 'rate_limited', message: 'Too many requests', code: 429 };

function readBody(req: IncomingMessage): Promise<{ text: string; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge }));
    req.on('error', reject);
  });
}

function recordedHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name] = name === API_KEY_HEADER ? '<redacted>' : Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function parseRecordedBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const clock = options.clock ?? { now: () => Date.now() };
  const seed = options.seed ?? 42;
  const apiKey = options.apiKey ?? `gk_test_${randomBytes(16).toString('hex')}`;
  const dataset =
    options.dataset ??
    generateDataset({
      seed,
      workflows: options.workflows ?? defaultDatasetOptions.workflows,
      days: options.days ?? defaultDatasetOptions.days,
      executions: options.executions ?? defaultDatasetOptions.executions,
      now: clock.now(),
    });
  const quota = new HourlyQuota(options.quota ?? 1000, () => clock.now());
  const faults = new FaultController();
  const randomFault = randomFaultPicker(seed, options.randomFaults ?? 0);
  const requests: RecordedRequest[] = [];
  const timers: TimerSet = new Set();
  const sockets = new Set<Socket>();
  const cache = new Map<string, string>();
  const layouts = new LayoutStore();
  const writes = new RunWrites(dataset, cache);
  /** Set once listening; routes hand out links to this origin (endpoint URLs, signed screenshots). */
  let serverUrl = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = clock.now();
    const rawUrl = req.url ?? '/';
    const url = new URL(rawUrl, 'http://127.0.0.1');
    const path = url.pathname;
    const { text, tooLarge } = await readBody(req);
    const keyHeader = req.headers[API_KEY_HEADER];
    const key = Array.isArray(keyHeader) ? keyHeader[0] : keyHeader;
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      rawPath: rawUrl.split('?')[0] ?? rawUrl,
      query: Object.fromEntries(url.searchParams),
      headers: recordedHeaders(req),
      apiKeyPresent: key !== undefined && key !== '',
      apiKeyValid: key === apiKey,
      body: parseRecordedBody(text),
      at,
      status: 0,
    };
    requests.push(record);
    if (requests.length > MAX_RECORDED) requests.splice(0, requests.length - MAX_RECORDED);

    // A queued fault is consumed by the next (matching) request to its path, whatever that request's outcome.
    let fault: Fault | undefined = faults.take(path, record);
    writes.advance(at);
    const match = findRoute(record.method, path);
    let reply: Reply;
    const context = () => ({
      dataset,
      now: at,
      liftLimits: options.liftLimits === true,
      analyticsEnabled: options.analyticsEnabled !== false,
      cache,
      bodyText: text,
      query: url.searchParams,
      origin: serverUrl,
      apiKey,
      layouts,
      writes,
      method: record.method,
      path,
    });
    if (match.kind === 'none') {
      reply = jsonReply(404, { detail: 'Not Found' });
    } else if (match.kind === 'wrongMethod') {
      reply = jsonReply(405, { detail: 'Method Not Allowed' }, { Allow: match.allow });
    } else if (match.route.public) {
      // A signed link (traces.ts): no key, no quota, as a storage bucket serves it.
      reply = runRoute(match, context());
    } else if (!record.apiKeyValid) {
      reply = jsonReply(401, UNAUTHORIZED);
    } else {
      // Every authenticated request counts, including the ones refused for being over quota.
      const decision = quota.hit();
      const limitHeaders = rateLimitHeaders(decision);
      if (!decision.allowed) reply = jsonReply(429, RATE_LIMITED);
      else if (tooLarge) reply = jsonReply(413, { detail: 'Request body too large' });
      else reply = runRoute(match, context());
      reply = { ...reply, headers: { ...limitHeaders, ...reply.headers } };
      if (!fault && path === BATCH_PATH && decision.allowed) fault = randomFault();
    }
    if (fault) record.fault = describeFault(fault);
    record.status = sendReply(res, reply, fault, timers);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({ detail: `Simulator error: ${error instanceof Error ? error.message : String(error)}` }),
        );
      } else {
        res.destroy();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  serverUrl = `http://127.0.0.1:${port}`;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= new Promise<void>((resolve) => {
      for (const timer of timers) {
        clearTimeout(timer);
        clearInterval(timer);
      }
      timers.clear();
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    });
    return stopping;
  };

  return { url: serverUrl, apiKey, orgId: dataset.orgId, dataset, faults, layouts, requests, writes, stop };
}
