/**
 * The settings in force and the active environment (`src/connection/connectionState.ts`), with globalState
 * in memory: the choice is remembered for new windows, a switch or a new origin fires a connection change
 * (and nothing else does), and GRANITE_API_KEY belongs to the user-level URL's origin at start-up.
 */
import assert from 'node:assert/strict';
import type { GraniteConfig } from '../../../src/config/configuration';
import { activeEnvironmentKey, ConnectionState } from '../../../src/connection/connectionState';
import { findEnvironment, keySlot, type Environment } from '../../../src/connection/environments';
import { manifestConfig } from '../../reliability/host/hostState';
import { MemoryMemento } from '../helpers/memoryState';

const staging: Environment = { name: 'Staging', apiBaseUrl: 'https://staging.example.com/api' };
const customer: Environment = { name: 'Customer', apiBaseUrl: 'https://api.customer.example' };

describe('connection state: settings, active environment and connection changes', () => {
  let globalState: MemoryMemento;
  /** The user's settings: what `readConfig` would read; tests change them as the Settings editor would. */
  let userUrl: string;
  let environments: Environment[];
  let warningThreshold: number;
  const read = (name: string | undefined): GraniteConfig => {
    const environment = findEnvironment(environments, name);
    return {
      ...manifestConfig(userUrl),
      apiBaseUrl: environment?.apiBaseUrl ?? userUrl,
      environment,
      environments,
      warningThreshold,
    };
  };
  const counted = (state: ConnectionState) => {
    const counts = { connection: 0, change: 0 };
    state.onDidChangeConnection(() => counts.connection++);
    state.onDidChange(() => counts.change++);
    return counts;
  };

  beforeEach(() => {
    globalState = new MemoryMemento();
    userUrl = 'https://api.getgranite.ai';
    environments = [staging, customer];
    warningThreshold = 95;
  });

  it('starts on the default connection, then switches and remembers the choice for new windows', async () => {
    const state = new ConnectionState(globalState, read);
    const counts = counted(state);
    assert.equal(state.config.environment?.name, undefined);
    assert.equal(state.slot(), 'https://api.getgranite.ai');
    await state.switchEnvironment('Staging');
    assert.equal(state.config.environment?.name, 'Staging');
    assert.equal(state.config.apiBaseUrl, staging.apiBaseUrl);
    assert.equal(state.slot(), keySlot('https://staging.example.com', staging));
    assert.deepEqual(counts, { connection: 1, change: 1 });
    assert.equal(globalState.get(activeEnvironmentKey), 'Staging');
    const next = new ConnectionState(globalState, read);
    assert.equal(next.config.environment?.name, 'Staging', 'a new window starts on the last choice');
    state.dispose();
    next.dispose();
  });

  it('does nothing when the environment chosen is the one in force', async () => {
    const state = new ConnectionState(globalState, read);
    const counts = counted(state);
    await state.switchEnvironment(undefined);
    await state.switchEnvironment('Customer');
    await state.switchEnvironment('Customer');
    assert.deepEqual(counts, { connection: 1, change: 1 });
    state.dispose();
  });

  it('keeps its own choice when another window switches (until its settings are read again for its own choice)', async () => {
    const first = new ConnectionState(globalState, read);
    const second = new ConnectionState(globalState, read);
    await second.switchEnvironment('Customer');
    first.reload();
    assert.equal(first.config.environment, undefined);
    first.dispose();
    second.dispose();
  });

  it('fires a connection change on a new origin or a removed environment, and only a change otherwise', async () => {
    const state = new ConnectionState(globalState, read);
    const counts = counted(state);
    warningThreshold = 80;
    assert.equal(state.reload(), false);
    assert.equal(state.config.warningThreshold, 80);
    assert.deepEqual(counts, { connection: 0, change: 1 });
    userUrl = 'https://granite.internal.example/api';
    assert.equal(state.reload(), true);
    assert.deepEqual(counts, { connection: 1, change: 2 });
    await state.switchEnvironment('Staging');
    environments = [customer];
    assert.equal(state.reload(), true, 'a removed environment falls back to the default connection');
    assert.equal(state.config.environment, undefined);
    assert.equal(state.config.apiBaseUrl, userUrl);
    assert.deepEqual(counts, { connection: 3, change: 4 });
    state.dispose();
  });

  it('tells each change what the settings were before and whether the connection changed with them', async () => {
    const state = new ConnectionState(globalState, read);
    const changes: { warningThreshold: number; apiBaseUrl: string; connectionChanged: boolean }[] = [];
    state.onDidChange(({ before, connectionChanged }) =>
      changes.push({ warningThreshold: before.warningThreshold, apiBaseUrl: before.apiBaseUrl, connectionChanged }),
    );
    warningThreshold = 80;
    state.reload();
    userUrl = 'https://granite.internal.example/api';
    state.reload();
    await state.switchEnvironment('Staging');
    assert.deepEqual(changes, [
      { warningThreshold: 95, apiBaseUrl: 'https://api.getgranite.ai', connectionChanged: false },
      { warningThreshold: 80, apiBaseUrl: 'https://api.getgranite.ai', connectionChanged: true },
      { warningThreshold: 80, apiBaseUrl: 'https://granite.internal.example/api', connectionChanged: true },
    ]);
    state.dispose();
  });

  it('gives GRANITE_API_KEY to the user-level origin at start-up only, whatever environment is active', async () => {
    await globalState.update(activeEnvironmentKey, 'Staging');
    const state = new ConnectionState(globalState, read);
    assert.equal(state.config.environment?.name, 'Staging');
    assert.equal(state.environmentKeyOrigin, 'https://api.getgranite.ai');
    userUrl = 'https://granite.internal.example';
    state.reload();
    assert.equal(state.environmentKeyOrigin, 'https://api.getgranite.ai', 'a later URL does not get the variable');
    state.dispose();
    userUrl = 'not a url';
    const invalid = new ConnectionState(new MemoryMemento(), read);
    assert.equal(invalid.environmentKeyOrigin, undefined);
    assert.equal(invalid.slot(), 'invalid');
    invalid.dispose();
  });
});
