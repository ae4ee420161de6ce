/**
 * Fetches a trace's screenshots for the run view's Timeline tab, in the extension host, and hands them on as
 * `data:` URLs, so the webview's CSP opens to no remote host. The links are signed storage links from an
 * untrusted answer, so each is held to: https, or http to this machine only; no redirect followed; no key,
 * cookie or other credential sent; at most `maxScreenshotBytes`, counted while streaming; and a PNG, JPEG,
 * WebP or GIF judged by its first bytes (never SVG, which can carry script, nor whatever the server
 * claims). At most `screenshotConcurrency` at a time and `screenshotsPerView` per view (one fetcher per
 * view). Messages name the host only: a signed link's query is a bearer secret (runBundle.ts).
 */
import { t } from '../core/l10n';

/** The platform `fetch` (VS Code's extension host patches it for proxies), injected so tests use the real one. */
export type PlatformFetch = typeof fetch;

/** Screenshots fetched at once: enough to fill a screen quickly, few enough not to crowd out the API's requests. */
export const screenshotConcurrency = 4;
/** Per view: a long trace's screenshots beyond this are not fetched (the timeline stays usable without them). */
export const screenshotsPerView = 50;
/** One screenshot's cap: a screen capture is well under 1 MB; 5 MB leaves room for a 4K PNG. */
export const maxScreenshotBytes = 5 * 1024 * 1024;
/** One screenshot's time limit, body included: a stalled bucket must not hold a slot for ever. */
export const screenshotTimeoutMs = 20_000;

export type Screenshot =
  | { index: number; ok: true; dataUrl: string; mime: ImageMime; bytes: number }
  | { index: number; ok: false; message: string };

export type ImageMime = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

export interface ScreenshotFetcherOptions {
  fetch: PlatformFetch;
  maxBytes?: number;
  timeoutMs?: number;
}

export class ScreenshotFetcher {
  private started = 0;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly maxBytes: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: ScreenshotFetcherOptions) {
    this.maxBytes = options.maxBytes ?? maxScreenshotBytes;
    this.timeoutMs = options.timeoutMs ?? screenshotTimeoutMs;
  }

  /** How many more this view may fetch. */
  get remaining(): number {
    return Math.max(0, screenshotsPerView - this.started);
  }

  /**
   * Fetches `urls` (index = position), ≤ 4 at a time, each reported to `onEach` as it settles; beyond the
   * view's 50 the rest are reported as not loaded. Never rejects.
   */
  async fetchAll(
    urls: readonly string[],
    onEach?: (shot: Screenshot) => void,
    signal?: AbortSignal,
  ): Promise<Screenshot[]> {
    const all = urls.map((url, index) => {
      if (this.started >= screenshotsPerView) {
        const shot: Screenshot = {
          index,
          ok: false,
          message: t('Not loaded: a run view shows at most {0} screenshots.', screenshotsPerView),
        };
        onEach?.(shot);
        return Promise.resolve(shot);
      }
      this.started++;
      return this.queued(() => this.fetchOne(url, index, signal)).then((shot) => {
        onEach?.(shot);
        return shot;
      });
    });
    return Promise.all(all);
  }

  private async queued<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= screenshotConcurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  /** One screenshot, by the rules in the header. Never rejects. */
  async fetchOne(url: string, index: number, signal?: AbortSignal): Promise<Screenshot> {
    const checked = checkScreenshotUrl(url);
    if (!checked.ok) return { index, ok: false, message: checked.message };
    const host = checked.url.host;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.timeoutMs);
    const onAbort = () => timeout.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await this.options.fetch(checked.url.toString(), {
        method: 'GET',
        redirect: 'error',
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        signal: timeout.signal,
      });
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        return { index, ok: false, message: t('Not loaded: {0} answered {1}.', host, response.status) };
      }
      const body = await readCapped(response, this.maxBytes);
      if (!body)
        return { index, ok: false, message: t('Not loaded: larger than {0} MB.', this.maxBytes / 1024 / 1024) };
      const mime = sniffImage(body);
      if (!mime) return { index, ok: false, message: t('Not loaded: not a PNG, JPEG, WebP or GIF image.') };
      return {
        index,
        ok: true,
        mime,
        bytes: body.length,
        dataUrl: `data:${mime};base64,${Buffer.from(body).toString('base64')}`,
      };
    } catch {
      // A redirect (refused by `redirect: 'error'`), a reset, a timeout: the error itself may quote the link.
      const message = timeout.signal.aborted
        ? t('Not loaded: {0} did not answer in time.', host)
        : t('Not loaded: could not fetch it from {0} (redirects are not followed).', host);
      return { index, ok: false, message };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

/** https anywhere; http only to this machine (the simulator, a local proxy); nothing with a user or password. */
export function checkScreenshotUrl(text: string): { ok: true; url: URL } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: t('Not loaded: the screenshot link is not a valid URL.') };
  }
  if (url.username || url.password)
    return { ok: false, message: t('Not loaded: the screenshot link carries credentials.') };
  if (url.protocol === 'https:') return { ok: true, url };
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return { ok: true, url };
  return {
    ok: false,
    message: t(
      'Not loaded: screenshot links must use https (http only to this machine); this one is {0}//{1}.',
      url.protocol,
      url.host,
    ),
  };
}

function isLoopback(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** The body, or undefined once it passes `maxBytes` (a declared length past it is refused before reading). */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | undefined> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (!response.body) return new Uint8Array(0);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));

/** The image type by its first bytes (magic numbers), whatever the server's Content-Type says. */
export function sniffImage(bytes: Uint8Array): ImageMime | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return undefined;
}
