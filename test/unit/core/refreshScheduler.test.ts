import assert from 'node:assert/strict';
import {
  effectiveIntervalMs,
  maxBackoffMs,
  RefreshScheduler,
  type RefreshOutcome,
  type SharedSchedule,
} from '../../../src/core/refreshScheduler';
import { FakeTime } from '../helpers/fakeTime';

const minute = 60_000;
const hour = 60 * minute;
const start = Date.UTC(2026, 10, 26, 9, 0, 0);

/** A scheduler whose refresh "succeeds" (or returns what `result` says) at once, counting requests. */
function harness(
  options: {
    interval?: number;
    shared?: { value: SharedSchedule };
    time?: FakeTime;
    random?: () => number;
    result?: (at: number) => RefreshOutcome;
  } = {},
) {
  const time = options.time ?? new FakeTime(start);
  const shared = options.shared ?? { value: {} };
  const requests: number[] = [];
  const adopted: number[] = [];
  const scheduler: RefreshScheduler = new RefreshScheduler(
    {
      time,
      random: options.random ?? (() => 0.5),
      readShared: () => shared.value,
      writeShared: (value) => {
        shared.value = value;
      },
      refresh: () => {
        requests.push(time.now());
        scheduler.recordOutcome(options.result?.(time.now()) ?? { ok: true, at: time.now() });
      },
      adoptShared: (at) => adopted.push(at),
    },
    options.interval ?? 5 * minute,
  );
  return { time, shared, requests, adopted, scheduler };
}

describe('RefreshScheduler', () => {
  it('treats 0 as off and raises 1–59 s to a minute', () => {
    assert.equal(effectiveIntervalMs(0), 0);
    assert.equal(effectiveIntervalMs(-3), 0);
    assert.equal(effectiveIntervalMs(30), minute);
    assert.equal(effectiveIntervalMs(300), 5 * minute);
  });

  it('polls at the interval while the window is focused: 12 requests in an hour at 5 minutes', async () => {
    const { time, requests, scheduler } = harness();
    scheduler.setActivity({ focused: true });
    await time.advance(hour - 1);
    assert.equal(requests.length, 12);
    assert.deepEqual(
      requests.slice(0, 3).map((t) => (t - start) / minute),
      [0, 5, 10],
    );
    scheduler.dispose();
    assert.equal(time.pending, 0);
  });

  it('sends nothing while unfocused with no Granite view visible, even with stale data', async () => {
    const { time, requests, scheduler } = harness();
    scheduler.setActivity({ focused: false, viewVisible: false });
    await time.advance(5 * hour);
    assert.equal(requests.length, 0);
    assert.equal(time.pending, 0);
  });

  it('keeps polling an unfocused window while the tree or panel is visible', async () => {
    const { time, requests, scheduler } = harness();
    scheduler.setActivity({ focused: false, viewVisible: true });
    await time.advance(hour - 1);
    assert.equal(requests.length, 12);
  });

  it('refreshes at once on focus when the data is older than the interval, and waits otherwise', async () => {
    const { time, requests, scheduler } = harness();
    scheduler.setActivity({ focused: true });
    await time.advance(1);
    assert.equal(requests.length, 1);
    scheduler.setActivity({ focused: false });
    await time.advance(2 * minute);
    scheduler.setActivity({ focused: true });
    await time.advance(0);
    assert.equal(requests.length, 1, 'data 2 minutes old is fresh enough');
    assert.equal(scheduler.nextAttemptAt, start + 5 * minute);
    scheduler.setActivity({ focused: false });
    await time.advance(30 * minute);
    scheduler.setActivity({ focused: true });
    await time.advance(0);
    assert.equal(requests.length, 2, 'data 32 minutes old is refreshed on focus');
  });

  it('does not poll with the interval at 0, and resumes when it is set', async () => {
    const { time, requests, scheduler } = harness({ interval: 0 });
    scheduler.setActivity({ focused: true });
    await time.advance(hour);
    assert.equal(requests.length, 0);
    assert.equal(scheduler.state, 'off');
    scheduler.setInterval(10 * minute);
    await time.advance(hour - 1);
    assert.equal(requests.length, 6);
  });

  it('backs off exponentially after errors, with jitter, up to 30 minutes, and recovers on success', async () => {
    let failing = true;
    const { time, requests, scheduler } = harness({
      random: () => 0.99,
      result: (at) => (failing ? { ok: false, at, needsCredentials: false } : { ok: true, at }),
    });
    scheduler.setActivity({ focused: true });
    await time.advance(3 * hour);
    const gaps = requests.slice(1).map((t, i) => t - requests[i]!);
    for (const [i, gap] of gaps.entries()) {
      assert.ok(gap <= maxBackoffMs, `gap ${i} of ${gap / minute} min exceeds 30 min`);
      if (i > 0) assert.ok(gap >= gaps[i - 1]!, 'gaps never shrink while failing');
    }
    assert.ok(gaps.at(-1)! >= 29 * minute, 'reaches the 30-minute ceiling');
    assert.ok(requests.length <= 12, `${requests.length} requests in 3 failing hours`);
    failing = false;
    scheduler.credentialsChanged(); // any explicit reset: the next success restores the normal interval
    await time.advance(hour - 1);
    assert.equal(scheduler.state, 'waiting');
  });

  it('keeps jitter within ±25 %', () => {
    const low = harness({ random: () => 0 }).scheduler;
    const high = harness({ random: () => 0.999999 }).scheduler;
    assert.equal(low.backoffDelay(1), 0.75 * 5 * minute);
    assert.equal(high.backoffDelay(1), Math.round(0.999999 * 0.5 * 5 * minute + 0.75 * 5 * minute));
    assert.equal(low.backoffDelay(20), 0.75 * maxBackoffMs);
    assert.equal(high.backoffDelay(20), maxBackoffMs, 'jitter never pushes past the ceiling');
  });

  it('sends nothing before a rate-limit reset, and says so to user actions', async () => {
    const resetAt = start + 40 * minute;
    let first = true;
    const { time, requests, scheduler } = harness({
      result: (at) => {
        if (first) {
          first = false;
          return { ok: false, at, needsCredentials: false, blockedUntil: resetAt };
        }
        return { ok: true, at };
      },
    });
    scheduler.setActivity({ focused: true });
    await time.advance(1);
    assert.equal(requests.length, 1);
    assert.deepEqual(scheduler.canRequestNow(), { ok: false, reason: 'rate-limited', until: resetAt });
    assert.equal(scheduler.state, 'blocked');
    await time.advance(resetAt - time.now() - 1);
    assert.equal(requests.length, 1, 'nothing before the reset');
    await time.advance(10 * minute);
    assert.ok(requests.length >= 2);
    assert.ok(requests[1]! >= resetAt);
  });

  it('stops after 401/403 until the key or URL changes', async () => {
    let authorised = false;
    const { time, requests, scheduler } = harness({
      result: (at) => (authorised ? { ok: true, at } : { ok: false, at, needsCredentials: true }),
    });
    scheduler.setActivity({ focused: true });
    await time.advance(5 * hour);
    assert.equal(requests.length, 1);
    assert.equal(scheduler.state, 'stopped-credentials');
    assert.deepEqual(scheduler.canRequestNow(), { ok: false, reason: 'credentials' });
    authorised = true;
    scheduler.credentialsChanged();
    await time.advance(1);
    assert.equal(requests.length, 2);
  });

  it('shares the last fetch across windows: three windows poll as often as one', async () => {
    const time = new FakeTime(start);
    const shared = { value: {} as SharedSchedule };
    const windows = [harness({ time, shared }), harness({ time, shared }), harness({ time, shared })];
    for (const w of windows) w.scheduler.setActivity({ focused: true });
    await time.advance(hour - 1);
    const total = windows.reduce((n, w) => n + w.requests.length, 0);
    assert.ok(total <= 13, `${total} requests from three windows in an hour`);
    assert.ok(
      windows.slice(1).some((w) => w.adopted.length > 0),
      'the others adopt the shared result',
    );
  });
});
