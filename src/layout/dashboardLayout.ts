/**
 * The dashboard's layout rules, shared by the host (layoutSource.ts) and the webview (which draws and
 * edits with them): the one table of our widget types and their Granite names, our default layout, the
 * layout to draw from whatever Granite sent (`effectiveLayout`), and the whole layout a Save writes back
 * (`layoutForSave`). Pure and zod-free (type imports only), so the webview bundle can carry it
 * (test/unit/bundleSize.test.ts).
 *
 * Granite documents no widget `type` values (issue 14), so this table is the only place that names them:
 * today each Granite name equals ours, the spec's own vocabulary (the batch's section keys and the queue
 * route's name). When a live Granite layout shows other names, only `graniteType`/`aliases` change. An
 * entry whose type we do not know is kept as read, never drawn, and written back unchanged.
 */
import type { DashboardLayout, WidgetConfig } from '../core/api/queueAndLayoutSchemas';
import type { WidgetWidth } from '../core/api/vocabulary';

/** Our widget types, in our default order; each widget's id equals its type. */
export const widgetTypes = [
  'summary',
  'executions_over_time',
  'success_rate',
  'failure_breakdown',
  'trigger_distribution',
  'duration_distribution',
  'top_automations',
  'recent_failures',
  'actions_per_workflow',
  'workflow_complexity',
  'endpoint_usage',
  'queue_metrics',
] as const;
export type WidgetType = (typeof widgetTypes)[number];

export interface WidgetTypeEntry {
  type: WidgetType;
  /** The name written to Granite for a widget we add (today: ours). */
  graniteType: string;
  /** Other Granite names read as this widget (none known today); written back as read. */
  aliases: readonly string[];
  /** Width in our default layout: what the dashboard looked like before layouts (wide cards are `full`). */
  defaultWidth: WidgetWidth;
}

const entry = (type: WidgetType, defaultWidth: WidgetWidth): WidgetTypeEntry => ({
  type,
  graniteType: type,
  aliases: [],
  defaultWidth,
});

/** The one mapping table (README "Dashboard layout" documents it). Order = our default order. */
export const widgetTypeTable: readonly WidgetTypeEntry[] = [
  entry('summary', 'full'),
  entry('executions_over_time', 'full'),
  entry('success_rate', 'half'),
  entry('failure_breakdown', 'half'),
  entry('trigger_distribution', 'half'),
  entry('duration_distribution', 'half'),
  entry('top_automations', 'full'),
  entry('recent_failures', 'full'),
  entry('actions_per_workflow', 'half'),
  entry('workflow_complexity', 'half'),
  entry('endpoint_usage', 'full'),
  // New with issue 14: last, full width, so every card that existed keeps its place and size.
  entry('queue_metrics', 'full'),
];

/** Our type for a Granite `type` (ours, its Granite name or an alias), or undefined when we do not know it. */
export function ourWidgetType(graniteType: string): WidgetType | undefined {
  return widgetTypeTable.find(
    (e) => e.type === graniteType || e.graniteType === graniteType || e.aliases.includes(graniteType),
  )?.type;
}

/** Our default layout: every widget visible, in table order, at its default width; never saved (`updated_at` null). */
export function defaultLayout(): DashboardLayout {
  return {
    widgets: widgetTypeTable.map((e, order) => ({
      id: e.type,
      type: e.graniteType,
      visible: true,
      order,
      width: e.defaultWidth,
    })),
    updated_at: null,
  };
}

/** One of our widgets as drawn: where it goes, whether it shows, and how wide. */
export interface PlacedWidget extends WidgetConfig {
  /** Our type (`type` is the Granite name, as read or from the table). */
  widget: WidgetType;
  /** Not in Granite's layout: appended after the rest; it reaches Granite only through a Save. */
  added: boolean;
}

export interface EffectiveLayout {
  /** Each of our widgets once, in drawn order (hidden ones included, for Customize mode). */
  widgets: PlacedWidget[];
  /** Entries not drawn, as read: unknown types, and repeats of a type already placed. */
  kept: WidgetConfig[];
}

/**
 * The layout to draw: Granite's entries stably sorted by `order` (ties keep array order), ours drawn,
 * unknown types and repeats kept aside, and ours that are missing appended after the rest in our default
 * order (visible, default width), ordered after the highest order read.
 */
export function effectiveLayout(layout: { readonly widgets: readonly WidgetConfig[] }): EffectiveLayout {
  const sorted = layout.widgets
    .map((w, index) => ({ w, index }))
    .sort((a, b) => a.w.order - b.w.order || a.index - b.index);
  const widgets: PlacedWidget[] = [];
  const kept: WidgetConfig[] = [];
  const placed = new Set<WidgetType>();
  for (const { w } of sorted) {
    const widget = ourWidgetType(w.type);
    if (widget === undefined || placed.has(widget)) {
      kept.push(w);
      continue;
    }
    placed.add(widget);
    widgets.push({ ...w, widget, added: false });
  }
  let next = Math.max(-1, ...layout.widgets.map((w) => w.order)) + 1;
  for (const e of widgetTypeTable) {
    if (placed.has(e.type)) continue;
    widgets.push({
      id: e.type,
      type: e.graniteType,
      visible: true,
      order: next++,
      width: e.defaultWidth,
      widget: e.type,
      added: true,
    });
  }
  return { widgets, kept };
}

/**
 * The whole layout a Save writes: our widgets as edited (stably sorted by the `order` sent, renumbered
 * 0, 1, 2…, each type once, ours that the edit left out appended as `effectiveLayout` would), then every
 * entry of `lastRead` that is not drawn (unknown types, repeats) unchanged and in its array order; an
 * unknown entry the edit carries is ignored (the webview cannot invent types). Each of ours keeps the id
 * and Granite name it was read with. `updated_at` is `lastRead`'s, as the server last sent it.
 */
export function layoutForSave(edited: readonly WidgetConfig[], lastRead: DashboardLayout): DashboardLayout {
  const read = effectiveLayout(lastRead);
  const readAs = new Map(read.widgets.filter((w) => !w.added).map((w) => [w.widget, w]));
  const ours = effectiveLayout({ widgets: edited.filter((w) => ourWidgetType(w.type) !== undefined) }).widgets;
  const widgets: WidgetConfig[] = ours.map((w, order) => {
    const original = readAs.get(w.widget);
    return {
      id: original?.id ?? w.id,
      type: original?.type ?? w.type,
      visible: w.visible,
      order,
      width: w.width,
    };
  });
  const kept = new Set(read.kept);
  for (const w of lastRead.widgets) if (kept.has(w)) widgets.push({ ...w });
  return { widgets, updated_at: lastRead.updated_at ?? null };
}

/** A widget's span on the dashboard's 6-column grid (full = 6, half = 3, third = 2). */
export const widgetColumns: Readonly<Record<WidgetWidth, number>> = { full: 6, half: 3, third: 2 };
