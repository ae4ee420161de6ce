/** Placeholders shown until the first state arrives (the host sends it after `ready`). */
import { el } from './dom';
import { t } from './l10n';

export function skeleton(): HTMLElement {
  const block = (cls: string) => el('div', { class: `skeleton ${cls}` });
  return el(
    'div',
    { class: 'skeletons', role: 'status', 'aria-label': t('Loading Granite analytics…') },
    el('div', { class: 'kpis' }, ...Array.from({ length: 7 }, () => block('kpi'))),
    el('div', { class: 'grid' }, block('chart wide'), block('chart'), block('chart'), block('chart'), block('chart')),
  );
}
