/**
 * The CLI's input, in process (issue 20): cells as the user sees them. Number formats and hidden rows of
 * an .xlsx, Excel's quoted text files, and files judged by their bytes. `readInput` and `normalize` are
 * called directly; the workbooks are written with exceljs into a temporary folder.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import fc from 'fast-check';
import { isShownNumber, normalize, type Cell, type Model, type OptionsInput } from '../src/core';
import { InputError, parseCsv, parseTsv, readInput, type ReadInput } from '../src/cli/read';
import { MAX_CELL_LINE_BREAKS, splitDelimited } from '../src/cli/delimited';
import { serialOf, shownDate, ZH_CN_BUILTIN_FORMATS } from '../src/cli/xlsx-cells';
import { run, type RunIO } from '../src/cli/main';
import { silentProgress } from '../src/cli/progress';
import { batchText } from '../src/cli/batch-text';
import type { Outcome } from '../src/cli/batch';
import { FIXTURES, fixtureGrid, fixtureText } from './helpers';

const tmp = mkdtempSync(join(tmpdir(), 'bn-cli-input-'));
const REAL = join(FIXTURES, 'real');

/** How a paste splits text: one row per line, one cell per tab, no quotes (the reader before issue 20). */
const pasteSplit = (text: string, delimiter = '\t'): string[][] => {
  const out = text.split(/\r\n|\n|\r/);
  if (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.map((l) => l.split(delimiter));
};

/** A cell of a workbook to write: a value, with a number format. */
interface Formatted {
  v: ExcelJS.CellValue;
  fmt: string;
}
const isFormatted = (c: unknown): c is Formatted => typeof c === 'object' && c !== null && 'fmt' in c;

/** An .xlsx of these rows (1-based hidden rows and columns), written to the temporary folder. */
async function workbook(
  name: string,
  rows: ReadonlyArray<ReadonlyArray<Cell | Formatted | Date>>,
  hidden: { rows?: number[]; cols?: number[]; at?: { row: number; col: number } } = {},
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表');
  const at = hidden.at ?? { row: 1, col: 1 };
  rows.forEach((row, r) =>
    row.forEach((c, k) => {
      if (c === null || c === undefined || c === '') return;
      const cell = ws.getCell(at.row + r, at.col + k);
      if (isFormatted(c)) {
        cell.value = c.v;
        cell.numFmt = c.fmt;
      } else cell.value = c as ExcelJS.CellValue;
    }),
  );
  for (const r of hidden.rows ?? []) ws.getRow(r).hidden = true;
  for (const c of hidden.cols ?? []) ws.getColumn(c).hidden = true;
  const path = join(tmp, name);
  await wb.xlsx.writeFile(path);
  return path;
}

/** The model of what `readInput` gave, as the CLI runs it. */
const modelOf = (read: ReadInput, options: OptionsInput = {}): Model =>
  normalize({ cells: read.grid, hiddenRows: read.hiddenRows ?? [], hiddenCols: read.hiddenCols ?? [] }, options);

const rowsOf = (m: Model) => m.rows.map((r) => [r.row, r.kind, r.name, r.amounts, r.goal, r.indicators]);
const flagsOf = (m: Model) => m.flags.map((f) => `${f.cell} ${f.code}`);

describe('quoted fields, as Excel writes "Text (Tab delimited)" and CSV', () => {
  test('a field that starts with a quote and closes at a delimiter or line end holds tabs, line breaks and ""', () => {
    const text = '"a\tb"\t"第一行\n第二行"\t"开展""法治""宣传"\tplain\r\n"x"\t\t"CRLF\r\nin a cell"\r\nlast\t""';
    expect(parseTsv(text)).toEqual([
      ['a\tb', '第一行\n第二行', '开展"法治"宣传', 'plain'],
      ['x', '', 'CRLF\nin a cell'],
      ['last', ''],
    ]);
    expect(parseCsv('名称,"1,250.00","a ""b""\nc"\n')).toEqual([['名称', '1,250.00', 'a "b"\nc']]);
  });

  test('a quote inside a field is a character: the sample table reads exactly as a paste splits it', () => {
    const text = fixtureText('guangzhou-court-2024.tsv');
    expect(text).toContain('法院"送必达、执 必果"配套');
    expect(parseTsv(text)).toEqual(pasteSplit(text));
  });

  test('every .tsv fixture reads exactly as a paste splits it', () => {
    const files = [
      ...readdirSync(FIXTURES)
        .filter((f) => f.endsWith('.tsv'))
        .map((f) => join(FIXTURES, f)),
      ...readdirSync(REAL).flatMap((d) => {
        try {
          return readdirSync(join(REAL, d))
            .filter((f) => f.endsWith('.tsv'))
            .map((f) => join(REAL, d, f));
        } catch {
          return [];
        }
      }),
    ];
    expect(files.length).toBeGreaterThan(4);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect([f, parseTsv(text)]).toEqual([f, pasteSplit(text)]);
    }
  });

  test('text whose quotes never open a field splits as a paste does (property)', () => {
    const char = fc.constantFrom('a', '项', ' ', '"', '\t', '\n', '\r', ',', '1');
    fc.assert(
      fc.property(fc.array(char, { maxLength: 60 }), (chars) => {
        const text = chars.join('');
        fc.pre(!/(^|[\t\r\n])"/.test(text));
        expect(splitDelimited(text, '\t')).toEqual(pasteSplit(text));
      }),
      { numRuns: 500 },
    );
  });

  test('an opening quote that never closes properly does not swallow the rest of the file', () => {
    // OCR: a quote opens a field and is closed inside it (`"智慧法院"建设`), or never.
    expect(parseTsv('"智慧法院"建设\t10\n下一行\t20\n')).toEqual([
      ['"智慧法院"建设', '10'],
      ['下一行', '20'],
    ]);
    expect(parseTsv('项目\t"送必达\t10\n下一行\t20\n')).toEqual([
      ['项目', '"送必达', '10'],
      ['下一行', '20'],
    ]);
    // A stray quote at a field's start and another at a field's end two rows later: the rows run
    // together would hold tabs and line breaks, which no cell typed in Excel does.
    const ocr = '项目一\t"送必达\t10\n项目二\t20\n项目三\t执必果"\n';
    expect(parseTsv(ocr)).toEqual(pasteSplit(ocr));
    // A cell wrapped over two lines, its quotes at its ends, is one cell.
    expect(parseTsv('名称\t"第一行\n第二行"\n')).toEqual([['名称', '第一行\n第二行']]);
    // More line breaks than Excel allows in a cell (253): not a cell.
    const many = `"${'行\n'.repeat(MAX_CELL_LINE_BREAKS + 1)}"\n`;
    expect(parseTsv(many)).toEqual(pasteSplit(many));
    const enough = `"${'行\n'.repeat(MAX_CELL_LINE_BREAKS)}"\n`;
    expect(parseTsv(enough)).toHaveLength(1);
  });

  test('an Excel-written quoted .txt and the same table as .xlsx give the same model', async () => {
    const grid = fixtureGrid().map((row) => row.map((c) => String(c ?? '')));
    // Row 5 (其他机构运行经费): a goal of two lines with quotes; row 6 keeps its lone quotes.
    const goal = '1.开展"法治"宣传;\n2.为审判执行工作做好保障。';
    (grid[4] as string[])[5] = goal;
    // As Excel saves "Text (Tab delimited)": a cell with a tab, a line break or a quote in quotes,
    // its quotes doubled; rows end in CRLF, a line break in a cell is LF.
    const excelField = (c: string) => (/[\t\n"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    const txt = join(tmp, 'excel-text.txt');
    writeFileSync(txt, `${grid.map((row) => row.map(excelField).join('\t')).join('\r\n')}\r\n`);
    const xlsx = await workbook(
      'excel-text.xlsx',
      grid.map((row) => row.map((c) => (c === '' ? null : c))),
    );
    const readTxt = await readInput(txt);
    expect(readTxt.grid).toEqual(grid);
    const fromTxt = modelOf(readTxt);
    const fromXlsx = modelOf(await readInput(xlsx));
    expect(rowsOf(fromTxt)).toEqual(rowsOf(fromXlsx));
    expect(flagsOf(fromTxt)).toEqual(flagsOf(fromXlsx));
    expect(fromTxt.summary).toMatchObject({ projects: 25, units: 2 });
    expect(fromTxt.rows[4]?.goal).toMatch(/^1\.开展"法治"宣传;\s+2\.为审判执行工作做好保障。$/);
    expect(fromTxt.rows[5]?.name).toContain('"送必达、执必果"');
    // Split as a paste, the same file had more rows than the table, and the goal kept its doubled quotes.
    const naive = pasteSplit(readFileSync(txt, 'utf8'));
    expect(naive.length).toBeGreaterThan(grid.length);
    expect(naive.flat().join('')).toContain('""法治""');
  });
});

describe('.xlsx number formats: each number as its cell shows it', () => {
  const header = ['单位名称', '项目名称', '预算数', '一级指标', '二级指标', '三级指标', '指标值'];

  test('percent, thousands and date formats come through the reader as shown', async () => {
    const path = await workbook('formats.xlsx', [
      header,
      ['某单位', '项目一', { v: 1250, fmt: '#,##0.00' }, '产出指标', '质量指标', '验收合格率', { v: 1, fmt: '0%' }],
      [null, null, null, null, '时效指标', '完成时间', { v: new Date(Date.UTC(2021, 11, 31)), fmt: 'yyyy"年"m"月"d"日"' }],
      [null, null, null, null, '数量指标', '完成率', { v: 0.955, fmt: '0.0%' }],
      [null, null, null, null, '数量指标', '采购数', { v: { formula: 'A1', result: 0.95 }, fmt: '0%' } as Formatted],
      [null, null, null, null, '数量指标', '截止日', new Date(Date.UTC(2022, 5, 30))],
    ]);
    const read = await readInput(path);
    const g = read.grid;
    expect(g[1]?.[2]).toBe(1250);
    expect(g[1]?.[6]).toEqual({ value: 1, text: '100%' });
    expect(g[2]?.[6]).toEqual({ value: 44561, text: '2021年12月31日' });
    expect(g[3]?.[6]).toEqual({ value: 0.955, text: '95.5%' });
    expect(g[4]?.[6]).toEqual({ value: 0.95, text: '95%' });
    // A date with exceljs's default format: built-in 14, shown as a Chinese Excel shows it.
    expect(g[5]?.[6]).toEqual({ value: 44742, text: '2022/6/30' });
    expect(g.flat().some((c) => c instanceof Date || (typeof c === 'string' && /^\d{4}-\d\d-\d\d/.test(c)))).toBe(false);
    const model = modelOf(read);
    const project = model.rows.find((r) => r.name === '项目一');
    expect(project?.amounts.total).toBe(1250);
    const targets = project?.indicators.map((i) => [i.name, i.annual ?? i.period]);
    expect(targets?.[0]).toEqual(['验收合格率', { raw: '100%', op: '=', value: 100, unit: '%' }]);
    expect(targets?.[1]?.[1]).toMatchObject({ raw: '2021年12月31日' });
    expect(targets?.[2]).toEqual(['完成率', { raw: '95.5%', op: '=', value: 95.5, unit: '%' }]);
    expect(targets?.[3]).toEqual(['采购数', { raw: '95%', op: '=', value: 95, unit: '%' }]);
  });

  test('thousands-formatted amounts read exact; a date in a name or goal reads as its text', async () => {
    const path = await workbook('amounts.xlsx', [
      ['项目名称', '总计', '财政拨款', '其他资金', '绩效目标'],
      ['合计', { v: 13586.01, fmt: '#,##0.00' }, { v: 13541.65, fmt: '#,##0.00' }, { v: 44.36, fmt: '#,##0.00' }, null],
      [
        { v: new Date(Date.UTC(2021, 0, 5)), fmt: 'yyyy"年"m"月"d"日"' },
        { v: 13586.01, fmt: '#,##0.00' },
        { v: 13541.65, fmt: '#,##0.00' },
        { v: 44.36, fmt: '#,##0.00' },
        { v: new Date(Date.UTC(2021, 11, 31)), fmt: 'yyyy"年"m"月"d"日"' },
      ],
    ]);
    const model = modelOf(await readInput(path));
    expect(model.rows[1]?.amounts).toMatchObject({ total: 13586.01, fiscal: 13541.65, other: 44.36 });
    expect(model.rows[2]).toMatchObject({ name: '2021年1月5日', goal: '2021年12月31日' });
    expect(model.rows[2]?.amounts).toMatchObject({ total: 13586.01, fiscal: 13541.65, other: 44.36 });
    expect(model.flags.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('built-in ids exceljs leaves without a format (zh-CN 27–36, 50–58) are shown as a Chinese Excel shows them', async () => {
    const path = await workbook('builtin.xlsx', [
      ['日期', { v: new Date(Date.UTC(2021, 11, 31)), fmt: 'yyyy"年"m"月"d"日"' }],
      ['月份', { v: new Date(Date.UTC(2021, 11, 31)), fmt: 'yyyy"年"m"月"' }],
    ]);
    // Rewrite the file's own codes as the built-in ids 31 and 57, as a Chinese Excel writes them.
    const zip = await JSZip.loadAsync(readFileSync(path));
    let styles = (await zip.file('xl/styles.xml')?.async('string')) as string;
    for (const [code, id] of [
      ['yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;', 31],
      ['yyyy&quot;年&quot;m&quot;月&quot;', 57],
    ] as const) {
      const m = new RegExp(`<numFmt numFmtId="(\\d+)" formatCode="${code}"/>`).exec(styles);
      expect(m).not.toBeNull();
      styles = styles.replace(m?.[0] as string, '').replace(new RegExp(`numFmtId="${m?.[1]}"`, 'g'), `numFmtId="${id}"`);
    }
    zip.file('xl/styles.xml', styles);
    const rewritten = join(tmp, 'builtin-ids.xlsx');
    writeFileSync(rewritten, await zip.generateAsync({ type: 'nodebuffer' }));
    const read = await readInput(rewritten);
    expect(read.grid.map((r) => r[1])).toEqual([
      { value: 44561, text: '2021年12月31日' },
      { value: 44561, text: '2021年12月' },
    ]);
    expect(ZH_CN_BUILTIN_FORMATS[31]).toBe('yyyy"年"m"月"d"日"');
    // The table is exceljs's own again once the workbook is read.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(rewritten) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets[0]?.getCell('B1').numFmt).toBeUndefined();
  });

  test('dates of the 1904 date system and dates in formats not rendered keep their serial, never an ISO string alone', () => {
    const d = new Date(Date.UTC(2021, 11, 31, 12));
    expect(serialOf(d, false)).toBe(44561.5);
    expect(shownDate(d, 'yyyy/m/d', false)).toEqual({ value: 44561.5, text: '2021/12/31' });
    expect(shownDate(d, 'yyyy/m/d', true)).toEqual({ value: 43099.5, text: '2021/12/31' });
    expect(shownDate(d, 'dddd, mmmm dd, yyyy', false)).toEqual({ value: 44561.5, text: '2021-12-31 12:00:00' });
  });

  test('a real form with 100% targets stored as numbers with a 0% format gives the indicators of its .tsv', async () => {
    const tsv = join(REAL, 'qingshan-edu-weak-schools-2020', 'input.tsv');
    const grid = parseTsv(readFileSync(tsv, 'utf8'));
    let percents = 0;
    const cells = grid.map((row) =>
      row.map((c): Cell | Formatted => {
        const s = String(c ?? '');
        const m = /^(\d+)(?:\.(\d+))?%$/.exec(s);
        if (m === null) return s === '' ? null : s;
        percents++;
        const decimals = m[2]?.length ?? 0;
        return { v: Number(s.slice(0, -1)) / 100, fmt: decimals === 0 ? '0%' : `0.${'0'.repeat(decimals)}%` };
      }),
    );
    expect(percents).toBeGreaterThanOrEqual(5);
    const path = await workbook('qingshan.xlsx', cells);
    const read = await readInput(path);
    expect(read.grid.flat().filter(isShownNumber)).toHaveLength(percents);
    const fromXlsx = modelOf(read);
    const fromTsv = normalize(grid);
    const indicators = (m: Model) => m.rows.map((r) => r.indicators);
    expect(indicators(fromXlsx)).toEqual(indicators(fromTsv));
    expect(indicators(fromXlsx).flat().length).toBeGreaterThan(5);
    expect(
      indicators(fromXlsx)
        .flat()
        .some((i) => i.annual?.raw === '100%' || i.period?.raw === '100%'),
    ).toBe(true);
    expect(flagsOf(fromXlsx)).toEqual(flagsOf(fromTsv));
  });
});

describe('hidden rows and columns of an .xlsx', () => {
  // A unit and its two projects; an old line of 项目一 kept for reference, hidden, below it.
  const rows = [
    ['项目名称', '总计', '财政拨款', '其他资金', '绩效目标'],
    ['合计', '30.00', '30.00', null, null],
    ['某单位', '30.00', '30.00', null, null],
    ['项目一', '10.00', '10.00', null, '目标一'],
    ['项目一(旧)', '12.00', '11.00', null, '已作废'],
    ['项目二', '20.00', '20.00', null, '目标二'],
  ];

  test('a hidden superseded row is left out, said once; the totals add up', async () => {
    const read = await readInput(await workbook('hidden.xlsx', rows, { rows: [5] }));
    expect(read.hiddenRows).toEqual([4]);
    const model = modelOf(read);
    expect(model.flags.filter((f) => f.severity === 'error')).toEqual([]);
    expect(model.flags.filter((f) => f.code === 'hidden-cells').map((f) => [f.cell, f.severity])).toEqual([['A5', 'info']]);
    expect(model.reading.hidden).toEqual({ rows: [5], columns: [], counted: false });
    expect(model.rows.filter((r) => r.kind === 'project').map((r) => r.name)).toEqual(['项目一', '项目二']);
  });

  test('counted with countHidden (--count-hidden): a mismatch appears, and a flag on the hidden row says it is hidden', async () => {
    const read = await readInput(await workbook('hidden-counted.xlsx', rows, { rows: [5] }));
    const model = modelOf(read, { countHidden: true });
    expect(model.reading.hidden).toEqual({ rows: [5], columns: [], counted: true });
    expect(model.rows.filter((r) => r.kind === 'project').map((r) => r.name)).toContain('项目一(旧)');
    const errors = model.flags.filter((f) => f.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    const onHidden = model.flags.filter((f) => /^[A-Z]+5$/.test(f.cell) && f.code !== 'hidden-cells');
    expect(onHidden.length).toBeGreaterThan(0);
    for (const f of onHidden) expect(f.message.en).toContain('hidden row or column');
  });

  test('a hidden column is left out; hidden rows and columns are counted from the grid when it starts further in', async () => {
    const wide = rows.map((r, k) => [...r.slice(0, 4), k === 0 ? '备注' : `旧数 ${k}`, r[4] ?? null]);
    const read = await readInput(await workbook('hidden-col.xlsx', wide, { cols: [5] }));
    expect(read.hiddenCols).toEqual([4]);
    expect(modelOf(read).reading.hidden).toEqual({ rows: [], columns: [4], counted: false });
    // The same table at K101 of a sheet whose cells reach far (the grid starts at the first cell).
    const far = await workbook('hidden-far.xlsx', rows, { rows: [104], cols: [13], at: { row: 100, col: 11 } });
    const r2 = await readInput(far, undefined, { maxCells: 1000 });
    expect(r2.origin).toEqual({ row: 99, col: 10 });
    expect(r2.hiddenRows).toEqual([4]);
    expect(r2.hiddenCols).toEqual([2]);
  });
});

describe('types by content, not by extension', () => {
  const io = (): RunIO & { text: () => string } => {
    let text = '';
    return {
      out: {
        write: (s: string) => {
          text += s;
          return undefined;
        },
        flush: () => undefined,
      },
      progress: () => silentProgress,
      text: () => text,
    };
  };
  const ole = (...streams: string[]) =>
    Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
      ...streams.map((s) => Buffer.from(s, 'utf16le')),
    ]);
  const zipOf = async (files: Record<string, string>, first?: [string, string]) => {
    const z = new JSZip();
    if (first) z.file(first[0], first[1], { compression: 'STORE' });
    for (const [name, text] of Object.entries(files)) z.file(name, text);
    return z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  };
  const bmp = Buffer.alloc(60);
  bmp.write('BM', 0, 'latin1');
  bmp.writeUInt32LE(40, 14);

  const cases: Array<[string, () => Promise<Buffer> | Buffer, RegExp]> = [
    // A PDF holds tables, not one grid: the CLI reads it with the PDF reader (test/pdf.test.ts), never as text.
    ['report.pdf', () => Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), /is a PDF: its tables are read by the PDF reader/],
    ['report.xls', () => ole('Workbook'), /is an Excel 97–2003 workbook \(\.xls\): open it in Excel or WPS and save it as \.xlsx$/],
    ['report.txt', () => ole('Workbook'), /is an Excel 97–2003 workbook \(\.xls\)/],
    ['report.et', () => ole('Workbook'), /is a WPS Spreadsheets workbook \(\.et\): open it in WPS and save it as \.xlsx$/],
    ['report.doc', () => ole('WordDocument'), /is a Word 97–2003 document \(\.doc\): open it, copy the table into Excel/],
    ['report.xlsx', () => ole('EncryptedPackage', 'EncryptionInfo'), /is a password-protected workbook/],
    ['report.dat', () => ole('Something'), /is an Office 97–2003 file: open it in the program that made it/],
    ['report.docx', () => zipOf({ '[Content_Types].xml': '<x/>', 'word/document.xml': '<w/>' }), /is a Word document \(\.docx\)/],
    ['report.pptx', () => zipOf({ 'ppt/presentation.xml': '<p/>' }), /is a PowerPoint presentation \(\.pptx\)/],
    [
      'report.ods',
      () => zipOf({ 'content.xml': '<c/>' }, ['mimetype', 'application/vnd.oasis.opendocument.spreadsheet']),
      /is an OpenDocument spreadsheet \(\.ods\): open it in LibreOffice, WPS or Excel and save it as \.xlsx$/,
    ],
    ['report.xlsb', () => zipOf({ 'xl/workbook.bin': 'b' }), /is an Excel binary workbook \(\.xlsb\)/],
    ['tables.zip', () => zipOf({ 'a.txt': 'a' }), /is a zip archive, not a workbook: unpack it/],
    ['report.xlsx', () => zipOf({ 'a.txt': 'a' }), /is a zip archive, not a workbook/],
    [
      'scan.png',
      () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
      /is an image \(PNG\): a picture of a table cannot be read/,
    ],
    ['scan.jpg', () => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), /is an image \(JPEG\)/],
    ['scan.gif', () => Buffer.from('GIF89a....'), /is an image \(GIF\)/],
    ['scan.bmp', () => bmp, /is an image \(BMP\)/],
    ['scan.tif', () => Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]), /is an image \(TIFF\)/],
    ['scan.webp', () => Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]), /is an image \(WebP\)/],
    ['table.xls', () => Buffer.from('<html><body><table><tr><td>项目</td></tr></table></body></html>'), /is a web page \(HTML\)/],
    ['table.rtf', () => Buffer.from('{\\rtf1\\ansi 项目}'), /is a rich-text document \(\.rtf\)/],
  ];

  test.each(cases)('%s: one line naming what it is and what to do', async (name, bytes, message) => {
    const path = join(tmp, `sniff-${cases.findIndex((c) => c[0] === name && c[1] === bytes)}-${name}`);
    writeFileSync(path, await bytes());
    const err = await readInput(path).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    const text = (err as Error).message;
    expect(text.split('\n')).toHaveLength(1);
    expect(text.startsWith(`${path} is `)).toBe(true);
    expect(text).toMatch(message);
  });

  test('through main: one line on stderr, exit code 2, nothing on stdout', async () => {
    const { main } = await import('../src/cli/main');
    const pdf = join(tmp, 'main.pdf');
    writeFileSync(pdf, '%PDF-1.4\n');
    const err: string[] = [];
    const out: string[] = [];
    const errSpy = jest.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    const outSpy = jest.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    const before = process.exitCode;
    try {
      await main([pdf, '--json']);
      expect(process.exitCode).toBe(2);
    } finally {
      process.exitCode = before;
      errSpy.mockRestore();
      outSpy.mockRestore();
    }
    expect(err).toEqual([
      `budget-normalize: ${pdf} is a PDF that cannot be read (it holds no PDF objects: it was cut short): download it again\n`,
    ]);
    expect(out.join('')).toBe('');
  });

  test('a workbook named .txt and tab-separated text named .xlsx are read as what they are, and said', async () => {
    const text = fixtureText('guangzhou-court-2024.tsv');
    const asXlsx = join(tmp, 'really-text.xlsx');
    writeFileSync(asXlsx, text);
    const book = await workbook(
      'book.xlsx',
      parseTsv(text).map((r) => r.map((c) => (c === '' ? null : c))),
    );
    const asTxt = join(tmp, 'really-a-workbook.txt');
    writeFileSync(asTxt, readFileSync(book));
    const a = await readInput(asXlsx);
    expect(a.grid).toEqual(parseTsv(text));
    expect(a.remarks).toEqual([`${asXlsx} is tab-separated text, not a workbook; it was read as text`]);
    const b = await readInput(asTxt);
    expect(b.remarks).toEqual([`${asTxt} is an .xlsx workbook, not a .txt file; it was read as a workbook`]);
    expect(rowsOf(modelOf(b))).toEqual(rowsOf(modelOf(a)));
    // Said on stderr by the command, which then prints the model.
    const err: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    const sink = io();
    try {
      expect(await run([asTxt, '--json'], sink)).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(err).toEqual([`budget-normalize: ${asTxt} is an .xlsx workbook, not a .txt file; it was read as a workbook\n`]);
    expect(JSON.parse(sink.text()).summary).toMatchObject({ projects: 25 });
    // Plain text without tabs or commas under a workbook's name: told plainly.
    const plain = join(tmp, 'plain.xlsx');
    writeFileSync(plain, 'not a zip');
    await expect(readInput(plain)).rejects.toThrow(/^cannot read .*plain\.xlsx as \.xlsx: it is plain text, not a workbook/);
  });

  test('--count-hidden is an option of the command, and said in --help', async () => {
    const rows = [
      ['项目名称', '总计', '财政拨款'],
      ['合计', '10.00', '10.00'],
      ['项目一', '10.00', '10.00'],
      ['项目一(旧)', '12.00', '12.00'],
    ];
    const path = await workbook('cli-hidden.xlsx', rows, { rows: [4] });
    const plain = io();
    expect(await run([path, '--json'], plain)).toBe(0);
    expect(JSON.parse(plain.text()).reading.hidden).toEqual({ rows: [4], columns: [], counted: false });
    const counted = io();
    expect(await run([path, '--json', '--count-hidden'], counted)).toBe(0);
    expect(JSON.parse(counted.text()).reading.hidden).toEqual({ rows: [4], columns: [], counted: true });
    const help = io();
    expect(await run(['--help'], help)).toBe(0);
    expect(help.text()).toContain('--count-hidden');
  });
});

describe('a batch listing in the language asked for', () => {
  const model = normalize(fixtureGrid());
  const outcomes: Outcome[] = [
    {
      file: 'a.pdf',
      table: 1,
      pages: [1],
      title: '部门收支总表',
      source: 'ruled',
      status: 'skipped',
      reason: 'not a performance-target table (no indicator columns)',
      skip: { code: 'notTarget', why: 'no indicator columns' },
    },
    { file: 'a.pdf', table: 2, pages: [2, 3], title: '项目支出绩效目标表', source: 'ruled', status: 'normalized', model },
    { file: 'b.tsv', table: null, pages: [], title: '', source: 'file', status: 'normalized', model, sheet: '表一' },
    { file: 'c.txt', error: 'cannot read c.txt' },
  ];
  const text = (lang: 'zh' | 'en' | 'both') => [...batchText(outcomes, lang, 'out.xlsx')].join('').split('\n');
  const CJK = /[\u4e00-\u9fff]/;
  // The table's own text: titles, sheet names, the names of its rows and of their indicators.
  const content = [
    '部门收支总表',
    '项目支出绩效目标表',
    '表一',
    ...model.rows.flatMap((r) => [r.name ?? '', ...r.indicators.map((i) => i.name)]),
  ].join('\n');

  test('--lang en: the listing`s and each summary`s labels are English; Chinese only in the table`s own text', () => {
    const lines = text('en');
    expect(lines[0]).toBe('Budget Normalizer · 3 files · 3 tables · normalized 2 · skipped 1 · not read 1');
    expect(lines).toContain('  table 1 · p.1 · 部门收支总表 — skipped: not a performance-target table (no indicator columns)');
    expect(lines).toContain('  table 2 · p.2–3 · 项目支出绩效目标表 — projects 25 · indicators 85 · errors 0 · warnings 20 · infos 1');
    expect(lines).toContain('  not read: cannot read c.txt');
    expect(lines[lines.length - 1]).toBe('written: out.xlsx');
    const foreign = lines.flatMap((l) => (l.match(/[\u4e00-\u9fff]+/g) ?? []).filter((run) => !content.includes(run)));
    expect(foreign).toEqual([]);
    expect(lines.filter((l) => /^(金额单位|结构|问题|已写入)/.test(l))).toEqual([]);
  });

  test('--lang zh: no English halves in the labels', () => {
    const lines = text('zh');
    expect(lines[0]).toBe('预算表规范化 · 3 个文件 · 3 张表 · 已规范化 2 · 跳过 1 · 无法读取 1');
    expect(lines).toContain('  表 1 · p.1 · 部门收支总表 — 跳过: 不是绩效目标表 (没有指标列)');
    expect(lines).toContain('  表 2 · p.2–3 · 项目支出绩效目标表 — 项目 25 · 指标 85 · 错误 0 · 警告 20 · 提示 1');
    expect(lines).toContain('  工作表 表一 — 项目 25 · 指标 85 · 错误 0 · 警告 20 · 提示 1');
    expect(lines[lines.length - 1]).toBe('已写入: out.xlsx');
    expect(lines.filter((l) => /\b(files|tables|normalized|projects|Structure|Issues|written|unit)\b/.test(l))).toEqual([]);
    expect(lines.some((l) => CJK.test(l))).toBe(true);
  });

  test('both (the default): the bilingual listing as before', () => {
    const lines = text('both');
    expect(lines[0]).toBe(
      '预算表规范化 Budget Normalizer · 3 个文件 files · 3 张表 tables · 已规范化 normalized 2 · 跳过 skipped 1 · 无法读取 not read 1',
    );
    expect(lines).toContain(
      '  表 table 1 · p.1 · 部门收支总表 — 跳过 skipped: 不是绩效目标表 not a performance-target table (没有指标列 no indicator columns)',
    );
    expect(lines[lines.length - 1]).toBe('已写入 written: out.xlsx');
  });
});
