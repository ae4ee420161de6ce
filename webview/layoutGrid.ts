/**
 * The dashboard's widgets on a grid that follows Granite's layout (issue 14): six columns, a widget spans
 * six (full), three (half) or two (third); a narrow panel falls back to one column (a container query in
 * media/dashboard.css). DOM order is drawn order, so Tab and screen readers follow what is seen. Hidden
 * widgets and widgets this page has no card for are not in the DOM at all, so their charts are never
 * built and data → drawn pays nothing for them. The rules (our types, default, drawn order) are the host's
 * and the webview's one module, src/layout/dashboardLayout.ts.
 */
import type { WidgetConfig } from '../src/core/api/queueAndLayoutSchemas';
import type { LayoutState } from '../src/dashboard/protocol';
import { defaultLayout, effectiveLayout, type PlacedWidget } from '../src/layout/dashboardLayout';
import { el } from './dom';

/** What the grid draws: each of our widgets once, and the entries it does not draw (written back unchanged). */
export interface GridLayout {
  widgets: PlacedWidget[];
  kept: WidgetConfig[];
}

/** The layout to draw: the state's (Granite's order, ours it misses appended), or our default. */
export function layoutToDraw(layout: LayoutState | undefined): GridLayout {
  return effectiveLayout(layout?.layout ?? defaultLayout());
}

export class LayoutGrid {
  readonly element = el('div', { class: 'grid widgets' });
  /** As last applied: ours in drawn order (hidden ones too), and the entries not drawn. */
  layout: GridLayout = { widgets: [], kept: [] };
  /** Customize mode: hidden widgets are drawn too (as switched off), to be switched on again. */
  editing = false;
  private shown = new Set<string>();
  private drawnKey = '';

  /** `cards`: each widget type this page draws, with its card's element. */
  constructor(readonly cards: ReadonlyMap<string, HTMLElement>) {
    for (const [type, card] of cards) card.dataset.widget = type;
    // In the page from the start, as before layouts: the cards' components render once before any data.
    this.apply(layoutToDraw(undefined));
  }

  /** Ours that this page draws (or, in Customize mode, offers): those it has a card for. */
  drawable(widgets: readonly PlacedWidget[] = this.layout.widgets): PlacedWidget[] {
    return widgets.filter((w) => this.cards.has(w.widget));
  }

  /** Whether the widget of this type is on screen with its content (so it needs data). */
  isShown(type: string): boolean {
    return this.shown.has(type);
  }

  /** Draws `widgets`; returns the types now shown that were not before (they need their data). */
  apply(layout: GridLayout): string[] {
    this.layout = layout;
    const items = this.drawable().filter((w) => this.editing || w.visible);
    const key = JSON.stringify([this.editing, items.map((w) => [w.widget, w.width, w.visible])]);
    if (key === this.drawnKey) return [];
    this.drawnKey = key;
    const before = this.shown;
    this.shown = new Set(items.filter((w) => w.visible).map((w) => w.widget));
    const focused = document.activeElement;
    const nodes = items.map((w) => {
      const node = this.cards.get(w.widget)!;
      if (node.dataset.width !== w.width) node.dataset.width = w.width;
      node.classList.toggle('off', !w.visible);
      return node;
    });
    // Only the nodes out of place move (a swap moves one), so a move relays out no more than it must.
    nodes.forEach((node, i) => {
      const at = this.element.children[i];
      if (at !== node) this.element.insertBefore(node, at ?? null);
    });
    while (this.element.children.length > nodes.length) this.element.lastElementChild!.remove();
    // A moved node loses focus; the keyboard user keeps it.
    if (focused instanceof HTMLElement && focused !== document.activeElement && focused.isConnected) focused.focus();
    return [...this.shown].filter((type) => !before.has(type));
  }
}
