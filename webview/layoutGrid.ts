/**
 * The dashboard's widgets on a grid that follows Granite's layout (issue 14): six columns, a widget spans
 * six (full), three (half) or two (third); a narrow panel falls back to one column (a container query in
 * media/dashboard.css). DOM order is drawn order, so Tab and screen readers follow what is seen. Hidden
 * widgets and widgets this page has no card for are not in the DOM at all, so their charts are never
 * built and data → drawn pays nothing for them.
 */
import type { WidgetConfig } from '../src/core/api/queueAndLayoutSchemas';
import type { LayoutState } from '../src/dashboard/protocol';
import { el } from './dom';

/**
 * Our default layout: today's look (the KPIs, executions and the tables full width, the other charts
 * half). A stand-in for the host's table in src/layout/dashboardLayout.ts until that is merged: the
 * webview needs it for an absent layout and for Reset.
 */
export const defaultWidgets: readonly WidgetConfig[] = (
  [
    ['summary', 'full'],
    ['executions_over_time', 'full'],
    ['success_rate', 'half'],
    ['failure_breakdown', 'half'],
    ['trigger_distribution', 'half'],
    ['duration_distribution', 'half'],
    ['top_automations', 'full'],
    ['recent_failures', 'full'],
    ['actions_per_workflow', 'half'],
    ['workflow_complexity', 'half'],
    ['endpoint_usage', 'full'],
    ['queue_metrics', 'full'],
  ] as const
).map(([type, width], order) => ({ id: type, type, visible: true, order, width }));

const ourTypes = new Set(defaultWidgets.map((w) => w.type));

/**
 * The widgets in the order to draw: Granite's by `order` (ties keep array order), unknown entries kept
 * in place (they are written back unchanged), then ours that the layout misses, in default order.
 */
export function effectiveWidgets(layout: LayoutState | undefined): WidgetConfig[] {
  const given = (layout?.layout.widgets ?? [])
    .map((w, i) => ({ w, i }))
    .sort((a, b) => a.w.order - b.w.order || a.i - b.i)
    .map(({ w }) => w);
  const present = new Set(given.map((w) => w.type));
  return [...given, ...defaultWidgets.filter((d) => !present.has(d.type)).map((d) => ({ ...d }))];
}

/** The first entry of each of our types: what Customize edits; everything else is carried unchanged. */
export function oursIn(widgets: readonly WidgetConfig[]): WidgetConfig[] {
  const seen = new Set<string>();
  return widgets.filter((w) => ourTypes.has(w.type) && !seen.has(w.type) && !!seen.add(w.type));
}

/** Reset: our default, with the entries that are not ours kept unchanged after it. */
export function resetWidgets(widgets: readonly WidgetConfig[]): WidgetConfig[] {
  const ours = oursIn(widgets);
  return [...defaultWidgets.map((d) => ({ ...d })), ...widgets.filter((w) => !ours.includes(w))];
}

export class LayoutGrid {
  readonly element = el('div', { class: 'grid widgets' });
  /** Every entry (hidden and unknown ones too) in drawn order, as last applied. */
  widgets: WidgetConfig[] = [];
  /** Customize mode: hidden widgets are drawn too (as switched off), to be switched on again. */
  editing = false;
  private shown = new Set<string>();
  private drawnKey = '';

  /** `cards`: each widget type this page draws, with its card's element. */
  constructor(readonly cards: ReadonlyMap<string, HTMLElement>) {
    for (const [type, card] of cards) card.dataset.widget = type;
  }

  /** The entries this page draws (or, in Customize mode, offers): the first of each type it has a card for. */
  drawable(widgets: readonly WidgetConfig[] = this.widgets): WidgetConfig[] {
    return oursIn(widgets).filter((w) => this.cards.has(w.type));
  }

  /** Whether the widget of this type is on screen with its content (so it needs data). */
  isShown(type: string): boolean {
    return this.shown.has(type);
  }

  /** Draws `widgets`; returns the types now shown that were not before (they need their data). */
  apply(widgets: WidgetConfig[]): string[] {
    this.widgets = widgets;
    const items = this.drawable().filter((w) => this.editing || w.visible);
    const key = JSON.stringify([this.editing, items.map((w) => [w.type, w.width, w.visible])]);
    if (key === this.drawnKey) return [];
    this.drawnKey = key;
    const before = this.shown;
    this.shown = new Set(items.filter((w) => w.visible).map((w) => w.type));
    const focused = document.activeElement;
    const nodes = items.map((w) => {
      const node = this.cards.get(w.type)!;
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
