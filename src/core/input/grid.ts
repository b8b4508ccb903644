/**
 * grid.ts — the input: a rectangular-or-ragged grid of cell values, as Excel's
 * `Range.values` or a split text file gives it, and cell addressing.
 */

/** One cell value: text, a number, a boolean, or empty. */
export type Cell = string | number | boolean | null | undefined;
export type Grid = readonly (readonly Cell[])[];

/** Column letters for a 0-based column index: 0 → A, 26 → AA. */
export function columnLetter(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1 address for a 1-based row and a 0-based column. */
export function cellAddress(row: number, col: number): string {
  return columnLetter(col) + String(row);
}
