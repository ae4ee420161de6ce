/**
 * What both tools do: check the model's input, get a batch through `ToolBatches` (the store's client,
 * the scheduler's gate, the same key handling) and answer with text from src/core/lmToolText.ts. Every
 * outcome is a text result: a model can read a message, not an exception.
 */
import * as vscode from 'vscode';
import type { GraniteConfig } from '../config/configuration';
import type { ParsedBatch } from '../core/api/parseBatch';
import type { FilterState } from '../filters/filters';
import { resolveToolInput, type InputOptions, type ToolInput } from './toolInput';
import { problemText, type TextContext } from './toolText';
import type { ToolBatches, ToolBatchesDeps } from './toolBatches';

export interface ToolContext {
  batches: ToolBatches;
  store: ToolBatchesDeps['store'];
  config: () => GraniteConfig;
  now: () => number;
  locale: string;
}

type Render = (batch: ParsedBatch, c: TextContext) => string;

export async function runTool(
  ctx: ToolContext,
  input: ToolInput,
  options: InputOptions,
  render: Render,
): Promise<vscode.LanguageModelToolResult> {
  const state = ctx.store.state;
  const resolved = resolveToolInput(input, state.filters, {
    ...options,
    knownWorkflows: state.batch?.sections.workflows,
  });
  const text = resolved.ok
    ? await answer(ctx, resolved.filters, resolved.limit, render)
    : problemText(resolved.message);
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
}

async function answer(ctx: ToolContext, filters: FilterState, limit: number, render: Render): Promise<string> {
  const got = await ctx.batches.get(filters);
  if (!got.ok) return problemText(got.message, got.apiText);
  const config = ctx.config();
  return render(got.batch, {
    filters,
    fetchedAt: got.fetchedAt,
    now: ctx.now(),
    limit,
    locale: ctx.locale,
    thresholds: { warning: config.warningThreshold, error: config.errorThreshold },
  });
}
