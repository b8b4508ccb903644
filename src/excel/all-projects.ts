/**
 * all-projects.ts — the reviewer's list across tables: one sheet (全部项目 / All projects) with every project
 * of every normalized table, each row linked to its source cell, each table's rows one block.
 *
 * One sheet, not a sheet per table: a sheet per table is what each table's 规范化 already is; the reviewer
 * who keeps one department per sheet wants one list to sort and filter across departments. Each table owns
 * its block: a run rewrites its own rows only (found by the first column, the text `sheet!range` the run
 * wrote last time, remembered in the table's record), inserting or deleting whole rows when its count of
 * projects changed, so that the other tables' rows stay as they are. All of it is undoable.
 *
 * Owns: the sheet's columns (taken from the 规范化 sheet's, by key), its rows for a table, finding a
 * table's block, and writing it.
 */
import { buildPlan, columnLetter, Lang, Model, PlanSheet, PlanValue, strings, TEXT_FORMAT } from '../core';
import { Batch, blocksByBytes, valueBytes } from './request-size';
import { LIMITS } from './host';
import { toExcel } from './sheets';

/** The 规范化 columns the list shows, after its first column (the table). */
const KEYS = ['source', 'unit', 'name', 'total', 'fiscal', 'specialAccount', 'other', 'indicators', 'check', 'review'] as const;
/** Rows of the first column read per request when looking for a table's block (about 40 bytes a row). */
export const KEY_ROWS_PER_REQUEST = 20_000;

export const allSheetName = (lang: Lang): string => (lang === 'zh' ? '全部项目' : 'All projects');
const tableHeader = (lang: Lang): string => (lang === 'zh' ? '表' : 'Table');

export interface AllRows {
  header: string[];
  formats: string[];
  widths: number[];
  rows: PlanValue[][];
}

/** A table's rows in the list: its projects, as the 规范化 sheet has them, after the table's key (`预算表!A1:G33`). */
export function allRows(model: Model, opts: { lang: Lang; sheetName: string; origin: { row: number; col: number } }, key: string): AllRows {
  const plan = buildPlan(model, { ...opts, outputs: { normalized: true, indicators: false, flags: false } });
  const sheet = plan.sheets.find((x) => x.role === 'normalized') as PlanSheet;
  const idx = KEYS.map((k) => sheet.columns.findIndex((c) => c.key === k));
  const kind = sheet.columns.findIndex((c) => c.key === 'kind');
  const project = strings(opts.lang).kindProject;
  const rows: PlanValue[][] = [];
  for (const r of sheet.rows()) if (r[kind] === project) rows.push([key, ...idx.map((i) => (i < 0 ? null : (r[i] ?? null)))]);
  const cols = idx.map((i) => sheet.columns[i]);
  return {
    header: [tableHeader(opts.lang), ...cols.map((c) => c?.header ?? '')],
    formats: [TEXT_FORMAT, ...cols.map((c) => c?.numberFormat ?? 'General')],
    widths: [Math.max(16, key.length + 2), ...cols.map((c) => Math.min(48, c?.width ?? 12))],
    rows,
  };
}

/**
 * Where a table's rows are: runs of 0-based sheet rows [start, end) (one run, unless the user sorted the
 * list), and the first row after the list.
 */
export interface Block {
  runs: Array<{ start: number; end: number }>;
  next: number;
}

/** The rows whose first-column cells read one of `keys`, in the first column's values (from row 2, the header's below). */
export function findBlock(column: readonly unknown[], keys: ReadonlySet<string>): Block {
  const runs: Block['runs'] = [];
  let last = 0;
  column.forEach((v, i) => {
    const row = i + 1;
    if (v !== '' && v !== null && v !== undefined) last = row;
    if (typeof v !== 'string' || !keys.has(v)) return;
    const run = runs[runs.length - 1];
    if (run !== undefined && run.end === row) run.end++;
    else runs.push({ start: row, end: row + 1 });
  });
  return { runs, next: Math.max(1, last + 1) };
}

/**
 * Write a table's block: the header, its rows where its old block was (rows inserted or deleted for the
 * difference), or after the list (its old rows, scattered by a sort, deleted first). `all` null removes the block.
 */
export async function writeBlock(batch: Batch, ws: Excel.Worksheet, block: Block, all: AllRows | null): Promise<void> {
  const n = all?.rows.length ?? 0;
  let start: number;
  await batch.reserve(200 + block.runs.length * 60);
  const [only] = block.runs;
  if (block.runs.length === 1 && only !== undefined) {
    start = only.start;
    const old = only.end - only.start;
    // Whole rows, 1-based: the rows beyond the new count go, or rows are made for the new ones.
    if (n < old) ws.getRange(`${start + n + 1}:${start + old}`).delete('Up');
    else if (n > old) ws.getRange(`${start + old + 1}:${start + n}`).insert('Down');
  } else {
    // None, or scattered: each run deleted, from the bottom up; the block goes after the list.
    let removed = 0;
    for (const run of [...block.runs].reverse()) {
      ws.getRange(`${run.start + 1}:${run.end}`).delete('Up');
      removed += run.end - run.start;
    }
    start = block.next - removed;
  }
  if (all === null || n === 0) return;
  const width = all.header.length;
  const last = columnLetter(width - 1);
  await batch.reserve(width * 200);
  all.widths.forEach((w, k) => (ws.getRange(`${columnLetter(k)}:${columnLetter(k)}`).format.columnWidth = Math.round(w * 7.5)));
  const header = ws.getRange(`A1:${last}1`);
  header.numberFormat = [all.header.map(() => TEXT_FORMAT)];
  header.values = [all.header];
  const formatBytes = all.formats.reduce((b, f) => b + valueBytes(f), 2);
  const rowBytes = (r: PlanValue[]): number => r.reduce<number>((b, v) => b + valueBytes(toExcel(v)), 8 + formatBytes);
  let at = start;
  for (const { items, bytes } of blocksByBytes(all.rows, rowBytes, LIMITS.maxRequestBytes / 2)) {
    await batch.reserve(bytes + 200);
    const range = ws.getRange(`A${at + 1}:${last}${at + items.length}`);
    range.numberFormat = items.map(() => all.formats);
    range.values = items.map((r) => r.map(toExcel));
    at += items.length;
  }
}
