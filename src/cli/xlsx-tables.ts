/**
 * xlsx-tables.ts — Excel tables for exceljs's streaming workbook writer.
 *
 * Owns: the one thing exceljs 4.4's `stream.xlsx.WorkbookWriter` does not write, a table part
 * (`xl/tables/tableN.xml`, its relationship from the sheet, the sheet's `<tableParts>` and its
 * content type). Everything else (cells, styles, notes, conditional formats, frozen panes) goes
 * through exceljs's own API. The hooks are exceljs's sheet-rels writer (`addRelationship`), its zip
 * and its last worksheet element; `test/xlsx-stream.test.ts` reads every table back, so an exceljs
 * that changes them fails there, not in a user's Excel.
 */
import ExcelJS from 'exceljs';

const TABLE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table';

export interface TableSpec {
  name: string;
  /** A1 range of the header and the data, e.g. `A1:Q101`. */
  ref: string;
  /** The header cells, which Excel requires to be the columns' names, unique. */
  columns: readonly string[];
  style: string;
}

const xml = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string).replace(/[\n\r\t]/g, ' ');

/** The table part's XML (ECMA-376 §18.5), with the filter buttons and banded rows of a table made in Excel. */
export function tableXml(id: number, t: TableSpec): string {
  const cols = t.columns.map((c, k) => `<tableColumn id="${k + 1}" name="${xml(c)}"/>`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${id}" name="${xml(t.name)}" displayName="${xml(t.name)}" ref="${t.ref}" totalsRowShown="0">` +
    `<autoFilter ref="${t.ref}"/><tableColumns count="${t.columns.length}">${cols}</tableColumns>` +
    `<tableStyleInfo name="${xml(t.style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

/** exceljs's streaming internals this module relies on (exceljs 4.4). */
interface WriterInternals {
  zip: { append(data: string, opts: { name: string }): void };
  _worksheets: unknown[];
  sharedStrings: unknown;
  commentRefs: unknown[];
  media: unknown[];
}
interface SheetInternals {
  /** The sheet's XML not yet taken by the zip: exceljs's StreamBuf, in blocks of 64 KB. */
  stream: { write(s: string): void; buffers?: unknown[]; pipes?: NodeJS.WritableStream[] };
  _sheetRelsWriter: { addRelationship(rel: { Target: string; Type: string }): string };
  _writeCloseWorksheet(): void;
  _rowZero: number;
  _rows: unknown[] | null;
}

/**
 * Starts a sheet's rows at `rowNumber` (1-based). exceljs keeps the rows not yet written in an array
 * from its first uncommitted row; a first row at 400,001 makes that array 400,001 long, and committing
 * it shifts the array once per empty slot (quadratic: minutes). A sheet with nothing pending can simply
 * start further down.
 */
export function startRowsAt(sheet: ExcelJS.Worksheet, rowNumber: number): void {
  const ws = sheet as unknown as SheetInternals;
  if (ws._rows !== null && ws._rows.length === 0 && rowNumber > ws._rowZero) ws._rowZero = rowNumber;
}

/** How much of a sheet's XML may wait for the zip before the writer waits too. */
const QUEUED_BYTES = 8 << 20;
const BLOCK_BYTES = 64 << 10;

/**
 * Waits until the zip has taken what a sheet has queued. exceljs's streaming writer keeps a sheet's XML
 * in 64 KB blocks until the zip reads them, and then hands each block to the zip's deflate stream without
 * waiting for it (it ignores back-pressure): a loop that writes 500,000 rows without waiting would hold
 * the whole sheet's XML, first in the blocks, then in the deflate stream's queue. Writers call this
 * every few hundred rows; it returns at once while little is queued.
 */
export async function drained(sheet: ExcelJS.Worksheet): Promise<void> {
  const stream = (sheet as unknown as SheetInternals).stream;
  for (;;) {
    // Not yet the zip's current entry: the blocks wait in the sheet's own buffer.
    if ((stream.buffers?.length ?? 0) * BLOCK_BYTES > QUEUED_BYTES) {
      await new Promise<void>((resolve) => setTimeout(resolve, 1));
      continue;
    }
    // The zip's streams come from the readable-stream package, whose older versions have no writableLength.
    const queued = (p: NodeJS.WritableStream): number => {
      const w = p as unknown as { writableLength?: number; _writableState?: { length?: number } };
      return w.writableLength ?? w._writableState?.length ?? 0;
    };
    const busy = (stream.pipes ?? []).find((p) => queued(p) > QUEUED_BYTES);
    if (busy === undefined) return;
    await new Promise<void>((resolve) => busy.once('drain', resolve));
  }
}

/** A streaming workbook writer whose sheets can each carry one Excel table. */
export class TableWorkbookWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  private readonly tables: Array<{ target: string }> = [];

  /** Gives `sheet` a table, written when the sheet is committed (its rows must by then fill `spec.ref`). */
  addTable(sheet: ExcelJS.Worksheet, spec: TableSpec): void {
    const id = this.tables.length + 1;
    const target = `table${id}.xml`;
    this.tables.push({ target });
    const ws = sheet as unknown as SheetInternals;
    const close = ws._writeCloseWorksheet.bind(ws);
    ws._writeCloseWorksheet = () => {
      const rId = ws._sheetRelsWriter.addRelationship({ Target: `../tables/${target}`, Type: TABLE_REL });
      ws.stream.write(`<tableParts count="1"><tablePart r:id="${rId}"/></tableParts>`);
      close();
    };
    (this as unknown as WriterInternals).zip.append(tableXml(id, spec), { name: `xl/tables/${target}` });
  }

  /** exceljs's content types, with the tables' (its own `addContentTypes` leaves them out). */
  override addContentTypes(): Promise<void> {
    const self = this as unknown as WriterInternals;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ContentTypesXform = require('exceljs/lib/xlsx/xform/core/content-types-xform') as new () => { toXml(m: unknown): string };
    const model = {
      worksheets: self._worksheets.filter(Boolean),
      sharedStrings: self.sharedStrings,
      commentRefs: self.commentRefs,
      media: self.media,
      tables: this.tables,
    };
    self.zip.append(new ContentTypesXform().toXml(model), { name: '[Content_Types].xml' });
    return Promise.resolve();
  }
}
