#!/usr/bin/env node
// `npm test`: every layer in order — typecheck, lint, build, unit tests (plain Node), webview tests
// (Debian Chromium), integration tests (real VS Code in code-server) — streaming their output, then one
// closing line with the totals, "N passed, N failed", that CI reads. Stops at the first step that fails.
import { spawn } from 'node:child_process';

const steps = [
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['build', 'npm', ['run', '--silent', 'build']],
  ['unit', 'npm', ['run', '--silent', 'test:unit']],
  ['webview', 'npm', ['run', '--silent', 'test:webview']],
  ['integration', 'npm', ['run', '--silent', 'test:integration']],
];

const totals = { passed: 0, failed: 0 };
const summary = /^(\d+) passed, (\d+) failed/;

function run(name, command, args) {
  return new Promise((resolve) => {
    console.log(`\n=== ${name} ===`);
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let pending = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const m = summary.exec(line.trim());
        if (m) {
          totals.passed += Number(m[1]);
          totals.failed += Number(m[2]);
        }
      }
    });
    child.on('close', (code) => resolve(code ?? 1));
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
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(exitCode);
