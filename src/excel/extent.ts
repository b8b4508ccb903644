/**
 * extent.ts — how far a table goes from one selected cell, by its content: a pure function of the cells
 * read around the selection (no Office), and the addresses it is said in.
 *
 * Owns: the one-click rule. Excel's current region stops at the first blank row, and a table pasted from
 * a PDF has one at every page break, and often an empty column where a page's cells collapsed; so the
 * region is only the seed:
 *
 * - the seed takes in its own rows' content across at most `MAX_GAP` empty columns (a page whose
 *   `财政专户拨款` column is empty throughout);
 * - below, a block of rows (a run of rows with content) after at most `MAX_GAP` blank rows continues the
 *   table when it continues the table's columns: at least half of its columns are the table's, and one
 *   of its rows fills two or more cells (a row of the table, not a note); the table takes its columns
 *   too (a page of 4 cells under one of 7, or of 7 under one of 6). Up to `MAX_FURNITURE` one-cell rows
 *   between two such blocks (a page number, a running title) are passed over and kept;
 * - above, a block after at most `MAX_GAP` blank rows continues the table when it continues the table's
 *   columns, one cell or more: a title, the unit line (`单位:万元`), an earlier page;
 * - a seed with no row of two cells (a title cell on its own) takes the columns of the block right
 *   below it when that block spans the seed's columns, and grows from there;
 * - anything else ends the table: a note of one cell below it, a block mostly beside it, a wider table,
 *   more than `MAX_GAP` blank rows. Content close below or right beside the range is reported, so that
 *   the user is told the table may go on (`contentBeyond`).
 *
 * The cells are given as row shapes (the runs of filled columns), for consecutive rows read so far;
 * where the rows read end before the rule is decided, it says which way it needs more.
 */
import { columnLetter } from '../core';

/** A rectangle on the sheet, 0-based. */
export interface Box {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/**
 * One row's content within the columns read: the first and last filled column (sheet, 0-based), how
 * many, and the runs of filled columns as [start, end] pairs, flat; count 0 is blank.
 */
export interface RowShape {
  first: number;
  last: number;
  count: number;
  runs: readonly number[];
}

/** Consecutive rows read, from sheet row `top`, within the columns `left`..`right`. */
export interface Lines {
  top: number;
  rows: readonly RowShape[];
  left: number;
  right: number;
  /** Whether the sheet has content beyond what was read, each way (else it is blank there). */
  more: { above: boolean; below: boolean; left: boolean; right: boolean };
}

/** Blank rows a table may have between two of its blocks (page breaks); empty columns within its seed. */
export const MAX_GAP = 3;
/** One-cell rows passed over between two blocks of a table (a page number, a running title). */
export const MAX_FURNITURE = 2;

const BLANK: RowShape = { first: -1, last: -1, count: 0, runs: [] };

/** The shape of a row from which of its cells are filled, the first of them at sheet column `left`. */
export function rowShape(filled: readonly boolean[], left: number): RowShape {
  const runs: number[] = [];
  let count = 0;
  for (let c = 0; c < filled.length; c++) {
    if (!filled[c]) continue;
    count++;
    if (runs.length > 0 && runs[runs.length - 1] === left + c - 1) runs[runs.length - 1] = left + c;
    else runs.push(left + c, left + c);
  }
  return count === 0 ? BLANK : { first: runs[0] as number, last: runs[runs.length - 1] as number, count, runs };
}

export interface Extent {
  box: Box;
  /** More rows must be read this way before the rule is decided. */
  needs: { above: boolean; below: boolean };
}

interface Block {
  rows: RowShape[];
  /** The block's last row (going down) or first row (going up). */
  end: number;
  first: number;
  last: number;
}

/** The table's extent from a seed (Excel's current region of the selected cell), by the rule above. */
export function tableExtent(lines: Lines, seed: Box): Extent {
  const end = lines.top + lines.rows.length;
  /** A row's shape; null where it was not read and the sheet may have content there. */
  const at = (r: number): RowShape | null => {
    if (r >= lines.top && r < end) return lines.rows[r - lines.top] as RowShape;
    if (r < 0) return BLANK;
    if (r < lines.top) return lines.more.above ? null : BLANK;
    return lines.more.below ? null : BLANK;
  };
  let c0 = seed.col;
  let c1 = seed.col + seed.cols - 1;
  let top = seed.row;
  let bottom = seed.row + seed.rows - 1;
  const result = (needs: Extent['needs']): Extent => ({ box: { row: top, col: c0, rows: bottom - top + 1, cols: c1 - c0 + 1 }, needs });
  const seedRows: RowShape[] = [];
  for (let r = top; r <= bottom; r++) {
    const s = at(r);
    if (s === null) return result({ above: r < lines.top, below: r >= end });
    seedRows.push(s);
  }
  // Content reaching the edge of the columns read, with more beyond: its extent is not known.
  const edge = (s: RowShape) =>
    (s.count > 0 && s.first <= lines.left && lines.more.left) || (s.count > 0 && s.last >= lines.right && lines.more.right);
  const within = (s: RowShape) => s.count > 0 && s.first >= c0 && s.last <= c1;

  // The seed's own rows, across empty columns.
  const filledCols = new Set<number>();
  for (const s of seedRows)
    for (let k = 0; k < s.runs.length; k += 2) for (let c = s.runs[k] as number; c <= (s.runs[k + 1] as number); c++) filledCols.add(c);
  for (let grew = true; grew;) {
    grew = false;
    for (let d = 1; d <= MAX_GAP + 1 && !grew; d++) {
      if (filledCols.has(c1 + d)) c1 += d;
      else if (filledCols.has(c0 - d)) c0 -= d;
      else continue;
      grew = true;
    }
  }

  /** The block of rows with content starting at `r` going `dir`, or null when the rows read end inside it. */
  const blockAt = (r: number, dir: 1 | -1): Block | null => {
    const rows: RowShape[] = [];
    let first = Infinity;
    let last = -Infinity;
    for (let i = r; ; i += dir) {
      const s = at(i);
      if (s === null) return null;
      if (s.count === 0) return { rows, end: i - dir, first, last };
      rows.push(s);
      first = Math.min(first, s.first);
      last = Math.max(last, s.last);
    }
  };
  /** Blank rows from `r` going `dir` (counted up to one past `MAX_GAP`), or null when the rows read end first. */
  const gapAt = (r: number, dir: 1 | -1): number | null => {
    let n = 0;
    for (let i = r; n <= MAX_GAP; i += dir) {
      const s = at(i);
      if (s === null) return null;
      if (s.count > 0) return n;
      n++;
    }
    return n;
  };
  /** At least half of the block's columns are the table's (and it is all known). */
  const continuesColumns = (b: Block) => {
    const shared = Math.min(b.last, c1) - Math.max(b.first, c0) + 1;
    return !b.rows.some(edge) && shared >= 1 && 2 * shared >= b.last - b.first + 1;
  };
  const rowsOfTable = (b: Block) => continuesColumns(b) && b.rows.some((s) => s.count >= 2);
  const take = (b: Block) => {
    c0 = Math.min(c0, b.first);
    c1 = Math.max(c1, b.last);
  };

  // A seed with no row of two cells (a title on its own): it takes the columns of the block below it.
  if (!seedRows.some((s) => s.count >= 2)) {
    const gap = gapAt(bottom + 1, 1);
    if (gap === null) return result({ above: false, below: true });
    if (gap <= MAX_GAP) {
      const block = blockAt(bottom + 1 + gap, 1);
      if (block === null) return result({ above: false, below: true });
      if (block.rows.some((s) => s.count >= 2) && !block.rows.some(edge) && block.first <= c0 && block.last >= c1) {
        take(block);
        bottom = block.end;
      }
    }
  }

  /** Below: blocks of the table's rows, across page breaks and the page furniture between them. Whether more rows are needed. */
  const growDown = (): boolean => {
    for (;;) {
      const gap = gapAt(bottom + 1, 1);
      if (gap === null) return true;
      if (gap > MAX_GAP) return false;
      const block = blockAt(bottom + 1 + gap, 1);
      if (block === null) return true;
      if (rowsOfTable(block)) {
        take(block);
        bottom = block.end;
        continue;
      }
      if (block.rows.length > MAX_FURNITURE || !block.rows.every((s) => s.count === 1 && within(s))) return false;
      // Page furniture: kept when a block of the table follows it.
      const gap2 = gapAt(block.end + 1, 1);
      if (gap2 === null) return true;
      if (gap2 > MAX_GAP) return false;
      const next = blockAt(block.end + 1 + gap2, 1);
      if (next === null) return true;
      if (!rowsOfTable(next)) return false;
      take(next);
      bottom = next.end;
    }
  };
  /** Above: titles, the unit line and earlier pages. Whether more rows are needed. */
  const growUp = (): boolean => {
    for (;;) {
      const gap = gapAt(top - 1, -1);
      if (gap === null) return true;
      if (gap > MAX_GAP) return false;
      const block = blockAt(top - 1 - gap, -1);
      if (block === null) return true;
      if (!continuesColumns(block)) return false;
      take(block);
      top = block.end;
    }
  };
  // Columns taken on one side may let a block join on the other: until nothing changes.
  let needsBelow = false;
  let needsAbove = false;
  for (let before = ''; ;) {
    needsBelow = growDown();
    needsAbove = growUp();
    const now = `${top},${bottom},${c0},${c1}`;
    if (now === before || needsBelow || needsAbove) break;
    before = now;
  }
  return result({ above: needsAbove, below: needsBelow });
}

/** Content close to a range: the first row with content within `MAX_GAP + 1` rows below it, a column beside it with content. */
export interface Beyond {
  /** 0-based sheet row of the first content below, or null. */
  below: number | null;
  /** Content in the column right (left) of the range, on its rows. */
  right: boolean;
  left: boolean;
}

export function contentBeyond(lines: Lines, box: Box): Beyond {
  const last = box.row + box.rows - 1;
  const c0 = box.col;
  const c1 = box.col + box.cols - 1;
  const shape = (r: number) => (r >= lines.top && r < lines.top + lines.rows.length ? (lines.rows[r - lines.top] as RowShape) : BLANK);
  let below: number | null = null;
  for (let r = last + 1; r <= last + MAX_GAP + 1 && below === null; r++) {
    const s = shape(r);
    if (s.count > 0 && s.last >= c0 - 1 && s.first <= c1 + 1) below = r;
  }
  let right = false;
  let left = false;
  for (let r = box.row; r <= last; r++) {
    const s = shape(r);
    if (s.count === 0) continue;
    if (s.last > c1) right = true;
    if (s.first < c0) left = true;
  }
  return { below, right, left };
}

/** A range in the sheet's letters: `A1:G33`, or `C5` for one cell. */
export function boxAddress(b: Box): string {
  const a = `${columnLetter(b.col)}${b.row + 1}`;
  return b.rows === 1 && b.cols === 1 ? a : `${a}:${columnLetter(b.col + b.cols - 1)}${b.row + b.rows}`;
}

/**
 * The rectangles of a RangeAreas address (`Sheet1!A1:G4,Sheet1!A6:G33`, `'My, sheet'!B2`, whole rows
 * `3:5` or columns `C:D`), sheet names dropped. A part that is not an address is skipped.
 */
export function parseAreas(address: string): Box[] {
  const out: Box[] = [];
  let i = 0;
  while (i < address.length) {
    // A sheet name: quoted ('' for a quote, commas allowed) or up to the `!`.
    let part = '';
    while (i < address.length && address[i] !== ',') {
      if (address[i] === "'") {
        const close = findQuoteEnd(address, i + 1);
        i = close + 1;
        continue;
      }
      part += address[i];
      i++;
    }
    i++;
    const ref = part.slice(part.lastIndexOf('!') + 1).trim();
    const box = refBox(ref);
    if (box !== null) out.push(box);
  }
  return out;
}

function findQuoteEnd(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] !== "'") continue;
    if (s[i + 1] === "'") {
      i++;
      continue;
    }
    return i;
  }
  return s.length;
}

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

function refBox(ref: string): Box | null {
  const m = /^\$?([A-Z]*)\$?(\d*)(?::\$?([A-Z]*)\$?(\d*))?$/i.exec(ref);
  if (m === null || ref === '') return null;
  const [, ca = '', ra = '', cb, rb] = m;
  const col = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const c0 = ca === '' ? 0 : col(ca);
  const r0 = ra === '' ? 0 : Number(ra) - 1;
  const c1 = cb === undefined ? (ca === '' ? MAX_COLS - 1 : c0) : cb === '' ? MAX_COLS - 1 : col(cb);
  const r1 = rb === undefined ? (ra === '' ? MAX_ROWS - 1 : r0) : rb === '' ? MAX_ROWS - 1 : Number(rb) - 1;
  if (ca === '' && ra === '') return null;
  return { row: Math.min(r0, r1), col: Math.min(c0, c1), rows: Math.abs(r1 - r0) + 1, cols: Math.abs(c1 - c0) + 1 };
}
