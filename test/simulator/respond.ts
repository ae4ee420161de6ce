/**
 * Writes a reply to the socket, through the fault (if any) that applies to the request. All the
 * ways a response can go wrong live here; routing and data live elsewhere.
 */
import { STATUS_CODES, type ServerResponse } from 'node:http';
import { applyDrift } from './drift';
import type { Fault } from './faults';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  contentType: string;
  body: string;
  /** A binary body (a screenshot), sent instead of `body`, which then only describes it. */
  bytes?: Buffer;
}

export const JSON_TYPE = 'application/json';

function bytesOf(reply: Reply): Buffer {
  return reply.bytes ?? Buffer.from(reply.body);
}

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers, contentType: JSON_TYPE, body: JSON.stringify(value) };
}

/** Timers still to fire, so `stop()` can cancel them. */
export type TimerSet = Set<NodeJS.Timeout>;

/** A timer that is forgotten when it fires, when the client goes away, or at stop(). */
function track(res: ServerResponse, timers: TimerSet, timer: NodeJS.Timeout, clear: (t: NodeJS.Timeout) => void): void {
  timers.add(timer);
  res.once('close', () => {
    clear(timer);
    timers.delete(timer);
  });
}

function writeWhole(res: ServerResponse, reply: Reply, body: Buffer = bytesOf(reply)): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(reply.status, {
    ...reply.headers,
    'Content-Type': reply.contentType,
    'Content-Length': String(body.length),
  });
  res.end(body);
}

/** What a status fault sends when it names no body: Granite's documented bodies where there is one. */
function defaultStatusBody(status: number): unknown {
  if (status === 401) return { error: 'unauthorized', message: 'Invalid or missing API key', code: 401 };
  if (status === 429) return { error: 'rate_limited', message: 'Too many requests', code: 429 };
  return { detail: STATUS_CODES[status] ?? 'Error' };
}

const HTML_PAGE =
  '<!DOCTYPE html>\n<html><head><title>Sign in to continue</title></head>\n' +
  '<body><h1>Network login required</h1><p>Your proxy requires authentication before you can reach ' +
  'this site.</p></body></html>\n';

const MALFORMED_JSON = '{"summary": {"total_executions": 120, "completed": 114,, "total_failures": 6}, "workflows": [';

/** Streams a syntactically valid JSON object of exactly `bytes` bytes (a huge `workflows` array). */
function sendOversize(res: ServerResponse, reply: Reply, bytes: number, declareLength: boolean): void {
  let prefix = '{"workflows":[';
  try {
    const real = JSON.parse(reply.body) as Record<string, unknown>;
    delete real.workflows;
    const text = JSON.stringify(real);
    if (text.length > 2 && text.length + 16 <= bytes) prefix = `${text.slice(0, -1)},"workflows":[`;
  } catch {
    // Not JSON: the minimal prefix does.
  }
  const suffix = ']}';
  const item = '"Workflow padding"';
  const budget = Math.max(0, bytes - Buffer.byteLength(prefix) - suffix.length);
  // k items take k × (item + comma) − 1 bytes; the rest is JSON whitespace before the closing bracket.
  const items = Math.max(0, Math.floor((budget + 1) / (item.length + 1)));
  const padding = ' '.repeat(budget - (items > 0 ? items * (item.length + 1) - 1 : 0));
  const perChunk = 4096;
  const fullChunk = `${item},`.repeat(perChunk);
  const headers: Record<string, string> = { ...reply.headers, 'Content-Type': JSON_TYPE };
  if (declareLength) headers['Content-Length'] = String(Buffer.byteLength(prefix) + budget + suffix.length);
  res.writeHead(200, headers);
  res.write(prefix);
  let left = items;
  const pump = (): void => {
    while (left > 0) {
      if (res.destroyed) return;
      // The last item has no trailing comma.
      const n = Math.min(perChunk, left);
      const chunk = n === perChunk && left > perChunk ? fullChunk : `${item},`.repeat(n - 1) + item;
      left -= n;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end(padding + suffix);
  };
  pump();
}

/**
 * Sends `reply`, altered by `fault`. Returns the status line that was (or will be) sent.
 */
export function sendReply(res: ServerResponse, reply: Reply, fault: Fault | undefined, timers: TimerSet): number {
  if (!fault) {
    writeWhole(res, reply);
    return reply.status;
  }
  switch (fault.kind) {
    case 'latency': {
      const timer = setTimeout(() => {
        timers.delete(timer);
        writeWhole(res, reply);
      }, fault.ms);
      track(res, timers, timer, clearTimeout);
      return reply.status;
    }
    case 'status': {
      const raw = fault.body === undefined ? defaultStatusBody(fault.status) : fault.body;
      const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
      const contentType = typeof raw === 'string' ? 'text/plain; charset=utf-8' : JSON_TYPE;
      writeWhole(res, {
        status: fault.status,
        headers: { ...reply.headers, ...fault.headers },
        contentType,
        body: text,
      });
      return fault.status;
    }
    case 'malformedJson':
      writeWhole(res, { ...reply, status: 200, contentType: JSON_TYPE, body: MALFORMED_JSON });
      return 200;
    case 'html':
      writeWhole(res, { ...reply, status: 200, contentType: 'text/html; charset=utf-8', body: HTML_PAGE });
      return 200;
    case 'truncate': {
      const full = bytesOf(reply);
      writeWhole(res, reply, full.subarray(0, Math.floor(full.length / 2)));
      return reply.status;
    }
    case 'drop': {
      const full = bytesOf(reply);
      res.writeHead(reply.status, {
        ...reply.headers,
        'Content-Type': reply.contentType,
        'Content-Length': String(full.length),
      });
      // Destroy only once the half has been handed to the socket, so the client sees a cut body.
      res.write(full.subarray(0, Math.floor(full.length / 2)), () => res.socket?.destroy());
      return reply.status;
    }
    case 'drip': {
      const full = bytesOf(reply);
      const size = Math.max(1, fault.chunkBytes ?? 64);
      res.writeHead(reply.status, {
        ...reply.headers,
        'Content-Type': reply.contentType,
        'Content-Length': String(full.length),
      });
      let offset = 0;
      const step = (): void => {
        if (res.destroyed) return;
        const chunk = full.subarray(offset, offset + size);
        offset += chunk.length;
        if (offset >= full.length) {
          clearInterval(timer);
          timers.delete(timer);
          res.end(chunk);
        } else {
          res.write(chunk);
        }
      };
      const timer = setInterval(step, Math.max(1, fault.intervalMs));
      track(res, timers, timer, clearInterval);
      step();
      return reply.status;
    }
    case 'oversize':
      sendOversize(res, reply, fault.bytes, fault.declareLength === true);
      return 200;
    case 'transform': {
      let body = reply.body;
      if (reply.status >= 200 && reply.status < 300) {
        try {
          body = JSON.stringify(fault.transform(JSON.parse(reply.body)));
        } catch {
          // Not JSON: nothing to transform.
        }
      }
      writeWhole(res, { ...reply, body });
      return reply.status;
    }
    case 'drift': {
      let body = reply.body;
      if (reply.status === 200) {
        try {
          const parsed: unknown = JSON.parse(reply.body);
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
            body = JSON.stringify(applyDrift(parsed as Record<string, unknown>, fault.drift, fault.section));
          }
        } catch {
          // Not JSON: nothing to drift.
        }
      }
      writeWhole(res, { ...reply, body });
      return reply.status;
    }
  }
}
