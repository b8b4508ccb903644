/**
 * pdf-fixtures.ts — PDFs made the way departments make them, for the PDF tests: a table laid out as a
 * ruled sheet (every cell bordered, text wrapped in its cell, rows as tall as their text) in an .xlsx
 * written with exceljs, then printed to PDF by LibreOffice (`soffice --headless --convert-to pdf`).
 *
 * Conversions are slow (a few seconds each), so every sheet still missing is converted in one soffice
 * call, and each PDF is kept in os.tmpdir() under a hash of what it was made from: a second run finds
 * them all and converts nothing.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parseTsv } from '../src/cli/read';
import { FIXTURES } from './helpers';
import { tool } from './tools/system';

/** Change when the layout below changes: every cached PDF is made again. */
const LAYOUT_VERSION = 3;
export const PDF_CACHE = join(tmpdir(), 'bn-pdf-cache');

export interface SheetSpec {
  /** A file-name-safe name. */
  name: string;
  rows: string[][];
  /** Merged ranges, 0-based inclusive: [row0, col0, row1, col1]. */
  merges?: Array<[number, number, number, number]>;
  /** Rows (1-based) printed again at the top of every page (Print Titles). */
  repeatRows?: [number, number];
  /** Rows (1-based) after which a new page starts. */
  breaksAfter?: number[];
  /** Rows (1-based) drawn without borders (a title block above the ruled table). */
  unruled?: number[];
}

/** Display width of text in the sheet's column units: a Chinese character is two. */
const units = (s: string): number => [...s].reduce((n, ch) => n + ((ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1), 0);

/** Column widths (Excel units): each as wide as its text up to a cap, the widest text columns sharing a page's width. */
function widths(rows: readonly string[][], width: number, skip: ReadonlySet<number>): number[] {
  const out: number[] = [];
  for (let c = 0; c < width; c++) {
    const longest = Math.max(0, ...rows.filter((_, r) => !skip.has(r + 1)).map((r) => units(r[c] ?? '')));
    out.push(Math.max(6, Math.min(longest + 2, longest > 300 ? 70 : longest > 60 ? 36 : 24)));
  }
  return out;
}

/** Lines a text takes in a column of `w` units, wrapped at words or characters (with slack for wrapping). */
function lines(text: string, w: number): number {
  if (text === '') return 1;
  return text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil((units(part) * 1.15) / Math.max(1, w - 1))), 0);
}

/** The .xlsx of a sheet spec. */
export async function sheetXlsx(spec: SheetSpec, path: string): Promise<void> {
  const width = Math.max(1, ...spec.rows.map((r) => r.length));
  const unruled = new Set(spec.unruled ?? []);
  const cols = widths(spec.rows, width, unruled);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1', {
    pageSetup: {
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.2, footer: 0.2 },
      ...(spec.repeatRows ? { printTitlesRow: `${spec.repeatRows[0]}:${spec.repeatRows[1]}` } : {}),
    },
  });
  const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  const merged = new Map<string, [number, number, number, number]>();
  for (const m of spec.merges ?? []) merged.set(`${m[0]},${m[1]}`, m);
  spec.rows.forEach((row, r) => {
    let height = 1;
    for (let c = 0; c < width; c++) {
      const cell = ws.getCell(r + 1, c + 1);
      const text = row[c] ?? '';
      cell.value = text === '' ? null : text;
      cell.font = { name: 'Noto Sans CJK SC', size: 10 };
      cell.alignment = { wrapText: !unruled.has(r + 1), vertical: 'top' };
      if (!unruled.has(r + 1)) cell.border = border;
      const m = merged.get(`${r},${c}`);
      let w = cols[c] as number;
      if (m !== undefined) for (let k = m[1] + 1; k <= m[3]; k++) w += cols[k] as number;
      const span = m === undefined ? 1 : m[2] - m[0] + 1;
      if (!unruled.has(r + 1)) height = Math.max(height, Math.ceil(lines(text, w) / span));
    }
    ws.getRow(r + 1).height = height * 14.5 + 5;
  });
  cols.forEach((w, c) => (ws.getColumn(c + 1).width = w));
  for (const m of spec.merges ?? []) ws.mergeCells(m[0] + 1, m[1] + 1, m[2] + 1, m[3] + 1);
  for (const r of spec.breaksAfter ?? []) ws.getRow(r).addPageBreak();
  await wb.xlsx.writeFile(path);
}

const hashOf = (spec: SheetSpec): string =>
  createHash('sha256')
    .update(JSON.stringify({ v: LAYOUT_VERSION, spec }))
    .digest('hex')
    .slice(0, 24);

/** The cached PDF of each spec, made with LibreOffice (all missing ones in one call). name → path. */
export async function libreOfficePdfs(specs: readonly SheetSpec[]): Promise<Map<string, string>> {
  mkdirSync(PDF_CACHE, { recursive: true });
  const out = new Map<string, string>();
  const missing: Array<{ spec: SheetSpec; target: string }> = [];
  for (const spec of specs) {
    const target = join(PDF_CACHE, `${spec.name}-${hashOf(spec)}.pdf`);
    out.set(spec.name, target);
    if (!existsSync(target)) missing.push({ spec, target });
  }
  if (missing.length > 0) {
    const work = mkdtempSync(join(tmpdir(), 'bn-pdf-make-'));
    try {
      const files: string[] = [];
      for (const { spec } of missing) {
        const file = join(work, `${spec.name}.xlsx`);
        await sheetXlsx(spec, file);
        files.push(file);
      }
      const profile = join(work, 'profile');
      mkdirSync(profile, { recursive: true });
      execFileSync(
        tool('soffice'),
        [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', work, ...files],
        {
          stdio: 'pipe',
          timeout: 600_000,
        },
      );
      for (const { spec, target } of missing) {
        const made = join(work, `${spec.name}.pdf`);
        if (!existsSync(made)) throw new Error(`LibreOffice did not convert ${spec.name}.xlsx (made: ${readdirSync(work).join(', ')})`);
        copyFileSync(made, target);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  return out;
}

/** Every table in test/fixtures (the two samples and the published ones): name → its paste's rows. */
export function fixtureTables(): Array<{ name: string; rows: string[][]; expected: unknown }> {
  const out: Array<{ name: string; rows: string[][]; expected: unknown }> = [];
  for (const f of readdirSync(FIXTURES)
    .filter((n) => n.endsWith('.tsv'))
    .sort()) {
    const base = f.replace(/\.tsv$/, '');
    out.push({
      name: base,
      rows: parseTsv(readFileSync(join(FIXTURES, f), 'utf8')).map((r) => r.map((c) => String(c ?? ''))),
      expected: JSON.parse(readFileSync(join(FIXTURES, `${base}.expected.json`), 'utf8')),
    });
  }
  const real = join(FIXTURES, 'real');
  for (const d of readdirSync(real, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()) {
    out.push({
      name: d,
      rows: parseTsv(readFileSync(join(real, d, 'input.tsv'), 'utf8')).map((r) => r.map((c) => String(c ?? ''))),
      expected: JSON.parse(readFileSync(join(real, d, 'expected.json'), 'utf8')),
    });
  }
  return out;
}

/** Writes bytes to a file in `dir` and returns its path. */
export function saveTo(dir: string, name: string, bytes: Uint8Array | string): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}
