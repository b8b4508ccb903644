/**
 * Hostile and unusual files on the command line: never a crash, never the input overwritten, never a
 * silent guess. Each case ends in a right answer or a one-line error, under a memory limit.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, linkSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { ModelSchema } from '../src/core';
import { FIXTURES, HEADER, IND } from './helpers';

const BIN = join(__dirname, '..', 'bin', 'budget-normalize.js');
/** The CLI under a 256 MB heap: a hostile file must not need more. */
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--max-old-space-size=256', BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
const tmp = mkdtempSync(join(tmpdir(), 'bn-hostile-'));
const oneLine = (r: { stderr: string }) => r.stderr.trim().split('\n').length;

describe('never write over the input', () => {
  test('-o the input itself, through another path, a symbolic link or a hard link: exit 2, the file untouched', async () => {
    const input = join(tmp, 'book.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表');
    ws.addRows(
      readFileSync(join(FIXTURES, 'guangzhou-court-2024.tsv'), 'utf8')
        .split('\n')
        .map((l) => l.split('\t')),
    );
    wb.addWorksheet('用户的另一张表').getCell('A1').value = { formula: '1+1', result: 2 };
    await wb.xlsx.writeFile(input);
    const before = readFileSync(input);
    symlinkSync(input, join(tmp, 'link.xlsx'));
    linkSync(input, join(tmp, 'hard.xlsx'));
    for (const out of [input, join(tmp, '.', 'book.xlsx'), join(tmp, 'link.xlsx'), join(tmp, 'hard.xlsx')]) {
      const r = run(input, '-o', out);
      expect([out, r.status, oneLine(r)]).toEqual([out, 2, 1]);
      expect(r.stderr).toContain('is the input file itself');
    }
    expect(readFileSync(input).equals(before)).toBe(true);
  }, 60_000);
});

describe('encoding decided on the whole text', () => {
  const table = `${HEADER}\n项目一\t10.00\t10.00\t\t\t目标\t${IND(3)}\n`
    .repeat(1)
    .concat(`项目二\t20.00\t20.00\t\t\t目标\t${IND(3)}\n`.repeat(5));

  test('UTF-8 with one stray byte: read as UTF-8, the byte replaced, a warning at its cell and a line on stderr', () => {
    const bytes = Buffer.from(table, 'utf8');
    const at = bytes.indexOf(Buffer.from('项目一'));
    const broken = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)]);
    const file = join(tmp, 'stray.tsv');
    writeFileSync(file, broken);
    const r = run(file, '--json');
    expect(r.status).toBe(0);
    const model = ModelSchema.parse(JSON.parse(r.stdout));
    expect(model.rows[1]?.name).toBe('\uFFFD项目一');
    expect(model.flags.filter((f) => f.code === 'encoding-repaired').map((f) => [f.cell, f.severity])).toEqual([['A2', 'warning']]);
    expect(r.stderr).toMatch(/^budget-normalize: 1 bytes of .* were not valid UTF-8 and were replaced \(first at A2\)\n$/);
  });

  test('GB18030 is read as GB18030; bytes that are neither are refused with one line', () => {
    const gb = join(tmp, 'gb.tsv');
    writeFileSync(gb, Buffer.from(new Uint8Array([0xcf, 0xee, 0xc4, 0xbf, 0xc3, 0xfb, 0xb3, 0xc6, 0x09, 0xd7, 0xdc, 0xbc, 0xc6, 0x0a]))); // 项目名称 \t 总计
    const r = run(gb, '--json');
    // The header alone: nothing to read, said.
    expect([r.status, oneLine(r)]).toEqual([2, 1]);
    expect(r.stderr).toContain('nothing was recognised');
    const junk = join(tmp, 'junk.tsv');
    writeFileSync(junk, Buffer.from(Array.from({ length: 4000 }, (_, i) => (i % 7 === 0 ? 0xff : 0x80 + (i % 60)))));
    const j = run(junk);
    expect([j.status, oneLine(j)]).toEqual([2, 1]);
    expect(j.stderr).toContain('neither UTF-8 nor GB18030');
  });
});

describe('quotes and types: never a row swallowed, never a binary file decoded as text', () => {
  test('a stray quote at a field start in OCR text does not run rows together', () => {
    const file = join(tmp, 'stray-quote.tsv');
    const rows = [HEADER, `"送必达\t10.00\t10.00\t\t\t目标\t${IND(2)}`, `项目二\t20.00\t20.00\t\t\t目标"\t${IND(2)}`];
    writeFileSync(file, rows.join('\n') + '\n');
    const r = run(file, '--json');
    expect(r.status).toBe(0);
    const model = ModelSchema.parse(JSON.parse(r.stdout));
    expect(model.rows.slice(1).map((x) => x.name)).toEqual(['"送必达', '项目二']);
  });

  test('a file with a quote opening every field and closing none reads as a paste splits it', () => {
    const file = join(tmp, 'quotes.tsv');
    const line = `"项目\t"10.00\t"10.00\t\t\t"目标\t${IND(1)}`;
    writeFileSync(file, [HEADER, ...Array.from({ length: 300 }, () => line)].join('\n') + '\n');
    const r = run(file, '--json');
    expect([r.status, r.stderr]).toEqual([0, '']);
    const model = ModelSchema.parse(JSON.parse(r.stdout));
    expect(model.rows).toHaveLength(301);
    expect(model.rows[1]?.name).toBe('"项目');
  }, 60_000);
});

describe('digit groups, exit codes, exact amounts', () => {
  test('`13, 586. 01` and `1 234.50` are numbers; `12 34` and `119 119` are unparsable, never guessed', () => {
    const file = join(tmp, 'groups.tsv');
    writeFileSync(
      file,
      [
        HEADER,
        `甲\t13, 586. 01\t13, 586. 01\t\t\t目标\t${IND(1)}`,
        `乙\t1 234.50\t1 234.50\t\t\t目标\t${IND(1)}`,
        `丙\t12 34\t12.34\t\t\t目标\t${IND(1)}`,
        `丁\t119 119\t119.00\t\t\t目标\t${IND(1)}`,
      ].join('\n'),
    );
    const model = ModelSchema.parse(JSON.parse(run(file, '--json').stdout));
    expect(model.rows.slice(1).map((r) => r.amounts.total)).toEqual([13586.01, 1234.5, null, null]);
    expect(model.flags.filter((f) => f.code === 'unparsable-amount').map((f) => f.cell)).toEqual(['B4', 'B5']);
  });

  test('empty input and a header alone: exit 2 with a message; --fail-on: exit 3 at or above the level', () => {
    const empty = join(tmp, 'empty.tsv');
    writeFileSync(empty, '\n\n');
    expect(run(empty).stderr).toContain('is empty');
    expect(run(empty).status).toBe(2);
    const head = join(tmp, 'head.tsv');
    writeFileSync(head, HEADER + '\n');
    expect(run(head).status).toBe(2);
    const fixture = join(FIXTURES, 'guangzhou-court-2024.tsv');
    expect(run(fixture, '--fail-on', 'error').status).toBe(0);
    expect(run(fixture, '--fail-on', 'warning').status).toBe(3);
    expect(run(fixture, '--fail-on', 'often').status).toBe(2);
  });

  test('--unit 万元 keeps every decimal in the summary and the sheet', async () => {
    const file = join(tmp, 'yuan.tsv');
    writeFileSync(file, ['单位:元', HEADER, `甲\t12,345.67\t12,345.66\t\t0.01\t目标\t${IND(1)}`].join('\n'));
    const r = run(file, '--unit', '万元', '-o', join(tmp, 'yuan.xlsx'));
    expect(r.stdout).toContain('1.234567 / 1.234566 / — / 0.000001');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(tmp, 'yuan.xlsx'));
    // As many decimals as the amounts have (6 here: 0.000001 万元 is 0.01 元), up to 8.
    expect(wb.getWorksheet('规范化')?.getColumn(6).numFmt).toBe('#,##0.00####');
  });
});

describe('.xlsx cells as Excel shows them', () => {
  test('a merged cell is empty below its first; a formula without a value is to be calculated first; a long formula value is rounded, and said', async () => {
    const file = join(tmp, 'cells.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表');
    ws.addRow(HEADER.split('\t'));
    ws.addRow(['甲', 100 / 3, 100 / 3, null, null, '目标', IND(1)]);
    ws.getCell('B2').value = { formula: '100/3', result: 100 / 3 } as ExcelJS.CellFormulaValue;
    ws.getCell('C2').value = { formula: '100/3', result: 100 / 3 } as ExcelJS.CellFormulaValue;
    ws.addRow(['乙', null, 5, null, null, '目标', IND(1)]);
    ws.getCell('B3').value = { formula: 'C3' } as ExcelJS.CellFormulaValue;
    ws.addRow(['丙', 7, 7, null, null, '合并的目标', IND(1)]);
    ws.addRow(['丁', 7, 7, null, null, '', IND(1)]);
    ws.mergeCells('F4:F5');
    await wb.xlsx.writeFile(file);
    const r = run(file, '--json');
    expect(r.status).toBe(0);
    const model = ModelSchema.parse(JSON.parse(r.stdout));
    expect(model.rows[1]?.amounts.total).toBe(33.3333);
    expect(model.flags.filter((f) => f.code === 'amount-rounded').map((f) => [f.cell, f.severity])).toEqual([
      ['B2', 'info'],
      ['C2', 'info'],
    ]);
    const formula = model.flags.find((f) => f.cell === 'B3');
    expect(formula?.code).toBe('unparsable-amount');
    expect(formula?.message.zh).toContain('请先用 Excel 或 WPS 打开并保存该文件');
    expect(model.rows[4]?.goal).toBeNull();
  });

  test('a formula filled down (a shared formula) is a formula too: its long value is rounded and said, never unparsable', async () => {
    const file = join(tmp, 'shared.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表');
    ws.addRow(HEADER.split('\t'));
    ws.addRow(['甲', null, 33.3333, null, null, '目标', IND(1)]);
    ws.addRow(['乙', null, 66.6667, null, null, '目标', IND(1)]);
    ws.getCell('B2').value = { formula: '100/3', result: 100 / 3, shareType: 'shared', ref: 'B2:B3' } as ExcelJS.CellFormulaValue;
    ws.getCell('B3').value = { sharedFormula: 'B2', result: 200 / 3 } as ExcelJS.CellSharedFormulaValue;
    await wb.xlsx.writeFile(file);
    const r = run(file, '--json');
    expect(r.status).toBe(0);
    const model = ModelSchema.parse(JSON.parse(r.stdout));
    expect(model.rows.slice(1).map((row) => row.amounts.total)).toEqual([33.3333, 66.6667]);
    expect(model.flags.filter((f) => f.cell === 'B2' || f.cell === 'B3').map((f) => [f.cell, f.code])).toEqual([
      ['B2', 'amount-rounded'],
      ['B3', 'amount-rounded'],
    ]);
  });
});

/** A zip of one part, deflated, with a true directory: what an .xlsx is made of. */
function zipOf(name: string, data: Buffer): Buffer {
  const body = deflateRawSync(data, { level: 1 });
  const fname = Buffer.from(name, 'utf8');
  const crc = crc32(data);
  // Little-endian records: [offset, value, bytes] per field (APPNOTE.TXT 4.3.7, 4.3.12, 4.3.16).
  const record = (size: number, fields: Array<[number, number, 2 | 4]>): Buffer => {
    const b = Buffer.alloc(size);
    for (const [at, v, n] of fields) {
      if (n === 4) b.writeUInt32LE(v, at);
      else b.writeUInt16LE(v, at);
    }
    return b;
  };
  const sizes: Array<[number, number, 2 | 4]> = [
    [crc, 4],
    [body.length, 4],
    [data.length, 4],
    [fname.length, 2],
  ].map(([v, n], k) => [k * 4, v as number, n as 2 | 4]);
  const at = (base: number) => sizes.map(([o, v, n]): [number, number, 2 | 4] => [base + o, v, n]);
  const local = record(30, [[0, 0x04034b50, 4], [4, 20, 2], [8, 8, 2], ...at(14)]);
  const central = record(46, [[0, 0x02014b50, 4], [4, 20, 2], [6, 20, 2], [10, 8, 2], ...at(16)]);
  const eocd = record(22, [
    [0, 0x06054b50, 4],
    [8, 1, 2],
    [10, 1, 2],
    [12, 46 + fname.length, 4],
    [16, 30 + fname.length + body.length, 4],
  ]);
  return Buffer.concat([local, fname, body, central, fname, eocd]);
}

describe('sparse and oversized .xlsx', () => {
  const table = readFileSync(join(FIXTURES, 'guangzhou-court-2024.tsv'), 'utf8')
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => l.split('\t'));

  test('one cell at XFD1048576: read in a 256 MB heap, the one cell only (nothing recognised: exit 2, one line)', async () => {
    const file = join(tmp, 'far.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('表').getCell('XFD1048576').value = '项目名称';
    await wb.xlsx.writeFile(file);
    const r = run(file);
    expect([r.status, oneLine(r)]).toEqual([2, 1]);
    expect(r.stderr).toContain('nothing was recognised');
  }, 60_000);

  test('a table far down and right: read from its first cell, said on stderr, and -o marks the cells where they stand', async () => {
    const file = join(tmp, 'down.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表');
    // The table at K400001 (0-based origin row 400,000, column 10): A1 to its end is more than 5,000,000 cells.
    table.forEach((row, r) => row.forEach((v, c) => v !== '' && (ws.getCell(400_001 + r, 11 + c).value = v)));
    await wb.xlsx.writeFile(file);
    const out = join(tmp, 'down-out.xlsx');
    const r = run(file, '-o', out, '--json');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('start at K400001');
    const model = ModelSchema.parse(JSON.parse(r.stdout));
    const plain = spawnSync(process.execPath, [BIN, join(FIXTURES, 'guangzhou-court-2024.tsv'), '--json'], { encoding: 'utf8' });
    const expected = ModelSchema.parse(JSON.parse(plain.stdout));
    expect(model.summary).toEqual(expected.summary);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(out);
    const src = back.worksheets[0] as ExcelJS.Worksheet;
    expect(src.getCell('K400001').value).toBe(table[0]?.[0]);
    const mark = expected.flags.find((f) => f.severity === 'warning' && !f.code.startsWith('review-'));
    expect(mark).toBeDefined();
    // The same finding, moved by the origin: row + 400,000, column + 10; nothing marked at its place from A1.
    expect(src.getCell((mark?.row ?? 0) + 400_000, (mark?.col ?? 0) + 11).note).toBeTruthy();
    expect(src.getCell(mark?.row ?? 0, (mark?.col ?? 0) + 1).note).toBeFalsy();
  }, 120_000);

  test('a table and one stray cell at XFD1048576: refused in one line that names where the cells are', async () => {
    const file = join(tmp, 'stray.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表');
    ws.addRows(table);
    ws.getCell('XFD1048576').value = 'x';
    await wb.xlsx.writeFile(file);
    const r = run(file);
    expect([r.status, oneLine(r)]).toEqual([2, 1]);
    expect(r.stderr).toContain('spread over A1:XFD1048576');
  }, 60_000);

  test('a small file whose sheet unpacks to 300 MB: refused from the zip directory, before anything is unpacked', () => {
    const file = join(tmp, 'bomb.xlsx');
    writeFileSync(file, zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(300_000_000, 0x20)));
    expect(readFileSync(file).length).toBeLessThan(2_000_000);
    const r = run(file);
    expect([r.status, oneLine(r)]).toEqual([2, 1]);
    expect(r.stderr).toContain('unpacks to 300 MB');
  }, 60_000);
});

describe('the .xlsx limits, each an option', () => {
  test('more present cells than --max-cells, or parts larger than --max-unpacked-mb / --max-part-mb: refused in one line; raised, read', async () => {
    const file = join(tmp, 'limits.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('表').addRows(
      readFileSync(join(FIXTURES, 'guangzhou-court-2024.tsv'), 'utf8')
        .split('\n')
        .map((l) => l.split('\t')),
    );
    await wb.xlsx.writeFile(file);
    const cells = run(file, '--max-cells', '50');
    expect([cells.status, oneLine(cells)]).toEqual([2, 1]);
    expect(cells.stderr).toContain('holds more than 50 cells (--max-cells');
    const total = run(file, '--max-unpacked-mb', '0.01');
    expect([total.status, oneLine(total)]).toEqual([2, 1]);
    expect(total.stderr).toContain('(--max-unpacked-mb)');
    const part = run(file, '--max-part-mb', '0.001');
    expect([part.status, oneLine(part)]).toEqual([2, 1]);
    expect(part.stderr).toContain('(--max-part-mb)');
    expect(run(file, '--max-cells', '100000', '--max-unpacked-mb', '10', '--max-part-mb', '10').status).toBe(0);
    expect(run(file, '--max-cells', 'many').status).toBe(2);
  }, 60_000);
});

describe("Excel's limits kept", () => {
  test('20,000 columns and a 40,000-character cell: the output is written within 16,384 columns and 32,767 characters, each cut said', async () => {
    const rows = readFileSync(join(FIXTURES, 'guangzhou-court-2024.tsv'), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.split('\t'));
    const long = '很长的说明'.repeat(8000);
    (rows[2] as string[])[7] = long;
    const wide = rows.map((row, r) => [...row, ...new Array<string>(20_000 - row.length - 1).fill(''), r === 3 ? '远处' : '']);
    const file = join(tmp, 'wide.tsv');
    writeFileSync(file, wide.map((r) => r.join('\t')).join('\n') + '\n');
    const out = join(tmp, 'wide-out.xlsx');
    const r = run(file, '-o', out, '--json');
    expect(r.status).toBe(0);
    const model = ModelSchema.parse(JSON.parse(r.stdout));
    const cuts = model.flags.filter((f) => f.code === 'columns-cut' || f.code === 'cell-cut').map((f) => [f.code, f.cell, f.severity]);
    expect(cuts).toEqual([
      ['cell-cut', 'H3', 'warning'],
      ['columns-cut', 'XFD4', 'warning'],
    ]);
    expect(model.flags.find((f) => f.code === 'columns-cut')?.message.en).toContain('1 more cell after column 16,384 (XFD), from ACOF4');
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(out);
    const src = back.worksheets[0] as ExcelJS.Worksheet;
    expect(String(src.getCell('H3').value).length).toBe(32_767);
    expect(src.columnCount).toBeLessThanOrEqual(16_384);
    expect(back.worksheets.length).toBeGreaterThan(1);
  }, 120_000);
});

describe('--lang with -o', () => {
  const marksOf = async (out: string) => {
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(out);
    const notes: string[] = [];
    (back.worksheets[0] as ExcelJS.Worksheet).eachRow((row) =>
      row.eachCell((c) => {
        if (c.note) notes.push(typeof c.note === 'string' ? c.note : (c.note.texts?.map((t) => t.text).join('') ?? ''));
      }),
    );
    return notes;
  };
  test('both (the default): notes in Chinese then English; en: English only', async () => {
    const input = join(FIXTURES, 'guangzhou-court-2024.tsv');
    const both = join(tmp, 'both.xlsx');
    const en = join(tmp, 'en.xlsx');
    expect(run(input, '-o', both).status).toBe(0);
    expect(run(input, '-o', en, '--lang', 'en').status).toBe(0);
    const b = await marksOf(both);
    const e = await marksOf(en);
    expect(b.length).toBeGreaterThan(0);
    expect(b.length).toBe(e.length);
    const hasHan = (t: string) => /[\u4e00-\u9fff]/.test(t);
    const hasLatinWords = (t: string) => /\b[a-z]{4,}\b/.test(t);
    expect(b.every((t) => hasHan(t) && hasLatinWords(t))).toBe(true);
    expect(e.some((t) => hasLatinWords(t))).toBe(true);
  }, 60_000);
});

test('fixtures stay copies of the team`s, and the CLI is what the tests run', () => {
  copyFileSync(join(FIXTURES, 'guangzhou-court-2024.tsv'), join(tmp, 'copy.tsv'));
  expect(run(join(tmp, 'copy.tsv')).status).toBe(0);
});
