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
  readonly columnWidths = new Map<number, number>();
  /** Hidden rows and columns, 0-based. */
  readonly hiddenRows = new Set<number>();
  readonly hiddenCols = new Set<number>();
  constructor(
    readonly id: string,
    public name: string,
  ) {}

  key(r: number, c: number): string {
    return `${r},${c}`;
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

export interface RequestLog {
  bytes: number;
  ops: number;
  /** The largest single operation in the request, in bytes. */
  largestOp: number;
}

/** The whole fake: workbook state plus the host (run, isSetSupported). */
export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  readonly comments: FakeComment[] = [];
  activeSheetId: string;
  selection: { sheetId: string; rect: Rect; more?: Rect[] };
  /** The platform, for what it refuses in an undo group. */
  platform: 'web' | 'windows' | 'mac' = 'windows';
  /** The user is editing a cell: requests fail unless the run waits for the edit to end. */
  cellEditMode = false;
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

  /** Select one range, or several (`A1:B2,D4`) as a Ctrl-click selection does. */
  select(address: string, sheet: FakeSheet = this.active): void {
    this.activeSheetId = sheet.id;
    const [first, ...more] = address.split(',').map((a) => parseAddress(a).rect);
    this.selection = { sheetId: sheet.id, rect: first as Rect, ...(more.length > 0 ? { more } : {}) };
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

  /** Every cell's value, formula, format and fill, and every note: for "exactly as before" checks. */
  snapshot(sheet: FakeSheet = this.active): unknown {
    return {
      cells: [...sheet.cells.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, d]) => [k, { ...d }]),
      notes: [...sheet.notes.entries()].sort(),
      comments: this.comments.filter((c) => c.sheetId === sheet.id).map((c) => [c.address, c.content]),
    };
  }

  largestRequest(): number {
    return this.requests.reduce((m, r) => Math.max(m, r.bytes), 0);
  }
}

type Op = { bytes: number; run: () => void };
type Loader = () => void;

/** A request context: queued operations and loads, executed at sync. */
export class FakeContext {
  private ops: Op[] = [];
  private loaders: Loader[] = [];
  /** Bytes of what this request's loads return. */
  responseBytes = 0;
  readonly workbook: WorkbookProxy;
  readonly trackedObjects = { add: (_o: unknown) => undefined, remove: (_o: unknown) => undefined };
  constructor(
    readonly fake: FakeExcel,
    /** The run merges its requests into one undo step. */
    readonly undoGroup = false,
  ) {
    this.workbook = new WorkbookProxy(this);
  }
  /** An operation Excel cannot undo, refused inside an undo group (on the platforms the docs list). */
  refuseInUndoGroup(api: string, platforms: ReadonlyArray<FakeExcel['platform']> = ['web', 'windows', 'mac']): void {
    if (this.undoGroup && platforms.includes(this.fake.platform)) {
      this.queue(0, () => {
        throw new FakeError('UndoNotSupported', `${api} does not support undo, so it cannot be part of an undo group.`);
      });
    }
  }
  queue(bytes: number, run: () => void): void {
    this.ops.push({ bytes: bytes + 40, run });
  }
  onSync(load: Loader, bytes = 40): void {
    this.loaders.push(load);
    this.ops.push({ bytes, run: () => undefined });
  }
  async sync(): Promise<void> {
    const ops = this.ops;
    const loaders = this.loaders;
    this.ops = [];
    this.loaders = [];
    const bytes = ops.reduce((n, o) => n + o.bytes, 0);
    this.fake.syncs++;
    this.fake.requests.push({ bytes, ops: ops.length, largestOp: ops.reduce((m, o) => Math.max(m, o.bytes), 0) });
    if (bytes > MAX_REQUEST_BYTES)
      throw new FakeError('RequestPayloadSizeLimitExceeded', `The request payload size (${bytes} bytes) has exceeded the limit.`);
    if (this.fake.cellEditMode) throw new FakeError('InvalidOperationInCellEditMode', 'Excel is in cell-editing mode.');
    for (const o of ops) o.run();
    this.responseBytes = 0;
    for (const l of loaders) l();
    this.fake.responses.push(this.responseBytes);
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
  private readonly commentsProxy: CommentCollectionProxy;
  constructor(private readonly ctx: FakeContext) {
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.tables = new TableCollectionProxy(ctx);
    this.commentsProxy = new CommentCollectionProxy(ctx);
  }
  /** Comments are ExcelApi 1.10. */
  get comments(): CommentCollectionProxy {
    if (this.ctx.fake.apiVersion < 10) throw new FakeError('ApiNotFound', 'Comments need ExcelApi 1.10');
    return this.commentsProxy;
  }
  getSelectedRange(): RangeProxy {
    const f = this.ctx.fake;
    if (f.selection.more !== undefined) {
      this.ctx.queue(0, () => {
        throw new FakeError('InvalidSelection', 'The current selection is invalid for this operation (more than one range is selected).');
      });
    }
    return new RangeProxy(this.ctx, () => ({ sheet: f.sheet(f.selection.sheetId) as FakeSheet, rect: f.selection.rect }));
  }
  getSelectedRanges(): RangeAreasProxy {
    const f = this.ctx.fake;
    return new RangeAreasProxy(
      this.ctx,
      () => ({ sheet: f.sheet(f.selection.sheetId) as FakeSheet, rects: [f.selection.rect, ...(f.selection.more ?? [])] }),
      0,
    );
  }
}

class WorksheetCollectionProxy extends Proxy {
  get items(): WorksheetProxy[] {
    const items = this.read<FakeSheet[]>('items');
    return items.map((s) => {
      const w = new WorksheetProxy(this.ctx, () => s);
      w.setLoaded({ id: s.id, name: s.name, visibility: s.visibility });
      return w;
    });
  }
  protected override fill(props: string[]): void {
    if (props.some((p) => p.startsWith('items'))) {
      this.data.items = [...this.ctx.fake.sheets];
      this.loaded.add('items');
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
    this.freezePanes = {
      freezeRows: (n: number) =>
        ctx.queue(8, () => {
          this.must().frozenRows = n;
        }),
    };
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
    for (const p of props) this.data[p] = (s as unknown as Record<string, unknown>)[p];
  }
  get id(): string {
    return this.read('id');
  }
  get name(): string {
    return this.read('name');
  }
  get visibility(): string {
    return this.read('visibility');
  }
  set visibility(v: string) {
    this.ctx.refuseInUndoGroup('Worksheet.visibility', ['windows', 'mac']);
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
    this.ctx.refuseInUndoGroup('Worksheet.delete');
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
    this.ctx.queue(8, () => {
      this.ctx.fake.activeSheetId = this.must().id;
    });
  }
}

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
  constructor(
    private readonly ctx: FakeContext,
    private readonly targets: () => Array<{ sheet: FakeSheet; rect: Rect }>,
  ) {
    this.fill = new FillProxy(ctx, targets);
  }
  set wrapText(v: boolean) {
    this.ctx.queue(12, () => {
      for (const t of this.targets()) for (let c = 0; c < t.rect.cols; c++) if (v) t.sheet.wrapColumns.add(t.rect.c0 + c);
    });
  }
  set columnWidth(w: number) {
    this.ctx.queue(12, () => {
      for (const t of this.targets()) for (let c = 0; c < t.rect.cols; c++) t.sheet.columnWidths.set(t.rect.c0 + c, w);
    });
  }
  autofitColumns(): void {
    this.ctx.queue(8, () => undefined);
  }
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
  getMergedAreasOrNullObject(): RangeAreasProxy {
    return new RangeAreasProxy(
      this.ctx,
      () => {
        const { sheet, rect } = this.must();
        const hit = sheet.merged.filter(
          (m) => m.r0 < rect.r0 + rect.rows && m.r0 + m.rows > rect.r0 && m.c0 < rect.c0 + rect.cols && m.c0 + m.cols > rect.c0,
        );
        return hit.length === 0 ? null : { sheet, rects: hit };
      },
      0,
    );
  }
  getCellProperties(_spec: unknown): { value: Array<Array<{ format: { fill: { color: string } } }>> } {
    const result: { value: Array<Array<{ format: { fill: { color: string } } }>> } = {
      get value(): never {
        throw new FakeError('PropertyNotLoaded', 'ClientResult.value is not available before context.sync()');
      },
    } as never;
    this.ctx.onSync(() => {
      const { sheet, rect } = this.must();
      const v = Array.from({ length: rect.rows }, (_, r) =>
        Array.from({ length: rect.cols }, (_, c) => ({
          format: { fill: { color: sheet.get(rect.r0 + r, rect.c0 + c)?.fill ?? '#FFFFFF' } },
        })),
      );
      Object.defineProperty(result, 'value', { value: v });
      this.ctx.responseBytes += bytesOf(v);
    }, 60);
    return result;
  }
  select(): void {
    this.ctx.queue(8, () => {
      const { sheet, rect } = this.must();
      this.ctx.fake.activeSheetId = sheet.id;
      this.ctx.fake.selection = { sheetId: sheet.id, rect };
    });
  }
  clear(): void {
    this.ctx.queue(8, () => {
      const { sheet, rect } = this.must();
      guardWrite(sheet);
      for (const k of [...sheet.cells.keys()]) {
        const [r, c] = k.split(',').map(Number) as [number, number];
        if (r >= rect.r0 && r < rect.r0 + rect.rows && c >= rect.c0 && c < rect.c0 + rect.cols) sheet.cells.delete(k);
      }
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

class SheetTablesProxy {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {}
  add(address: string, hasHeaders: boolean): { name: string; style: string } {
    const table: FakeTable = { name: '', sheetId: '', rect: parseAddress(address).rect, style: '' };
    this.ctx.queue(address.length + 16, () => {
      const s = this.sheet();
      guardWrite(s);
      if (!hasHeaders) throw new FakeError('InvalidArgument', 'the fake expects header rows');
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
      const list = this.ctx.fake.comments;
      list.splice(list.indexOf(c), 1);
    });
  }
}

class CommentCollectionProxy extends Proxy {
  private snapshot: FakeComment[] = [];
  protected override fill(): void {
    this.snapshot = [...this.ctx.fake.comments];
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
  getItemByCell(cellAddress: string): CommentProxy {
    const { sheet, rect } = parseAddress(cellAddress);
    const address = rectAddress(rect);
    return new CommentProxy(this.ctx, () => {
      const s = sheet === null ? this.ctx.fake.active : this.ctx.fake.sheet(sheet);
      const c = this.ctx.fake.comments.find((x) => s !== undefined && x.sheetId === s.id && x.address === address);
      if (c === undefined) throw new FakeError('ItemNotFound', `No comment at ${cellAddress}`);
      return c;
    });
  }
  add(cellAddress: string, content: string): CommentProxy {
    if (this.ctx.fake.apiVersion < 10) throw new FakeError('ApiNotFound', 'Comments need ExcelApi 1.10');
    let made: FakeComment | null = null;
    this.ctx.queue(bytesOf(content) + cellAddress.length, () => {
      const { sheet, rect } = parseAddress(cellAddress);
      const s = sheet === null ? this.ctx.fake.active : this.ctx.fake.sheet(sheet);
      if (!s) throw new FakeError('ItemNotFound', `no sheet ${sheet}`);
      guardWrite(s);
      const address = rectAddress(rect);
      if (this.ctx.fake.comments.some((c) => c.sheetId === s.id && c.address === address))
        throw new FakeError('InvalidArgument', `The cell ${address} already has a comment.`);
      made = { id: this.ctx.fake.newId('comment'), sheetId: s.id, address, content };
      this.ctx.fake.comments.push(made);
    });
    return new CommentProxy(this.ctx, () => made);
  }
}
