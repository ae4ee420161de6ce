/**
 * Bundle shape and budgets (sizes are deterministic, so this one is a test): `npm test` builds first, then
 * fails here when a bundle grows past its budget, the host is split again, a src/ module is bundled twice
 * into the host, or the webview picks up host-only third-party code (zod). Figures come from esbuild's
 * metafiles.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const kb = 1024;

interface Metafile {
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}

function metafile(name: string): Metafile {
  const metaFile = resolve(root, `dist/${name}.meta.json`);
  assert.ok(existsSync(metaFile), `dist/${name}.meta.json is missing: run npm run build first`);
  return JSON.parse(readFileSync(metaFile, 'utf8')) as Metafile;
}

/** Each script a build wrote (source maps left out), with the inputs bundled into it. */
function scriptOutputs(name: string): [string, string[]][] {
  return Object.entries(metafile(name).outputs)
    .filter(([file]) => file.endsWith('.js'))
    .map(([file, output]) => [file, Object.keys(output.inputs)]);
}

/** The npm packages bundled into a build (`node_modules/@scope/name/…` → `@scope/name`). */
function packagesIn(name: 'extension' | 'webview' | 'runView'): Set<string> {
  const packages = scriptOutputs(name)
    .flatMap(([, inputs]) => inputs)
    .map((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1])
    .filter((p): p is string => p !== undefined);
  return new Set(packages);
}

function outputBytes(name: 'extension' | 'webview' | 'runView'): number {
  const output = metafile(name).outputs[`dist/${name}.js`];
  assert.ok(output, `no dist/${name}.js in the metafile`);
  return output.bytes;
}

describe('bundle budgets', () => {
  // One host bundle: splitting it saved no measurable activation time (docs/performance.md) and cost
  // duplicated modules, two loaders and an import cycle. 250 KB leaves room for the coming features.
  it('the extension host is one bundle, dist/extension.js, within 250 KB', () => {
    const scripts = readdirSync(resolve(root, 'dist'))
      .filter((f) => f.endsWith('.js'))
      .sort();
    assert.deepEqual(
      scripts,
      ['extension.js', 'runView.js', 'webview.js'],
      'dist/ holds the host bundle and the two webview bundles (dashboard, run view) only',
    );
    const bytes = outputBytes('extension');
    assert.ok(bytes <= 250 * kb, `dist/extension.js is ${(bytes / kb).toFixed(1)} KB`);
    const code = readFileSync(resolve(root, 'dist/extension.js'), 'utf8');
    assert.doesNotMatch(
      code,
      /require\((["'])\.\.?\//,
      'dist/extension.js requires nothing relative: no sibling bundle is loaded lazily',
    );
  });

  it('the webview bundle carries no validator: zod stays in the host (the protocol builds its schema lazily)', () => {
    const meta = JSON.parse(readFileSync(resolve(root, 'dist/webview.meta.json'), 'utf8')) as {
      outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
    };
    // The modules that left code in the bundle (esbuild also lists those it parsed and shook out entirely).
    const kept = Object.entries(meta.outputs['dist/webview.js']?.inputs ?? {})
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([file]) => file);
    assert.ok(
      kept.some((f) => f.endsWith('src/dashboard/protocol.ts')),
      'the webview uses the shared protocol',
    );
    assert.deepEqual(
      kept.filter((f) => f.includes('/zod/')),
      [],
      'no zod module in dist/webview.js',
    );
  });

  it('everything the webview loads (dist/webview.js and its CSS) stays within 400 KB', () => {
    const css = ['media/dashboard.css', 'media/codicon.css']
      .filter((f) => existsSync(resolve(root, f)))
      .map((f) => statSync(resolve(root, f)).size);
    const bytes = outputBytes('webview') + css.reduce((a, b) => a + b, 0);
    assert.ok(bytes <= 400 * kb, `webview.js + CSS is ${(bytes / kb).toFixed(1)} KB`);
  });
});

describe('run view bundle', () => {
  // Its own bundle (issue 15): opening a run parses no chart code. 80 KB for dist/runView.js and its CSS
  // is about three times what it weighs now (26 KB + 7 KB), room for Run Again's editor and more tabs
  // while staying a fifth of the dashboard's 400 KB.
  it('dist/runView.js and its CSS stay within 80 KB, without chart.js or zod', () => {
    const css = statSync(resolve(root, 'media/runView.css')).size;
    const bytes = outputBytes('runView') + css;
    console.log(`[figure] dist/runView.js + media/runView.css: ${(bytes / kb).toFixed(1)} KB`);
    assert.ok(bytes <= 80 * kb, `runView.js + CSS is ${(bytes / kb).toFixed(1)} KB`);
    const packages = packagesIn('runView');
    assert.ok(!packages.has('chart.js'), 'no chart.js in the run view');
    assert.ok(!packages.has('zod'), 'no zod in the run view');
    const kept = Object.entries(metafile('runView').outputs['dist/runView.js']?.inputs ?? {})
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([file]) => file);
    assert.ok(
      kept.some((f) => f.endsWith('src/runs/runViewProtocol.ts')),
      'the run view uses the shared protocol',
    );
    assert.deepEqual(
      kept.filter((f) => f.includes('/zod/') || f.includes('chart.js')),
      [],
    );
  });
});

describe('bundle contents', () => {
  // Two copies of a module are two copies of its state (a translator, a registry) that can disagree.
  it('each src/ module is in exactly one host bundle', () => {
    // Every build but the webview's is a host bundle: read them all, so a sibling bundle brought back
    // (with a copy of the modules it shares) is caught here, not only by the file list above.
    const hostBuilds = readdirSync(resolve(root, 'dist'))
      .filter((f) => f.endsWith('.meta.json') && f !== 'webview.meta.json' && f !== 'runView.meta.json')
      .map((f) => f.slice(0, -'.meta.json'.length));
    const outputs = hostBuilds.flatMap((name) => scriptOutputs(name));
    const copies = new Map<string, string[]>();
    for (const [file, inputs] of outputs) {
      for (const input of inputs.filter((i) => i.startsWith('src/')))
        copies.set(input, [...(copies.get(input) ?? []), file]);
    }
    assert.ok(copies.size > 20, `the host's src/ modules were found in dist/extension.meta.json (${copies.size})`);
    const repeated = [...copies]
      .filter(([, files]) => files.length > 1)
      .map(([input, files]) => `${input} in ${files.join(', ')}`);
    assert.deepEqual(repeated, [], 'src/ modules bundled into more than one host bundle');
  });

  // The webview is another runtime and shares the pure core by design; third-party code should not
  // repeat, and zod (the host's validation of what the webview sends) has no place in the webview.
  it('third-party code shared by the host and the webview is listed, and zod is not in the webview', () => {
    const host = packagesIn('extension');
    const webview = packagesIn('webview');
    assert.ok(host.has('zod'), 'the host bundles zod (the metafile was read)');
    assert.ok(!webview.has('zod'), 'zod is not bundled into the webview');
    const shared = [...host].filter((p) => webview.has(p)).sort();
    const sharedSrc = new Set(
      scriptOutputs('webview')
        .flatMap(([, inputs]) => inputs)
        .filter((i) => i.startsWith('src/')),
    );
    console.log(
      `[figure] third-party packages in both the host and the webview bundle: ${shared.length ? shared.join(', ') : 'none'}; src/ modules shared with the webview: ${sharedSrc.size}`,
    );
  });
});
