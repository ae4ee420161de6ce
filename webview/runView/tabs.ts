/**
 * The run view's tabs (WAI-ARIA tabs pattern, automatic activation): one tab in the tab order at a time
 * (roving tabindex); Left/Right (mirrored in right-to-left text), Home and End move and select. A panel is
 * built the first time its tab is selected, so the first screen draws only the Summary.
 */
import { el } from '../dom';

export interface TabSpec {
  id: string;
  label: string;
  /** Builds (or rebuilds) the panel's content. */
  render: (panel: HTMLElement) => void;
  /** Called each time the tab is selected (the Timeline asks for its screenshots). */
  onShow?: () => void;
}

export class Tabs {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly panels: HTMLElement;
  private specs: TabSpec[] = [];
  private readonly built = new Set<string>();
  private selectedId = '';

  constructor(
    label: string,
    private readonly onSelect: (id: string) => void,
  ) {
    this.list = el('div', { role: 'tablist', 'aria-label': label, class: 'tabs' });
    this.panels = el('div', { class: 'tab-panels' });
    this.element = el('div', { class: 'tabbed' }, this.list, this.panels);
    this.list.addEventListener('keydown', (e) => this.onKey(e));
  }

  get selected(): string {
    return this.selectedId;
  }

  /** Sets the tabs (a state may add or drop the Timeline); keeps the selection when it still exists. */
  setTabs(specs: TabSpec[], preferred: string): void {
    this.specs = specs;
    this.built.clear();
    const tabs: HTMLElement[] = [];
    const panels: HTMLElement[] = [];
    for (const spec of specs) {
      const tab = el(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `tab-${spec.id}`,
          'aria-controls': `panel-${spec.id}`,
          'aria-selected': 'false',
          tabindex: -1,
          class: 'tab',
        },
        spec.label,
      );
      tab.addEventListener('click', () => this.select(spec.id));
      tabs.push(tab);
      panels.push(
        el('div', {
          role: 'tabpanel',
          id: `panel-${spec.id}`,
          'aria-labelledby': `tab-${spec.id}`,
          tabindex: 0,
          hidden: true,
        }),
      );
    }
    const hadFocus = this.list.contains(document.activeElement);
    this.list.replaceChildren(...tabs);
    this.panels.replaceChildren(...panels);
    const keep = specs.some((s) => s.id === preferred) ? preferred : (specs[0]?.id ?? '');
    this.selectedId = '';
    this.select(keep, hadFocus); // a state arriving while a tab has focus keeps it on the selected tab
  }

  select(id: string, focus = false): void {
    const spec = this.specs.find((s) => s.id === id);
    if (!spec) return;
    const changed = this.selectedId !== id;
    this.selectedId = id;
    for (const tab of this.list.querySelectorAll<HTMLElement>('[role="tab"]')) {
      const on = tab.id === `tab-${id}`;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      if (on && focus) tab.focus();
    }
    for (const panel of this.panels.children) (panel as HTMLElement).hidden = panel.id !== `panel-${id}`;
    const panel = this.panels.querySelector<HTMLElement>(`#panel-${id}`)!;
    if (!this.built.has(id)) {
      this.built.add(id);
      spec.render(panel);
    }
    spec.onShow?.();
    if (changed) this.onSelect(id);
  }

  private onKey(e: KeyboardEvent): void {
    const at = this.specs.findIndex((s) => s.id === this.selectedId);
    const rtl = getComputedStyle(this.list).direction === 'rtl';
    const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
    const back = rtl ? 'ArrowRight' : 'ArrowLeft';
    let next: number;
    if (e.key === forward) next = (at + 1) % this.specs.length;
    else if (e.key === back) next = (at - 1 + this.specs.length) % this.specs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = this.specs.length - 1;
    else return;
    e.preventDefault();
    this.select(this.specs[next]!.id, true);
  }
}
