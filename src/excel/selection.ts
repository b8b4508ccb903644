/**
 * selection.ts — what the user selected, read as a grid.
 *
 * Owns: expanding a single selected cell to its current region, trimming whole columns or
 * rows to the used range, refusing selections Excel or the add-in cannot handle (several areas,
 * too many cells) with a message, reading values and their types in requests whose responses
 * stay under Excel on the web's 5 MB (split by the bytes seen so far, not by a cell count), and
 * turning error values (`#N/A`, told apart by `valueTypes`) into empty cells that are counted.
 */
import { type Cell } from '../core';
import { valueBytes, rowsPerRead } from './request-size';
import { LIMITS } from './host';

export class UserError extends Error {
  constructor(
    readonly key: 'selectTable' | 'tooLarge' | 'ownSheet' | 'nothingRead' | 'multiArea' | 'cellEdit' | 'sheetGone' | 'undoRefused',
    readonly detail: { cells?: number } = {},
  ) {
    super(key);
  }
}

export interface Probe {
  sheet: Excel.Worksheet;
  sheetId: string;
  sheetName: string;
  protected: boolean;
  target: { rowIndex: number; columnIndex: number; rowCount: number; columnCount: number };
  sheets: Array<{ id: string; name: string }>;
  tables: string[];
  stateSheetExists: boolean;
}

/** First request: the selection, the used range, the sheet and the workbook's sheets and tables. */
export async function probe(context: Excel.RequestContext, stateSheetName: string): Promise<Probe> {
  const wb = context.workbook;
  // getSelectedRange fails on a multi-area selection; the areas say how many there are.
  const areas = wb.getSelectedRanges();
  areas.load('areaCount');
  const sel = areas.areas.getItemAt(0);
  sel.load('address, rowIndex, columnIndex, rowCount, columnCount, cellCount, isEntireColumn, isEntireRow');
  const sheet = wb.worksheets.getActiveWorksheet();
  sheet.load('id, name, protection/protected');
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('rowIndex, columnIndex, rowCount, columnCount');
  const region = sel.getSurroundingRegion();
  region.load('rowIndex, columnIndex, rowCount, columnCount');
  wb.worksheets.load('items/id,items/name');
  wb.tables.load('items/name');
  const state = wb.worksheets.getItemOrNullObject(stateSheetName);
  state.load('id');
  await context.sync();
  if (areas.areaCount > 1) throw new UserError('multiArea');

  let target: Probe['target'];
  const dims = (r: Excel.Range) => ({ rowIndex: r.rowIndex, columnIndex: r.columnIndex, rowCount: r.rowCount, columnCount: r.columnCount });
  if (sel.cellCount === 1) {
    target = dims(region);
  } else if (sel.isEntireColumn || sel.isEntireRow) {
    if (used.isNullObject) throw new UserError('selectTable');
    // The selection clipped to the used range.
    const r0 = Math.max(sel.rowIndex, used.rowIndex);
    const c0 = Math.max(sel.columnIndex, used.columnIndex);
    const r1 = Math.min(sel.rowIndex + sel.rowCount, used.rowIndex + used.rowCount);
    const c1 = Math.min(sel.columnIndex + sel.columnCount, used.columnIndex + used.columnCount);
    if (r1 <= r0 || c1 <= c0) throw new UserError('selectTable');
    target = { rowIndex: r0, columnIndex: c0, rowCount: r1 - r0, columnCount: c1 - c0 };
  } else {
    target = dims(sel);
  }
  const cells = target.rowCount * target.columnCount;
  if (cells > LIMITS.maxCells) throw new UserError('tooLarge', { cells });
  return {
    sheet,
    sheetId: sheet.id,
    sheetName: sheet.name,
    protected: sheet.protection.protected,
    target,
    sheets: wb.worksheets.items.map((w) => ({ id: w.id, name: w.name })),
    tables: wb.tables.items.map((t) => t.name),
    stateSheetExists: !state.isNullObject,
  };
}

export interface SelectionRead {
  grid: Cell[][];
  errorValues: number;
  mergedAreas: number;
  /** Values of the state sheet's used range, when asked for. */
  stateValues: unknown[][] | null;
  /** Ids of the sheets that carry the add-in's tag, with the role they hold. */
  taggedSheets: Map<string, string>;
}

/** Rows of the first read request, before anything is known of the cells' size. */
const FIRST_READ_ROWS = 500;

/** The custom property that marks a worksheet as the add-in's own output. */
export const SHEET_TAG = 'BudgetNormalizer';

/**
 * Second request (more for a large selection): the values of the target and their types, its
 * merged areas where the API has them, the add-in's state sheet and the sheets' tags. Each
 * request reads as many rows as keep its response under half of 5 MB, judged by the bytes per
 * cell of what was read so far.
 */
export async function readTarget(
  context: Excel.RequestContext,
  p: Probe,
  opts: { stateSheetName: string; mergedApi: boolean; tagsApi: boolean; onProgress?: (done: number, total: number) => void },
): Promise<SelectionRead> {
  const { rowIndex, columnIndex, rowCount, columnCount } = p.target;
  const grid: Cell[][] = [];
  let errorValues = 0;
  let stateValues: unknown[][] | null = null;
  let mergedAreas = 0;
  const taggedSheets = new Map<string, string>();
  // A first guess: a short value and its type (`"Double"`) per cell, on a first block small enough
  // that cells of long text still fit; then the bytes per cell seen so far.
  let bytesPerCell = 40;
  for (let start = 0; start < rowCount;) {
    const n = Math.min(rowsPerRead(columnCount, bytesPerCell), rowCount - start, start === 0 ? FIRST_READ_ROWS : Infinity);
    const range = p.sheet.getRangeByIndexes(rowIndex + start, columnIndex, n, columnCount);
    range.load('values, valueTypes');
    let merged: Excel.RangeAreas | null = null;
    let stateRange: Excel.Range | null = null;
    const tags: Array<[string, Excel.WorksheetCustomProperty]> = [];
    if (start === 0) {
      if (opts.tagsApi) {
        for (const w of p.sheets) {
          const tag = context.workbook.worksheets.getItem(w.id).customProperties.getItemOrNullObject(SHEET_TAG);
          tag.load('value');
          tags.push([w.id, tag]);
        }
      }
      if (opts.mergedApi) {
        merged = p.sheet.getRangeByIndexes(rowIndex, columnIndex, rowCount, columnCount).getMergedAreasOrNullObject();
        merged.load('areaCount');
      }
      if (p.stateSheetExists) {
        stateRange = context.workbook.worksheets.getItem(opts.stateSheetName).getUsedRangeOrNullObject(true);
        stateRange.load('values');
      }
    }
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- budgeted: one request per block of rows, so a response stays under Excel on the web's limit.
    await context.sync();
    if (merged !== null && !merged.isNullObject) mergedAreas = merged.areaCount;
    if (stateRange?.isNullObject === false) stateValues = stateRange.values;
    for (const [id, tag] of tags) if (!tag.isNullObject) taggedSheets.set(id, tag.value);
    const values = range.values;
    const types = range.valueTypes;
    let bytes = 0;
    for (let r = 0; r < values.length; r++) {
      const vr = values[r] as unknown[];
      const tr = types[r] ?? [];
      const row: Cell[] = new Array(vr.length);
      for (let c = 0; c < vr.length; c++) {
        const v = vr[c];
        bytes += valueBytes(v) + 10;
        if (tr[c] === 'Error') {
          errorValues++;
          row[c] = null;
        } else row[c] = v === '' ? null : (v as Cell);
      }
      grid.push(row);
    }
    range.untrack();
    bytesPerCell = Math.max(bytesPerCell, Math.ceil(bytes / Math.max(1, n * columnCount)));
    start += n;
    opts.onProgress?.(Math.min(start, rowCount), rowCount);
  }
  return { grid, errorValues, mergedAreas, stateValues, taggedSheets };
}
