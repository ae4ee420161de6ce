/**
 * Registers the ids of the lazily loaded commands at activation (so they are available at once) and
 * loads the lazy bundle (`dist/lazy.js`) on the first call of any of them. The list must name every command the bundle
 * handles; the integration suite checks every contributed command is registered, and the bundle reports
 * a handler missing from this list.
 */
import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { loadLazy } from '../lazyBundle';
import type * as LazyModule from './lazyCommands';

export const lazyCommandIds = [
  'granite.setApiKey', 'granite.signOut',
  'granite.setDateRange', 'granite.setFilters', 'granite.clearFilters',
  'granite.openRun', 'granite.copyExecutionId', 'granite.openRunInGranite',
  'granite.switchEnvironment',
  'granite.showAnalytics', 'granite.refresh', 'granite.showLog', 'granite.sortWorkflows',
  'granite.openWorkflowAnalytics', 'granite.copyWorkflowName', 'granite.pinWorkflow', 'granite.unpinWorkflow',
] as const;

export function registerLazyCommands(ctx: CommandContext): vscode.Disposable[] {
  let handlers: Map<string, LazyModule.Handler> | undefined;
  const load = () => {
    if (!handlers) {
      handlers = loadLazy().commandHandlers(ctx);
      const unlisted = [...handlers.keys()].filter((id) => !(lazyCommandIds as readonly string[]).includes(id));
      if (unlisted.length) ctx.log.error(`Commands not registered at activation: ${unlisted.join(', ')}`);
    }
    return handlers;
  };
  return lazyCommandIds.map((id) => vscode.commands.registerCommand(id, (...args: unknown[]) => load().get(id)?.(...args)));
}
