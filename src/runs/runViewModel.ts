/**
 * What the run view reads out of a bundle, shared by the host (runView.vscode.ts: Copy) and the webview
 * (webview/runView/): the error (name and category from the failure record, else from `result`'s error;
 * `ExecutionDetail` has neither), the logs and return code inside the untyped `result`, and the rest of
 * `result` for the JSON tree. Pure and zod-free, so both bundles can carry it.
 */
import type { ExecutionDetail, RecentFailureItem } from '../core/api/schemas';
import type { RunBundle } from './runBundle';
import type { RunIds } from './runLink';
import type { CopyField } from './runViewProtocol';

/** The statuses of an execution still in progress: its view offers Refresh. */
export const inProgressStatuses: readonly string[] = ['pending', 'queued', 'running'];

export interface RunError {
  category?: string;
  name?: string;
  message?: string;
  /** Where it came from: the batch's failure record, or the execution's `result`. */
  from: 'failure' | 'result';
}

/** The parts of `result` shown as logs; everything else goes to the JSON tree. */
export interface ResultParts {
  returnCode?: string;
  stdout?: string;
  stderr?: string;
  rest: Record<string, unknown>;
}

type Result = ExecutionDetail['result'];

/** The error to show: the failure record's category and message; else `result.error` (string or object). */
export function runError(failure: RecentFailureItem | undefined, result: Result): RunError | undefined {
  if (failure)
    return { category: failure.error_category, message: failure.error_message ?? undefined, from: 'failure' };
  const error = result?.error;
  if (typeof error === 'string') return error ? { message: error, from: 'result' } : undefined;
  if (error && typeof error === 'object') {
    const e = error as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const message = text(e.message) ?? text(e.detail) ?? JSON.stringify(error);
    return { name: text(e.type) ?? text(e.name), category: text(e.category), message, from: 'result' };
  }
  return undefined;
}

/** The logs in `result` (strings only; other types are left in `rest`) and the remainder. */
export function resultParts(result: Result): ResultParts {
  const parts: ResultParts = { rest: {} };
  if (!result) return parts;
  const code = result.return_code;
  if (typeof code === 'number' || typeof code === 'string') parts.returnCode = String(code);
  if (typeof result.stdout === 'string') parts.stdout = result.stdout;
  if (typeof result.stderr === 'string') parts.stderr = result.stderr;
  const shown = new Set<string>();
  if (parts.returnCode !== undefined) shown.add('return_code');
  if (parts.stdout !== undefined) shown.add('stdout');
  if (parts.stderr !== undefined) shown.add('stderr');
  if (typeof result.error === 'string' || (result.error !== null && typeof result.error === 'object'))
    shown.add('error');
  for (const [key, value] of Object.entries(result)) if (!shown.has(key)) parts.rest[key] = value;
  return parts;
}

/** The error as one text for the log block and Copy: category, name and the whole message. */
export function errorText(error: RunError | undefined): string | undefined {
  if (!error) return undefined;
  return [error.category, error.name, error.message].filter((p) => p !== undefined && p !== '').join('\n');
}

/** A bundle standing in while the first load is in flight (nothing known yet, nothing wrong). */
export function loadingBundle(ids: RunIds, now: number): RunBundle {
  const missing = { state: 'missing', reason: '' } as const;
  return {
    ids: { executionId: ids.executionId, runId: ids.runId ?? '' },
    detail: missing,
    info: missing,
    history: missing,
    trace: missing,
    fetchedAt: now,
  };
}

/** The value Copy puts on the clipboard, from the host's own bundle (never text from the webview). */
export function copyValue(bundle: RunBundle, field: CopyField): string | undefined {
  const detail = bundle.detail.state === 'ok' ? bundle.detail.value : undefined;
  switch (field) {
    case 'executionId':
      return bundle.ids.executionId;
    case 'error':
      return errorText(runError(bundle.failure, detail?.result));
    case 'stdout':
      return resultParts(detail?.result).stdout;
    case 'stderr':
      return resultParts(detail?.result).stderr;
    case 'endpointUrl':
      return bundle.info.state === 'ok' ? (bundle.info.value.endpoint_url ?? undefined) : undefined;
    case 'parameters':
      return detail ? JSON.stringify(detail.parameters ?? [], null, 2) : undefined;
    case 'result':
      return detail?.result ? JSON.stringify(detail.result, null, 2) : undefined;
  }
}

/** The recording's signed link may be opened: https, or http to the loopback address only (the simulator). */
export function recordingLinkAllowed(url: string): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) return false;
    if (parsed.protocol === 'https:') return true;
    return parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  } catch {
    return false;
  }
}
