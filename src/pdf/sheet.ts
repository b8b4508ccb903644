/**
 * sheet.ts — a table read from a PDF laid out as a worksheet, as it was published.
 *
 * Owns: what the pane writes for each table it imports (src/excel/import.ts applies it through Office.js):
 * the sheet's name (its pages and title, within Excel's rules), a source line (the file, its pages, and
 * which sheet rows each page gave; a table read by alignment says so there too), a blank row, then the
 * table: every cell as text (so that nothing becomes a number or a formula that the PDF printed as text),
 * its merged cells, the blocks of rows that were ruled (to be bordered), and column widths from the text.
 * The table's box is what the core then reads: the same grid (`coreCells`) the command line reads.
 */
import { displayWidth, strings, type Lang } from '../core';
import type { PdfGrid } from './grid';
import type { PdfTable } from './read';

export interface SheetBox {
  /** 0-based sheet row and column of the top-left cell. */
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface PublishedSheet {
  /** The name wanted (pages and title; at most 31 characters, none of Excel's forbidden ones), before it is made unique. */
  name: string;
  /** Every row of the sheet from A1, as text ('' for an empty cell); rows may be shorter than `width`. */
  rows: string[][];
  width: number;
  /** The table (its title lines, body and notes) in the sheet: what is normalised. */
  table: SheetBox;
  /** Merged cells, in sheet places. */
  merges: SheetBox[];
  /** Runs of consecutive ruled rows (the table's cells), in sheet places, each the table's width: bordered. */
  ruled: SheetBox[];
  /** Column widths in characters (a Chinese character counts two). */
  widths: number[];
  /** Rows whose merged cells wrap, with the height (points) their text needs: autofit leaves merged cells out. */
  heights: Array<{ row: number; points: number }>;
}

/** Rows above the table: the source line, then a blank row. */
const TOP = 2;
/** Widths, in characters: a column at least this wide, and at most. */
const MIN_WIDTH = 6;
const MAX_WIDTH = 40;
/** Points a line of text takes at Excel's default font size (11). */
const LINE_POINTS = 15;
/** Page parts listed on the source line at most (a long table says the rest in one word). */
const MAX_PARTS = 12;

/** Pages as a person writes them: `3`, `3–5`, `3–5, 9`. */
export function pageList(pages: readonly number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let k = 0; k < sorted.length;) {
    let j = k;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    runs.push(j === k ? `${sorted[k]}` : `${sorted[k]}–${sorted[j]}`);
    k = j + 1;
  }
  return runs.join(', ');
}

/** A sheet name within Excel's rules: at most 31 characters, none of \ / ? * [ ] :, no apostrophe at either end. */
export function sheetNameOf(wanted: string): string {
  const clean = wanted
    .replace(/[\\/?*[\]:：]/g, '_')
    .replace(/\s+/g, ' ')
    .trim();
  const cut = [...clean]
    .slice(0, 31)
    .join('')
    .replace(/^'+|'+$/g, '')
    .trim();
  return cut === '' || cut.toLowerCase() === 'history' ? 'PDF' : cut;
}

/** The sheet of one table of `file` (its name as the user sees it). */
export function publishedSheet(table: PdfTable, file: string, lang: Lang): PublishedSheet {
  const s = strings(lang);
  const { grid } = table;
  const width = Math.max(1, grid.width);
  const pages = pageList(table.pages);
  // Which sheet rows (1-based) each page gave, when the table stands on more than one.
  const parts: string[] = [];
  if (table.pages.length > 1) {
    let from = 0;
    for (let r = 1; r <= grid.rowPages.length; r++) {
      if (r === grid.rowPages.length || grid.rowPages[r] !== grid.rowPages[from]) {
        parts.push(s.importPagePart(grid.rowPages[from] as number, TOP + from + 1, TOP + r));
        from = r;
      }
    }
  }
  const shown = parts.length > MAX_PARTS ? [...parts.slice(0, MAX_PARTS), s.importMoreParts(parts.length - MAX_PARTS)] : parts;
  const source = s.importSource(file, pages, shown.join(s.importPartJoin)) + (table.kind === 'aligned' ? s.importAligned : '');
  const rows: string[][] = [[source], []];
  const merges: SheetBox[] = [];
  const ruledRows = new Set(grid.ruledRows);
  // Which rows give the columns their widths: the ruled rows; in a table read by alignment, its rows of two
  // cells or more (not its title and note lines, which stand in column A and run over the columns beside).
  const measured = (row: (typeof grid.rows)[number], r: number): boolean =>
    ruledRows.size > 0 ? ruledRows.has(r) : row.filter((c) => c !== null && c.value !== '').length >= 2;
  const longest = new Array<number>(width).fill(0);
  grid.rows.forEach((row, r) => {
    const out = new Array<string>(width).fill('');
    const measure = measured(row, r);
    row.forEach((c, col) => {
      if (c === null || col >= width) return;
      out[col] = c.value;
      if (c.span !== undefined) merges.push({ row: TOP + r, col, rows: c.span.rows, cols: c.span.cols });
      if (!measure) return;
      // A merged cell's text is spread over its columns.
      const cols = Math.max(1, Math.min(c.span?.cols ?? 1, width - col));
      const share = Math.ceil(Math.max(0, ...c.value.split('\n').map(displayWidth)) / cols);
      for (let k = col; k < col + cols; k++) longest[k] = Math.max(longest[k] as number, share);
    });
    rows.push(out);
  });
  const ruled: SheetBox[] = [];
  for (const r of [...ruledRows].sort((a, b) => a - b)) {
    const last = ruled[ruled.length - 1];
    if (last !== undefined && last.row + last.rows === TOP + r) last.rows++;
    else ruled.push({ row: TOP + r, col: 0, rows: 1, cols: width });
  }
  const widths = longest.map((n) => Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, n + 2)));
  const title = table.title !== '' ? table.title : file.replace(/\.pdf$/i, '');
  return {
    name: sheetNameOf(`p${pages.replace(/, /g, ',').replace(/–/g, '-')} ${title}`),
    rows,
    width,
    table: { row: TOP, col: 0, rows: grid.rows.length, cols: width },
    merges,
    ruled,
    widths,
    heights: mergedHeights(grid.rows, widths),
  };
}

/** Lines a text takes in a column `chars` wide, wrapped (a wide character counting two). */
function linesIn(text: string, chars: number): number {
  const room = Math.max(1, chars - 1);
  return text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(displayWidth(part) / room)), 0);
}

/**
 * Heights of the rows that hold a merged cell of wrapped text: Excel's row autofit leaves merged cells
 * out, so such a row would show one line of it. Each row gets as many lines as its tallest cell needs (a
 * cell merged down shares its lines among its rows); rows without merged text are left to autofit.
 */
function mergedHeights(grid: PdfGrid['rows'], widths: readonly number[]): Array<{ row: number; points: number }> {
  const out: Array<{ row: number; points: number }> = [];
  grid.forEach((row, r) => {
    let lines = 1;
    let merged = false;
    row.forEach((c, col) => {
      if (c === null || c.value === '') return;
      const cols = c.span?.cols ?? 1;
      const rows = c.span?.rows ?? 1;
      const room = widths.slice(col, col + cols).reduce((n, w) => n + w, 0);
      const need = Math.ceil(linesIn(c.value, room) / rows);
      if (c.span !== undefined && need > 1) merged = true;
      lines = Math.max(lines, need);
    });
    if (merged) out.push({ row: TOP + r, points: lines * LINE_POINTS + 3 });
  });
  return out;
}
