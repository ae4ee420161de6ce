/**
 * Starting and stopping: stop() must leave nothing behind (a process using the simulator exits on
 * its own), and the CLI serves until SIGINT/SIGTERM, then stops cleanly.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { parseCli } from '../../simulator/cli';
import { startSimulator } from '../../simulator/server';

const simulatorDir = resolve(__dirname, '../../simulator');

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function collect(
  child: ChildProcessWithoutNullStreams,
  timeoutMs: number,
): { output: () => string; exited: Promise<Exit> } {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Exit>((resolveExit, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child did not exit within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolveExit({ code, signal, stdout, stderr });
    });
  });
  return { output: () => stdout, exited };
}

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('simulator lifecycle', function () {
  this.timeout(20_000);

  it('stop() closes keep-alive and in-flight connections and timers: a process exits by itself', async () => {
    // No process.exit() in the script: it only ends if nothing is left open.
    const script = `
      const { startSimulator } = require(${JSON.stringify(resolve(simulatorDir, 'server.js'))});
      (async () => {
        const sim = await startSimulator({ seed: 1, workflows: 3, days: 2, executions: 200 });
        const headers = { 'X-Granite-API-Key': sim.apiKey };
        await (await fetch(sim.url + '/api/me', { headers })).json();
        sim.faults.next({ kind: 'drip', chunkBytes: 8, intervalMs: 50 });
        const dripping = fetch(sim.url + '/api/analytics/batch', { method: 'POST', headers }).then((r) => r.text()).catch(() => 'cut');
        sim.faults.next({ kind: 'latency', ms: 60000 });
        const waiting = fetch(sim.url + '/api/analytics/batch', { method: 'POST', headers }).catch(() => 'cut');
        await new Promise((r) => setTimeout(r, 200));
        await sim.stop();
        await sim.stop();
        console.log('stopped', await dripping, String(await waiting));
      })().catch((e) => { console.error(e); process.exitCode = 1; });
    `;
    const child = spawn(process.execPath, ['-e', script]);
    const started = Date.now();
    const { exited } = collect(child, 10_000);
    const exit = await exited;
    assert.equal(exit.code, 0, exit.stderr);
    assert.match(exit.stdout, /^stopped cut cut/);
    assert.ok(Date.now() - started < 8_000);
  });

  it('after stop() the port refuses connections', async () => {
    const sim = await startSimulator({ seed: 2, workflows: 2, days: 1, executions: 10 });
    await sim.stop();
    await assert.rejects(fetch(`${sim.url}/api/me`));
  });
});

describe('simulator CLI', function () {
  this.timeout(20_000);
  const cli = resolve(simulatorDir, 'cli.js');

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`prints the URL and key, serves, and stops cleanly on ${signal}`, async () => {
      const child = spawn(process.execPath, [
        cli,
        '--port',
        '0',
        '--seed',
        '5',
        '--api-key',
        'gk_test_x',
        '--workflows',
        '3',
        '--days',
        '2',
        '--executions',
        '100',
        '--quota',
        '2',
      ]);
      const { output, exited } = collect(child, 15_000);
      await waitFor(() => /API key: /.test(output()), 10_000);
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output())?.[1];
      assert.ok(url, output());
      assert.notEqual(url.endsWith(':0'), true, 'a free port was picked');
      assert.match(output(), /^API key: gk_test_x$/m);
      const me = await fetch(`${url}/api/me`, { headers: { 'X-Granite-API-Key': 'gk_test_x' } });
      assert.equal(me.status, 200);
      await me.text();
      const workflows = (await (
        await fetch(`${url}/api/analytics/workflows`, { headers: { 'X-Granite-API-Key': 'gk_test_x' } })
      ).json()) as { workflows: string[] };
      assert.equal(workflows.workflows.length, 3);
      assert.equal(
        (await fetch(`${url}/api/me`, { headers: { 'X-Granite-API-Key': 'gk_test_x' } })).status,
        429,
        '--quota 2',
      );
      child.kill(signal);
      const exit = await exited;
      assert.equal(exit.code, 0, exit.stderr);
      assert.match(exit.stdout, new RegExp(`Simulator stopped \\(${signal}\\)`));
    });
  }

  it('refuses a bad option with a message and a non-zero exit', async () => {
    const child = spawn(process.execPath, [cli, '--port', 'abc']);
    const exit = await collect(child, 10_000).exited;
    assert.notEqual(exit.code, 0);
    assert.match(exit.stderr, /--port must be a non-negative integer/);
  });

  it('parses every option; a bare --faults means a 20 % fault rate', () => {
    assert.deepEqual(
      parseCli([
        '--port',
        '0',
        '--seed',
        '7',
        '--api-key',
        'k',
        '--workflows',
        '4',
        '--days',
        '3',
        '--executions',
        '50',
        '--large',
        '--lift-limits',
        '--quota',
        '9',
        '--faults',
      ]),
      {
        port: 0,
        seed: 7,
        apiKey: 'k',
        workflows: 4,
        days: 3,
        executions: 50,
        liftLimits: true,
        quota: 9,
        randomFaults: 0.2,
        large: true,
      },
    );
    assert.equal(parseCli(['--faults', '0.5']).randomFaults, 0.5);
    assert.equal(parseCli(['--faults', '--seed', '1']).randomFaults, 0.2);
    const defaults = parseCli([]);
    assert.deepEqual(
      [defaults.port, defaults.seed, defaults.randomFaults, defaults.large],
      [8787, 42, undefined, false],
    );
    assert.throws(() => parseCli(['--faults', '2']), /between 0 and 1/);
    assert.throws(() => parseCli(['--bogus']));
  });
});
