import assert from 'node:assert/strict';
import { environmentOrigin, findEnvironment, keySlot, parseEnvironments } from '../../../src/connection/environments';
import { pinnedFirst, pinnedRate, togglePin } from '../../../src/pins/pins';
import type { WorkflowRow } from '../../../src/workflows/workflowHealth';

const row = (
  name: string,
  executions?: number,
  completed?: number,
  coverage: WorkflowRow['coverage'] = 'covered',
): WorkflowRow => ({
  name,
  coverage,
  executions,
  completed,
  recentFailures: [],
  health: 'unknown',
  successRate: executions && completed !== undefined ? (completed / executions) * 100 : undefined,
});

describe('pinned workflows', () => {
  it('sort first, each group keeping its order', () => {
    const rows = [row('A'), row('B'), row('C'), row('D')];
    assert.deepEqual(
      pinnedFirst(rows, new Set(['C', 'A'])).map((r) => r.name),
      ['A', 'C', 'B', 'D'],
    );
    assert.deepEqual(
      pinnedFirst(rows, new Set()).map((r) => r.name),
      ['A', 'B', 'C', 'D'],
    );
  });

  it('combine their rate from counts and name the ones not known', () => {
    const rows = [
      row('A', 100, 90),
      row('B', 50, 50),
      row('C', 0, 0, 'no-runs'),
      row('D', undefined, undefined, 'not-in-batch'),
    ];
    const rate = pinnedRate(rows, ['A', 'B', 'C', 'D', 'E']);
    assert.equal(rate.rate, (140 / 150) * 100);
    assert.deepEqual(rate.included, ['A', 'B', 'C']);
    assert.deepEqual(rate.missing, ['D', 'E']);
    assert.equal(pinnedRate(rows, ['C']).rate, undefined);
  });

  it('toggle without duplicates', () => {
    assert.deepEqual(togglePin(['A', 'B'], 'A', true), ['B', 'A']);
    assert.deepEqual(togglePin(['A', 'B'], 'A', false), ['B']);
    assert.deepEqual(togglePin([], 'X', false), []);
  });
});

describe('environments', () => {
  it('keep well-formed, uniquely named entries and report the rest', () => {
    const { environments, problems } = parseEnvironments([
      { name: 'Production', apiBaseUrl: 'https://api.getgranite.ai', appUrl: 'https://app.getgranite.ai' },
      { name: 'Staging', apiBaseUrl: ' https://staging.getgranite.ai ' },
      { name: 'Production', apiBaseUrl: 'https://other.example' },
      { apiBaseUrl: 'https://nameless.example' },
      'junk',
    ]);
    assert.deepEqual(
      environments.map((e) => e.name),
      ['Production', 'Staging'],
    );
    assert.equal(environments[1]!.apiBaseUrl, 'https://staging.getgranite.ai');
    assert.equal(problems.length, 3);
    assert.deepEqual(parseEnvironments(undefined), { environments: [], problems: [] });
    assert.equal(parseEnvironments({}).problems.length, 1);
  });

  it('find the chosen one, or none when it was removed', () => {
    const { environments } = parseEnvironments([{ name: 'A', apiBaseUrl: 'https://a.example' }]);
    assert.equal(findEnvironment(environments, 'A')?.name, 'A');
    assert.equal(findEnvironment(environments, 'B'), undefined);
    assert.equal(findEnvironment(environments, undefined), undefined);
  });

  it('give each environment its own key slot, apart from the default connection', () => {
    const origin = 'https://api.getgranite.ai';
    const a = { name: 'Customer A', apiBaseUrl: origin };
    const b = { name: 'Customer B', apiBaseUrl: origin };
    assert.equal(keySlot(origin), origin);
    assert.notEqual(keySlot(origin, a), keySlot(origin, b));
    assert.notEqual(keySlot(origin, a), keySlot(origin));
    assert.notEqual(keySlot(origin, a), keySlot('https://staging.getgranite.ai', a));
    assert.equal(environmentOrigin({ name: 'x', apiBaseUrl: 'http://evil.example' }), undefined);
    assert.equal(environmentOrigin({ name: 'x', apiBaseUrl: 'https://api.getgranite.ai/v1' }), origin);
  });
});
