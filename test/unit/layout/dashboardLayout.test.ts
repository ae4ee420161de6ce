/**
 * The layout rules (src/layout/dashboardLayout.ts): the type table, our default layout, the drawn order
 * (stable sort, ties in array order, unknown types kept aside, ours that are missing appended) and the
 * body a Save writes (unknown entries unchanged, `updated_at` as read). Expectations are written out by
 * hand from the rules, not computed by the module.
 */
import assert from 'node:assert/strict';
import type { DashboardLayout } from '../../../src/core/api/queueAndLayoutSchemas';
import {
  defaultLayout,
  effectiveLayout,
  layoutForSave,
  ourWidgetType,
  widgetTypeTable,
  widgetTypes,
} from '../../../src/layout/dashboardLayout';
import { widget as w } from '../builders/layoutBuilder';

const ours = [
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
];

describe('dashboard layout rules', () => {
  it('names the issue’s twelve types once each, ids equal types, Granite names equal ours today', () => {
    assert.deepEqual([...widgetTypes], ours);
    assert.deepEqual(
      widgetTypeTable.map((e) => e.type),
      ours,
    );
    for (const e of widgetTypeTable) {
      assert.equal(e.graniteType, e.type);
      assert.equal(ourWidgetType(e.type), e.type);
    }
    assert.equal(ourWidgetType('Summary'), undefined, 'no guessing: names match exactly');
    assert.equal(ourWidgetType('kpi_cards'), undefined);
  });

  it('the default layout is today’s dashboard: that order, wide cards full, the rest half, queue last and full', () => {
    const layout = defaultLayout();
    assert.equal(layout.updated_at, null);
    assert.deepEqual(
      layout.widgets.map((x) => [x.id, x.type, x.visible, x.order, x.width]),
      [
        ['summary', 'summary', true, 0, 'full'],
        ['executions_over_time', 'executions_over_time', true, 1, 'full'],
        ['success_rate', 'success_rate', true, 2, 'half'],
        ['failure_breakdown', 'failure_breakdown', true, 3, 'half'],
        ['trigger_distribution', 'trigger_distribution', true, 4, 'half'],
        ['duration_distribution', 'duration_distribution', true, 5, 'half'],
        ['top_automations', 'top_automations', true, 6, 'full'],
        ['recent_failures', 'recent_failures', true, 7, 'full'],
        ['actions_per_workflow', 'actions_per_workflow', true, 8, 'half'],
        ['workflow_complexity', 'workflow_complexity', true, 9, 'half'],
        ['endpoint_usage', 'endpoint_usage', true, 10, 'full'],
        ['queue_metrics', 'queue_metrics', true, 11, 'full'],
      ],
    );
    assert.notEqual(defaultLayout().widgets, layout.widgets, 'a fresh copy each time (callers may edit it)');
  });

  it('draws by order with a stable sort: ties keep array order', () => {
    const layout = effectiveLayout({
      widgets: [
        w('success_rate', 2),
        w('summary', 1),
        w('queue_metrics', 1, { width: 'third' }),
        w('recent_failures', 0, { visible: false }),
        w('top_automations', 1),
      ],
    });
    assert.deepEqual(
      layout.widgets.slice(0, 5).map((x) => [x.widget, x.visible, x.width, x.added]),
      [
        ['recent_failures', false, 'half', false],
        ['summary', true, 'half', false],
        ['queue_metrics', true, 'third', false],
        ['top_automations', true, 'half', false],
        ['success_rate', true, 'half', false],
      ],
    );
  });

  it('keeps unknown types and repeats aside, as read, and draws neither', () => {
    const unknown = w('granite_heatmap', 0, { id: 'h1', width: 'full' });
    const repeat = w('summary', 5, { id: 'summary-2' });
    const layout = effectiveLayout({ widgets: [w('summary', 1), unknown, repeat] });
    assert.deepEqual(layout.kept, [unknown, repeat]);
    assert.equal(layout.kept[0], unknown, 'the same entry, unchanged');
    assert.equal(layout.widgets.filter((x) => x.widget === 'summary').length, 1);
    assert.equal(layout.widgets[0]?.id, 'summary');
    assert.ok(!layout.widgets.some((x) => x.type === 'granite_heatmap'));
  });

  it('appends ours that are missing after the rest, in default order, visible at default width', () => {
    const layout = effectiveLayout({
      widgets: [w('queue_metrics', 3), w('success_rate', 7, { visible: false }), w('mystery', 40)],
    });
    assert.deepEqual(
      layout.widgets.map((x) => [x.widget, x.order, x.visible, x.width, x.added]),
      [
        ['queue_metrics', 3, true, 'half', false],
        ['success_rate', 7, false, 'half', false],
        ['summary', 41, true, 'full', true],
        ['executions_over_time', 42, true, 'full', true],
        ['failure_breakdown', 43, true, 'half', true],
        ['trigger_distribution', 44, true, 'half', true],
        ['duration_distribution', 45, true, 'half', true],
        ['top_automations', 46, true, 'full', true],
        ['recent_failures', 47, true, 'full', true],
        ['actions_per_workflow', 48, true, 'half', true],
        ['workflow_complexity', 49, true, 'half', true],
        ['endpoint_usage', 50, true, 'full', true],
      ],
    );
    const empty = effectiveLayout({ widgets: [] });
    assert.deepEqual(
      empty.widgets.map((x) => [x.id, x.order, x.width]),
      defaultLayout().widgets.map((x) => [x.id, x.order, x.width]),
      'no layout at all draws our default',
    );
  });

  it('a Save writes ours as edited, renumbered, then the unknown entries unchanged, with updated_at as read', () => {
    const unknownA = w('granite_heatmap', 0, { id: 'h1', width: 'full', visible: false });
    const unknownB = w('granite_notes', 9, { id: 'n1', width: 'third' });
    const lastRead: DashboardLayout = {
      widgets: [unknownA, w('summary', 1, { id: 'kpis' }), unknownB, w('success_rate', 2)],
      updated_at: '2026-11-26T12:00:00.123456',
    };
    const edited = [
      ...effectiveLayout(lastRead).widgets.map(({ id, type, visible, order, width }) => ({
        id,
        type,
        visible,
        order,
        width,
      })),
    ];
    // The user moved success_rate first, hid the summary, made the queue a third; an invented unknown entry rides along.
    const byType = (t: string) => edited.find((x) => x.type === t)!;
    byType('success_rate').order = -1;
    byType('summary').visible = false;
    byType('queue_metrics').width = 'third';
    edited.push(w('invented', 0));
    const body = layoutForSave(edited, lastRead);
    assert.equal(body.updated_at, '2026-11-26T12:00:00.123456', 'kept exactly as the server sent it');
    assert.deepEqual(body.widgets.slice(0, 3), [
      { id: 'success_rate', type: 'success_rate', visible: true, order: 0, width: 'half' },
      { id: 'kpis', type: 'summary', visible: false, order: 1, width: 'half' },
      { id: 'executions_over_time', type: 'executions_over_time', visible: true, order: 2, width: 'full' },
    ]);
    assert.equal(body.widgets.length, 12 + 2, 'each of ours once, plus the two unknown entries');
    assert.deepEqual(body.widgets.slice(12), [unknownA, unknownB], 'unknown entries unchanged, in array order');
    assert.deepEqual(
      body.widgets.find((x) => x.type === 'queue_metrics'),
      { id: 'queue_metrics', type: 'queue_metrics', visible: true, order: 11, width: 'third' },
    );
    assert.ok(!body.widgets.some((x) => x.type === 'invented'), 'the webview cannot add a type');
  });

  it('a Save of an edit that left some of ours out still writes all of them; never-saved stays null', () => {
    const body = layoutForSave([w('queue_metrics', 0, { width: 'full' })], { widgets: [], updated_at: null });
    assert.equal(body.updated_at, null);
    assert.deepEqual(
      body.widgets.map((x) => x.type),
      ['queue_metrics', ...ours.filter((t) => t !== 'queue_metrics')],
    );
    assert.deepEqual(
      body.widgets.map((x) => x.order),
      [...ours.keys()],
    );
    const missingStamp = layoutForSave([], { widgets: [] });
    assert.equal(missingStamp.updated_at, null, 'an absent updated_at is sent as null');
  });
});
