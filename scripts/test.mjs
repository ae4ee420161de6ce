#!/usr/bin/env node
// `npm test`: prepares the machine (Debian packages as root, code-server; see scripts/prepare-machine.mjs),
// then every layer in order — typecheck, lint, format (Prettier's check), structure (no import cycle,
// few files at the top of src/, no machine path), build, unit tests (plain Node), webview tests (Debian
// Chromium), integration tests (real VS Code in code-server) — streaming their output, then one closing
// line with the totals, "N passed, N failed, N skipped", that CI reads. Stops at the first step that fails.
import { spawn } from 'node:child_process';

const steps = [
  ['prepare', 'node', ['scripts/prepare-machine.mjs', 'test']],
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['format', 'npm', ['run', '--silent', 'format:check']],
  ['structure', 'npm', ['run', '--silent', 'check:structure']],
  ['build', 'npm', ['run', '--silent', 'build']],
  ['unit', 'npm', ['run', '--silent', 'test:unit']],
  ['webview', 'npm', ['run', '--silent', 'test:webview']],
  ['integration', 'npm', ['run', '--silent', 'test:integration']],
];

/**
 * A layer must end by itself once its tests have run: mocha waits for every socket, server and browser a
 * hook left open, so one that stays silent this long after a closing line (any output restarts the wait: the
 * integration layer runs two runners) leaked something. It is stopped and counted as failed, with the
 * reason, rather than hanging the run (mocha's `--exit` would hide the leak instead).
 */
const exitGraceMs = 120_000;

const totals = { passed: 0, failed: 0, skipped: 0 };
const summary = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/;

/** The layer running now: it has its own process group, so a Ctrl-C or CI's stop is passed on to it. */
let running;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    try {
      if (running) process.kill(-running.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    process.exit(1);
  });
}

function run(name, command, args) {
  return new Promise((resolve) => {
    console.log(`\n=== ${name} ===`);
    const started = Date.now();
    // Own process group, so a layer that does not end is stopped with everything it started.
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
    running = child;
    let pending = '';
    let watchdog;
    let hung = false;
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        hung = true;
        console.error(
          `\n${name}: silent ${exitGraceMs / 1000} s after its last test and still running — a server, socket or browser opened by a test or hook was never closed. Stopping it.`,
        );
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, exitGraceMs);
    };
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      if (watchdog) arm(); // output after a closing line (a second runner of the layer at work): the grace restarts
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        // Only a runner's own closing line, at the start of its line (not one quoted, indented, in a failure).
        const m = summary.exec(line.trimEnd());
        if (!m) continue;
        totals.passed += Number(m[1]);
        totals.failed += Number(m[2]);
        totals.skipped += Number(m[3] ?? 0);
        arm();
      }
    });
    child.on('close', (code) => {
      clearTimeout(watchdog);
      running = undefined;
      console.log(`(${name}: ${Math.round((Date.now() - started) / 1000)} s)`);
      resolve(hung ? 1 : (code ?? 1));
    });
  });
}

let exitCode = 0;
for (const [name, command, args] of steps) {
  const code = await run(name, command, args);
  if (code !== 0) {
    console.error(`\n${name} failed (exit ${code})`);
    exitCode = code;
    if (totals.failed === 0) totals.failed = 1; // a failed step counts even when it ran no test
    break;
  }
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);
