/** `granite_workflow_failures`: the recent failures of one workflow, with category, message, time and ids. */
import * as vscode from 'vscode';
import { toolOptions, type ToolInput } from './toolInput';
import { failuresText } from './toolText';
import { runTool, type ToolContext } from './runTool.vscode';

export function failuresTool(ctx: ToolContext): vscode.LanguageModelTool<ToolInput> {
  return {
    prepareInvocation: () => ({ invocationMessage: vscode.l10n.t('Reading recent Granite failures') }),
    invoke: (options) => runTool(ctx, options.input, toolOptions.failures, failuresText),
  };
}
