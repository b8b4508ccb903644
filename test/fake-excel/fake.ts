/**
 * fake.ts — an in-memory Excel that behaves like Excel where the add-in depends on it.
 *
 * - Proxies: nothing can be read before `load` and `sync` (PropertyNotLoaded); `*OrNullObject`
 *   results report `isNullObject` only after a sync.
 * - Queued writes run at `sync`, in order; a request over 5 MB fails whole
 *   (RequestPayloadSizeLimitExceeded); every sync and its size is counted.
 * - A values array must match its range's shape; a string starting with `=` becomes a formula
 *   unless the cell is formatted as text (`@`) or the string starts with an apostrophe.
 * - An address string over 8,192 characters fails; a protected sheet refuses writes; a values
 *   read of more than 5,000,000 cells returns null.
 * - Notes (ExcelApi 1.18), comments (1.10), worksheet custom properties (1.12), merged areas,
 *   current region, used range and cell properties, as far as the add-in uses them.
 * - What a cell shows, as the Office.js reference documents it: `numberFormat` is a 2-D array of
 *   format codes (`General` for a cell never formatted, empty ones included); `text` is the value as
 *   its format shows it, and "will not depend on the cell width: the # sign substitution that happens
 *   in the Excel UI will not affect the text value returned by the API" (a General number as Excel's
 *   General shows it, at most 11 characters); `valueTypes` is Empty, String, Double, Boolean or Error.
 * - Hidden rows and columns (ExcelApi 1.2): `Range.rowHidden` / `columnHidden` are true when all rows
 *   (columns) of the range are hidden, false when none is, and null when some are; setting them hides
 *   or shows every row (column) of the range. `getSpecialCells('Visible')` (ExcelApi 1.9) gives the
 *   visible cells as a RangeAreas, one rectangle per run of visible rows and run of visible columns;
 *   with no visible cell it fails (ItemNotFound) and the `OrNullObject` form is a null object. There
 *   is no `RangeFormat.rowHidden` in Office.js (that is VBA's `Range.Hidden`).
 * - Microsoft's documented refusals: a response over 5 MB fails (ResponsePayloadSizeLimitExceeded,
 *   counted as the JSON of what was loaded); inside an undo group (`mergeUndoGroup`, ExcelApi 1.20)
 *   `Worksheet.delete` fails everywhere and `Worksheet.visibility` on Windows and Mac
 *   (UndoNotSupported); a request while the user edits a cell fails (InvalidOperationInCellEditMode)
 *   unless the run asked for `delayForCellEdit` (ExcelApi 1.11); `getSelectedRange` fails on a
 *   multi-area selection (InvalidSelection); comments need ExcelApi 1.10.
 * - The user's undo stack (`undo()` is Ctrl+Z): one step per request, or per run in an undo group; the
 *   calls the undo-capabilities page lists without undo (NO_UNDO, per platform) clear it and are recorded
 *   (`undoClears`), or fail inside an undo group.
 * - A cell holds a note or a threaded comment, not both; a host may report comments (1.10) and throw
 *   NotImplemented on them; `getMergedAreasOrNullObject` returns the areas whose top-left cell is in the
 *   range (office-js #3611) and fails beyond 512; `getCellProperties` reports No Fill as #FFFFFF with a null
 *   `tintAndShade`; the APIs the troubleshooting page lists fail while another workbook has the focus
 *   (WORKBOOK_SWITCH); a protected structure refuses sheets being added, deleted, renamed or hidden; a
 *   protected sheet refuses comments being deleted; custom XML parts (1.5) take valid XML and URI namespaces.
 * - Merging (ExcelApi 1.2; `Range.merge` and `unmerge` are absent below it, ApiNotFound, as other sets are):
 *   "Merge the range cells into one region in the worksheet", `across` "to merge cells in each row of the
 *   specified range as separate merged cells". The Office.js reference says nothing of the values; VBA's
 *   Range.Merge says "The value of a merged range is specified in the cell of the range's upper-left corner" and
 *   the Excel UI keeps only the upper-left value, so the fake keeps each area's top-left value and clears the
 *   others (their formats stay). Merged areas may not overlap (MS-XLS MergeCells: "These ranges MUST NOT
 *   overlap"); the reference says nothing of merging over one, so the fake's choice: an area wholly inside the
 *   new one(s) is absorbed, one overlapping in part fails the request (InvalidOperation), and the add-in must
 *   unmerge first. A table and merged cells may not overlap (MergedRangeConflict: "A table can't overlap with
 *   ... merged cells"), whichever comes second. `unmerge` ("Unmerge the range cells into separate cells")
 *   removes every merged area the range touches. `Range.clear` ("Clear range values and formatting, such as
 *   fill and border") does not unmerge: the reference does not say it does, and an add-in that unmerges itself
 *   is right either way.
 * - Borders (ExcelApi 1.1): `format.borders.getItem(index)` by `Excel.BorderIndex`, another index failing the
 *   request that uses it (InvalidArgument: the reference names no error); `style` (`Excel.BorderLineStyle`,
 *   `None` removing the line), `weight` (`Excel.BorderWeight`), `color` ("#RRGGBB ... or as a named HTML
 *   color"), another value failing likewise. The reference does not say what setting `weight` or `color` on an
 *   undrawn edge does: the fake draws a thin black continuous line but for what was set. Kept per edge of the
 *   grid, so that the bottom of C4 is the top of C5: `FakeSheet.border(r, c, side)`. Alignment (`horizontalAlignment`, `verticalAlignment`, 1.1) per cell:
 *   `FakeSheet.alignment(r, c)`; `rowHeight` (1.2): `FakeSheet.rowHeight(r)`. A protected sheet refuses them.
 * - Sheet order (`Worksheet.position`, 1.1): "The zero-based position of the worksheet within the workbook".
 *   `Range.getEntireColumn` / `getEntireRow` (1.1); `autofitColumns` / `autofitRows` (1.2) change nothing.
 * - Virtual time (`clock`, each request's cost set by the test) and a function command's end
 *   (`commandDeadline`): after it, no request reaches the workbook (RuntimeClosed).
 *
 * It is used by the adapter tests (jest) and, bundled, as the stub Office host of the browser test.
 */

import { columnLetter } from '../../src/core/input/grid';
import { formatNumber } from '../../src/core/input/number-format';

export class FakeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
  }
}

export interface Rect {
  r0: number;
  c0: number;
  rows: number;
  cols: number;
}

export interface CellData {
  value: string | number | boolean;
  formula: string | null;
  numberFormat: string;
  fill: string | null;
}

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;
export const MAX_REQUEST_BYTES = 5 * 1024 * 1024;
export const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;
export const MAX_ADDRESS_CHARS = 8192;
const MAX_READ_CELLS = 5_000_000;

/** Column letters: the core's own helper (0 → A, 26 → AA). */
export const colLetter = columnLetter;

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Parse `A1`, `A1:B2`, `A:A`, `1:3`, with `$` and an optional sheet prefix. */
export function parseAddress(address: string): { sheet: string | null; rect: Rect } {
  let a = address.trim();
  let sheet: string | null = null;
  const bang = a.lastIndexOf('!');
  if (bang >= 0) {
    sheet = a
      .slice(0, bang)
      .replace(/^'(.*)'$/, '$1')
      .replace(/''/g, "'");
    a = a.slice(bang + 1);
  }
  a = a.replace(/\$/g, '');
  const parts = a.split(':');
  const one = (p: string) => {
    const m = /^([A-Za-z]*)(\d*)$/.exec(p);
    if (!m || (m[1] === '' && m[2] === '')) throw new FakeError('InvalidArgument', `bad address ${address}`);
    return { c: m[1] === '' ? null : colIndex(m[1] as string), r: m[2] === '' ? null : Number(m[2]) - 1 };
  };
  const p0 = one(parts[0] as string);
  const p1 = parts.length > 1 ? one(parts[1] as string) : p0;
  const r0 = p0.r ?? 0;
  const r1 = p1.r ?? MAX_ROWS - 1;
  const c0 = p0.c ?? 0;
  const c1 = p1.c ?? MAX_COLS - 1;
  return { sheet, rect: { r0: Math.min(r0, r1), c0: Math.min(c0, c1), rows: Math.abs(r1 - r0) + 1, cols: Math.abs(c1 - c0) + 1 } };
}

export function rectAddress(r: Rect): string {
  const a = `${colLetter(r.c0)}${r.r0 + 1}`;
  if (r.rows === 1 && r.cols === 1) return a;
  return `${a}:${colLetter(r.c0 + r.cols - 1)}${r.r0 + r.rows}`;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function bytesOf(v: unknown): number {
  return new TextEncoder().encode(JSON.stringify(v ?? null)).length;
}

function inRect(rect: Rect, r: number, c: number): boolean {
  return r >= rect.r0 && r < rect.r0 + rect.rows && c >= rect.c0 && c < rect.c0 + rect.cols;
}

function intersects(a: Rect, b: Rect): boolean {
  return a.r0 < b.r0 + b.rows && b.r0 < a.r0 + a.rows && a.c0 < b.c0 + b.cols && b.c0 < a.c0 + a.cols;
}

function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.r0 >= outer.r0 &&
    inner.c0 >= outer.c0 &&
    inner.r0 + inner.rows <= outer.r0 + outer.rows &&
    inner.c0 + inner.cols <= outer.c0 + outer.cols
  );
}

/** `Excel.BorderIndex` (ExcelApi 1.1). */
export const BORDER_INDEXES = [
  'EdgeTop',
  'EdgeBottom',
  'EdgeLeft',
  'EdgeRight',
  'InsideVertical',
  'InsideHorizontal',
  'DiagonalDown',
  'DiagonalUp',
] as const;
export type BorderIndex = (typeof BORDER_INDEXES)[number];
/** `Excel.BorderLineStyle` and `Excel.BorderWeight` (ExcelApi 1.1). */
export const BORDER_STYLES = ['None', 'Continuous', 'Dash', 'DashDot', 'DashDotDot', 'Dot', 'Double', 'SlantDashDot'] as const;
export const BORDER_WEIGHTS = ['Hairline', 'Thin', 'Medium', 'Thick'] as const;
/** `Excel.HorizontalAlignment` and `Excel.VerticalAlignment` (ExcelApi 1.1). */
export const HORIZONTAL_ALIGNMENTS = [
  'General',
  'Left',
  'Center',
  'Right',
  'Fill',
  'Justify',
  'CenterAcrossSelection',
  'Distributed',
] as const;
export const VERTICAL_ALIGNMENTS = ['Top', 'Center', 'Bottom', 'Justify', 'Distributed'] as const;

/** A border as drawn: style (never `None`: no border is null), weight, color (`#RRGGBB`, or a color name as given). */
export interface FakeBorder {
  style: string;
  weight: string;
  color: string;
}
/** Where a border setter draws on an undrawn edge (the reference says nothing; see the header). */
const DEFAULT_BORDER: FakeBorder = { style: 'Continuous', weight: 'Thin', color: '#000000' };

export type BorderSide = 'top' | 'bottom' | 'left' | 'right' | 'diagonalDown' | 'diagonalUp';

/**
 * A formatting step on a rectangle: one border property of one `BorderIndex`, one alignment, or a clear
 * (`Range.clear`: every border around and across the cells of the rectangle, and their alignment).
 */
export type FormatOp =
  | { kind: 'border'; rect: Rect; index: BorderIndex; prop: keyof FakeBorder; value: string }
  | { kind: 'align'; rect: Rect; prop: 'horizontal' | 'vertical'; value: string }
  | { kind: 'clear'; rect: Rect };

/**
 * One edge of the grid: a horizontal line above row `y` under column `c` ('h'), a vertical line left of
 * column `x` beside row `r` ('v'), or a cell's diagonal.
 */
type Edge = { kind: 'h'; y: number; c: number } | { kind: 'v'; r: number; x: number } | { kind: 'dd' | 'du'; r: number; c: number };

function cellEdge(r: number, c: number, side: BorderSide): Edge {
  switch (side) {
    case 'top':
      return { kind: 'h', y: r, c };
    case 'bottom':
      return { kind: 'h', y: r + 1, c };
    case 'left':
      return { kind: 'v', r, x: c };
    case 'right':
      return { kind: 'v', r, x: c + 1 };
    case 'diagonalDown':
      return { kind: 'dd', r, c };
    case 'diagonalUp':
      return { kind: 'du', r, c };
  }
}

/** Whether a border index of a rectangle draws this edge. */
function edgeInIndex(e: Edge, rect: Rect, index: BorderIndex): boolean {
  const r1 = rect.r0 + rect.rows;
  const c1 = rect.c0 + rect.cols;
  switch (e.kind) {
    case 'h':
      if (e.c < rect.c0 || e.c >= c1) return false;
      if (index === 'EdgeTop') return e.y === rect.r0;
      if (index === 'EdgeBottom') return e.y === r1;
      return index === 'InsideHorizontal' && e.y > rect.r0 && e.y < r1;
    case 'v':
      if (e.r < rect.r0 || e.r >= r1) return false;
      if (index === 'EdgeLeft') return e.x === rect.c0;
      if (index === 'EdgeRight') return e.x === c1;
      return index === 'InsideVertical' && e.x > rect.c0 && e.x < c1;
    default:
      return index === (e.kind === 'dd' ? 'DiagonalDown' : 'DiagonalUp') && inRect(rect, e.r, e.c);
  }
}

/** Whether an edge borders, or crosses, a cell of the rectangle (what clearing the rectangle removes). */
function edgeOfRect(e: Edge, rect: Rect): boolean {
  if (e.kind === 'h') return e.c >= rect.c0 && e.c < rect.c0 + rect.cols && e.y >= rect.r0 && e.y <= rect.r0 + rect.rows;
  if (e.kind === 'v') return e.r >= rect.r0 && e.r < rect.r0 + rect.rows && e.x >= rect.c0 && e.x <= rect.c0 + rect.cols;
  return inRect(rect, e.r, e.c);
}

/** An HTML color as the reference takes it (`#RRGGBB`, `RRGGBB`, or a named color); null when it is not one. */
function htmlColor(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const hex = /^#?([0-9A-Fa-f]{6})$/.exec(v);
  if (hex !== null) return `#${(hex[1] as string).toUpperCase()}`;
  return /^[A-Za-z]+$/.test(v) ? v.toLowerCase() : null;
}

export class FakeSheet {
  readonly cells = new Map<string, CellData>();
  readonly notes = new Map<string, string>();
  readonly customProperties = new Map<string, string>();
  readonly merged: Rect[] = [];
  /** Conditional formats added (custom formula and fill), by address. */
  readonly conditionals: Array<{ address: string; formula: string; fill: string }> = [];
  /** Columns whose text wraps. */
  readonly wrapColumns = new Set<number>();
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  protected = false;
  frozenRows = 0;
  /** How the sheet prints (ExcelApi 1.9 `pageLayout`): what was set, nothing when never set. */
  page: FakePageLayout = {};
  readonly columnWidths = new Map<number, number>();
  /** Hidden rows and columns, 0-based. */
  readonly hiddenRows = new Set<number>();
  readonly hiddenCols = new Set<number>();
  /**
   * Borders, alignments and clears, in the order they ran (a whole column or sheet is one entry, not a
   * million): read them through `border(r, c, side)` and `alignment(r, c)`.
   */
  readonly formatOps: FormatOp[] = [];
  /** Row heights set (`RangeFormat.rowHeight`), in the order they ran: read them through `rowHeight(r)`. */
  readonly rowHeightOps: Array<{ r0: number; rows: number; height: number }> = [];
  constructor(
    readonly id: string,
    public name: string,
  ) {}

  key(r: number, c: number): string {
    return `${r},${c}`;
  }
  /** A deep copy of everything the sheet holds (for the undo stack). */
  clone(): FakeSheet {
    const c = new FakeSheet(this.id, this.name);
    c.assign(this);
    return c;
  }
  /** Take over another sheet's content, in place (undo restores the objects the tests hold). */
  assign(o: FakeSheet): void {
    this.name = o.name;
    this.cells.clear();
    for (const [k, d] of o.cells) this.cells.set(k, { ...d });
    this.notes.clear();
    for (const [k, v] of o.notes) this.notes.set(k, v);
    this.customProperties.clear();
    for (const [k, v] of o.customProperties) this.customProperties.set(k, v);
    this.merged.splice(0, this.merged.length, ...o.merged.map((m) => ({ ...m })));
    this.conditionals.splice(0, this.conditionals.length, ...o.conditionals.map((m) => ({ ...m })));
    this.wrapColumns.clear();
    for (const c of o.wrapColumns) this.wrapColumns.add(c);
    this.visibility = o.visibility;
    this.protected = o.protected;
    this.frozenRows = o.frozenRows;
    this.page = { ...o.page, ...(o.page.zoom ? { zoom: { ...o.page.zoom } } : {}) };
    this.columnWidths.clear();
    for (const [k, v] of o.columnWidths) this.columnWidths.set(k, v);
    this.hiddenRows.clear();
    for (const r of o.hiddenRows) this.hiddenRows.add(r);
    this.hiddenCols.clear();
    for (const c of o.hiddenCols) this.hiddenCols.add(c);
    this.formatOps.splice(0, this.formatOps.length, ...o.formatOps.map((f) => ({ ...f, rect: { ...f.rect } })));
    this.rowHeightOps.splice(0, this.rowHeightOps.length, ...o.rowHeightOps.map((h) => ({ ...h })));
  }
  /**
   * The border drawn on one side of a cell, or null. An edge two cells share is one edge: the bottom of C4
   * is the top of C5, whichever of the two ranges drew it.
   */
  border(r: number, c: number, side: BorderSide): FakeBorder | null {
    const edge = cellEdge(r, c, side);
    let b: FakeBorder | null = null;
    for (const op of this.formatOps) {
      if (op.kind === 'clear') {
        if (edgeOfRect(edge, op.rect)) b = null;
      } else if (op.kind === 'border' && edgeInIndex(edge, op.rect, op.index)) {
        if (op.prop === 'style' && op.value === 'None') b = null;
        else b = { ...(b ?? DEFAULT_BORDER), [op.prop]: op.value };
      }
    }
    return b;
  }
  /** A cell's alignment: what was set last, Excel's defaults (General, Bottom) where nothing was. */
  alignment(r: number, c: number): { horizontal: string; vertical: string } {
    const out: { horizontal: string | null; vertical: string | null } = { horizontal: null, vertical: null };
    for (let i = this.formatOps.length - 1; i >= 0 && (out.horizontal === null || out.vertical === null); i--) {
      const op = this.formatOps[i] as FormatOp;
      if (!inRect(op.rect, r, c)) continue;
      if (op.kind === 'clear') {
        out.horizontal ??= 'General';
        out.vertical ??= 'Bottom';
      } else if (op.kind === 'align') out[op.prop] ??= op.value;
    }
    return { horizontal: out.horizontal ?? 'General', vertical: out.vertical ?? 'Bottom' };
  }
  /** The height a row was given (points), or null when never set. */
  rowHeight(r: number): number | null {
    for (let i = this.rowHeightOps.length - 1; i >= 0; i--) {
      const h = this.rowHeightOps[i] as { r0: number; rows: number; height: number };
      if (r >= h.r0 && r < h.r0 + h.rows) return h.height;
    }
    return null;
  }
  /** The merged area a cell is part of, or null. */
  mergedAreaAt(r: number, c: number): Rect | null {
    return this.merged.find((m) => inRect(m, r, c)) ?? null;
  }
  get(r: number, c: number): CellData | undefined {
    return this.cells.get(this.key(r, c));
  }
  cell(r: number, c: number): CellData {
    let d = this.cells.get(this.key(r, c));
    if (!d) {
      d = { value: '', formula: null, numberFormat: 'General', fill: null };
      this.cells.set(this.key(r, c), d);
    }
    return d;
  }
  isEmpty(r: number, c: number): boolean {
    const d = this.get(r, c);
    return !d || (d.value === '' && d.formula === null);
  }
  /** Bounding box of cells with values (or any cell data when !valuesOnly). */
  used(valuesOnly: boolean): Rect | null {
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = -1;
    let c1 = -1;
    for (const [k, d] of this.cells) {
      if (valuesOnly && d.value === '' && d.formula === null) continue;
      const [r, c] = k.split(',').map(Number) as [number, number];
      r0 = Math.min(r0, r);
      c0 = Math.min(c0, c);
      r1 = Math.max(r1, r);
      c1 = Math.max(c1, c);
    }
    return r1 < 0 ? null : { r0, c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }
  /** Excel's current region: grow the rectangle while any bordering cell (diagonals too) holds a value. */
  region(r: number, c: number): Rect {
    let rect: Rect = { r0: r, c0: c, rows: 1, cols: 1 };
    for (;;) {
      const { r0, c0, rows, cols } = rect;
      const top = r0 - 1;
      const bottom = r0 + rows;
      const left = c0 - 1;
      const right = c0 + cols;
      const has = (rr: number, cc: number) => rr >= 0 && cc >= 0 && !this.isEmpty(rr, cc);
      let grow: Rect | null = null;
      for (let cc = left; cc <= right && !grow; cc++)
        if (has(top, cc)) grow = { r0: top, c0: r0 === rect.r0 ? c0 : c0, rows: rows + 1, cols };
      if (!grow) for (let cc = left; cc <= right && !grow; cc++) if (has(bottom, cc)) grow = { r0, c0, rows: rows + 1, cols };
      if (!grow) for (let rr = top; rr <= bottom && !grow; rr++) if (has(rr, left)) grow = { r0, c0: left, rows, cols: cols + 1 };
      if (!grow) for (let rr = top; rr <= bottom && !grow; rr++) if (has(rr, right)) grow = { r0, c0, rows, cols: cols + 1 };
      if (!grow) return rect;
      rect = grow;
    }
  }
  /** What the cell shows (Range.text): its value through its number format, whatever the column's width. */
  text(r: number, c: number): string {
    const d = this.get(r, c);
    if (!d) return '';
    if (typeof d.value === 'boolean') return d.value ? 'TRUE' : 'FALSE';
    if (typeof d.value === 'number') return formatNumber(d.value, d.numberFormat) ?? generalText(d.value);
    return d.value;
  }
  /** Visible rows and columns of a rectangle, as runs: [start, count]. */
  visibleRuns(rect: Rect): { rows: Array<[number, number]>; cols: Array<[number, number]> } {
    const runs = (start: number, count: number, hidden: Set<number>): Array<[number, number]> => {
      const out: Array<[number, number]> = [];
      for (let i = start; i < start + count; i++) {
        if (hidden.has(i)) continue;
        const last = out[out.length - 1];
        if (last !== undefined && last[0] + last[1] === i) last[1]++;
        else out.push([i, 1]);
      }
      return out;
    };
    return { rows: runs(rect.r0, rect.rows, this.hiddenRows), cols: runs(rect.c0, rect.cols, this.hiddenCols) };
  }
}

/** A number as Excel's General format shows it: at most 11 characters, rounded, or in scientific notation. */
export function generalText(v: number): string {
  const plain = String(v);
  if (plain.length <= 11 && !/e/i.test(plain)) return plain;
  const abs = Math.abs(v);
  if (abs >= 1e-9 && abs < 1e11) {
    const intDigits = Math.max(1, Math.floor(Math.log10(abs)) + 1);
    const room = 11 - (v < 0 ? 1 : 0) - intDigits - 1;
    if (room >= 1) return String(Number(v.toFixed(Math.min(room, 20))));
    return String(Math.round(v));
  }
  const [m, e] = v.toExponential(5).split('e') as [string, string];
  const exp = Number(e);
  return `${String(Number(m))}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

export interface FakeTable {
  name: string;
  sheetId: string;
  rect: Rect;
  style: string;
}

export interface FakeComment {
  id: string;
  sheetId: string;
  address: string;
  content: string;
}

/** A custom XML part (ExcelApi 1.5): its id, and its XML as stored. */
export interface FakeXmlPart {
  id: string;
  xml: string;
}

export interface RequestLog {
  bytes: number;
  ops: number;
  /** The largest single operation in the request, in bytes. */
  largestOp: number;
}

type Platform = 'web' | 'windows' | 'mac';

/**
 * The APIs the undo-capabilities page lists as not supporting undo, with the platforms where they
 * do not: calling one clears the user's undo stack "starting from that API call", and inside an undo
 * group it fails (UndoNotSupported). Only those the add-in could reach are listed.
 */
export const NO_UNDO: Readonly<Record<string, ReadonlyArray<Platform>>> = {
  'Worksheet.delete': ['web', 'windows', 'mac'],
  'Worksheet.copy': ['web', 'windows', 'mac'],
  'Worksheet.name': ['windows', 'mac'],
  'Worksheet.position': ['windows', 'mac'],
  'Worksheet.visibility': ['windows', 'mac'],
  'WorksheetProtection.protect': ['web', 'windows', 'mac'],
  'WorksheetProtection.unprotect': ['web', 'windows', 'mac'],
  'WorkbookProtection.protect': ['web', 'windows', 'mac'],
  'WorkbookProtection.unprotect': ['web', 'windows', 'mac'],
  'Workbook.save': ['web', 'windows', 'mac'],
};

/**
 * The APIs the troubleshooting page lists as failing while another workbook has the focus
 * (Windows and Mac, several workbooks open), with the error each throws.
 */
export const WORKBOOK_SWITCH: Readonly<Record<string, 'GeneralException' | 'InvalidSelection'>> = {
  'Range.select': 'GeneralException',
  'Workbook.getActiveCell': 'InvalidSelection',
  'Workbook.getSelectedRange': 'InvalidSelection',
  'Workbook.getSelectedRanges': 'InvalidSelection',
  'Worksheet.activate': 'GeneralException',
  'Worksheet.delete': 'InvalidSelection',
  'WorksheetCollection.add': 'GeneralException',
  'WorksheetFreezePanes.freezeRows': 'GeneralException',
};

/** Everything an undo puts back. */
interface BookState {
  sheets: Array<[FakeSheet, FakeSheet]>;
  tables: FakeTable[];
  comments: FakeComment[];
  xmlParts: FakeXmlPart[];
}

/** The whole fake: workbook state plus the host (run, isSetSupported). */
export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  readonly comments: FakeComment[] = [];
  /** Custom XML parts (ExcelApi 1.5), in the order they were added. */
  readonly xmlParts: FakeXmlPart[] = [];
  activeSheetId: string;
  selection: { sheetId: string; rect: Rect; more?: Rect[] };
  /** The platform, for what it refuses in an undo group and which calls clear the undo stack. */
  platform: Platform = 'windows';
  /** The user is editing a cell: requests fail unless the run waits for the edit to end. */
  cellEditMode = false;
  /**
   * The error a request gets while a cell is edited: the cell-edit page says `InvalidOperation`, the
   * error-code list has `InvalidOperationInCellEditMode`; the add-in must understand both.
   */
  cellEditCode: 'InvalidOperation' | 'InvalidOperationInCellEditMode' = 'InvalidOperationInCellEditMode';
  /** Another workbook has the focus (Windows and Mac): the APIs of WORKBOOK_SWITCH fail. */
  otherWorkbookActive = false;
  /** The workbook's structure is protected: sheets cannot be added, deleted, renamed, moved or hidden. */
  structureProtected = false;
  /** A host that reports ExcelApi 1.10 but throws NotImplemented on comments (office-js #1847, #932, docs #2006). */
  commentsNotImplemented = false;
  /** Responses by size, bytes. */
  readonly responses: number[] = [];
  /** Highest ExcelApi minor version supported, e.g. 18 for 1.18. */
  apiVersion = 18;
  syncs = 0;
  runs = 0;
  untracked = 0;
  readonly requests: RequestLog[] = [];
  lastRunOptions: { mergeUndoGroup?: boolean; delayForCellEdit?: boolean } | undefined;
  /** Every run's options, in order. */
  readonly runOptions: Array<{ mergeUndoGroup?: boolean; delayForCellEdit?: boolean } | undefined> = [];
  /** Keep the undo stack (a copy of the workbook per undoable step); the benchmark turns it off. */
  undoHistory = true;
  /** The user's undo stack: the workbook as it was before each undoable step (at most 100, as Excel keeps). */
  readonly undoStack: BookState[] = [];
  /** Every call that cleared the undo stack: the API and the run (1-based) that made it. */
  readonly undoClears: Array<{ api: string; run: number }> = [];
  /** Virtual time, in ms: each request costs `msPerRequest` and `msPerMB` per MB sent and received. */
  clock = 0;
  msPerRequest = 0;
  msPerMB = 0;
  /**
   * A function command's end (virtual ms): "the runtime closes when either the function completes or 5
   * minutes have passed". After it, no request reaches the workbook (the runtime is gone).
   */
  commandDeadline: number | null = null;
  /** Called before each request reaches the workbook (with the count of requests so far): a test's user acts here. */
  beforeRequest: ((syncs: number) => void) | null = null;
  private nextId = 1;

  constructor(sheetName = 'Sheet1') {
    const s = this.addSheet(sheetName);
    this.activeSheetId = s.id;
    this.selection = { sheetId: s.id, rect: { r0: 0, c0: 0, rows: 1, cols: 1 } };
  }

  newId(prefix: string): string {
    return `{${prefix}-${String(this.nextId++).padStart(4, '0')}}`;
  }

  addSheet(name: string): FakeSheet {
    if (this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase()))
      throw new FakeError('ItemAlreadyExists', `A sheet named ${name} already exists`);
    const s = new FakeSheet(this.newId('sheet'), name);
    this.sheets.push(s);
    return s;
  }

  sheet(idOrName: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.id === idOrName || s.name.toLowerCase() === idOrName.toLowerCase());
  }

  get active(): FakeSheet {
    return this.sheet(this.activeSheetId) as FakeSheet;
  }

  /** Put a grid of values on a sheet at a top-left cell (test setup; no request involved). */
  setGrid(grid: ReadonlyArray<ReadonlyArray<unknown>>, at = 'A1', sheet: FakeSheet = this.active): void {
    const { rect } = parseAddress(at);
    grid.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === undefined || v === '') return;
        sheet.cell(rect.r0 + r, rect.c0 + c).value = v as string | number | boolean;
      }),
    );
  }

  /** Give every cell of a range a number format (test setup; no request involved). */
  setFormat(address: string, format: string, sheet: FakeSheet = this.active): void {
    const { rect } = parseAddress(address);
    for (let r = 0; r < rect.rows; r++) for (let c = 0; c < rect.cols; c++) sheet.cell(rect.r0 + r, rect.c0 + c).numberFormat = format;
  }

  /** Hide rows (`5`, `5:7`) or columns (`C`, `C:D`) as the user does (test setup). */
  hide(address: string, sheet: FakeSheet = this.active): void {
    const { rect } = parseAddress(address);
    const wholeRows = rect.c0 === 0 && rect.cols === MAX_COLS;
    const wholeCols = rect.r0 === 0 && rect.rows === MAX_ROWS;
    if (!wholeRows && !wholeCols) throw new FakeError('InvalidArgument', `hide whole rows or columns, not ${address}`);
    if (wholeRows) for (let r = 0; r < rect.rows; r++) sheet.hiddenRows.add(rect.r0 + r);
    else for (let c = 0; c < rect.cols; c++) sheet.hiddenCols.add(rect.c0 + c);
  }

  /** Merge a range as the user does (test setup): its value stays in its top-left cell. */
  merge(address: string, sheet: FakeSheet = this.active): void {
    sheet.merged.push(parseAddress(address).rect);
  }

  /** Select one range, or several (`A1:B2,D4`) as a Ctrl-click selection does. */
  select(address: string, sheet: FakeSheet = this.active): void {
    this.activeSheetId = sheet.id;
    const [first, ...more] = address.split(',').map((a) => parseAddress(a).rect);
    this.selection = { sheetId: sheet.id, rect: first as Rect, ...(more.length > 0 ? { more } : {}) };
  }

  /** A threaded comment by the user (test setup). */
  addUserComment(address: string, content: string, sheet: FakeSheet = this.active): void {
    this.comments.push({ id: this.newId('comment'), sheetId: sheet.id, address: rectAddress(parseAddress(address).rect), content });
  }

  isSetSupported(name: string, version: string): boolean {
    if (name !== 'ExcelApi') return false;
    const minor = Number(version.split('.')[1] ?? 0);
    return minor <= this.apiVersion;
  }

  async run<T>(
    batch: (context: Excel.RequestContext) => Promise<T>,
    options?: { mergeUndoGroup?: boolean; delayForCellEdit?: boolean },
  ): Promise<T> {
    this.runs++;
    this.lastRunOptions = options;
    this.runOptions.push(options);
    // Waiting for the user to leave the cell (ExcelApi 1.11): the run goes ahead once the edit ends.
    if (options?.delayForCellEdit === true && this.apiVersion >= 11) this.cellEditMode = false;
    const ctx = new FakeContext(this, options?.mergeUndoGroup === true && this.apiVersion >= 20);
    return batch(ctx as unknown as Excel.RequestContext);
  }

  /** The host interface the add-in takes. */
  host(): { run: FakeExcel['run']; isSetSupported: FakeExcel['isSetSupported'] } {
    return { run: this.run.bind(this), isSetSupported: this.isSetSupported.bind(this) };
  }

  /**
   * Every cell's value, formula, format and fill, every note, the merged areas, borders, alignments and row
   * heights (in the order they were set): for "exactly as before" checks.
   */
  snapshot(sheet: FakeSheet = this.active): unknown {
    return {
      cells: [...sheet.cells.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, d]) => [k, { ...d }]),
      notes: [...sheet.notes.entries()].sort(),
      comments: this.comments.filter((c) => c.sheetId === sheet.id).map((c) => [c.address, c.content]),
      merged: sheet.merged.map(rectAddress).sort(),
      formats: sheet.formatOps.map((f) => ({ ...f, rect: rectAddress(f.rect) })),
      rowHeights: sheet.rowHeightOps.map((h) => ({ ...h })),
    };
  }

  /** The whole workbook, comparable with toEqual: every sheet (in order), table, comment and XML part. */
  book(): unknown {
    return {
      sheets: this.sheets.map((s) => ({
        id: s.id,
        name: s.name,
        visibility: s.visibility,
        ...(this.snapshot(s) as object),
        customProperties: [...s.customProperties].sort(),
        conditionals: s.conditionals.map((c) => ({ ...c })),
        frozenRows: s.frozenRows,
        page: { ...s.page },
      })),
      tables: this.tables.map((t) => ({ ...t, rect: { ...t.rect } })),
      comments: this.comments.map((c) => ({ ...c })),
      xmlParts: this.xmlParts.map((p) => ({ ...p })),
    };
  }

  largestRequest(): number {
    return this.requests.reduce((m, r) => Math.max(m, r.bytes), 0);
  }

  /** The workbook as it is, for the undo stack. */
  saveState(): BookState {
    return {
      sheets: this.sheets.map((s) => [s, s.clone()]),
      tables: this.tables.map((t) => ({ ...t, rect: { ...t.rect } })),
      comments: this.comments.map((c) => ({ ...c })),
      xmlParts: this.xmlParts.map((p) => ({ ...p })),
    };
  }

  pushUndo(state: BookState): void {
    this.undoStack.push(state);
    if (this.undoStack.length > 100) this.undoStack.shift();
  }

  /** A call that does not support undo: the stack is cleared from it on (the undo-capabilities page). */
  clearUndo(api: string): void {
    this.undoStack.length = 0;
    this.undoClears.push({ api, run: this.runs });
  }

  /** Ctrl+Z: the last undoable step taken back, whatever it held. False when there is nothing to undo. */
  undo(): boolean {
    const state = this.undoStack.pop();
    if (state === undefined) return false;
    this.sheets.splice(0, this.sheets.length, ...state.sheets.map(([s]) => s));
    for (const [s, copy] of state.sheets) s.assign(copy);
    this.tables.splice(0, this.tables.length, ...state.tables);
    this.comments.splice(0, this.comments.length, ...state.comments);
    this.xmlParts.splice(0, this.xmlParts.length, ...state.xmlParts);
    if (this.sheet(this.activeSheetId) === undefined) this.activeSheetId = (this.sheets[0] as FakeSheet).id;
    return true;
  }
}

/** What an operation is: a change the user can undo, or anything else (a read, a selection). */
type OpKind = 'write' | 'other';
type Op = { bytes: number; run: () => void; kind: OpKind };
type Loader = () => void;

/** A request context: queued operations and loads, executed at sync. */
export class FakeContext {
  private ops: Op[] = [];
  private loaders: Loader[] = [];
  /** Bytes of what this request's loads return. */
  responseBytes = 0;
  readonly workbook: WorkbookProxy;
  readonly trackedObjects = { add: (_o: unknown) => undefined, remove: (_o: unknown) => undefined };
  /** The run's undo group has its entry on the stack (pushed at its first change). */
  private grouped = false;
  constructor(
    readonly fake: FakeExcel,
    /** The run merges its requests into one undo step. */
    readonly undoGroup = false,
  ) {
    this.workbook = new WorkbookProxy(this);
  }
  /**
   * An operation Excel cannot undo (NO_UNDO): refused inside an undo group where it has no undo; outside
   * one, it clears the user's undo stack when it runs.
   */
  noUndo(api: string): void {
    const platforms = NO_UNDO[api] ?? [];
    if (!platforms.includes(this.fake.platform)) return;
    if (this.undoGroup) {
      this.queue(0, () => {
        throw new FakeError('UndoNotSupported', `${api} does not support undo, so it cannot be part of an undo group.`);
      });
    } else {
      this.queue(0, () => this.fake.clearUndo(api), 'other');
    }
  }
  /** An API the troubleshooting page lists as failing while another workbook has the focus. */
  focusSensitive(api: string): void {
    const code = WORKBOOK_SWITCH[api];
    if (code === undefined) return;
    this.queue(
      0,
      () => {
        if (this.fake.otherWorkbookActive) throw new FakeError(code, `${api} failed: another workbook has the focus.`);
      },
      'other',
    );
  }
  /** An API that adds, deletes, renames, moves or hides a sheet: refused while the workbook's structure is protected. */
  structural(api: string): void {
    this.queue(
      0,
      () => {
        // The docs say structure protection prevents these; they do not name the error: the add-in checks
        // `Workbook.protection.protected` first and never relies on the code.
        if (this.fake.structureProtected) throw new FakeError('AccessDenied', `${api}: the workbook's structure is protected.`);
      },
      'other',
    );
  }
  queue(bytes: number, run: () => void, kind: OpKind = 'write'): void {
    this.ops.push({ bytes: bytes + 40, run, kind });
  }
  onSync(load: Loader, bytes = 40): void {
    this.loaders.push(load);
    this.ops.push({ bytes, run: () => undefined, kind: 'other' });
  }
  async sync(): Promise<void> {
    const ops = this.ops;
    const loaders = this.loaders;
    this.ops = [];
    this.loaders = [];
    const bytes = ops.reduce((n, o) => n + o.bytes, 0);
    const f = this.fake;
    f.beforeRequest?.(f.syncs);
    f.syncs++;
    f.requests.push({ bytes, ops: ops.length, largestOp: ops.reduce((m, o) => Math.max(m, o.bytes), 0) });
    // A function command's runtime is gone after its 5 minutes: nothing more reaches the workbook.
    if (f.commandDeadline !== null && f.clock >= f.commandDeadline)
      throw new FakeError('RuntimeClosed', 'The function command ran for 5 minutes; its runtime was closed.');
    f.clock += f.msPerRequest + (f.msPerMB * bytes) / 1e6;
    if (bytes > MAX_REQUEST_BYTES)
      throw new FakeError('RequestPayloadSizeLimitExceeded', `The request payload size (${bytes} bytes) has exceeded the limit.`);
    if (f.cellEditMode) throw new FakeError(f.cellEditCode, 'Excel is in cell-editing mode.');
    // One undo step per request outside an undo group, one for the whole run inside one.
    if (f.undoHistory && ops.some((o) => o.kind === 'write') && !(this.undoGroup && this.grouped)) {
      f.pushUndo(f.saveState());
      this.grouped = this.undoGroup;
    }
    // Operations run in order; one that fails stops the request, and those before it stay done.
    for (const o of ops) o.run();
    this.responseBytes = 0;
    for (const l of loaders) l();
    f.responses.push(this.responseBytes);
    f.clock += (f.msPerMB * this.responseBytes) / 1e6;
    if (this.responseBytes > MAX_RESPONSE_BYTES)
      throw new FakeError(
        'ResponsePayloadSizeLimitExceeded',
        `The response payload size (${this.responseBytes} bytes) has exceeded the limit.`,
      );
  }
}

/** Base for proxies: loaded properties are readable only after load + sync. */
class Proxy {
  protected loaded = new Set<string>();
  protected pending = new Set<string>();
  protected data: Record<string, unknown> = {};
  protected nullObject: boolean | undefined;
  constructor(protected readonly ctx: FakeContext) {}
  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) {
      throw new FakeError(
        'PropertyNotLoaded',
        `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.data[prop] as T;
  }
  get isNullObject(): boolean {
    if (this.nullObject === undefined) throw new FakeError('PropertyNotLoaded', 'isNullObject is not available before context.sync()');
    return this.nullObject;
  }
  load(props?: string | string[]): this {
    const list = (Array.isArray(props) ? props : (props ?? '').split(',')).map((p) => p.trim()).filter((p) => p !== '');
    for (const p of list) this.pending.add(p);
    this.ctx.onSync(() => {
      this.fill([...this.pending]);
      for (const p of this.pending) {
        this.loaded.add(p);
        this.ctx.responseBytes += bytesOf(this.data[p]);
      }
      this.pending.clear();
    });
    return this;
  }
  /** Untrack a proxy (counted, so that tests can see it is done). */
  untrack(): this {
    this.ctx.fake.untracked++;
    return this;
  }
  /** Populate `data` for the requested properties (subclasses). */
  protected fill(_props: string[]): void {}
}

class WorkbookProxy {
  readonly worksheets: WorksheetCollectionProxy;
  readonly tables: TableCollectionProxy;
  readonly protection: WorkbookProtectionProxy;
  readonly customXmlParts: CustomXmlPartCollectionProxy;
  private readonly commentsProxy: CommentCollectionProxy;
  constructor(private readonly ctx: FakeContext) {
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.tables = new TableCollectionProxy(ctx);
    this.protection = new WorkbookProtectionProxy(ctx);
    this.customXmlParts = new CustomXmlPartCollectionProxy(ctx);
    this.commentsProxy = new CommentCollectionProxy(ctx, null);
  }
  /** Comments are ExcelApi 1.10. */
  get comments(): CommentCollectionProxy {
    if (this.ctx.fake.apiVersion < 10) throw new FakeError('ApiNotFound', 'Comments need ExcelApi 1.10');
    return this.commentsProxy;
  }
  /** `protection/protected` (ExcelApi 1.7) loads the workbook's structure protection. */
  load(props?: string | string[]): this {
    const list = (Array.isArray(props) ? props : (props ?? '').split(',')).map((p) => p.trim());
    if (list.includes('protection/protected')) this.protection.load('protected');
    return this;
  }
  getSelectedRange(): RangeProxy {
    const f = this.ctx.fake;
    this.ctx.focusSensitive('Workbook.getSelectedRange');
    if (f.selection.more !== undefined) {
      this.ctx.queue(0, () => {
        throw new FakeError('InvalidSelection', 'The current selection is invalid for this operation (more than one range is selected).');
      });
    }
    return new RangeProxy(this.ctx, () => ({ sheet: f.sheet(f.selection.sheetId) as FakeSheet, rect: f.selection.rect }));
  }
  getSelectedRanges(): RangeAreasProxy {
    const f = this.ctx.fake;
    this.ctx.focusSensitive('Workbook.getSelectedRanges');
    return new RangeAreasProxy(
      this.ctx,
      () => ({ sheet: f.sheet(f.selection.sheetId) as FakeSheet, rects: [f.selection.rect, ...(f.selection.more ?? [])] }),
      0,
    );
  }
}

class WorkbookProtectionProxy extends Proxy {
  protected override fill(): void {
    this.data.protected = this.ctx.fake.structureProtected;
  }
  get protected(): boolean {
    return this.read('protected');
  }
}

class WorksheetCollectionProxy extends Proxy {
  get items(): WorksheetProxy[] {
    const items = this.read<FakeSheet[]>('items');
    return items.map((s, i) => {
      const w = new WorksheetProxy(this.ctx, () => s);
      w.setLoaded({ id: s.id, name: s.name, visibility: s.visibility, position: i });
      if (this.withProtection) w.protection.setLoaded(s.protected);
      return w;
    });
  }
  /** `items/protection/protected` was loaded with the items. */
  private withProtection = false;
  protected override fill(props: string[]): void {
    if (props.some((p) => p.startsWith('items'))) {
      this.data.items = [...this.ctx.fake.sheets];
      this.loaded.add('items');
      if (props.includes('items/protection/protected')) this.withProtection = true;
    }
  }
  getActiveWorksheet(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.fake.active);
  }
  getItem(key: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => {
      const s = this.ctx.fake.sheet(key);
      if (!s) throw new FakeError('ItemNotFound', `The requested resource doesn't exist: sheet ${key}`);
      return s;
    });
  }
  getItemOrNullObject(key: string): WorksheetProxy {
    const w = new WorksheetProxy(this.ctx, () => this.ctx.fake.sheet(key) ?? null, true);
    return w;
  }
  add(name: string): WorksheetProxy {
    let created: FakeSheet | null = null;
    this.ctx.focusSensitive('WorksheetCollection.add');
    this.ctx.structural('WorksheetCollection.add');
    this.ctx.queue(bytesOf(name), () => {
      created = this.ctx.fake.addSheet(name);
    });
    return new WorksheetProxy(this.ctx, () => {
      if (!created) throw new FakeError('InvalidOperation', 'sheet not yet created');
      return created;
    });
  }
}

class WorksheetProxy extends Proxy {
  readonly protection: ProtectionProxy;
  readonly notes: NoteCollectionProxy;
  readonly tables: SheetTablesProxy;
  readonly customProperties: CustomPropertiesProxy;
  readonly freezePanes: { freezeRows: (n: number) => void };
  private readonly commentsProxy: CommentCollectionProxy;
  private readonly pageLayoutProxy: PageLayoutProxy;
  constructor(
    ctx: FakeContext,
    readonly resolve: () => FakeSheet | null,
    private readonly orNull = false,
  ) {
    super(ctx);
    const sheet = () => this.must();
    this.protection = new ProtectionProxy(ctx, sheet);
    this.notes = new NoteCollectionProxy(ctx, sheet);
    this.tables = new SheetTablesProxy(ctx, sheet);
    this.customProperties = new CustomPropertiesProxy(ctx, sheet);
    this.commentsProxy = new CommentCollectionProxy(ctx, sheet);
    this.pageLayoutProxy = new PageLayoutProxy(ctx, sheet);
    this.freezePanes = {
      freezeRows: (n: number) => {
        ctx.focusSensitive('WorksheetFreezePanes.freezeRows');
        ctx.queue(8, () => {
          this.must().frozenRows = n;
        });
      },
    };
  }
  /** How the sheet prints (ExcelApi 1.9). */
  get pageLayout(): PageLayoutProxy {
    if (this.ctx.fake.apiVersion < 9) throw new FakeError('ApiNotFound', 'Page layout needs ExcelApi 1.9');
    return this.pageLayoutProxy;
  }
  /** The sheet's comments (ExcelApi 1.10). */
  get comments(): CommentCollectionProxy {
    if (this.ctx.fake.apiVersion < 10) throw new FakeError('ApiNotFound', 'Comments need ExcelApi 1.10');
    return this.commentsProxy;
  }
  setLoaded(d: Record<string, unknown>): void {
    Object.assign(this.data, d);
    for (const k of Object.keys(d)) this.loaded.add(k);
    this.nullObject = false;
  }
  must(): FakeSheet {
    const s = this.resolve();
    if (!s) throw new FakeError('ItemNotFound', "The requested resource doesn't exist.");
    return s;
  }
  override load(props?: string | string[]): this {
    // A navigation path (`protection/protected`) loads the property of the related object.
    const list = (Array.isArray(props) ? props : (props ?? '').split(',')).map((p) => p.trim()).filter((p) => p !== '');
    const own = list.filter((p) => !p.startsWith('protection/'));
    const viaProtection = list.filter((p) => p.startsWith('protection/')).map((p) => p.slice('protection/'.length));
    if (viaProtection.length > 0) this.protection.load(viaProtection);
    super.load(own);
    if (this.orNull) this.ctx.onSync(() => (this.nullObject = this.resolve() === null), 0);
    return this;
  }
  protected override fill(props: string[]): void {
    const s = this.resolve();
    if (!s) {
      this.nullObject = true;
      return;
    }
    this.nullObject = false;
    for (const p of props) this.data[p] = p === 'position' ? this.ctx.fake.sheets.indexOf(s) : (s as unknown as Record<string, unknown>)[p];
  }
  get id(): string {
    return this.read('id');
  }
  get name(): string {
    return this.read('name');
  }
  set name(v: string) {
    this.ctx.noUndo('Worksheet.name');
    this.ctx.structural('Worksheet.name');
    this.ctx.queue(bytesOf(v), () => {
      const s = this.must();
      if (this.ctx.fake.sheets.some((x) => x !== s && x.name.toLowerCase() === v.toLowerCase()))
        throw new FakeError('ItemAlreadyExists', `A sheet named ${v} already exists`);
      s.name = v;
    });
  }
  /** "The zero-based position of the worksheet within the workbook" (ExcelApi 1.1). */
  get position(): number {
    return this.read('position');
  }
  /**
   * Moves the sheet (without undo on Windows and Mac; refused while the structure is protected). A position
   * that is not one of the workbook's fails the request (InvalidArgument): the reference says nothing of it.
   */
  set position(v: number) {
    this.ctx.noUndo('Worksheet.position');
    this.ctx.structural('Worksheet.position');
    this.ctx.queue(8, () => {
      const s = this.must();
      const list = this.ctx.fake.sheets;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= list.length)
        throw new FakeError('InvalidArgument', `bad worksheet position ${String(v)}`);
      list.splice(list.indexOf(s), 1);
      list.splice(v, 0, s);
    });
  }
  get visibility(): string {
    return this.read('visibility');
  }
  set visibility(v: string) {
    this.ctx.noUndo('Worksheet.visibility');
    this.ctx.structural('Worksheet.visibility');
    this.ctx.queue(16, () => {
      this.must().visibility = v as FakeSheet['visibility'];
    });
  }
  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const s = this.must();
      return { sheet: s, rect: address === undefined ? { r0: 0, c0: 0, rows: MAX_ROWS, cols: MAX_COLS } : parseAddress(address).rect };
    });
  }
  getRangeByIndexes(r: number, c: number, rows: number, cols: number): RangeProxy {
    return new RangeProxy(this.ctx, () => ({ sheet: this.must(), rect: { r0: r, c0: c, rows, cols } }));
  }
  getRanges(address: string): RangeAreasProxy {
    if (address.length > MAX_ADDRESS_CHARS) {
      // Excel rejects the request that carries it.
      this.ctx.queue(address.length, () => {
        throw new FakeError('InvalidArgument', `The address string is longer than ${MAX_ADDRESS_CHARS} characters.`);
      });
    }
    return new RangeAreasProxy(
      this.ctx,
      () => ({ sheet: this.must(), rects: address.split(',').map((a) => parseAddress(a).rect) }),
      address.length,
    );
  }
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const s = this.must();
      const u = s.used(valuesOnly);
      return u === null ? null : { sheet: s, rect: u };
    });
  }
  delete(): void {
    this.ctx.focusSensitive('Worksheet.delete');
    this.ctx.structural('Worksheet.delete');
    this.ctx.noUndo('Worksheet.delete');
    this.ctx.queue(16, () => {
      const s = this.must();
      const f = this.ctx.fake;
      if (f.sheets.filter((x) => x.visibility === 'Visible' && x !== s).length === 0)
        throw new FakeError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
      if (s.visibility === 'VeryHidden')
        throw new FakeError('InvalidOperation', 'Make a very hidden sheet visible or hidden before deleting it.');
      f.sheets.splice(f.sheets.indexOf(s), 1);
      for (let i = f.tables.length - 1; i >= 0; i--) if ((f.tables[i] as FakeTable).sheetId === s.id) f.tables.splice(i, 1);
      if (f.activeSheetId === s.id) f.activeSheetId = (f.sheets.find((x) => x.visibility === 'Visible') as FakeSheet).id;
    });
  }
  activate(): void {
    this.ctx.focusSensitive('Worksheet.activate');
    this.ctx.queue(
      8,
      () => {
        this.ctx.fake.activeSheetId = this.must().id;
      },
      'other',
    );
  }
}

/** What a sheet's `pageLayout` was given (margins in points). */
export interface FakePageLayout {
  orientation?: 'Portrait' | 'Landscape';
  zoom?: { horizontalFitToPages?: number | null; verticalFitToPages?: number | null; scale?: number | null };
  leftMargin?: number;
  rightMargin?: number;
  topMargin?: number;
  bottomMargin?: number;
  headerMargin?: number;
  footerMargin?: number;
  /** The rows `setPrintTitleRows` was given, as an address (`$1:$1`). */
  printTitleRows?: string;
}

const MARGINS = ['leftMargin', 'rightMargin', 'topMargin', 'bottomMargin', 'headerMargin', 'footerMargin'] as const;

/**
 * A sheet's page layout (ExcelApi 1.9), accepting what the reference allows: `orientation` is `Portrait` or
 * `Landscape`; `zoom` is a PageLayoutZoomOptions (`horizontalFitToPages`, `verticalFitToPages`, `scale`, each a
 * number or null; a scale from 10 to 400, not with fit-to-pages); margins are points, not negative;
 * `setPrintTitleRows` takes a range or its address, whole rows.
 */
class PageLayoutProxy extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx);
  }
  queueSet(apply: (p: FakePageLayout) => void): void {
    this.ctx.queue(8, () => {
      const s = this.sheet();
      const page = { ...s.page };
      apply(page);
      s.page = page;
    });
  }
  set orientation(v: 'Portrait' | 'Landscape') {
    if (v !== 'Portrait' && v !== 'Landscape') throw new FakeError('InvalidArgument', `bad orientation ${String(v)}`);
    this.queueSet((p) => (p.orientation = v));
  }
  set zoom(v: NonNullable<FakePageLayout['zoom']>) {
    const allowed = new Set(['horizontalFitToPages', 'verticalFitToPages', 'scale']);
    for (const [k, x] of Object.entries(v)) {
      if (!allowed.has(k)) throw new FakeError('InvalidArgument', `PageLayoutZoomOptions has no ${k}`);
      if (x !== null && (typeof x !== 'number' || !Number.isInteger(x) || x < 0))
        throw new FakeError('InvalidArgument', `bad ${k} ${String(x)}`);
    }
    const fit = (v.horizontalFitToPages ?? null) !== null || (v.verticalFitToPages ?? null) !== null;
    if (v.scale !== undefined && v.scale !== null && (v.scale < 10 || v.scale > 400 || fit))
      throw new FakeError('InvalidArgument', `bad scale ${v.scale}`);
    this.queueSet((p) => (p.zoom = { ...v }));
  }
  setPrintTitleRows(rows: string | { address: string }): void {
    const address = typeof rows === 'string' ? rows : rows.address;
    const bare = address.replace(/^.*!/, '');
    if (!/^\$?\d+:\$?\d+$/.test(bare)) throw new FakeError('InvalidArgument', `print title rows must be whole rows, not ${address}`);
    this.queueSet((p) => (p.printTitleRows = bare));
  }
}
for (const m of MARGINS)
  Object.defineProperty(PageLayoutProxy.prototype, m, {
    set(this: PageLayoutProxy, v: number) {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new FakeError('InvalidArgument', `bad ${m} ${String(v)}`);
      this.queueSet((p) => (p[m] = v));
    },
  });

class ProtectionProxy extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx);
  }
  protected override fill(): void {
    this.data.protected = this.sheet().protected;
  }
  setLoaded(v: boolean): void {
    this.data.protected = v;
    this.loaded.add('protected');
  }
  get protected(): boolean {
    return this.read('protected');
  }
}

type RangeTarget = { sheet: FakeSheet; rect: Rect } | null;

function guardWrite(sheet: FakeSheet): void {
  if (sheet.protected) throw new FakeError('AccessDenied', "The cell or chart you're trying to change is on a protected sheet.");
}

class FillProxy extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly targets: () => Array<{ sheet: FakeSheet; rect: Rect }>,
  ) {
    super(ctx);
  }
  protected override fill(): void {
    const [t] = this.targets();
    if (!t) return;
    const colors = new Set<string>();
    for (let r = 0; r < t.rect.rows; r++)
      for (let c = 0; c < t.rect.cols; c++) colors.add(t.sheet.get(t.rect.r0 + r, t.rect.c0 + c)?.fill ?? '#FFFFFF');
    this.data.color = colors.size === 1 ? [...colors][0] : null;
  }
  get color(): string {
    return this.read('color');
  }
  set color(v: string) {
    this.ctx.queue(bytesOf(v), () => {
      for (const t of this.targets()) {
        guardWrite(t.sheet);
        for (let r = 0; r < t.rect.rows; r++)
          for (let c = 0; c < t.rect.cols; c++) t.sheet.cell(t.rect.r0 + r, t.rect.c0 + c).fill = v.toUpperCase();
      }
    });
  }
  clear(): void {
    this.ctx.queue(8, () => {
      for (const t of this.targets()) {
        guardWrite(t.sheet);
        for (let r = 0; r < t.rect.rows; r++) {
          for (let c = 0; c < t.rect.cols; c++) {
            const d = t.sheet.get(t.rect.r0 + r, t.rect.c0 + c);
            if (d) {
              d.fill = null;
              if (d.value === '' && d.formula === null && d.numberFormat === 'General')
                t.sheet.cells.delete(t.sheet.key(t.rect.r0 + r, t.rect.c0 + c));
            }
          }
        }
      }
    });
  }
}

const ERROR_VALUE = /^#(?:N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!)$/;
/** Excel's type of a cell's value (`Range.valueTypes`). */
function valueType(d: CellData | undefined): string {
  if (d === undefined || (d.value === '' && d.formula === null)) return 'Empty';
  if (typeof d.value === 'number') return 'Double';
  if (typeof d.value === 'boolean') return 'Boolean';
  return ERROR_VALUE.test(d.value) ? 'Error' : 'String';
}

class RangeFormatProxy {
  readonly fill: FillProxy;
  /** The borders of the range (ExcelApi 1.1). */
  readonly borders: RangeBorderCollectionProxy;
  constructor(
    private readonly ctx: FakeContext,
    private readonly targets: () => Array<{ sheet: FakeSheet; rect: Rect }>,
  ) {
    this.fill = new FillProxy(ctx, targets);
    this.borders = new RangeBorderCollectionProxy(ctx, targets);
  }
  set wrapText(v: boolean) {
    this.ctx.queue(12, () => {
      for (const t of this.targets()) for (let c = 0; c < t.rect.cols; c++) if (v) t.sheet.wrapColumns.add(t.rect.c0 + c);
    });
  }
  /** The width of every column of the range (ExcelApi 1.2). */
  set columnWidth(w: number) {
    need(this.ctx, 2, 'RangeFormat.columnWidth');
    this.ctx.queue(12, () => {
      for (const t of this.targets()) for (let c = 0; c < t.rect.cols; c++) t.sheet.columnWidths.set(t.rect.c0 + c, w);
    });
  }
  /** "The height of all rows in the range" (ExcelApi 1.2), in points. */
  set rowHeight(h: number) {
    need(this.ctx, 2, 'RangeFormat.rowHeight');
    this.ctx.queue(12, () => {
      if (typeof h !== 'number' || !Number.isFinite(h) || h < 0) throw new FakeError('InvalidArgument', `bad rowHeight ${String(h)}`);
      for (const t of this.targets()) {
        guardWrite(t.sheet);
        t.sheet.rowHeightOps.push({ r0: t.rect.r0, rows: t.rect.rows, height: h });
      }
    });
  }
  /** `Excel.HorizontalAlignment` of every cell of the range (ExcelApi 1.1). */
  set horizontalAlignment(v: string) {
    this.align('horizontal', v, HORIZONTAL_ALIGNMENTS);
  }
  /** `Excel.VerticalAlignment` of every cell of the range (ExcelApi 1.1). */
  set verticalAlignment(v: string) {
    this.align('vertical', v, VERTICAL_ALIGNMENTS);
  }
  private align(prop: 'horizontal' | 'vertical', v: string, allowed: readonly string[]): void {
    this.ctx.queue(bytesOf(v), () => {
      if (!allowed.includes(v)) throw new FakeError('InvalidArgument', `bad ${prop}Alignment ${String(v)}`);
      for (const t of this.targets()) {
        guardWrite(t.sheet);
        t.sheet.formatOps.push({ kind: 'align', rect: { ...t.rect }, prop, value: v });
      }
    });
  }
  /** ExcelApi 1.2; the fake measures no text: nothing changes. */
  autofitColumns(): void {
    need(this.ctx, 2, 'RangeFormat.autofitColumns');
    this.ctx.queue(8, () => undefined);
  }
  /** ExcelApi 1.2; the fake measures no text: no row height changes. */
  autofitRows(): void {
    need(this.ctx, 2, 'RangeFormat.autofitRows');
    this.ctx.queue(8, () => undefined);
  }
}

/** A method or property of a later requirement set than the host has: absent, as the fake does for its other sets. */
function need(ctx: FakeContext, minor: number, api: string): void {
  if (ctx.fake.apiVersion < minor) throw new FakeError('ApiNotFound', `${api} needs ExcelApi 1.${minor}`);
}

/** `RangeFormat.borders` (ExcelApi 1.1): `getItem(index)` by `Excel.BorderIndex`. */
class RangeBorderCollectionProxy {
  constructor(
    private readonly ctx: FakeContext,
    private readonly targets: () => Array<{ sheet: FakeSheet; rect: Rect }>,
  ) {}
  /** A border by its index; an index that is not a BorderIndex fails the request that uses it (InvalidArgument). */
  getItem(index: string): RangeBorderProxy {
    return new RangeBorderProxy(this.ctx, this.targets, index);
  }
}

/**
 * One `Excel.RangeBorder` of a range: `style` (`None` removes it), `weight`, `color`. Setting any of them
 * on an undrawn edge draws it, thin, continuous and black but for what was set (the reference does not say;
 * the fake's choice). Loaded, each property is the one of every edge it covers, or null when they differ;
 * an undrawn edge reads as `None`, `Thin`, `#000000` (likewise the fake's choice).
 */
class RangeBorderProxy extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly targets: () => Array<{ sheet: FakeSheet; rect: Rect }>,
    private readonly index: string,
  ) {
    super(ctx);
  }
  private checkIndex(): BorderIndex {
    if (!(BORDER_INDEXES as readonly string[]).includes(this.index))
      throw new FakeError('InvalidArgument', `${String(this.index)} is not a BorderIndex.`);
    return this.index as BorderIndex;
  }
  private setProp(prop: keyof FakeBorder, v: unknown, valid: (v: unknown) => string | null): void {
    this.ctx.queue(bytesOf(v) + bytesOf(this.index), () => {
      const index = this.checkIndex();
      const value = valid(v);
      if (value === null) throw new FakeError('InvalidArgument', `bad border ${prop} ${String(v)}`);
      for (const t of this.targets()) {
        guardWrite(t.sheet);
        t.sheet.formatOps.push({ kind: 'border', rect: { ...t.rect }, index, prop, value });
      }
    });
  }
  override load(props?: string | string[]): this {
    this.ctx.queue(0, () => void this.checkIndex(), 'other');
    return super.load(props);
  }
  protected override fill(props: string[]): void {
    const index = this.index as BorderIndex;
    const sides: Record<BorderIndex, BorderSide> = {
      EdgeTop: 'top',
      EdgeBottom: 'bottom',
      EdgeLeft: 'left',
      EdgeRight: 'right',
      InsideHorizontal: 'bottom',
      InsideVertical: 'right',
      DiagonalDown: 'diagonalDown',
      DiagonalUp: 'diagonalUp',
    };
    const seen: Record<keyof FakeBorder, Set<string>> = { style: new Set(), weight: new Set(), color: new Set() };
    for (const { sheet, rect } of this.targets()) {
      const rows =
        index === 'EdgeTop'
          ? [rect.r0]
          : index === 'EdgeBottom'
            ? [rect.r0 + rect.rows - 1]
            : range(rect.r0, index === 'InsideHorizontal' ? rect.rows - 1 : rect.rows);
      const cols =
        index === 'EdgeLeft'
          ? [rect.c0]
          : index === 'EdgeRight'
            ? [rect.c0 + rect.cols - 1]
            : range(rect.c0, index === 'InsideVertical' ? rect.cols - 1 : rect.cols);
      for (const r of rows)
        for (const c of cols) {
          const b = sheet.border(r, c, sides[index]) ?? { style: 'None', weight: 'Thin', color: '#000000' };
          for (const k of ['style', 'weight', 'color'] as const) seen[k].add(b[k]);
        }
    }
    for (const p of props) {
      if (p === 'sideIndex') this.data.sideIndex = index;
      else if (p === 'style' || p === 'weight' || p === 'color')
        this.data[p] = seen[p].size === 0 ? (p === 'style' ? 'None' : null) : seen[p].size === 1 ? [...seen[p]][0] : null;
      else throw new FakeError('InvalidArgument', `fake RangeBorder cannot load ${p}`);
    }
  }
  get sideIndex(): string {
    return this.read('sideIndex');
  }
  get style(): string {
    return this.read('style');
  }
  set style(v: string) {
    this.setProp('style', v, (x) => ((BORDER_STYLES as readonly unknown[]).includes(x) ? (x as string) : null));
  }
  get weight(): string {
    return this.read('weight');
  }
  set weight(v: string) {
    this.setProp('weight', v, (x) => ((BORDER_WEIGHTS as readonly unknown[]).includes(x) ? (x as string) : null));
  }
  get color(): string {
    return this.read('color');
  }
  set color(v: string) {
    this.setProp('color', v, htmlColor);
  }
}

function range(start: number, count: number): number[] {
  return Array.from({ length: Math.max(0, count) }, (_, i) => start + i);
}

export class RangeProxy extends Proxy {
  readonly format: RangeFormatProxy;
  constructor(
    ctx: FakeContext,
    readonly resolve: () => RangeTarget,
  ) {
    super(ctx);
    this.format = new RangeFormatProxy(ctx, () => [this.must()]);
  }
  private must(): { sheet: FakeSheet; rect: Rect } {
    const t = this.resolve();
    if (t === null) throw new FakeError('ItemNotFound', "The requested resource doesn't exist.");
    return t;
  }
  override load(props?: string | string[]): this {
    super.load(props);
    this.ctx.onSync(() => (this.nullObject = this.resolve() === null), 0);
    return this;
  }
  protected override fill(props: string[]): void {
    const t = this.resolve();
    if (t === null) return;
    const { sheet, rect } = t;
    const cells = rect.rows * rect.cols;
    for (const p of props) {
      switch (p) {
        case 'address':
          this.data.address = `${quoteSheet(sheet.name)}!${rectAddress(rect)}`;
          break;
        case 'rowIndex':
          this.data.rowIndex = rect.r0;
          break;
        case 'columnIndex':
          this.data.columnIndex = rect.c0;
          break;
        case 'rowCount':
          this.data.rowCount = rect.rows;
          break;
        case 'columnCount':
          this.data.columnCount = rect.cols;
          break;
        case 'cellCount':
          this.data.cellCount = cells;
          break;
        case 'isEntireColumn':
          this.data.isEntireColumn = rect.r0 === 0 && rect.rows === MAX_ROWS;
          break;
        case 'isEntireRow':
          this.data.isEntireRow = rect.c0 === 0 && rect.cols === MAX_COLS;
          break;
        case 'rowHidden':
        case 'columnHidden': {
          // true: all hidden; false: none; null: some (ExcelApi 1.2).
          const hidden = p === 'rowHidden' ? sheet.hiddenRows : sheet.hiddenCols;
          const [start, count] = p === 'rowHidden' ? [rect.r0, rect.rows] : [rect.c0, rect.cols];
          let n = 0;
          for (const i of hidden) if (i >= start && i < start + count) n++;
          this.data[p] = n === 0 ? false : n === count ? true : null;
          break;
        }
        case 'values':
        case 'valueTypes':
        case 'text':
        case 'numberFormat':
        case 'formulas': {
          if (cells > MAX_READ_CELLS) {
            this.data[p] = null;
            break;
          }
          const out: unknown[][] = [];
          for (let r = 0; r < rect.rows; r++) {
            const row: unknown[] = [];
            for (let c = 0; c < rect.cols; c++) {
              const d = sheet.get(rect.r0 + r, rect.c0 + c);
              if (p === 'values') row.push(d ? d.value : '');
              else if (p === 'valueTypes') row.push(valueType(d));
              else if (p === 'text') row.push(sheet.text(rect.r0 + r, rect.c0 + c));
              else if (p === 'formulas') row.push(d ? (d.formula ?? d.value) : '');
              else row.push(d ? d.numberFormat : 'General');
            }
            out.push(row);
          }
          this.data[p] = out;
          break;
        }
        default:
          throw new FakeError('InvalidArgument', `fake Range cannot load ${p}`);
      }
    }
  }
  get address(): string {
    return this.read('address');
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get cellCount(): number {
    return this.read('cellCount');
  }
  get isEntireColumn(): boolean {
    return this.read('isEntireColumn');
  }
  get isEntireRow(): boolean {
    return this.read('isEntireRow');
  }
  get values(): unknown[][] {
    return this.read('values');
  }
  get text(): string[][] {
    return this.read('text');
  }
  get valueTypes(): string[][] {
    return this.read('valueTypes');
  }
  readonly conditionalFormats = {
    /** Removes the conditional formats that intersect the range (ExcelApi 1.6). */
    clearAll: () =>
      this.ctx.queue(16, () => {
        const { sheet, rect } = this.must();
        guardWrite(sheet);
        const keep = sheet.conditionals.filter((cf) => {
          const r = parseAddress(cf.address).rect;
          return !(r.r0 < rect.r0 + rect.rows && r.r0 + r.rows > rect.r0 && r.c0 < rect.c0 + rect.cols && r.c0 + r.cols > rect.c0);
        });
        sheet.conditionals.splice(0, sheet.conditionals.length, ...keep);
      }),
    add: (type: string) => {
      if (type !== 'Custom') throw new FakeError('InvalidArgument', 'the fake knows custom conditional formats only');
      const cf = { formula: '', fill: '' };
      this.ctx.queue(60, () => {
        const { sheet, rect } = this.must();
        sheet.conditionals.push({ address: rectAddress(rect), formula: cf.formula, fill: cf.fill });
      });
      return {
        custom: {
          rule: {
            set formula(v: string) {
              cf.formula = v;
            },
          },
          format: {
            fill: {
              set color(v: string) {
                cf.fill = v;
              },
            },
          },
        },
      };
    },
  };
  get formulas(): unknown[][] {
    return this.read('formulas');
  }
  get numberFormat(): string[][] {
    return this.read('numberFormat');
  }
  private checkShape(v: unknown[][], rect: Rect, what: string): void {
    if (!Array.isArray(v) || v.length !== rect.rows || v.some((row) => !Array.isArray(row) || row.length !== rect.cols)) {
      throw new FakeError(
        'InvalidArgument',
        `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}).`,
      );
    }
  }
  set values(v: unknown[][]) {
    this.ctx.queue(bytesOf(v), () => {
      const { sheet, rect } = this.must();
      guardWrite(sheet);
      this.checkShape(v, rect, 'values');
      v.forEach((row, r) =>
        row.forEach((x, c) => {
          const d = sheet.cell(rect.r0 + r, rect.c0 + c);
          if (typeof x === 'string' && x.startsWith("'")) {
            d.value = x.slice(1);
            d.formula = null;
          } else if (typeof x === 'string' && x.startsWith('=') && d.numberFormat !== '@') {
            // What Excel does: the string is now a formula. The fake calculates only HYPERLINK (its
            // value is the text it shows); any other formula's value is 0.
            d.formula = x;
            const link = /^=HYPERLINK\("(?:[^"]|"")*","((?:[^"]|"")*)"\)$/.exec(x);
            d.value = link === null ? 0 : (link[1] as string).replace(/""/g, '"');
          } else {
            d.value = x as string | number | boolean;
            d.formula = null;
          }
          if (d.value === '' && d.formula === null && d.fill === null && d.numberFormat === 'General')
            sheet.cells.delete(sheet.key(rect.r0 + r, rect.c0 + c));
        }),
      );
    });
  }
  set numberFormat(v: string[][]) {
    this.ctx.queue(bytesOf(v), () => {
      const { sheet, rect } = this.must();
      guardWrite(sheet);
      this.checkShape(v, rect, 'numberFormat');
      v.forEach((row, r) => row.forEach((x, c) => (sheet.cell(rect.r0 + r, rect.c0 + c).numberFormat = x)));
    });
  }
  get rowHidden(): boolean {
    return this.read('rowHidden');
  }
  set rowHidden(v: boolean) {
    this.ctx.queue(8, () => {
      const { sheet, rect } = this.must();
      for (let r = 0; r < rect.rows; r++) {
        if (v) sheet.hiddenRows.add(rect.r0 + r);
        else sheet.hiddenRows.delete(rect.r0 + r);
      }
    });
  }
  get columnHidden(): boolean {
    return this.read('columnHidden');
  }
  set columnHidden(v: boolean) {
    this.ctx.queue(8, () => {
      const { sheet, rect } = this.must();
      for (let c = 0; c < rect.cols; c++) {
        if (v) sheet.hiddenCols.add(rect.c0 + c);
        else sheet.hiddenCols.delete(rect.c0 + c);
      }
    });
  }
  /** The visible cells (ExcelApi 1.9): one rectangle per run of visible rows and run of visible columns. */
  getSpecialCells(cellType: string): RangeAreasProxy {
    return this.specialCells(cellType, false);
  }
  getSpecialCellsOrNullObject(cellType: string): RangeAreasProxy {
    return this.specialCells(cellType, true);
  }
  private specialCells(cellType: string, orNull: boolean): RangeAreasProxy {
    if (this.ctx.fake.apiVersion < 9) throw new FakeError('ApiNotFound', 'getSpecialCells needs ExcelApi 1.9');
    if (cellType !== 'Visible')
      throw new FakeError('InvalidArgument', `the fake knows special cells of type Visible only, not ${cellType}`);
    const visible = (): { sheet: FakeSheet; rects: Rect[] } | null => {
      const { sheet, rect } = this.must();
      const { rows, cols } = sheet.visibleRuns(rect);
      const rects = rows.flatMap(([r0, nr]) => cols.map(([c0, nc]): Rect => ({ r0, c0, rows: nr, cols: nc })));
      return rects.length === 0 ? null : { sheet, rects };
    };
    if (!orNull) {
      // "If no special cells are found, an ItemNotFound error will be thrown."
      this.ctx.queue(0, () => {
        if (visible() === null) throw new FakeError('ItemNotFound', 'No cells were found.');
      });
    }
    return new RangeAreasProxy(this.ctx, visible, 0);
  }
  /** The used range within this range (ExcelApi 1.4): the cells with values (or any data), or a null object. */
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const { sheet, rect } = this.must();
      let r0 = Infinity;
      let c0 = Infinity;
      let r1 = -1;
      let c1 = -1;
      for (const [k, d] of sheet.cells) {
        if (valuesOnly && d.value === '' && d.formula === null) continue;
        const [r, c] = k.split(',').map(Number) as [number, number];
        if (r < rect.r0 || r >= rect.r0 + rect.rows || c < rect.c0 || c >= rect.c0 + rect.cols) continue;
        r0 = Math.min(r0, r);
        c0 = Math.min(c0, c);
        r1 = Math.max(r1, r);
        c1 = Math.max(c1, c);
      }
      return r1 < 0 ? null : { sheet, rect: { r0, c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 } };
    });
  }
  /** "The entire column of the range" (ExcelApi 1.1): `B4:E11` gives `B:E`. */
  getEntireColumn(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const { sheet, rect } = this.must();
      return { sheet, rect: { r0: 0, c0: rect.c0, rows: MAX_ROWS, cols: rect.cols } };
    });
  }
  /** "The entire row of the range" (ExcelApi 1.1): `B4:E11` gives `4:11`. */
  getEntireRow(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const { sheet, rect } = this.must();
      return { sheet, rect: { r0: rect.r0, c0: 0, rows: rect.rows, cols: MAX_COLS } };
    });
  }
  getSurroundingRegion(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const { sheet, rect } = this.must();
      return { sheet, rect: sheet.region(rect.r0, rect.c0) };
    });
  }
  getIntersectionOrNullObject(other: RangeProxy): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const a = this.must();
      const b = other.resolve();
      if (!b) return null;
      const r0 = Math.max(a.rect.r0, b.rect.r0);
      const c0 = Math.max(a.rect.c0, b.rect.c0);
      const r1 = Math.min(a.rect.r0 + a.rect.rows, b.rect.r0 + b.rect.rows);
      const c1 = Math.min(a.rect.c0 + a.rect.cols, b.rect.c0 + b.rect.cols);
      return r1 > r0 && c1 > c0 ? { sheet: a.sheet, rect: { r0, c0, rows: r1 - r0, cols: c1 - c0 } } : null;
    });
  }
  /**
   * The merged areas (ExcelApi 1.13) whose top-left cell is in the range (office-js #3611: the others are
   * not returned). "If the merged areas count in this range is more than 512, then this method will fail
   * to return the result": the request fails (the reference names no error; the fake says GeneralException).
   */
  getMergedAreasOrNullObject(): RangeAreasProxy {
    if (this.ctx.fake.apiVersion < 13) throw new FakeError('ApiNotFound', 'getMergedAreasOrNullObject needs ExcelApi 1.13');
    const hits = (): { sheet: FakeSheet; rects: Rect[] } | null => {
      const { sheet, rect } = this.must();
      const hit = sheet.merged.filter(
        (m) => m.r0 >= rect.r0 && m.r0 < rect.r0 + rect.rows && m.c0 >= rect.c0 && m.c0 < rect.c0 + rect.cols,
      );
      return hit.length === 0 ? null : { sheet, rects: hit };
    };
    this.ctx.queue(
      0,
      () => {
        const n = hits()?.rects.length ?? 0;
        if (n > 512) throw new FakeError('GeneralException', `getMergedAreasOrNullObject: ${n} merged areas, more than 512.`);
      },
      'other',
    );
    return new RangeAreasProxy(this.ctx, hits, 0);
  }
  /**
   * `format.fill.color` and `tintAndShade` of each cell (ExcelApi 1.9). A cell with No Fill reports white,
   * as a white fill does (office-js #6218); its `tintAndShade` is null, a fill's a number (office-js #4900).
   */
  getCellProperties(_spec: unknown): { value: Array<Array<{ format: { fill: { color: string; tintAndShade: number | null } } }>> } {
    const result: { value: Array<Array<{ format: { fill: { color: string; tintAndShade: number | null } } }>> } = {
      get value(): never {
        throw new FakeError('PropertyNotLoaded', 'ClientResult.value is not available before context.sync()');
      },
    } as never;
    this.ctx.onSync(() => {
      const { sheet, rect } = this.must();
      const v = Array.from({ length: rect.rows }, (_, r) =>
        Array.from({ length: rect.cols }, (_, c) => ({
          format: {
            fill: {
              color: sheet.get(rect.r0 + r, rect.c0 + c)?.fill ?? '#FFFFFF',
              tintAndShade: (sheet.get(rect.r0 + r, rect.c0 + c)?.fill ?? null) === null ? null : 0,
            },
          },
        })),
      );
      Object.defineProperty(result, 'value', { value: v });
      this.ctx.responseBytes += bytesOf(v);
    }, 60);
    return result;
  }
  select(): void {
    this.ctx.focusSensitive('Range.select');
    this.ctx.queue(
      8,
      () => {
        const { sheet, rect } = this.must();
        this.ctx.fake.activeSheetId = sheet.id;
        this.ctx.fake.selection = { sheetId: sheet.id, rect };
      },
      'other',
    );
  }
  /**
   * Clears values, formulas and formats (fills, number formats, borders, alignment, wrapping of whole columns);
   * merged areas stay merged (see the header).
   */
  clear(): void {
    this.ctx.queue(8, () => {
      const { sheet, rect } = this.must();
      guardWrite(sheet);
      for (const k of [...sheet.cells.keys()]) {
        const [r, c] = k.split(',').map(Number) as [number, number];
        if (r >= rect.r0 && r < rect.r0 + rect.rows && c >= rect.c0 && c < rect.c0 + rect.cols) sheet.cells.delete(k);
      }
      if (rect.r0 === 0 && rect.rows === MAX_ROWS) for (let c = rect.c0; c < rect.c0 + rect.cols; c++) sheet.wrapColumns.delete(c);
      // "Clear range values and formatting, such as fill and border": the borders around and across its cells, and their alignment.
      if (sheet.formatOps.length > 0) sheet.formatOps.push({ kind: 'clear', rect: { ...rect } });
    });
  }
  /**
   * "Merge the range cells into one region in the worksheet" (ExcelApi 1.2); `across`: "merge cells in each
   * row of the specified range as separate merged cells". Only the top-left value of each area stays (see the
   * header); a one-cell area is no merge. Merged areas inside the range are absorbed; one it overlaps only in
   * part fails the request (InvalidOperation), as does a table it overlaps (MergedRangeConflict).
   */
  merge(across = false): void {
    need(this.ctx, 2, 'Range.merge');
    this.ctx.queue(16, () => {
      const { sheet, rect } = this.must();
      guardWrite(sheet);
      // One area, or one per row: a one-cell area is no merge.
      if (across ? rect.cols < 2 : rect.rows * rect.cols < 2) return;
      if (this.ctx.fake.tables.some((t) => t.sheetId === sheet.id && intersects(t.rect, rect)))
        throw new FakeError(
          'MergedRangeConflict',
          "Cannot complete the operation. A table can't overlap with another table, a PivotTable report, query results, merged cells, or an XML Map.",
        );
      // A merged area it touches must lie inside one of its areas (inside the range, and in one row when across).
      const part = sheet.merged.find((m) => intersects(m, rect) && !(contains(rect, m) && (!across || m.rows === 1)));
      if (part !== undefined)
        throw new FakeError('InvalidOperation', `${rectAddress(rect)} overlaps the merged area ${rectAddress(part)} in part.`);
      const areas = across ? range(rect.r0, rect.rows).map((r): Rect => ({ r0: r, c0: rect.c0, rows: 1, cols: rect.cols })) : [{ ...rect }];
      sheet.merged.splice(0, sheet.merged.length, ...sheet.merged.filter((m) => !intersects(m, rect)), ...areas);
      // The top-left value of each area stays; the others are cleared, their formats kept.
      for (const [k, d] of [...sheet.cells]) {
        const [r, c] = k.split(',').map(Number) as [number, number];
        if (!inRect(rect, r, c) || (c === rect.c0 && (across || r === rect.r0))) continue;
        d.value = '';
        d.formula = null;
        if (d.fill === null && d.numberFormat === 'General') sheet.cells.delete(k);
      }
    });
  }
  /** "Unmerge the range cells into separate cells" (ExcelApi 1.2): every merged area the range touches. */
  unmerge(): void {
    need(this.ctx, 2, 'Range.unmerge');
    this.ctx.queue(16, () => {
      const { sheet, rect } = this.must();
      guardWrite(sheet);
      const kept = sheet.merged.filter((m) => !intersects(m, rect));
      sheet.merged.splice(0, sheet.merged.length, ...kept);
    });
  }
  /** Deletes whole rows (`5:9`), shifting the rows below up (`Range.delete('Up')`); the fake knows whole rows only. */
  delete(shift: string): void {
    this.shiftRows(shift, -1);
  }
  /** Inserts whole rows (`5:9`), shifting the rows from there down (`Range.insert('Down')`). */
  insert(shift: string): void {
    this.shiftRows(shift, 1);
  }
  private shiftRows(shift: string, dir: 1 | -1): void {
    this.ctx.queue(16, () => {
      const { sheet, rect } = this.must();
      guardWrite(sheet);
      if (rect.c0 !== 0 || rect.cols !== MAX_COLS || shift !== (dir < 0 ? 'Up' : 'Down'))
        throw new FakeError('InvalidArgument', 'the fake inserts and deletes whole rows only');
      const n = rect.rows;
      const moved = new Map<string, CellData>();
      for (const [k, d] of sheet.cells) {
        const [r, c] = k.split(',').map(Number) as [number, number];
        if (dir < 0 && r >= rect.r0 && r < rect.r0 + n) continue;
        const to = r >= rect.r0 ? r + dir * n : r;
        moved.set(sheet.key(to, c), d);
      }
      sheet.cells.clear();
      for (const [k, d] of moved) sheet.cells.set(k, d);
    });
  }
}

class RangeAreasProxy extends Proxy {
  readonly format: RangeFormatProxy;
  constructor(
    ctx: FakeContext,
    private readonly resolve: () => { sheet: FakeSheet; rects: Rect[] } | null,
    private readonly addressBytes: number,
  ) {
    super(ctx);
    this.format = new RangeFormatProxy(ctx, () => {
      const t = this.resolve();
      if (t === null) throw new FakeError('ItemNotFound', "The requested resource doesn't exist.");
      return t.rects.map((rect) => ({ sheet: t.sheet, rect }));
    });
    void this.addressBytes;
  }
  readonly areas = {
    getItemAt: (i: number): RangeProxy =>
      new RangeProxy(this.ctx, () => {
        const t = this.resolve();
        const rect = t?.rects[i];
        return t === null || rect === undefined ? null : { sheet: t.sheet, rect };
      }),
  };
  override load(props?: string | string[]): this {
    super.load(props);
    this.ctx.onSync(() => (this.nullObject = this.resolve() === null), 0);
    return this;
  }
  protected override fill(props: string[]): void {
    const t = this.resolve();
    if (t === null) return;
    for (const p of props) {
      if (p === 'areaCount') this.data.areaCount = t.rects.length;
      else if (p === 'address') this.data.address = t.rects.map((r) => `${quoteSheet(t.sheet.name)}!${rectAddress(r)}`).join(',');
    }
  }
  get areaCount(): number {
    return this.read('areaCount');
  }
  get address(): string {
    return this.read('address');
  }
}

class NoteProxy extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
    private readonly address: string,
    private readonly orNull: boolean,
  ) {
    super(ctx);
  }
  private key(): string {
    return rectAddress(parseAddress(this.address).rect);
  }
  override load(props?: string | string[]): this {
    super.load(props);
    this.ctx.onSync(() => {
      this.nullObject = !this.sheet().notes.has(this.key());
      if (!this.orNull && this.nullObject) throw new FakeError('ItemNotFound', `No note at ${this.address}`);
    }, 0);
    return this;
  }
  protected override fill(): void {
    const n = this.sheet().notes.get(this.key());
    if (n !== undefined) this.data.content = n;
  }
  get content(): string {
    return this.read('content');
  }
  set content(v: string) {
    this.ctx.queue(bytesOf(v), () => {
      const s = this.sheet();
      guardWrite(s);
      if (!s.notes.has(this.key())) throw new FakeError('ItemNotFound', `No note at ${this.address}`);
      s.notes.set(this.key(), v);
    });
  }
  delete(): void {
    this.ctx.queue(16, () => {
      const s = this.sheet();
      guardWrite(s);
      if (!s.notes.has(this.key())) throw new FakeError('ItemNotFound', `No note at ${this.address}`);
      s.notes.delete(this.key());
    });
  }
}

class NoteCollectionProxy {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {}
  private need(): void {
    if (this.ctx.fake.apiVersion < 18) throw new FakeError('ApiNotFound', 'Notes need ExcelApi 1.18');
  }
  add(address: string, content: string): NoteProxy {
    this.need();
    const key = rectAddress(parseAddress(address).rect);
    if (parseAddress(address).rect.rows * parseAddress(address).rect.cols !== 1)
      throw new FakeError('InvalidArgument', 'A note needs a single cell.');
    this.ctx.queue(bytesOf(content) + address.length, () => {
      const s = this.sheet();
      guardWrite(s);
      if (s.notes.has(key)) throw new FakeError('InvalidArgument', `The cell ${address} already has a note.`);
      // A cell holds a note or a threaded comment, not both (the docs name no error for the refusal).
      if (this.ctx.fake.comments.some((c) => c.sheetId === s.id && c.address === key))
        throw new FakeError('InvalidOperation', `The cell ${address} has a threaded comment: a cell holds a note or a comment.`);
      s.notes.set(key, content);
    });
    return new NoteProxy(this.ctx, this.sheet, address, false);
  }
  getItem(address: string): NoteProxy {
    this.need();
    return new NoteProxy(this.ctx, this.sheet, address, false);
  }
  getItemOrNullObject(address: string): NoteProxy {
    this.need();
    return new NoteProxy(this.ctx, this.sheet, address, true);
  }
}

class SheetTablesProxy extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {
    super(ctx);
  }
  protected override fill(): void {
    const s = this.sheet();
    this.data.items = this.ctx.fake.tables.filter((t) => t.sheetId === s.id).map((t) => ({ name: t.name }));
    this.loaded.add('items');
  }
  get items(): Array<{ name: string }> {
    return this.read('items');
  }
  getItem(name: string): TableItem {
    return tableItem(this.ctx, name);
  }
  add(address: string, hasHeaders: boolean): { name: string; style: string } {
    const table: FakeTable = { name: '', sheetId: '', rect: parseAddress(address).rect, style: '' };
    this.ctx.queue(address.length + 16, () => {
      const s = this.sheet();
      guardWrite(s);
      if (!hasHeaders) throw new FakeError('InvalidArgument', 'the fake expects header rows');
      if (s.merged.some((m) => intersects(m, table.rect)))
        throw new FakeError(
          'MergedRangeConflict',
          "Cannot complete the operation. A table can't overlap with another table, a PivotTable report, query results, merged cells, or an XML Map.",
        );
      const f = this.ctx.fake;
      table.sheetId = s.id;
      table.name = `Table${f.tables.length + 1}`;
      while (f.tables.some((t) => t.name === table.name)) table.name += '_';
      f.tables.push(table);
    });
    const ctx = this.ctx;
    return {
      get name() {
        return table.name;
      },
      set name(v: string) {
        ctx.queue(bytesOf(v), () => {
          if (ctx.fake.tables.some((t) => t !== table && t.name.toLowerCase() === v.toLowerCase()))
            throw new FakeError('InvalidArgument', `A table named ${v} already exists.`);
          table.name = v;
        });
      },
      get style() {
        return table.style;
      },
      set style(v: string) {
        ctx.queue(bytesOf(v), () => (table.style = v));
      },
    };
  }
}

class TableCollectionProxy extends Proxy {
  protected override fill(): void {
    this.data.items = this.ctx.fake.tables.map((t) => ({ name: t.name }));
    this.loaded.add('items');
  }
  get items(): Array<{ name: string }> {
    return this.read('items');
  }
  getItem(name: string): TableItem {
    return tableItem(this.ctx, name);
  }
}

interface TableItem {
  convertToRange(): void;
  delete(): void;
}

/**
 * A table by name. `convertToRange()` "converts the table into a normal range of cells. All data is
 * preserved" (ExcelApi 1.2); `delete()` "deletes the table": the fake takes its cells with it.
 */
function tableItem(ctx: FakeContext, name: string): TableItem {
  const remove = (withCells: boolean) =>
    ctx.queue(16, () => {
      const f = ctx.fake;
      const t = f.tables.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (t === undefined) throw new FakeError('ItemNotFound', `No table named ${name}`);
      const sheet = f.sheet(t.sheetId) as FakeSheet;
      guardWrite(sheet);
      f.tables.splice(f.tables.indexOf(t), 1);
      if (withCells)
        for (let r = 0; r < t.rect.rows; r++)
          for (let c = 0; c < t.rect.cols; c++) sheet.cells.delete(sheet.key(t.rect.r0 + r, t.rect.c0 + c));
    });
  return { convertToRange: () => remove(false), delete: () => remove(true) };
}

class CustomPropertiesProxy {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {}
  private need(): void {
    if (this.ctx.fake.apiVersion < 12) throw new FakeError('ApiNotFound', 'Worksheet custom properties need ExcelApi 1.12');
  }
  add(key: string, value: string): void {
    this.need();
    this.ctx.queue(bytesOf([key, value]), () => this.sheet().customProperties.set(key, value));
  }
  getItemOrNullObject(key: string): Proxy & { value: string } {
    this.need();
    const ctx = this.ctx;
    const sheet = this.sheet;
    class Prop extends Proxy {
      override load(props?: string | string[]): this {
        super.load(props);
        ctx.onSync(() => (this.nullObject = !sheet().customProperties.has(key)), 0);
        return this;
      }
      protected override fill(): void {
        this.data.value = sheet().customProperties.get(key);
      }
      get value(): string {
        return this.read('value');
      }
    }
    return new Prop(ctx);
  }
}

class CommentProxy extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly comment: () => FakeComment | null,
  ) {
    super(ctx);
  }
  protected override fill(props: string[]): void {
    const c = this.comment();
    if (!c) return;
    for (const p of props) if (p === 'content' || p === 'id') this.data[p] = c[p];
  }
  get content(): string {
    return this.read('content');
  }
  get id(): string {
    return this.read('id');
  }
  getLocation(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const c = this.comment();
      if (!c) return null;
      return { sheet: this.ctx.fake.sheet(c.sheetId) as FakeSheet, rect: parseAddress(c.address).rect };
    });
  }
  delete(): void {
    this.ctx.queue(16, () => {
      const c = this.comment();
      if (!c) return;
      guardWrite(this.ctx.fake.sheet(c.sheetId) as FakeSheet);
      const list = this.ctx.fake.comments;
      list.splice(list.indexOf(c), 1);
    });
  }
}

/**
 * The threaded comments of the workbook, or of one sheet (`Worksheet.comments`), ExcelApi 1.10. On a host
 * that reports 1.10 but has not implemented them (office-js #1847, #932; office-js-docs-pr #2006) every
 * request that touches them fails with NotImplemented.
 */
class CommentCollectionProxy extends Proxy {
  private snapshot: FakeComment[] = [];
  constructor(
    ctx: FakeContext,
    private readonly sheet: (() => FakeSheet) | null,
  ) {
    super(ctx);
  }
  private implemented(): void {
    this.ctx.queue(
      0,
      () => {
        if (this.ctx.fake.commentsNotImplemented) throw new FakeError('NotImplemented', 'This operation is not implemented.');
      },
      'other',
    );
  }
  private all(): FakeComment[] {
    const s = this.sheet?.();
    return this.ctx.fake.comments.filter((c) => s === undefined || c.sheetId === s.id);
  }
  override load(props?: string | string[]): this {
    this.implemented();
    return super.load(props);
  }
  protected override fill(): void {
    this.snapshot = this.all();
    this.data.items = true;
    this.loaded.add('items');
  }
  get items(): CommentProxy[] {
    this.read('items');
    return this.snapshot.map((c) => {
      const p = new CommentProxy(this.ctx, () => (this.ctx.fake.comments.includes(c) ? c : null));
      (p as unknown as { data: Record<string, unknown>; loaded: Set<string> }).data.content = c.content;
      (p as unknown as { loaded: Set<string> }).loaded.add('content');
      return p;
    });
  }
  getCount(): { value: number } {
    this.implemented();
    const result = {
      get value(): number {
        throw new FakeError('PropertyNotLoaded', 'ClientResult.value is not available before context.sync()');
      },
    };
    this.ctx.onSync(() => Object.defineProperty(result, 'value', { value: this.all().length }), 20);
    return result;
  }
  /** The comment at a position (as the collection is when the request runs). */
  getItemAt(index: number): CommentProxy {
    this.implemented();
    return new CommentProxy(this.ctx, () => {
      const c = this.all()[index];
      if (c === undefined) throw new FakeError('ItemNotFound', `No comment at index ${index}`);
      return c;
    });
  }
  /** "Gets the comment from the specified cell. If there is no comment in the cell, an error is thrown." */
  getItemByCell(cellAddress: string): CommentProxy {
    this.implemented();
    const { sheet, rect } = parseAddress(cellAddress);
    const address = rectAddress(rect);
    return new CommentProxy(this.ctx, () => {
      const s = sheet === null ? (this.sheet?.() ?? this.ctx.fake.active) : this.ctx.fake.sheet(sheet);
      const c = this.ctx.fake.comments.find((x) => s !== undefined && x.sheetId === s.id && x.address === address);
      if (c === undefined) throw new FakeError('ItemNotFound', `No comment at ${cellAddress}`);
      return c;
    });
  }
  add(cellAddress: string, content: string): CommentProxy {
    if (this.ctx.fake.apiVersion < 10) throw new FakeError('ApiNotFound', 'Comments need ExcelApi 1.10');
    this.implemented();
    let made: FakeComment | null = null;
    this.ctx.queue(bytesOf(content) + cellAddress.length, () => {
      const { sheet, rect } = parseAddress(cellAddress);
      const s = sheet === null ? (this.sheet?.() ?? this.ctx.fake.active) : this.ctx.fake.sheet(sheet);
      if (!s) throw new FakeError('ItemNotFound', `no sheet ${sheet}`);
      guardWrite(s);
      const address = rectAddress(rect);
      if (this.ctx.fake.comments.some((c) => c.sheetId === s.id && c.address === address))
        throw new FakeError('InvalidArgument', `The cell ${address} already has a comment.`);
      if (s.notes.has(address))
        throw new FakeError('InvalidOperation', `The cell ${address} has a note: a cell holds a note or a comment.`);
      made = { id: this.ctx.fake.newId('comment'), sheetId: s.id, address, content };
      this.ctx.fake.comments.push(made);
    });
    return new CommentProxy(this.ctx, () => made);
  }
}

/**
 * Custom XML parts (ExcelApi 1.5): `add(xml)` takes "a valid XML fragment"; `getByNamespace` takes "a fully
 * qualified schema URI"; `namespaceUri` "is only populated if the top-level custom XML element contains the
 * `xmlns` attribute". Changing them is not among the APIs the undo-capabilities page lists as without
 * undo: an undo puts them back with the rest.
 */
class CustomXmlPartCollectionProxy extends Proxy {
  private snapshot: FakeXmlPart[] = [];
  constructor(
    ctx: FakeContext,
    private readonly namespace: string | null = null,
  ) {
    super(ctx);
  }
  private all(): FakeXmlPart[] {
    return this.ctx.fake.xmlParts.filter((p) => this.namespace === null || namespaceOf(p.xml) === this.namespace);
  }
  protected override fill(): void {
    this.snapshot = this.all();
    this.data.items = true;
    this.loaded.add('items');
    this.ctx.responseBytes += this.snapshot.reduce((n, p) => n + p.id.length + namespaceOf(p.xml).length + 30, 0);
  }
  get items(): CustomXmlPartProxy[] {
    this.read('items');
    return this.snapshot.map((p) => {
      const proxy = new CustomXmlPartProxy(this.ctx, () => (this.ctx.fake.xmlParts.includes(p) ? p : null));
      proxy.setLoaded({ id: p.id, namespaceUri: namespaceOf(p.xml) });
      return proxy;
    });
  }
  add(xml: string): CustomXmlPartProxy {
    checkXml(xml);
    let made: FakeXmlPart | null = null;
    this.ctx.queue(bytesOf(xml), () => {
      made = { id: this.ctx.fake.newId('xml'), xml };
      this.ctx.fake.xmlParts.push(made);
    });
    return new CustomXmlPartProxy(this.ctx, () => made);
  }
  getByNamespace(namespaceUri: string): CustomXmlPartCollectionProxy {
    if (!isAbsoluteUri(namespaceUri)) throw new FakeError('InvalidArgument', `Not a fully qualified schema URI: ${namespaceUri}`);
    return new CustomXmlPartCollectionProxy(this.ctx, namespaceUri);
  }
  getItem(id: string): CustomXmlPartProxy {
    return new CustomXmlPartProxy(this.ctx, () => {
      const p = this.all().find((x) => x.id === id);
      if (p === undefined) throw new FakeError('ItemNotFound', `No custom XML part ${id}`);
      return p;
    });
  }
  getItemOrNullObject(id: string): CustomXmlPartProxy {
    return new CustomXmlPartProxy(this.ctx, () => this.all().find((x) => x.id === id) ?? null, true);
  }
}

class CustomXmlPartProxy extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly part: () => FakeXmlPart | null,
    private readonly orNull = false,
  ) {
    super(ctx);
  }
  setLoaded(d: Record<string, unknown>): void {
    Object.assign(this.data, d);
    for (const k of Object.keys(d)) this.loaded.add(k);
    this.nullObject = false;
  }
  private must(): FakeXmlPart {
    const p = this.part();
    if (p === null) throw new FakeError('ItemNotFound', "The requested resource doesn't exist.");
    return p;
  }
  override load(props?: string | string[]): this {
    super.load(props);
    if (this.orNull) this.ctx.onSync(() => (this.nullObject = this.part() === null), 0);
    return this;
  }
  protected override fill(props: string[]): void {
    const p = this.part();
    if (p === null) return;
    for (const k of props) {
      if (k === 'id') this.data.id = p.id;
      else if (k === 'namespaceUri') this.data.namespaceUri = namespaceOf(p.xml);
    }
  }
  get id(): string {
    return this.read('id');
  }
  get namespaceUri(): string {
    return this.read('namespaceUri');
  }
  getXml(): { value: string } {
    const result = {
      get value(): string {
        throw new FakeError('PropertyNotLoaded', 'ClientResult.value is not available before context.sync()');
      },
    };
    this.ctx.onSync(() => {
      const xml = this.must().xml;
      Object.defineProperty(result, 'value', { value: xml });
      this.ctx.responseBytes += bytesOf(xml);
    }, 40);
    return result;
  }
  setXml(xml: string): void {
    checkXml(xml);
    this.ctx.queue(bytesOf(xml), () => {
      this.must().xml = xml;
    });
  }
  delete(): void {
    this.ctx.queue(16, () => {
      const p = this.must();
      const list = this.ctx.fake.xmlParts;
      list.splice(list.indexOf(p), 1);
    });
  }
}

/** The namespace of a part's top-level element (its `xmlns`), or '' without one. */
export function namespaceOf(xml: string): string {
  const m = /^\s*(?:<\?xml[^>]*\?>\s*)?<[A-Za-z_][\w.-]*\s[^>]*?xmlns\s*=\s*(["'])(.*?)\1/.exec(xml);
  return m === null ? '' : (m[2] as string);
}

function isAbsoluteUri(s: string): boolean {
  try {
    return new URL(s).protocol.length > 1;
  } catch {
    return false;
  }
}

/** A well-formed XML fragment, as far as the add-in's parts go: one element, its text escaped, control characters refused. */
function checkXml(xml: string): void {
  const m = /^\s*(?:<\?xml[^>]*\?>\s*)?<([A-Za-z_][\w.-]*)(\s[^<>]*)?>([^<]*)<\/\1>\s*$/s.exec(xml);
  const bad = () => new FakeError('InvalidArgument', 'The XML is not a valid XML fragment.');
  if (m === null) throw bad();
  const text = m[3] as string;
  if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text)) throw bad();
  // eslint-disable-next-line no-control-regex -- XML 1.0 allows no control characters but tab, LF and CR.
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(xml)) throw bad();
}
