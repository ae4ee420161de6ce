/**
 * A collapsible JSON tree (WAI-ARIA tree pattern): children are built only when their parent is first
 * expanded, and a big object or array shows its children a page at a time, so a large `result` costs
 * nothing until it is opened. One item is in the tab order (roving tabindex); arrows move, Right/Left
 * expand and collapse or go to the first child / the parent, Home/End, Enter/Space toggle. Every key and
 * value is text.
 */
import { el } from '../dom';
import { t } from '../l10n';
import { jsonTreePageSize, maxJsonStringChars } from './timing';

type Json = unknown;

function preview(value: Json): { text: string; kind: string } {
  if (value === null) return { text: 'null', kind: 'null' };
  if (Array.isArray(value)) return { text: t('[{0} items]', value.length), kind: 'array' };
  if (typeof value === 'object') return { text: t('{{0} keys}', Object.keys(value).length), kind: 'object' };
  if (typeof value === 'string') {
    const cut = value.length > maxJsonStringChars;
    const shown = JSON.stringify(cut ? value.slice(0, maxJsonStringChars) : value);
    return {
      text: cut ? `${shown}${t(' … ({0} more characters)', value.length - maxJsonStringChars)}` : shown,
      kind: 'string',
    };
  }
  // What JSON can hold besides: numbers and booleans.
  return { text: typeof value === 'number' || typeof value === 'boolean' ? String(value) : '', kind: typeof value };
}

const isBranch = (value: Json) => value !== null && typeof value === 'object' && Object.keys(value).length > 0;

export function jsonTree(value: Json, label: string): HTMLElement {
  const tree = el('ul', { class: 'json-tree', role: 'tree', 'aria-label': label });
  const entries = value !== null && typeof value === 'object' ? Object.entries(value) : [['', value] as [string, Json]];
  appendItems(tree, entries, 1, 0);
  const first = tree.querySelector<HTMLElement>('[role="treeitem"]');
  if (first) first.tabIndex = 0;
  tree.addEventListener('keydown', (e) => onKey(tree, e));
  tree.addEventListener('click', (e) => {
    const item = (e.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
    if (!item) return;
    focusItem(tree, item);
    if ((e.target as HTMLElement).closest('.json-row')) toggle(item);
  });
  return tree;
}

function appendItems(parent: HTMLElement, entries: [string, Json][], level: number, from: number): void {
  const to = Math.min(entries.length, from + jsonTreePageSize);
  for (let i = from; i < to; i++) {
    const [key, value] = entries[i]!;
    const { text, kind } = preview(value);
    const branch = isBranch(value);
    const item = el(
      'li',
      {
        role: 'treeitem',
        tabindex: -1,
        'aria-level': level,
        'aria-setsize': entries.length,
        'aria-posinset': i + 1,
        'aria-expanded': branch ? 'false' : undefined,
      },
      el(
        'span',
        { class: 'json-row' },
        el('span', { class: 'json-toggle', 'aria-hidden': 'true' }, branch ? '▸' : ''),
        key ? el('span', { class: 'json-key', dir: 'auto' }, key) : null,
        key ? ': ' : '',
        el('span', { class: `json-value json-${kind}`, dir: 'auto' }, text),
      ),
    );
    if (branch) (item as HTMLElement & { jsonValue?: Json }).jsonValue = value;
    parent.append(item);
  }
  if (to < entries.length) {
    const more = el(
      'li',
      { role: 'treeitem', tabindex: -1, 'aria-level': level, class: 'json-more' },
      el(
        'span',
        { class: 'json-row' },
        t('Show {0} more of {1}', Math.min(jsonTreePageSize, entries.length - to), entries.length),
      ),
    );
    (more as HTMLElement & { showMore?: () => void }).showMore = () => {
      more.remove();
      appendItems(parent, entries, level, to);
    };
    parent.append(more);
  }
}

function toggle(item: HTMLElement, open?: boolean): void {
  const more = (item as HTMLElement & { showMore?: () => void }).showMore;
  if (more) {
    const next = item.previousElementSibling;
    more();
    const focus = next?.nextElementSibling as HTMLElement | null;
    if (focus) focusItem(item.closest('[role="tree"]')!, focus);
    return;
  }
  const expanded = item.getAttribute('aria-expanded');
  if (expanded === null) return;
  const shouldOpen = open ?? expanded === 'false';
  item.setAttribute('aria-expanded', String(shouldOpen));
  item.querySelector(':scope > .json-row > .json-toggle')!.textContent = shouldOpen ? '▾' : '▸';
  let group = item.querySelector<HTMLElement>(':scope > [role="group"]');
  if (shouldOpen && !group) {
    const value = (item as HTMLElement & { jsonValue?: Json }).jsonValue;
    group = el('ul', { role: 'group' });
    appendItems(group, Object.entries(value as object), Number(item.getAttribute('aria-level')) + 1, 0);
    item.append(group);
  }
  if (group) group.hidden = !shouldOpen;
}

function visibleItems(tree: HTMLElement): HTMLElement[] {
  return [...tree.querySelectorAll<HTMLElement>('[role="treeitem"]')].filter((item) => !item.closest('[hidden]'));
}

function focusItem(tree: HTMLElement, item: HTMLElement): void {
  for (const other of tree.querySelectorAll<HTMLElement>('[role="treeitem"][tabindex="0"]')) other.tabIndex = -1;
  item.tabIndex = 0;
  item.focus();
}

function onKey(tree: HTMLElement, e: KeyboardEvent): void {
  const item = (e.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
  if (!item) return;
  const items = visibleItems(tree);
  const at = items.indexOf(item);
  const rtl = getComputedStyle(tree).direction === 'rtl';
  const key = rtl && e.key === 'ArrowLeft' ? 'ArrowRight' : rtl && e.key === 'ArrowRight' ? 'ArrowLeft' : e.key;
  let next: HTMLElement | undefined;
  switch (key) {
    case 'ArrowDown':
      next = items[at + 1];
      break;
    case 'ArrowUp':
      next = items[at - 1];
      break;
    case 'Home':
      next = items[0];
      break;
    case 'End':
      next = items[items.length - 1];
      break;
    case 'ArrowRight':
      if (item.getAttribute('aria-expanded') === 'false') toggle(item, true);
      else if (item.getAttribute('aria-expanded') === 'true') next = visibleItems(tree)[at + 1];
      break;
    case 'ArrowLeft':
      if (item.getAttribute('aria-expanded') === 'true') toggle(item, false);
      else next = item.parentElement?.closest<HTMLElement>('[role="treeitem"]') ?? undefined;
      break;
    case 'Enter':
    case ' ':
      toggle(item);
      break;
    default:
      return;
  }
  e.preventDefault();
  if (next) focusItem(tree, next);
}
