/**
 * Dashboard layout test builders, shared by the unit, contract and code-server tests of src/layout/: a
 * widget config with the spec's defaults, and what Customize mode sends back for a layout.
 */
import type { WidgetConfig } from '../../../src/core/api/queueAndLayoutSchemas';
import { effectiveLayout } from '../../../src/layout/dashboardLayout';

/** One widget whose id is its type (as ours are), visible, half width, unless `extra` says otherwise. */
export const widget = (type: string, order: number, extra: Partial<WidgetConfig> = {}): WidgetConfig => ({
  id: type,
  type,
  visible: true,
  order,
  width: 'half',
  ...extra,
});

/** What the webview sends back for a layout: every drawn widget (ours) as a plain config. */
export const editedWidgets = (widgets: readonly WidgetConfig[]): WidgetConfig[] =>
  effectiveLayout({ widgets }).widgets.map(({ id, type, visible, order, width }) => ({
    id,
    type,
    visible,
    order,
    width,
  }));
