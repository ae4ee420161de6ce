/**
 * Customize mode (issue 14): the "Customize" button turns the grid into an editor of the layout. Per
 * widget a show/hide switch and a width; moves by drag and drop, or Alt+↑/↓ on a focused widget (said in
 * an aria-live region). Save posts the whole list (entries this page does not know, unchanged), Cancel
 * restores, Reset gives our default. States that arrive while editing never replace the edit: they only
 * say how the save goes (saving, its error, a conflict), and a new `savedCount` ends the mode.
 */
import type { WidgetConfig } from '../src/core/api/queueAndLayoutSchemas';
import { widgetWidths, type WidgetWidth } from '../src/core/api/vocabulary';
import type { LayoutState } from '../src/dashboard/protocol';
import { defaultLayout, effectiveLayout } from '../src/layout/dashboardLayout';
import { el, replaceChildren } from './dom';
import type { Host } from './host';
import { t } from './l10n';
import { layoutToDraw, type GridLayout, type LayoutGrid } from './layoutGrid';

interface Edit {
  layout: GridLayout;
  /** `savedCount` when the mode began: a higher one is our Save done. */
  savedCount: number;
  /** A Save was posted, so the state's error or conflict is about this edit. */
  posted: boolean;
}

interface Tools {
  box: HTMLElement;
  visible: HTMLInputElement;
  width: HTMLSelectElement;
}

export class Customize {
  readonly button = el(
    'vscode-button',
    { secondary: true, icon: 'edit', id: 'customize', hidden: true },
    t('Customize'),
  );
  readonly bar = el('div', {
    class: 'customize-bar',
    role: 'region',
    'aria-label': t('Customize the dashboard'),
    hidden: true,
  });
  private readonly live = el('div', { class: 'visually-hidden', 'aria-live': 'polite' });
  private readonly status = el('div', { class: 'customize-status' });
  private readonly save = el('vscode-button', { id: 'layout-save' }, t('Save'));
  private readonly hint = el(
    'p',
    { class: 'muted', id: 'customize-hint' },
    t('Drag a widget, or focus it and press Alt+↑ or Alt+↓, to move it.'),
  );
  private readonly tools = new Map<string, Tools>();
  private edit?: Edit;
  private state?: LayoutState;
  private statusKey = '';
  private dragged?: string;

  constructor(
    private readonly host: Host,
    private readonly grid: LayoutGrid,
    /** Widgets newly shown (switched on, Cancel, Reset): the dashboard fills them with the last data. */
    private readonly onShown: (types: string[]) => void,
  ) {
    const button = (label: string, id: string, run: () => void) => {
      const b = el('vscode-button', { secondary: true, id }, label);
      b.addEventListener('click', run);
      return b;
    };
    this.button.addEventListener('click', () => this.enter());
    this.save.addEventListener('click', () => this.post(false));
    this.bar.append(
      el(
        'div',
        { class: 'toolbar' },
        this.save,
        button(t('Cancel'), 'layout-cancel', () => this.leave()),
        button(t('Reset'), 'layout-reset', () => this.reset()),
      ),
      this.hint,
      this.status,
      this.live,
    );
    for (const [type, card] of grid.cards) this.wire(type, card);
  }

  get editing(): boolean {
    return this.edit !== undefined;
  }

  /** Every state: draws its layout or, while editing, keeps the edit and shows how the save goes. */
  update(layout: LayoutState | undefined, hasData: boolean): void {
    this.state = layout;
    this.button.hidden = !hasData || this.editing;
    if (!this.edit) {
      this.apply(layoutToDraw(layout));
      return;
    }
    if ((layout?.savedCount ?? 0) !== this.edit.savedCount) {
      this.leave();
      this.say(t('Layout saved.'));
      return;
    }
    this.showStatus();
  }

  private apply(layout: GridLayout): void {
    const shown = this.grid.apply(layout);
    if (this.edit) this.syncTools();
    if (shown.length) this.onShown(shown);
  }

  private enter(): void {
    const { widgets, kept } = this.grid.layout;
    this.edit = {
      layout: { widgets: widgets.map((w) => ({ ...w })), kept },
      savedCount: this.state?.savedCount ?? 0,
      posted: false,
    };
    this.grid.editing = true;
    this.grid.element.classList.add('customizing');
    for (const [type, card] of this.grid.cards) {
      card.prepend(this.toolsFor(type, card).box);
      card.tabIndex = 0;
      card.draggable = true;
      card.setAttribute('aria-describedby', 'customize-hint');
      for (const child of card.children)
        if (!child.classList.contains('widget-tools')) (child as HTMLElement).inert = true;
    }
    this.bar.hidden = false;
    this.button.hidden = true;
    this.statusKey = '';
    this.apply(this.edit.layout);
    this.showStatus();
    (this.grid.element.firstElementChild as HTMLElement | null)?.focus();
  }

  private leave(): void {
    const hadFocus = this.bar.contains(document.activeElement) || this.grid.element.contains(document.activeElement);
    this.edit = undefined;
    this.grid.editing = false;
    this.grid.element.classList.remove('customizing');
    for (const card of this.grid.cards.values()) {
      card.querySelector(':scope > .widget-tools')?.remove();
      card.removeAttribute('tabindex');
      card.draggable = false;
      card.removeAttribute('aria-describedby');
      for (const child of card.children) (child as HTMLElement).inert = false;
    }
    this.bar.hidden = true;
    this.apply(layoutToDraw(this.state));
    this.button.hidden = false;
    if (hadFocus) this.button.focus();
  }

  private reset(): void {
    if (!this.edit) return;
    this.edit.layout = { widgets: effectiveLayout(defaultLayout()).widgets, kept: this.edit.layout.kept };
    this.apply(this.edit.layout);
    this.say(t('Default layout restored; Save to keep it.'));
  }

  /** Posts the whole list: ours numbered in their new order, then every entry not drawn as it came. */
  private post(overwrite: boolean): void {
    if (!this.edit || this.state?.saving) return;
    this.edit.posted = true;
    const { widgets: ours, kept } = this.edit.layout;
    const widgets = [
      ...ours.map(({ id, type, visible, width }, order) => ({ id, type, visible, order, width })),
      ...kept,
    ];
    this.host.post({ type: 'saveLayout', widgets, ...(overwrite ? { overwrite } : {}) });
  }

  private showStatus(): void {
    const s = this.state;
    const posted = this.edit?.posted;
    this.save.toggleAttribute('disabled', !!s?.saving);
    const conflict = posted && !s?.saving && s?.conflict;
    const error = posted && !s?.saving && !conflict && s?.saveError;
    const key = JSON.stringify([s?.saving, conflict, error, s?.mode]);
    if (key === this.statusKey) return;
    this.statusKey = key;
    this.status.className = `customize-status${conflict || error ? ' problem' : ''}`;
    this.status.setAttribute('role', conflict || error ? 'alert' : 'status');
    if (conflict) {
      const reload = el('vscode-button', { secondary: true, id: 'layout-reload' }, t('Reload'));
      reload.addEventListener('click', () => {
        this.host.post({ type: 'reloadLayout' });
        this.leave();
      });
      const overwrite = el('vscode-button', { secondary: true, id: 'layout-overwrite' }, t('Overwrite'));
      overwrite.addEventListener('click', () => this.post(true));
      replaceChildren(this.status, el('p', {}, t("Granite's layout changed since it was read.")), reload, overwrite);
    } else if (error) {
      replaceChildren(this.status, el('p', {}, t('The layout was not saved: {0}', error)));
    } else {
      const where =
        s?.mode === 'local'
          ? t('Saved in VS Code only (granite.dashboard.layout is "local").')
          : t('Saved to Granite: the web app shows the same layout.');
      replaceChildren(this.status, el('p', { class: 'muted' }, s?.saving ? t('Saving…') : where));
    }
  }

  private toolsFor(type: string, card: HTMLElement): Tools {
    let tools = this.tools.get(type);
    if (tools) return tools;
    const title = card.querySelector('h2')?.textContent ?? type;
    const visible = el('input', { type: 'checkbox', 'aria-label': t('Show {0}', title) });
    const width = el('select', { class: 'widget-width', 'aria-label': t('Width of {0}', title) });
    const labels: Record<WidgetWidth, string> = { full: t('Full'), half: t('Half'), third: t('Third') };
    for (const w of widgetWidths) width.append(el('option', { value: w }, labels[w]));
    visible.addEventListener('change', () => this.change(type, { visible: visible.checked }));
    width.addEventListener('change', () => this.change(type, { width: width.value as WidgetWidth }));
    const box = el(
      'div',
      { class: 'widget-tools' },
      el('label', {}, visible, t('Shown')),
      el('label', {}, t('Width'), ' ', width),
    );
    tools = { box, visible, width };
    this.tools.set(type, tools);
    return tools;
  }

  private syncTools(): void {
    for (const w of this.grid.drawable(this.edit!.layout.widgets)) {
      const tools = this.tools.get(w.widget);
      if (!tools) continue;
      tools.visible.checked = w.visible;
      tools.width.value = w.width;
    }
  }

  private change(type: string, change: Partial<WidgetConfig>): void {
    const entry = this.edit?.layout.widgets.find((w) => w.widget === type);
    if (!entry) return;
    Object.assign(entry, change);
    this.apply(this.edit!.layout);
  }

  /** Moves a widget `by` places among the drawn ones (the entries between that this page does not draw stay). */
  private move(type: string, by: number): void {
    if (!this.edit) return;
    const list = this.edit.layout.widgets;
    const drawn = this.grid.drawable(list);
    const from = drawn.findIndex((w) => w.widget === type);
    const to = from + by;
    const title = this.titleOf(type);
    if (from < 0 || to < 0 || to >= drawn.length) {
      this.say(by < 0 ? t('{0} is first.', title) : t('{0} is last.', title));
      return;
    }
    const a = list.indexOf(drawn[from]!);
    const b = list.indexOf(drawn[to]!);
    [list[a], list[b]] = [list[b]!, list[a]!];
    this.apply(this.edit.layout);
    this.say(t('{0} moved to position {1} of {2}.', title, to + 1, drawn.length));
  }

  /** Drag and drop: the dragged widget takes the target's place. */
  private dropOn(target: string): void {
    if (!this.edit) return;
    const list = this.edit.layout.widgets;
    const drawn = this.grid.drawable(list);
    const moving = drawn.find((w) => w.widget === this.dragged);
    const onto = drawn.find((w) => w.widget === target);
    if (!moving || !onto || moving === onto) return;
    const to = list.indexOf(onto);
    list.splice(list.indexOf(moving), 1);
    list.splice(to, 0, moving);
    this.apply(this.edit.layout);
    this.say(
      t('{0} moved to position {1} of {2}.', this.titleOf(moving.widget), drawn.indexOf(onto) + 1, drawn.length),
    );
  }

  private wire(type: string, card: HTMLElement): void {
    card.addEventListener('keydown', (event) => {
      if (!this.edit || !event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
      event.preventDefault();
      this.move(type, event.key === 'ArrowUp' ? -1 : 1);
    });
    card.addEventListener('dragstart', (event) => {
      if (!this.edit) return;
      this.dragged = type;
      event.dataTransfer?.setData('text/plain', type);
      card.classList.add('dragging');
    });
    card.addEventListener('dragend', () => card.classList.remove('dragging'));
    card.addEventListener('dragover', (event) => {
      if (this.edit && this.dragged) event.preventDefault();
    });
    card.addEventListener('drop', (event) => {
      event.preventDefault();
      this.dropOn(type);
      this.dragged = undefined;
    });
  }

  private titleOf(type: string): string {
    return this.grid.cards.get(type)?.querySelector('h2')?.textContent ?? type;
  }

  private say(text: string): void {
    // Cleared first, so the same words said twice are announced twice.
    this.live.textContent = '';
    requestAnimationFrame(() => (this.live.textContent = text));
  }
}
