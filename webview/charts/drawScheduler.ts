/**
 * When charts are drawn: those in the viewport at once (they count towards "data → drawn"), the others
 * when they come near the viewport or the page is idle, one per idle slice so input stays responsive.
 */
import type { Theme } from '../theme';
import { minIdleLeftMs, offscreenDrawTimeoutMs } from '../timing';
import type { ChartCard } from './chartCard';

export class ChartScheduler {
  private readonly cards: ChartCard[] = [];
  private readonly observer: IntersectionObserver;
  private idleHandle?: number;

  constructor(private readonly theme: () => Theme) {
    this.observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          const card = this.cards.find((c) => c.figure === entry.target);
          card?.draw(this.theme());
        }
      },
      { rootMargin: '300px 0px' },
    );
  }

  add(card: ChartCard): void {
    this.cards.push(card);
    this.observer.observe(card.figure);
  }

  /** Draws the dirty charts that are in the viewport now, and schedules the rest. */
  drawVisible(): void {
    const height = window.innerHeight;
    for (const card of this.cards) {
      if (!card.dirty) continue;
      const rect = card.figure.getBoundingClientRect();
      if (rect.bottom > 0 && rect.top < height) card.draw(this.theme());
    }
    this.scheduleIdle();
  }

  themeChanged(): void {
    for (const card of this.cards) card.themeChanged();
    this.drawVisible();
  }

  private scheduleIdle(): void {
    if (this.idleHandle !== undefined) return;
    this.idleHandle = requestIdleCallback(
      (deadline) => {
        this.idleHandle = undefined;
        for (const card of this.cards) {
          if (!card.dirty) continue;
          card.draw(this.theme());
          if (deadline.timeRemaining() < minIdleLeftMs) break;
        }
        if (this.pending) this.scheduleIdle();
      },
      { timeout: offscreenDrawTimeoutMs },
    );
  }

  /** Whether a chart still waits to be drawn (with new data or a new theme). */
  get pending(): boolean {
    return this.cards.some((c) => c.dirty);
  }
}
