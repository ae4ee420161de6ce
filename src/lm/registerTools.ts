/**
 * The language-model tools (`contributes.languageModelTools`), so an agent in chat can answer questions
 * such as "why is Invoice Intake failing this week?" from live Granite data. Both are read-only: they
 * ask for no confirmation and change nothing.
 */
import * as vscode from 'vscode';
import { toolNames } from '../core/lmToolInput';
import { effectiveIntervalMs } from '../core/scheduler';
import { failuresTool } from './failuresTool';
import type { ToolContext } from './runTool';
import { summaryTool } from './summaryTool';
import { ToolBatches, type ToolBatchesDeps } from './toolBatches';

/** With polling off, a batch still answers for the default interval (five minutes). */
const freshWithoutPollingMs = 300_000;

export function registerTools(deps: Omit<ToolBatchesDeps, 'freshForMs'> & Omit<ToolContext, 'batches' | 'store'>): vscode.Disposable[] {
  // An editor without the language-model API simply gets no tools.
  if (typeof vscode.lm?.registerTool !== 'function') return [];
  const batches = new ToolBatches({ ...deps, freshForMs: () => effectiveIntervalMs(deps.config().refreshIntervalSeconds) || freshWithoutPollingMs });
  const ctx: ToolContext = { ...deps, batches };
  return [batches, vscode.lm.registerTool(toolNames.summary, summaryTool(ctx)), vscode.lm.registerTool(toolNames.failures, failuresTool(ctx))];
}
