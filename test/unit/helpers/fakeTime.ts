/**
 * Injected time for scheduler tests: a clock and timers that move only when the test says so, so a test
 * runs simulated hours in milliseconds (the simulator can read the same clock over real sockets).
 */
import type { SchedulerTime } from '../../../src/core/refreshScheduler';

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

export class FakeTime implements SchedulerTime {
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(public current: number) {}

  now = (): number => this.current;

  setTimeout = (callback: () => void, ms: number): unknown => {
    const timer = { id: this.nextId++, at: this.current + Math.max(0, ms), callback };
    this.timers.push(timer);
    return timer.id;
  };

  clearTimeout = (handle: unknown): void => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };

  get pending(): number {
    return this.timers.length;
  }

  /**
   * Moves the clock forward, firing due timers in order. `settle` runs after each timer (e.g. to wait for
   * a real HTTP request that the timer started), so time does not run ahead of the work.
   */
  async advance(ms: number, settle?: () => Promise<void>): Promise<void> {
    const end = this.current + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.current = Math.max(this.current, next.at);
      next.callback();
      if (settle) await settle();
    }
    this.current = end;
  }
}
