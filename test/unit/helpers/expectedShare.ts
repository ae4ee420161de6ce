/**
 * What a share must read, worked out from the counts by integer arithmetic (English digits), apart from
 * src/core/format.ts so that no test checks the formatter against itself: tenths of a percent rounded
 * half up, `>99.9` / `<0.1` where that would reach 100 or 0 without being exact.
 */
export function expectedShare(part: number, whole: number): string {
  if (part === whole) return '100%';
  if (part === 0) return '0%';
  return `${expectedSharePlain(part, whole)}%`;
}

/** The same in a table cell: always one decimal (`100.0`, `>99.9`, `<0.1`, `33.3`), no sign. */
export function expectedSharePlain(part: number, whole: number): string {
  if (part === whole) return '100.0';
  if (part === 0) return '0.0';
  const tenths = Math.floor((2000 * part + whole) / (2 * whole));
  if (tenths >= 1000) return '>99.9';
  if (tenths === 0) return '<0.1';
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}
