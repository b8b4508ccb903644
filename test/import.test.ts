/**
 * Importing a PDF's tables into the workbook (the pane's 从 PDF 导入), against the Excel fake: the sheet as
 * published (source line, cells as text, merged cells merged, ruled rows bordered), only the 绩效目标表 in
 * which something is recognised, each normalized where it stands to the model the command line gives, a
 * table read by alignment said at its first cell, names that never take a user's sheet, a protected
 * workbook refused with nothing written; and the sheet's layout itself (src/pdf/sheet.ts).
 */
import { normalize, strings, type Cell, type Model } from '../src/core';
import type { ExcelHost } from '../src/excel/host';
import { freeName, importReading, writeSheets } from '../src/excel/import';
import { normalizeSelection } from '../src/excel/run';
import { UserError } from '../src/excel/selection';
import { coreCells, type GridCell, type PdfGrid } from '../src/pdf/grid';
import type { PdfReading, PdfTable } from '../src/pdf/read';
import { pageList, publishedSheet, sheetNameOf } from '../src/pdf/sheet';
import { FakeError, FakeExcel, FakeSheet } from './fake-excel/fake';
import { fixtureGrid } from './helpers';

const text = (grid: Cell[][]): string[][] => grid.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))));

interface TableSpec {
  rows: string[][];
  title?: string;
  /** Title lines at the top (not ruled). */
  titleRows?: number;
  /** The page of each row (all on page 1 when absent). */
  rowPages?: number[];
  kind?: 'ruled' | 'aligned';
  target?: boolean;
  /** Merged cells: [row, col, rows, cols], 0-based in `rows`. */
  merges?: Array<[number, number, number, number]>;
}

/** A table as the reader gives it (src/pdf/read.ts), made by hand. */
function tableOf(spec: TableSpec, index = 1): PdfTable {
  const width = Math.max(...spec.rows.map((r) => r.length));
  const rows = spec.rows.map((r) =>
    Array.from({ length: width }, (_, c): GridCell | null => ((r[c] ?? '') === '' ? null : { value: r[c] as string })),
  );
  for (const [r, c, n, m] of spec.merges ?? []) {
    for (let i = r; i < r + n; i++) for (let j = c; j < c + m; j++) (rows[i] as Array<GridCell | null>)[j] = null;
    (rows[r] as Array<GridCell | null>)[c] = { value: spec.rows[r]?.[c] ?? '', span: { rows: n, cols: m } };
  }
  const titleRows = spec.titleRows ?? 0;
  const grid: PdfGrid = {
    rows,
    width,
    rowPages: spec.rowPages ?? rows.map(() => 1),
    droppedRows: 0,
    ruledRows: spec.kind === 'aligned' ? [] : rows.map((_, r) => r).filter((r) => r >= titleRows),
  };
  return {
    index,
    pages: [...new Set(grid.rowPages)],
    kind: spec.kind ?? 'ruled',
    title: spec.title ?? '',
    target: spec.target ?? true,
    why: 'test',
    grid,
    cells: coreCells(grid),
  };
}

const readingOf = (tables: PdfTable[]): PdfReading => ({
  numPages: Math.max(1, ...tables.flatMap((t) => t.pages)),
  pages: [],
  tables,
  runs: 100,
  noText: null,
});

const GZ = text(fixtureGrid());
/** The sample table as a PDF prints it: a title line, the header repeated nowhere, 项目 over two pages. */
const gzSpec = (): TableSpec => ({
  rows: [['2024年部门预算项目支出绩效目标表'], ...GZ],
  title: '2024年部门预算项目支出绩效目标表',
  titleRows: 1,
  rowPages: [1, ...GZ.map((_, r) => (r < 15 ? 1 : 2))],
});
const BUDGET: TableSpec = {
  rows: [
    ['收入', '预算数', '支出', '预算数'],
    ['一般公共预算拨款收入', '13,541.65', '公共安全支出', '13,586.01'],
  ],
  title: '2024年部门收支总表',
  target: false,
};

/** What writeSheets takes for a table: its sheet as published, and how it was read. */
const toWrite = (t: PdfTable, file: string, known = false) => ({
  sheet: publishedSheet(t, file, 'zh'),
  // `known`: tagged with the file and table, as an import tags them (an import of them again finds them).
  tag: { kind: t.kind, pages: t.pages, ...(known ? { file, size: 1, table: t.index } : {}) },
});

const sheetOf = (fake: FakeExcel, name: string): FakeSheet => {
  const s = fake.sheet(name);
  if (s === undefined) throw new Error(`no sheet ${name}: ${fake.sheets.map((x) => x.name).join(', ')}`);
  return s;
};
const value = (s: FakeSheet, r: number, c: number): unknown => s.get(r, c)?.value ?? '';

/** A flag's code and its cell, as the core's model places them (1-based rows of the grid read). */
const flagsOf = (m: Model): string[] => m.flags.map((f) => `${f.code}@${f.cell}`).sort();

describe('the sheet as published (src/pdf/sheet.ts)', () => {
  test('source line, a blank row, then the table; merges and ruled rows in sheet places; widths from the text', () => {
    const t = tableOf({ ...gzSpec(), merges: [[1, 0, 1, 2]] });
    const sheet = publishedSheet(t, 'court.pdf', 'zh');
    expect(sheet.rows[0]).toEqual([`来源:court.pdf,第 1–2 页(第 1 页:第 3–18 行;第 2 页:第 19–${2 + t.grid.rows.length} 行)。`]);
    expect(sheet.rows[1]).toEqual([]);
    expect(sheet.rows[2]?.[0]).toBe('2024年部门预算项目支出绩效目标表');
    expect(sheet.rows[3]?.[0]).toBe(GZ[0]?.[0]);
    expect(sheet.table).toEqual({ row: 2, col: 0, rows: t.grid.rows.length, cols: t.grid.width });
    expect(sheet.merges).toEqual([{ row: 3, col: 0, rows: 1, cols: 2 }]);
    // The title line is not ruled; every row below it is, as one block.
    expect(sheet.ruled).toEqual([{ row: 3, col: 0, rows: t.grid.rows.length - 1, cols: t.grid.width }]);
    expect(sheet.name).toBe('p1-2 2024年部门预算项目支出绩效目标表');
    expect(sheet.widths.every((w) => w >= 6 && w <= 40)).toBe(true);
    // The indicator column (long packed text) is as wide as allowed; the amounts narrower.
    expect(sheet.widths[6]).toBe(40);
    expect(sheet.widths[2]).toBeLessThan(20);
  });

  test('a merged cell of long text gets the row height its lines need (Excel autofit leaves merged cells out)', () => {
    const tj = text(fixtureGrid('tianjin-hebei-court-2023.tsv'));
    // 绩效目标's text, a long paragraph, merged over the six columns right of its label, as the form prints it.
    (tj[8] as string[])[1] = (tj[8]?.[1] ?? '').repeat(6);
    const t = tableOf({
      rows: tj,
      merges: [
        [8, 1, 1, 6],
        [0, 0, 1, 7],
      ],
    });
    const sheet = publishedSheet(t, 'tj.pdf', 'zh');
    const goal = sheet.heights.find((h) => h.row === 2 + 8);
    const chars = [...(tj[8]?.[1] ?? '')].length * 2;
    const room = sheet.widths.slice(1, 7).reduce((n, w) => n + w, 0);
    expect(goal?.points).toBe(Math.ceil(chars / (room - 1)) * 15 + 3);
    expect(goal?.points).toBeGreaterThan(18);
    // A short merged title (one line) and rows without merged cells are left to autofit.
    expect(sheet.heights.map((h) => h.row)).toEqual([2 + 8]);
  });

  test('the heights reach the sheet', async () => {
    const tj = text(fixtureGrid('tianjin-hebei-court-2023.tsv'));
    (tj[8] as string[])[1] = (tj[8]?.[1] ?? '').repeat(6);
    const fake = new FakeExcel('Sheet1');
    fake.apiVersion = 20;
    const t = tableOf({ rows: tj, merges: [[8, 1, 1, 6]] });
    const [w] = await writeSheets(fake.host(), [toWrite(t, 'tj.pdf')]);
    const want = publishedSheet(t, 'tj.pdf', 'zh').heights[0];
    expect(sheetOf(fake, w?.sheetName as string).rowHeight(want?.row as number)).toBe(want?.points);
  });

  test('one page: no parts; in English; a table read by alignment says so on its source line', () => {
    const t = tableOf({ rows: GZ, kind: 'aligned' });
    expect(publishedSheet(t, 'a.pdf', 'en').rows[0]).toEqual([`Source: a.pdf, page 1.${strings('en').importAligned}`]);
    expect(publishedSheet(t, 'a.pdf', 'zh').rows[0]).toEqual([`来源:a.pdf,第 1 页。${strings('zh').importAligned}`]);
    expect(publishedSheet(t, 'a.pdf', 'zh').ruled).toEqual([]);
  });

  test('page lists and sheet names within Excel rules', () => {
    expect(pageList([3, 4, 5, 9, 4])).toBe('3–5, 9');
    expect(pageList([7])).toBe('7');
    expect(sheetNameOf('p3 a/b:c[d]*?')).toBe('p3 a_b_c_d___');
    expect([...sheetNameOf(`p1 ${'很长的标题'.repeat(10)}`)].length).toBe(31);
    expect(sheetNameOf("'quoted'")).toBe('quoted');
    expect(sheetNameOf('History')).toBe('PDF');
    // An untitled table is named by its file.
    expect(publishedSheet(tableOf({ rows: GZ }), '2024 预算.pdf', 'zh').name).toBe('p1 2024 预算');
  });
});

describe('importing a reading into the workbook', () => {
  test('only the 绩效目标表 with something in it are written; each normalized to the command line’s model', async () => {
    const fake = new FakeExcel('我的表');
    fake.apiVersion = 20;
    fake.setGrid([['用户的数据']]);
    const empty: TableSpec = { rows: [['绩效目标表'], ['说明:本单位无项目支出。']], title: '项目支出绩效目标表', target: true };
    const tables = [tableOf(BUDGET, 1), tableOf(gzSpec(), 2), tableOf(empty, 3)];
    const outcomes = await importReading(fake.host(), { file: 'court.pdf', reading: readingOf(tables), lang: 'zh', normalize: {} });
    expect(outcomes.map((o) => [o.table.index, o.status, o.reason ?? null])).toEqual([
      [1, 'skipped', 'notTarget'],
      [2, 'normalized', null],
      [3, 'skipped', 'nothingRead'],
    ]);
    const o = outcomes[1] as (typeof outcomes)[number];
    expect(o.sheetName).toBe('p1-2 2024年部门预算项目支出绩效目标表');
    expect(o.address).toBe(`A3:G${2 + (tables[1] as PdfTable).grid.rows.length}`);
    // The user's sheet is as it was; the new sheet holds the source line and the table, every cell as text.
    expect(value(sheetOf(fake, '我的表'), 0, 0)).toBe('用户的数据');
    const s = sheetOf(fake, o.sheetName as string);
    expect(String(value(s, 0, 0))).toMatch(/^来源:court\.pdf,第 1–2 页/);
    const grid = (tables[1] as PdfTable).cells;
    grid.forEach((row, r) =>
      row.forEach((v, c) => {
        expect([r, c, value(s, r + 2, c)]).toEqual([r, c, v ?? '']);
        if (v !== null) expect(s.get(r + 2, c)?.numberFormat).toBe('@');
      }),
    );
    // An amount stays the text the PDF printed (the core reads it); nothing became a number.
    expect(typeof value(s, 3, 1)).toBe('string');
    // The model is the command line's: the same flags, on the same cells of the table.
    const cli = normalize(grid, {});
    const pane = o.result?.model as Model;
    expect(flagsOf(pane)).toEqual(flagsOf(cli));
    expect(pane.summary).toEqual(cli.summary);
    // And its outputs were written, as for a pasted table.
    expect(fake.sheets.map((x) => x.name)).toEqual(expect.arrayContaining(['规范化', '绩效指标']));
  });

  test('merged cells merged, ruled rows bordered, the title line neither', async () => {
    const fake = new FakeExcel('Sheet1');
    fake.apiVersion = 20;
    const t = tableOf({ ...gzSpec(), merges: [[1, 0, 1, 2]] });
    const [w] = await writeSheets(fake.host(), [toWrite(t, 'court.pdf')]);
    const s = sheetOf(fake, w?.sheetName as string);
    expect(s.merged).toEqual([{ r0: 3, c0: 0, rows: 1, cols: 2 }]);
    const last = 2 + t.grid.rows.length - 1;
    for (const [r, c] of [
      [3, 0],
      [3, 6],
      [10, 3],
      [last, 6],
    ] as const)
      for (const side of ['top', 'bottom', 'left', 'right'] as const)
        expect([r, c, side, s.border(r, c, side)?.style]).toEqual([r, c, side, 'Continuous']);
    // Row heights left to autofit: no merged cell wraps here.
    expect(s.rowHeight(3)).toBeNull();
    // The title line (row 3) has no borders but the top of the table below it; the source line none.
    expect(s.border(2, 0, 'left')).toBeNull();
    expect(s.border(0, 0, 'bottom')).toBeNull();
  });

  test('a table read by alignment: its reading-uncertain finding at its first cell', async () => {
    const fake = new FakeExcel('Sheet1');
    fake.apiVersion = 20;
    const [o] = await importReading(fake.host(), {
      file: 'lines.pdf',
      reading: readingOf([tableOf({ rows: GZ, kind: 'aligned' })]),
      lang: 'en',
      normalize: {},
    });
    const flag = o?.result?.model.flags.find((f) => f.code === 'reading-uncertain');
    expect(flag?.cell).toBe('A1');
    // On the sheet: the table's first cell, A3.
    expect(o?.result?.plan.marks.some((m) => m.row === 1 && m.col === 0)).toBe(true);
    expect(o?.address?.startsWith('A3:')).toBe(true);
  });

  test('a second import takes new names; a text that starts with = stays text', async () => {
    const fake = new FakeExcel('p1 2024年部门预算项目支出绩效目标表');
    fake.apiVersion = 20;
    const rows = GZ.map((r, k) => (k === 3 ? ['=SUM(1,2)', ...r.slice(1)] : r));
    const spec: TableSpec = { rows, title: '2024年部门预算项目支出绩效目标表' };
    const first = await writeSheets(fake.host(), [toWrite(tableOf(spec), 'a.pdf')]);
    const second = await writeSheets(fake.host(), [toWrite(tableOf(spec), 'a.pdf')]);
    expect(first[0]?.sheetName).toBe('p1 2024年部门预算项目支出绩效目标表 (2)');
    expect(second[0]?.sheetName).toBe('p1 2024年部门预算项目支出绩效目标表 (3)');
    const cell = sheetOf(fake, first[0]?.sheetName as string).get(5, 0);
    expect(cell?.value).toBe('=SUM(1,2)');
    expect(cell?.formula).toBeNull();
  });

  test('a workbook whose structure is protected: said, and nothing written', async () => {
    const fake = new FakeExcel('Sheet1');
    fake.apiVersion = 20;
    fake.structureProtected = true;
    const before = fake.sheets.length;
    const e = await importReading(fake.host(), {
      file: 'a.pdf',
      reading: readingOf([tableOf({ rows: GZ })]),
      lang: 'zh',
      normalize: {},
    }).then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).key).toBe('importProtected');
    expect(fake.sheets.length).toBe(before);
  });

  test('the sheets are one undo step where the host offers undo groups', async () => {
    const fake = new FakeExcel('Sheet1');
    fake.apiVersion = 20;
    await writeSheets(fake.host(), [toWrite(tableOf({ rows: GZ }), 'a.pdf'), toWrite(tableOf(BUDGET), 'a.pdf')]);
    expect(fake.sheets.length).toBe(3);
    expect(fake.undo()).toBe(true);
    expect(fake.sheets.map((x) => x.name)).toEqual(['Sheet1']);
  });
});

describe('what the user may do meanwhile, and what comes after', () => {
  test('the selection moved to the user’s sheet between requests: the imported table is read, the user’s sheet untouched', async () => {
    const fake = new FakeExcel('我的表');
    fake.apiVersion = 20;
    fake.setGrid(fixtureGrid());
    const mine = sheetOf(fake, '我的表');
    const before = fake.snapshot(mine);
    // Before every run, the user clicks back into their own table.
    const host: ExcelHost = {
      run: (batch, options) => {
        fake.select('A1:G33', mine);
        return fake.run(batch, options);
      },
      isSetSupported: (n, v) => fake.isSetSupported(n, v),
    };
    const [o] = await importReading(host, { file: 'a.pdf', reading: readingOf([tableOf(gzSpec())]), lang: 'zh', normalize: {} });
    expect(o?.status).toBe('normalized');
    expect(o?.result?.sheetName).toBe(o?.sheetName);
    expect(o?.result?.range).toBe(o?.address);
    expect(fake.snapshot(mine)).toEqual(before);
  });

  test('one table’s Normalize fails: said on that table, the next one still runs', async () => {
    const fake = new FakeExcel('Sheet1');
    fake.apiVersion = 20;
    let runs = 0;
    const host: ExcelHost = {
      // Runs: the sheets written (1), then each table's Normalize (2 runs each): the first table's first run fails.
      run: (batch, options) => (++runs === 2 ? Promise.reject(new FakeError('GeneralException', 'stopped')) : fake.run(batch, options)),
      isSetSupported: (n, v) => fake.isSetSupported(n, v),
    };
    const outcomes = await importReading(host, {
      file: 'a.pdf',
      reading: readingOf([tableOf(gzSpec(), 1), tableOf({ rows: text(fixtureGrid('tianjin-hebei-court-2023.tsv')) }, 2)]),
      lang: 'zh',
      normalize: {},
    });
    expect(outcomes.map((o) => o.status)).toEqual(['failed', 'normalized']);
    expect((outcomes[0]?.error as UserError).key).toBe('excelStopped');
    expect(outcomes[0]?.sheetName).toBeDefined();
  });

  test('Normalize again from one cell of an imported table read by alignment: the same figures, its finding said again', async () => {
    const fake = new FakeExcel('Sheet1');
    fake.apiVersion = 20;
    const [o] = await importReading(fake.host(), {
      file: 'a.pdf',
      // The title line merged across the table, as the PDF drew it.
      reading: readingOf([tableOf({ ...gzSpec(), kind: 'aligned', merges: [[0, 0, 1, 7]] })]),
      lang: 'zh',
      normalize: {},
    });
    expect(o?.result?.notices.map((n) => n.key)).not.toContain('mergedCells');
    fake.select('B10', sheetOf(fake, o?.sheetName as string));
    const again = await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(again.sheetName).toBe(o?.sheetName);
    const sum = (m: Model) => ({
      projects: m.summary.projects,
      units: m.summary.units,
      errors: m.summary.errors,
      warnings: m.summary.warnings,
    });
    expect(sum(again.model)).toEqual(sum(o?.result?.model as Model));
    expect(again.model.flags.filter((f) => f.code === 'reading-uncertain')).toHaveLength(1);
    // Its merged cells are the add-in's own: no notice about them.
    expect(again.notices.map((n) => n.key)).not.toContain('mergedCells');
  });

  test('Excel stops the import while it writes the sheets it added: said, naming them, with what to do', async () => {
    const fake = new FakeExcel('Sheet1');
    fake.apiVersion = 20;
    let syncs = 0;
    const host: ExcelHost = {
      // Excel stops a request after the sheets are added and the first block written.
      run: (batch, options) =>
        fake.run(async (context) => {
          const sync = context.sync.bind(context);
          context.sync = async () => {
            if (++syncs === 4) throw new FakeError('GeneralException', 'stopped');
            return sync();
          };
          return batch(context);
        }, options),
      isSetSupported: (n, v) => fake.isSetSupported(n, v),
    };
    const big = [...GZ, ...Array.from({ length: 1200 }, () => GZ.slice(3)).flat()];
    const e = await writeSheets(host, [
      toWrite(tableOf({ rows: big }, 1), 'a.pdf', true),
      toWrite(tableOf({ rows: GZ }, 2), 'a.pdf', true),
    ]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).key).toBe('importStopped');
    expect((e as UserError).detail.sheet).toBe('p1 a, p1 a (2)');
    // Added before any cell was written, in one request: both are there, the first partly written.
    expect(fake.sheets.map((x) => x.name)).toEqual(['Sheet1', 'p1 a', 'p1 a (2)']);
    // Neither is tagged as imported (tags come once a sheet is whole): importing again writes them anew.
    const again = await writeSheets(fake.host(), [toWrite(tableOf({ rows: GZ }, 2), 'a.pdf', true)]);
    expect(again.map((w) => [w.sheetName, w.existing])).toEqual([['p1 a (3)', false]]);
  });

  test('adding the sheets is refused (another workbook took the focus): nothing is written at all', async () => {
    const fake = new FakeExcel('Sheet1');
    fake.apiVersion = 20;
    fake.otherWorkbookActive = true;
    const e = await writeSheets(fake.host(), [toWrite(tableOf({ rows: GZ }), 'a.pdf')]).catch((x: unknown) => x);
    expect((e as UserError).key).toBe('excelStopped');
    expect(fake.sheets.map((x) => x.name)).toEqual(['Sheet1']);
  });

  test('the same PDF imported again: its tables are found on their sheets, not written or counted twice', async () => {
    const fake = new FakeExcel('Sheet1');
    fake.apiVersion = 20;
    const reading = readingOf([tableOf(BUDGET, 1), tableOf(gzSpec(), 2)]);
    const req = { file: 'court.pdf', size: 1234, reading, lang: 'zh' as const, normalize: {} };
    const first = await importReading(fake.host(), req);
    const sheets = fake.sheets.map((x) => x.name);
    const listed = sheetOf(fake, '全部项目').cells.size;
    const again = await importReading(fake.host(), req);
    expect(again.map((o) => o.status)).toEqual(['skipped', 'existing']);
    expect(again[1]?.sheetName).toBe(first[1]?.sheetName);
    // Its sheet from the top: the user may have changed it since.
    expect(again[1]?.address).toBe('A1');
    expect(fake.sheets.map((x) => x.name)).toEqual(sheets);
    expect(sheetOf(fake, '全部项目').cells.size).toBe(listed);
    // Another file (or the same name with other bytes) is another import.
    const other = await importReading(fake.host(), { ...req, size: 999 });
    expect(other.map((o) => o.status)).toEqual(['skipped', 'normalized']);
    expect(other[1]?.sheetName).toBe(`${first[1]?.sheetName} (2)`);
  });

  test('the same bytes under another name are the same file; other bytes under the same name are not', async () => {
    const fake = new FakeExcel('Sheet1');
    fake.apiVersion = 20;
    const reading = readingOf([tableOf(gzSpec(), 1)]);
    const req = { file: 'court.pdf', size: 1234, hash: 'ab'.repeat(32), reading, lang: 'zh' as const, normalize: {} };
    await importReading(fake.host(), req);
    const renamed = await importReading(fake.host(), { ...req, file: 'court (1).pdf' });
    expect(renamed.map((o) => o.status)).toEqual(['existing']);
    const other = await importReading(fake.host(), { ...req, hash: 'cd'.repeat(32) });
    expect(other.map((o) => o.status)).toEqual(['normalized']);
  });

  test('names: taken case-insensitively; with its number, never over 31 characters', () => {
    expect(freeName('p1 T', ['P1 t'])).toBe('p1 T (2)');
    const long = 'p1 '.padEnd(31, '表');
    const taken = [long];
    for (let k = 0; k < 101; k++) taken.push(freeName(long, taken));
    expect(taken.at(-1)?.endsWith(' (102)')).toBe(true);
    expect(taken.every((n) => [...n].length === 31)).toBe(true);
    expect(new Set(taken).size).toBe(102);
  });
});
