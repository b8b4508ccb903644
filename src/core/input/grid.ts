/**
 * grid.ts — the input: a rectangular-or-ragged grid of cells as the user sees them, as Excel's
 * ranges, an .xlsx sheet or a split text file give it; which rows and columns are hidden; and cell
 * addressing.
 */

/**
 * A number as its cell shows it: the value, and the text its number format shows (`1` shown `100%`, a
 * date serial shown `2021年12月31日`, `1250.004` shown `1,250.00`). Amounts are read from the value, and
 * a shown text that says another amount is flagged; everything else (targets, names, labels) reads the
 * text, as the user does. A cell whose format shows what the number says is a plain number.
 */
export interface ShownNumber {
  readonly value: number;
  readonly text: string;
}

/** One cell: text, a number (or a number with the text it shows), a boolean, or empty. */
export type Cell = string | number | boolean | null | undefined | ShownNumber;
export type Grid = readonly (readonly Cell[])[];

/** The cells of a sheet with what else the user sees: hidden rows and columns (0-based, of the input). */
export interface SheetCells {
  cells: Grid;
  hiddenRows?: readonly number[];
  hiddenCols?: readonly number[];
}

export function isShownNumber(v: unknown): v is ShownNumber {
  return typeof v === 'object' && v !== null && typeof (v as ShownNumber).value === 'number' && typeof (v as ShownNumber).text === 'string';
}

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
