/**
 * Sorting for the dashboard's tables: numbers numerically, text with the locale's collation, missing
 * values last in both directions, ties kept in their original order.
 */
export type SortValue = number | string | undefined;
export type SortDirection = 'asc' | 'desc';

export function sortRows<R>(
  rows: readonly R[],
  value: (row: R) => SortValue,
  direction: SortDirection,
  locale?: string,
): R[] {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const keyed = rows.map((row, index) => ({ row, index, key: value(row) }));
  const sign = direction === 'asc' ? 1 : -1;
  keyed.sort((a, b) => {
    const missingA = a.key === undefined || (typeof a.key === 'number' && Number.isNaN(a.key));
    const missingB = b.key === undefined || (typeof b.key === 'number' && Number.isNaN(b.key));
    if (missingA || missingB) return missingA === missingB ? a.index - b.index : missingA ? 1 : -1;
    let order: number;
    if (typeof a.key === 'number' && typeof b.key === 'number') order = a.key - b.key;
    else order = collator.compare(String(a.key), String(b.key));
    return order === 0 ? a.index - b.index : sign * order;
  });
  return keyed.map((k) => k.row);
}
