/**
 * `granite_run_details` (`#graniteRun`), the pure part: its input (an execution id a model wrote), its
 * request budget (≤ 4 requests a call — what RunDataSource sends for a run not held fresh — and ≤ 20 an
 * hour), and its text, built from a RunBundle (src/runs/runBundle.ts) by toolText.ts's rules: one data
 * block, every API string quoted, times in UTC, figures through format.ts. Read-only, and never a signed
 * link: the trace's screenshots are counted, the recording named, neither linked; the endpoint URL (where
 * even a GET runs the automation) is left out too.
 */
import type { ExecutionDetail } from '../core/api/schemas';
import { formatAge, formatCount, formatDuration, humanizeCategory } from '../core/format';
import { t } from '../core/l10n';
import type { RunBundle, RunPart, RunTrace } from '../runs/runBundle';
import { historyLine } from '../runs/runHistory';
import { answer, apiTime, quote, utcTime } from './toolText';

/** What one call may cost at most: a run's detail, info, history and trace (RunDataSource's first open). */
export const runToolRequestsPerCall = 4;
/** Per hour: a model exploring runs must not eat the rate limit the views live on. */
export const runToolRequestsPerHour = 20;
const hourMs = 3_600_000;
/** Log lines quoted from the end of stdout and stderr: enough to see the error, few enough for a prompt. */
export const defaultLogLines = 30;
export const maxLogLines = 100;
const maxLogChars = 6000;
const maxLineChars = 300;
/** The timeline's last events quoted. */
export const timelineEvents = 10;
const maxParameters = 20;

export interface RunToolInput {
  executionId?: unknown;
  runId?: unknown;
  logLines?: unknown;
}

export type ResolvedRunInput =
  { ok: true; executionId: string; runId?: string; logLines: number } | { ok: false; message: string };

/** Ids as Granite writes them: letters, digits, `_`, `-`, `.` and `:`; never a dot segment (another route). */
const idPattern = /^[\w.:-]{1,200}$/;
const validId = (value: unknown): value is string =>
  typeof value === 'string' && idPattern.test(value) && value !== '.' && value !== '..';

export function resolveRunInput(raw: unknown): ResolvedRunInput {
  const input = (raw && typeof raw === 'object' ? raw : {}) as RunToolInput;
  if (!validId(input.executionId))
    return {
      ok: false,
      message: t(
        'Give "executionId": the execution_id of one run (letters, digits, "_", "-", "." or ":"), e.g. from granite_workflow_failures.',
      ),
    };
  if (input.runId !== undefined && !validId(input.runId))
    return { ok: false, message: t('"runId", when given, is the run_id of the same run (or leave it out).') };
  const lines = input.logLines ?? defaultLogLines;
  if (typeof lines !== 'number' || !Number.isInteger(lines) || lines < 1 || lines > maxLogLines)
    return {
      ok: false,
      message: t('"logLines" is a whole number from 1 to {0} (default {1}).', maxLogLines, defaultLogLines),
    };
  return { ok: true, executionId: input.executionId, runId: input.runId, logLines: lines };
}

/** The hour's requests of the tool: a call goes out only if its worst case still fits. */
export class RunToolBudget {
  private sent: number[] = [];

  constructor(private readonly now: () => number) {}

  /** Undefined when a call may send up to `runToolRequestsPerCall`; else when it may, in epoch ms. */
  blockedUntil(): number | undefined {
    const now = this.now();
    this.sent = this.sent.filter((at) => at > now - hourMs);
    if (this.sent.length + runToolRequestsPerCall <= runToolRequestsPerHour) return undefined;
    return this.sent[this.sent.length + runToolRequestsPerCall - runToolRequestsPerHour - 1]! + hourMs;
  }

  record(requests: number): void {
    const now = this.now();
    for (let i = 0; i < requests; i++) this.sent.push(now);
  }
}

export interface RunTextContext {
  now: number;
  locale?: string;
  logLines: number;
}

function partLine<T>(label: string, part: RunPart<T> | RunTrace): string | undefined {
  if (part.state === 'error') return t('{0}: could not be loaded: {1}', label, quote(part.message, 600));
  if (part.state === 'missing') return t('{0}: not available: {1}', label, quote(part.reason, 600));
  return undefined;
}

/** The last `lines` lines of a log, each clipped, the whole bounded; one quoted string. */
export function logTail(text: string, lines: number): string {
  const all = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  const tail = all
    .slice(-lines)
    .map((line) => (line.length > maxLineChars ? `${line.slice(0, maxLineChars - 1)}…` : line));
  let joined = tail.join('\n');
  if (joined.length > maxLogChars) joined = `…${joined.slice(-(maxLogChars - 1))}`;
  return quote(joined, maxLogChars + 1);
}

function summaryLines(bundle: RunBundle, c: RunTextContext): string[] {
  const f = bundle.failure;
  const lines = [t('execution_id {0}; run_id {1}', quote(bundle.ids.executionId), quote(bundle.ids.runId))];
  if (f) lines.push(t('workflow {0}', quote(f.workflow_name)));
  const d = bundle.detail.state === 'ok' ? bundle.detail.value : undefined;
  if (d) {
    const finished = d.completed_at ? apiTime(d.completed_at) : t('not finished');
    lines.push(
      t(
        'status {0}; started {1}; finished {2}; duration {3}; trigger {4}',
        quote(d.status),
        apiTime(d.started_at),
        finished,
        formatDuration(d.duration_ms, c.locale),
        quote(d.triggered_by),
      ),
    );
    if (d.endpoint_slug) lines.push(t('endpoint {0}', quote(d.endpoint_slug)));
    if (d.user_id) lines.push(t('user_id {0}', quote(d.user_id)));
  } else {
    lines.push(partLine(t('details'), bundle.detail)!);
    if (f) lines.push(t('started {0}; trigger {1}', apiTime(f.started_at), quote(f.triggered_by)));
  }
  const error = errorOf(f, d);
  if (error) lines.push(t('error: category {0}; message {1}', error.category, error.message));
  return lines;
}

/** Name and category from the failure record, else from `result`'s error (`ExecutionDetail` has neither). */
function errorOf(
  f: RunBundle['failure'],
  d: ExecutionDetail | undefined,
): { category: string; message: string } | undefined {
  if (f)
    return {
      category: quote(humanizeCategory(f.error_category)),
      message: f.error_message ? quote(f.error_message, 1000) : t('none'),
    };
  const e = d?.result?.error;
  if (typeof e === 'string' && e) return { category: t('unknown'), message: quote(e, 1000) };
  if (e && typeof e === 'object') {
    const { type, message } = e as { type?: unknown; message?: unknown };
    return {
      category: typeof type === 'string' ? quote(type) : t('unknown'),
      message: typeof message === 'string' ? quote(message, 1000) : t('none'),
    };
  }
  return undefined;
}

function resultLines(bundle: RunBundle, c: RunTextContext): string[] {
  if (bundle.detail.state !== 'ok') return [];
  const d = bundle.detail.value;
  const lines: string[] = [];
  const params = (d.parameters ?? []).slice(0, maxParameters);
  if (params.length) {
    lines.push(t('parameters ({0} of {1}):', params.length, formatCount(d.parameters?.length ?? 0, c.locale)));
    for (const p of params) {
      const name = typeof p.name === 'string' ? p.name : JSON.stringify(p.name ?? '?');
      // JSON.stringify gives undefined for undefined (and functions, which JSON cannot hold).
      const value = (JSON.stringify(p.value) as string | undefined) ?? 'null';
      lines.push(`- ${quote(name)} = ${quote(value, 200)}`);
    }
  }
  const result = d.result;
  if (!result) return [...lines, t('result: none yet')];
  if (typeof result.return_code === 'number') lines.push(t('return code {0}', result.return_code));
  for (const stream of ['stdout', 'stderr'] as const) {
    const text = result[stream];
    if (typeof text === 'string' && text.trim())
      lines.push(t('{0}, last {1} lines: {2}', stream, c.logLines, logTail(text, c.logLines)));
    else lines.push(t('{0}: empty', stream));
  }
  return lines;
}

function automationLines(bundle: RunBundle): string[] {
  const info = bundle.info;
  if (info.state !== 'ok') return [partLine(t('automation'), info)!];
  const i = info.value;
  const lines = [];
  if (i.workflow_description) lines.push(t('automation description {0}', quote(i.workflow_description, 600)));
  if (i.endpoint_slug)
    lines.push(t('automation endpoint {0} (its URL runs the automation: never call it)', quote(i.endpoint_slug)));
  return lines;
}

function historyLines(bundle: RunBundle): string[] {
  if (bundle.history.state !== 'ok' || !bundle.words)
    return [partLine(t('recent outcomes'), bundle.history) ?? t('recent outcomes: unknown')];
  const w = bundle.words;
  return [t("automation's recent outcomes ({0}): {1}", w.kind, historyLine(w))];
}

function timelineLines(bundle: RunBundle, c: RunTextContext): string[] {
  const trace = bundle.trace;
  if (trace.state === 'none') return [t('timeline: none for this run')];
  if (trace.state !== 'ok') return [partLine(t('timeline'), trace)!];
  const owner =
    trace.owner === 'this-run' ? t("this run's") : t('of the session that created this automation (not this run)');
  const events = trace.trace.message_trace;
  const shown = events.slice(-timelineEvents);
  const lines = [
    t(
      'timeline {0}: {1} events, last {2}; {3} screenshots; {4}',
      owner,
      formatCount(events.length, c.locale),
      shown.length,
      trace.trace.screenshots.length,
      trace.trace.recording ? t('a recording (open the run view to play it)') : t('no recording'),
    ),
  ];
  for (const e of shown)
    lines.push(
      `- ${e.timestamp ? apiTime(e.timestamp) : t('(no time)')} ${quote(e.source, 60)} ${quote(e.event_type, 60)}: ${e.content == null ? t('(no content)') : quote(e.content)}`,
    );
  return lines;
}

/** The whole answer for one run. */
export function runDetailsText(bundle: RunBundle, c: RunTextContext): string {
  const lines = [
    t('data as of: {0} ({1})', utcTime(bundle.fetchedAt), formatAge(bundle.fetchedAt, c.now)),
    ...summaryLines(bundle, c),
    ...resultLines(bundle, c),
    ...automationLines(bundle),
    ...historyLines(bundle),
    ...timelineLines(bundle, c),
  ];
  return answer(t('One Granite run (execution).'), lines);
}
