/**
 * The structure check (scripts/check-structure.mjs, a step of `npm test`) can fail: it is run here on small
 * trees written to a temporary folder — one with a runtime import cycle, one with a type-only cycle, one with
 * too many files at the top of src/ and a machine path — and on a clean one, which passes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const checker = resolve(__dirname, '../../../scripts/check-structure.mjs');

/** Writes `files` (path → text) under a fresh folder, runs the checker on it, removes the folder. */
function check(files: Record<string, string>): { status: number | null; output: string } {
  const root = mkdtempSync(join(tmpdir(), 'granite-structure-'));
  try {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    }
    const run = spawnSync(process.execPath, [checker, root], { encoding: 'utf8' });
    return { status: run.status, output: run.stdout + run.stderr };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const clean = {
  'src/extension.ts':
    "import { register } from './pins/pins.vscode';\nexport function activate(): void { register(); }\n",
  'src/pins/pins.vscode.ts':
    "import { type Pin, pinned } from './pins';\nexport function register(): Pin[] { return pinned([]); }\n",
  'src/pins/pins.ts': 'export interface Pin { name: string }\nexport const pinned = (pins: Pin[]): Pin[] => pins;\n',
  'webview/main.ts': "import type { Pin } from '../src/pins/pins';\nexport const pins: Pin[] = [];\n",
  'test/unit/pins.test.ts': "import { pinned } from '../../src/pins/pins';\nvoid pinned;\n",
};

describe('the structure check', function () {
  this.timeout(20_000);

  it('passes a tree without cycles, with few top-level files and no machine path', () => {
    const { status, output } = check(clean);
    assert.equal(status, 0, output);
    assert.match(output, /no import cycle/);
  });

  it('fails on a runtime import cycle and prints it as a path', () => {
    const { status, output } = check({
      ...clean,
      'src/pins/pins.ts':
        "import { log } from '../store/store';\nexport interface Pin { name: string }\nexport const pinned = (pins: Pin[]): Pin[] => (log(), pins);\n",
      'src/store/store.ts': "import { pinned } from '../pins/pins';\nexport const log = (): void => void pinned;\n",
    });
    assert.equal(status, 1, output);
    assert.match(output, /^import cycle: src\/pins\/pins\.ts → src\/store\/store\.ts → src\/pins\/pins\.ts$/m);
  });

  it('fails on a cycle made of type-only imports (import type, export type … from, import("…") types)', () => {
    const { status, output } = check({
      ...clean,
      'src/dashboard/protocol.ts':
        "import type { Envelope } from './hostMessage';\nexport interface HostMessage { envelope: Envelope }\n",
      'src/dashboard/hostMessage.ts':
        "export type { HostMessage } from './protocol';\nexport interface Envelope { kind: string }\n",
      'webview/host.ts': "export type Send = (m: import('./main').Message) => void;\n",
      'webview/main.ts': "import { type Send } from './host';\nexport interface Message { send?: Send }\n",
    });
    assert.equal(status, 1, output);
    assert.match(
      output,
      /^import cycle \(type-only\): src\/dashboard\/hostMessage\.ts ⇢ src\/dashboard\/protocol\.ts ⇢ src\/dashboard\/hostMessage\.ts$/m,
    );
    assert.match(output, /^import cycle \(type-only\): webview\/host\.ts ⇢ webview\/main\.ts ⇢ webview\/host\.ts$/m);
  });

  it('fails on a cycle through require() and a dynamic import()', () => {
    const { status, output } = check({
      ...clean,
      'test/a.js': "module.exports = () => require('./b.js');\n",
      'test/b.js': "module.exports = () => import('./a');\n",
    });
    assert.equal(status, 1, output);
    assert.match(output, /^import cycle: test\/a\.js → test\/b\.js → test\/a\.js$/m);
  });

  it('fails on more than 8 files at the top of src/ and on a machine path', () => {
    const loose = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`src/loose${i}.ts`, 'export {};\n']));
    // Built from parts so that this file holds no machine path itself.
    const home = ['', 'home', 'alice', 'granite'].join('/');
    const { status, output } = check({ ...clean, ...loose, 'docs/notes.md': `Run it from ${home}/repo.\n` });
    assert.equal(status, 1, output);
    assert.match(output, /9 files at the top of src\/ \(at most 8/);
    assert.match(output, /^machine path in docs\/notes\.md:1: /m);
  });
});
