/**
 * The settings in force and the connection they name. The active environment (`granite.environments`,
 * or none: the default connection) is kept in globalState, so a new window starts on the last one chosen;
 * the settings are read for it again when they change. A new origin or environment fires
 * `onDidChangeConnection`: nothing of the old connection may be shown or sent after it.
 */
import type { GraniteConfig } from '../config/configuration';
import { checkBaseUrl } from '../core/api/baseUrl';
import { Disposable } from '../core/disposable';
import { Emitter } from '../core/emitter';
import type { Memento } from '../core/memento';
import { keySlot } from './environments';

export const activeEnvironmentKey = 'granite.activeEnvironment';

/** A change of the settings in force: what they were, and whether the connection changed with them. */
export interface SettingsChange {
  before: GraniteConfig;
  connectionChanged: boolean;
}

export class ConnectionState extends Disposable {
  private readonly emitter = this.register(new Emitter<void>());
  /** Fires when the origin or the environment changed (the settings are already the new ones). */
  readonly onDidChangeConnection = this.emitter.event;
  private readonly changeEmitter = this.register(new Emitter<SettingsChange>());
  /** Fires after every change of the settings (connection or not), once `onDidChangeConnection` has run: views render again. */
  readonly onDidChange = this.changeEmitter.event;
  /** Read once from globalState: another window's later choice does not move this one. */
  private activeEnvironment: string | undefined;
  private current: GraniteConfig;
  /** The origin `GRANITE_API_KEY` belongs to: the user-level URL's at start-up, never an environment's. */
  readonly environmentKeyOrigin: string | undefined;

  /** `read(environment)`: the settings with that environment applied (undefined: the default connection). */
  constructor(
    private readonly state: Memento,
    private readonly read: (environment: string | undefined) => GraniteConfig,
  ) {
    super();
    this.activeEnvironment = state.get<string>(activeEnvironmentKey);
    this.current = read(this.activeEnvironment);
    const startCheck = checkBaseUrl(read(undefined).apiBaseUrl);
    this.environmentKeyOrigin = startCheck.ok ? startCheck.origin : undefined;
  }

  get config(): GraniteConfig {
    return this.current;
  }

  /** The current connection's key slot (origin, or environment and origin): pins and seen failures are kept per slot. */
  slot(): string {
    const check = checkBaseUrl(this.current.apiBaseUrl);
    return keySlot(check.ok ? check.origin : 'invalid', this.current.environment);
  }

  /** The settings changed: reads them again. Returns whether the connection changed (and then fires). */
  reload(): boolean {
    const before = this.current;
    this.current = this.read(this.activeEnvironment);
    const changed =
      before.apiBaseUrl !== this.current.apiBaseUrl || before.environment?.name !== this.current.environment?.name;
    if (changed) this.emitter.fire();
    this.changeEmitter.fire({ before, connectionChanged: changed });
    return changed;
  }

  /** Makes the named environment (undefined: the default connection) the active one, remembered for new windows. */
  async switchEnvironment(name: string | undefined): Promise<void> {
    if (name === this.current.environment?.name) return;
    this.activeEnvironment = name;
    await this.state.update(activeEnvironmentKey, name);
    const before = this.current;
    this.current = this.read(this.activeEnvironment);
    this.emitter.fire();
    this.changeEmitter.fire({ before, connectionChanged: true });
  }
}
