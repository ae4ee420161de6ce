/**
 * Figures that only a real VS Code can give (code-server): the integration suites log lines such as
 * `[figure] activate() in code-server = 215.6 ms`; this runs them and collects those lines. Activation is
 * the median of 10 starts of code-server running the activation test alone, timed from the bundle's
 * first line (esbuild banner) to `activate` returning; its parts (the bundle's evaluation, activate's body)
 * are reported too.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { testKeys } from '../integration/testKeys';
import { stats } from './measure';
import type { Row } from './webviewBench';

const root = resolve(__dirname, '../../..');

function runSuites(grep?: string): Map<string, string> {
  const args = [
    'scripts/run-vscode-tests.mjs',
    '--free-port',
    'GRANITE_TEST_SIM_PORT',
    '--env',
    `GRANITE_API_KEY=${testKeys.runner}`,
    '--setting',
    'granite.apiBaseUrl=http://127.0.0.1:${GRANITE_TEST_SIM_PORT}',
  ];
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...(grep ? { GRANITE_IT_GREP: grep } : {}) },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`the integration suites failed:\n${result.stdout.slice(-3000)}`);
  const figures = new Map<string, string>();
  for (const m of result.stdout.matchAll(/^\[figure\] (.+?) = (.+)$/gm)) figures.set(m[1]!, m[2]!);
  return figures;
}

const activationFigures = [
  'activate() in code-server',
  'bundle evaluated in code-server',
  'activate() body in code-server',
] as const;

export function benchVsCode(activationRuns = 10): Row[] {
  const all = runSuites();
  const starts = [all];
  for (let i = 1; i < activationRuns; i++) starts.push(runSuites('activates'));
  const [total, bundle, body] = activationFigures.map((name) =>
    stats(starts.map((figures) => Number.parseFloat(figures.get(name) ?? 'NaN'))),
  );
  const perRefresh = Number.parseFloat(all.get('batch requests per refresh (tree, status bar, panel)') ?? 'NaN');
  const rows: Row[] = [
    // Most of this is VS Code's own work between loading the bundle and calling activate (context, storage).
    {
      figure: `activation in code-server, bundle's first line → activate returns (${activationRuns} starts)`,
      ...total!,
      unit: 'ms',
      budget: '≤ 250 ms',
      pass: total!.median <= 250,
    },
    {
      figure: "  of which the bundle's top level evaluated",
      ...bundle!,
      unit: 'ms',
      budget: '≤ 25 ms',
      pass: bundle!.median <= 25,
    },
    { figure: "  of which activate()'s own body", ...body!, unit: 'ms', budget: '≤ 20 ms', pass: body!.median <= 20 },
    {
      figure: 'batch requests per refresh, tree + status bar + panel',
      median: perRefresh,
      min: Number.NaN,
      max: Number.NaN,
      unit: 'count',
      budget: 'exactly 1',
      pass: perRefresh === 1,
    },
  ];
  const bySource = all.get('requests by source');
  if (bySource) {
    const counts = JSON.parse(bySource) as Record<string, number>;
    for (const [source, count] of Object.entries(counts)) {
      rows.push({
        figure: `  requests in the integration run caused by: ${source}`,
        median: count,
        min: Number.NaN,
        max: Number.NaN,
        unit: 'count',
      });
    }
  }
  return rows;
}
