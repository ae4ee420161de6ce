#!/usr/bin/env node
// Offline integration-test runner (`npm run test:integration`): runs out/test/integration/index.js inside
// a real VS Code extension host (code-server 4.100.3 in headless Chromium) and exits 0 only if it passed.
//   node scripts/run-vscode-tests.mjs [--free-port NAME]... [--env KEY=VALUE]... [--setting key=<json or text>]...
// Env: GRANITE_IT_TIMEOUT_MS (default 600000), GRANITE_IT_GREP (mocha grep), GRANITE_IT_VERBOSE=1,
//      GRANITE_CODE_SERVER_DIR (install location). The process environment is passed to the extension host.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout } from 'node:timers';
import { freePort, repoRoot, startCodeServerSession, stopAllSessions } from './vscode-harness.mjs';

const t0 = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

const USAGE =
  'usage: run-vscode-tests.mjs [--free-port NAME]... [--env KEY=VALUE]... [--setting key=<json or text>]...';

/**
 * --free-port NAME picks a free 127.0.0.1 port, passes it as env NAME and substitutes `${NAME}` in later
 * --env/--setting values (single-quote them in package.json so the shell leaves `${...}` alone).
 */
async function parseArgs(argv) {
  const env = {};
  const userSettings = {};
  const ports = {};
  const expand = (v) => v.replace(/\$\{(\w+)\}/g, (m, name) => ports[name] ?? m);
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, arg] = [argv[i], argv[i + 1] ?? ''];
    const eq = arg.indexOf('=');
    if (flag === '--free-port' && /^\w+$/.test(arg)) {
      ports[arg] = env[arg] = String(await freePort());
    } else if ((flag === '--env' || flag === '--setting') && eq > 0) {
      const [key, value] = [arg.slice(0, eq), expand(arg.slice(eq + 1))];
      if (flag === '--env') env[key] = value;
      else {
        try {
          userSettings[key] = JSON.parse(value);
        } catch {
          userSettings[key] = value;
        } // bare strings allowed
      }
    } else {
      throw new Error(`${USAGE} (at "${flag} ${arg}")`);
    }
  }
  return { env, userSettings };
}

/** Fails early with a clear message instead of a silent "extension not found" inside VS Code 1.100. */
function preflight() {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const main = join(repoRoot, pkg.main ?? 'dist/extension.js');
  if (!existsSync(main)) throw new Error(`${pkg.main} is missing: run \`npm run build\` first`);
  const index = join(repoRoot, 'out', 'test', 'integration', 'index.js');
  if (!existsSync(index))
    throw new Error('out/test/integration/index.js is missing: run `npx tsc -p tsconfig.test.json` first');
  const m = /^\D*(\d+)\.(\d+)/.exec(pkg.engines?.vscode ?? '');
  if (m && (Number(m[1]) > 1 || Number(m[2]) > 100)) {
    throw new Error(
      `engines.vscode is ${pkg.engines.vscode}, but the test VS Code is 1.100.3: the extension would not load`,
    );
  }
  return index.replace(/\.js$/, '');
}

// Workbench start-up chatter that says nothing about the tests (all shown with GRANITE_IT_VERBOSE=1).
const NOISE = [
  /^Ignoring fetching additional builtin extensions/,
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket \(/,
  /^\[Service Worker\]/,
  /^ChatSessionStore: /,
  /^Updating additional builtin extensions cache/,
];
const onLog = (line) => {
  if (process.env.GRANITE_IT_VERBOSE || !NOISE.some((re) => re.test(line))) process.stdout.write(`${line}\n`);
};

let finishing;
async function finish(code, message) {
  if (finishing) return finishing;
  finishing = (async () => {
    if (message) console.error(message);
    await stopAllSessions();
    console.log(`[harness] ${code === 0 ? 'passed' : 'FAILED'} (exit ${code}) in ${secs(Date.now() - t0)}`);
    process.exit(code);
  })();
  return finishing;
}

process.once('SIGINT', () => finish(130, '[harness] interrupted (SIGINT); cleaning up'));
process.once('SIGTERM', () => finish(143, '[harness] terminated (SIGTERM); cleaning up'));
process.once('SIGHUP', () => finish(129, '[harness] hangup (SIGHUP); cleaning up'));

const timeoutMs = Number(process.env.GRANITE_IT_TIMEOUT_MS) || 600_000;
setTimeout(() => finish(1, `[harness] timed out after ${secs(timeoutMs)} (GRANITE_IT_TIMEOUT_MS)`), timeoutMs).unref();

try {
  const { env, userSettings } = await parseArgs(process.argv.slice(2));
  const payloadTests = preflight();
  const session = await startCodeServerSession({ payloadTests, env, userSettings, onLog });
  console.log(
    `[harness] code-server ready in ${secs(session.timings.codeServerReadyMs)}, workbench opened in ${secs(session.timings.pageLoadedMs)}`,
  );
  const code = await session.exitCode;
  await finish(code === 0 ? 0 : 1, code === 0 ? undefined : `[harness] extension tests reported exit code ${code}`);
} catch (err) {
  await finish(1, `[harness] ${err?.message ?? err}`);
}
