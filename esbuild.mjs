// Builds the three bundles: dist/extension.js (the extension host: Node, CommonJS, `vscode` external; one
// bundle, no lazily loaded siblings, see docs/performance.md), dist/webview.js (the dashboard) and dist/runView.js (the run view), both browser bundles. `--production` minifies; source maps are always written (as separate .map files, which the
// .vsix leaves out). `--watch` rebuilds on change. Each build writes esbuild's metafile next to it
// (dist/<name>.meta.json) so bundle sizes can be reported and budgeted.
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints start/end lines in the format of the `$esbuild-watch` problem matcher. */
const problemMatcherPlugin = (name) => ({
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log(`[watch] build started (${name})`);
    });
    build.onEnd(async (result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (result.metafile) await writeFile(`dist/${name}.meta.json`, JSON.stringify(result.metafile));
      if (watch) console.log(`[watch] build finished (${name})`);
    });
  },
});

const common = {
  bundle: true,
  minify: production,
  sourcemap: true,
  sourcesContent: false,
  metafile: true,
  legalComments: production ? 'none' : 'inline',
  // UTF-8 output keeps "—" and "…" as 3 bytes instead of 6-byte \u escapes.
  charset: 'utf8',
  logLevel: watch ? 'silent' : 'warning',
  define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
};

const targets = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    // Activation is timed from the bundle's first line to `activate` returning (src/extension.ts).
    banner: { js: '"use strict";var __graniteBundleStart = performance.now();' },
    footer: { js: 'var __graniteBundleEvaluated = performance.now();' },
    plugins: [problemMatcherPlugin('extension')],
  },
  {
    ...common,
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'esm',
    target: 'chrome120',
    plugins: [problemMatcherPlugin('webview')],
  },
  // The run view's own bundle: it needs none of chart.js, so opening a run parses no chart code.
  {
    ...common,
    entryPoints: ['webview/runView/main.ts'],
    outfile: 'dist/runView.js',
    platform: 'browser',
    format: 'esm',
    target: 'chrome120',
    plugins: [problemMatcherPlugin('runView')],
  },
];

// A clean dist/ each build: a bundle left from an older shape would be packaged and tested.
if (!watch) await rm('dist', { recursive: true, force: true });
await mkdir('dist', { recursive: true });
// The codicon font and its CSS are served to the webview from media/ (its only other local root is dist/).
for (const file of ['codicon.css', 'codicon.ttf'])
  await copyFile(`node_modules/@vscode/codicons/dist/${file}`, `media/${file}`);
if (watch) {
  for (const options of targets) await (await esbuild.context(options)).watch();
} else {
  const results = await Promise.all(targets.map((options) => esbuild.build(options)));
  for (const result of results) {
    const outputs = Object.entries(result.metafile.outputs).filter(([file]) => !file.endsWith('.map'));
    for (const [file, { bytes }] of outputs)
      console.log(`${file.padEnd(22)} ${(bytes / 1024).toFixed(1).padStart(7)} KB`);
  }
}
