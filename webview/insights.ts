/**
 * Quick insights in the header: one line each, computed by the host from the batch and the previous
 * period. The workflow or category name is inserted as text (with `dir="auto"`, so a right-to-left name
 * keeps the figures after it out of its run); clicking an insight applies the filter
 * that shows it (a workflow), picks the category in the failures table, or scrolls to the section.
 */
import type { DashboardState } from '../src/dashboard/protocol';
import type { Insight } from '../src/dashboard/insights';
import { button, el, icon, replaceChildren } from './dom';
import type { Host } from './host';
import { t } from './l10n';

const icons: Record<Insight['id'], string> = {
  'rate-drop': 'arrow-down',
  'new-category': 'new-file',
  'p95-growth': 'watch',
};

export class Insights {
  readonly element = el('section', { class: 'insights', 'aria-label': t('Quick insights'), hidden: true });

  constructor(
    private readonly host: Host,
    private readonly showCategory: (category: string) => void,
  ) {}

  update(state: DashboardState): void {
    this.element.hidden = state.insights.length === 0;
    replaceChildren(this.element, ...state.insights.map((insight) => this.item(insight, state)));
  }

  private item(insight: Insight, state: DashboardState): HTMLElement {
    const [before, after] = insight.text.split('{subject}');
    const text: (string | HTMLElement)[] =
      insight.subject === undefined || after === undefined
        ? [insight.text]
        : [before ?? '', el('span', { class: 'insight-subject', dir: 'auto' }, insight.subject), after];
    const go = button('', () => this.go(insight, state), { class: 'link insight-link', title: t('Show this') });
    go.replaceChildren(...text); // strings become Text nodes, never HTML
    return el('div', { class: `insight ${insight.id}`, 'data-insight': insight.id }, icon(icons[insight.id]), ' ', go);
  }

  private go(insight: Insight, state: DashboardState): void {
    const target = insight.target;
    if (target.kind === 'workflow')
      this.host.post({ type: 'setFilters', filters: { ...state.filters, workflow: target.workflow } });
    else if (target.kind === 'category') this.showCategory(target.category);
    else document.getElementById('card-durations')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }
}
