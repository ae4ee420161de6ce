/**
 * The protocol between the extension host and a run view webview (one per execution), shared by both
 * bundles, in the manner of src/dashboard/protocol.ts:
 *
 * - Host → webview: `RunViewState`, a RunBundle with its signed links taken out (`runViewState`): the
 *   screenshots travel later one by one as `data:` URLs fetched by the host, and the recording's
 *   `signed_url` stays in the host, which opens it on a click. The webview checks only the envelope.
 * - Webview → host: untrusted, validated fully with zod (built lazily inside a function, so the run view
 *   bundle carries no zod). Messages carry ids and names of fields, never URLs or text the host would
 *   act on; the one free text is Run Again's parameters JSON, which the host parses and checks itself.
 */
import * as z from 'zod/mini';
import type { AgentRunTraceEvent, AutomationWithEndpointInfo, ExecutionSummary } from '../core/api/runSchemas';
import type { ExecutionDetail, RecentFailureItem } from '../core/api/schemas';
import type { HistoryWords, RunBundle, RunPart, TraceOwner } from './runBundle';

// ---- host → webview ---------------------------------------------------------------------------

/** What the webview may know of a recording: no URL of any kind. */
export interface RunViewRecording {
  filename?: string | null;
  uploadedAt?: string | null;
  fileSizeMb?: number | null;
  expiresInHours?: number | null;
  /** The host holds a signed link it can open on a click. */
  playable: boolean;
}

export type RunViewTrace =
  | { state: 'none' }
  | {
      state: 'ok';
      owner: TraceOwner;
      agentRunId: string;
      rpaRunId?: string | null;
      events: AgentRunTraceEvent[];
      /** How many screenshots the host can fetch (≤ 50 per view); they arrive as `screenshot` messages. */
      screenshotCount: number;
      recording?: RunViewRecording;
      fetchedAt: number;
    }
  | { state: 'error'; message: string; retryable: boolean }
  | { state: 'missing'; reason: string };

export interface RunViewState {
  executionId: string;
  runId?: string;
  /** The workflow's name when known (from the failure record or the batch). */
  workflowName?: string;
  failure?: RecentFailureItem;
  detail: RunPart<ExecutionDetail>;
  info: RunPart<AutomationWithEndpointInfo>;
  history: RunPart<{ executions: ExecutionSummary[]; total: number }>;
  words?: HistoryWords;
  trace: RunViewTrace;
  organization?: string;
  /** Epoch ms of the newest fetch; absent while nothing has loaded. */
  fetchedAt?: number;
  /** A load is in flight (first open or Refresh). */
  loading: boolean;
  /** The host's clock and UI language, so times match the rest of VS Code. */
  now: number;
  locale: string;
  /** Run Again is allowed here (setting on, trusted workspace): the webview shows its area. */
  runAgain: boolean;
  /** Open in Granite has a link to open (granite.appUrl / runUrlTemplate give a valid one). */
  canOpenInGranite: boolean;
}

/** At most this many screenshots are fetched and shown per view (issue 15). */
export const maxScreenshotsPerView = 50;

export type RunViewHostMessage =
  | { type: 'state'; state: RunViewState }
  /** One screenshot, fetched by the host: a `data:image/…;base64,` URL, or why it is not shown. */
  | { type: 'screenshot'; index: number; dataUrl?: string; error?: string };

/** The run view's state from a bundle: everything but the signed links. */
export function runViewState(
  bundle: RunBundle,
  extra: Pick<RunViewState, 'loading' | 'now' | 'locale' | 'runAgain' | 'canOpenInGranite' | 'workflowName'>,
): RunViewState {
  const trace = bundle.trace;
  let viewTrace: RunViewTrace;
  if (trace.state === 'ok') {
    const recording = trace.trace.recording;
    viewTrace = {
      state: 'ok',
      owner: trace.owner,
      agentRunId: trace.trace.agent_run_id,
      rpaRunId: trace.trace.rpa_run_id,
      events: trace.trace.message_trace,
      screenshotCount: Math.min(trace.trace.screenshots.length, maxScreenshotsPerView),
      recording: recording
        ? {
            filename: recording.filename,
            uploadedAt: recording.uploaded_at,
            fileSizeMb: recording.file_size_mb,
            expiresInHours: recording.expires_in_hours,
            playable: !!recording.signed_url,
          }
        : undefined,
      fetchedAt: trace.fetchedAt,
    };
  } else viewTrace = trace;
  return {
    executionId: bundle.ids.executionId,
    runId: bundle.ids.runId,
    failure: bundle.failure,
    detail: bundle.detail,
    info: bundle.info,
    history: bundle.history,
    words: bundle.words,
    trace: viewTrace,
    organization: bundle.organization?.name ?? bundle.organization?.slug ?? bundle.organization?.id,
    fetchedAt: bundle.fetchedAt,
    ...extra,
    workflowName: extra.workflowName ?? bundle.failure?.workflow_name,
  };
}

/** The webview checks only this much of what the host sends (no validator in the webview bundle). */
export function isRunViewHostMessage(value: unknown): value is RunViewHostMessage {
  if (value === null || typeof value !== 'object') return false;
  const message = value as { type?: unknown; state?: unknown; index?: unknown };
  if (message.type === 'state') return message.state !== null && typeof message.state === 'object';
  return message.type === 'screenshot' && typeof message.index === 'number';
}

/** A screenshot the webview may show: an image as data, in one of the four raster types (never SVG). */
export function isImageDataUrl(value: unknown): value is string {
  return typeof value === 'string' && /^data:image\/(?:png|jpeg|webp|gif);base64,[A-Za-z0-9+/]+={0,2}$/.test(value);
}

// ---- webview → host ---------------------------------------------------------------------------

/** What Copy buttons name; the host copies the value from its own bundle, not text from the webview. */
export const copyFields = ['executionId', 'error', 'stdout', 'stderr', 'endpointUrl', 'parameters', 'result'] as const;
export type CopyField = (typeof copyFields)[number];

/** Run Again's parameters JSON: generous for parameters, far below what could hurt the host. */
export const maxParametersJsonChars = 100_000;

function buildRunViewMessageSchema() {
  const id = z.string().check(z.minLength(1), z.maxLength(200));
  return z.discriminatedUnion('type', [
    z.object({ type: z.literal('ready') }),
    z.object({ type: z.literal('refresh') }),
    z.object({ type: z.literal('copy'), field: z.enum(copyFields) }),
    z.object({ type: z.literal('openInGranite') }),
    // Another execution of the same automation (History): ids only, opened in its own view.
    z.object({ type: z.literal('openExecution'), executionId: id, runId: z.optional(id) }),
    // The Timeline tab was shown: the host fetches the screenshots it holds links for.
    z.object({ type: z.literal('loadScreenshots') }),
    z.object({ type: z.literal('openRecording') }),
    z.object({ type: z.literal('runAgain'), parametersJson: z.string().check(z.maxLength(maxParametersJsonChars)) }),
  ]);
}

export type RunViewMessage = z.output<ReturnType<typeof buildRunViewMessageSchema>>;
let runViewMessageSchema: ReturnType<typeof buildRunViewMessageSchema> | undefined;

export function parseRunViewMessage(value: unknown): RunViewMessage | undefined {
  const result = z.safeParse((runViewMessageSchema ??= buildRunViewMessageSchema()), value);
  return result.success ? result.data : undefined;
}

/** What the webview keeps across reloads (setState): which run and which tab, never data or links. */
export interface RunViewUiState {
  executionId: string;
  runId?: string;
  tab?: string;
}

/** The serializer's reading of a restored panel's state: the ids, or nothing usable. */
export function restoredIds(state: unknown): { executionId: string; runId?: string } | undefined {
  if (!state || typeof state !== 'object') return undefined;
  const { executionId, runId } = state as { executionId?: unknown; runId?: unknown };
  if (typeof executionId !== 'string' || !executionId || executionId.length > 200) return undefined;
  return {
    executionId,
    runId: typeof runId === 'string' && runId && runId.length <= 200 ? runId : undefined,
  };
}
