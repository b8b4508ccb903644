/**
 * xlsx.ts — the workbook plan applied to an .xlsx file, streamed (`-o OUT.xlsx`).
 *
 * Owns: the file-based sink, for users without Excel's add-in platform (WPS, batch jobs). It
 * writes the input table as it was read, with the plan's marks (fill and note) on its cells,
 * then the plan's sheets as Excel tables with number formats, widths, frozen headers, the live
 * check formulas and the highlights that follow them. Every sheet is written row by row through
 * exceljs's streaming writer (`TableWorkbookWriter` adds the tables): each row is committed as soon
 * as it is made, so neither the workbook nor a sheet is ever held whole. exceljs stores every string
 * as text, so nothing the add-in writes becomes a formula.
 */
import ExcelJS from 'exceljs';
import { isShownNumber, columnLetter, fitCell, type Cell, type PlanMark, type PlanValue, type WorkbookPlan } from '../core';
import { drained, startRowsAt, TableWorkbookWriter } from './xlsx-tables';

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

export function cellValue(v: PlanValue): ExcelJS.CellValue {
  if (v === null) return null;
  // The formula with its value, so that previews and Protected View show the value, not a blank.
  if (typeof v === 'object') return { formula: v.formula, result: v.value ?? '' } as ExcelJS.CellFormulaValue;
  return v;
}

/** Excel's sheet-name rules: at most 31 characters, none of \ / ? * [ ] :. */
export function safeSheetName(name: string): string {
  const clean = name.replace(/[\\/?*[\]:]/g, '_').slice(0, 31);
  return clean === '' ? 'Sheet1' : clean;
}

/** Rows written so far, for progress: the sheet's name, its rows done and its rows in all. */
export type WriteProgress = (sheet: string, done: number, total: number) => void;

/**
 * One style object per column, shared by its cells: exceljs finds a style it has seen by the
 * object's identity, so shared objects cost a lookup per cell instead of building the style's XML.
 */
const NO_STYLE: Partial<ExcelJS.Style> = {};

/** How often (in rows) the writer lets the zip catch up. */
const DRAIN_ROWS = 500;

/** How often (in rows) progress is told. */
const PROGRESS_ROWS = 5_000;

/** Row `n` of a sheet: each value with its column's style, then committed (written out and let go). */
function putRow(
  ws: ExcelJS.Worksheet,
  n: number,
  values: readonly ExcelJS.CellValue[],
  styles: ReadonlyArray<Partial<ExcelJS.Style>>,
): void {
  const row = ws.getRow(n);
  values.forEach((v, k) => {
    const cell = row.getCell(k + 1);
    cell.value = v;
    cell.style = styles[k] as Partial<ExcelJS.Style>;
  });
  row.commit();
}

/** A merged cell of a table read from a PDF, 0-based in the grid, inclusive. */
export interface SourceMerge {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** How a table read from a PDF is drawn: its merged cells merged, every cell of its ruled rows bordered. */
export interface SourceLook {
  merges: readonly SourceMerge[];
  /** Rows (0-based) that were ruled in the PDF. */
  ruledRows: ReadonlySet<number>;
}

const THIN = { style: 'thin' as const };
const BORDERED: Partial<ExcelJS.Style> = {
  border: { top: THIN, left: THIN, bottom: THIN, right: THIN },
  alignment: { wrapText: true, vertical: 'top' },
};

/** The user's table as it was read, at its own place, with the plan's marks on their cells. */
async function writeSource(
  wb: TableWorkbookWriter,
  name: string,
  grid: readonly (readonly Cell[])[],
  marks: readonly PlanMark[],
  origin: { row: number; col: number },
  onProgress: WriteProgress,
  look?: SourceLook,
): Promise<void> {
  const ws = wb.addWorksheet(name);
  const marksByRow = new Map<number, PlanMark[]>();
  for (const m of marks) {
    const list = marksByRow.get(m.row);
    if (list) list.push(m);
    else marksByRow.set(m.row, [m]);
  }
  const width = Math.max(0, ...grid.map((r) => r.length));
  if (look !== undefined) ws.columns = Array.from({ length: width }, () => ({ width: 16 }));
  // Merged cells are merged as their first row is written (the streaming writer cannot touch a committed row).
  const mergesAt = new Map<number, SourceMerge[]>();
  for (const m of look?.merges ?? []) mergesAt.set(m.row, [...(mergesAt.get(m.row) ?? []), m]);
  for (let r = 0; r < grid.length; r++) {
    const cells = grid[r] as readonly Cell[];
    const rowMarks = marksByRow.get(r + 1);
    const ruled = look?.ruledRows.has(r) === true;
    if (!ruled && rowMarks === undefined && cells.every((v) => v === null || v === undefined || v === '')) continue;
    startRowsAt(ws, origin.row + r + 1);
    const row = ws.getRow(origin.row + r + 1);
    const put = (v: Cell, c: number): void => {
      const empty = v === null || v === undefined || v === '';
      if (empty && !ruled) return;
      const cell = row.getCell(origin.col + c + 1);
      if (!empty) cell.value = fitCell(isShownNumber(v) ? v.value : v) as ExcelJS.CellValue;
      cell.style = ruled ? BORDERED : NO_STYLE;
    };
    if (ruled) for (let c = 0; c < width; c++) put(cells[c], c);
    else cells.forEach(put);
    for (const m of rowMarks ?? []) {
      const cell = row.getCell(origin.col + m.col + 1);
      cell.style = { ...(ruled ? BORDERED : {}), fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(m.fill) } } };
      cell.note = m.note;
    }
    for (const m of mergesAt.get(r) ?? [])
      ws.mergeCells(origin.row + m.row + 1, origin.col + m.col + 1, origin.row + m.row + m.rows, origin.col + m.col + m.cols);
    row.commit();
    if ((r + 1) % DRAIN_ROWS === 0) await drained(ws);
    if ((r + 1) % PROGRESS_ROWS === 0) onProgress(name, r + 1, grid.length);
  }
  onProgress(name, grid.length, grid.length);
  ws.commit();
}

/** A name not yet taken in the workbook (Excel's rules; `name (2)` and so on when taken). */
function freeName(names: Set<string>, wanted: string): string {
  let name = safeSheetName(wanted);
  for (let k = 2; names.has(name.toLowerCase()); k++) name = safeSheetName(`${wanted.slice(0, 26)} (${k})`);
  names.add(name.toLowerCase());
  return name;
}

/** The plan's sheets (规范化, 绩效指标) as Excel tables, each name prefixed and each table name suffixed when asked. */
async function writePlanSheets(
  wb: TableWorkbookWriter,
  plan: WorkbookPlan,
  names: Set<string>,
  onProgress: WriteProgress,
  prefix = '',
  tableSuffix = '',
): Promise<void> {
  for (const sheet of plan.sheets) {
    const name = freeName(names, `${prefix}${sheet.name}`);
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    // Each column's number format and wrapping, on the column and on each of its cells.
    const styles: Array<Partial<ExcelJS.Style>> = sheet.columns.map((c) => ({
      ...(c.numberFormat !== 'General' ? { numFmt: c.numberFormat } : {}),
      ...(c.wrap ? { alignment: { wrapText: true, vertical: 'top' as const } } : {}),
    }));
    ws.columns = sheet.columns.map((c, k) => ({ width: c.width, style: styles[k] as Partial<ExcelJS.Style> }));
    // An empty table still needs one data row.
    const dataRows = Math.max(1, sheet.rowCount);
    const last = columnLetter(sheet.columns.length - 1);
    wb.addTable(ws, {
      name: `${sheet.tableName}${tableSuffix}`,
      ref: `A1:${last}${dataRows + 1}`,
      columns: sheet.columns.map((c) => c.header),
      style: 'TableStyleLight9',
    });
    putRow(
      ws,
      1,
      sheet.columns.map((c) => c.header),
      sheet.columns.map(() => NO_STYLE),
    );
    let n = 0;
    for (const values of sheet.rows()) {
      putRow(ws, ++n + 1, values.map(cellValue), styles);
      if (n % DRAIN_ROWS === 0) await drained(ws);
      if (n % PROGRESS_ROWS === 0) onProgress(name, n, sheet.rowCount);
    }
    onProgress(name, sheet.rowCount, sheet.rowCount);
    for (const cf of sheet.conditionals) {
      const letter = columnLetter(sheet.columns.findIndex((c) => c.key === cf.key));
      ws.addConditionalFormatting({
        ref: `${letter}2:${letter}${dataRows + 1}`,
        rules: [
          {
            type: 'expression',
            priority: 1,
            formulae: [cf.formula],
            style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(cf.fill) } } },
          },
        ],
      });
    }
    ws.commit();
  }
}

/** Writes the input table and the plan to `path`, streamed; resolves when the file is complete. */
export async function writeWorkbook(
  path: string,
  grid: readonly (readonly Cell[])[],
  plan: WorkbookPlan,
  sourceName: string,
  origin: { row: number; col: number } = { row: 0, col: 0 },
  onProgress: WriteProgress = () => undefined,
): Promise<void> {
  const wb = new TableWorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  wb.creator = 'Budget Normalizer';
  const source = safeSheetName(sourceName);
  await writeSource(wb, source, grid, plan.marks, origin, onProgress);
  const names = new Set([source.toLowerCase()]);
  await writePlanSheets(wb, plan, names, onProgress);
  await wb.commit();
}

/** One table of a batch workbook: its grid, where it stands, its plan (built for `sourceName`), how to draw it. */
export interface BatchTable {
  grid: readonly (readonly Cell[])[];
  plan: WorkbookPlan;
  /** The sheet name the plan's links were built for (see `batchSheetNames`). */
  sourceName: string;
  /** The prefix of its plan's sheets (`3 `). */
  prefix: string;
  origin?: { row: number; col: number };
  look?: SourceLook;
}

/** The summary sheet: its columns (header, width, number format) and its rows. */
export interface SummarySheet {
  name: string;
  columns: ReadonlyArray<{ header: string; width: number; numFmt?: string }>;
  rows: ReadonlyArray<readonly PlanValue[]>;
}

/**
 * The sheet names of a batch workbook, reserved in order: the summary's, then each table's source sheet
 * (`1 report p7`); a table's plan sheets take `1 规范化` and so on when written.
 */
export function batchSheetNames(summary: string, sources: readonly string[]): { names: Set<string>; summary: string; sources: string[] } {
  const names = new Set<string>();
  const s = freeName(names, summary);
  return { names, summary: s, sources: sources.map((n) => freeName(names, n)) };
}

/** A batch's workbook: the summary sheet first (an Excel table, links to the tables' sheets), then each table's three sheets. */
export async function writeBatchWorkbook(
  path: string,
  summary: SummarySheet,
  tables: readonly BatchTable[],
  names: Set<string>,
  onProgress: WriteProgress = () => undefined,
): Promise<void> {
  const wb = new TableWorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  wb.creator = 'Budget Normalizer';
  const ws = wb.addWorksheet(summary.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const styles: Array<Partial<ExcelJS.Style>> = summary.columns.map((c) => ({
    ...(c.numFmt !== undefined ? { numFmt: c.numFmt } : {}),
    alignment: { wrapText: true, vertical: 'top' as const },
  }));
  ws.columns = summary.columns.map((c, k) => ({ width: c.width, style: styles[k] as Partial<ExcelJS.Style> }));
  wb.addTable(ws, {
    name: 'BN_Summary',
    ref: `A1:${columnLetter(summary.columns.length - 1)}${Math.max(1, summary.rows.length) + 1}`,
    columns: summary.columns.map((c) => c.header),
    style: 'TableStyleLight9',
  });
  putRow(
    ws,
    1,
    summary.columns.map((c) => c.header),
    summary.columns.map(() => NO_STYLE),
  );
  summary.rows.forEach((values, k) => putRow(ws, k + 2, values.map(cellValue), styles));
  if (summary.rows.length === 0) putRow(ws, 2, [], []);
  ws.commit();
  let k = 0;
  for (const t of tables) {
    k++;
    await writeSource(wb, t.sourceName, t.grid, t.plan.marks, t.origin ?? { row: 0, col: 0 }, onProgress, t.look);
    await writePlanSheets(wb, t.plan, names, onProgress, t.prefix, `_${k}`);
  }
  await wb.commit();
}
