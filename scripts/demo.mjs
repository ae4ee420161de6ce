#!/usr/bin/env node
// `npm run demo`: the extension for real, with no Granite account. Builds and packages the .vsix, starts
// the Granite API simulator on 127.0.0.1 with seeded data, starts code-server (the install the tests use)
// with the .vsix installed, `granite.apiBaseUrl` pointing at the simulator and the simulator's key in
// GRANITE_API_KEY, and prints the URL to open. Ctrl-C stops everything it started.
//   --port N (code-server's port, default 8080)  --seed N  --large  --faults
//   --screenshots DIR  headless: write the README's PNGs to DIR, then stop
//   --desktop          launch a local VS Code (`code`) on the repo instead of code-server
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { repoRoot, startCodeServerSession, stopAllSessions } from './vscode-harness.mjs';
import { takeScreenshots } from './demo-screenshots.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const value = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const port = Number(value('port', '8080'));
const seed = Number(value('seed', '42'));
const screenshots = value('screenshots', undefined);

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed`);
}

// code-server (and Chromium for --screenshots): installed first, so `npm run demo` alone works.
run(process.execPath, ['scripts/prepare-machine.mjs', 'demo', ...(screenshots ? ['--screenshots'] : [])]);
console.log('Building and packaging the extension…');
run('npm', ['run', '--silent', 'package']);
run('npm', ['run', '--silent', 'compile-tests']);

const { startSimulator } = await import(resolve(repoRoot, 'out/test/simulator/server.js'));
const { generateDataset, largeDatasetOptions } = await import(resolve(repoRoot, 'out/test/simulator/generator.js'));
const dataset = flag('large') ? generateDataset({ seed, now: Date.now(), ...largeDatasetOptions }) : undefined;
const simulator = await startSimulator({ seed, dataset, quota: 1000, randomFaults: flag('faults') ? 0.2 : 0 });
const settings = { 'granite.apiBaseUrl': simulator.url, 'workbench.colorTheme': 'Default Dark Modern' };
const env = { GRANITE_API_KEY: simulator.apiKey };

let stopping;
const stop = async (code = 0) => {
  stopping ??= (async () => {
    await stopAllSessions();
    await simulator.stop();
    console.log('Stopped the simulator and VS Code.');
    process.exit(code);
  })();
  return stopping;
};
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

if (flag('desktop')) {
  const userData = mkdtempSync(join(tmpdir(), 'granite-demo-'));
  writeFileSync(join(userData, 'settings.json'), JSON.stringify(settings));
  const code = spawn(
    'code',
    ['--new-window', `--extensionDevelopmentPath=${repoRoot}`, `--user-data-dir=${userData}`, '--wait'],
    { stdio: 'inherit', env: { ...process.env, ...env } },
  );
  code.on('error', () => {
    console.error('`code` is not on the PATH: install VS Code, or run `npm run demo` without --desktop (code-server).');
    void stop(1);
  });
  code.on('exit', () => {
    rmSync(userData, { recursive: true, force: true });
    void stop(0);
  });
} else {
  const session = await startCodeServerSession({
    vsix: join(repoRoot, 'granite-analytics.vsix'),
    userSettings: settings,
    env,
    port,
    browser: !!screenshots,
  });
  console.log(
    `\nGranite API simulator: ${simulator.url} (key ${simulator.apiKey.slice(0, 10)}…, seed ${seed}${flag('large') ? ', large dataset' : ''}${flag('faults') ? ', random faults' : ''})`,
  );
  if (screenshots) {
    try {
      const files = await takeScreenshots(session, resolve(screenshots));
      console.log(`Screenshots:\n  ${files.join('\n  ')}`);
      await stop(0);
    } catch (error) {
      console.error(`Screenshots failed: ${error.stack ?? error}`);
      await stop(1);
    }
  } else {
    console.log(`\nOpen VS Code in your browser:\n\n  ${session.url}\n\nCtrl-C stops everything.`);
    process.exitCode = await session.exitCode;
    await stop(process.exitCode ?? 0);
  }
}
