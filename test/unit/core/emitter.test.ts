/**
 * The emitter the host classes use instead of `vscode.EventEmitter` (so they run in Node): it must deliver
 * as VS Code's does, and count subscriptions exactly for the leak tests (`liveCounts` in src/core/disposable.ts).
 */
import assert from 'node:assert/strict';
import { liveCounts } from '../../../src/core/disposable';
import { CountedEmitter, Emitter } from '../../../src/core/emitter';

describe('Emitter', () => {
  it('calls the listeners present when fire starts, in order: one removed meanwhile is skipped, one added meanwhile waits', () => {
    const emitter = new Emitter<number>();
    const calls: string[] = [];
    const late = () => calls.push('late');
    const second = emitter.event((n) => calls.push(`second ${n}`));
    emitter.event((n) => {
      calls.push(`first ${n}`);
      second.dispose();
      emitter.event(late);
    });
    // Subscribed after `second`, but `first` was subscribed after it: order is subscription order.
    const seen: number[] = [];
    emitter.event((n) => seen.push(n));
    emitter.fire(1);
    assert.deepEqual(calls, ['second 1', 'first 1']);
    calls.length = 0;
    emitter.fire(2);
    assert.deepEqual(calls, ['first 2', 'late']);
    assert.deepEqual(seen, [1, 2]);
  });

  it('skips a listener removed by an earlier one during the same fire', () => {
    const emitter = new Emitter<void>();
    const calls: string[] = [];
    emitter.event(() => {
      calls.push('a');
      later.dispose();
    });
    const later = emitter.event(() => calls.push('b'));
    emitter.fire();
    assert.deepEqual(calls, ['a']);
  });

  it('goes on with the other listeners when one throws, and passes thisArgs and collects disposables', () => {
    const emitter = new Emitter<string>();
    const received: string[] = [];
    const disposables: { dispose(): unknown }[] = [];
    const original = console.error;
    const reported: unknown[] = [];
    let throwing: { dispose(): unknown } | undefined;
    console.error = (error: unknown) => reported.push(error);
    try {
      throwing = emitter.event(() => {
        throw new Error('listener failed');
      });
      const receiver = { name: 'receiver' };
      emitter.event(
        function (this: { name: string }, e) {
          received.push(`${this.name} ${e}`);
        },
        receiver,
        disposables,
      );
      emitter.fire('x');
    } finally {
      console.error = original;
    }
    assert.deepEqual(received, ['receiver x']);
    assert.equal((reported[0] as Error).message, 'listener failed');
    assert.equal(disposables.length, 1);
    throwing.dispose();
    disposables[0]!.dispose();
    emitter.fire('y');
    assert.deepEqual(received, ['receiver x']);
  });

  it('delivers nothing after dispose, and a subscription made afterwards is inert', () => {
    const emitter = new Emitter<number>();
    const seen: number[] = [];
    emitter.event((n) => seen.push(n));
    emitter.dispose();
    emitter.event((n) => seen.push(n * 10));
    emitter.fire(1);
    assert.deepEqual(seen, []);
  });

  it('counts live subscriptions under their kind until each is disposed or the emitter is', () => {
    const kind = 'test.emitter';
    const count = () => liveCounts()[kind] ?? 0;
    const emitter = new CountedEmitter<void>(kind);
    const a = emitter.event(() => undefined);
    emitter.event(() => undefined);
    emitter.event(() => undefined);
    assert.equal(count(), 3);
    a.dispose();
    a.dispose();
    assert.equal(count(), 2, 'disposing twice counts once');
    emitter.dispose();
    assert.equal(count(), 0);
    emitter.event(() => undefined).dispose();
    emitter.dispose();
    assert.equal(count(), 0, 'nothing counted after dispose');
  });
});
