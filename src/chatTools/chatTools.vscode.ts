/**
 * The language-model tools (`contributes.languageModelTools`), so an agent in chat can answer questions
 * such as "why is Invoice Intake failing this week?" from live Granite data. All three are read-only: they
 * ask for no confirmation and change nothing. Registered at activation; created on first use.
 */
import * as vscode from 'vscode';
import type { Services } from '../services.vscode';
import { toolNames } from './toolNames';
import { createTools, type ToolDeps, type Tools } from './createTools.vscode';

export function registerChatTools(context: vscode.ExtensionContext, services: Services): void {
  // An editor without the language-model API simply gets no tools.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- hosts built on VS Code (forks, web editors) may lack vscode.lm although @types/vscode declares it
  if (typeof vscode.lm?.registerTool !== 'function') return;
  const { store, scheduler } = services;
  const deps: ToolDeps = {
    store,
    gate: () => scheduler.canRequestNow(),
    onOutcome: (outcome) => scheduler.recordOutcome(outcome),
    config: services.config,
    now: services.now,
    locale: services.locale,
    runData: services.runData,
  };
  let tools: Tools | undefined;
  const load = () => (tools ??= createTools(deps));
  const lazy = (which: keyof Tools & ('summary' | 'failures' | 'run')): vscode.LanguageModelTool<unknown> => ({
    prepareInvocation: (options, token) => load()[which].prepareInvocation?.(options, token),
    invoke: (options, token) => load()[which].invoke(options, token),
  });
  context.subscriptions.push(
    vscode.lm.registerTool(toolNames.summary, lazy('summary')),
    vscode.lm.registerTool(toolNames.failures, lazy('failures')),
    vscode.lm.registerTool(toolNames.run, lazy('run')),
    { dispose: () => tools?.dispose() },
  );
}
