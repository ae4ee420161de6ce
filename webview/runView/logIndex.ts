/**
 * The data side of a long log: where each line starts (one pass of `indexOf`, no split into 200,000
 * strings) and a search that scans the text in slices and yields between them, so a 10 MB stdout is
 * indexed and searched without a main-thread task near 200 ms. The log block (logView.ts) draws from it.
 */
import { logSearchChunkChars, logSearchSliceMs, maxLogMatches } from './timing';

export class LineIndex {
  /** Offset of each line's first character; `count` entries are used. */
  private starts: Uint32Array;
  readonly count: number;

  constructor(readonly text: string) {
    let starts = new Uint32Array(1024);
    let count = 0;
    let at = 0;
    for (;;) {
      if (count === starts.length) {
        const grown = new Uint32Array(starts.length * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[count++] = at;
      const next = text.indexOf('\n', at);
      if (next < 0) break;
      at = next + 1;
    }
    // A final newline ends the last line rather than starting an empty one.
    if (count > 1 && at === text.length) count--;
    this.starts = starts;
    this.count = count;
  }

  /** Line `i` (0-based) without its line break (`\r\n` too). */
  line(i: number): string {
    const start = this.starts[i] ?? 0;
    const end = i + 1 < this.count ? this.starts[i + 1]! - 1 : this.text.length;
    const line = this.text.slice(start, end);
    return line.endsWith('\r') ? line.slice(0, -1) : line;
  }

  lineStart(i: number): number {
    return this.starts[i] ?? 0;
  }

  /** The line holding character `offset` (binary search). */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.count - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

export interface SearchResult {
  /** Offsets of the matches, ascending. */
  offsets: number[];
  /** The search stopped at `maxLogMatches`. */
  capped: boolean;
}

/** A case-insensitive search, cancelled by `signal`; resolves undefined when cancelled. */
export async function searchText(text: string, query: string, signal: AbortSignal): Promise<SearchResult | undefined> {
  const needle = query.toLowerCase();
  const offsets: number[] = [];
  if (!needle) return { offsets, capped: false };
  let from = 0;
  let sliceStart = performance.now();
  while (from < text.length) {
    // Overlap chunks by the needle's length less one, so a match across a boundary is found once.
    const end = Math.min(text.length, from + logSearchChunkChars + needle.length - 1);
    const hay = text.slice(from, end).toLowerCase();
    for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + needle.length)) {
      if (from + at >= from + logSearchChunkChars && end < text.length) break; // the next chunk finds it
      offsets.push(from + at);
      if (offsets.length >= maxLogMatches) return { offsets, capped: true };
    }
    from += logSearchChunkChars;
    if (performance.now() - sliceStart > logSearchSliceMs) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (signal.aborted) return undefined;
      sliceStart = performance.now();
    }
  }
  return signal.aborted ? undefined : { offsets, capped: false };
}
