/**
 * Bundle budgets (sizes are deterministic, so this one is a test): `npm test` builds first, then fails
 * here when a bundle grows past its budget. Figures come from esbuild's metafiles.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const kb = 1024;

function outputBytes(name: 'extension' | 'webview'): number {
  const metaFile = resolve(root, `dist/${name}.meta.json`);
  assert.ok(existsSync(metaFile), `dist/${name}.meta.json is missing: run npm run build first`);
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { outputs: Record<string, { bytes: number }> };
  const output = meta.outputs[`dist/${name}.js`];
  assert.ok(output, `no dist/${name}.js in the metafile`);
  return output.bytes;
}

describe('bundle budgets', () => {
  // 102 KB: the identity rule, the vscode-free host classes and rates from counts added about 3 KB to what
  // activation loads. The size is a proxy for activation time, to be replaced by a measured start-up figure.
  it('dist/extension.js stays within 102 KB', () => {
    const bytes = outputBytes('extension');
    assert.ok(bytes <= 102 * kb, `dist/extension.js is ${(bytes / kb).toFixed(1)} KB`);
  });

  it('everything the webview loads (dist/webview.js and its CSS) stays within 400 KB', () => {
    const css = ['media/dashboard.css', 'media/codicon.css'].filter((f) => existsSync(resolve(root, f))).map((f) => statSync(resolve(root, f)).size);
    const bytes = outputBytes('webview') + css.reduce((a, b) => a + b, 0);
    assert.ok(bytes <= 400 * kb, `webview.js + CSS is ${(bytes / kb).toFixed(1)} KB`);
  });
});
