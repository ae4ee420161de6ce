/**
 * A test layer whose browser cannot start must still end, red, and soon: a server or browser that a
 * `before` hook opened and nobody closed keeps mocha alive for ever (it once hung `npm test` for 49
 * minutes). Each layer that needs Chromium is run here with Chromium made unavailable (GRANITE_CHROMIUM
 * names a file that does not exist) and must exit non-zero within a minute.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../../..');
const bound = 60_000;

interface LayerRun {
  code: number | null;
  ms: number;
  output: string;
}

/** Runs an npm script with Chromium unavailable; kills it (and fails) if it outlives the bound. */
function runWithoutChromium(script: string): Promise<LayerRun> {
  return new Promise((done) => {
    const started = Date.now();
    const child = spawn('npm', ['run', '--silent', script], {
      cwd: repoRoot,
      env: { ...process.env, GRANITE_CHROMIUM: resolve(repoRoot, 'no-such-dir/chromium') },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const killer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, bound + 30_000);
    child.on('close', (code) => {
      clearTimeout(killer);
      done({ code, ms: Date.now() - started, output });
    });
  });
}

describe('test layers end when Chromium is unavailable', function () {
  this.timeout(bound + 60_000);

  it('the webview layer fails its suites and exits within a minute', async () => {
    assert.ok(existsSync(resolve(repoRoot, 'dist/webview.js')), 'build first (npm test does)');
    const run = await runWithoutChromium('test:webview');
    assert.ok(run.ms < bound, `ended after ${run.ms} ms:\n${run.output.slice(-2000)}`);
    assert.notEqual(run.code, 0, run.output.slice(-2000));
    const closing = /^(\d+) passed, (\d+) failed/m.exec(run.output);
    assert.ok(closing, `no closing line:\n${run.output.slice(-2000)}`);
    assert.ok(Number(closing[2]) > 0, closing[0]);
    assert.match(run.output, /no-such-dir\/chromium/);
  });

  it('the integration layer stops code-server and exits within a minute', async () => {
    const run = await runWithoutChromium('test:integration');
    assert.ok(run.ms < bound, `ended after ${run.ms} ms:\n${run.output.slice(-2000)}`);
    assert.notEqual(run.code, 0, run.output.slice(-2000));
    assert.match(run.output, /no-such-dir\/chromium/);
  });
});
