/**
 * Dashboard states built the way the host builds them: a batch from the simulator, parsed with the
 * extension's own `parseBatch`, wrapped in a DashboardState, with the queue metrics for the same dates
 * and granularity (as the host sends them while the dashboard is visible).
 */
import { parseBatch, type ParsedBatch } from '../../src/core/api/parseBatch';
import { queueMetricsQuery } from '../../src/core/api/queueAndLayout';
import type { QueueMetricsResponse } from '../../src/core/api/queueAndLayoutSchemas';
import type { DashboardState, QueueState } from '../../src/dashboard/protocol';
import { toRequestFilters, type FilterState } from '../../src/filters/filters';
import type { Simulator } from '../simulator/server';

export async function fetchBatchJson(sim: Simulator, filters: FilterState, now = Date.now()): Promise<unknown> {
  const response = await fetch(`${sim.url}/api/analytics/batch`, {
    method: 'POST',
    headers: { 'X-Granite-API-Key': sim.apiKey, 'Content-Type': 'application/json' },
    body: JSON.stringify(toRequestFilters(filters, now)),
  });
  if (!response.ok) throw new Error(`batch: HTTP ${response.status}`);
  return response.json();
}

/** `GET /api/analytics/queue-metrics` for the filters' dates and granularity, as the host asks it. */
export async function fetchQueueJson(
  sim: Simulator,
  filters: FilterState,
  now = Date.now(),
): Promise<QueueMetricsResponse> {
  const r = toRequestFilters(filters, now);
  const query = queueMetricsQuery({ start_date: r.start_date, end_date: r.end_date, granularity: r.granularity });
  const response = await fetch(`${sim.url}/api/analytics/queue-metrics?${query}`, {
    headers: { 'X-Granite-API-Key': sim.apiKey },
  });
  if (!response.ok) throw new Error(`queue metrics: HTTP ${response.status}`);
  return (await response.json()) as QueueMetricsResponse;
}

export function queueStateFrom(
  json: QueueMetricsResponse,
  filters: FilterState,
  extra: Partial<QueueState> = {},
): QueueState {
  return {
    data: json.data,
    granularity: json.granularity,
    fetchedAt: Date.now(),
    stale: false,
    loading: false,
    filtersIgnored: !!(filters.workflow || filters.trigger || filters.status),
    ...extra,
  };
}

export function parsed(json: unknown): ParsedBatch {
  const outcome = parseBatch(json);
  if (!outcome.ok) throw new Error(`batch did not parse: ${outcome.reason}`);
  return outcome.batch;
}

export function stateFrom(
  batch: ParsedBatch,
  filters: FilterState,
  extra: Partial<DashboardState> = {},
): DashboardState {
  return {
    sections: batch.sections,
    problems: batch.problems,
    filters,
    workflows: batch.sections.workflows ?? [],
    fetchedAt: Date.now(),
    stale: false,
    fromCache: false,
    loading: false,
    noKey: false,
    organization: 'Acme Test Org',
    thresholds: { warning: 95, error: 80 },
    now: Date.now(),
    locale: 'en-GB',
    ...extra,
    deltas: extra.deltas ?? {},
    insights: extra.insights ?? [],
  };
}

export async function simulatorState(
  sim: Simulator,
  filters: FilterState,
  extra: Partial<DashboardState> = {},
): Promise<DashboardState> {
  const queue = queueStateFrom(await fetchQueueJson(sim, filters), filters);
  return stateFrom(parsed(await fetchBatchJson(sim, filters)), filters, { queue, ...extra });
}
