/**
 * hidden.ts — rows and columns the user has hidden, kept out of the reading unless asked.
 *
 * Owns: the cells as the reading sees them when hidden rows and columns are left out (an old line
 * kept for reference, a row hidden by a filter: each is blank to the readers, in its place, so row
 * numbers stay the sheet's), and which hidden rows and columns held anything.
 */
import type { Cell, Grid, SheetCells } from './grid';
import { cellText } from './text';

export interface HiddenCells {
  /** The cells the readers see. */
  cells: Grid;
  /** 0-based hidden rows and columns that hold text (the ones worth saying). */
  rows: number[];
  cols: number[];
}

const hasText = (v: Cell): boolean => cellText(v).trim() !== '';

/** The input as cells and its hidden rows and columns; `count`: read them like any other. */
export function withoutHidden(input: Grid | SheetCells, count: boolean): HiddenCells {
  const sheet: SheetCells = Array.isArray(input) ? { cells: input as Grid } : (input as SheetCells);
  const cells = sheet.cells;
  const hRows = [...new Set(sheet.hiddenRows ?? [])].filter((r) => r >= 0 && r < cells.length).sort((a, b) => a - b);
  const hCols = [...new Set(sheet.hiddenCols ?? [])].filter((c) => c >= 0).sort((a, b) => a - b);
  const rowSet = new Set(hRows);
  const rows = hRows.filter((r) => (cells[r] ?? []).some(hasText));
  const cols = hCols.filter((c) => cells.some((row, r) => !rowSet.has(r) && hasText(row[c])));
  if (count || (rows.length === 0 && cols.length === 0)) return { cells, rows, cols };
  const out: Cell[][] = cells.map((row, r) => {
    if (rowSet.has(r)) return [];
    if (cols.length === 0) return row as Cell[];
    const copy = [...row];
    for (const c of cols) if (c < copy.length) copy[c] = null;
    return copy;
  });
  return { cells: out, rows, cols };
}
