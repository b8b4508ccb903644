/**
 * sheets.ts — the plan's output sheets written through Office.js.
 *
 * Owns: making an output sheet (outside the undo group, with the add-in's tags and its frozen header: the
 * calls that fail when another workbook takes the focus are made there, before anything the user sees is
 * written), emptying one the table already owns (its table converted to a range, its conditional formats
 * and cells cleared: a re-run never deletes a sheet, which Excel cannot undo), and writing one as an Excel
 * table: column widths, the header, number formats before values (so that text written into a text column
 * stays text), the live check formulas, long text wrapping, the highlights that follow the live checks
 * (conditional formats); and names that do not collide with the user's sheets and tables.
 */
import { PlanSheet, PlanValue, TEXT_FORMAT, columnLetter } from '../core';
import { Batch, blocksByBytes, valueBytes } from './request-size';
import { LIMITS } from './host';
import { SHEET_TAG, SOURCE_TAG } from './selection';

/**
 * A plan value as Excel `values` input: the plan's formulas as `=…`; a text that starts with an apostrophe
 * gets one more, which Excel takes as the prefix character (as it does when the text is typed), so that
 * the text keeps its own.
 */
export function toExcel(v: PlanValue): string | number | boolean {
  if (v === null) return '';
  if (typeof v === 'object') return `=${v.formula}`;
  if (typeof v === 'string' && v.startsWith("'")) return `'${v}`;
  return v;
}

/** How a sheet prints, as the plan says it. */
type PlanPageSetup = PlanSheet['page'];

/** Points in an inch: Office.js gives margins in points, the plan in inches (rounded to a hundredth of a point). */
const points = (inches: number): number => Math.round(inches * 72 * 100) / 100;

/**
 * Queue a sheet's page setup (ExcelApi 1.9 `pageLayout`): orientation, fit to pages (`verticalFitToPages` 0:
 * as many pages tall as it takes), margins, and the title rows repeated on every page.
 */
export function queuePageLayout(ws: Excel.Worksheet, page: PlanPageSetup): void {
  const layout = ws.pageLayout;
  layout.orientation = page.orientation === 'landscape' ? 'Landscape' : 'Portrait';
  layout.zoom = { horizontalFitToPages: page.fitToWidth, verticalFitToPages: page.fitToHeight };
  const m = page.margins;
  layout.leftMargin = points(m.left);
  layout.rightMargin = points(m.right);
  layout.topMargin = points(m.top);
  layout.bottomMargin = points(m.bottom);
  layout.headerMargin = points(m.header);
  layout.footerMargin = points(m.footer);
  if (page.titleRows !== null) layout.setPrintTitleRows(`$${page.titleRows.first}:$${page.titleRows.last}`);
}

/**
 * Queue making an output sheet: tagged with its role and its table's sheet (ExcelApi 1.12), header row frozen,
 * and its page setup (`page`; the manifest asks for ExcelApi 1.9, which has page layout).
 */
export function queueNewSheet(
  context: Excel.RequestContext,
  name: string,
  role: string,
  sourceSheetId: string,
  tagsApi: boolean,
  page: PlanPageSetup | null = null,
): Excel.Worksheet {
  const ws = context.workbook.worksheets.add(name);
  if (tagsApi) {
    ws.customProperties.add(SHEET_TAG, role);
    ws.customProperties.add(SOURCE_TAG, sourceSheetId);
  }
  ws.freezePanes.freezeRows(1);
  if (page !== null) queuePageLayout(ws, page);
  ws.load('id');
  return ws;
}

/** Queue emptying an output sheet the table owns: its Excel tables become ranges, then formats, rules and cells go. */
export function queueEmptySheet(ws: Excel.Worksheet, tableNames: readonly string[]): void {
  for (const t of tableNames) ws.tables.getItem(t).convertToRange();
  const all = ws.getRange();
  all.conditionalFormats.clearAll();
  all.clear();
}

/** A name not taken (case-insensitively): the preferred one, or `name (2)`, `name (3)` … */
export function uniqueName(preferred: string, taken: Iterable<string>, numbered = (k: number) => `${preferred} (${k})`): string {
  const lower = new Set([...taken].map((t) => t.toLowerCase()));
  if (!lower.has(preferred.toLowerCase())) return preferred;
  for (let k = 2; ; k++) {
    const name = numbered(k);
    if (!lower.has(name.toLowerCase())) return name;
  }
}

/**
 * Write a plan sheet on an empty sheet (made by queueNewSheet, or emptied by queueEmptySheet in the same request),
 * with the plan's page setup (set again: a sheet an earlier version made has none).
 */
export async function writeSheet(
  batch: Batch,
  ws: Excel.Worksheet,
  sheet: PlanSheet,
  tableName: string,
  onRows: (n: number) => void,
): Promise<void> {
  const width = sheet.columns.length;
  const last = columnLetter(width - 1);
  const rows = sheet.rowCount + 1;
  await batch.reserve(700 + width * 160);
  queuePageLayout(ws, sheet.page);
  sheet.columns.forEach((c, k) => {
    const column = ws.getRange(`${columnLetter(k)}:${columnLetter(k)}`);
    column.format.columnWidth = Math.round(c.width * 7.5);
    if (c.wrap) column.format.wrapText = true;
  });
  const header = ws.getRange(`A1:${last}1`);
  header.numberFormat = [sheet.columns.map(() => TEXT_FORMAT)];
  header.values = [sheet.columns.map((c) => c.header)];
  const formats = sheet.columns.map((c) => c.numberFormat);
  const formatBytes = formats.reduce((n, f) => n + valueBytes(f), 2);
  const rowBytes = (r: PlanValue[]): number => r.reduce<number>((n, v) => n + valueBytes(toExcel(v)), 8 + formatBytes);
  // The rows as the plan makes them, a request's worth at a time.
  let start = 0;
  for (const { items, bytes } of blocksByBytes(sheet.rows(), rowBytes, LIMITS.maxRequestBytes / 2)) {
    await batch.reserve(bytes + 200);
    const block = ws.getRange(`A${start + 2}:${last}${start + items.length + 1}`);
    // Formats before values, so that text written into a text column stays text.
    block.numberFormat = items.map(() => formats);
    block.values = items.map((r) => r.map(toExcel));
    start += items.length;
    onRows(items.length);
  }
  await batch.reserve(300 + sheet.conditionals.length * 200);
  const table = ws.tables.add(`A1:${last}${rows}`, true);
  table.name = tableName;
  for (const cf of sheet.conditionals) {
    const k = sheet.columns.findIndex((c) => c.key === cf.key);
    const letter = columnLetter(k);
    const f = ws.getRange(`${letter}2:${letter}${Math.max(2, rows)}`).conditionalFormats.add('Custom');
    f.custom.rule.formula = `=${cf.formula}`;
    f.custom.format.fill.color = cf.fill;
  }
}
