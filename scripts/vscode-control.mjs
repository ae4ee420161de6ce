// HTTP control channel on 127.0.0.1: tests running inside the extension host POST JSON commands here to
// take screenshots and drive the workbench through Playwright. Selectors search the main page and every
// frame, because webviews are nested iframes. Every reply is `{ ok: true, value? }` or `{ ok: false, error }`.
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const NAME = /^[\w.-]+$/;
const DEFAULT_TIMEOUT_MS = 10_000;

/** Polls `fn` until it returns something other than undefined (no fixed sleeps). */
export async function poll(fn, timeoutMs, what, intervalMs = 100) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** Locators for `selector` in every frame (main page first); detached frames are skipped. */
async function locateAll(page, selector, visibleOnly) {
  const found = [];
  for (const frame of page.frames()) {
    try {
      const loc = frame.locator(visibleOnly ? `${selector} >> visible=true` : selector);
      const n = await loc.count();
      if (n > 0) found.push({ loc, n });
    } catch {
      /* frame navigated or detached while we looked */
    }
  }
  return found;
}

const first = (page, selector, visibleOnly, timeoutMs) =>
  poll(
    async () => {
      const [hit] = await locateAll(page, selector, visibleOnly);
      return hit?.loc.first();
    },
    timeoutMs,
    `${visibleOnly ? 'a visible ' : ''}"${selector}"`,
  );

export async function startControlServer({ getPage, getBrowser, screenshotDir }) {
  const markerShots = new Map(); // name -> promise of a screenshot triggered by a `[screenshot] name` log line
  // Uncaught errors of the workbench page and its frames (webviews), oldest first; tests read them.
  const pageErrors = [];

  const screenshot = async (name) => {
    if (!NAME.test(String(name))) throw new Error(`bad screenshot name ${JSON.stringify(name)} (use [A-Za-z0-9_.-])`);
    mkdirSync(screenshotDir, { recursive: true });
    const path = join(screenshotDir, `${name}.png`);
    await getPage().screenshot({ path });
    return path;
  };

  const ops = {
    screenshot: ({ name }) => screenshot(name),
    // Waits for the screenshot a `[screenshot] name` log line triggered.
    awaitScreenshot: async ({ name, timeoutMs = DEFAULT_TIMEOUT_MS }) =>
      poll(
        () => {
          const shot = markerShots.get(name);
          if (shot) markerShots.delete(name); // consumed, so the same name can be reused later
          return shot;
        },
        timeoutMs,
        `the "[screenshot] ${name}" log line`,
      ),
    type: async ({ text }, page) => {
      await page.keyboard.type(String(text));
    },
    press: async ({ key }, page) => {
      await page.keyboard.press(String(key));
    },
    click: async ({ selector, timeoutMs = DEFAULT_TIMEOUT_MS }, page) => {
      await (await first(page, selector, true, timeoutMs)).click({ timeout: timeoutMs });
    },
    // Moves the mouse over the first visible match (hovers: tooltips of tree items and the status bar).
    hover: async ({ selector, timeoutMs = DEFAULT_TIMEOUT_MS }, page) => {
      await (await first(page, selector, true, timeoutMs)).hover({ timeout: timeoutMs });
    },
    waitFor: async ({ selector, timeoutMs = DEFAULT_TIMEOUT_MS, state = 'visible' }, page) => {
      await first(page, selector, state === 'visible', timeoutMs);
    },
    text: async ({ selector, timeoutMs = DEFAULT_TIMEOUT_MS }, page) =>
      (await first(page, selector, false, timeoutMs)).textContent(),
    count: async ({ selector, visible = false }, page) =>
      (await locateAll(page, selector, visible)).reduce((sum, { n }) => sum + n, 0),
    grantClipboard: async () => {
      await getBrowser().grantPermissions(['clipboard-read', 'clipboard-write']);
    },
    // Every uncaught page error (workbench or webview) since the start, from index `since` on.
    pageErrors: ({ since = 0 }) => pageErrors.slice(Number(since) || 0),
    // Evaluates a JS expression in every frame; returns [{ url, value }] for frames where it is not undefined.
    evaluateInFrames: async ({ expression }, page) => {
      const out = [];
      for (const frame of page.frames()) {
        try {
          const value = await frame.evaluate(String(expression));
          if (value !== undefined) out.push({ url: frame.url(), value });
        } catch {
          /* detached, or the expression threw in this frame */
        }
      }
      return out;
    },
  };

  const server = createServer((req, res) => {
    const reply = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST') return reply(405, { ok: false, error: 'POST a JSON command' });
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
      if (body.length > 1e6) req.destroy();
    });
    req.on('end', async () => {
      let cmd;
      try {
        cmd = JSON.parse(body);
      } catch {
        return reply(400, { ok: false, error: 'body is not JSON' });
      }
      const op = ops[cmd?.op];
      if (!op || !Object.hasOwn(ops, cmd.op))
        return reply(400, { ok: false, error: `unknown op ${JSON.stringify(cmd?.op)}` });
      const page = getPage();
      if (!page) return reply(503, { ok: false, error: 'the browser is not started yet' });
      try {
        const value = await op(cmd, page);
        reply(200, value === undefined ? { ok: true } : { ok: true, value });
      } catch (err) {
        reply(200, { ok: false, error: String(err?.message ?? err).split('\n')[0] });
      }
    });
  });
  await new Promise((res, rej) => server.once('error', rej).listen(0, '127.0.0.1', res));

  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    markerScreenshot(name) {
      const p = screenshot(name);
      p.catch((err) => console.error(`[harness] screenshot ${name} failed: ${err.message}`));
      markerShots.set(name, p);
    },
    /** Called by the harness for every Playwright `pageerror`. */
    recordPageError(error) {
      pageErrors.push({ message: String(error?.message ?? error), stack: String(error?.stack ?? '') });
      if (pageErrors.length > 1000) pageErrors.splice(0, 1); // bounded; a broken page must not eat memory
    },
    close: () =>
      new Promise((res) => {
        server.closeAllConnections?.();
        server.close(() => res());
      }),
  };
}
