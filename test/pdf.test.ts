/**
 * PDFs made the way departments make them, read by the built CLI (bin/ → lib/, pdf.js under Node):
 *  - every table in test/fixtures (the two samples and the published ones) laid out as a ruled sheet and
 *    printed to PDF by LibreOffice reads to the same model as its paste, and scores at least as well
 *    under the labels' rules (test/tools/score.ts);
 *  - the same tables drawn with 0.5 pt filled rectangles for borders, in fonts that are not embedded
 *    (Chinese through the UniGB-UCS2-H CMap), their header in fake bold, read the same;
 *  - a table split over pages with its header printed again; merged cells; a disclosure of many tables
 *    of which one is a 绩效目标表; `--pages`; a page without ruling lines; a scan; a broken file; and pdf.js
 *    without its optional canvas package.
 * The PDFs LibreOffice makes are cached in os.tmpdir() (test/pdf-fixtures.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { type Model, ModelSchema, normalize } from '../src/core';
import { importReading } from '../src/excel/import';
import type { PdfReading } from '../src/pdf/read';
import { documentPdf, type TableDraw, writePdf } from '../src/pdf/write';
import { FakeExcel } from './fake-excel/fake';
import { TIANJIN_MERGES } from './helpers';
import { fixtureTables, libreOfficePdfs, saveTo, type SheetSpec } from './pdf-fixtures';
import { AREAS, score } from './tools/score';

const BIN = join(__dirname, '..', 'bin', 'budget-normalize.js');
const tmp = mkdtempSync(join(tmpdir(), 'bn-pdf-'));
const cli = (args: string[], node: string[] = []) =>
  spawnSync(process.execPath, [...node, BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });

const FIXTURES = fixtureTables();
const fixture = (name: string) => FIXTURES.find((f) => f.name === name) as (typeof FIXTURES)[number];

const norm = (s: unknown): string => String(s ?? '').replace(/\s+/g, '');
const target = (t: { raw: string; op: unknown; value: unknown; unit: unknown } | null) =>
  t === null ? null : [norm(t.raw), t.op, t.value, norm(t.unit)];
/** What must be the same: each row's kind, name, amounts and indicators (levels, name, targets), and the flags. */
function essence(m: Model): unknown {
  return {
    layout: m.layout,
    amountUnit: m.amountUnit,
    rows: m.rows
      .filter((r) => r.kind !== 'blank')
      .map((r) => [
        r.row,
        r.kind,
        norm(r.name),
        r.parentRow,
        r.amounts,
        r.indicators.map((i) => [i.level1, i.level2, norm(i.name), target(i.period), target(i.annual)]),
      ]),
    flags: m.flags.map((f) => `${f.cell} ${f.code}`),
  };
}

interface Entry {
  file: string;
  table: number | null;
  page: number | null;
  pages: number[];
  title: string;
  source: string;
  status: string;
  reason?: string;
  error?: string;
  pageRows?: Array<{ page: number; from: number; to: number }>;
  model?: Model;
}

/** The CLI's JSON array over some PDFs (one run), the normalised entries by file. */
function readAll(paths: string[], extra: string[] = []): Map<string, Entry[]> {
  const r = cli([...paths, '--json', ...extra]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const entries = JSON.parse(r.stdout) as Entry[];
  const byFile = new Map<string, Entry[]>();
  for (const e of entries) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  return byFile;
}

/** The one performance-target table read from a file. */
function only(entries: Entry[] | undefined): Model {
  const done = (entries ?? []).filter((e) => e.status === 'normalized');
  expect(done).toHaveLength(1);
  return ModelSchema.parse(done[0]?.model) as Model;
}

describe('every fixture printed by LibreOffice from a ruled sheet', () => {
  let pdfs: Map<string, string>;
  let read: Map<string, Entry[]>;
  beforeAll(async () => {
    pdfs = await libreOfficePdfs(FIXTURES.map((f) => ({ name: f.name, rows: f.rows })));
    read = readAll(FIXTURES.map((f) => pdfs.get(f.name) as string));
  }, 600_000);

  test.each(FIXTURES.map((f) => f.name))('%s reads to the model of its paste, and scores no lower', (name) => {
    const f = fixture(name);
    const pdf = only(read.get(pdfs.get(name) as string));
    const paste = normalize(f.rows);
    expect(essence(pdf)).toEqual(essence(paste));
    const a = score(JSON.parse(JSON.stringify(pdf)), f.expected);
    const b = score(JSON.parse(JSON.stringify(paste)), f.expected);
    for (const area of AREAS) expect([area, a.areas[area][0] >= b.areas[area][0]]).toEqual([area, true]);
    expect(a.falseAlarms).toBeLessThanOrEqual(b.falseAlarms);
  });

  test.each(FIXTURES.map((f) => f.name))('%s imported in the pane (into the Excel fake) gives the command line’s model', async (name) => {
    // The reading as the pane's worker posts it: pdf.js and the reader, here under Node by the built CLI's module.
    const file = pdfs.get(name) as string;
    const dump = join(tmp, `${name}.reading.json`);
    const r = spawnSync(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(join(__dirname, '..', 'lib', 'cli', 'pdf.js'))}).readPdfFile(process.argv[1], new Uint8Array(require('fs').readFileSync(process.argv[1]))).then((x) => require('fs').writeFileSync(process.argv[2], JSON.stringify(x)))`,
        file,
        dump,
      ],
      { encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    const reading = JSON.parse(readFileSync(dump, 'utf8')) as PdfReading;
    const fake = new FakeExcel('Sheet1');
    fake.apiVersion = 20;
    const outcomes = await importReading(fake.host(), { file: basename(file), reading, lang: 'zh', normalize: {} });
    const done = outcomes.filter((o) => o.status === 'normalized');
    expect(done).toHaveLength(1);
    expect(essence(done[0]?.result?.model as Model)).toEqual(essence(only(read.get(file))));
  });
});

describe('the same tables as a word processor draws them: filled-rectangle borders, fonts not embedded, fake bold', () => {
  let read: Map<string, Entry[]>;
  const files = new Map<string, string>();
  beforeAll(() => {
    for (const f of FIXTURES)
      files.set(f.name, saveTo(tmp, `fill-${f.name}.pdf`, writePdf(documentPdf([{ rows: f.rows, borders: 'fill', fakeBold: true }]))));
    read = readAll([...files.values()]);
  }, 120_000);

  test.each(FIXTURES.map((f) => f.name))('%s reads to the model of its paste', (name) => {
    expect(essence(only(read.get(files.get(name) as string)))).toEqual(essence(normalize(fixture(name).rows)));
  });

  test('the Chinese is in a font that is not embedded (STSong-Light through UniGB-UCS2-H), and read as Chinese', () => {
    const bytes = readFileSync(files.get('guangzhou-court-2024') as string, 'latin1');
    expect(bytes).toContain('/STSong-Light');
    expect(bytes).toContain('/UniGB-UCS2-H');
    expect(bytes).not.toMatch(/\/FontFile/);
    const m = only(read.get(files.get('guangzhou-court-2024') as string));
    expect(m.rows.find((r) => r.kind === 'unit')?.name).toBe('广东省广州市中级人民法院');
  });
});

test('a landscape table on portrait pages turned by /Rotate 90 reads as it is seen', () => {
  const f = fixture('guangzhou-court-2024');
  const file = saveTo(tmp, 'rotated.pdf', writePdf(documentPdf([{ rows: f.rows }]).map((p) => ({ ...p, rotate: 90 as const }))));
  expect(readFileSync(file, 'latin1')).toContain('/Rotate 90');
  expect(essence(only(readAll([file]).get(file)))).toEqual(essence(normalize(f.rows)));
});

describe('tables over pages, merged cells', () => {
  const gz = fixture('guangzhou-court-2024');
  const tj = fixture('tianjin-hebei-court-2023');
  /** The tianjin forms as published, and each 指标值 merged over its three columns. */
  const merges: Array<[number, number, number, number]> = [
    ...TIANJIN_MERGES,
    ...[9, 10, 11, 12, 13, 14, 15, 21, 22, 23, 24, 25, 26].map((r): [number, number, number, number] => [r, 4, r, 6]),
  ];
  const specs: SheetSpec[] = [
    { name: 'gz-split', rows: gz.rows, repeatRows: [1, 2], breaksAfter: [8, 16, 24] },
    { name: 'gz-title-outside', rows: gz.rows, unruled: [1] },
    { name: 'tj-merged', rows: tj.rows, merges },
  ];
  let pdfs: Map<string, string>;
  let read: Map<string, Entry[]>;
  beforeAll(async () => {
    pdfs = await libreOfficePdfs(specs);
    read = readAll([...pdfs.values()]);
  }, 600_000);

  test('a table over four pages with its title and header printed on each is one table; the repeats are dropped', () => {
    const entries = read.get(pdfs.get('gz-split') as string) ?? [];
    expect(entries.map((e) => [e.table, e.pages, e.status])).toEqual([[1, [1, 2, 3, 4], 'normalized']]);
    expect(essence(only(entries))).toEqual(essence(normalize(gz.rows)));
    // Where each row came from: rows 1–8 on page 1, then six rows a page.
    expect(entries[0]?.pageRows?.[0]).toEqual({ page: 1, from: 1, to: 8 });
    expect(entries[0]?.pageRows?.map((p) => p.page)).toEqual([1, 2, 3, 4]);
  });

  test('a title printed above the ruled table is the table’s first row', () => {
    expect(essence(only(read.get(pdfs.get('gz-title-outside') as string)))).toEqual(essence(normalize(gz.rows)));
  });

  test('merged cells read as the paste reads them (each value at its top-left cell), and stay merged in the workbook', async () => {
    const file = pdfs.get('tj-merged') as string;
    expect(essence(only(read.get(file)))).toEqual(essence(normalize(tj.rows)));
    const out = join(tmp, 'tj-merged.xlsx');
    const r = cli([file, '-o', out]);
    expect(r.status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[1] as ExcelJS.Worksheet;
    expect(wb.worksheets[0]?.name).toBe('汇总');
    const merged = (ws.model as unknown as { merges: string[] }).merges;
    for (const ref of ['A11:A14', 'B6:G6', 'E10:G10']) expect(merged).toContain(ref);
    expect(ws.getCell('A11').value).toBe('产出指标');
    expect(ws.getCell('B6').value).toBe('安全隐患维修');
  });
});

/** A budget disclosure: three budget tables and a performance-target table, titles above each. */
function disclosure(): TableDraw[] {
  return [
    {
      title: ['2024年部门收支总表', '单位:万元'],
      rows: [
        ['收入', '', '支出', ''],
        ['项目', '预算数', '项目', '预算数'],
        ['一般公共预算拨款收入', '13,541.65', '一般公共服务支出', '13,000.00'],
        ['其他收入', '44.36', '公共安全支出', '586.01'],
        ['收入总计', '13,586.01', '支出总计', '13,586.01'],
      ],
      merges: [
        [0, 0, 0, 1],
        [0, 2, 0, 3],
      ],
    },
    {
      title: ['2024年一般公共预算支出表'],
      rows: [
        ['科目编码', '科目名称', '合计', '基本支出', '项目支出'],
        ['204', '公共安全支出', '13,586.01', '1,000.00', '12,586.01'],
      ],
    },
    {
      title: ['2024年一般公共预算"三公"经费支出表'],
      rows: [
        ['合计', '因公出国(境)费', '公务用车购置及运行费', '公务接待费'],
        ['12.00', '0.00', '10.00', '2.00'],
      ],
    },
    { title: ['2024年部门预算项目支出绩效目标表', '单位:万元'], rows: fixture('guangzhou-court-2024').rows.slice(1), repeatRows: 1 },
  ];
}

describe('a disclosure of many tables', () => {
  const file = saveTo(tmp, 'disclosure.pdf', writePdf(documentPdf(disclosure())));

  test('each table is found and listed; the 绩效目标表 is normalised, the others skipped', () => {
    const r = cli([file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/4 张表 tables · 已规范化 normalized 1 · 跳过 skipped 3/);
    expect(r.stdout).toContain(
      '表 table 1 · p.1 · 2024年部门收支总表 — 跳过 skipped: 不是绩效目标表 not a performance-target table (没有指标列 no indicator columns)',
    );
    expect(r.stdout).toContain('2024年一般公共预算"三公"经费支出表 — 跳过 skipped');
    expect(r.stdout).toMatch(/表 table 4 · p\.1–\d+ · 2024年部门预算项目支出绩效目标表 — 项目 projects 25 · 指标 indicators 85/);
    const entries = JSON.parse(cli([file, '--json']).stdout) as Entry[];
    expect(entries.map((e) => [e.file, e.table, e.page, e.status])).toEqual([
      [file, 1, 1, 'skipped'],
      [file, 2, 1, 'skipped'],
      [file, 3, 1, 'skipped'],
      [file, 4, 1, 'normalized'],
    ]);
    const m = entries[3]?.model as Model;
    expect(m.amountUnit).toBe('万元');
    expect(m.summary).toMatchObject({ projects: 25, units: 2 });
  });

  test('--pages reads only the pages asked for', () => {
    const entries = JSON.parse(cli([file, '--json', '--pages', '2-']).stdout) as Entry[];
    expect(entries.map((e) => [e.table, e.pages[0], e.status])).toEqual([[1, 2, 'normalized']]);
    const bad = cli([file, '--pages', '3-1']);
    expect([bad.status, bad.stdout, bad.stderr.trim().split('\n').length]).toEqual([2, '', 1]);
    expect(bad.stderr).toMatch(/invalid --pages/);
    const none = cli([file, '--pages', '99']);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/no page of "99" is in the document/);
  });
});

describe('what is not a ruled table', () => {
  test('a page without ruling lines is read by the alignment of its text, and the reading says so', () => {
    const f = fixture('tongnan-wugui-2023-flat-forms');
    const file = saveTo(tmp, 'no-lines.pdf', writePdf(documentPdf([{ rows: f.rows, borders: 'none' }])));
    const r = cli([file, '--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/has no ruling lines and was read by the alignment of its text; check its columns/);
    const entry = (JSON.parse(r.stdout) as Entry[])[0] as Entry;
    expect(entry.source).toBe('aligned');
    const m = entry.model as Model;
    expect(m.flags.find((f) => f.code === 'reading-uncertain' && f.cell === 'A1')).toMatchObject({ severity: 'info' });
    expect(m.summary.projects).toBe(normalize(f.rows).summary.projects);
  });

  test('a scan (pictures, no text) is refused in one line: OCR is not part of this tool', () => {
    const file = saveTo(tmp, 'scan.pdf', writePdf([{ width: 595, height: 842, ops: [{ kind: 'image', x: 0, y: 0, w: 595, h: 842 }] }]));
    const r = cli([file, '--json']);
    expect(r.status).toBe(2);
    const line = `${file} has no text layer: its pages are images (a scan), which this tool does not read (no OCR); use the department's original PDF, or run OCR on it first`;
    expect([r.stdout, r.stderr]).toEqual(['', `budget-normalize: ${line}\n`]);
  });

  test('a damaged PDF is said in one line, exit 2, nothing else', () => {
    const file = saveTo(tmp, 'damaged.pdf', '%PDF-1.7\n1 0 obj\n<<');
    const r = cli([file]);
    expect([r.status, r.stdout, r.stderr.trim().split('\n').length]).toEqual([2, '', 1]);
    expect(r.stderr).toMatch(/damaged\.pdf is a PDF that cannot be read/);
  });

  test('pdf.js is loaded without its optional canvas package, and prints nothing of its own', () => {
    const block = saveTo(
      tmp,
      'no-canvas.js',
      `const M = require('module'); const r = M._resolveFilename; M._resolveFilename = function (req, ...a) { if (String(req).startsWith('@napi-rs/canvas')) { const e = new Error("Cannot find module '" + req + "'"); e.code = 'MODULE_NOT_FOUND'; throw e; } return r.call(this, req, ...a); };`,
    );
    const file = saveTo(tmp, 'plain.pdf', writePdf(documentPdf([{ rows: fixture('tianjin-hebei-court-2023').rows }])));
    const r = cli([file, '--json'], ['-r', block]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as Entry[])[0]?.status).toBe('normalized');
  });
});
