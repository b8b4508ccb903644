/**
 * A reviewer's morning: a folder of departments' files, read by the built CLI in one run. Two PDFs (one a
 * disclosure of several tables), an .xlsx, a .tsv and one broken file give one workbook (a summary sheet
 * linked to each table's sheets), one line for the broken file, and the exit code of the worst outcome.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { type Model } from '../src/core';
import { documentPdf, writePdf } from '../src/pdf/write';
import { FIXTURES, fixtureGrid } from './helpers';

const BIN = join(__dirname, '..', 'bin', 'budget-normalize.js');
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
const tmp = mkdtempSync(join(tmpdir(), 'bn-batch-'));
const folder = join(tmp, 'disclosures');
mkdirSync(folder);

const text = (grid: unknown[][]): string[][] => grid.map((r) => r.map((c) => String(c ?? '')));
const gz = text(fixtureGrid());
const tj = text(fixtureGrid('tianjin-hebei-court-2023.tsv'));

beforeAll(async () => {
  // 1. A disclosure: a budget table, then the performance-target table over several pages.
  writeFileSync(
    join(folder, 'a-court.pdf'),
    writePdf(
      documentPdf([
        {
          title: ['2024年部门收支总表', '单位:万元'],
          rows: [
            ['收入', '预算数', '支出', '预算数'],
            ['一般公共预算拨款收入', '13,541.65', '公共安全支出', '13,586.01'],
          ],
        },
        { title: ['2024年部门预算项目支出绩效目标表', '单位:万元'], rows: gz.slice(1), repeatRows: 1 },
      ]),
    ),
  );
  // 2. A word processor's PDF: borders as filled rectangles.
  writeFileSync(join(folder, 'b-forms.pdf'), writePdf(documentPdf([{ rows: tj, borders: 'fill' }])));
  // 3. A workbook and 4. a tab-separated paste.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('绩效目标表');
  gz.forEach((row) => ws.addRow(row.map((c) => (c === '' ? null : c))));
  await wb.xlsx.writeFile(join(folder, 'c-court.xlsx'));
  copyFileSync(join(FIXTURES, 'tianjin-hebei-court-2023.tsv'), join(folder, 'd-forms.tsv'));
  // 5. A PDF cut short in the download; and a file a folder does not contribute.
  writeFileSync(join(folder, 'e-broken.pdf'), '%PDF-1.7\n1 0 obj\n<< /Type /Catalog');
  writeFileSync(join(folder, 'notes.md'), '# not a table');
}, 60_000);

interface Entry {
  file: string;
  table: number | null;
  page: number | null;
  status: string;
  error?: string;
  model?: Model;
}

describe('budget-normalize FOLDER -o review.xlsx', () => {
  const out = join(tmp, 'review.xlsx');

  test('one workbook, the broken file said in one line, exit 2 (the worst outcome)', async () => {
    const r = cli(folder, '-o', out);
    expect(r.status).toBe(2);
    const errors = r.stderr.split('\n').filter((l) => l !== '');
    expect(errors).toEqual([expect.stringMatching(/^budget-normalize: .*e-broken\.pdf is a PDF that cannot be read/)]);
    expect(r.stdout).toMatch(/5 个文件 files · 5 张表 tables · 已规范化 normalized 4 · 跳过 skipped 1 · 无法读取 not read 1/);
    expect(r.stdout).not.toContain('notes.md');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '汇总',
      '1 a-court p1',
      '1 规范化',
      '1 绩效指标',
      '2 b-forms p1',
      '2 规范化',
      '2 绩效指标',
      '3 c-court',
      '3 规范化',
      '3 绩效指标',
      '4 d-forms',
      '4 规范化',
      '4 绩效指标',
    ]);
    const summary = wb.worksheets[0] as ExcelJS.Worksheet;
    const rows: unknown[][] = [];
    summary.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['文件', '表', '页', '标题', '状态', '版式', '项目', '指标', '错误', '警告', '提示', '工作表', '说明']);
    const body = rows.slice(1).map((r) => [String(r[0]).replace(`${folder}/`, ''), r[1] ?? null, r[4], r[6] ?? null]);
    expect(body).toEqual([
      ['a-court.pdf', 1, '跳过', null],
      ['a-court.pdf', 2, '已规范化', 25],
      ['b-forms.pdf', 1, '已规范化', 2],
      ['c-court.xlsx', null, '已规范化', 25],
      ['d-forms.tsv', null, '已规范化', 2],
      ['e-broken.pdf', null, '无法读取', null],
    ]);
    // Each normalised table links to its sheet; a skipped one says why.
    const link = rows[2]?.[11] as { formula: string; result: string };
    expect(link).toMatchObject({ formula: `HYPERLINK("#'1 a-court p1'!A1","1 a-court p1")`, result: '1 a-court p1' });
    // In the sheet's language (Chinese unless --lang en), as the listing says it.
    expect(String(rows[1]?.[12])).toBe('不是绩效目标表 (没有指标列)');
    expect(r.stdout).toContain('跳过 skipped: 不是绩效目标表 not a performance-target table (没有指标列 no indicator columns)');
    expect(String(rows[6]?.[12])).toMatch(/cannot be read/);
    // The same counts as the table read alone.
    const alone = JSON.parse(cli(join(FIXTURES, 'guangzhou-court-2024.tsv'), '--json').stdout) as Model;
    expect(rows[2]?.slice(6, 11)).toEqual([
      alone.summary.projects,
      alone.summary.indicators,
      alone.summary.errors,
      alone.summary.warnings,
      alone.summary.infos,
    ]);
    // A table's 规范化 links back to its own sheet.
    const normalized = wb.getWorksheet('1 规范化') as ExcelJS.Worksheet;
    expect(JSON.stringify(normalized.getRow(2).values)).toContain("1 a-court p1'!A");
  });

  test('a skipped table is said in the language asked for; the JSON keeps its English reason', () => {
    const zh = cli(folder, '--lang', 'zh');
    expect(zh.stdout).toContain('跳过: 不是绩效目标表 (没有指标列)');
    expect(zh.stdout).not.toContain('not a performance-target table');
    const en = cli(folder, '--lang', 'en');
    expect(en.stdout).toContain('skipped: not a performance-target table (no indicator columns)');
    expect(en.stdout).not.toContain('不是绩效目标表');
    const entries = JSON.parse(cli(folder, '--json').stdout) as Array<Entry & { reason?: string }>;
    expect(entries[0]?.reason).toBe('not a performance-target table (no indicator columns)');
  });

  test('--json: an array, one entry per table found or file not read, with its file and page', () => {
    const r = cli(folder, '--json');
    expect(r.status).toBe(2);
    const entries = JSON.parse(r.stdout) as Entry[];
    expect(entries.map((e) => [e.file.replace(`${folder}/`, ''), e.table ?? null, e.page ?? null, e.status])).toEqual([
      ['a-court.pdf', 1, 1, 'skipped'],
      ['a-court.pdf', 2, 1, 'normalized'],
      ['b-forms.pdf', 1, 1, 'normalized'],
      ['c-court.xlsx', null, null, 'normalized'],
      ['d-forms.tsv', null, null, 'normalized'],
      ['e-broken.pdf', null, null, 'error'],
    ]);
    // The PDF's table reads as the paste does.
    const pdf = entries[1]?.model as Model;
    const tsv = entries[3]?.model as Model;
    expect(pdf.summary).toEqual({ ...tsv.summary, rows: pdf.summary.rows });
  });

  test('without the broken file: exit 0, or 3 with --fail-on warning (a table has warnings); the workbook in the folder is not read again', () => {
    unlinkSync(join(folder, 'e-broken.pdf'));
    const inside = join(folder, 'review.xlsx');
    expect(cli(folder, '-o', inside).status).toBe(0);
    const again = cli(folder, '-o', inside, '--fail-on', 'warning');
    expect(again.status).toBe(3);
    expect(again.stdout).toMatch(/4 个文件 files/);
  });

  test('-o never writes over an input named on the command line', () => {
    const xlsx = join(folder, 'c-court.xlsx');
    const r = cli(folder, xlsx, '-o', xlsx);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is one of the inputs/);
  });
});
