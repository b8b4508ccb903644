/**
 * read.ts — input files to a grid: .tsv/.txt (tab-separated, as text pasted into Excel
 * splits, with Excel's quoted fields), .csv (the same quoting), .xlsx (exceljs; first sheet or a named
 * one, each number as its format shows it, with its hidden rows and columns).
 * The type is judged by the bytes first (sniff.ts): an .xls or an image is told what it is in one line
 * (a PDF is read by pdf.ts, not here); a workbook or text under another name is read as what it is.
 * Text files may be UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK, as
 * Chinese Excel saves them.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import {
  CELL_CHARS,
  amountRounded,
  cellCut,
  columnLetter,
  columnsCut,
  encodingRepaired,
  parseAmount,
  type Cell,
  type InputFinding,
} from '../core';
import { splitDelimited } from './delimited';
import { sniff } from './sniff';
import { shownDate, shownNumber, withZhCnFormats } from './xlsx-cells';
import { zipParts } from './zip-sizes';

export class InputError extends Error {}

/** How much of a file may be broken UTF-8 and still be read as UTF-8 (its bad bytes replaced, and said). */
export const MAX_REPAIRED_SHARE = 0.001;

export interface Decoded {
  text: string;
  /** Bytes of broken UTF-8 replaced by U+FFFD. */
  repaired: number;
}

/**
 * Decode bytes, deciding on the whole text: BOMs first; UTF-8 when it is valid, or when at most 0.1 % of
 * its bytes are not (those are replaced, and said); else GB18030 when it decodes cleanly; else the file
 * is refused.
 */
export function decodeText(buf: Uint8Array): Decoded {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(buf.subarray(3)), repaired: 0 };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), repaired: 0 };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), repaired: 0 };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), repaired: 0 };
  } catch {
    const lossy = new TextDecoder('utf-8').decode(buf);
    // U+FFFD the file itself holds (EF BF BD) is not a repair.
    let own = 0;
    for (let i = 0; i + 2 < buf.length; i++) if (buf[i] === 0xef && buf[i + 1] === 0xbf && buf[i + 2] === 0xbd) own++;
    let replaced = -own;
    for (let i = 0; i < lossy.length; i++) if (lossy.charCodeAt(i) === 0xfffd) replaced++;
    if (replaced <= buf.length * MAX_REPAIRED_SHARE) return { text: lossy, repaired: replaced };
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(buf), repaired: 0 };
    } catch {
      throw new InputError(
        'the file is neither UTF-8 nor GB18030 text: save it from Excel or WPS as UTF-8 (CSV UTF-8 or Unicode text) and try again',
      );
    }
  }
}

/**
 * Tab-separated text: one row per line, one cell per tab, as a paste splits it; a field that starts with
 * `"` and closes as Excel closes one may hold tabs, line breaks and `""` (see delimited.ts).
 */
export function parseTsv(text: string): Cell[][] {
  return splitDelimited(text, '\t');
}

/** Comma-separated values with Excel's quotes (embedded commas, quotes and newlines). */
export function parseCsv(text: string): Cell[][] {
  return splitDelimited(text, ',');
}

/**
 * The value of an exceljs cell as a grid cell, as its number format shows it: a number is itself or
 * the number with its shown text, a date its serial with its text, rich text is joined.
 */
export function excelCellValue(v: unknown, format = '', date1904 = false): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return shownNumber(v, format);
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return shownDate(v, format, date1904);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as Array<{ text?: string }>).map((t) => t.text ?? '').join('');
    if ('result' in o && o.result !== undefined) return excelCellValue(o.result, format, date1904);
    if ('error' in o) return String(o.error);
    if ('text' in o) return String(o.text);
    // A formula with no value stored (a file written by a program that does not calculate): its text,
    // which the core reads as a formula to be calculated first, never as 0.
    if ('formula' in o) return `=${String(o.formula)}`;
    if ('sharedFormula' in o) return `=${String(o.sharedFormula)}`;
  }
  return String(v);
}

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${(e as Error).message}`);
  }
}

/** Limits of an .xlsx input: what it may unpack to, and how many cells it may hold (Excel's own read cap). */
export const XLSX_LIMITS = { maxUnpackedBytes: 1_000_000_000, maxPartBytes: 256_000_000, maxCells: 5_000_000 };
export type XlsxLimits = typeof XLSX_LIMITS;

/** Refuse a workbook that would unpack to more than the limits, before anything is unpacked. */
function checkUnpackedSize(path: string, bytes: Buffer, limits: XlsxLimits): void {
  const parts = zipParts(bytes);
  if (parts === null) throw new InputError(`cannot read ${path} as .xlsx: it is not a zip file`);
  const total = parts.reduce((n, p) => n + p.size, 0);
  const mb = (n: number) => (Number.isFinite(n) ? `${Math.round(n / 1e6).toLocaleString('en-US')} MB` : 'more than 4 GB');
  if (total > limits.maxUnpackedBytes)
    throw new InputError(
      `${path} unpacks to ${mb(total)}, more than the ${mb(limits.maxUnpackedBytes)} a workbook may (--max-unpacked-mb); it is refused`,
    );
  const big = parts.find((p) => p.size > limits.maxPartBytes);
  if (big !== undefined)
    throw new InputError(
      `${path}: its part ${big.name} unpacks to ${mb(big.size)}, more than the ${mb(limits.maxPartBytes)} a sheet may (--max-part-mb); it is refused`,
    );
}

/**
 * The cells of a worksheet that are present, whatever its declared dimension: the grid is their bounding
 * box, and `origin` says where it stands on the sheet (0-based).
 */
async function readXlsx(
  path: string,
  bytes: Buffer,
  sheet: string | undefined,
  notes: InputNote[],
  limits: XlsxLimits,
): Promise<{ grid: Cell[][]; origin: { row: number; col: number }; hiddenRows: number[]; hiddenCols: number[] }> {
  // The file is read once: its zip directory is checked, then the same bytes are unpacked.
  checkUnpackedSize(path, bytes, limits);
  const ExcelJS = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs types `Buffer` without its type parameter; the bytes are a plain Node Buffer.
    await withZhCnFormats(() => wb.xlsx.load(bytes as unknown as Parameters<typeof wb.xlsx.load>[0]));
  } catch (e) {
    throw new InputError(`cannot read ${path} as .xlsx: ${(e as Error).message}`);
  }
  const ws = sheet === undefined ? wb.worksheets[0] : wb.getWorksheet(sheet);
  if (!ws) {
    const names = wb.worksheets.map((w) => w.name).join(', ');
    throw new InputError(sheet === undefined ? `${path} has no worksheet` : `no sheet named "${sheet}" in ${path} (sheets: ${names})`);
  }
  const date1904 = (wb.properties as { date1904?: boolean } | undefined)?.date1904 === true;
  // The present cells only (exceljs keeps rows and cells that the file holds).
  const present: Array<{ r: number; c: number; v: Cell }> = [];
  const hiddenSheetRows: number[] = [];
  let r0 = Infinity;
  let c0 = Infinity;
  let r1 = 0;
  let c1 = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    let held = false;
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      // A cell covered by a merge is empty, as Excel shows it (exceljs repeats the merged value).
      if (cell.isMerged && cell.master.address !== cell.address) return;
      const format = (cell.numFmt as string | undefined) ?? '';
      const raw = cell.value;
      const isFormula = typeof raw === 'object' && raw !== null && ('formula' in raw || 'sharedFormula' in raw);
      const result = isFormula ? (raw as { result?: unknown }).result : undefined;
      let v: Cell;
      if (typeof result === 'number') {
        // "More than 4 decimals" as the core judges it (float noise such as 13586.01 is not).
        const parsed = parseAmount(result);
        if (parsed.kind === 'unparsable' && parsed.reason === 'precision') {
          // A formula's value with more than 4 decimals (=100/3): rounded to 4, and said; shown as its format shows the value.
          const rounded = Math.round(result * 1e4) / 1e4;
          notes.push({ code: 'amount-rounded', row: r, col: c - 1, message: amountRounded(String(result), String(rounded)) });
          v = shownNumber(rounded, format, result);
        } else v = shownNumber(result, format);
      } else v = excelCellValue(raw, format, date1904);
      if (v === null || v === '') return;
      if (present.length >= limits.maxCells)
        throw new InputError(
          `${path} holds more than ${limits.maxCells.toLocaleString('en-US')} cells (--max-cells; Excel's own read cap is 5,000,000); it is refused`,
        );
      present.push({ r, c, v });
      held = true;
      r0 = Math.min(r0, r);
      c0 = Math.min(c0, c);
      r1 = Math.max(r1, r);
      c1 = Math.max(c1, c);
    });
    if (held && row.hidden) hiddenSheetRows.push(r);
  });
  if (present.length === 0) return { grid: [], origin: { row: 0, col: 0 }, hiddenRows: [], hiddenCols: [] };
  // Rows and columns are counted from A1, as the sheet counts them, unless the empty rows and columns
  // before the table would make the grid too large (one cell at XFD1048576): then the grid starts at
  // the first present cell, and `origin` says where.
  if (r1 * c1 <= limits.maxCells) {
    r0 = 1;
    c0 = 1;
  } else if ((r1 - r0 + 1) * (c1 - c0 + 1) > limits.maxCells) {
    // A table and a stray cell far away: which cells are the table is not guessed.
    const far = `${columnLetter(c1 - 1)}${r1}`;
    throw new InputError(
      `${path}: its cells are spread over ${columnLetter(c0 - 1)}${r0}:${far}, more than ${limits.maxCells.toLocaleString('en-US')} cells (--max-cells); delete the stray cells (the last is near ${far}) or copy the table to a new sheet`,
    );
  }
  const grid: Cell[][] = Array.from({ length: r1 - r0 + 1 }, () => new Array<Cell>(c1 - c0 + 1).fill(null));
  for (const { r, c, v } of present) (grid[r - r0] as Cell[])[c - c0] = v;
  // Notes were made in sheet coordinates; the grid starts at (r0, c0).
  for (const n of notes) {
    n.row -= r0 - 1;
    n.col -= c0 - 1;
  }
  // Hidden rows and columns, counted from the grid's first row and column (0-based), as the core takes them.
  const hiddenRows = hiddenSheetRows.map((r) => r - r0);
  const hiddenCols: number[] = [];
  (ws.columns ?? []).forEach((col, k) => {
    const c = k + 1;
    if (c >= c0 && c <= c1 && col.hidden === true) hiddenCols.push(c - c0);
  });
  return { grid, origin: { row: r0 - 1, col: c0 - 1 }, hiddenRows, hiddenCols };
}

/** What reading noticed about a cell (bytes repaired, a formula's value rounded, a limit kept), said as the model says it. */
export type InputNote = InputFinding;

export interface ReadInput {
  grid: Cell[][];
  notes: InputNote[];
  /** Bytes of broken UTF-8 replaced (text input). */
  repairedBytes?: number;
  /** Where the grid stands on its sheet (0-based): an .xlsx's present cells may start anywhere. */
  origin?: { row: number; col: number };
  /** Hidden rows and columns of an .xlsx that hold cells, 0-based in the grid (as `SheetCells` takes them). */
  hiddenRows?: number[];
  hiddenCols?: number[];
  /** How the file was read when its name says otherwise (a workbook named .txt): one line each, for stderr. */
  remarks?: string[];
}

/** Excel's sheet: 16,384 columns, 32,767 characters in a cell. */
export const EXCEL_LIMITS = { columns: 16_384, cellChars: CELL_CHARS };

/**
 * Excel's limits kept: cells after column XFD are dropped (said once per row, at its XFD cell), and a
 * cell longer than 32,767 characters is said at its cell (it is read whole; writers cut their copy).
 */
function keepExcelLimits(grid: Cell[][], notes: InputNote[]): void {
  grid.forEach((row, r) => {
    if (row.length > EXCEL_LIMITS.columns) {
      const beyond = row.slice(EXCEL_LIMITS.columns);
      const filled = beyond.flatMap((v, k) => (v !== null && v !== undefined && String(v) !== '' ? [EXCEL_LIMITS.columns + k] : []));
      const first = filled[0];
      if (first !== undefined) {
        notes.push({
          code: 'columns-cut',
          row: r + 1,
          col: EXCEL_LIMITS.columns - 1,
          message: columnsCut(filled.length, `${columnLetter(first)}${r + 1}`),
        });
      }
      row.length = EXCEL_LIMITS.columns;
    }
    row.forEach((v, c) => {
      if (typeof v === 'string' && v.length > EXCEL_LIMITS.cellChars)
        notes.push({ code: 'cell-cut', row: r + 1, col: c, message: cellCut(v.length) });
    });
  });
}

/** Extensions of workbooks: a file so named whose bytes are text is read as text, and said. */
const WORKBOOK_EXTS = new Set(['.xlsx', '.xlsm', '.xls', '.xlt', '.xltx', '.xltm', '.et', '.ett']);

export async function readInput(path: string, sheet?: string, limits: Partial<XlsxLimits> = {}): Promise<ReadInput> {
  const ext = extname(path).toLowerCase();
  const bytes = await readBytes(path);
  // What the file is, by its bytes: a PDF or an .xls is told so, whatever its name.
  const kind = sniff(bytes, ext);
  if (kind.kind === 'refused') throw new InputError(`${path} is ${kind.what}`);
  // A PDF holds tables, not one grid: the CLI reads it with the PDF reader (pdf.ts, batch.ts).
  if (kind.kind === 'pdf')
    throw new InputError(`${path} is a PDF: its tables are read by the PDF reader (budget-normalize ${path}), not as one grid`);
  const remarks: string[] = [];
  if (kind.kind === 'workbook') {
    if (ext !== '.xlsx' && ext !== '.xlsm')
      remarks.push(`${path} is an .xlsx workbook${ext === '' ? '' : `, not a ${ext} file`}; it was read as a workbook`);
    const notes: InputNote[] = [];
    const read = await readXlsx(path, bytes, sheet, notes, { ...XLSX_LIMITS, ...limits });
    keepExcelLimits(read.grid, notes);
    return { ...read, notes, ...(remarks.length > 0 ? { remarks } : {}) };
  }
  if (sheet !== undefined) throw new InputError('--sheet applies to .xlsx input only');
  const asWorkbook = WORKBOOK_EXTS.has(ext);
  if (!asWorkbook && ext !== '.csv' && ext !== '.tsv' && ext !== '.txt' && ext !== '.tab')
    throw new InputError(`unsupported input type "${ext || '(none)'}": use .tsv, .txt, .tab, .csv, .xlsx or .xlsm`);
  let decoded: Decoded;
  try {
    decoded = decodeText(bytes);
  } catch (e) {
    if (asWorkbook) throw new InputError(`cannot read ${path} as ${ext}: it is neither a workbook (a zip file) nor text`);
    throw e;
  }
  const { text, repaired } = decoded;
  let grid: Cell[][];
  if (ext === '.csv') grid = parseCsv(text);
  else if (!asWorkbook) grid = parseTsv(text);
  else if (text.includes('\t')) {
    // Tab-separated text under a workbook's name (some systems export so): read as text, and said.
    grid = parseTsv(text);
    remarks.push(`${path} is tab-separated text, not a workbook; it was read as text`);
  } else if (text.includes(',')) {
    grid = parseCsv(text);
    remarks.push(`${path} is comma-separated text, not a workbook; it was read as CSV`);
  } else
    throw new InputError(
      `cannot read ${path} as ${ext}: it is plain text, not a workbook (save it from Excel as .xlsx, or name it .txt if it is a table)`,
    );
  const notes: InputNote[] = [];
  if (repaired > 0) {
    // Said once, at the first cell that holds a replaced byte.
    outer: for (let r = 0; r < grid.length; r++) {
      const row = grid[r] as Cell[];
      for (let c = 0; c < row.length; c++) {
        if (typeof row[c] === 'string' && (row[c] as string).includes('\uFFFD')) {
          notes.push({ code: 'encoding-repaired', row: r + 1, col: c, message: encodingRepaired(repaired) });
          break outer;
        }
      }
    }
  }
  keepExcelLimits(grid, notes);
  return { grid, notes, repairedBytes: repaired, ...(remarks.length > 0 ? { remarks } : {}) };
}
