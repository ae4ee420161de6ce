/**
 * Options for a <vscode-single-select>, rebuilt only when they change: the workflow list can hold
 * thousands of names, and rebuilding it on every state would cost more than the rest of a redraw.
 */
import { el } from './dom';

export interface Option {
  value: string;
  label: string;
}

const current = new WeakMap<HTMLElement, string>();

/** Sets the options (when they changed) and the selected value. */
export function fillSelect(select: HTMLElement, options: readonly Option[], selected: string): void {
  const key = JSON.stringify(options);
  if (current.get(select) !== key) {
    current.set(select, key);
    const fragment = document.createDocumentFragment();
    // `selected` on the option holds before the element has read its options; `value` after.
    for (const option of options)
      fragment.append(el('vscode-option', { value: option.value, selected: option.value === selected }, option.label));
    select.replaceChildren(fragment);
  }
  setSelectValue(select, selected);
}

/** The select's value (a property of the custom element). */
export function selectValue(select: HTMLElement): string {
  return (select as HTMLElement & { value?: string }).value ?? '';
}

export function setSelectValue(select: HTMLElement, value: string): void {
  const element = select as HTMLElement & { value: string };
  if (element.value !== value) element.value = value;
}
