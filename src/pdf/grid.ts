/**
 * grid.ts — a table of the document as the grid a clean paste would give, merged cells kept.
 *
 * Owns: the rows of a table: its title lines (one row each, the first part in column A and further
 * parts under the columns they stand over, as `编制单位:… 单位:万元`), then each page's rows on one set of
 * columns (the edges of all its pages together), a continued page's repeat of the table's top rows
 * dropped, a tree's indentation kept as leading spaces, then its note lines. A merged cell is one cell with its span (`{ value, span }`) at its
 * top-left place; the places it covers are null, as Excel leaves them. `coreCells` gives the grid the
 * core reads: each value at its top-left place, nothing elsewhere.
 */
import type { Cell } from '../core';
import { clusterValues, intervalOf } from './geometry';
import { COLUMN_SLACK, type JoinedTable } from './join';
import type { PageLine, PageTable } from './page';

export interface GridCell {
  value: string;
  /** A merged cell's extent, rows and columns (absent for a plain cell). */
  span?: { rows: number; cols: number };
}

export type GridRow = Array<GridCell | null>;

export interface PdfGrid {
  rows: GridRow[];
  width: number;
  /** The page (1-based) each row was read from. */
  rowPages: number[];
  /** Rows a continued page repeated from the table's top (a header printed on every page), left out. */
  droppedRows: number;
  /** The rows (0-based) read from the table's cells, not from lines of text around it. */
  ruledRows: number[];
}

/** A number alone in a cell (an amount): rows with one are data, never a repeated header. */
const NUMBER = /^[\s\d,，.．%+\-−]*\d[\s\d,，.．%]*$/;

const signature = (row: GridRow): string =>
  row
    .map((c) => (c === null ? '' : c.value.replace(/\s+/g, '')))
    .join('\t')
    .replace(/\t+$/, '');

const isRepeatable = (row: GridRow): boolean =>
  row.some((c) => c !== null && c.value.trim() !== '') && !row.some((c) => c !== null && NUMBER.test(c.value.trim()));

/**
 * The rows of one page's part of a table, on the table's columns (`edges`): a ruled cell from edge to
 * edge; an aligned cell (whose column edges are a guess, page by page) in the column over its middle.
 */
function partRows(part: PageTable, edges: readonly number[], leadOf: Map<GridCell, number>): GridRow[] {
  const width = edges.length - 1;
  const col = (x: number): number => {
    let best = 0;
    for (let k = 1; k < edges.length; k++) if (Math.abs((edges[k] as number) - x) < Math.abs((edges[best] as number) - x)) best = k;
    return best;
  };
  const rows: GridRow[] = Array.from({ length: part.rows }, () => new Array<GridCell | null>(width).fill(null));
  for (const cell of part.cells) {
    if (part.kind === 'aligned') {
      if (cell.text === '') continue;
      const mid = ((part.xs[cell.col] as number) + (part.xs[cell.col + 1] as number)) / 2;
      const c = Math.max(0, Math.min(width - 1, intervalOf(edges, Math.max(edges[0] as number, Math.min(edges[width] as number, mid)))));
      const row = rows[cell.row] as GridRow;
      const prev = row[c];
      row[c] = prev === null || prev === undefined ? { value: cell.text } : { value: `${prev.value} ${cell.text}` };
      continue;
    }
    const c0 = Math.min(width - 1, col(part.xs[cell.col] as number));
    const c1 = Math.max(c0 + 1, col(part.xs[cell.col + cell.colSpan] as number));
    const spanCols = c1 - c0;
    const merged = spanCols > 1 || cell.rowSpan > 1;
    if (cell.text === '' && !merged) continue;
    const v: GridCell = merged ? { value: cell.text, span: { rows: cell.rowSpan, cols: spanCols } } : { value: cell.text };
    if (cell.lead !== undefined && cell.lead !== null && cell.text !== '') leadOf.set(v, cell.lead);
    (rows[cell.row] as GridRow)[c0] = v;
  }
  return rows;
}

/** A line outside the table as a row: its first part in column A, the others under the columns they stand over. */
function lineRow(line: PageLine, edges: readonly number[]): GridRow {
  const width = Math.max(1, edges.length - 1);
  const row: GridRow = new Array<GridCell | null>(width).fill(null);
  let last = -1;
  line.segments.forEach((s, k) => {
    let c = k === 0 ? 0 : Math.max(last + 1, intervalOf(edges, s.x0));
    if (c > width - 1 || c < 0) c = Math.max(0, last);
    const prev = row[c];
    row[c] = prev === null || prev === undefined ? { value: s.text } : { value: `${prev.value} ${s.text}` };
    last = c;
  });
  return row;
}

/**
 * How many of a continued part's first rows repeat rows of the table's top (a header printed again):
 * the longest run equal, row for row, to a run starting in the table's first six rows, none of them
 * holding a number.
 */
export function repeatedTop(top: readonly GridRow[], part: readonly GridRow[]): number {
  let best = 0;
  for (let j = 0; j < Math.min(6, top.length); j++) {
    let m = 0;
    while (
      m < part.length &&
      j + m < top.length &&
      isRepeatable(part[m] as GridRow) &&
      signature(part[m] as GridRow) === signature(top[j + m] as GridRow)
    )
      m++;
    best = Math.max(best, m);
  }
  return best;
}

/** Distances closer than this (points) are the same indentation. */
const SAME_INDENT = 0.8;

/**
 * A tree's indentation as the leading spaces a paste keeps: in a column whose left-aligned cells stand at
 * three or more distances from their left border (units, projects, 一级, 二级, 三级 ever further right),
 * each cell gets one space per step over the nearest distance, the step the smallest difference between
 * two of them. Columns with one or two distances (plain text with its padding) get none.
 */
export function indentAll(rows: GridRow[], leadOf: ReadonlyMap<GridCell, number>): void {
  const width = Math.max(0, ...rows.map((r) => r.length));
  for (let c = 0; c < width; c++) {
    const cells = rows.map((r) => r[c]).filter((v): v is GridCell => v !== null && v !== undefined && leadOf.has(v));
    const levels: number[] = [];
    for (const g of cells.map((v) => leadOf.get(v) as number).sort((a, b) => a - b))
      if (levels.length === 0 || g - (levels[levels.length - 1] as number) > SAME_INDENT) levels.push(g);
    if (levels.length < 3) continue;
    const base = levels[0] as number;
    let step = Infinity;
    for (let k = 1; k < levels.length; k++) step = Math.min(step, (levels[k] as number) - (levels[k - 1] as number));
    for (const v of cells) v.value = ' '.repeat(Math.round(((leadOf.get(v) as number) - base) / step)) + v.value;
  }
}

/** The rows of a document's table. */
export function gridOf(t: JoinedTable): PdfGrid {
  const first = t.parts[0];
  if (first === undefined) return { rows: [], width: 0, rowPages: [], droppedRows: 0, ruledRows: [] };
  // One set of columns for all pages: the first page's edges, with any other page's own ruled edges added.
  const edges =
    first.table.kind === 'aligned'
      ? first.table.xs
      : clusterValues(
          t.parts.flatMap((p) => p.table.xs),
          COLUMN_SLACK,
        );
  const width = edges.length - 1;
  const rows: GridRow[] = [];
  const rowPages: number[] = [];
  const ruledRows: number[] = [];
  for (const line of t.titles) {
    rows.push(lineRow(line, edges));
    rowPages.push(first.page);
  }
  const leadOf = new Map<GridCell, number>();
  const top = partRows(first.table, edges, leadOf);
  let dropped = 0;
  t.parts.forEach((part, k) => {
    const own = k === 0 ? top : partRows(part.table, edges, leadOf);
    const skip = k === 0 ? 0 : repeatedTop(top, own);
    dropped += skip;
    // A merged cell that starts in a dropped row and reaches below it starts at the first row kept.
    for (let r = 0; r < skip; r++)
      (own[r] as GridRow).forEach((c, col) => {
        if (c?.span !== undefined && r + c.span.rows > skip) {
          const rest = r + c.span.rows - skip;
          (own[skip] as GridRow)[col] =
            rest > 1 || c.span.cols > 1 ? { value: c.value, span: { rows: rest, cols: c.span.cols } } : { value: c.value };
        }
      });
    for (let r = skip; r < own.length; r++) {
      if (part.table.kind === 'ruled') ruledRows.push(rows.length);
      rows.push(own[r] as GridRow);
      rowPages.push(part.page);
    }
  });
  indentAll(rows, leadOf);
  const lastPage = (t.parts[t.parts.length - 1] as { page: number }).page;
  for (const line of t.notes) {
    rows.push(lineRow(line, edges));
    rowPages.push(lastPage);
  }
  return { rows, width, rowPages, droppedRows: dropped, ruledRows };
}

/** The grid the core reads: each cell's value at its top-left place, null elsewhere. */
export function coreCells(grid: PdfGrid): Cell[][] {
  return grid.rows.map((row) => {
    const out = new Array<Cell>(grid.width).fill(null);
    row.forEach((c, k) => {
      if (c !== null && c.value !== '') out[k] = c.value;
    });
    return out;
  });
}
