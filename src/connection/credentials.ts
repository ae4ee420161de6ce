/**
 * The API key lives only in SecretStorage, under the API origin: changing `granite.apiBaseUrl` asks for
 * the new origin's key instead of sending the old one. `GRANITE_API_KEY` (dev containers, the demo, tests)
 * is used only when no key is stored, and only for the origin of the user-level base URL. An environment
 * (`granite.environments`) has its own slot per name and origin, and the variable never applies to it.
 */
import { Disposable } from '../core/disposable';
import { Emitter, type Event } from '../core/emitter';
import { resolveApiKey, secretName, type Environment } from './environments';

export type KeySource = 'secret-storage' | 'environment';

export interface ApiKey {
  key: string;
  source: KeySource;
  origin: string;
}

/** The part of `vscode.SecretStorage` used here (the extension's `context.secrets`). */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  onDidChange: Event<{ key: string }>;
}

export class Credentials extends Disposable {
  private readonly emitter = this.register(new Emitter<void>());
  /** Fires when a stored key of any origin changes (also from another window). */
  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly secrets: SecretStore,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    super();
    this.register(
      secrets.onDidChange((e) => {
        if (e.key.startsWith('granite.apiKey:')) this.emitter.fire();
      }),
    );
  }

  /** The key for `origin`; `envOrigin` is the origin the environment variable may be used for. */
  async get(origin: string, envOrigin: string | undefined, environment?: Environment): Promise<ApiKey | undefined> {
    const key = await resolveApiKey((name) => this.secrets.get(name), origin, {
      environment,
      envOrigin,
      envKey: this.env.GRANITE_API_KEY,
    });
    return key && { ...key, origin };
  }

  async store(origin: string, key: string, environment?: Environment): Promise<void> {
    await this.secrets.store(secretName(origin, environment), key);
  }

  /** Deletes the stored key; returns whether the environment variable still supplies one for `origin`. */
  async delete(
    origin: string,
    envOrigin: string | undefined,
    environment?: Environment,
  ): Promise<{ environmentStillApplies: boolean }> {
    await this.secrets.delete(secretName(origin, environment));
    return { environmentStillApplies: !environment && !!this.env.GRANITE_API_KEY?.trim() && envOrigin === origin };
  }
}
