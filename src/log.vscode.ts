/**
 * The "Granite Analytics" log (a LogOutputChannel, so the user picks the level). Every line passes
 * through `redact`, so a key that reaches a message by accident is still never written.
 */
import * as vscode from 'vscode';
import type { ExchangeEvent } from './core/api/client';
import { redact } from './core/api/errors';
import { Disposable } from './core/disposable';
import type { LogSink } from './core/logSink';

export class Log extends Disposable implements LogSink {
  readonly channel: vscode.LogOutputChannel;
  private secrets: string[] = [];

  constructor() {
    super();
    this.channel = this.register(vscode.window.createOutputChannel('Granite Analytics', { log: true }));
  }

  /** Keys currently in use, so they are redacted even if they do not look like Granite keys. */
  setSecrets(secrets: (string | undefined)[]): void {
    this.secrets = secrets.filter((s): s is string => !!s && s.length >= 4);
  }

  private clean(message: string): string {
    return this.secrets.reduce((text, secret) => redact(text, secret), redact(message));
  }

  info(message: string): void {
    this.channel.info(this.clean(message));
  }

  warn(message: string): void {
    this.channel.warn(this.clean(message));
  }

  error(message: string): void {
    this.channel.error(this.clean(message));
  }

  debug(message: string): void {
    this.channel.debug(this.clean(message));
  }

  /** One line per HTTP exchange: method, path, status, time, size and the rate-limit headers. */
  exchange(event: ExchangeEvent): void {
    const rl = event.rateLimit;
    const limits =
      rl && rl.limit !== undefined
        ? ` · quota ${rl.remaining ?? '?'}/${rl.limit}${rl.resetAt ? ` resets ${new Date(rl.resetAt).toISOString()}` : ''}`
        : '';
    const size = event.bytes !== undefined ? ` · ${(event.bytes / 1024).toFixed(1)} KB` : '';
    const line = `${event.method} ${event.url} → ${event.status ?? event.error?.kind ?? '?'} in ${Math.round(event.durationMs)} ms${size}${limits}`;
    if (event.error) this.warn(`${line} · ${event.error.kind}: ${event.error.userMessage}`);
    else this.info(line);
  }
}
