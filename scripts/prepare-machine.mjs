#!/usr/bin/env node
// Makes this machine ready for `npm test`, `npm run demo` or `npm run bench`, so the README's commands
// work alone on a machine with only Node.js 20 and npm. As root (as CI runs) it installs the Debian
// packages that are missing; as another user it stops at once with the one `sudo apt-get install` line to
// run. Then it installs code-server into the user's cache (scripts/install-code-server.sh). Instant when
// everything is there. See docs/testing-in-vscode.md.
//   node scripts/prepare-machine.mjs test|demo|bench [--screenshots] [--no-vscode]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeServerDir } from './vscode-harness.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Every Debian package a command may need, and why (printed when it is installed). */
const why = {
  chromium: 'the webview and VS Code tests run in it',
  'libkrb5-dev': "code-server's kerberos addon compiles against it",
  openssl: 'the TLS-failure test makes a self-signed certificate',
  'fonts-noto-cjk': 'screenshots show CJK names',
  'fonts-noto-color-emoji': 'screenshots show emoji',
};

/** What each command needs: Debian packages, and whether code-server must be installed. */
function needs(command, flags) {
  const vscode = !(command === 'bench' && flags.has('--no-vscode'));
  const packages = {
    test: ['openssl', 'chromium', 'fonts-noto-cjk', 'fonts-noto-color-emoji'],
    demo: flags.has('--screenshots') ? ['chromium', 'fonts-noto-cjk', 'fonts-noto-color-emoji'] : [],
    bench: ['chromium'],
  }[command];
  if (!packages) throw new Error(`unknown command "${command}" (test, demo or bench)`);
  // The headers matter only while code-server still has to be built.
  const codeServerMissing = vscode && !existsSync(join(codeServerDir(), '.installed'));
  return { packages: codeServerMissing ? [...packages, 'libkrb5-dev'] : packages, codeServer: vscode };
}

function installed(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function apt(args) {
  const r = spawnSync('apt-get', args, {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.status !== 0) {
    console.error(
      `apt-get ${args.join(' ')} failed (exit ${r.status}):\n${`${r.stdout}${r.stderr}`.split('\n').slice(-30).join('\n')}`,
    );
    process.exit(1);
  }
}

function ensurePackages(packages) {
  const missing = packages.filter((p) => !installed(p));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    const line = `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`;
    console.error(`Missing Debian packages: ${missing.map((p) => `${p} (${why[p]})`).join(', ')}. Run:\n  ${line}`);
    process.exit(1);
  }
  const started = Date.now();
  console.log(
    `Installing Debian packages ${missing.join(', ')} (${missing.map((p) => why[p]).join('; ')}) with apt-get, about 1–2 min…`,
  );
  apt(['update', '-qq']);
  apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
  console.log(`Installed in ${Math.round((Date.now() - started) / 1000)} s.`);
}

function ensureCodeServer() {
  const r = spawnSync('bash', [join(repoRoot, 'scripts', 'install-code-server.sh')], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const [command, ...rest] = process.argv.slice(2);
const plan = needs(command, new Set(rest));
ensurePackages(plan.packages);
if (plan.codeServer) ensureCodeServer();
