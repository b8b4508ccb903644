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
import { isShownNumber, columnLetter, displayWidth, fitCell, type Cell, type PlanMark, type PlanValue, type WorkbookPlan } from '../core';
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

/** Points per line of wrapped text at the sheets' 11-point font (CJK glyphs included), and the row's padding. */
export const LINE_POINTS = 15;
const ROW_PADDING = 3;

/** Width of text as it wraps: a CJK glyph is a little less than two digits wide in the fonts spreadsheets use. */
function wrapWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e7f ? 1.8 : 1;
  return w;
}

/**
 * How many lines a text takes in a wrapping column `width` characters wide: each of its lines (`\n`) wraps
 * on its own; a character of the width goes to the cell's padding and to words wrapping whole.
 */
export function wrappedLines(text: string, width: number): number {
  const room = Math.max(1, width - 1.5);
  let lines = 0;
  for (const line of text.split('\n')) lines += Math.max(1, Math.ceil(wrapWidth(line) / room));
  return lines;
}

/** A row's height in points for its wrapping cells' texts (`null`: one line, the default height does). */
export function wrappedRowHeight(cells: ReadonlyArray<{ text: string; width: number }>): number | null {
  let lines = 1;
  for (const c of cells) if (c.text !== '') lines = Math.max(lines, wrappedLines(c.text, c.width));
  return lines <= 1 ? null : Math.min(409, Math.ceil(lines * LINE_POINTS + ROW_PADDING));
}

/** How a sheet prints, as the plan says it. */
type PlanPageSetup = WorkbookPlan['page'];

/** The plan's page setup as exceljs's: landscape, fit to pages (0: as many as it takes), margins, title rows. */
export function pageSetupOf(page: PlanPageSetup): Partial<ExcelJS.PageSetup> {
  return {
    orientation: page.orientation,
    fitToPage: true,
    fitToWidth: page.fitToWidth,
    fitToHeight: page.fitToHeight,
    margins: { ...page.margins },
    ...(page.titleRows !== null ? { printTitlesRow: `${page.titleRows.first}:${page.titleRows.last}` } : {}),
  };
}

/**
 * A row's height for the text of its wrapping columns (`wraps[k]`: column k's width when it wraps), or null
 * when one line does. Excel grows such rows on opening; LibreOffice and WPS keep the height the file gives.
 */
export function rowHeightFor(values: readonly PlanValue[], wraps: ReadonlyArray<number | null>): number | null {
  const cells: Array<{ text: string; width: number }> = [];
  values.forEach((v, k) => {
    const width = wraps[k];
    if (width === null || width === undefined || v === null) return;
    cells.push({ text: typeof v === 'object' ? String(v.value ?? '') : String(v), width });
  });
  return wrappedRowHeight(cells);
}

/** Row `n` of a sheet: each value with its column's style, its height when given, then committed (written out and let go). */
function putRow(
  ws: ExcelJS.Worksheet,
  n: number,
  values: readonly ExcelJS.CellValue[],
  styles: ReadonlyArray<Partial<ExcelJS.Style>>,
  height: number | null = null,
): void {
  const row = ws.getRow(n);
  values.forEach((v, k) => {
    const cell = row.getCell(k + 1);
    cell.value = v;
    cell.style = styles[k] as Partial<ExcelJS.Style>;
  });
  if (height !== null) row.height = height;
  row.commit();
}

/** Text a source cell shows, for its column's width. */
const sourceText = (v: Cell): string => (isShownNumber(v) ? v.text : v === null || v === undefined ? '' : String(v));

/**
 * The source copy's column widths: each as wide as its widest number (amounts are never cut) and, up to
 * `TEXT_WIDTH`, its text (longer text runs into the empty cells beside it or is cut, as in the user's sheet).
 */
const TEXT_WIDTH = 30;
export function sourceWidths(grid: readonly (readonly Cell[])[], least: number): number[] {
  const widths: number[] = [];
  for (const row of grid)
    row.forEach((v, c) => {
      const text = sourceText(v);
      if (text === '') return;
      const numeric = typeof v === 'number' || isShownNumber(v);
      const w = numeric
        ? Math.max(displayWidth(text), displayWidth(String(isShownNumber(v) ? v.value : v))) + 3
        : Math.min(TEXT_WIDTH, displayWidth(text) + 2);
      widths[c] = Math.max(widths[c] ?? least, Math.min(60, w));
    });
  return Array.from(widths, (w) => w ?? least);
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
  page: PlanPageSetup,
  look?: SourceLook,
): Promise<void> {
  // The plan's page setup, without title rows: the user's header need not be row 1.
  const ws = wb.addWorksheet(name, { pageSetup: pageSetupOf({ ...page, titleRows: null }) });
  const marksByRow = new Map<number, PlanMark[]>();
  for (const m of marks) {
    const list = marksByRow.get(m.row);
    if (list) list.push(m);
    else marksByRow.set(m.row, [m]);
  }
  const width = Math.max(0, ...grid.map((r) => r.length));
  // Columns before the table's first keep their default width; the table's are as wide as their amounts.
  const widths = sourceWidths(grid, look !== undefined ? 16 : 9);
  if (look !== undefined) while (widths.length < width) widths.push(16);
  if (widths.length > 0)
    ws.columns = [...Array.from({ length: origin.col }, () => ({})), ...widths.map((w) => ({ width: w }))] as Array<
      Partial<ExcelJS.Column>
    >;
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
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: pageSetupOf(sheet.page) });
    const wraps = sheet.columns.map((c) => (c.wrap ? c.width : null));
    // Each column's number format and wrapping, on the column and on each of its cells.
    const styles: Array<Partial<ExcelJS.Style>> = sheet.columns.map((c) => ({
      ...(c.numberFormat !== 'General' ? { numFmt: c.numberFormat } : {}),
      // Every cell at the top of its row, beside the wrapped text that makes the row tall.
      alignment: c.wrap ? { wrapText: true, vertical: 'top' as const } : { vertical: 'top' as const },
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
      putRow(ws, ++n + 1, values.map(cellValue), styles, rowHeightFor(values, wraps));
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
  await writeSource(wb, source, grid, plan.marks, origin, onProgress, plan.page);
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
  // The tables' page setup (the plan's, the same for every table).
  const page = tables[0]?.plan.page;
  const ws = wb.addWorksheet(summary.name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    ...(page !== undefined ? { pageSetup: pageSetupOf(page) } : {}),
  });
  const wraps = summary.columns.map((c) => c.width);
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
  summary.rows.forEach((values, k) => putRow(ws, k + 2, values.map(cellValue), styles, rowHeightFor(values, wraps)));
  if (summary.rows.length === 0) putRow(ws, 2, [], []);
  ws.commit();
  let k = 0;
  for (const t of tables) {
    k++;
    await writeSource(wb, t.sourceName, t.grid, t.plan.marks, t.origin ?? { row: 0, col: 0 }, onProgress, t.plan.page, t.look);
    await writePlanSheets(wb, t.plan, names, onProgress, t.prefix, `_${k}`);
  }
  await wb.commit();
}
