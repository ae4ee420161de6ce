/**
 * The one disposal pattern (src/core/disposable.ts): everything registered is disposed once, in reverse
 * order, even when one of them throws; and an owner given a kind is counted live until it is disposed.
 */
import assert from 'node:assert/strict';
import { Disposable, liveCounts } from '../../../src/core/disposable';

class Owner extends Disposable {
  // Public: the base's constructor is protected.
  public constructor(kind?: string) {
    super(kind);
  }

  own<T extends { dispose(): unknown }>(thing: T): T {
    return this.register(thing);
  }
}

describe('Disposable', () => {
  it('disposes what it registered once, in reverse order, and says so', () => {
    const order: string[] = [];
    const owner = new Owner();
    for (const name of ['a', 'b', 'c']) owner.own({ dispose: () => order.push(name) });
    assert.equal(owner.isDisposed, false);
    owner.dispose();
    owner.dispose();
    assert.deepEqual(order, ['c', 'b', 'a']);
    assert.equal(owner.isDisposed, true);
  });

  it('goes on past one that throws, and disposes at once what is registered afterwards', () => {
    const order: string[] = [];
    const owner = new Owner();
    owner.own({ dispose: () => order.push('first') });
    owner.own({
      dispose: () => {
        throw new Error('boom');
      },
    });
    owner.own({ dispose: () => order.push('last') });
    const reported: unknown[] = [];
    const original = console.error;
    console.error = (error: unknown) => reported.push(error);
    try {
      owner.dispose();
    } finally {
      console.error = original;
    }
    assert.deepEqual(order, ['last', 'first']);
    assert.equal(reported.length, 1, 'the error is reported');
    owner.own({ dispose: () => order.push('late') });
    assert.deepEqual(order, ['last', 'first', 'late']);
  });

  it('counts an owner with a kind, and what it registered, as live until it is disposed', () => {
    const kind = 'test.owner';
    const owner = new Owner(kind);
    owner.own({ dispose: () => undefined });
    owner.own({ dispose: () => undefined });
    assert.equal(liveCounts()[kind], 1);
    assert.equal(liveCounts()[`${kind}.disposables`], 2);
    owner.dispose();
    owner.dispose();
    assert.equal(liveCounts()[kind], undefined);
    assert.equal(liveCounts()[`${kind}.disposables`], undefined);
  });
});
