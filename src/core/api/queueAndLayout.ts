/**
 * Granite's two dashboard routes beyond the batch, over the client's one request primitive (so timeouts,
 * the size cap, quota headers and error bodies behave exactly as for the batch):
 * `GET /api/analytics/queue-metrics` (queue waits per bucket) and `GET`/`PUT /api/analytics/layout`
 * (the dashboard layout a user keeps in Granite). Schemas in queueAndLayoutSchemas.ts.
 *
 * Errors keep the batch's kinds (a 401 is still `Unauthorized`, a 429 `RateLimited` with its `retryAt`),
 * only with messages that name these routes. What an error *does* is the caller's decision, and issue 14
 * decided it: neither route's errors mark the key invalid or pause the batch, so their callers never pass
 * them to the store, the scheduler (`core/outcome.ts`) or the credentials prompt; see STATUS-14.md.
 */
import * as z from 'zod/mini';
import { isolateBidi } from '../escaping';
import { t } from '../l10n';
import { requestBody, type Fetched, type GraniteClient, type RequestOptions } from './client';
import { GraniteError } from './errors';
import { DashboardLayout, describeIssues, QueueMetricsResponse } from './queueAndLayoutSchemas';
import type { Granularity } from './vocabulary';

export const queueMetricsPath = '/api/analytics/queue-metrics';
export const layoutPath = '/api/analytics/layout';
/** The spec's default for queue metrics (the batch's is `day`); sent explicitly so the cache key says it. */
export const queueDefaultGranularity: Granularity = 'hour';

export interface QueueMetricsQuery {
  start_date?: string | null;
  end_date?: string | null;
  granularity?: Granularity;
}

/**
 * The query string: unset dates omitted, plain dates widened to whole UTC days exactly as the batch body
 * is (`requestBody`), so the queue widget covers the same instants as the batch it is drawn beside.
 */
export function queueMetricsQuery(query: QueueMetricsQuery): string {
  const body = requestBody({
    start_date: query.start_date,
    end_date: query.end_date,
    granularity: query.granularity ?? queueDefaultGranularity,
  });
  return new URLSearchParams(body).toString();
}

/** `GET /api/analytics/queue-metrics`. */
export async function fetchQueueMetrics(
  client: GraniteClient,
  query: QueueMetricsQuery = {},
  options: RequestOptions = {},
): Promise<Fetched<QueueMetricsResponse>> {
  const path = `${queueMetricsPath}?${queueMetricsQuery(query)}`;
  return validated(client, queueMetricsPath, QueueMetricsResponse, () => client.request('GET', path, options));
}

/** `GET /api/analytics/layout`: the user's layout (an empty `widgets` list when they never saved one). */
export function fetchLayout(client: GraniteClient, options: RequestOptions = {}): Promise<Fetched<DashboardLayout>> {
  return validated(client, layoutPath, DashboardLayout, () => client.request('GET', layoutPath, options));
}

/**
 * The body `putLayout` sends: every widget whole (unknown types untouched) with its defaults written out,
 * and `updated_at` as the server last sent it (null when it sent none).
 */
export function layoutRequestBody(layout: DashboardLayout): DashboardLayout {
  return {
    widgets: layout.widgets.map(({ id, type, visible, order, width }) => ({ id, type, visible, order, width })),
    updated_at: layout.updated_at ?? null,
  };
}

/** `PUT /api/analytics/layout` with the whole layout; resolves to the layout as Granite stored it. */
export function putLayout(
  client: GraniteClient,
  layout: DashboardLayout,
  options: RequestOptions = {},
): Promise<Fetched<DashboardLayout>> {
  const body = layoutRequestBody(layout);
  return validated(client, layoutPath, DashboardLayout, () => client.request('PUT', layoutPath, options, body));
}

type Sent = Awaited<ReturnType<GraniteClient['request']>>;

async function validated<T>(
  client: GraniteClient,
  route: string,
  schema: z.ZodMiniType<T>,
  send: () => Promise<Sent>,
): Promise<Fetched<T>> {
  let result: Sent;
  try {
    result = await send();
  } catch (error) {
    throw error instanceof GraniteError ? forRoute(error, route, client.origin) : error;
  }
  const parsed = z.safeParse(schema, result.json);
  if (!parsed.success) {
    throw new GraniteError(
      'ContractMismatch',
      t(
        "Granite's answer to {0} does not match its published format ({1}). The API may have changed; update the extension.",
        route,
        describeIssues(parsed.error),
      ),
      { status: result.status, rateLimit: result.rateLimit },
    );
  }
  return {
    data: parsed.data,
    rateLimit: result.rateLimit,
    receivedAt: result.receivedAt,
    durationMs: result.durationMs,
    bytes: result.bytes,
  };
}

/**
 * The batch's wording for 404 and 422 speaks of the base URL and the filters; here a 404 means this
 * Granite has no such route (an older server), and a 422 on the layout means Granite refused the layout.
 * Every other error passes unchanged: its wording already fits any route.
 */
function forRoute(error: GraniteError, route: string, origin: string): GraniteError {
  const quoted = error.serverMessage ? ` ("${isolateBidi(error.serverMessage)}")` : '';
  const details = {
    status: error.status,
    serverMessage: error.serverMessage,
    rateLimit: error.rateLimit,
    retryAt: error.retryAt,
    cause: error,
  };
  if (error.kind === 'NotFound') {
    return new GraniteError('NotFound', t('{0} does not offer {1} (404{2}).', origin, route, quoted), details);
  }
  if (error.kind === 'InvalidRequest' && route === layoutPath) {
    return new GraniteError(
      'InvalidRequest',
      t('Granite refused the dashboard layout{0}. Your edits are kept; change them and save again.', quoted),
      details,
    );
  }
  if (error.kind === 'InvalidRequest') {
    return new GraniteError(
      'InvalidRequest',
      t('Granite rejected the queue metrics dates or granularity{0}.', quoted),
      details,
    );
  }
  return error;
}
