/**
 * A real spreadsheet engine checks the .xlsx sink: the CLI writes the fixture's workbook,
 * LibreOffice (headless) recalculates it and converts every sheet to CSV, and the live check
 * formulas must compute 0 on the clean fixture and the right difference once an amount changes.
 * Needs Debian's libreoffice-calc (`soffice`), which .ci/run installs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
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
    expect(col('本行差额')).toBe(9);
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
});
