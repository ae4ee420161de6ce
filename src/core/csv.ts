/**
 * CSV for exports (RFC 4180 quoting). A cell that starts with `=`, `+`, `-`, `@` (or a tab or carriage
 * return) would be read as a formula by spreadsheet programs, so it gets a leading apostrophe: API
 * strings can never run as formulas when someone opens the export.
 */
const formulaStart = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

function quote(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return `${rows.map((row) => row.map((cell) => quote(neutraliseCell(cell))).join(',')).join('\r\n')}\r\n`;
}
