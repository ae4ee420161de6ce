// Starts a real VS Code (code-server 4.100.3 = VS Code 1.100.3) with this extension loaded in development
// mode, opened in headless Debian Chromium through playwright-core, plus a small HTTP control channel that
// tests use to drive the UI. Shared by the integration-test runner, `npm run demo` and screenshot tooling.
// Why code-server, which versions, and the install's pitfalls: docs/testing-in-vscode.md.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { poll, startControlServer } from './vscode-control.mjs';

export { poll };

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CODE_SERVER_VERSION = '4.100.3';
/** Debian's Chromium; GRANITE_CHROMIUM points elsewhere (the test that a layer ends without it). */
const CHROMIUM = process.env.GRANITE_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const sessions = new Set();

export function codeServerDir() {
  const cache = process.env.XDG_CACHE_HOME || join(process.env.HOME || tmpdir(), '.cache');
  return process.env.GRANITE_CODE_SERVER_DIR || join(cache, 'granite-analytics', `code-server-${CODE_SERVER_VERSION}`);
}

/** Runs scripts/install-code-server.sh (instant when already installed); returns code-server's entry.js. */
export function ensureCodeServer() {
  const dir = codeServerDir();
  if (!existsSync(join(dir, '.installed'))) {
    const r = spawnSync('bash', [join(repoRoot, 'scripts', 'install-code-server.sh')], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('code-server is not installed (scripts/install-code-server.sh failed)');
  }
  return join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** A TCP port that is free on 127.0.0.1 right now. */
export const freePort = () =>
  new Promise((res, rej) => {
    const srv = createServer().once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });

/**
 * Starts code-server + Chromium. Options:
 *   workspaceDir       folder to open (default: an empty `ws/` in the session's temp dir)
 *   userSettings       extra user settings merged over the harness defaults
 *   env                extra environment for code-server and so the extension host (e.g. GRANITE_API_KEY)
 *   payloadTests       absolute path of the mocha entry without `.js` (test mode); omit for a demo session
 *   extensionDevelopmentPath  default: the repo root (ignored with `vsix`)
 *   vsix               install this packaged extension instead of loading the repo (the demo)
 *   port               code-server's port (default: a free one)
 *   browser            false: start no Chromium (a person opens `url` in their own browser)
 *   screenshotDir      default: test-artifacts/screenshots
 *   onLog(line)        extension host log lines in test mode (default: printed to stdout)
 *   viewport           default 1400x900
 * Returns { url, controlUrl, page, browser, tmpDir, userSettingsPath, exitCode: Promise<number>, stop() }.
 */
export async function startCodeServerSession(opts = {}) {
  const t0 = Date.now();
  const entry = ensureCodeServer();
  const tmpDir = mkdtempSync(join(tmpdir(), 'granite-vscode-'));
  const state = { tmpDir, child: undefined, browser: undefined, control: undefined, stopping: undefined };
  const session = { tmpDir, stop: () => (state.stopping ??= stopSession(state, session)) };
  const onExit = () => killSync(state); // last resort if the process exits without stop()
  session.onExit = onExit;
  process.once('exit', onExit);
  sessions.add(session);
  try {
    await startInto(session, state, entry, opts, t0);
    return session;
  } catch (err) {
    await session.stop();
    throw err;
  }
}

async function startInto(session, state, entry, opts, t0) {
  const { tmpDir } = state;
  const dirs = Object.fromEntries(
    ['ud/User', 'ext', 'ws', 'chrome', 'xdg/config', 'xdg/data', 'xdg/cache'].map((d) => [d, join(tmpDir, d)]),
  );
  Object.values(dirs).forEach((d) => mkdirSync(d, { recursive: true }));
  const workspaceDir = resolve(opts.workspaceDir ?? dirs.ws);
  const screenshotDir = resolve(opts.screenshotDir ?? join(repoRoot, 'test-artifacts', 'screenshots'));
  writeFileSync(join(tmpDir, 'config.yaml'), 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  session.userSettingsPath = join(dirs['ud/User'], 'settings.json');
  writeFileSync(
    session.userSettingsPath,
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'security.workspace.trust.enabled': false,
        ...opts.userSettings,
      },
      null,
      2,
    ),
  );

  // Control channel first: its URL must be in code-server's env, which the extension host inherits.
  let screenshotPage;
  state.control = await startControlServer({
    getPage: () => screenshotPage,
    getBrowser: () => state.browser,
    screenshotDir,
  });
  session.controlUrl = state.control.url;

  if (opts.vsix) {
    const installed = spawnSync(
      process.execPath,
      [
        entry,
        '--user-data-dir',
        join(tmpDir, 'ud'),
        '--extensions-dir',
        dirs.ext,
        '--install-extension',
        resolve(opts.vsix),
      ],
      { encoding: 'utf8', env: { ...process.env, EXTENSIONS_GALLERY: '{}' } },
    );
    if (installed.status !== 0)
      throw new Error(`installing ${opts.vsix} failed:\n${installed.stdout}${installed.stderr}`);
  }
  const port = opts.port ?? (await freePort());
  const authority = `127.0.0.1:${port}`;
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('VSCODE_') && k !== 'ELECTRON_RUN_AS_NODE'),
  );
  Object.assign(env, {
    EXTENSIONS_GALLERY: '{}', // no gallery: avoids a noisy failing Open VSX lookup
    XDG_CONFIG_HOME: dirs['xdg/config'],
    XDG_DATA_HOME: dirs['xdg/data'],
    XDG_CACHE_HOME: dirs['xdg/cache'],
    GRANITE_TEST_CONTROL_URL: state.control.url,
    ...opts.env,
  });
  const stopped = () => {
    if (state.stopping) throw new Error('the session was stopped while starting');
  };
  stopped();
  const logTail = [];
  const keep = (buf) => {
    logTail.push(...String(buf).split('\n').filter(Boolean));
    logTail.splice(0, logTail.length - 60);
  };
  // Own process group (detached) so stop() can kill code-server and every extension host it forked.
  state.child = spawn(
    process.execPath,
    [
      entry,
      '--config',
      join(tmpDir, 'config.yaml'),
      '--bind-addr',
      authority,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      // Workspace trust stays off unless the user settings turn it on (the untrusted run of the settings hijack).
      ...(opts.userSettings?.['security.workspace.trust.enabled'] === true ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--user-data-dir',
      join(tmpDir, 'ud'),
      '--extensions-dir',
      dirs.ext,
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  state.child.stdout.on('data', keep);
  state.child.stderr.on('data', keep);
  const childExited = new Promise((r) =>
    state.child.once('exit', (code, sig) => r(`code-server exited (${sig ?? code})`)),
  );
  if (process.env.GRANITE_IT_VERBOSE) {
    state.child.stdout.pipe(process.stderr);
    state.child.stderr.pipe(process.stderr);
  }

  let dead;
  childExited.then((why) => {
    dead = why;
  });
  await poll(
    async () => {
      if (dead) throw new Error(`${dead} before it was ready:\n${logTail.join('\n')}`);
      try {
        return (await globalThis.fetch(`http://${authority}/healthz`)).ok || undefined;
      } catch {
        return undefined;
      }
    },
    60_000,
    'code-server /healthz',
  );
  session.timings = { codeServerReadyMs: Date.now() - t0 };
  const remote = (p) => `vscode-remote://${authority}${p}`;
  const payload = [['skipWelcome', 'true']];
  if (!opts.vsix)
    payload.push(['extensionDevelopmentPath', remote(resolve(opts.extensionDevelopmentPath ?? repoRoot))]);
  if (opts.payloadTests) payload.push(['extensionTestsPath', remote(resolve(opts.payloadTests))]);
  session.url = `http://${authority}/?folder=${encodeURIComponent(workspaceDir)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  if (opts.browser === false) {
    session.exitCode = childExited.then((why) => {
      if (!state.stopping) console.error(`[harness] ${why}`);
      return 1;
    });
    return;
  }

  state.browserLaunch = chromium.launchPersistentContext(dirs.chrome, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    // Keeps Chromium's crash-report database and dconf cache out of the user's home.
    env: { ...process.env, HOME: tmpDir, XDG_CONFIG_HOME: dirs['xdg/config'], XDG_CACHE_HOME: dirs['xdg/cache'] },
    viewport: opts.viewport ?? { width: 1400, height: 900 },
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false, // our stop() closes it in order
  });
  state.browser = await state.browserLaunch;
  if (state.stopping) await state.browser.close(); // stop() ran while Chromium was launching
  stopped();
  const page = state.browser.pages()[0] ?? (await state.browser.newPage());
  screenshotPage = page;
  Object.assign(session, { page, browser: state.browser });

  let resolveExit;
  session.exitCode = new Promise((r) => {
    resolveExit = r;
  });
  childExited.then((why) => {
    if (!state.stopping) {
      console.error(`[harness] ${why} unexpectedly`);
      resolveExit(1);
    }
  });
  // Webviews are frames of this page, so their uncaught errors arrive here too; tests fail on them.
  page.on('pageerror', (error) => state.control.recordPageError(error));
  page.once('crash', () => {
    console.error('[harness] the workbench page crashed');
    resolveExit(1);
  });
  state.browser.once('close', () => {
    if (!state.stopping) {
      console.error('[harness] Chromium closed unexpectedly');
      resolveExit(1);
    }
  });
  const onLog = opts.onLog ?? ((line) => process.stdout.write(`${line}\n`));
  // Both must exist before goto: the workbench looks them up once at startup.
  await page.exposeFunction('codeAutomationLog', (_type, args) => {
    for (const line of format(...(Array.isArray(args) ? args : [args]))
      .replace(/\n$/, '')
      .split('\n')) {
      const shot = /^\[screenshot\] ([\w.-]+)/.exec(line);
      if (shot) state.control.markerScreenshot(shot[1]);
      onLog(line);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  if (process.env.GRANITE_IT_VERBOSE) page.on('console', (m) => console.error(`[page] ${m.text()}`));

  await page.goto(session.url, { waitUntil: 'domcontentloaded' });
  if (!opts.payloadTests) await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  session.timings.pageLoadedMs = Date.now() - t0;
}

async function stopSession(state, session) {
  sessions.delete(session);
  const steps = [
    async () => (state.browser ?? (await state.browserLaunch?.catch(() => undefined)))?.close(), // also mid-launch
    () => state.control?.close(),
    () => killGroup(state.child),
  ];
  for (const step of steps) {
    try {
      await step();
    } catch (err) {
      console.error(`[harness] cleanup: ${err.message}`);
    }
  }
  try {
    rmSync(state.tmpDir, { recursive: true, force: true, maxRetries: 3 });
    process.removeListener('exit', session.onExit);
  } catch (err) {
    console.error(`[harness] cleanup: ${err.message} (retried at exit)`);
  }
}

/** SIGTERM the whole group, wait (polling) for the leader, then SIGKILL whatever is left in the group. */
async function killGroup(child) {
  if (!child?.pid) return;
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
      return true;
    } catch {
      return false;
    }
  };
  if (child.exitCode === null && child.signalCode === null) {
    signal('SIGTERM');
    await poll(
      () => (child.exitCode !== null || child.signalCode !== null ? true : undefined),
      5_000,
      'code-server to exit',
    ).catch(() => undefined);
  }
  signal('SIGKILL');
  await poll(() => (signal(0) ? undefined : true), 5_000, 'code-server process group to exit').catch(() => undefined);
}

function killSync(state) {
  try {
    if (state.child?.pid) process.kill(-state.child.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  try {
    rmSync(state.tmpDir, { recursive: true, force: true });
  } catch {
    /* best effort */
  }
}

/** Stops every session still running (also ones still starting), e.g. from a SIGINT handler. */
export async function stopAllSessions() {
  await Promise.all([...sessions].map((s) => s.stop()));
}
