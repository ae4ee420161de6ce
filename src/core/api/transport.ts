/**
 * The low-level half of the client: one HTTP exchange with a timeout, an abort signal and a size cap,
 * and the mapping of every way `fetch` can fail onto a typed `GraniteError`.
 */
import { t } from '../l10n';
import { GraniteError, type NetworkFailure } from './errors';

export interface ExchangeOptions {
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
  origin: string;
}

export interface RawResponse {
  response: Response;
  text: string;
  bytes: number;
}

/** Runs `fetch` and reads the whole body, enforcing the timeout over both and the cap while streaming. */
export async function exchange(url: string, init: RequestInit, options: ExchangeOptions): Promise<RawResponse> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) controller.abort();
  const fail = (error: unknown): GraniteError => {
    if (error instanceof GraniteError) return error;
    if (timedOut) return timeoutError(options.timeoutMs);
    if (options.signal?.aborted) return new GraniteError('Aborted', t('The request was cancelled.'), { cause: error });
    return networkError(error, options.origin);
  };
  try {
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: controller.signal, redirect: 'manual' });
    } catch (error) {
      throw fail(error);
    }
    try {
      const { text, bytes } = await readCapped(response, options.maxBytes, controller);
      return { response, text, bytes };
    } catch (error) {
      throw fail(error);
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

async function readCapped(
  response: Response,
  maxBytes: number,
  controller: AbortController,
): Promise<{ text: string; bytes: number }> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    controller.abort();
    throw tooLarge(maxBytes);
  }
  if (!response.body) return { text: '', bytes: 0 };
  // A fetch body is a stream of bytes (Fetch standard); undici's types leave its chunk type open.
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      controller.abort();
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  // One decode of the joined bytes is cheaper than a streaming decode per chunk for multi-MB bodies.
  const joined = chunks.length === 1 ? chunks[0]! : concat(chunks, bytes);
  return { text: new TextDecoder().decode(joined), bytes };
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function tooLarge(maxBytes: number): GraniteError {
  const mb = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;
  return new GraniteError(
    'ResponseTooLarge',
    t(
      "Granite's response was larger than {0} MB and was dropped to protect the editor. Narrow the date range or filter by workflow.",
      mb,
    ),
  );
}

function timeoutError(timeoutMs: number): GraniteError {
  return new GraniteError(
    'Timeout',
    t(
      'Granite did not answer within {0} s. It will be retried automatically; if it keeps happening, check your network or proxy, or narrow the date range.',
      Math.round(timeoutMs / 1000),
    ),
  );
}

const tlsCodes = /CERT|SSL|TLS|ERR_TLS|UNABLE_TO_VERIFY|SELF_SIGNED|DEPTH_ZERO|HOSTNAME_MISMATCH|ALTNAME/i;

/** Node's `fetch` (undici) wraps the socket error in `cause`, sometimes twice. */
export function classifyNetworkError(error: unknown): { failure: NetworkFailure; code?: string } {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const { code, message: rawMessage } = current as { code?: unknown; message?: unknown };
    const message = typeof rawMessage === 'string' ? rawMessage : '';
    if (typeof code === 'string') {
      if (code === 'ECONNREFUSED') return { failure: 'refused', code };
      if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return { failure: 'dns', code };
      if (tlsCodes.test(code)) return { failure: 'tls', code };
      if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'ECONNABORTED')
        return { failure: 'reset', code };
    }
    if (/other side closed|terminated|socket hang up/i.test(message)) return { failure: 'reset' };
    if (tlsCodes.test(message) && /certificate|ssl|tls/i.test(message)) return { failure: 'tls' };
    current = (current as { cause?: unknown }).cause;
  }
  return { failure: 'other' };
}

function networkError(error: unknown, origin: string): GraniteError {
  const { failure, code } = classifyNetworkError(error);
  const host = safeHost(origin);
  const suffix = code ? ` (${code})` : '';
  const message =
    failure === 'refused'
      ? t(
          'Could not connect to {0}: the connection was refused{1}. Check "granite.apiBaseUrl" and that the server is up; it will be retried.',
          origin,
          suffix,
        )
      : failure === 'dns'
        ? t(
            'Could not find the host {0}{1}. Check "granite.apiBaseUrl" and your network or VPN; it will be retried.',
            host,
            suffix,
          )
        : failure === 'tls'
          ? t(
              'The secure connection to {0} failed{1}: its certificate could not be verified. If a proxy inspects TLS, add its certificate to your system; otherwise check "granite.apiBaseUrl".',
              host,
              suffix,
            )
          : failure === 'reset'
            ? t(
                'The connection to {0} was dropped before the response was complete{1}. It will be retried; if it keeps happening, check your network or proxy.',
                origin,
                suffix,
              )
            : t(
                'Could not reach {0}{1}. Check your network, proxy ("http.proxy") and "granite.apiBaseUrl"; it will be retried.',
                origin,
                suffix,
              );
  return new GraniteError('NetworkError', message, { network: failure, cause: error });
}

function safeHost(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}
