/**
 * The language-model tools' implementation: built on the first invocation of either tool (see
 * chatTools.vscode.ts, which registers them at activation).
 */
import type * as vscode from 'vscode';
import { effectiveIntervalMs } from '../core/refreshScheduler';
import type { RunDataSource } from '../runs/runData';
import { failuresTool } from './failuresTool.vscode';
import { runDetailsTool } from './runDetailsTool.vscode';
import type { ToolContext } from './runTool.vscode';
import { summaryTool } from './summaryTool.vscode';
import { ToolBatches, type ToolBatchesDeps } from './toolBatches';

/** With polling off, a batch still answers for the default interval (five minutes). */
const freshWithoutPollingMs = 300_000;

export type ToolDeps = Omit<ToolBatchesDeps, 'freshForMs'> &
  Omit<ToolContext, 'batches' | 'store'> & { runData: RunDataSource };

export interface Tools {
  summary: vscode.LanguageModelTool<unknown>;
  failures: vscode.LanguageModelTool<unknown>;
  run: vscode.LanguageModelTool<unknown>;
  dispose(): void;
}

export function createTools(deps: ToolDeps): Tools {
  const batches = new ToolBatches({
    ...deps,
    freshForMs: () => effectiveIntervalMs(deps.config().refreshIntervalSeconds) || freshWithoutPollingMs,
  });
  const ctx: ToolContext = { ...deps, batches };
  return {
    summary: summaryTool(ctx),
    failures: failuresTool(ctx),
    run: runDetailsTool(deps),
    dispose: () => batches.dispose(),
  };
}
