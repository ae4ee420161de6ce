/**
 * A dashboard card: a titled region with header actions, a body, and in place of the body either an
 * error (its batch section failed validation; the other cards still render) or an empty-state note.
 */
import type { SectionProblem } from '../src/core/api/parseBatch';
import type { SectionName } from '../src/core/api/schemas';
import { el, icon, replaceChildren, uid } from './dom';
import type { Host } from './host';
import { t } from './l10n';

export interface CardOptions {
  id: string;
  title: string;
  /** What the card shows, as a tooltip on its title. */
  description: string;
  wide?: boolean;
}

export class Card {
  readonly element: HTMLElement;
  readonly body = el('div', { class: 'card-body' });
  readonly actions = el('div', { class: 'card-actions' });
  private readonly problemBox = el('div', { class: 'card-problem', role: 'alert', hidden: true });
  private readonly note = el('p', { class: 'card-note muted', hidden: true });

  constructor(readonly options: CardOptions) {
    const titleId = uid('card-title');
    const heading = el('h2', { id: titleId, title: options.description }, options.title);
    this.element = el(
      'section',
      { class: options.wide ? 'card wide' : 'card', id: `card-${options.id}`, 'aria-labelledby': titleId },
      el('header', { class: 'card-header' }, heading, this.actions),
      this.problemBox,
      this.note,
      this.body,
    );
  }

  /**
   * Shows the section's problem instead of the body when the section is absent; returns whether the
   * section is usable.
   */
  checkSection(section: SectionName, present: boolean, problems: readonly SectionProblem[]): boolean {
    const problem = problems.find((p) => p.section === section);
    // Kept from an earlier refresh because the latest copy could not be read: shown, and flagged stale.
    const kept = present && problem?.keptFrom !== undefined;
    this.problemBox.hidden = present && !kept;
    this.body.hidden = !present;
    this.actions.hidden = !present;
    if (kept) {
      replaceChildren(
        this.problemBox,
        el(
          'p',
          {},
          icon('warning'),
          ' ',
          t(
            'Granite sent the "{0}" section in a form this version cannot read; its last good data is shown (stale).',
            section,
          ),
        ),
      );
      return true;
    }
    if (present) return true;
    const details = problem?.issues.map((i) => `${i.path}: ${i.message}`) ?? [
      t('The section is missing from the response.'),
    ];
    replaceChildren(
      this.problemBox,
      el(
        'p',
        {},
        icon('error'),
        ' ',
        t('Granite sent the "{0}" section in a form this version cannot read, so it is not shown.', section),
      ),
      el('ul', {}, ...details.map((d) => el('li', {}, d))),
    );
    this.note.hidden = true;
    return false;
  }

  /** A note under the header that says why nothing is drawn (or clears it). */
  setNote(text: string | undefined): void {
    this.note.hidden = !text;
    this.note.textContent = text ?? '';
  }
}

/** An "Export CSV" button: the host builds the file (and neutralises formulas), never the webview. */
export function csvButton(host: Host, name: string, rows: () => string[][]): HTMLElement {
  const b = el(
    'vscode-button',
    { secondary: true, icon: 'export', title: t('Export these figures as CSV') },
    t('Export CSV'),
  );
  b.addEventListener('click', () => host.post({ type: 'exportCsv', name, rows: clampCells(rows()) }));
  return b;
}

/** The protocol caps a cell at 10,000 characters and a row at 100 cells. */
function clampCells(rows: string[][]): string[][] {
  return rows
    .slice(0, 100_000)
    .map((row) => row.slice(0, 100).map((cell) => (cell.length > 10_000 ? cell.slice(0, 10_000) : cell)));
}
