/**
 * The simulated Granite routes: path matching and the JSON each one answers (before faults). Auth
 * and quota are the server's job; a handler only runs for an authenticated, allowed request.
 */
import { aggregateBatch, aggregationKey } from './aggregate';
import { currentUser, executionDetail } from './details';
import { parseBatchBody } from './filters';
import { putLayoutReply, type LayoutStore } from './layout';
import type { Dataset } from './model';
import { queueMetricsReply } from './queueMetrics';
import { jsonReply, JSON_TYPE, type Reply } from './respond';
import { runRoutes } from './runs';
import { writeProgressRoutes, writeRoutes, type RunWrites } from './runWrites';
import { traceRoutes } from './traces';

export interface RouteContext {
  dataset: Dataset;
  now: number;
  liftLimits: boolean;
  analyticsEnabled: boolean;
  /** Serialized batches by aggregation key (bounded, oldest evicted). */
  cache: Map<string, string>;
  bodyText: string;
  /** The request's query string (history paging, queue-metrics dates). */
  query: URLSearchParams;
  /** This simulator's own origin, for the URLs it hands out (endpoint URLs, signed screenshot links). */
  origin: string;
  /** The (valid) key of the request: layouts are kept per key. */
  apiKey: string;
  layouts: LayoutStore;
  /** Run Again's writes and the executions they created (runWrites.ts). */
  writes: RunWrites;
  method: string;
  path: string;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT';
  pattern: RegExp;
  handle(ctx: RouteContext, params: string[]): Reply;
  /** Served without the API key and outside the quota, like a signed storage link (traces.ts). */
  public?: true;
}

const CACHE_ENTRIES = 16;

function batch(ctx: RouteContext): Reply {
  const parsed = parseBatchBody(ctx.bodyText, ctx.now);
  if (!parsed.ok) return jsonReply(422, { detail: parsed.detail });
  const opts = { now: ctx.now, liftLimits: ctx.liftLimits };
  const key = aggregationKey(ctx.dataset, parsed.filters, opts);
  let body = ctx.cache.get(key);
  if (body === undefined) {
    body = JSON.stringify(aggregateBatch(ctx.dataset, parsed.filters, opts));
    ctx.cache.set(key, body);
    const oldest = ctx.cache.keys().next();
    if (ctx.cache.size > CACHE_ENTRIES && !oldest.done) ctx.cache.delete(oldest.value);
  }
  return { status: 200, headers: {}, contentType: JSON_TYPE, body };
}

function execution(ctx: RouteContext, [orgId, executionId]: string[]): Reply {
  const e = executionId === undefined ? undefined : ctx.dataset.byId.get(executionId);
  // Another organisation's execution is indistinguishable from a missing one.
  if (!e || orgId !== ctx.dataset.orgId) return jsonReply(404, { detail: 'Execution not found' });
  return jsonReply(200, executionDetail(ctx.dataset, e));
}

const routes: Route[] = [
  { method: 'POST', pattern: /^\/api\/analytics\/batch$/, handle: batch },
  {
    method: 'GET',
    pattern: /^\/api\/analytics\/workflows$/,
    handle: (ctx) => jsonReply(200, { workflows: ctx.dataset.workflows.map((w) => w.name).sort() }),
  },
  {
    method: 'GET',
    pattern: /^\/api\/analytics\/status$/,
    handle: (ctx) =>
      jsonReply(200, {
        enabled: ctx.analyticsEnabled,
        message: ctx.analyticsEnabled ? 'Analytics is enabled' : 'Analytics is disabled for this organization',
      }),
  },
  {
    method: 'GET',
    pattern: /^\/api\/analytics\/queue-metrics$/,
    handle: (ctx) => queueMetricsReply(ctx.dataset, ctx.query, ctx.now),
  },
  {
    method: 'GET',
    pattern: /^\/api\/analytics\/layout$/,
    handle: (ctx) => jsonReply(200, ctx.layouts.get(ctx.apiKey)),
  },
  {
    method: 'PUT',
    pattern: /^\/api\/analytics\/layout$/,
    handle: (ctx) => putLayoutReply(ctx.layouts, ctx.apiKey, ctx.bodyText, ctx.now),
  },
  { method: 'GET', pattern: /^\/api\/me$/, handle: (ctx) => jsonReply(200, currentUser(ctx.dataset)) },
  // The spec spells this `/api/organizations/{org_id}/automations/../executions/{execution_id}`; URL
  // parsers normalise it, but the literal form is accepted too in case a client sends it verbatim.
  {
    method: 'GET',
    pattern: /^\/api\/organizations\/([^/]+)\/(?:automations\/\.\.\/)?executions\/([^/]+)$/,
    handle: execution,
  },
  ...runRoutes,
  ...writeProgressRoutes,
  ...traceRoutes,
  ...writeRoutes,
];

export type RouteMatch =
  { kind: 'found'; route: Route; params: string[] } | { kind: 'wrongMethod'; allow: string } | { kind: 'none' };

export function findRoute(method: string, path: string): RouteMatch {
  const allowed: string[] = [];
  for (const route of routes) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) {
      allowed.push(route.method);
      continue;
    }
    const params = m.slice(1).map((p) => {
      try {
        return decodeURIComponent(p ?? '');
      } catch {
        return p ?? '';
      }
    });
    return { kind: 'found', route, params };
  }
  return allowed.length > 0 ? { kind: 'wrongMethod', allow: allowed.join(', ') } : { kind: 'none' };
}

export function runRoute(match: Extract<RouteMatch, { kind: 'found' }>, ctx: RouteContext): Reply {
  return match.route.handle(ctx, match.params);
}
