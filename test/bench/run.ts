/**
 * `npm run bench`: measured figures, not timed tests. Prints one table (median, min–max over several
 * runs) and, with `--json <file>`, writes the same rows as JSON. The machine is shared and noisy, so
 * ratios are taken against a baseline measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GraniteClient } from '../../src/core/api/client';
import { parseBatch } from '../../src/core/api/parseBatch';
import { buildWorkflowRows } from '../../src/workflows/workflowHealth';
import { startSimulator, type Simulator } from '../simulator/server';
import { generateDataset, largeDatasetOptions } from '../simulator/generator';
import { endToEndRows, heapGrowthRow, schedulerRows } from './hostBench';
import { sample, stats } from './measure';
import { benchVsCode } from './vscodeBench';
import { benchRunView } from './runViewBench';
import { benchWebview, type Row as WebviewRow } from './webviewBench';

type Row = WebviewRow;

const root = resolve(__dirname, '../../..');
const kb = 1024;

/** Sizes from esbuild's metafiles (deterministic), and the .vsix when one was packaged. */
function bundleRows(): Row[] {
  const size = (name: string) => {
    const meta = JSON.parse(readFileSync(resolve(root, `dist/${name}.meta.json`), 'utf8')) as {
      outputs: Record<string, { bytes: number }>;
    };
    return meta.outputs[`dist/${name}.js`]!.bytes / kb;
  };
  const css = ['media/dashboard.css', 'media/codicon.css']
    .map((f) => statSync(resolve(root, f)).size / kb)
    .reduce((a, b) => a + b, 0);
  const one = (figure: string, value: number, budget?: number): Row => ({
    figure,
    median: value,
    min: Number.NaN,
    max: Number.NaN,
    unit: 'KB',
    budget: budget ? `≤ ${budget} KB` : undefined,
    pass: budget ? value <= budget : undefined,
  });
  const rows = [
    one('dist/extension.js, minified (the one host bundle)', size('extension'), 250),
    one('dist/webview.js + CSS, minified', size('webview') + css, 400),
  ];
  const vsix = resolve(root, 'granite-analytics.vsix');
  if (existsSync(vsix)) rows.push(one('.vsix (npm run package)', statSync(vsix).size / kb, 500));
  return rows;
}

async function batchText(sim: Simulator): Promise<string> {
  const response = await fetch(`${sim.url}/api/analytics/batch`, {
    method: 'POST',
    headers: { 'X-Granite-API-Key': sim.apiKey, 'Content-Type': 'application/json' },
    body: '{}',
  });
  return response.text();
}

async function parseRows(
  label: string,
  text: string,
  runs: number,
  budget: (parse: number, validate: number) => Row['budget'] & string,
  pass: (parse: number, validate: number) => boolean,
): Promise<Row[]> {
  const jsonParse = stats(await sample(runs, () => JSON.parse(text)));
  const validate = stats(
    await sample(runs, () => {
      const outcome = parseBatch(JSON.parse(text));
      if (!outcome.ok || outcome.batch.problems.length) throw new Error(`${label} batch did not validate`);
    }),
  );
  return [
    { figure: `JSON.parse, ${label} (${(text.length / 1024).toFixed(0)} KB)`, ...jsonParse, unit: 'ms' },
    {
      figure: `parse + validate, ${label}`,
      ...validate,
      unit: 'ms',
      budget: budget(jsonParse.median, validate.median),
      pass: pass(jsonParse.median, validate.median),
    },
  ];
}

/** Chromium, and code-server unless `--no-vscode`: installed first, so `npm run bench` alone works. */
function prepareMachine(): void {
  const flags = process.argv.filter((a) => a === '--no-vscode');
  const r = spawnSync(process.execPath, [resolve(root, 'scripts/prepare-machine.mjs'), 'bench', ...flags], {
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

async function main(): Promise<void> {
  prepareMachine();
  const jsonOut = process.argv.includes('--json')
    ? (process.argv[process.argv.indexOf('--json') + 1] ?? 'bench.json')
    : undefined;
  const rows: Row[] = bundleRows();

  const sim = await startSimulator({ quota: 1_000_000 });
  const client = new GraniteClient({ baseUrl: sim.url, apiKey: sim.apiKey });
  try {
    const text = await batchText(sim);
    rows.push(
      ...(await parseRows(
        'default',
        text,
        50,
        () => '≤ 2 ms',
        (_p, v) => v <= 2,
      )),
    );
    rows.push({
      figure: 'fetchBatch + validation, default (loopback)',
      ...stats(await sample(20, () => client.fetchBatch({}))),
      unit: 'ms',
    });
    rows.push({
      figure: 'bare fetch + JSON.parse, default (loopback)',
      ...stats(await sample(20, async () => JSON.parse(await batchText(sim)))),
      unit: 'ms',
    });
  } finally {
    await sim.stop();
  }

  const genStart = performance.now();
  const dataset = generateDataset({ seed: 42, now: Date.now(), ...largeDatasetOptions });
  rows.push({
    figure: `generate large dataset (${dataset.executions.length.toLocaleString('en-US')} executions)`,
    median: performance.now() - genStart,
    min: NaN,
    max: NaN,
    unit: 'ms',
  });
  const large = await startSimulator({ dataset, liftLimits: true, quota: 1_000_000 });
  try {
    const granularityHour = {
      method: 'POST',
      headers: { 'X-Granite-API-Key': large.apiKey },
      body: JSON.stringify({ granularity: 'hour', start_date: new Date(dataset.now - 90 * 86_400_000).toISOString() }),
    };
    const text = await (await fetch(`${large.url}/api/analytics/batch`, granularityHour)).text();
    rows.push(
      ...(await parseRows(
        'large',
        text,
        10,
        (p) => `≤ 1.5 × JSON.parse (${(1.5 * p).toFixed(1)} ms)`,
        (p, v) => v <= 1.5 * p,
      )),
    );
    const outcome = parseBatch(JSON.parse(text));
    if (!outcome.ok) throw new Error('large batch did not parse');
    const sections = outcome.batch.sections;
    const tree = stats(
      await sample(20, () => buildWorkflowRows(sections, { thresholds: { warning: 95, error: 80 }, sort: 'worst' })),
    );
    rows.push({
      figure: 'tree items, large dataset (view-model build)',
      ...tree,
      unit: 'ms',
      budget: '≤ 20 ms',
      pass: tree.median <= 20,
    });
    rows.push(await heapGrowthRow(dataset.now, process.argv.includes('--quick') ? 100 : 1000));
  } finally {
    await large.stop();
  }

  rows.push(...(await endToEndRows()));
  rows.push(...(await schedulerRows()));
  rows.push(...(await benchWebview()));
  rows.push(...(await benchRunView()));
  if (!process.argv.includes('--no-vscode')) rows.push(...benchVsCode());
  printTable(rows);
  if (jsonOut)
    writeFileSync(
      resolve(jsonOut),
      JSON.stringify({ at: new Date().toISOString(), node: process.version, rows }, null, 2),
    );
  if (rows.some((r) => r.pass === false)) process.exitCode = 1;
}

function printTable(rows: Row[]): void {
  const fmt = (n: number) => (Number.isNaN(n) ? '' : n < 10 ? n.toFixed(2) : n.toFixed(1));
  const lines = [['figure', 'median', 'min–max', 'budget', 'result']];
  for (const r of rows) {
    lines.push([
      r.figure,
      `${fmt(r.median)} ${r.unit}`,
      Number.isNaN(r.min) ? '(one run)' : `${fmt(r.min)}–${fmt(r.max)}`,
      r.budget ?? '',
      r.pass === undefined ? '' : r.pass ? 'pass' : 'FAIL',
    ]);
  }
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  for (const [i, line] of lines.entries()) {
    console.log(`| ${line.map((cell, j) => cell.padEnd(widths[j]!)).join(' | ')} |`);
    if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
