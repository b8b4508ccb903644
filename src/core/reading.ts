/**
 * reading.ts — how the paste was read, as the contract reports it, and what of it is said at a cell.
 *
 * Owns: the reading (each table's layout, header rows and the role of each column or key, the unread
 * rows, the mapping used, with the user's corrections marked as such), and the findings about it:
 * rows not read, roles given with low confidence, a table pasted twice.
 */
import type { FieldReading, Reading } from './contract/model';
import type { Mapping } from './contract/mapping';
import type { Findings } from './findings/flags';
import * as msg from './findings/messages';
import type { Grid } from './input/grid';
import { columnLetter } from './input/grid';
import { cellText, firstUsedCol } from './input/text';
import { labelKey } from './input/vocabulary';
import { columnIndex } from './layouts/mapping';
import type { TablePart } from './layouts/paste';
import type { ReadResult } from './layouts/reader';
import { blocksOf, type RowClass } from './layouts/segment';
import type { WorkRow } from './rows/work-row';

/** How the paste was read, as the contract reports it. */
export function readingOf(
  grid: Grid,
  parts: readonly TablePart[],
  classes: readonly RowClass[],
  rows: readonly (WorkRow | undefined)[],
  mapping: Mapping | undefined,
  hidden?: { rows: readonly number[]; cols: readonly number[] },
  counted = false,
): Reading {
  const unread = new Set<number>();
  for (const p of parts) for (const r of p.read.unread) unread.add(r + 1);
  const fieldsOf = (p: TablePart): FieldReading[] => (mapping === undefined ? p.read.fields : userFields(p, mapping));
  const main = parts[0] as TablePart;
  const mainFields = fieldsOf(main);
  const used: Mapping = { layout: main.layout, columns: {}, keys: {} };
  if (main.read.headerRows.length > 0) used.headerRows = main.read.headerRows.map((r) => r + 1);
  for (const f of mainFields) {
    if (main.layout === 'form') {
      if (f.text !== '') used.keys[labelKey(f.text).key] = f.role;
    } else used.columns[columnLetter(f.col)] = f.role;
  }
  return {
    mapping: used,
    tables: parts.map((p) => ({
      startRow: p.start + 1,
      endRow: Math.max(p.start + 1, p.end),
      layout: p.layout,
      // The layout is certain when the table named it (a header, form keys) or the user stated it.
      confidence: p.read.headerMissing && p.detected ? 'low' : 'high',
      headerRows: headerRowsOf(p).map((r) => r + 1),
      repeatOf: p.repeatOf === null ? null : p.repeatOf + 1,
      fields: p === main ? mainFields : fieldsOf(p),
      blocks: blocksOf(classes, p.start, p.end, headerRowsOf(p), rows),
    })),
    unreadRows: [...unread].sort((x, y) => x - y).filter((r) => r <= grid.length),
    ...(hidden !== undefined && (hidden.rows.length > 0 || hidden.cols.length > 0)
      ? { hidden: { rows: hidden.rows.map((r) => r + 1), columns: [...hidden.cols], counted } }
      : {}),
  };
}

/**
 * A part's header rows: its reader's, where they fall inside the part; a copy the packed reader split off
 * within one part has its header at its first row.
 */
function headerRowsOf(p: TablePart): number[] {
  const own = p.read.headerRows.filter((r) => r >= p.start && r < p.end);
  return own.length > 0 || p.repeatOf === null ? own : [p.start];
}

/** The fields of a part as the user's mapping left them: the mapped ones say so (evidence `user`). */
function userFields(p: TablePart, mapping: Mapping): FieldReading[] {
  const out: FieldReading[] = p.read.fields.map((f) => {
    const role = p.layout === 'form' ? mapping.keys[labelKey(f.text).key] : mapping.columns[columnLetter(f.col)];
    return role === undefined ? f : { ...f, role: role as FieldReading['role'], confidence: 'high', evidence: 'user' };
  });
  if (p.layout !== 'form') {
    // A mapped column without a header cell of its own.
    const headerRow = p.read.headerRows[0];
    for (const [letter, role] of Object.entries(mapping.columns)) {
      const col = columnIndex(letter);
      if (out.some((f) => f.col === col)) continue;
      out.push({
        row: headerRow === undefined ? null : headerRow + 1,
        col,
        text: '',
        role: role as FieldReading['role'],
        confidence: 'high',
        evidence: 'user',
      });
    }
    out.sort((a, b) => a.col - b.col);
  }
  return out;
}

/** Rows that were not read, columns read with low confidence, and tables pasted twice: each said at its cell. */
export function flagReading(grid: Grid, rows: readonly WorkRow[], reading: Reading, reads: readonly ReadResult[], sink: Findings): void {
  for (const r of reading.unreadRows.map((x) => x - 1)) {
    const cells = grid[r] ?? [];
    let col = 0;
    while (col < cells.length && cellText(cells[col]).trim() === '') col++;
    const text = cellText(cells[col]).trim();
    sink.add({ row: rows[r] as WorkRow, column: 'name', col, severity: 'warning', code: 'unread-row', message: msg.unreadRow(text) });
  }
  for (const f of reads.flatMap((r) => r.fields)) {
    if (f.confidence !== 'low' || f.row === null || f.role === 'ignore') continue;
    const at = rows[f.row - 1];
    if (at !== undefined)
      sink.add({
        row: at,
        column: 'name',
        col: f.col,
        severity: 'info',
        code: 'reading-uncertain',
        message: msg.roleUncertain(f.text, f.role),
      });
  }
  for (const t of reading.tables) {
    if (t.repeatOf === null) continue;
    const at = rows[t.startRow - 1];
    if (at !== undefined)
      sink.add({
        row: at,
        column: 'name',
        col: firstUsedCol(grid[t.startRow - 1]),
        severity: 'warning',
        code: 'table-repeated',
        message: msg.tableRepeated(t.repeatOf),
      });
  }
}

/** A project with no name, or no amount in a table that reads amounts, is said at its row. */
