/**
 * xlsx.ts — the workbook plan applied to an .xlsx file with exceljs (`-o OUT.xlsx`).
 *
 * Owns: the file-based sink, for users without Excel's add-in platform (WPS, batch jobs). It
 * writes the input table as it was read, with the plan's marks (fill and note) on its cells,
 * then the plan's sheets as Excel tables with number formats, widths and the live check
 * formulas. exceljs stores every string as text, so nothing the add-in writes becomes a formula.
 */
import ExcelJS from 'exceljs';
import type { Cell } from '../core/input/grid';
import { fitCell, type PlanValue, type WorkbookPlan } from '../core/output/plan';

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

function cellValue(v: PlanValue): ExcelJS.CellValue {
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

export function buildWorkbook(
  grid: readonly (readonly Cell[])[],
  plan: WorkbookPlan,
  sourceName: string,
  origin: { row: number; col: number } = { row: 0, col: 0 },
): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Budget Normalizer';
  const src = wb.addWorksheet(safeSheetName(sourceName));
  grid.forEach((row, r) => {
    row.forEach((v, c) => {
      if (v === null || v === undefined || v === '') return;
      src.getCell(origin.row + r + 1, origin.col + c + 1).value = fitCell(v) as ExcelJS.CellValue;
    });
  });
  for (const m of plan.marks) {
    const cell = src.getCell(m.address);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(m.fill) } };
    cell.note = m.note;
  }
  const names = new Set([src.name]);
  for (const sheet of plan.sheets) {
    let name = safeSheetName(sheet.name);
    for (let k = 2; names.has(name); k++) name = safeSheetName(`${sheet.name} (${k})`);
    names.add(name);
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addTable({
      name: sheet.tableName,
      ref: 'A1',
      headerRow: true,
      style: { theme: 'TableStyleLight9', showRowStripes: true },
      columns: sheet.columns.map((c) => ({ name: c.header, filterButton: true })),
      rows: sheet.rows.length > 0 ? sheet.rows.map((r) => r.map(cellValue)) : [sheet.columns.map(() => null)],
    });
    sheet.columns.forEach((c, k) => {
      const col = ws.getColumn(k + 1);
      col.width = c.width;
      if (c.numberFormat !== 'General') col.numFmt = c.numberFormat;
      if (c.wrap) {
        col.alignment = { wrapText: true, vertical: 'top' };
        // The table's cells carry their own style: each wrapping cell is told too.
        for (let r = 2; r <= sheet.rows.length + 1; r++) ws.getCell(r, k + 1).alignment = { wrapText: true, vertical: 'top' };
      }
    });
    const lastRow = Math.max(2, sheet.rows.length + 1);
    for (const cf of sheet.conditionals) {
      const k = sheet.columns.findIndex((c) => c.key === cf.key);
      const letter = ws.getColumn(k + 1).letter;
      ws.addConditionalFormatting({
        ref: `${letter}2:${letter}${lastRow}`,
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
  }
  return wb;
}

export async function writeWorkbook(
  path: string,
  grid: readonly (readonly Cell[])[],
  plan: WorkbookPlan,
  sourceName: string,
  origin: { row: number; col: number } = { row: 0, col: 0 },
): Promise<void> {
  await buildWorkbook(grid, plan, sourceName, origin).xlsx.writeFile(path);
}
