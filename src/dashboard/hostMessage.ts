/**
 * The webview's check of what the host sends, without zod: the webview bundle must not carry a
 * validator (the host validated the batch once). dashboardProtocol.ts re-exports it.
 */
import type { HostMessage } from './protocol';

/** The webview checks only this much of what the host sends. */
export function isHostMessage(value: unknown): value is HostMessage {
  if (value === null || typeof value !== 'object') return false;
  const message = value as { type?: unknown; state?: unknown };
  return message.type === 'state' && message.state !== null && typeof message.state === 'object';
}
