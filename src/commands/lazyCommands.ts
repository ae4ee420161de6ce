/**
 * The lazily loaded commands (part of `dist/lazy.js`): quick picks, key entry, run and environment commands are
 * needed only when used, so their code loads on the first invocation of any of them and activation does
 * not pay for it (see lazyRegistration.ts, which registers their ids at activation).
 */
import type { CommandContext, Registrar } from './context';
import { registerCredentialCommands } from './credentialCommands';
import { registerEnvironmentCommands } from './environmentCommands';
import { registerFilterCommands } from './filterCommands';
import { registerRunCommands } from './runCommands';
import { registerViewCommands } from './viewCommands';

export type Handler = (...args: unknown[]) => unknown;

export function commandHandlers(ctx: CommandContext): Map<string, Handler> {
  const handlers = new Map<string, Handler>();
  const collect: Registrar = (id, handler) => {
    handlers.set(id, handler);
    return { dispose: () => handlers.delete(id) };
  };
  for (const register of [registerCredentialCommands, registerFilterCommands, registerRunCommands, registerEnvironmentCommands, registerViewCommands]) register(ctx, collect);
  return handlers;
}
