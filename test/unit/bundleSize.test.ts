/**
 * Bundle shape and budgets (sizes are deterministic, so this one is a test): `npm test` builds first, then
 * fails here when a bundle grows past its budget or the host is split again. Figures come from esbuild's
 * metafiles.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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
  // One host bundle: splitting it saved no measurable activation time (docs/performance.md) and cost
  // duplicated modules, two loaders and an import cycle. 250 KB leaves room for the coming features.
  it('the extension host is one bundle, dist/extension.js, within 250 KB', () => {
    const scripts = readdirSync(resolve(root, 'dist')).filter((f) => f.endsWith('.js')).sort();
    assert.deepEqual(scripts, ['extension.js', 'webview.js'], 'dist/ holds the host bundle and the webview bundle only');
    const bytes = outputBytes('extension');
    assert.ok(bytes <= 250 * kb, `dist/extension.js is ${(bytes / kb).toFixed(1)} KB`);
    const code = readFileSync(resolve(root, 'dist/extension.js'), 'utf8');
    assert.doesNotMatch(code, /require\((["'])\.\.?\//, 'dist/extension.js requires nothing relative: no sibling bundle is loaded lazily');
  });

  it('the webview bundle carries no validator: zod stays in the host (the protocol builds its schema lazily)', () => {
    const meta = JSON.parse(readFileSync(resolve(root, 'dist/webview.meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
    // The modules that left code in the bundle (esbuild also lists those it parsed and shook out entirely).
    const kept = Object.entries(meta.outputs['dist/webview.js']?.inputs ?? {}).filter(([, input]) => input.bytesInOutput > 0).map(([file]) => file);
    assert.ok(kept.some((f) => f.endsWith('src/dashboard/protocol.ts')), 'the webview uses the shared protocol');
    assert.deepEqual(kept.filter((f) => f.includes('/zod/')), [], 'no zod module in dist/webview.js');
  });

  it('everything the webview loads (dist/webview.js and its CSS) stays within 400 KB', () => {
    const css = ['media/dashboard.css', 'media/codicon.css'].filter((f) => existsSync(resolve(root, f))).map((f) => statSync(resolve(root, f)).size);
    const bytes = outputBytes('webview') + css.reduce((a, b) => a + b, 0);
    assert.ok(bytes <= 400 * kb, `webview.js + CSS is ${(bytes / kb).toFixed(1)} KB`);
  });
});
