/**
 * page.ts — one page read: its ruled tables with each cell's text, and the lines of text outside them.
 *
 * Owns: putting each run of text in the cell that holds it (a run that crosses a cell's border is cut
 * there: a producer may write a whole row as one string), the text of each cell, the lines outside any
 * table (titles, units, notes; page numbers in the margins dropped), how far left-aligned text stands
 * from its cell's border (a tree's indentation), and, on a page with no ruling
 * lines, a table found by the alignment of its text (`aligned`: its columns are a guess, and said so).
 */
import type { PdfOperatorList, PdfTextContent, PdfViewport } from './api';
import { alignedTable } from './align';
import { type Box, intervalOf, type Matrix, toMatrix } from './geometry';
import { pagePaths } from './ops';
import { type FontLookup, opRuns } from './optext';
import { ruledTables, type RuledTable } from './rulings';
import { cellText, lineText, linesOf, pageRuns, type Run, segments, splitRun } from './text';

/** A cell of a table on one page: its place, its span and its text ('' when empty). */
export interface PageCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
  /** How far left-aligned text stands from the cell's left border (points); null otherwise. */
  lead?: number | null;
}

export interface PageTable {
  /** Ruled (cells from the ruling lines) or aligned (rows and columns from the text's alignment: uncertain). */
  kind: 'ruled' | 'aligned';
  box: Box;
  /** Column edges, left to right (cols + 1 of them). */
  xs: number[];
  rows: number;
  cols: number;
  /** Every cell once, in reading order (a merged cell by its top-left place). */
  cells: PageCell[];
}

/** A line of text outside the tables: its parts where wide gaps separate them. */
export interface PageLine {
  box: Box;
  segments: Array<{ text: string; x0: number; x1: number }>;
}

export type PageBlock = { kind: 'table'; table: PageTable } | { kind: 'line'; line: PageLine };

export interface PageReading {
  /** 1-based page number. */
  page: number;
  width: number;
  height: number;
  /** Tables and lines, top to bottom. */
  blocks: PageBlock[];
  /** Text runs on the page (0: no text layer). */
  runs: number;
  images: number;
  /** The share of the page the largest image covers (0–1). */
  largestImage: number;
}

/** A page number or a running footer: `- 3 -`, `第 3 页`, `3 / 12`, `第3页 共12页`. */
const PAGE_NUMBER =
  /^(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|\d{1,4}|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页|page\s*\d+(?:\s*of\s*\d+)?)$/i;
/** Page numbers count only in the page's top and bottom margins (this share of its height). */
const MARGIN = 0.1;

const boxOf = (runs: readonly Run[]): Box => ({
  x0: Math.min(...runs.map((r) => r.x0)),
  y0: Math.min(...runs.map((r) => r.y0)),
  x1: Math.max(...runs.map((r) => r.x1)),
  y1: Math.max(...runs.map((r) => r.y1)),
});

/** A line of loose runs as a PageLine. */
export function pageLine(runs: readonly Run[]): PageLine {
  return {
    box: boxOf(runs),
    segments: segments(runs).map((seg) => ({ text: lineText(seg).trim(), x0: seg[0]?.x0 ?? 0, x1: Math.max(...seg.map((r) => r.x1)) })),
  };
}

/** The table among `tables` whose box holds the run's centre (a point of slack), or -1. */
function tableAt(tables: readonly RuledTable[], r: Run): number {
  const cx = (r.x0 + r.x1) / 2;
  const cy = (r.y0 + r.y1) / 2;
  return tables.findIndex((t) => cx >= t.box.x0 - 1 && cx <= t.box.x1 + 1 && cy >= t.box.y0 - 1 && cy <= t.box.y1 + 1);
}

/** The runs of a ruled table, cell by cell: each run in the cell where it starts, cut where a space stands on a border into another cell. */
export function fillCells(table: RuledTable, runs: readonly Run[]): Run[][] {
  const buckets: Run[][] = table.cells.map(() => []);
  const nc = table.xs.length - 1;
  const nr = table.ys.length - 1;
  const clampRow = (v: number) => Math.max(0, Math.min(nr - 1, v));
  for (const run of runs) {
    const cy = (run.y0 + run.y1) / 2;
    const r = clampRow(intervalOf(table.ys, Math.max(table.box.y0, Math.min(table.box.y1, cy))));
    const colAt = (x: number) => Math.max(0, Math.min(nc - 1, intervalOf(table.xs, Math.max(table.box.x0, Math.min(table.box.x1, x)))));
    const c0 = colAt(run.x0 + run.size * 0.25);
    const c1 = colAt(run.x1 - run.size * 0.25);
    // The borders inside the run's extent between two different cells: cut there.
    const cuts: number[] = [];
    for (let c = c0; c < c1; c++) {
      if (table.owner[r * nc + c] !== table.owner[r * nc + c + 1]) cuts.push(table.xs[c + 1] as number);
    }
    for (const piece of splitRun(run, cuts)) {
      // A piece in the cell where it starts (text that runs on over an empty neighbour belongs to its own cell).
      const c = colAt(piece.x0 + Math.min(piece.size * 0.5, (piece.x1 - piece.x0) / 2));
      (buckets[table.owner[r * nc + c] as number] as Run[]).push(piece);
    }
  }
  return buckets;
}

/**
 * How far each cell's text stands from its left border (points), for left-aligned text only (a cell whose
 * text wraps, or whose one line stands nearer its left border than its right); null for centred,
 * right-aligned or empty cells. grid.ts turns these into a tree's indentation.
 */
export function leads(table: RuledTable, buckets: readonly Run[][]): Array<number | null> {
  return table.cells.map((cell, i) => {
    const lines = linesOf(buckets[i] as Run[]);
    const first = lines[0];
    if (first === undefined || cell.colSpan > 1) return null;
    const x0 = Math.min(...first.map((r) => r.x0));
    const x1 = Math.max(...first.map((r) => r.x1));
    const left = x0 - cell.box.x0;
    const right = cell.box.x1 - x1;
    if (lines.length === 1 && (left >= right - 2 || Math.abs(left - right) <= 2)) return null;
    return left;
  });
}

/**
 * One page, from its operator list, and its text: from its text content when given, else from the
 * operator list itself (optext.ts: one pass of pdf.js over the page instead of two).
 */
export function readPage(
  page: number,
  viewport: PdfViewport,
  ops: PdfOperatorList,
  content: PdfTextContent | null,
  fonts?: FontLookup,
): PageReading {
  const view = toMatrix(viewport.transform) as Matrix;
  const { width, height } = viewport;
  const paths = pagePaths(ops, view, width * height);
  const ruled = ruledTables(paths.rulings);
  const runs = content === null ? opRuns(ops, view, fonts) : pageRuns(content, view);
  const inTable: Run[][] = ruled.map(() => []);
  const loose: Run[] = [];
  for (const r of runs) {
    const k = tableAt(ruled, r);
    if (k >= 0) (inTable[k] as Run[]).push(r);
    else loose.push(r);
  }
  const blocks: PageBlock[] = ruled.map((t, k) => {
    const buckets = fillCells(t, inTable[k] as Run[]);
    const lead = leads(t, buckets);
    const cells: PageCell[] = t.cells.map((c, i) => ({
      row: c.row,
      col: c.col,
      rowSpan: c.rowSpan,
      colSpan: c.colSpan,
      text: cellText(buckets[i] as Run[]),
      lead: lead[i] ?? null,
    }));
    return { kind: 'table', table: { kind: 'ruled', box: t.box, xs: t.xs, rows: t.ys.length - 1, cols: t.xs.length - 1, cells } };
  });
  let lines = linesOf(loose)
    .map(pageLine)
    .filter((l) => {
      const text = l.segments.map((s) => s.text).join(' ');
      const inMargin = l.box.y1 < height * MARGIN || l.box.y0 > height * (1 - MARGIN);
      return !(inMargin && PAGE_NUMBER.test(text.trim()));
    });
  if (ruled.length === 0) {
    const aligned = alignedTable(lines);
    if (aligned !== null) {
      blocks.push({ kind: 'table', table: aligned.table });
      lines = lines.filter((l) => !aligned.used.has(l));
    }
  }
  for (const line of lines) blocks.push({ kind: 'line', line });
  const top = (b: PageBlock) => (b.kind === 'table' ? b.table.box.y0 : b.line.box.y0);
  blocks.sort((a, b) => top(a) - top(b));
  return { page, width, height, blocks, runs: runs.length, images: paths.images, largestImage: paths.largestImage };
}
