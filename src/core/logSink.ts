/**
 * Where the host classes write their log lines: the shape of the "Granite Analytics" log
 * (log.vscode.ts), so the classes tested in plain Node take a log without depending on VS Code.
 */
import type { ExchangeEvent } from './api/client';

export interface LogSink {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Keys in use, redacted from every line even if they do not look like Granite keys. */
  setSecrets(secrets: (string | undefined)[]): void;
  /** One line per HTTP exchange (method, path, status, time; never a key). */
  exchange(event: ExchangeEvent): void;
}
