/**
 * The lazy bundle (`dist/lazy.js`): code needed only when a rarely used command or a language-model tool
 * is first invoked — quick picks, key entry, run and environment commands, the tools. Activation loads
 * only `dist/extension.js`; see lazyBundle.ts.
 */
export { commandHandlers } from './commands/lazyCommands';
export { createTools } from './lm/createTools';
export { renderRun } from './core/runDocument';
export { FailureNotifier } from './failureNotifier';
