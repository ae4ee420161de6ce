/**
 * Which client the current settings and key give: the base URL is checked, the key looked up for its
 * origin (and environment), and the client made with that key alone. The cache id names the origin and a
 * hash of the key, so a batch cached for one key (one organisation) is never shown for another.
 */
import { createHash } from 'node:crypto';
import type { GraniteConfig } from '../config/configuration';
import { checkBaseUrl } from '../core/api/baseUrl';
import { GraniteClient } from '../core/api/client';
import { GraniteError } from '../core/api/errors';
import { t } from '../core/l10n';
import type { LogSink } from '../core/logSink';
import type { Credentials, KeySource } from './credentials';

/** A client and where its key came from, or why there is none: a bad URL or unreadable keyring, or no key yet. */
export type Connection =
  | { client: GraniteClient; source: KeySource; cacheId: string }
  | { error: GraniteError }
  | { noKey: true; origin: string };

export interface ConnectionsDeps {
  config: () => Pick<GraniteConfig, 'apiBaseUrl' | 'environment'>;
  credentials: Credentials;
  /** The key is registered for redaction before any request carries it; every exchange is logged. */
  log: Pick<LogSink, 'setSecrets' | 'exchange'>;
  now: () => number;
  /**
   * The only origin `GRANITE_API_KEY` may be sent to: that of the user-level base URL when the window
   * started. Changing the URL later asks for the new origin's key instead of reusing the variable.
   */
  environmentKeyOrigin?: string;
  /** A request timeout other than the client's default (integration tests shorten it, so timeout cases take seconds). */
  requestTimeoutMs?: () => number | undefined;
}

/** How many hex digits of the key's SHA-256 name its cache: enough to tell keys apart, useless to recover one. */
const keyHashDigits = 16;

/** The cache id of an origin and key: the origin and a hash, never the key itself. */
export function cacheIdOf(origin: string, key: string): string {
  return `${origin}#${createHash('sha256').update(key).digest('hex').slice(0, keyHashDigits)}`;
}

export class Connections {
  constructor(private readonly deps: ConnectionsDeps) {}

  /** The origin `GRANITE_API_KEY` applies to, if any. */
  get environmentKeyOrigin(): string | undefined {
    return this.deps.environmentKeyOrigin;
  }

  /** The client for the current settings and key, or why there is none. Never throws. */
  async resolve(): Promise<Connection> {
    const config = this.deps.config();
    const check = checkBaseUrl(config.apiBaseUrl);
    if (!check.ok) return { error: new GraniteError('InvalidBaseUrl', check.message) };
    let key;
    try {
      key = await this.deps.credentials.get(check.origin, this.deps.environmentKeyOrigin, config.environment);
    } catch (error) {
      // A locked or missing keyring must be visible, not a silent stop.
      return {
        error: new GraniteError(
          'KeyStorage',
          t(
            'VS Code could not read the API key from its secret storage ({0}). Unlock your keyring, then Refresh.',
            String(error),
          ),
        ),
      };
    }
    if (!key) return { noKey: true, origin: check.origin };
    this.deps.log.setSecrets([key.key]);
    const client = new GraniteClient({
      baseUrl: config.apiBaseUrl,
      apiKey: key.key,
      timeoutMs: this.deps.requestTimeoutMs?.(),
      now: this.deps.now,
      onExchange: (e) => this.deps.log.exchange(e),
    });
    return { client, source: key.source, cacheId: cacheIdOf(check.origin, key.key) };
  }
}
