/**
 * The Office layer against the Excel fake, for what a workbook of several tables, an undo history and
 * Excel's refusals ask: each table owns its results (sheets, marks, record, rows in the list of all
 * projects); a re-run is one undo step and nothing clears the undo stack; Clear on a protected sheet says
 * so and changes nothing; a note never meets a user's threaded comment; 600 merged areas read; comments a
 * host has not implemented; another workbook taking the focus; a protected workbook structure; white fill
 * and No Fill; the record an earlier version kept in a very hidden sheet; the store's XML.
 */
import { clearFlags, normalizeSelection, selectCell } from '../src/excel/run';
import { UserError } from '../src/excel/selection';
import { partXml, readPart, recordParts, recordsOf, tablesNamespace, TableRecord } from '../src/excel/store';
import { STATE_MAGIC } from '../src/excel/state';
import { userMessage } from '../src/ui/user-message';
import { FakeExcel, FakeSheet, namespaceOf, parseAddress } from './fake-excel/fake';
import { FIXTURE_SLIPS, HEADER, IND, fixtureGrid, withCells } from './helpers';

const at = (s: FakeSheet, address: string) => {
  const { rect } = parseAddress(address);
  return s.get(rect.r0, rect.c0);
};
const named = (fake: FakeExcel, name: string) => fake.sheet(name) as FakeSheet;
/** The tables' records in the workbook's custom XML parts. */
const tableRecords = (fake: FakeExcel) =>
  recordsOf(fake.xmlParts.filter((x) => namespaceOf(x.xml).includes(':tables:'))).map((r) => r.record);

/** Two departments, one per sheet (the reviewer's common case); 乙局 with a slip, so that their results differ. */
function twoDepartments(api = 20): FakeExcel {
  const fake = new FakeExcel('甲局');
  fake.apiVersion = api;
  fake.setGrid(fixtureGrid());
  const b = fake.addSheet('乙局');
  fake.setGrid(withCells(fixtureGrid(), FIXTURE_SLIPS['unit-slip'].edits), 'A1', b);
  return fake;
}

/** The rows of the list of all projects, by the table they belong to. */
function listBlocks(fake: FakeExcel): Record<string, number> {
  const list = named(fake, '全部项目');
  const out: Record<string, number> = {};
  for (const [k, d] of list.cells) if (k.endsWith(',0') && k !== '0,0') out[String(d.value)] = (out[String(d.value)] ?? 0) + 1;
  return out;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => null,
    (e: unknown) => e,
  );
}

describe('each table owns its results', () => {
  test('two tables normalized in turn keep both results; a re-run replaces its own only; Clear clears one, Clear all both', async () => {
    const fake = twoDepartments();
    const a = named(fake, '甲局');
    const b = named(fake, '乙局');
    const originalA = fake.snapshot(a);
    const originalB = fake.snapshot(b);
    fake.select('A1', a);
    await normalizeSelection(fake.host(), { lang: 'zh' });
    const resultsA = { norm: fake.snapshot(named(fake, '规范化')), ind: fake.snapshot(named(fake, '绩效指标')), marks: fake.snapshot(a) };
    expect(at(a, 'B27')?.fill).toBe('#FFEB9C');

    fake.select('A1', b);
    const resB = await normalizeSelection(fake.host(), { lang: 'zh' });
    // B's sheets are its own, named after its sheet; A's results are as they were.
    expect(resB.sheetNames).toEqual({ normalized: '规范化 (乙局)', indicators: '绩效指标 (乙局)' });
    expect(fake.sheets.map((s) => s.name)).toEqual(['甲局', '乙局', '规范化', '绩效指标', '全部项目', '规范化 (乙局)', '绩效指标 (乙局)']);
    expect(fake.snapshot(named(fake, '规范化'))).toEqual(resultsA.norm);
    expect(fake.snapshot(named(fake, '绩效指标'))).toEqual(resultsA.ind);
    expect(fake.snapshot(a)).toEqual(resultsA.marks);
    expect(at(b, 'B5')?.fill).toBe('#FFC7CE');
    expect(fake.tables.map((t) => t.name).sort()).toEqual(['BN_Indicators', 'BN_Indicators_2', 'BN_Normalized', 'BN_Normalized_2']);
    expect(tableRecords(fake).map((r) => r?.sheetName)).toEqual(['甲局', '乙局']);
    // The reviewer's list: every project of both tables, each row linked to its source cell.
    expect(listBlocks(fake)).toEqual({ '甲局!A1:G33': 25, '乙局!A1:G33': 25 });
    expect(at(named(fake, '全部项目'), 'B27')?.formula).toMatch(/^=HYPERLINK\("#乙局!A\d+"/);

    // A re-run on A, with a slip of its own: A's results change, B's do not.
    const resultsB = { norm: fake.snapshot(named(fake, '规范化 (乙局)')), marks: fake.snapshot(b) };
    const b33 = a.cell(32, 1).value;
    a.cell(32, 1).value = '53.00';
    fake.select('A1', a);
    await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(fake.sheets).toHaveLength(7);
    expect(fake.snapshot(named(fake, '规范化 (乙局)'))).toEqual(resultsB.norm);
    expect(fake.snapshot(b)).toEqual(resultsB.marks);
    expect(listBlocks(fake)).toEqual({ '甲局!A1:G33': 25, '乙局!A1:G33': 25 });
    a.cell(32, 1).value = b33;

    // Clear on A clears A only; Clear all clears the rest.
    fake.select('C5', a);
    expect(await clearFlags(fake.host())).toMatchObject({ notesLeft: 0 });
    expect(fake.snapshot(a)).toEqual(originalA);
    expect(fake.snapshot(b)).toEqual(resultsB.marks);
    const marksOfB = tableRecords(fake).find((r) => r?.sheetName === '乙局')?.marks.length;
    expect(await clearFlags(fake.host(), { all: true })).toEqual({ restored: marksOfB, notesLeft: 0 });
    expect(fake.snapshot(b)).toEqual(originalB);
  });

  test('a table with fewer projects on a re-run gives its rows of the list back; the next table`s rows move up, untouched', async () => {
    const fake = twoDepartments();
    const a = named(fake, '甲局');
    fake.select('A1', a);
    await normalizeSelection(fake.host(), { lang: 'zh' });
    fake.select('A1', named(fake, '乙局'));
    await normalizeSelection(fake.host(), { lang: 'zh' });
    const rowsOfB = () =>
      [...named(fake, '全部项目').cells.entries()]
        .filter(([, d]) => d.value === '乙局!A1:G33')
        .map(([k]) => Number(k.split(',')[0]))
        .sort((x, y) => x - y);
    expect(rowsOfB()[0]).toBe(26);
    // A's table now ends at row 20: 12 projects.
    fake.select('A1:G20', a);
    const res = await normalizeSelection(fake.host(), { lang: 'zh' });
    const n = res.model.summary.projects;
    expect(n).toBeLessThan(25);
    expect(listBlocks(fake)).toEqual({ '甲局!A1:G20': n, '乙局!A1:G33': 25 });
    expect(rowsOfB()[0]).toBe(n + 1);
  });
});

test('a table grown from one cell keeps the fills its flagged cells had (read where the table is, not where the cell`s region is)', async () => {
  const fake = new FakeExcel('预算表');
  fake.setGrid(fixtureGrid());
  fake.active.cell(11, 3).fill = '#00B050'; // D12, flagged, in the table's second page
  const before = fake.snapshot();
  fake.select('C21');
  const res = await normalizeSelection(fake.host(), { lang: 'zh' });
  expect(res.range).toBe('A1:G33');
  expect(at(fake.active, 'D12')?.fill).toBe('#FFEB9C');
  await clearFlags(fake.host());
  expect(fake.snapshot()).toEqual(before);
});

describe('undo survives', () => {
  test.each(['windows', 'mac', 'web'] as const)(
    '%s: a re-run is one undo step (results, marks, list and record together), and no call clears the undo stack',
    async (platform) => {
      const fake = twoDepartments(20);
      fake.platform = platform;
      const a = named(fake, '甲局');
      fake.select('A1', a);
      await normalizeSelection(fake.host(), { lang: 'zh' });
      fake.select('A1', named(fake, '乙局'));
      await normalizeSelection(fake.host(), { lang: 'zh' });
      // The user fixes an amount and normalizes again.
      a.cell(26, 1).value = '115.50';
      const before = fake.book();
      fake.select('A1', a);
      const res = await normalizeSelection(fake.host(), { lang: 'zh' });
      expect(res.model.flags.some((f) => f.cell === 'B27')).toBe(false);
      expect(fake.book()).not.toEqual(before);
      // One Ctrl+Z: the previous results, marks, list and record are back, every sheet in place.
      expect(fake.undo()).toBe(true);
      expect(fake.book()).toEqual(before);
      expect(at(a, 'B27')?.fill).toBe('#FFEB9C');
      // Clear is one undo step too.
      const marked = fake.book();
      await clearFlags(fake.host(), { all: true });
      expect(fake.undo()).toBe(true);
      expect(fake.book()).toEqual(marked);
      // Nothing the add-in called cleared the user's undo stack: not the first run, not a re-run, not Clear.
      expect(fake.undoClears).toEqual([]);
    },
  );

  test('the fake records the calls the undo-capabilities page lists as clearing the undo stack, per platform', async () => {
    for (const [platform, cleared] of [
      ['windows', ['Worksheet.visibility', 'Worksheet.delete']],
      ['mac', ['Worksheet.visibility', 'Worksheet.delete']],
      ['web', ['Worksheet.delete']],
    ] as const) {
      const fake = new FakeExcel();
      fake.platform = platform;
      fake.addSheet('Other');
      fake.addSheet('Third');
      await fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Other').getRange('A1').values = [['x']];
        await ctx.sync();
        expect(fake.undoStack).toHaveLength(1);
        ctx.workbook.worksheets.getItem('Other').visibility = 'Hidden';
        await ctx.sync();
        ctx.workbook.worksheets.getItem('Third').delete();
        await ctx.sync();
      });
      expect(fake.undoClears.map((c) => c.api)).toEqual(cleared);
      // What came before the clearing call cannot be undone any more.
      expect(fake.undoStack).toHaveLength(0);
    }
  });
});

describe('Excel`s refusals, each said in one sentence', () => {
  test('Clear on a protected sheet says so and changes nothing (the ribbon`s Clear, Clear all)', async () => {
    const fake = twoDepartments(18);
    fake.select('A1', named(fake, '甲局'));
    await normalizeSelection(fake.host(), { lang: 'zh' });
    fake.select('A1', named(fake, '乙局'));
    await normalizeSelection(fake.host(), { lang: 'zh' });
    named(fake, '甲局').protected = true;
    const before = fake.book();
    fake.select('C5', named(fake, '甲局'));
    const e = await rejection(clearFlags(fake.host()));
    expect(e).toMatchObject({ key: 'clearProtected', detail: { sheet: '甲局' } });
    expect(userMessage(e, 'en')).toBe(
      'The sheet "甲局" is protected, so its flags cannot be removed; nothing was changed. Unprotect it (Review → Unprotect Sheet), then clear the flags again.',
    );
    expect(fake.book()).toEqual(before);
    // Clear all: the other table is not cleared halfway either.
    await expect(clearFlags(fake.host(), { all: true })).rejects.toMatchObject({ key: 'clearProtected' });
    expect(fake.book()).toEqual(before);
    // Unprotected, it clears.
    named(fake, '甲局').protected = false;
    expect(await clearFlags(fake.host())).toEqual({ restored: 7, notesLeft: 0 });
  });

  test('a note beside a user`s threaded comment never fails Normalize: the cell gets its fill, the comment stays', async () => {
    const fake = new FakeExcel('预算表');
    fake.setGrid(fixtureGrid());
    const src = fake.active;
    fake.addUserComment('B27', '请核对总计', src);
    fake.addUserComment('D12', '指标待补充', src);
    fake.addUserComment('A2', '别处的评论', src);
    const before = fake.snapshot(src);
    // The fake refuses what Excel refuses: a note where the user has a threaded comment.
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getActiveWorksheet().notes.add('B27', 'x');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidOperation' });
    fake.select('A1');
    const res = await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(res.notices).toContainEqual({ key: 'commentCells', count: 2 });
    expect(at(src, 'B27')?.fill).toBe('#FFEB9C');
    expect(src.notes.has('B27')).toBe(false);
    expect(src.notes.has('D13')).toBe(true);
    expect(fake.comments.map((c) => [c.address, c.content])).toEqual([
      ['B27', '请核对总计'],
      ['D12', '指标待补充'],
      ['A2', '别处的评论'],
    ]);
    fake.select('A1', src);
    await normalizeSelection(fake.host(), { lang: 'en' });
    await clearFlags(fake.host());
    expect(fake.snapshot(src)).toEqual(before);
  });

  test('600 merged areas read (getMergedAreasOrNullObject fails on more than 512 in one range)', async () => {
    const fake = new FakeExcel();
    const rows = [HEADER.split('\t'), ['合计', '600.00', '600.00', '', '', '', '']];
    for (let p = 0; p < 600; p++) rows.push([`项目${p}`, '1.00', '1.00', '', '', '目标', IND(1)]);
    fake.setGrid(rows);
    // Each project's 财政专户拨款 and 其他资金 cells merged: 600 areas.
    for (let r = 3; r <= 602; r++) fake.merge(`D${r}:E${r}`);
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getActiveWorksheet().getRange('A1:G602').getMergedAreasOrNullObject().load('address');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'GeneralException' });
    fake.select('A1');
    const res = await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(res.range).toBe('A1:G602');
    expect(res.model.summary.projects).toBe(600);
    expect(res.notices).toContainEqual({ key: 'mergedCells', count: 600 });
  });

  test('comments a host reports (ExcelApi 1.10) but has not implemented: Normalize and Clear work, with fills only', async () => {
    for (const api of [10, 18]) {
      const fake = new FakeExcel('预算表');
      fake.apiVersion = api;
      fake.commentsNotImplemented = true;
      fake.setGrid(fixtureGrid());
      const before = fake.snapshot();
      fake.select('A1:G33');
      await normalizeSelection(fake.host(), { lang: 'zh' });
      expect(at(fake.active, 'B27')?.fill).toBe('#FFEB9C');
      // Without sight of the user's comments, no note is risked.
      expect(fake.active.notes.size).toBe(0);
      expect(await clearFlags(fake.host())).toEqual({ restored: 7, notesLeft: 0 });
      expect(fake.snapshot(fake.sheet('预算表'))).toEqual(before);
    }
  });

  test('another workbook takes the focus: before the run, while sheets are made, while the results are written', async () => {
    // Before: the selection cannot be read (InvalidSelection), said as such, not as "several areas".
    const early = new FakeExcel('预算表');
    early.setGrid(fixtureGrid());
    early.otherWorkbookActive = true;
    const untouched = early.book();
    const e1 = await rejection(normalizeSelection(early.host(), { lang: 'zh' }));
    expect(e1).toMatchObject({ key: 'otherWorkbook' });
    expect(userMessage(e1, 'zh')).toMatch(/^处理期间切换到了另一个工作簿/);
    expect(early.book()).toEqual(untouched);
    // While the first run makes its sheets (GeneralException): stopped before anything the user sees is written.
    const mid = new FakeExcel('预算表');
    mid.setGrid(fixtureGrid());
    mid.select('A1:G33');
    const before = mid.book();
    mid.beforeRequest = (n) => void (n === 2 && (mid.otherWorkbookActive = true));
    await expect(normalizeSelection(mid.host(), { lang: 'zh' })).rejects.toMatchObject({ key: 'excelStopped' });
    expect(mid.book()).toEqual(before);
    // Back in the workbook, the run goes through.
    mid.beforeRequest = null;
    mid.otherWorkbookActive = false;
    mid.select('A1:G33', named(mid, '预算表'));
    await normalizeSelection(mid.host(), { lang: 'zh' });
    // While the results are written: nothing there fails on a focus change (sheets are made before, never deleted).
    mid.beforeRequest = (n) => void (n >= mid.syncs && (mid.otherWorkbookActive = true));
    const late = new FakeExcel('预算表');
    late.setGrid(fixtureGrid());
    late.select('A1:G33');
    late.beforeRequest = (n) => void (n === 3 && (late.otherWorkbookActive = true));
    await expect(normalizeSelection(late.host(), { lang: 'zh' })).resolves.toMatchObject({ range: 'A1:G33' });
    expect(at(named(late, '预算表'), 'B27')?.fill).toBe('#FFEB9C');
    // A re-run makes no sheet: the focus may go at any time after the selection is read.
    late.beforeRequest = (n) => void (n >= 5 && (late.otherWorkbookActive = true));
    late.otherWorkbookActive = false;
    late.select('A1:G33', named(late, '预算表'));
    await expect(normalizeSelection(late.host(), { lang: 'zh' })).resolves.toMatchObject({ range: 'A1:G33' });
    // Selecting an issue's cell then fails as the troubleshooting page says (GeneralException), said.
    await expect(selectCell(late.host(), '预算表', 'B27')).rejects.toMatchObject({ key: 'excelStopped' });
  });

  test('a protected workbook structure: the table is flagged and the user told, no sheet attempted; a protected output sheet stops the run first', async () => {
    const fake = new FakeExcel('预算表');
    fake.setGrid(fixtureGrid());
    fake.structureProtected = true;
    fake.select('A1:G33');
    const res = await normalizeSelection(fake.host(), { lang: 'en' });
    expect(res.notices).toContainEqual({ key: 'structureProtected' });
    expect(res.sheetNames).toEqual({});
    expect(fake.sheets.map((s) => s.name)).toEqual(['预算表']);
    expect(at(fake.active, 'B27')?.fill).toBe('#FFEB9C');
    // Unprotected: the output sheets are made, and the marks of the first run are the table's still.
    fake.structureProtected = false;
    fake.select('A1:G33', named(fake, '预算表'));
    await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(fake.sheets.map((s) => s.name)).toEqual(['预算表', '规范化', '绩效指标', '全部项目']);
    // A protected output sheet: said before anything is changed.
    named(fake, '规范化').protected = true;
    const before = fake.book();
    fake.select('A1:G33', named(fake, '预算表'));
    const e = await rejection(normalizeSelection(fake.host(), { lang: 'zh' }));
    expect(e).toMatchObject({ key: 'outputProtected', detail: { sheet: '规范化' } });
    expect(fake.book()).toEqual(before);
    // A structure protected while the table already has its sheets: a re-run rewrites them.
    named(fake, '规范化').protected = false;
    fake.structureProtected = true;
    fake.select('A1:G33', named(fake, '预算表'));
    await expect(normalizeSelection(fake.host(), { lang: 'zh' })).resolves.toMatchObject({ notices: [] });
  });

  test('white fill and No Fill are put back as they were (getCellProperties says #FFFFFF for both; tintAndShade tells them apart)', async () => {
    const fake = new FakeExcel('预算表');
    fake.setGrid(fixtureGrid());
    fake.active.cell(26, 1).fill = '#FFFFFF'; // B27: white, on purpose
    const before = fake.snapshot();
    fake.select('A1:G33');
    await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(at(fake.active, 'B27')?.fill).toBe('#FFEB9C');
    await clearFlags(fake.host());
    expect(at(fake.active, 'B27')?.fill).toBe('#FFFFFF');
    expect(at(fake.active, 'D12')?.fill ?? null).toBeNull();
    expect(fake.snapshot()).toEqual(before);
  });

  test('a cell being edited on a host that cannot wait: InvalidOperation (the cell-edit page) and InvalidOperationInCellEditMode both say so', async () => {
    for (const code of ['InvalidOperation', 'InvalidOperationInCellEditMode'] as const) {
      const fake = new FakeExcel('预算表');
      fake.apiVersion = 10;
      fake.setGrid(fixtureGrid());
      fake.select('A1:G33');
      fake.cellEditMode = true;
      fake.cellEditCode = code;
      const e = await rejection(normalizeSelection(fake.host(), { lang: 'en' }));
      expect(e).toBeInstanceOf(UserError);
      expect(userMessage(e, 'en')).toBe('A cell is being edited. Press Enter or Esc to finish editing, then try again.');
    }
  });
});

describe('an earlier version`s workbook', () => {
  /** A workbook as version 0.1 left it: marks on 预算表, its sheets tagged, its record in a very hidden sheet. */
  function legacyBook(): { fake: FakeExcel; original: unknown } {
    const fake = new FakeExcel('预算表');
    fake.setGrid(fixtureGrid());
    const src = fake.active;
    const original = fake.snapshot(src);
    src.cell(26, 1).fill = '#FFEB9C';
    src.notes.set('B27', '预算表规范化:\n• [警告] 总计为空');
    const norm = fake.addSheet('规范化');
    norm.customProperties.set('BudgetNormalizer', 'normalized');
    norm.cell(0, 0).value = '源单元格';
    const state = fake.addSheet('BN_State');
    state.visibility = 'VeryHidden';
    const record = {
      v: 1,
      sourceSheetId: src.id,
      sourceSheetName: '预算表',
      outputs: [{ role: 'normalized', sheetId: '', name: '规范化' }],
      marks: [{ address: 'B27', fill: null, note: { kind: 'note', original: null, commentId: null } }],
    };
    const json = JSON.stringify(record);
    fake.setGrid([[STATE_MAGIC], [json.slice(0, 100)], [json.slice(100)]], 'A1', state);
    fake.select('A1:G33', src);
    return { fake, original };
  }

  test('its marks are cleared', async () => {
    const { fake, original } = legacyBook();
    expect(await clearFlags(fake.host())).toEqual({ restored: 1, notesLeft: 0 });
    expect(fake.snapshot(named(fake, '预算表'))).toEqual(original);
    // Its record emptied (values only), its sheet neither deleted nor shown: no undo lost.
    expect(named(fake, 'BN_State').cells.size).toBe(0);
    expect(named(fake, 'BN_State').visibility).toBe('VeryHidden');
    expect(fake.undoClears).toEqual([]);
  });

  test('a Normalize takes its sheet and marks over', async () => {
    const { fake, original } = legacyBook();
    const id = named(fake, '规范化').id;
    const res = await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(res.sheetNames.normalized).toBe('规范化');
    expect(named(fake, '规范化').id).toBe(id);
    expect(named(fake, 'BN_State').cells.size).toBe(0);
    expect(fake.undoClears).toEqual([]);
    await clearFlags(fake.host());
    expect(fake.snapshot(named(fake, '预算表'))).toEqual(original);
  });
});

describe('the store', () => {
  test('a record`s text survives any character, an apostrophe first among them; a record of several parts reads back whole', () => {
    const text = `'<&">\u00a0'`;
    expect(readPart(partXml('urn:x:1', text, { k: `A1:B2 & "x"` }))).toEqual({ attrs: { xmlns: 'urn:x:1', k: 'A1:B2 & "x"' }, text });
    // Excel may give the XML back with a declaration and other quotes.
    expect(readPart(`<?xml version="1.0" encoding="utf-8"?><bn xmlns='urn:x:1' k='A1'>&#39;x&apos;</bn>`)).toEqual({
      attrs: { xmlns: 'urn:x:1', k: 'A1' },
      text: "'x'",
    });
    const record: TableRecord = {
      v: 2,
      sheetId: '{S-1}',
      sheetName: "O'Brien's",
      box: 'A1:G33',
      outputs: [],
      marks: Array.from({ length: 30_000 }, (_, i) => ({
        address: `B${i + 1}`,
        fill: null,
        note: { kind: 'note', original: `'user note ${i}`, commentId: null },
      })),
      all: null,
    };
    const parts = recordParts(record);
    expect(parts.length).toBeGreaterThan(1);
    const read = recordsOf([...parts].reverse().map((xml, i) => ({ id: `p${i}`, xml })));
    expect(read).toHaveLength(1);
    expect(read[0]?.record).toEqual(record);
    // A lost part: the record is dropped whole, never read half.
    expect(recordsOf(parts.slice(1).map((xml, i) => ({ id: `p${i}`, xml })))[0]?.record).toBeNull();
    expect(tablesNamespace('{00000000-0001-0000-0000-000000000000}')).toBe(
      'urn:budget-normalizer:tables:1:%7B00000000-0001-0000-0000-000000000000%7D',
    );
  });

  test('a text that starts with an apostrophe keeps it in the output sheets (Excel takes a first apostrophe as the prefix)', async () => {
    const fake = new FakeExcel();
    fake.setGrid([HEADER.split('\t'), ["'引号项目", '1.00', '1.00', '', '', '目标', IND(1)]]);
    fake.select('A1:G2');
    await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(at(named(fake, '规范化'), 'E2')?.value).toBe("'引号项目");
  });

  test('the fake refuses what Excel refuses of custom XML parts: an XML that is not a fragment, a namespace that is not a URI', async () => {
    const fake = new FakeExcel();
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.customXmlParts.add('<bn>a & b</bn>');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.customXmlParts.getByNamespace('budget normalizer').load('items');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
});

describe('output sheet names', () => {
  test('a long source sheet name is cut at a whole character, without a dangling bracket', async () => {
    const { outputName } = await import('../src/excel/apply');
    const taken = new Set(['规范化']);
    const name = outputName('规范化', 'p1-2 2024年部门预算项目支出绩效目标表 (2)', taken);
    expect(name).toBe('规范化 (p1-2 2024年部门预算项目支出绩效目标表)');
    expect([...name].length).toBeLessThanOrEqual(31);
    expect(outputName('规范化', '乙局', taken)).toBe('规范化 (乙局)');
    expect(outputName('规范化', '乙局', new Set())).toBe('规范化');
  });
});
