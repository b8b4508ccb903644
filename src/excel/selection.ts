/**
 * selection.ts — what the user selected, read as the cells the user sees.
 *
 * Owns: which range is read (a selection as it stands; whole columns or rows trimmed to the used range;
 * one selected cell grown to its table by content, by the rule of extent.ts), refusing selections Excel
 * or the add-in cannot handle (several areas, too many cells) with a message, reading each cell's value,
 * type and number format and the hidden rows and columns in requests whose responses stay under Excel on
 * the web's 5 MB (split by the bytes seen so far, not by a cell count), and turning them into the grid
 * the core takes: a number with the text its format shows (`shownCell`: `0%` on 1 is `100%`), error
 * values (`#N/A`, told apart by `valueTypes`) as empty cells that are counted, hidden rows and columns
 * said (the core leaves them out unless asked), and what lies close below or beside the range read.
 *
 * `numberFormat` with `values`, not `text`. Both say what the user sees, but:
 * - `text` is not exact for what the core needs: it loses the value (amounts must be read from the value:
 *   a figure shown rounded is still the figure), so `values` must be loaded with it anyway; and a General
 *   number is Excel's General display (11 characters: `1234567.891234` is `1234567.891`, long ones in
 *   scientific notation). The Office.js reference says `text` does not depend on the column width (no
 *   `####`), so that is no reason either way.
 * - Size: `text` repeats every string, and these tables are mostly long text (the packed indicator
 *   cells); `numberFormat` is about 10 bytes a cell (`"General",`) whatever the cell holds. On the sample
 *   table (33 × 7 cells) a response of values and types is 21,644 bytes; with `text` 41,237 (+91 %),
 *   with `numberFormat` 24,021 (+11 %). Reads are split so that each stays under half of 5 MB, so `text`
 *   would nearly double the requests of a large table.
 * - The format code is the invariant one (`numberFormat`, not `numberFormatLocal`), rendered by the
 *   core's `formatNumber` the same way for the pane and the .xlsx reader. A format it does not
 *   understand (fractions, scientific, [DBNum]) leaves the plain value: never a guess.
 *
 * Hidden rows and columns: each read request also loads the block's `rowHidden` / `columnHidden`
 * (ExcelApi 1.2: false when none is hidden, null when some are) and the address of its visible cells,
 * `getSpecialCellsOrNullObject('Visible')` (ExcelApi 1.9, which the manifest requires): no extra round
 * trip, and a few bytes per run of visible rows (one rectangle each), nothing per row. The others cost
 * more: `getVisibleView()` (1.3) knows rows only and gives them back as values or as one address per
 * cell; `getRowProperties({ rowHidden })` (1.9) is about 35 bytes per row; a `Range.rowHidden` per row is
 * one proxy per row in the request. Office.js has no `RangeFormat.rowHidden`.
 */
import { shownCell, type Cell } from '../core';
import { valueBytes, rowsPerRead } from './request-size';
import { LIMITS } from './host';
import { Beyond, Box, contentBeyond, Lines, MAX_GAP, parseAreas, rowShape, RowShape, tableExtent } from './extent';
import { PartList, queuePartList } from './store';

/** A refusal the user can act on: its key names the sentence (src/ui/user-message.ts). */
export type UserErrorKey =
  | 'selectTable'
  | 'tooLarge'
  | 'ownSheet'
  | 'nothingRead'
  | 'oneCell'
  | 'multiArea'
  | 'cellEdit'
  | 'sheetGone'
  | 'undoRefused'
  /** Another workbook took the focus while the add-in worked (InvalidSelection, InactiveWorkbook). */
  | 'otherWorkbook'
  /** Excel stopped a request (GeneralException): what a workbook switch does to the calls that change sheets. */
  | 'excelStopped'
  /** Clear on a protected sheet: nothing was changed. */
  | 'clearProtected'
  /** Clear on a sheet with several tables, none at the selection. */
  | 'clearWhich'
  /** An output sheet the table owns is protected: nothing was changed. */
  | 'outputProtected'
  /** A table too large for a ribbon command's 5 minutes: the pane runs it. */
  | 'ribbonTooLarge'
  /** A sheet or cell refused a change (AccessDenied) that the add-in did not foresee. */
  | 'accessDenied'
  /** A PDF's tables cannot be imported: the workbook's structure is protected (no sheet can be added). */
  | 'importProtected'
  /** Excel stopped an import while it wrote the sheets it had added (`sheet`: their names). */
  | 'importStopped';

export class UserError extends Error {
  constructor(
    readonly key: UserErrorKey,
    readonly detail: { cells?: number; address?: string; sheet?: string } = {},
  ) {
    super(key);
  }
}

interface Dims {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

export interface Probe {
  sheet: Excel.Worksheet;
  sheetId: string;
  sheetName: string;
  protected: boolean;
  /** The range to read; for one selected cell, its current region: the seed the table grows from. */
  target: Dims;
  /** One cell was selected: the table is found from it by content (extent.ts). */
  grow: boolean;
  /** The sheet's used range (values only), or null when the sheet is empty. */
  used: Dims | null;
  sheets: Array<{ id: string; name: string; protected: boolean }>;
  tables: string[];
  /** The legacy record sheet of earlier versions (very hidden), if the workbook has one. */
  stateSheetExists: boolean;
  /** The workbook's structure is protected (ExcelApi 1.7): sheets cannot be added. */
  structureProtected: boolean;
  /** The add-in's custom XML parts (src/excel/store.ts). */
  parts: PartList;
  /** How the sheet's table was read from a PDF, when the add-in imported it there (ExcelApi 1.12), else null. */
  pdf: PdfTag | null;
}

/** What an imported sheet keeps of its PDF reading: a table read by alignment has guessed columns, said on every run. */
export interface PdfTag {
  kind: 'ruled' | 'aligned';
  pages: number[];
  /** Which file and which of its tables (its name, its size in bytes, the table's number): an import of it again finds it. */
  file?: string;
  size?: number;
  /** The SHA-256 of the file's bytes (hex), where the host could make one. */
  hash?: string;
  table?: number;
}

/** The worksheet custom property that holds a sheet's PdfTag (JSON). */
export const PDF_TAG = 'BudgetNormalizer.pdf';

/** A PdfTag read back; anything else (a user's edit) is none. */
export function pdfTagOf(value: unknown): PdfTag | null {
  try {
    const v = JSON.parse(String(value)) as Partial<PdfTag>;
    if ((v.kind === 'ruled' || v.kind === 'aligned') && Array.isArray(v.pages) && v.pages.every((n) => Number.isInteger(n)))
      return {
        kind: v.kind,
        pages: v.pages,
        ...(typeof v.file === 'string' ? { file: v.file } : {}),
        ...(Number.isInteger(v.size) ? { size: v.size } : {}),
        ...(typeof v.hash === 'string' ? { hash: v.hash } : {}),
        ...(Number.isInteger(v.table) ? { table: v.table } : {}),
      };
  } catch {
    // Not ours.
  }
  return null;
}

/** A table to read by its place, not by the selection: an imported table, right after it is written. */
export interface TargetRange {
  sheetName: string;
  /** `A3:G40`. */
  address: string;
}

/** First request: the selection, the used range, the sheet and the workbook's sheets and tables. */
export async function probe(
  context: Excel.RequestContext,
  stateSheetName: string,
  opts: { tagsApi?: boolean; at?: TargetRange } = {},
): Promise<Probe> {
  const wb = context.workbook;
  // getSelectedRange fails on a multi-area selection; the areas say how many there are. A table read by
  // its place (`at`) never looks at the selection, which the user may move meanwhile.
  const areas = opts.at === undefined ? wb.getSelectedRanges() : null;
  areas?.load('areaCount');
  const sheet = opts.at === undefined ? wb.worksheets.getActiveWorksheet() : wb.worksheets.getItem(opts.at.sheetName);
  const sel = areas !== null ? areas.areas.getItemAt(0) : sheet.getRange(opts.at?.address);
  sel.load('address, rowIndex, columnIndex, rowCount, columnCount, cellCount, isEntireColumn, isEntireRow');
  sheet.load('id, name, protection/protected');
  const tag = opts.tagsApi === true ? sheet.customProperties.getItemOrNullObject(PDF_TAG) : null;
  tag?.load('value');
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('rowIndex, columnIndex, rowCount, columnCount');
  const region = sel.getSurroundingRegion();
  region.load('rowIndex, columnIndex, rowCount, columnCount');
  wb.worksheets.load('items/id,items/name,items/protection/protected');
  wb.tables.load('items/name');
  const state = wb.worksheets.getItemOrNullObject(stateSheetName);
  state.load('id');
  wb.load('protection/protected');
  const parts = queuePartList(context);
  await context.sync();
  if (areas !== null && areas.areaCount > 1) throw new UserError('multiArea');

  let target: Dims;
  const dims = (r: Excel.Range): Dims => ({
    rowIndex: r.rowIndex,
    columnIndex: r.columnIndex,
    rowCount: r.rowCount,
    columnCount: r.columnCount,
  });
  const grow = sel.cellCount === 1 && opts.at === undefined;
  if (grow) {
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
    grow,
    used: used.isNullObject ? null : dims(used),
    sheets: wb.worksheets.items.map((w) => ({ id: w.id, name: w.name, protected: w.protection.protected })),
    tables: wb.tables.items.map((t) => t.name),
    stateSheetExists: !state.isNullObject,
    structureProtected: wb.protection.protected,
    parts: parts(),
    pdf: tag === null || tag.isNullObject ? null : pdfTagOf(tag.value),
  };
}

export interface SelectionRead {
  /** The cells read, as the user sees them. */
  grid: Cell[][];
  /** Hidden rows and columns of the grid (0-based), with content or not: the core says those with content. */
  hiddenRows: number[];
  hiddenCols: number[];
  /** Where the grid stands on the sheet (0-based). */
  box: Box;
  /** Content close below or right beside the range read. */
  beyond: Beyond;
  errorValues: number;
  mergedAreas: number;
  /** Ids of the sheets that carry the add-in's tag, with the role they hold and the sheet they came from (if said). */
  taggedSheets: Map<string, { role: string; source: string | null }>;
}

/** Rows of the first read request, before anything is known of the cells' size. */
const FIRST_READ_ROWS = 500;
/** A first guess of a cell's bytes in a response: a short value, its type (`"Double"`) and format (`"General"`). */
const FIRST_BYTES_PER_CELL = 50;
/** Rows looked at above a one-cell selection's current region, for the table's title and earlier pages. */
const LOOK_ABOVE = 200;
/**
 * Columns looked at beside a one-cell selection's current region (within the used range): the table's
 * pages may be wider than the region (an empty column stops it), a title cell heads a wider table.
 */
const SEED_SIDE = 64;
const MAX_COLUMNS = 16_384;

/** The custom property that marks a worksheet as the add-in's own output: its role. */
export const SHEET_TAG = 'BudgetNormalizer';
/** The custom property that says which sheet's table an output sheet belongs to (its id). */
export const SOURCE_TAG = 'BudgetNormalizer.source';
/**
 * Cells of a range asked for its merged areas at once. "If the merged areas count in this range is more than
 * 512, then this method will fail to return the result"; the areas returned are those whose top-left cell is
 * in the range (office-js #3611), each a cell of its own, so a range of 512 cells never has more.
 */
const MERGED_CELLS_PER_CALL = 512;

/** Rectangles of at most MERGED_CELLS_PER_CALL cells that cover rows [from, from + n) of columns [left, left + width). */
function mergedProbes(from: number, n: number, left: number, width: number): Box[] {
  const out: Box[] = [];
  const cols = Math.min(width, MERGED_CELLS_PER_CALL);
  const rowsPer = Math.max(1, Math.floor(MERGED_CELLS_PER_CALL / cols));
  for (let c = left; c < left + width; c += cols)
    for (let r = from; r < from + n; r += rowsPer)
      out.push({ row: r, col: c, rows: Math.min(rowsPer, from + n - r), cols: Math.min(cols, left + width - c) });
  return out;
}

/** One sheet row as read: its cells in the columns read, which are filled, its error values, whether hidden. */
interface RowRead {
  cells: Cell[];
  shape: RowShape;
  errorCols: number[];
  hidden: boolean;
}

/** What is read: rows [top, end) to begin with, rows [minTop, maxEnd) at most, columns [left, right]. */
interface Window {
  top: number;
  end: number;
  minTop: number;
  maxEnd: number;
  left: number;
  right: number;
}

/**
 * The rows and columns to read. A selection: itself, with the rows just below it and the columns
 * beside it where the sheet has content there (to say that the table may go on). One cell: its current
 * region with what the used range holds around it, as far as the rule of extent.ts goes.
 */
function windowOf(p: Probe): Window {
  const t = p.target;
  const tEnd = t.rowIndex + t.rowCount;
  const tRight = t.columnIndex + t.columnCount - 1;
  const u = p.used;
  if (u === null) return { top: t.rowIndex, end: tEnd, minTop: t.rowIndex, maxEnd: tEnd, left: t.columnIndex, right: tRight };
  const uEnd = u.rowIndex + u.rowCount;
  const uRight = u.columnIndex + u.columnCount - 1;
  if (!p.grow) {
    const end = tEnd + Math.min(MAX_GAP + 1, Math.max(0, uEnd - tEnd));
    return {
      top: t.rowIndex,
      end,
      minTop: t.rowIndex,
      maxEnd: end,
      left: u.columnIndex < t.columnIndex ? t.columnIndex - 1 : t.columnIndex,
      right: uRight > tRight && tRight + 1 < MAX_COLUMNS ? tRight + 1 : tRight,
    };
  }
  const side = SEED_SIDE;
  const minTop = Math.min(t.rowIndex, u.rowIndex);
  return {
    top: Math.max(minTop, t.rowIndex - LOOK_ABOVE),
    end: tEnd,
    minTop,
    maxEnd: Math.max(tEnd, uEnd),
    left: Math.min(t.columnIndex, Math.max(u.columnIndex, t.columnIndex - side)),
    right: Math.max(tRight, Math.min(uRight, tRight + side)),
  };
}

/** A cell the user would call filled: a value other than empty or blanks (error values are content). */
function filled(v: unknown, type: unknown): boolean {
  if (type === 'Empty' || v === '' || v === null || v === undefined) return false;
  return typeof v !== 'string' || v.trim() !== '';
}

/**
 * Second request (more for a large table): the cells of what is read — values, their types and number
 * formats, hidden rows and columns, merged areas where the API has them — with, in the first request,
 * the add-in's state sheet and the sheets' tags. Each request reads as many rows as keep its response
 * under half of 5 MB, judged by the bytes per cell of what was read so far. A one-cell selection reads
 * on, above or below, while the rule of extent.ts needs more rows to decide where the table ends.
 */
export async function readTarget(
  context: Excel.RequestContext,
  p: Probe,
  opts: {
    mergedApi: boolean;
    tagsApi: boolean;
    onProgress?: (done: number, total: number) => void;
    /** More to load in the first request (the table's records, …): queued, and its collector called after the sync. */
    withFirst?: () => () => void;
  },
): Promise<SelectionRead> {
  const win = windowOf(p);
  const width = win.right - win.left + 1;
  const seed: Box = { row: p.target.rowIndex, col: p.target.columnIndex, rows: p.target.rowCount, cols: p.target.columnCount };
  const rows = new Map<number, RowRead>();
  const hiddenCols = new Set<number>();
  const merged = new Map<string, Box>();
  const taggedSheets = new Map<string, { role: string; source: string | null }>();
  let bytesPerCell = FIRST_BYTES_PER_CELL;
  let first = true;

  /** Read rows [from, from + n) of the columns read, in one request. */
  const readBlock = async (from: number, n: number): Promise<void> => {
    const range = p.sheet.getRangeByIndexes(from, win.left, n, width);
    range.load('values, valueTypes, numberFormat, rowHidden, columnHidden');
    const visible = range.getSpecialCellsOrNullObject('Visible');
    visible.load('address');
    const mergedAreas = opts.mergedApi
      ? mergedProbes(from, n, win.left, width).map((b) => {
          const areas = p.sheet.getRangeByIndexes(b.row, b.col, b.rows, b.cols).getMergedAreasOrNullObject();
          areas.load('address');
          return areas;
        })
      : [];
    const tags: Array<[string, Excel.WorksheetCustomProperty, Excel.WorksheetCustomProperty]> = [];
    let collectFirst: (() => void) | null = null;
    if (first) {
      if (opts.tagsApi) {
        for (const w of p.sheets) {
          const props = context.workbook.worksheets.getItem(w.id).customProperties;
          const tag = props.getItemOrNullObject(SHEET_TAG);
          tag.load('value');
          const source = props.getItemOrNullObject(SOURCE_TAG);
          source.load('value');
          tags.push([w.id, tag, source]);
        }
      }
      collectFirst = opts.withFirst?.() ?? null;
    }
    // Budgeted: one request per block of rows, so that a response stays under Excel on the web's limit.
    await context.sync();
    first = false;
    collectFirst?.();
    for (const [id, tag, source] of tags)
      if (!tag.isNullObject) taggedSheets.set(id, { role: String(tag.value), source: source.isNullObject ? null : String(source.value) });
    let bytes = 0;
    for (const areas of mergedAreas) {
      if (areas.isNullObject) continue;
      bytes += areas.address.length;
      for (const b of parseAreas(areas.address)) merged.set(`${b.row},${b.col},${b.rows},${b.cols}`, b);
      areas.untrack();
    }
    // Hidden rows and columns: none, all, or those the visible areas leave out.
    const hiddenRows = new Set<number>();
    if (range.rowHidden === true) for (let r = from; r < from + n; r++) hiddenRows.add(r);
    if (range.columnHidden === true) for (let c = win.left; c <= win.right; c++) hiddenCols.add(c);
    if (!visible.isNullObject) bytes += visible.address.length;
    if ((range.rowHidden === null || range.columnHidden === null) && !visible.isNullObject) {
      const seenRows = new Set<number>();
      const seenCols = new Set<number>();
      for (const b of parseAreas(visible.address)) {
        for (let r = Math.max(b.row, from); r < Math.min(b.row + b.rows, from + n); r++) seenRows.add(r);
        for (let c = Math.max(b.col, win.left); c <= Math.min(b.col + b.cols - 1, win.right); c++) seenCols.add(c);
      }
      if (range.rowHidden === null) for (let r = from; r < from + n; r++) if (!seenRows.has(r)) hiddenRows.add(r);
      if (range.columnHidden === null) for (let c = win.left; c <= win.right; c++) if (!seenCols.has(c)) hiddenCols.add(c);
    }
    const values = range.values;
    const types = range.valueTypes;
    const formats = range.numberFormat;
    for (let r = 0; r < values.length; r++) {
      const vr = values[r] as unknown[];
      const tr = types[r] ?? [];
      const fr = formats[r] ?? [];
      const cells: Cell[] = new Array(vr.length);
      const isFilled: boolean[] = new Array(vr.length);
      const errorCols: number[] = [];
      for (let c = 0; c < vr.length; c++) {
        const v = vr[c];
        const format = fr[c];
        bytes += valueBytes(v) + valueBytes(tr[c]) + valueBytes(format);
        isFilled[c] = filled(v, tr[c]);
        if (tr[c] === 'Error') {
          errorCols.push(win.left + c);
          cells[c] = null;
        } else if (typeof v === 'number') cells[c] = shownCell(v, typeof format === 'string' ? format : 'General');
        else cells[c] = v === '' ? null : (v as Cell);
      }
      rows.set(from + r, { cells, shape: rowShape(isFilled, win.left), errorCols, hidden: hiddenRows.has(from + r) });
    }
    range.untrack();
    bytesPerCell = Math.max(bytesPerCell, Math.ceil(bytes / Math.max(1, n * width)));
  };

  let lo = win.top;
  let hi = win.top;
  const linesRead = (): Lines => ({
    top: lo,
    rows: Array.from({ length: hi - lo }, (_, k) => (rows.get(lo + k) as RowRead).shape),
    left: win.left,
    right: win.right,
    more: {
      above: lo > win.minTop,
      below: hi < win.maxEnd,
      left: p.used !== null && p.used.columnIndex < win.left,
      right: p.used !== null && p.used.columnIndex + p.used.columnCount - 1 > win.right,
    },
  });
  const blockRows = (room: number) => Math.max(1, Math.min(rowsPerRead(width, bytesPerCell), room, first ? FIRST_READ_ROWS : Infinity));
  let box = seed;
  for (;;) {
    let below = hi < win.end;
    let above = false;
    if (p.grow) {
      const ext = tableExtent(linesRead(), seed);
      box = ext.box;
      if (box.rows * box.cols > LIMITS.maxCells) throw new UserError('tooLarge', { cells: box.rows * box.cols });
      below = ext.needs.below && hi < win.maxEnd;
      above = !below && ext.needs.above && lo > win.minTop;
    }
    if (below) {
      const n = blockRows((p.grow ? win.maxEnd : win.end) - hi);
      await readBlock(hi, n);
      hi += n;
    } else if (above) {
      const n = blockRows(lo - win.minTop);
      await readBlock(lo - n, n);
      lo -= n;
    } else break;
    if ((hi - lo) * width > 2 * LIMITS.maxCells) throw new UserError('tooLarge', { cells: (hi - lo) * width });
    opts.onProgress?.(hi - lo, Math.max(hi - lo, win.end - win.top));
  }
  if (!p.grow) box = seed;

  // The grid: the rows and columns of the box.
  const grid: Cell[][] = [];
  const hiddenRows: number[] = [];
  let errorValues = 0;
  const c0 = box.col - win.left;
  for (let r = box.row; r < box.row + box.rows; r++) {
    const row = rows.get(r);
    grid.push(row === undefined ? new Array<Cell>(box.cols).fill(null) : row.cells.slice(c0, c0 + box.cols));
    if (row?.hidden === true) hiddenRows.push(r - box.row);
    for (const c of row?.errorCols ?? []) if (c >= box.col && c < box.col + box.cols) errorValues++;
  }
  const inBox = (b: Box) =>
    b.row < box.row + box.rows && b.row + b.rows > box.row && b.col < box.col + box.cols && b.col + b.cols > box.col;
  return {
    grid,
    hiddenRows,
    hiddenCols: [...hiddenCols].filter((c) => c >= box.col && c < box.col + box.cols).map((c) => c - box.col),
    box,
    beyond: contentBeyond(linesRead(), box),
    errorValues,
    mergedAreas: [...merged.values()].filter(inBox).length,
    taggedSheets,
  };
}
