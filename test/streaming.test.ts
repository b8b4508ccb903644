/**
 * The streamed outputs are the outputs: the JSON printed piece by piece is `JSON.stringify(model, null, 2)`
 * byte for byte, and the workbook written row by row holds the plan's cells, formulas, tables, notes,
 * formats, conditional formats and frozen headers, on every fixture and on a synthetic table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { isShownNumber, normalize } from '../src/core';
import type { Cell } from '../src/core/input/grid';
import { jsonChunks } from '../src/core/render/json-chunks';
import { buildPlan, fitCell, PlanValue, sheetRows, WorkbookPlan } from '../src/core/render/plan';
import { synthTable } from '../src/bench/synth';
import { rowHeightFor, wrappedLines, writeWorkbook } from '../src/cli/xlsx';
import { fixtureGrid } from './helpers';

const TABLES = [
  'guangzhou-court-2024.tsv',
  'tianjin-hebei-court-2023.tsv',
  'real/qingshan-edu-weak-schools-2020/input.tsv',
  'real/tongnan-wugui-2023-flat-forms/input.tsv',
  'real/zhaohua-leprosy-2021/input.tsv',
];

let tmp: string;
beforeAll(() => (tmp = mkdtempSync(join(tmpdir(), 'bn-stream-'))));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the JSON, streamed', () => {
  test.each(TABLES)('%s: the pieces joined are JSON.stringify(model, null, 2)', (name) => {
    const model = normalize(fixtureGrid(name));
    const pieces = [...jsonChunks(model, 2)];
    expect(pieces.length).toBeGreaterThan(model.rows.length);
    expect(pieces.join('')).toBe(JSON.stringify(model, null, 2));
  });

  test('a synthetic table of 300 projects, with its noise and flags', () => {
    const model = normalize(synthTable(300, 7).grid);
    expect(model.flags.length).toBeGreaterThan(0);
    expect([...jsonChunks(model, 2)].join('')).toBe(JSON.stringify(model, null, 2));
  });

  test('any JSON value, at any indentation', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 1, 2, 4), (v, space) => {
        expect([...jsonChunks(v, space)].join('')).toBe(JSON.stringify(v, null, space));
      }),
      { numRuns: 300 },
    );
    // What JSON.stringify leaves out of objects and writes as null in arrays.
    const odd = { a: undefined, b: [undefined, () => 1, 2], c: { toJSON: () => 'c' }, d: { e: { f: [1, { g: undefined }] } } };
    expect([...jsonChunks(odd, 2)].join('')).toBe(JSON.stringify(odd, null, 2));
  });
});

/** A plan value as exceljs reads it back (its reader leaves out a formula's result when it is 0 or ''). */
function readBack(v: PlanValue): unknown {
  if (v === null || v === '') return null;
  if (typeof v === 'object')
    return v.value === 0 || v.value === null || v.value === '' ? { formula: v.formula } : { formula: v.formula, result: v.value };
  return v;
}

async function writeAndRead(
  grid: Cell[][],
  plan: WorkbookPlan,
  origin = { row: 0, col: 0 },
): Promise<{ wb: ExcelJS.Workbook; file: string }> {
  const file = join(tmp, `out-${Math.random().toString(36).slice(2)}.xlsx`);
  await writeWorkbook(file, grid, plan, '绩效目标表', origin);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return { wb, file };
}

describe('the workbook, streamed', () => {
  test.each(TABLES)(
    '%s: every cell, formula, table, note and format of the plan',
    async (name) => {
      const grid = fixtureGrid(name);
      const plan = buildPlan(normalize(grid), { sheetName: '绩效目标表', lang: 'zh', bilingual: true });
      const { wb } = await writeAndRead(grid, plan);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['绩效目标表', ...plan.sheets.map((s) => s.name)]);

      // The user's table as it was read, with the plan's marks and nothing else.
      const src = wb.worksheets[0] as ExcelJS.Worksheet;
      grid.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v !== null && v !== undefined && v !== '')
            expect(src.getCell(r + 1, c + 1).value).toBe(fitCell(isShownNumber(v) ? v.value : v));
        }),
      );
      let notes = 0;
      src.eachRow({ includeEmpty: true }, (row) =>
        row.eachCell({ includeEmpty: true }, (cell) => void (cell.note !== undefined && notes++)),
      );
      expect(notes).toBe(plan.marks.length);
      for (const m of plan.marks) {
        const cell = src.getCell(m.address);
        const note = cell.note as ExcelJS.Comment | string;
        expect(typeof note === 'string' ? note : note.texts?.map((t) => t.text).join('')).toBe(m.note);
        expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${m.fill.slice(1)}`);
      }

      plan.sheets.forEach((sheet, i) => {
        const ws = wb.worksheets[i + 1] as ExcelJS.Worksheet;
        expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(sheet.columns.map((c) => c.header));
        const rows = sheetRows(sheet);
        expect(rows.length).toBe(sheet.rowCount);
        rows.forEach((row, r) =>
          row.forEach((v, k) => {
            const cell = ws.getCell(r + 2, k + 1);
            expect([r + 2, k + 1, cell.value ?? null]).toEqual([r + 2, k + 1, readBack(v)]);
            const fmt = sheet.columns[k]?.numberFormat as string;
            if (fmt !== 'General') expect(cell.numFmt).toBe(fmt);
            if (sheet.columns[k]?.wrap) expect(cell.alignment?.wrapText).toBe(true);
          }),
        );
        // The Excel table, over the header and every row.
        const table = ws.getTable(sheet.tableName) as unknown as { table: { tableRef: string; columns: Array<{ name: string }> } };
        expect(table.table.tableRef).toBe(`A1:${ws.getColumn(sheet.columns.length).letter}${Math.max(1, sheet.rowCount) + 1}`);
        expect(table.table.columns.map((c) => c.name)).toEqual(sheet.columns.map((c) => c.header));
        // Widths, the frozen header, the highlights that follow the live checks.
        sheet.columns.forEach((c, k) => expect(ws.getColumn(k + 1).width).toBe(c.width));
        expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
        const cfs = (ws as unknown as { conditionalFormattings: Array<{ ref: string; rules: Array<{ formulae: string[] }> }> })
          .conditionalFormattings;
        expect(cfs.map((cf) => cf.rules[0]?.formulae[0])).toEqual(sheet.conditionals.map((c) => c.formula));
        // The plan's page setup: landscape, one page wide, the header on every page, its margins.
        expect(ws.pageSetup).toMatchObject({
          orientation: sheet.page.orientation,
          fitToPage: true,
          fitToWidth: sheet.page.fitToWidth,
          fitToHeight: sheet.page.fitToHeight,
          margins: sheet.page.margins,
          printTitlesRow: '1:1',
        });
        // Rows as tall as their wrapped text (other programs do not grow them): every line of every flag shown.
        const wraps = sheet.columns.map((c) => (c.wrap ? c.width : null));
        rows.forEach((row, r) => {
          const height = rowHeightFor(row, wraps);
          expect([r + 2, ws.getRow(r + 2).height ?? null]).toEqual([r + 2, height]);
          const check = sheet.columns.findIndex((c) => c.key === 'check');
          if (check >= 0 && typeof row[check] === 'string' && (row[check] as string).includes('\n'))
            expect(height).toBeGreaterThanOrEqual(15 * (row[check] as string).split('\n').length);
        });
      });
      // The copy of the user's table prints the same way (no title rows: its header is not row 1), and its
      // columns are as wide as the amounts in them.
      expect(src.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      grid.forEach((row) =>
        row.forEach((v, c) => {
          if (typeof v === 'number' || isShownNumber(v)) {
            const text = isShownNumber(v) ? v.text : String(v);
            expect([text, (src.getColumn(c + 1).width ?? 0) >= text.length + 2]).toEqual([text, true]);
          }
        }),
      );
    },
    30_000,
  );

  test('wrapped text: a line per flag, CJK text about twice as wide as Latin', () => {
    expect(wrappedLines('', 10)).toBe(1);
    expect(wrappedLines('a\nb\nc', 40)).toBe(3);
    expect(wrappedLines('x'.repeat(100), 41.5)).toBe(3);
    expect(wrappedLines('汉'.repeat(50), 46.5)).toBe(2);
    expect(wrappedLines('汉'.repeat(50), 22.5)).toBe(5);
    expect(rowHeightFor(['short', null, 1], [20, 20, null])).toBeNull();
    expect(rowHeightFor(['a\nb\nc', '汉'.repeat(50)], [20, 22.5])).toBe(5 * 15 + 3);
  });

  test('the parts Excel needs for a table: the part, its relationship, its content type, <tableParts>', async () => {
    const grid = fixtureGrid();
    const plan = buildPlan(normalize(grid), { sheetName: '绩效目标表' });
    const { file } = await writeAndRead(grid, plan);
    const zip = await JSZip.loadAsync(readFileSync(file));
    const types = await zip.file('[Content_Types].xml')?.async('string');
    for (const [k, sheet] of plan.sheets.entries()) {
      const part = `xl/tables/table${k + 1}.xml`;
      const xml = (await zip.file(part)?.async('string')) ?? '';
      expect(xml).toContain(`name="${sheet.tableName}"`);
      expect(types).toContain(`PartName="/${part}"`);
      const rels = (await zip.file(`xl/worksheets/_rels/sheet${k + 2}.xml.rels`)?.async('string')) ?? '';
      const rId = new RegExp(`Id="(rId\\d+)"[^>]*Target="../tables/table${k + 1}.xml"`).exec(rels)?.[1];
      expect(rId).toBeDefined();
      const sheetXml = (await zip.file(`xl/worksheets/sheet${k + 2}.xml`)?.async('string')) ?? '';
      // After the sheet's other parts, as ECMA-376 orders them.
      expect(sheetXml).toMatch(new RegExp(`<tableParts count="1"><tablePart r:id="${rId}"/></tableParts></worksheet>$`));
    }
  });

  test('a table far from A1 is written where it stands, without walking the empty rows', async () => {
    const grid = fixtureGrid('tianjin-hebei-court-2023.tsv');
    const origin = { row: 300_000, col: 3 };
    const plan = buildPlan(normalize(grid), { sheetName: '绩效目标表', origin });
    // Walking 300,000 empty rows in exceljs's pending-row array took minutes: the test's timeout catches it.
    const { wb } = await writeAndRead(grid, plan, origin);
    const src = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(src.getCell(300_001, 4).value).toBe(grid[0]?.[0] || null);
    for (const m of plan.marks) expect(src.getCell(m.address).note).toBeDefined();
  }, 30_000);

  test('an empty sheet of the plan is still a valid table: a header and one empty row', async () => {
    const grid = fixtureGrid();
    const plan = buildPlan(normalize(grid), { sheetName: '绩效目标表' });
    const empty = { ...plan, sheets: plan.sheets.map((s) => ({ ...s, rowCount: 0, rows: () => [][Symbol.iterator]() })) };
    const { wb } = await writeAndRead(grid, empty);
    const ws = wb.worksheets[1] as ExcelJS.Worksheet;
    const table = ws.getTable(plan.sheets[0]?.tableName as string) as unknown as { table: { tableRef: string } };
    expect(table.table.tableRef).toMatch(/^A1:[A-Z]+2$/);
  });
});
