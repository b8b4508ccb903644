/**
 * selection.ts — what the user selected, read as a grid.
 *
 * Owns: expanding a single selected cell to its current region, trimming whole columns or
 * rows to the used range, refusing selections too large to handle, reading values and text
 * in requests small enough for Excel on the web, and turning error values (`#N/A`) into
 * empty cells that are counted and reported.
 */
import type { Cell } from '../core/input/grid';
import { LIMITS } from './host';

export class UserError extends Error {
  constructor(
    readonly key: 'selectTable' | 'tooLarge' | 'ownSheet' | 'nothingRead',
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

const ERROR_VALUE = /^#(?:N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA)$/;

/** First request: the selection, the used range, the sheet and the workbook's sheets and tables. */
export async function probe(context: Excel.RequestContext, stateSheetName: string): Promise<Probe> {
  const wb = context.workbook;
  const sel = wb.getSelectedRange();
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

export interface ReadResult {
  grid: Cell[][];
  errorValues: number;
  mergedAreas: number;
  /** Values of the state sheet's used range, when asked for. */
  stateValues: unknown[][] | null;
  /** Fill colours of the target's cells (grid coordinates), read with the values when the target is small. */
  fills: string[][] | null;
  /** Ids of the sheets that carry the add-in's tag, with the role they hold. */
  taggedSheets: Map<string, string>;
}

/** The custom property that marks a worksheet as the add-in's own output. */
export const SHEET_TAG = 'BudgetNormalizer';

/**
 * Second request (more for a large selection): the values and text of the target, its merged
 * areas where the API has them, and the add-in's state sheet.
 */
export async function readTarget(
  context: Excel.RequestContext,
  p: Probe,
  opts: { stateSheetName: string; mergedApi: boolean; tagsApi: boolean; onProgress?: (done: number, total: number) => void },
): Promise<ReadResult> {
  const { rowIndex, columnIndex, rowCount, columnCount } = p.target;
  const rowsPerChunk = Math.max(1, Math.floor(LIMITS.readChunkCells / Math.max(1, columnCount)));
  const grid: Cell[][] = [];
  let errorValues = 0;
  let stateValues: unknown[][] | null = null;
  let mergedAreas = 0;
  let fills: string[][] | null = null;
  const taggedSheets = new Map<string, string>();
  const oneRequest = rowCount * columnCount <= LIMITS.readChunkCells;
  for (let start = 0; start < rowCount; start += rowsPerChunk) {
    const n = Math.min(rowsPerChunk, rowCount - start);
    const range = p.sheet.getRangeByIndexes(rowIndex + start, columnIndex, n, columnCount);
    range.load(['values', 'text']);
    let merged: Excel.RangeAreas | null = null;
    let stateRange: Excel.Range | null = null;
    let props: OfficeExtension.ClientResult<Excel.CellProperties[][]> | null = null;
    const tags: Array<[string, Excel.WorksheetCustomProperty]> = [];
    if (start === 0) {
      // A small table's fills come with its values, saving a request before the marks are written.
      if (oneRequest) props = range.getCellProperties({ format: { fill: { color: true } } });
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
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- budgeted: one request per chunk of cells, so a response stays under Excel on the web's limit.
    await context.sync();
    if (merged !== null && !merged.isNullObject) mergedAreas = merged.areaCount;
    if (stateRange?.isNullObject === false) stateValues = stateRange.values;
    if (props !== null) fills = props.value.map((row) => row.map((c) => c.format?.fill?.color ?? '#FFFFFF'));
    for (const [id, tag] of tags) if (!tag.isNullObject) taggedSheets.set(id, tag.value);
    const values = range.values;
    const text = range.text;
    for (let r = 0; r < values.length; r++) {
      const vr = values[r] as unknown[];
      const tr = text[r] ?? [];
      const row: Cell[] = new Array(vr.length);
      for (let c = 0; c < vr.length; c++) {
        const v = vr[c];
        if (typeof v === 'string' && v.startsWith('#') && ERROR_VALUE.test(v) && tr[c] === v) {
          errorValues++;
          row[c] = null;
        } else row[c] = v === '' ? null : (v as Cell);
      }
      grid.push(row);
    }
    opts.onProgress?.(Math.min(start + n, rowCount), rowCount);
  }
  return { grid, errorValues, mergedAreas, stateValues, fills, taggedSheets };
}
