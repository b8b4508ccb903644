/**
 * read.ts — input files to a grid: .tsv/.txt (tab-separated, as text pasted into Excel
 * splits), .csv (RFC 4180 quoting), .xlsx (exceljs; first sheet or a named one).
 * Text files may be UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK, as
 * Chinese Excel saves them.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Cell } from '../core/input/grid';

export class InputError extends Error {}

/** Decode bytes: BOMs first, then strict UTF-8, then GB18030. */
export function decodeText(buf: Uint8Array): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return new TextDecoder('utf-8').decode(buf.subarray(3));
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

function lines(text: string): string[] {
  const out = text.split(/\r\n|\n|\r/);
  if (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** Tab-separated text: one row per line, one cell per tab. No quoting, as in a paste. */
export function parseTsv(text: string): Cell[][] {
  return lines(text).map((l) => l.split('\t'));
}

/** Comma-separated values with RFC 4180 quotes (embedded commas, quotes and newlines). */
export function parseCsv(text: string): Cell[][] {
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let atFieldStart = true;
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
      i++;
      continue;
    }
    if (ch === ',') {
      row.push(field);
      field = '';
      atFieldStart = true;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      atFieldStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += ch;
    atFieldStart = false;
    i++;
  }
  if (quoted) throw new InputError('CSV has an unterminated quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The value of an exceljs cell as a grid cell: numbers stay numbers, rich text is joined. */
export function excelCellValue(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as Array<{ text?: string }>).map((t) => t.text ?? '').join('');
    if ('result' in o) return excelCellValue(o.result);
    if ('error' in o) return String(o.error);
    if ('text' in o) return String(o.text);
    if ('sharedFormula' in o || 'formula' in o) return null;
  }
  return String(v);
}

async function readXlsx(path: string, sheet: string | undefined): Promise<Cell[][]> {
  const ExcelJS = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (e) {
    throw new InputError(`cannot read ${path} as .xlsx: ${(e as Error).message}`);
  }
  const ws = sheet === undefined ? wb.worksheets[0] : wb.getWorksheet(sheet);
  if (!ws) {
    const names = wb.worksheets.map((w) => w.name).join(', ');
    throw new InputError(sheet === undefined ? `${path} has no worksheet` : `no sheet named "${sheet}" in ${path} (sheets: ${names})`);
  }
  const grid: Cell[][] = [];
  const rowCount = ws.rowCount;
  const colCount = ws.columnCount;
  for (let r = 1; r <= rowCount; r++) {
    const row = ws.getRow(r);
    const cells: Cell[] = new Array(colCount).fill(null);
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      cells[c - 1] = excelCellValue(cell.value);
    });
    grid.push(cells);
  }
  return grid;
}

export async function readGrid(path: string, sheet?: string): Promise<Cell[][]> {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return readXlsx(path, sheet);
  if (sheet !== undefined) throw new InputError('--sheet applies to .xlsx input only');
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${(e as Error).message}`);
  }
  const text = decodeText(buf);
  if (ext === '.csv') return parseCsv(text);
  if (ext === '.tsv' || ext === '.txt' || ext === '.tab') return parseTsv(text);
  throw new InputError(`unsupported input type "${ext || '(none)'}": use .tsv, .txt, .csv or .xlsx`);
}
