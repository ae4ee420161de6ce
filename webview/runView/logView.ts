/**
 * A monospace log block (error, stdout, stderr) with line numbers, search and Copy, virtualised: only the
 * lines in view (and a margin) are in the DOM, positioned in a spacer as tall as the whole log, so a 10 MB
 * stdout costs one line index (logIndex.ts) and a few dozen rows. Search runs in slices and highlights
 * matches with <mark> in the drawn rows; Enter and Shift+Enter step through them. Text goes in as text only.
 */
import { button, el, uid } from '../dom';
import { t } from '../l10n';
import { LineIndex, searchText } from './logIndex';
import {
  logLineHeightPx,
  logViewportPx,
  logOverscanLines,
  logSearchDebounceMs,
  maxLogLineChars,
  maxLogMatches,
  maxLogScrollPx,
} from './timing';

export class LogView {
  readonly element: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly rows: HTMLElement;
  private readonly searchInput: HTMLInputElement;
  private readonly status: HTMLElement;
  private readonly summary: HTMLElement;
  private index = new LineIndex('');
  private matches: number[] = [];
  private current = -1;
  private query = '';
  private searchTimer?: number;
  private search?: AbortController;
  private frame = 0;

  constructor(
    readonly title: string,
    copy: () => void,
  ) {
    const searchId = uid('log-search');
    this.summary = el('span', { class: 'log-summary' });
    this.searchInput = el('input', {
      id: searchId,
      type: 'search',
      class: 'log-search',
      placeholder: t('Search'),
      'aria-label': t('Search {0}', title),
    });
    this.status = el('span', { class: 'log-status', role: 'status', 'aria-live': 'polite' });
    const toolbar = el(
      'div',
      { class: 'log-toolbar' },
      el('h3', {}, title),
      this.summary,
      this.searchInput,
      button('↑', () => this.step(-1), {
        class: 'log-prev',
        'aria-label': t('Previous match'),
        title: t('Previous match'),
      }),
      button('↓', () => this.step(1), { class: 'log-next', 'aria-label': t('Next match'), title: t('Next match') }),
      this.status,
      button(t('Copy'), copy, { class: 'log-copy', 'aria-label': t('Copy {0}', title) }),
    );
    this.rows = el('div', { class: 'log-rows' });
    this.spacer = el('div', { class: 'log-spacer' }, this.rows);
    this.viewport = el(
      'div',
      { class: 'log-viewport', tabindex: 0, role: 'region', 'aria-label': title, dir: 'ltr' },
      this.spacer,
    );
    this.element = el('section', { class: 'log-block' }, toolbar, this.viewport);
    this.viewport.addEventListener('scroll', () => this.schedule(), { passive: true });
    this.viewport.addEventListener('keydown', (e) => this.onKey(e));
    this.searchInput.addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = window.setTimeout(() => void this.runSearch(), logSearchDebounceMs);
    });
    this.searchInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        if (this.query !== this.searchInput.value) void this.runSearch();
        else this.step(e.shiftKey ? -1 : 1);
      } else if (e.key === 'Escape' && this.searchInput.value) {
        e.preventDefault();
        this.searchInput.value = '';
        void this.runSearch();
      }
    });
    new ResizeObserver(() => this.schedule()).observe(this.viewport);
  }

  /** Shows a text; the same text again keeps the scroll position and search. */
  setText(text: string): void {
    if (text === this.index.text && this.index.count > 0) return;
    this.index = new LineIndex(text);
    this.summary.textContent = t('{0} lines', this.index.count.toLocaleString());
    this.spacer.style.height = `${Math.min(this.index.count * logLineHeightPx, maxLogScrollPx)}px`;
    // A short log takes only its own height (plus room for a horizontal scroll bar); a long one a fixed window.
    this.viewport.style.height = `${Math.min(logViewportPx, this.index.count * logLineHeightPx + 16)}px`;
    this.viewport.scrollTop = 0;
    this.matches = [];
    this.current = -1;
    if (this.searchInput.value) void this.runSearch();
    else this.draw();
  }

  /** The number of lines (tests and the line-count label). */
  get lineCount(): number {
    return this.index.count;
  }

  private get scaled(): boolean {
    return this.index.count * logLineHeightPx > maxLogScrollPx;
  }

  /** The first line to draw for the current scroll position (scaled when the log is taller than the cap). */
  private firstLine(): number {
    const top = this.viewport.scrollTop;
    if (!this.scaled) return Math.floor(top / logLineHeightPx);
    const visible = Math.ceil(this.viewport.clientHeight / logLineHeightPx);
    const range = Math.max(1, maxLogScrollPx - this.viewport.clientHeight);
    return Math.round((top / range) * Math.max(0, this.index.count - visible));
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(): void {
    const visible = Math.ceil((this.viewport.clientHeight || 400) / logLineHeightPx);
    const first = this.firstLine();
    const start = Math.max(0, first - logOverscanLines);
    const end = Math.min(this.index.count, first + visible + logOverscanLines);
    const top = this.scaled ? this.viewport.scrollTop - (first - start) * logLineHeightPx : start * logLineHeightPx;
    this.rows.style.transform = `translateY(${Math.max(0, top)}px)`;
    const digits = String(this.index.count).length;
    const rows: HTMLElement[] = [];
    let match = this.firstMatchAtOrAfter(this.index.lineStart(start));
    for (let i = start; i < end; i++) {
      const lineStart = this.index.lineStart(i);
      const line = this.index.line(i);
      const text = el('span', { class: 'log-text', dir: 'auto' });
      const shown = line.length > maxLogLineChars ? line.slice(0, maxLogLineChars) : line;
      let at = 0;
      while (match < this.matches.length && this.matches[match]! < lineStart + line.length) {
        const offset = this.matches[match]! - lineStart;
        if (offset >= shown.length) break;
        const stop = Math.min(shown.length, offset + this.query.length);
        text.append(
          shown.slice(at, offset),
          el('mark', { class: match === this.current ? 'current' : undefined }, shown.slice(offset, stop)),
        );
        at = stop;
        match++;
      }
      while (match < this.matches.length && this.matches[match]! < lineStart + line.length) match++;
      text.append(shown.slice(at));
      if (shown !== line)
        text.append(
          el(
            'span',
            { class: 'log-cut' },
            t(' … ({0} more characters)', (line.length - shown.length).toLocaleString()),
          ),
        );
      rows.push(
        el(
          'div',
          { class: 'log-row', 'data-line': i + 1 },
          el('span', { class: 'log-number', 'aria-hidden': 'true' }, String(i + 1).padStart(digits)),
          text,
        ),
      );
    }
    this.rows.replaceChildren(...rows);
  }

  private firstMatchAtOrAfter(offset: number): number {
    let low = 0;
    let high = this.matches.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.matches[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private async runSearch(): Promise<void> {
    this.search?.abort();
    const controller = new AbortController();
    this.search = controller;
    const query = this.searchInput.value;
    this.status.textContent = query ? t('Searching…') : '';
    const result = await searchText(this.index.text, query, controller.signal);
    if (!result || controller.signal.aborted) return;
    this.query = query;
    this.matches = result.offsets;
    this.current = this.matches.length ? 0 : -1;
    const count = result.capped ? `${maxLogMatches.toLocaleString()}+` : this.matches.length.toLocaleString();
    this.status.textContent = query ? t('{0} matches', count) : '';
    if (this.current >= 0) this.reveal();
    else this.draw();
  }

  private step(direction: number): void {
    if (!this.matches.length) return;
    this.current = (this.current + direction + this.matches.length) % this.matches.length;
    this.status.textContent = t('{0} of {1}', this.current + 1, this.matches.length.toLocaleString());
    this.reveal();
  }

  /** Scrolls the current match's line into the middle of the view. */
  private reveal(): void {
    this.scrollToLine(this.index.lineOf(this.matches[this.current]!));
  }

  scrollToLine(line: number): void {
    const middle = Math.max(0, line - Math.floor(this.viewport.clientHeight / logLineHeightPx / 2));
    const visible = Math.ceil(this.viewport.clientHeight / logLineHeightPx);
    this.viewport.scrollTop = this.scaled
      ? (middle / Math.max(1, this.index.count - visible)) * Math.max(1, maxLogScrollPx - this.viewport.clientHeight)
      : middle * logLineHeightPx;
    this.draw();
  }

  private onKey(e: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(this.viewport.clientHeight / logLineHeightPx) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      this.scrollToLine(e.key === 'Home' ? 0 : this.index.count);
    } else if (moves[e.key] !== undefined) {
      e.preventDefault();
      this.scrollToLine(
        this.firstLine() + Math.floor(this.viewport.clientHeight / logLineHeightPx / 2) + moves[e.key]!,
      );
    } else if ((e.ctrlKey || e.metaKey) && e.key === 'f') {
      e.preventDefault();
      this.searchInput.focus();
    }
  }
}
