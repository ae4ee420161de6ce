/**
 * The one protocol between the extension host and the dashboard webview, shared by both bundles.
 *
 * - Webview → host: every message is untrusted and validated fully with zod; the host acts only on
 *   these known messages. "Open run" carries ids, never URLs; CSV rows travel as plain strings and the
 *   host builds the file (neutralising formulas), so nothing the webview sends is executed or opened.
 * - Host → webview: the webview checks only the envelope (`isHostMessage`); the batch inside was
 *   validated once, in the host, and is not validated twice.
 *
 * The webview bundle imports this file but must not carry zod: the validator is built on first use inside
 * a function (`webviewMessageSchema`), so the webview's tree-shaken bundle leaves it and zod out
 * (test/unit/bundleSize.test.ts checks the metafile).
 */
import * as z from 'zod/mini';
import type { SectionProblem } from '../core/api/parseBatch';
import type { PlausibilityWarning } from '../core/api/plausibility';
import type { BatchedAnalyticsResponse } from '../core/api/schemas';
import type { DashboardLayout, QueueMetricsDataPoint } from '../core/api/queueAndLayoutSchemas';
import { executionStatuses, triggerTypes, widgetWidths } from '../core/api/vocabulary';
import type { Delta, KpiDeltas } from '../comparison/compare';
import { granularityChoices, rangePresets, type FilterState } from '../filters/filters';
import type { Insight } from './insights';

// ---- host → webview ---------------------------------------------------------------------------

export interface DashboardState {
  sections: Partial<BatchedAnalyticsResponse>;
  problems: SectionProblem[];
  /** Values the spec allows but that look wrong: how many, and the first few (`path: message`). */
  implausible?: { count: number; examples: string[] };
  filters: FilterState;
  /** Workflow names for the filter (the batch's `workflows`). */
  workflows: string[];
  /** Epoch ms the data was received from Granite; absent while nothing has loaded. */
  fetchedAt?: number;
  /** The data shown is from the cache (not refreshed this session) or the last refresh failed. */
  stale: boolean;
  fromCache: boolean;
  loading: boolean;
  /** The last refresh's error, already phrased for the user. */
  error?: { kind: string; message: string };
  /** No API key: the dashboard shows a "Set API Key" call to action. */
  noKey: boolean;
  analyticsDisabled?: string;
  organization?: string;
  /** The active environment's name (`granite.environments`), when one is chosen. */
  environment?: string;
  /** Change of each KPI against the previous period; empty when comparison is off or not loaded yet. */
  deltas: KpiDeltas;
  /** When the previous period's batch was received (the deltas are at most that old). */
  comparedAt?: number;
  /** Plain-worded findings for the header, each with what clicking it shows. */
  insights: Insight[];
  /**
   * An automation's recent outcomes in words, by `run_id`, for the recent failures' tooltips: only for
   * automations a run of which was opened (the run data's cache, src/runs/runData.ts; never a request).
   */
  historyWords?: Record<string, string>;
  /**
   * Granite is unreachable: the filter sets whose batches are cached, which are all the dashboard
   * offers until a request succeeds again.
   */
  offline?: { cached: { filters: FilterState; fetchedAt: number }[] };
  thresholds: { warning: number; error: number };
  /** The host's clock and UI language, so relative times and numbers match the rest of VS Code. */
  now: number;
  locale: string;
  /** Queue wait times (their own request, only while the dashboard is visible); absent until first asked. */
  queue?: QueueState;
  /** The layout to draw and edit; absent: our default layout (src/layout/dashboardLayout.ts). */
  layout?: LayoutState;
}

/** `GET /api/analytics/queue-metrics` for the dashboard's dates and granularity. */
export interface QueueState {
  /** The last good answer's points (kept, marked stale, when a refresh fails); empty before one. */
  data: QueueMetricsDataPoint[];
  granularity: string;
  /** Epoch ms the data was received; absent while nothing has loaded. */
  fetchedAt?: number;
  stale: boolean;
  loading: boolean;
  /** This route's own error, phrased for the user; it never marks the key invalid or pauses the batch. */
  error?: { kind: string; message: string };
  /** A workflow, trigger or status filter is set, which this route does not take: the card says so. */
  filtersIgnored: boolean;
  /** The previous period's points, for the KPI card's delta (comparison on); absent until loaded. */
  previous?: QueueMetricsDataPoint[];
  /** The worst bucket's p95 against the previous period's (lower is better); absent without both. */
  delta?: Delta;
}

/** Where the drawn layout came from: Granite, the disk cache of Granite's, our default, or local mode. */
export type LayoutSource = 'granite' | 'cache' | 'default' | 'local';

export interface LayoutState {
  /** The whole layout as read, unknown widget types included (kept, not drawn), defaults applied. */
  layout: DashboardLayout;
  source: LayoutSource;
  /** `granite.dashboard.layout`: `local` reads and writes nothing at Granite. */
  mode: 'granite' | 'local';
  /** A Save is in flight. */
  saving: boolean;
  /** The last Save's error (a 422's server message included); the webview keeps the edit on screen. */
  saveError?: string;
  /** Before saving, Granite's layout had changed since we read it: offer Reload or Overwrite. */
  conflict?: { theirsUpdatedAt: string | null };
  /** Bumped by the host each time a Save succeeds, so the webview leaves Customize mode. */
  savedCount: number;
}

export type HostMessage = { type: 'state'; state: DashboardState };

/** `DashboardState.implausible` from a batch's warnings (here, not in plausibility.ts, which pulls in zod). */
export function implausibleNotice(warnings: readonly PlausibilityWarning[] | undefined): DashboardState['implausible'] {
  if (!warnings?.length) return undefined;
  return { count: warnings.length, examples: warnings.slice(0, 5).map((w) => `${w.path}: ${w.message}`) };
}

/** The webview checks only this much of what the host sends (no validator in the webview bundle). */
export function isHostMessage(value: unknown): value is HostMessage {
  if (value === null || typeof value !== 'object') return false;
  const message = value as { type?: unknown; state?: unknown };
  return message.type === 'state' && message.state !== null && typeof message.state === 'object';
}

// ---- webview → host ---------------------------------------------------------------------------

/** The validator of webview messages, built inside a function so that the webview bundle leaves zod out. */
function buildWebviewMessageSchema() {
  const id = z.string().check(z.minLength(1), z.maxLength(200));
  const date = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
  const filterState = z.object({
    range: z.union([
      z.object({ kind: z.literal('preset'), preset: z.enum(rangePresets) }),
      z.object({ kind: z.literal('custom'), start: date, end: date }),
    ]),
    granularity: z.enum(granularityChoices),
    workflow: z.optional(z.string().check(z.maxLength(500))),
    trigger: z.optional(z.enum(triggerTypes)),
    status: z.optional(z.enum(executionStatuses)),
  });
  // The spec bounds neither ids, types nor order, and the webview sends unknown entries back as read: limits
  // here only cap the message's size, so that no layout Granite accepts makes a Save silently fail.
  const widgetText = z.string().check(z.maxLength(10_000));
  const widget = z.object({
    id: widgetText,
    type: widgetText,
    visible: z.boolean(),
    order: z.number().check(z.int(), z.gte(Number.MIN_SAFE_INTEGER), z.lte(Number.MAX_SAFE_INTEGER)),
    width: z.enum(widgetWidths),
  });
  // A CSV export: at most 100,000 rows of at most 100 cells of at most 10,000 characters.
  const csvRows = z
    .array(z.array(z.string().check(z.maxLength(10_000))).check(z.maxLength(100)))
    .check(z.maxLength(100_000));
  return z.discriminatedUnion('type', [
    z.object({ type: z.literal('ready') }),
    z.object({ type: z.literal('refresh') }),
    z.object({ type: z.literal('setApiKey') }),
    z.object({ type: z.literal('openRun'), executionId: id, runId: z.optional(id) }),
    z.object({ type: z.literal('copyId'), executionId: id }),
    z.object({ type: z.literal('setFilters'), filters: filterState }),
    z.object({ type: z.literal('exportJson') }),
    z.object({ type: z.literal('exportCsv'), name: z.string().check(z.regex(/^[\w .-]{1,80}$/)), rows: csvRows }),
    // Customize mode's Save: the edited widgets (ours and, unchanged, unknown ones); `overwrite` answers a conflict.
    z.object({
      type: z.literal('saveLayout'),
      widgets: z.array(widget).check(z.maxLength(1_000)),
      overwrite: z.optional(z.boolean()),
    }),
    // The conflict prompt's "Reload": read Granite's layout again and drop the edit.
    z.object({ type: z.literal('reloadLayout') }),
  ]);
}

export type WebviewMessage = z.output<ReturnType<typeof buildWebviewMessageSchema>>;
let webviewMessageSchema: ReturnType<typeof buildWebviewMessageSchema> | undefined;

export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  const result = z.safeParse((webviewMessageSchema ??= buildWebviewMessageSchema()), value);
  return result.success ? result.data : undefined;
}

// FilterState from the protocol must stay assignable to the core type (a compile-time check only).
type _AssertTrue<T extends true> = T;
type _FilterStateMatches = _AssertTrue<
  Extract<WebviewMessage, { type: 'setFilters' }>['filters'] extends FilterState ? true : false
>;
