/**
 * The Chromium harness for the webviews (the dashboard's, and with `view: 'runView'` the run view's): a node:http server on 127.0.0.1 serving dist/, media/
 * and a test-only theme stylesheet, and a page made with the host's own `dashboardHtml` (same CSP), with
 * a stub `acquireVsCodeApi` injected before the bundle that records every posted message. Any page
 * error, console error or CSP violation is collected so tests can fail on it.
 */
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { dashboardHtml, makeNonce } from '../../src/dashboard/dashboardHtml';
import type { DashboardState } from '../../src/dashboard/protocol';
import { runViewHtml } from '../../src/runs/runViewHtml';
import type { RunViewHostMessage, RunViewState } from '../../src/runs/runViewProtocol';

export type ThemeClass = 'vscode-light' | 'vscode-dark' | 'vscode-high-contrast';

/** What the page exposes to tests (typed here: the tests compile without the DOM library). */
export interface PageWindow {
  __posted: unknown[];
  __problems: string[];
  __xss: (...args: unknown[]) => void;
  __xssCalls: unknown[];
  __graniteRendered: Promise<number>;
  __graniteAllCharts: () => Promise<void>;
  postMessage(message: unknown, origin: string): void;
}

const root = process.cwd();
const types: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
  '.html': 'text/html',
};
/** Debian's Chromium; GRANITE_CHROMIUM points elsewhere (the test that a layer ends without it). */
const chromiumPath = process.env.GRANITE_CHROMIUM ?? '/usr/bin/chromium';
const launchArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export class Harness {
  private constructor(
    private readonly server: Server,
    readonly origin: string,
    readonly browser: Browser,
  ) {}

  static async start(): Promise<Harness> {
    let origin = '';
    const server = createServer((req, res) => {
      void (async () => {
        const url = new URL(req.url ?? '/', origin);
        if (url.pathname === '/favicon.ico') {
          res.writeHead(204).end();
          return;
        }
        if (url.pathname === '/') {
          const theme = url.searchParams.get('theme') ?? 'vscode-dark';
          const l10n = JSON.parse(url.searchParams.get('l10n') ?? '{}') as Record<string, string>;
          const shell = url.searchParams.get('view') === 'runView' ? runViewShell : dashboardHtml;
          const html = shell({
            cspSource: origin,
            nonce: makeNonce(),
            scriptUri: `${origin}/dist/webview.js`,
            l10n,
            testHooks: true,
            styleUris: [
              `${origin}/media/codicon.css`,
              `${origin}/media/dashboard.css`,
              `${origin}/test/webview/themes.css`,
            ],
          }).replace('<body>', `<body class="${theme.replace(/[^\w-]/g, '')}">`); // VS Code sets the theme class on body
          res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
          return;
        }
        const allowed = ['/dist/', '/media/', '/test/webview/themes.css'];
        const path = normalize(decodeURIComponent(url.pathname));
        if (!allowed.some((prefix) => path.startsWith(prefix))) {
          res.writeHead(404).end();
          return;
        }
        try {
          const body = await readFile(join(root, path));
          res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
        } catch {
          res.writeHead(404).end();
        }
      })();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: launchArgs });
      return new Harness(server, origin, browser);
    } catch (error) {
      // No harness is returned, so no `after` could close the server: close it here, or mocha never exits.
      await new Promise<void>((done) => server.close(() => done()));
      throw error;
    }
  }

  /** A page with the dashboard loaded and `ready` posted. */
  async open(
    options: {
      theme?: ThemeClass;
      width?: number;
      height?: number;
      savedState?: unknown;
      l10n?: Record<string, string>;
      /** Which webview to load: the dashboard (default) or the run view. */
      view?: 'dashboard' | 'runView';
    } = {},
  ): Promise<Page> {
    const page = await this.browser.newPage({
      viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    });
    await page.addInitScript(stubScript, options.savedState ?? null);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy/i.test(message.text()))
        problems.push(`console.${message.type()}: ${message.text()}`);
    });
    (page as Page & { problems?: string[] }).problems = problems;
    await page.goto(
      `${this.origin}/?view=${options.view ?? 'dashboard'}&theme=${options.theme ?? 'vscode-dark'}&l10n=${encodeURIComponent(JSON.stringify(options.l10n ?? {}))}`,
    );
    await page.waitForFunction(() => (globalThis as unknown as PageWindow).__posted.length > 0);
    return page;
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await new Promise<void>((done) => this.server.close(() => done()));
  }
}

/** The run view's shell with the run view's CSP, fed the dashboard shell's options with its bundle and CSS swapped. */
function runViewShell(options: Parameters<typeof dashboardHtml>[0]): string {
  const origin = options.cspSource;
  return runViewHtml({
    ...options,
    scriptUri: `${origin}/dist/runView.js`,
    styleUris: [`${origin}/media/runView.css`, `${origin}/test/webview/themes.css`],
  });
}

/** Runs in the page before any script: the VS Code API stub, the XSS trap and a CSP violation log. */
function stubScript(savedState: unknown): void {
  const w = globalThis as unknown as PageWindow & {
    acquireVsCodeApi: () => unknown;
    __setStates: unknown[];
    document: {
      addEventListener(type: string, listener: (e: { violatedDirective: string; blockedURI: string }) => void): void;
    };
  };
  let state = savedState;
  let acquired = 0;
  w.__posted = [];
  w.__problems = [];
  w.__xssCalls = [];
  w.__setStates = [];
  w.__xss = (...args: unknown[]) => void w.__xssCalls.push(args);
  w.acquireVsCodeApi = () => {
    acquired += 1;
    if (acquired > 1) throw new Error('acquireVsCodeApi called twice');
    return {
      postMessage: (message: unknown) => void w.__posted.push(JSON.parse(JSON.stringify(message))),
      getState: () => state,
      setState: (next: unknown) => {
        state = next;
        w.__setStates.push(next);
      },
    };
  };
  w.document.addEventListener('securitypolicyviolation', (e) =>
    w.__problems.push(`CSP: ${e.violatedDirective} ${e.blockedURI}`),
  );
}

/** Errors the page reported: page errors, console errors and CSP violations. */
export async function pageProblems(page: Page): Promise<string[]> {
  const inPage = await page.evaluate(() => (globalThis as unknown as PageWindow).__problems);
  return [...((page as Page & { problems?: string[] }).problems ?? []), ...inPage];
}

/** After each XSS case: no payload called the page's `__xss` trap, and the page reported no problem. */
export async function assertPageClean(page: Page): Promise<void> {
  assert.deepEqual(await page.evaluate(() => (globalThis as unknown as PageWindow).__xssCalls), [], 'a payload ran');
  assert.deepEqual(await pageProblems(page), []);
}

/** Posts a state the way the host does and waits until it is drawn. */
export async function deliver(page: Page, state: DashboardState): Promise<number> {
  return page.evaluate((s) => {
    const w = globalThis as unknown as PageWindow;
    const drawn = w.__graniteRendered;
    w.postMessage({ type: 'state', state: s }, '*');
    return drawn;
  }, state);
}

/** Posts a run view state the way the host does and waits until it is drawn. */
export async function deliverRun(page: Page, state: RunViewState): Promise<number> {
  return page.evaluate((s) => {
    const w = globalThis as unknown as PageWindow;
    const drawn = w.__graniteRendered;
    w.postMessage({ type: 'state', state: s }, '*');
    return drawn;
  }, state);
}

/** Posts another host message to the run view (a screenshot), without waiting for a render. */
export async function postToRunView(page: Page, message: RunViewHostMessage): Promise<void> {
  await page.evaluate((m) => (globalThis as unknown as PageWindow).postMessage(m, '*'), message);
}

export async function allChartsDrawn(page: Page): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as PageWindow).__graniteAllCharts());
}

export async function posted(page: Page): Promise<unknown[]> {
  return page.evaluate(() => (globalThis as unknown as PageWindow).__posted);
}

export async function clearPosted(page: Page): Promise<void> {
  await page.evaluate(() => void ((globalThis as unknown as PageWindow).__posted.length = 0));
}

interface CanvasLike {
  width: number;
  height: number;
  closest(selector: string): { id: string } | null;
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

/** Non-transparent pixels of each chart canvas, by card id. */
export async function canvasPixels(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<CanvasLike> } })
      .document;
    const out: Record<string, number> = {};
    for (const canvas of Array.from(doc.querySelectorAll('figure.chart canvas'))) {
      const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
      let count = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) count++;
      out[canvas.closest('section')?.id ?? '?'] = count;
    }
    return out;
  });
}

export const screenshotDir = resolve(root, 'test-artifacts', 'screenshots');
