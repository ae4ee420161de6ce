/**
 * What the dashboard shows, read in the page in one round trip: banners, and per card whether it shows
 * its error, its empty state, a drawn chart (with painted pixels) or table rows. Runs in the page, so
 * it must not use anything from its module (the tests compile without the DOM library: minimal types).
 */

interface Node {
  id: string;
  hidden: boolean;
  title: string;
  textContent: string | null;
  dataset: Record<string, string | undefined>;
  querySelector(selector: string): Node | null;
  querySelectorAll(selector: string): ArrayLike<Node>;
}
interface Canvas extends Node {
  width: number;
  height: number;
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

export interface CardReport {
  id: string;
  /** The error box's text, when it is shown. */
  problem?: string;
  bodyShown: boolean;
  /** The empty-state (or other) note, when shown. */
  note?: string;
  kpis: string[];
  figure?: { hidden: boolean; drawn: boolean; pixels: number };
  tableRows?: number;
}

export interface DashboardReport {
  contentHidden: boolean;
  banners: { id: string; text: string; title: string }[];
  cards: CardReport[];
}

export function inspectDashboard(): DashboardReport {
  const doc = (globalThis as unknown as { document: Node }).document;
  const shown = (n: Node | null) => !!n && !n.hidden;
  /** Painted pixels, sampled on a grid (a full scan of seven canvases per render would be slow). */
  const pixels = (canvas: Canvas): number => {
    if (!canvas.width || !canvas.height) return 0;
    const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
    let count = 0;
    for (let i = 3; i < data.length; i += 4 * 7) if (data[i]! > 0) count++;
    return count;
  };
  const cards = Array.from(doc.querySelectorAll('.grid > section.card')).map((card): CardReport => {
    const problem = card.querySelector('.card-problem');
    const note = card.querySelector('.card-note');
    const figure = card.querySelector('figure.chart');
    const table = card.querySelector('.card-body table.data');
    const report: CardReport = {
      id: card.id,
      problem: shown(problem) ? (problem!.textContent ?? '') : undefined,
      bodyShown: shown(card.querySelector('.card-body')),
      note: shown(note) && note!.textContent ? note!.textContent : undefined,
      kpis: Array.from(card.querySelectorAll('.kpi-value')).map((k) => k.textContent ?? ''),
    };
    if (figure) {
      const drawn = figure.dataset.drawn === 'true' && !figure.hidden;
      report.figure = {
        hidden: figure.hidden,
        drawn,
        pixels: drawn ? pixels(figure.querySelector('canvas') as Canvas) : 0,
      };
    }
    if (table && !figure) report.tableRows = table.querySelectorAll('tbody tr').length;
    return report;
  });
  return {
    contentHidden: doc.querySelector('.content')?.hidden ?? true,
    banners: Array.from(doc.querySelectorAll('.banner')).map((b) => ({
      id: b.id,
      text: b.textContent ?? '',
      title: b.title,
    })),
    cards,
  };
}
