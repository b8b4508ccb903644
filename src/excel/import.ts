/**
 * import.ts — a PDF's tables brought into the workbook: each kept table on a new sheet as published, then
 * normalized.
 *
 * Owns: which tables of a reading are imported (the 绩效目标表 in which the core recognises something; the
 * others are listed with the reason, as the command line lists them), writing each on a sheet of its own
 * (src/pdf/sheet.ts lays it out: the source line, the cells as text, merged cells merged, ruled rows bordered,
 * column widths) in one undo step where the host offers it, then normalizing each table where it now stands,
 * as if the user had selected it and clicked Normalize (its record, marks and output sheets are a pasted
 * table's: Clear and a re-run work on it alike). A table read by alignment carries its `reading-uncertain`
 * finding. Nothing the user had is changed: the sheets are new, their names free.
 */
import { nothingRecognised, normalize, type Lang, type Model, type OptionsInput } from '../core';
import { withReadingFindings } from '../pdf/findings';
import type { PdfReading, PdfTable } from '../pdf/read';
import { publishedSheet, type PublishedSheet, type SheetBox } from '../pdf/sheet';
import { boxAddress } from './extent';
import type { ExcelHost, RunOptions } from './host';
import { LIMITS } from './host';
import { Batch, blocksByBytes, valueBytes } from './request-size';
import { capabilities, normalizeSelection, runOn, selectCell, type NormalizeRequest, type NormalizeResult, type OnProgress } from './run';
import { PDF_TAG, pdfTagOf, UserError, type PdfTag } from './selection';
import { toExcel, uniqueName } from './sheets';

/** A table of the PDF and what became of it. */
export interface ImportOutcome {
  table: Pick<PdfTable, 'index' | 'title' | 'pages' | 'kind' | 'why' | 'target'>;
  /**
   * Imported and normalized; skipped (not a 绩效目标表, or nothing in it recognised); its normalizing failed;
   * or imported before (the same file's same table has a sheet: not written twice, not normalized again).
   */
  status: 'normalized' | 'skipped' | 'failed' | 'existing';
  /** Why a table was skipped: not a performance-target table, or nothing recognised in it. */
  reason?: 'notTarget' | 'nothingRead';
  /** The sheet it was written to, and the table's range there (`A3:H40`). */
  sheetName?: string;
  address?: string;
  result?: NormalizeResult;
  error?: unknown;
}

export interface ImportRequest {
  /** The PDF's file name, as the source line and the sheet names show it. */
  file: string;
  /** Its size in bytes, and the SHA-256 of its bytes (hex): how an import of the same file again is known. */
  size?: number;
  hash?: string;
  reading: PdfReading;
  lang: Lang;
  /** The Normalize each table gets (the pane's options, outputs and marks). */
  normalize: Omit<NormalizeRequest, 'lang' | 'mapping' | 'amend'>;
}

export type ImportProgress =
  { phase: 'writing'; done: number; total: number } | { phase: 'normalizing'; table: number; tables: number; step: Parameters<OnProgress> };

const BORDERS = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal', 'InsideVertical'] as const;

const address = (b: SheetBox): string => boxAddress({ row: b.row, col: b.col, rows: b.rows, cols: b.cols });

/** Points of a column `chars` characters wide (as the plan's sheets are sized: src/excel/sheets.ts). */
const columnPoints = (chars: number): number => Math.round(chars * 7.5);

/** Queue writing one published sheet on a new, empty worksheet, a request's worth at a time. */
async function queueSheet(batch: Batch, ws: Excel.Worksheet, sheet: PublishedSheet, onRows: (n: number) => void): Promise<void> {
  const { width } = sheet;
  await batch.reserve(200 + width * 120);
  sheet.widths.forEach((w, c) => {
    ws.getRangeByIndexes(0, c, 1, 1).getEntireColumn().format.columnWidth = columnPoints(w);
  });
  const rowBytes = (r: readonly string[]): number => 8 + width * 6 + r.reduce((n, v) => n + valueBytes(v), 0);
  let start = 0;
  for (const { items, bytes } of blocksByBytes(sheet.rows, rowBytes, LIMITS.maxRequestBytes / 2)) {
    await batch.reserve(bytes + 200);
    const block = ws.getRangeByIndexes(start, 0, items.length, width);
    // Text, every cell: what the PDF printed stays as printed (no number, date or formula made of it).
    block.numberFormat = items.map(() => new Array<string>(width).fill('@'));
    block.values = items.map((r) => Array.from({ length: width }, (_, c) => toExcel(r[c] ?? '')));
    start += items.length;
    onRows(items.length);
  }
  for (const b of sheet.ruled) {
    await batch.reserve(600);
    const range = ws.getRange(address(b));
    range.format.wrapText = true;
    range.format.verticalAlignment = 'Top';
    for (const k of BORDERS) {
      const border = range.format.borders.getItem(k);
      border.style = 'Continuous';
      border.weight = 'Thin';
    }
  }
  for (const m of sheet.merges) {
    await batch.reserve(120);
    ws.getRange(address(m)).merge(false);
  }
  await batch.reserve(120);
  ws.getRange(address(sheet.table)).format.autofitRows();
  // Rows whose merged cells wrap: autofit leaves merged cells out.
  for (const h of sheet.heights) {
    await batch.reserve(80);
    ws.getRangeByIndexes(h.row, 0, 1, 1).getEntireRow().format.rowHeight = h.points;
  }
}

/** A name for the sheet not taken in the workbook (case-insensitively), within Excel's 31 characters with its ` (k)`. */
export function freeName(wanted: string, taken: readonly string[]): string {
  return uniqueName(wanted, taken, (k) => {
    const suffix = ` (${k})`;
    return `${[...wanted].slice(0, 31 - suffix.length).join('')}${suffix}`;
  });
}

/**
 * A table of a file, as its tag names it: the same bytes (their SHA-256, whatever the file is called) and
 * the same table; where the host gave no digest, the same name and size. A tag without them is none.
 */
const identity = (tag: PdfTag): string =>
  tag.table === undefined
    ? ''
    : tag.hash !== undefined
      ? JSON.stringify(['sha256', tag.hash, tag.table, tag.pages])
      : tag.file !== undefined && tag.size !== undefined
        ? JSON.stringify([tag.file, tag.size, tag.table, tag.pages])
        : '';

/** The sheets the add-in imported a PDF table to, by the table's identity. */
async function importedBefore(context: Excel.RequestContext, sheets: readonly Excel.Worksheet[]): Promise<Map<string, string>> {
  const tags = sheets.map((ws) => {
    const p = ws.customProperties.getItemOrNullObject(PDF_TAG);
    p.load('value');
    return { name: ws.name, p };
  });
  await context.sync();
  const out = new Map<string, string>();
  for (const { name, p } of tags) {
    const tag = p.isNullObject ? null : pdfTagOf(p.value);
    const id = tag === null ? '' : identity(tag);
    if (id !== '' && !out.has(id)) out.set(id, name);
  }
  return out;
}

/**
 * Write the sheets in one run (one undo step where ExcelApi 1.20 offers it); their names are free in the
 * workbook. The sheets are all added in the run's first request, before any cell is written (adding a sheet
 * is what Excel refuses when another workbook takes the focus: then nothing is written); once written, each is
 * tagged with its file, its table and how it was read (ExcelApi 1.12), so that a later Normalize of the sheet
 * says it again and an import of the same file finds it. A table imported before is not written again. A
 * workbook whose structure is protected cannot take a sheet: said, and nothing is written.
 */
export async function writeSheets(
  host: ExcelHost,
  sheets: ReadonlyArray<{ sheet: PublishedSheet; tag: PdfTag }>,
  onProgress?: (done: number, total: number) => void,
): Promise<Array<{ sheetName: string; address: string; existing: boolean }>> {
  const caps = capabilities(host);
  const options: RunOptions = { ...(caps.cellEdit ? { delayForCellEdit: true } : {}), ...(caps.undoGroup ? { mergeUndoGroup: true } : {}) };
  const total = sheets.reduce((n, s) => n + s.sheet.rows.length, 0);
  return runOn(
    host,
    async (context) => {
      const wb = context.workbook;
      wb.worksheets.load('items/name');
      wb.protection.load('protected');
      await context.sync();
      if (wb.protection.protected) throw new UserError('importProtected');
      const taken = wb.worksheets.items.map((w) => w.name);
      // The tables of this file imported before (ExcelApi 1.12): found again, not written twice.
      const before = caps.tags ? await importedBefore(context, wb.worksheets.items) : new Map<string, string>();
      const made = sheets.map(({ sheet, tag }) => {
        const existing = before.get(identity(tag));
        if (existing !== undefined) return { ws: null, name: existing, sheet, tag };
        const name = freeName(sheet.name, taken);
        taken.push(name);
        const ws = wb.worksheets.add(name);
        return { ws, name, sheet, tag };
      });
      await context.sync();
      const batch = new Batch(context);
      let done = 0;
      try {
        for (const { ws, sheet } of made)
          if (ws !== null)
            await queueSheet(batch, ws, sheet, (n) => {
              done += n;
              onProgress?.(done, total);
            });
        // Each sheet tagged once it is whole: a sheet an import left half written is never taken for one done.
        if (caps.tags) for (const { ws, tag } of made) ws?.customProperties.add(PDF_TAG, JSON.stringify(tag));
        await batch.flush();
      } catch (e) {
        // The sheets are there, partly written: a new import would not replace them (it takes new names).
        if (e instanceof UserError) throw e;
        throw new UserError('importStopped', {
          sheet: made
            .filter((m) => m.ws !== null)
            .map((m) => m.name)
            .join(', '),
        });
      }
      return made.map(({ ws, name, sheet }) => ({ sheetName: name, address: address(sheet.table), existing: ws === null }));
    },
    options,
    true,
  );
}

/** The outcome of a table not imported. */
const skipped = (t: PdfTable, reason: ImportOutcome['reason']): ImportOutcome => ({ table: summaryOf(t), status: 'skipped', reason });

const summaryOf = (t: PdfTable): ImportOutcome['table'] => ({
  index: t.index,
  title: t.title,
  pages: t.pages,
  kind: t.kind,
  why: t.why,
  target: t.target,
});

/**
 * Import a reading: the kept tables written (writeSheets), then each normalized where it stands. The
 * outcomes are in the document's order; a table whose normalizing fails is said with its error, and the
 * others still run.
 */
export async function importReading(
  host: ExcelHost,
  req: ImportRequest,
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportOutcome[]> {
  const options: OptionsInput = req.normalize.options ?? {};
  const outcomes: ImportOutcome[] = [];
  const kept: Array<{ table: PdfTable; at: number }> = [];
  for (const t of req.reading.tables) {
    // The pane paints between tables (a long table takes a while to read).
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (!t.target) outcomes.push(skipped(t, 'notTarget'));
    // The core's own verdict first, as the command line asks it: a table it finds nothing in is not written.
    else if (nothingRecognised(normalize(t.cells, options))) outcomes.push(skipped(t, 'nothingRead'));
    else {
      kept.push({ table: t, at: outcomes.length });
      outcomes.push({ table: summaryOf(t), status: 'normalized' });
    }
  }
  if (kept.length === 0) return outcomes;
  const sheets = kept.map(({ table }) => ({
    sheet: publishedSheet(table, req.file, req.lang),
    tag: {
      kind: table.kind,
      pages: table.pages,
      file: req.file,
      table: table.index,
      ...(req.size !== undefined ? { size: req.size } : {}),
      ...(req.hash !== undefined ? { hash: req.hash } : {}),
    },
  }));
  const written = await writeSheets(host, sheets, (done, total) => onProgress?.({ phase: 'writing', done, total }));
  for (let k = 0; k < kept.length; k++) {
    const { table, at } = kept[k] as (typeof kept)[number];
    const { sheetName, address: range, existing } = written[k] as (typeof written)[number];
    const outcome = outcomes[at] as ImportOutcome;
    outcome.sheetName = sheetName;
    outcome.address = range;
    if (existing) {
      // Its sheet, from its first cell: the user may have changed the sheet since.
      outcome.status = 'existing';
      outcome.address = 'A1';
      continue;
    }
    try {
      // The table by its place (the user may move the selection meanwhile), as Normalize reads a selection.
      outcome.result = await normalizeSelection(
        host,
        { ...req.normalize, lang: req.lang, at: { sheetName, address: range }, amend: (m: Model) => withReadingFindings(m, table) },
        (...step) => onProgress?.({ phase: 'normalizing', table: k + 1, tables: kept.length, step }),
      );
    } catch (e) {
      outcome.status = 'failed';
      outcome.error = e;
    }
  }
  // The user is taken to the first table, whose results the pane shows.
  const first = outcomes.find((o) => o.status === 'normalized');
  if (first?.sheetName !== undefined && first.address !== undefined)
    await selectCell(host, first.sheetName, first.address).catch(() => undefined);
  return outcomes;
}
