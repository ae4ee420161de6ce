/** `granite_analytics_summary`: KPIs, worst workflows and top failure categories for the given filters. */
import * as vscode from 'vscode';
import { toolOptions, type ToolInput } from './toolInput';
import { summaryText } from './toolText';
import { runTool, type ToolContext } from './runTool.vscode';

export function summaryTool(ctx: ToolContext): vscode.LanguageModelTool<ToolInput> {
  return {
    prepareInvocation: () => ({ invocationMessage: vscode.l10n.t('Reading Granite analytics') }),
    invoke: (options) => runTool(ctx, options.input, toolOptions.summary, summaryText),
  };
}
