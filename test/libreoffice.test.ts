/**
 * A real spreadsheet engine checks the .xlsx sink: the CLI writes the fixture's workbook,
 * LibreOffice (headless) recalculates it and converts every sheet to CSV, and the live check
 * formulas must compute 0 on the clean fixture and the right difference once an amount changes.
 * Needs Debian's libreoffice-calc (`soffice`), which .ci/run installs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parseCsv } from '../src/cli/read';
import { FIXTURES } from './helpers';
import { tool } from './tools/system';

const dir = mkdtempSync(join(tmpdir(), 'bn-lo-'));
const BIN = join(__dirname, '..', 'bin', 'budget-normalize.js');

/** LibreOffice recalculates formulas of .xlsx files on load only when told to. */
function profile(): string {
  const p = join(dir, 'profile');
  mkdirSync(join(p, 'user'), { recursive: true });
  writeFileSync(
    join(p, 'user', 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>`,
  );
  return `file://${p}`;
}

/** Recalculate with LibreOffice and read one sheet back as rows of text. */
function recalc(xlsx: string, sheet: string, outDir: string): string[][] {
  mkdirSync(outDir, { recursive: true });
  execFileSync(
    tool('soffice'),
    [
      `-env:UserInstallation=${profile()}`,
      '--headless',
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
      '--outdir',
      outDir,
      xlsx,
    ],
    { stdio: 'pipe', timeout: 120_000 },
  );
  const base = xlsx.replace(/^.*\//, '').replace(/\.xlsx$/, '');
  return parseCsv(readFileSync(join(outDir, `${base}-${sheet}.csv`), 'utf8')) as string[][];
}

describe('the .xlsx sink in LibreOffice', () => {
  test('the live checks are 0 on the clean fixture and show the difference after an edit', async () => {
    const xlsx = join(dir, 'fixture.xlsx');
    execFileSync(process.execPath, [BIN, join(FIXTURES, 'guangzhou-court-2024.tsv'), '-o', xlsx], { stdio: 'pipe' });

    const clean = recalc(xlsx, '规范化', join(dir, 'clean'));
    const header = clean[0] as string[];
    const col = (name: string) => header.indexOf(name);
    expect(col('本行差额')).toBe(10);
    const rows = clean.slice(1);
    expect(rows).toHaveLength(28);
    for (const r of rows) {
      expect([r[0], r[col('本行差额')]]).toEqual([r[0], '0']);
      if (r[1] !== '项目') expect([r[0], r[col('下级差额')]]).toEqual([r[0], '0']);
    }

    // A user corrects a number on the normalized sheet: 其他机构运行经费 119.00 → 120.00.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.getWorksheet('规范化') as ExcelJS.Worksheet;
    expect(ws.getCell('E4').value).toBe('其他机构运行经费');
    ws.getCell('F4').value = 120;
    const edited = join(dir, 'edited.xlsx');
    await wb.xlsx.writeFile(edited);
    const after = recalc(edited, '规范化', join(dir, 'edited'));
    const byName = (name: string) => after.find((r) => r[4] === name) as string[];
    expect(byName('其他机构运行经费')[col('本行差额')]).toBe('1');
    expect(byName('广东省广州市中级人民法院')[col('下级差额')]).toBe('-1');
    expect(byName('合计')[col('下级差额')]).toBe('0');
  }, 240_000);

  test('the table sheet keeps the user`s values and carries the marks', async () => {
    const xlsx = join(dir, 'marks.xlsx');
    execFileSync(process.execPath, [BIN, join(FIXTURES, 'guangzhou-court-2024.tsv'), '-o', xlsx, '--lang', 'en'], { stdio: 'pipe' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['guangzhou-court-2024', 'Normalized', 'Indicators']);
    const src = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(src.getCell('B3').value).toBe('13, 586. 01');
    expect(src.getCell('B27').fill).toMatchObject({ fgColor: { argb: 'FFFFEB9C' } });
    expect(String(src.getCell('B27').note)).toContain('Total is empty');
    const lo = recalc(xlsx, 'guangzhou-court-2024', join(dir, 'marks'));
    expect(lo[2]?.[1]).toBe('13, 586. 01');
  }, 240_000);

  test('a workbook people can read: values cached, highlights that follow the checks, headers that fit, text that wraps', async () => {
    const xlsx = join(dir, 'readable.xlsx');
    execFileSync(process.execPath, [BIN, join(FIXTURES, 'guangzhou-court-2024.tsv'), '-o', xlsx], { stdio: 'pipe' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const norm = wb.getWorksheet('规范化') as ExcelJS.Worksheet;
    const headers = (norm.getRow(1).values as unknown[]).slice(1).map(String);
    const at = (name: string) => headers.indexOf(name) + 1;
    // The source cell shows the cell (no stray apostrophe) and links to it; its value is cached.
    expect(norm.getCell(2, at('源单元格')).value).toMatchObject({
      formula: 'HYPERLINK("#\'guangzhou-court-2024\'!A3","guangzhou-court-2024!A3")',
      result: 'guangzhou-court-2024!A3',
    });
    // Every check formula carries its value in the file, so previews and Protected View show it.
    const zip = await JSZip.loadAsync(readFileSync(xlsx));
    const sheetXml = await (zip.file('xl/worksheets/sheet2.xml') as JSZip.JSZipObject).async('string');
    for (let r = 2; r <= 29; r++) {
      const cell = new RegExp(`<c r="K${r}"[^>]*><f>[^<]+</f><v>([^<]*)</v></c>`).exec(sheetXml);
      expect([r, cell?.[1]]).toEqual([r, '0']);
    }
    // The inferred total is marked as inferred.
    const sources = norm.getColumn(at('源单元格')).values.map((v) => String((v as { result?: unknown } | undefined)?.result ?? ''));
    const row27 = sources.indexOf('guangzhou-court-2024!A27');
    expect(row27).toBeGreaterThan(1);
    expect(norm.getCell(row27, at('推算')).value).toBe('总计');
    // A highlight on the live differences, following their values.
    const formattings = (norm as unknown as { conditionalFormattings: Array<{ ref: string; rules: Array<{ formulae?: string[] }> }> })
      .conditionalFormattings;
    const cf = formattings.map((c) => [c.ref, c.rules[0]?.formulae?.[0]]);
    expect(cf).toEqual([
      ['K2:K29', 'AND(ISNUMBER(K2),K2<>0)'],
      ['L2:L29', 'AND(ISNUMBER(L2),L2<>0)'],
    ]);
    // Columns at least as wide as their headers; long text wraps.
    for (const ws of [norm, wb.getWorksheet('绩效指标') as ExcelJS.Worksheet]) {
      (ws.getRow(1).values as unknown[]).slice(1).forEach((h, k) => {
        const width = [...String(h)].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0);
        expect([ws.name, String(h), (ws.getColumn(k + 1).width ?? 0) >= width]).toEqual([ws.name, String(h), true]);
      });
    }
    expect(norm.getColumn(at('检查结果')).alignment?.wrapText).toBe(true);
  }, 120_000);

  test('the 规范化 sheet prints as written: at most 3 landscape pages, every check message on them whole', async () => {
    const xlsx = join(dir, 'print.xlsx');
    execFileSync(process.execPath, [BIN, join(FIXTURES, 'guangzhou-court-2024.tsv'), '-o', xlsx], { stdio: 'pipe' });
    // The sheet alone, with the page setup and row heights the CLI wrote (nothing set here).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const norm = wb.getWorksheet('规范化') as ExcelJS.Worksheet;
    const headers = (norm.getRow(1).values as unknown[]).slice(1).map(String);
    const messages = (norm.getColumn(headers.indexOf('检查结果') + 1).values as unknown[]).slice(2).map((v) => String(v ?? ''));
    for (const ws of [...wb.worksheets]) if (ws.name !== '规范化') wb.removeWorksheet(ws.id);
    const one = join(dir, 'print-normalized.xlsx');
    await wb.xlsx.writeFile(one);
    execFileSync(tool('soffice'), [`-env:UserInstallation=${profile()}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, one], {
      stdio: 'pipe',
      timeout: 120_000,
    });
    const pdf = join(dir, 'print-normalized.pdf');
    const info = execFileSync(tool('pdftoppm').replace(/pdftoppm$/, 'pdfinfo'), [pdf], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    const [w, h] = (/^Page size:\s+([\d.]+) x ([\d.]+)/m.exec(info) ?? []).slice(1).map(Number);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(3);
    expect(w).toBeGreaterThan(h as number);
    // Every line of every check message is on the pages, whole: a row too short for its text would cut it.
    // The 检查结果 column of each page (from its header, repeated on every page, to the next header) read alone.
    const pdftotext = tool('pdftoppm').replace(/pdftoppm$/, 'pdftotext');
    const bbox = execFileSync(pdftotext, ['-bbox', pdf, '-'], { encoding: 'utf8' });
    const xOf = (word: string) => Number(new RegExp(`xMin="([\\d.]+)"[^>]*>${word}<`).exec(bbox)?.[1]);
    const [x0, x1] = [xOf('检查结果'), xOf('审核提示')];
    expect(x1).toBeGreaterThan(x0);
    let text = '';
    for (let p = 1; p <= pages; p++)
      text += execFileSync(
        pdftotext,
        [
          '-f',
          `${p}`,
          '-l',
          `${p}`,
          '-r',
          '72',
          '-x',
          `${Math.floor(x0) - 1}`,
          '-y',
          '0',
          '-W',
          `${Math.ceil(x1 - x0)}`,
          '-H',
          `${h}`,
          pdf,
          '-',
        ],
        { encoding: 'utf8' },
      );
    text = text.replace(/\s+/g, '');
    const lines = messages.flatMap((m) => m.split('\n')).filter((l) => l !== '');
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) expect([line, text.includes(line.replace(/\s+/g, ''))]).toEqual([line, true]);
    // The pages as PNGs, to look at (`BN_KEEP_PAGES=dir`).
    const keep = process.env.BN_KEEP_PAGES;
    if (keep !== undefined) {
      mkdirSync(keep, { recursive: true });
      execFileSync(tool('pdftoppm'), ['-png', '-r', '150', pdf, join(keep, 'normalized')], { stdio: 'pipe' });
    }
  }, 240_000);

  test('each sheet rendered by LibreOffice, for the README', async () => {
    const xlsx = join(dir, 'render.xlsx');
    execFileSync(process.execPath, [BIN, join(FIXTURES, 'guangzhou-court-2024.tsv'), '-o', xlsx], { stdio: 'pipe' });
    const shots = process.env.BN_SCREENSHOTS as string; // test/screenshots/ only with UPDATE_SCREENSHOTS=1: test/tools/screenshots.ts
    mkdirSync(shots, { recursive: true });
    const names: Array<[string, string]> = [
      ['guangzhou-court-2024', 'workbook-source'],
      ['规范化', 'workbook-normalized'],
      ['绩效指标', 'workbook-indicators'],
    ];
    for (const [sheet, file] of names) {
      // One sheet per file, landscape, as wide as a page: its first page is the picture.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(xlsx);
      for (const ws of [...wb.worksheets]) if (ws.name !== sheet) wb.removeWorksheet(ws.id);
      const ws = wb.worksheets[0] as ExcelJS.Worksheet;
      expect(ws.name).toBe(sheet);
      ws.pageSetup = { ...ws.pageSetup, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
      const one = join(dir, `${file}.xlsx`);
      await wb.xlsx.writeFile(one);
      execFileSync(tool('soffice'), [`-env:UserInstallation=${profile()}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, one], {
        stdio: 'pipe',
        timeout: 120_000,
      });
      execFileSync(
        tool('pdftoppm'),
        [
          '-png',
          '-r',
          '150',
          '-f',
          '1',
          '-l',
          '1',
          '-x',
          '120',
          '-y',
          '120',
          '-W',
          '1700',
          '-H',
          '640',
          '-singlefile',
          join(dir, `${file}.pdf`),
          join(shots, file),
        ],
        { stdio: 'pipe' },
      );
      expect(readdirSync(shots)).toContain(`${file}.png`);
    }
  }, 240_000);
});
