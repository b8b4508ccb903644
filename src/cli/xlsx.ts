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

/** The user's table as it was read, at its own place, with the plan's marks on their cells. */
async function writeSource(
  wb: TableWorkbookWriter,
  name: string,
  grid: readonly (readonly Cell[])[],
  marks: readonly PlanMark[],
  origin: { row: number; col: number },
  onProgress: WriteProgress,
): Promise<void> {
  const ws = wb.addWorksheet(name);
  const marksByRow = new Map<number, PlanMark[]>();
  for (const m of marks) {
    const list = marksByRow.get(m.row);
    if (list) list.push(m);
    else marksByRow.set(m.row, [m]);
  }
  for (let r = 0; r < grid.length; r++) {
    const cells = grid[r] as readonly Cell[];
    const rowMarks = marksByRow.get(r + 1);
    if (rowMarks === undefined && cells.every((v) => v === null || v === undefined || v === '')) continue;
    startRowsAt(ws, origin.row + r + 1);
    const row = ws.getRow(origin.row + r + 1);
    cells.forEach((v, c) => {
      if (v === null || v === undefined || v === '') return;
      const cell = row.getCell(origin.col + c + 1);
      cell.value = fitCell(isShownNumber(v) ? v.value : v) as ExcelJS.CellValue;
      cell.style = NO_STYLE;
    });
    for (const m of rowMarks ?? []) {
      const cell = row.getCell(origin.col + m.col + 1);
      cell.style = { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(m.fill) } } };
      cell.note = m.note;
    }
    row.commit();
    if ((r + 1) % DRAIN_ROWS === 0) await drained(ws);
    if ((r + 1) % PROGRESS_ROWS === 0) onProgress(name, r + 1, grid.length);
  }
  onProgress(name, grid.length, grid.length);
  ws.commit();
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
  const names = new Set([source]);
  for (const sheet of plan.sheets) {
    let name = safeSheetName(sheet.name);
    for (let k = 2; names.has(name); k++) name = safeSheetName(`${sheet.name} (${k})`);
    names.add(name);
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
      name: sheet.tableName,
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
  await wb.commit();
}
