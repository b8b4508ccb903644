/**
 * The Office layer against the in-memory Excel fake: the fixture end to end, re-runs, Clear,
 * formula injection, protected sheets, huge selections, the table from one cell, cells as the user
 * sees them (number formats, hidden rows), request limits.
 */
import { clearFlags, normalizeSelection } from '../src/excel/run';
import { PlanSheet, sheetRows } from '../src/core/render/plan';
import { FakeError, FakeExcel, FakeSheet, namespaceOf, parseAddress } from './fake-excel/fake';
import { recordsOf } from '../src/excel/store';
import { FIXTURE_SLIPS, HEADER, IND, fixtureGrid, tsv, withCells } from './helpers';
import type { Hint } from '../src/core/contract/model';

function fixtureWorkbook(api = 18): FakeExcel {
  const fake = new FakeExcel('预算表');
  fake.apiVersion = api;
  fake.setGrid(fixtureGrid());
  fake.select('A1:G33');
  return fake;
}

const sheetNamed = (fake: FakeExcel, name: string) => fake.sheet(name) as FakeSheet;
const cellValue = (s: FakeSheet, address: string) => {
  const { rect } = parseAddress(address);
  return s.get(rect.r0, rect.c0);
};

describe('Normalize on the fixture', () => {
  test('every sheet the add-in writes prints landscape, one page wide, its header on every page; the user`s sheet as it was', async () => {
    const fake = fixtureWorkbook();
    await normalizeSelection(fake.host(), { lang: 'zh' });
    const written = fake.sheets.filter((s) => s.name !== '预算表');
    expect(written.map((s) => s.name)).toEqual(['规范化', '绩效指标', '全部项目']);
    for (const s of written)
      expect([s.name, s.page]).toEqual([
        s.name,
        {
          orientation: 'Landscape',
          zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
          leftMargin: 28.8,
          rightMargin: 28.8,
          topMargin: 43.2,
          bottomMargin: 43.2,
          headerMargin: 21.6,
          footerMargin: 21.6,
          printTitleRows: '$1:$1',
        },
      ]);
    expect(sheetNamed(fake, '预算表').page).toEqual({});
    // A re-run on sheets an earlier version made (no page setup) sets it on them too.
    for (const s of written) s.page = {};
    await normalizeSelection(fake.host(), { lang: 'zh' });
    for (const s of written.slice(0, 2))
      expect([s.name, s.page.orientation, s.page.printTitleRows]).toEqual([s.name, 'Landscape', '$1:$1']);
  });

  test('the fake`s page layout takes what the reference allows, and only that', async () => {
    const fake = fixtureWorkbook();
    const bad: Array<(ws: Excel.Worksheet) => void> = [
      (ws) => (ws.pageLayout.orientation = 'landscape' as Excel.PageOrientation),
      (ws) => (ws.pageLayout.zoom = { horizontalFitToPages: 1, fitToWidth: 1 } as Excel.PageLayoutZoomOptions),
      (ws) => (ws.pageLayout.zoom = { scale: 50, horizontalFitToPages: 1 }),
      (ws) => (ws.pageLayout.zoom = { scale: 5 }),
      (ws) => (ws.pageLayout.leftMargin = -1),
      (ws) => ws.pageLayout.setPrintTitleRows('A1:C1'),
    ];
    const attempt = (f: (ws: Excel.Worksheet) => void) =>
      fake.host().run(async (context) => {
        f(context.workbook.worksheets.getItem('预算表'));
        await context.sync();
      });
    for (const f of bad) await expect(attempt(f)).rejects.toBeInstanceOf(FakeError);
    // What it does allow: a scale alone, fit-to-pages, margins, whole rows as print titles.
    await attempt((ws) => {
      ws.pageLayout.zoom = { scale: 80 };
      ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      ws.pageLayout.topMargin = 36;
      ws.pageLayout.setPrintTitleRows('$1:$2');
    });
    expect(sheetNamed(fake, '预算表').page).toEqual({
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      topMargin: 36,
      printTitleRows: '$1:$2',
    });
    fake.apiVersion = 8;
    await expect(attempt((ws) => (ws.pageLayout.orientation = 'Landscape'))).rejects.toBeInstanceOf(FakeError);
  });

  test('writes both sheets, marks the flagged cells, in at most 4 syncs', async () => {
    const fake = fixtureWorkbook();
    const before = fake.syncs;
    const res = await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(fake.syncs - before).toBeLessThanOrEqual(4);
    expect(fake.largestRequest()).toBeLessThan(4_000_000);
    expect(res.model.summary).toMatchObject({ projects: 25, units: 2 });
    expect(res.sheetNames).toEqual({ normalized: '规范化', indicators: '绩效指标' });

    const norm = sheetNamed(fake, '规范化');
    expect(norm.customProperties.get('BudgetNormalizer')).toBe('normalized');
    expect(cellValue(norm, 'A1')?.value).toBe('源单元格');
    // 28 budget rows: grand total, 2 units, 25 projects … under a header.
    expect(cellValue(norm, 'A2')?.value).toBe('预算表!A3');
    expect(cellValue(norm, 'B2')?.value).toBe('合计');
    expect(cellValue(norm, 'F2')?.value).toBe(13586.01);
    expect(cellValue(norm, 'F2')?.numberFormat).toBe('#,##0.00');
    // Live checks are formulas, in number-formatted cells.
    expect(cellValue(norm, 'K1')?.value).toBe('本行差额');
    expect(cellValue(norm, 'K3')?.formula).toBe('=IF(COUNT(G3:I3)=0,"",F3-SUM(G3:I3))');
    // The criterion is the source cell's text with its wildcards escaped (a sheet name may hold ~ * ?).
    const crit = 'SUBSTITUTE(SUBSTITUTE(SUBSTITUTE($A3,"~","~~"),"*","~*"),"?","~?")';
    expect(cellValue(norm, 'L3')?.formula).toBe(`=IF(COUNTIF($D$2:$D$29,${crit})=0,"",F3-SUMIFS($F$2:$F$29,$D$2:$D$29,${crit}))`);
    // The source cell is a link that shows the cell and jumps to it.
    expect(cellValue(norm, 'A3')?.formula).toBe('=HYPERLINK("#预算表!A4","预算表!A4")');
    // The highlight follows the live checks; long text wraps.
    expect(norm.conditionals).toEqual([
      { address: 'K2:K29', formula: '=AND(ISNUMBER(K2),K2<>0)', fill: '#FFC7CE' },
      { address: 'L2:L29', formula: '=AND(ISNUMBER(L2),L2<>0)', fill: '#FFC7CE' },
    ]);
    expect([...norm.wrapColumns].sort((a, b) => a - b)).toEqual([2, 4, 12, 14, 15, 16]);
    expect(fake.tables.map((t) => t.name).sort()).toEqual(['BN_Indicators', 'BN_Normalized']);
    const ind = sheetNamed(fake, '绩效指标');
    const indTable = fake.tables.find((t) => t.name === 'BN_Indicators');
    expect(indTable?.rect.rows).toBe(res.model.summary.indicators + 1);
    // The op "=" is text, not a formula.
    expect(cellValue(ind, 'I2')).toMatchObject({ value: '=', formula: null, numberFormat: '@' });

    // The user's range: fills by severity and notes; no value changed.
    const src = sheetNamed(fake, '预算表');
    expect(cellValue(src, 'B27')).toMatchObject({ value: '', fill: '#FFEB9C' });
    expect(src.notes.get('B27')).toContain('总计为空');
    expect(src.notes.get('B27')).toContain('115.50');
    expect(cellValue(src, 'D29')?.fill).toBe('#DDEBF7');
    for (const [r, row] of fixtureGrid().entries()) {
      row.forEach((v, c) => {
        const d = src.get(r, c);
        expect(d?.value ?? '').toBe(v ?? '');
      });
    }
    // No hidden sheet: the record is a custom XML part of the workbook.
    expect(fake.sheet('BN_State')).toBeUndefined();
    expect(fake.sheets.map((s) => s.visibility)).toEqual(['Visible', 'Visible', 'Visible', 'Visible']);
    // The table's record, and the workbook's settings (which name the list of all projects).
    expect(fake.xmlParts.map((x) => namespaceOf(x.xml))).toEqual([
      expect.stringMatching(/^urn:budget-normalizer:tables:1:/),
      'urn:budget-normalizer:settings:1',
    ]);
    expect(fake.sheets.map((s) => s.name)).toEqual(['预算表', '规范化', '绩效指标', '全部项目']);
    const all = sheetNamed(fake, '全部项目');
    expect([cellValue(all, 'A1')?.value, cellValue(all, 'B1')?.value, cellValue(all, 'A2')?.value]).toEqual([
      '表',
      '源单元格',
      '预算表!A1:G33',
    ]);
    expect(cellValue(all, 'B2')?.formula).toMatch(/^=HYPERLINK\("#预算表!A\d+"/);
    expect([...all.cells.keys()].filter((k) => k.endsWith(',0')).length).toBe(26);
  });

  test('re-running replaces the add-in`s own output and nothing else', async () => {
    const fake = fixtureWorkbook();
    await normalizeSelection(fake.host(), { lang: 'zh' });
    const first = { user: fake.snapshot(sheetNamed(fake, '预算表')), names: fake.sheets.map((s) => s.name) };
    fake.select('A1:G33', sheetNamed(fake, '预算表'));
    await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(fake.snapshot(sheetNamed(fake, '预算表'))).toEqual(first.user);
    expect(fake.sheets.map((s) => s.name).sort()).toEqual([...first.names].sort());
    expect(fake.tables.map((t) => t.name).sort()).toEqual(['BN_Indicators', 'BN_Normalized']);
  });

  test('Clear restores the original fills and notes exactly, including the user`s own', async () => {
    const fake = fixtureWorkbook();
    const src = sheetNamed(fake, '预算表');
    src.cell(26, 1).fill = '#00B050'; // B27: the user's green fill on a cell that will be flagged
    src.notes.set('D12', '用户自己的批注'); // D12: the user's note on a cell that will be flagged
    src.notes.set('A1', '别处的批注');
    const before = fake.snapshot(src);
    await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(src.notes.get('D12')).toMatch(/^用户自己的批注\n\n预算表规范化:/);
    expect(cellValue(src, 'B27')?.fill).toBe('#FFEB9C');
    fake.select('A1:G33', src);
    await normalizeSelection(fake.host(), { lang: 'en' });
    expect(src.notes.get('D12')).toMatch(/^用户自己的批注\n\nBudget Normalizer:/);
    const restored = await clearFlags(fake.host());
    // The marks are the errors, the warnings on amounts and reading, and the notes (review findings stay off the sheet).
    expect(restored).toEqual({ restored: 7, notesLeft: 0 });
    expect(fake.snapshot(src)).toEqual(before);
    // The record is emptied of its marks in the same undo step; the table keeps its sheets.
    expect(recordsOf(fake.xmlParts.filter((x) => namespaceOf(x.xml).includes(':tables:'))).map((r) => r.record?.marks.length)).toEqual([0]);
    expect(await clearFlags(fake.host())).toEqual({ restored: 0, notesLeft: 0 });
  });

  test('amounts Excel holds as numbers read the same as amounts pasted as text', async () => {
    const asText = fixtureWorkbook();
    const textRes = await normalizeSelection(asText.host(), { lang: 'zh' });
    const fake = new FakeExcel('预算表');
    const numeric = fixtureGrid().map((row) =>
      row.map((v) => (typeof v === 'string' && /^[\d,. ]+$/.test(v) && /\d/.test(v) ? Number(v.replace(/[, ]/g, '')) : v)),
    );
    expect(typeof numeric[2]?.[1]).toBe('number');
    fake.setGrid(numeric);
    fake.select('A1:G33');
    const res = await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(res.model.rows.map((r) => r.amounts)).toEqual(textRes.model.rows.map((r) => r.amounts));
    expect(res.model.flags.map((f) => f.cell + f.code)).toEqual(textRes.model.flags.map((f) => f.cell + f.code));
  });

  test('English Excel gets English sheet names and headers', async () => {
    const fake = fixtureWorkbook();
    await normalizeSelection(fake.host(), { lang: 'en' });
    expect(cellValue(sheetNamed(fake, 'Normalized'), 'A1')?.value).toBe('Source cell');
    expect(sheetNamed(fake, 'Indicators')).toBeDefined();
  });
});

describe('the other layouts in Excel', () => {
  test('single-project forms (the tianjin fixture)', async () => {
    const fake = new FakeExcel('绩效目标表');
    fake.setGrid(fixtureGrid('tianjin-hebei-court-2023.tsv'));
    fake.select('A1');
    const res = await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(fake.syncs).toBeLessThanOrEqual(4);
    expect(res.model.layout).toBe('form');
    expect(res.model.summary.projects).toBe(2);
    const norm = sheetNamed(fake, '规范化');
    expect(cellValue(norm, 'E2')?.value).toBe('安全隐患维修');
    expect(cellValue(norm, 'F2')?.value).toBe(20);
    expect(cellValue(norm, 'Q1')?.value).toBe('审核提示');
    expect(cellValue(norm, 'Q3')?.value).toBe('缺少效益、满意度指标');
    expect(fake.tables.find((t) => t.name === 'BN_Indicators')?.rect.rows).toBe(12);
    // The second form lacks 效益 and 满意度 indicators: a review finding, in the 审核提示 column and
    // the pane, not on the user's sheet …
    const src = sheetNamed(fake, '绩效目标表');
    expect(cellValue(src, 'B18')?.fill ?? null).toBeNull();
    // … unless the user asks for review findings on the sheet too.
    fake.select('A1', src);
    await normalizeSelection(fake.host(), { lang: 'zh', reviewMarks: true });
    expect(cellValue(src, 'B18')?.fill).toBe('#FFEB9C');
    expect(src.notes.get('B18')).toContain('缺少效益、满意度指标');
  });

  test('a grid list, with a wrong amount marked on its cell', async () => {
    const fake = new FakeExcel();
    fake.setGrid(
      tsv(`单位名称\t项目名称\t预算数\t一级指标\t二级指标\t三级指标\t指标值
      单位甲\t\t30.00\t\t\t\t
      单位甲\t项目一\t10.00\t产出指标\t数量指标\t数量\t≥1件
      \t\t\t效益指标\t社会效益指标\t效益\t提升
      \t\t\t满意度指标\t服务对象满意度指标\t满意度\t≥90%
      单位甲\t项目二\t20.10\t产出指标\t数量指标\t数量\t≥2件
      \t\t\t效益指标\t社会效益指标\t效益\t提升
      \t\t\t满意度指标\t服务对象满意度指标\t满意度\t≥90%`),
    );
    fake.select('A1:G8');
    const res = await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(res.model.layout).toBe('grid');
    expect(res.model.rows.map((r) => r.kind)).toEqual([
      'header',
      'unit',
      'project',
      'continuation',
      'continuation',
      'project',
      'continuation',
      'continuation',
    ]);
    expect(res.model.flags.map((f) => `${f.cell} ${f.code}`)).toEqual(['C2 subtotal-mismatch']);
    expect(fake.active.get(1, 2)?.fill).toBe('#FFC7CE');
    expect(fake.active.notes.get('C2')).toContain('30.00 ≠ 其下 2 个项目之和 30.10');
    expect(fake.tables.find((t) => t.name === 'BN_Indicators')?.rect.rows).toBe(7);
  });
});

describe('safety', () => {
  test('text that looks like a formula stays text', async () => {
    const fake = new FakeExcel();
    const names = ['=1+1', '+86项目', '-负号项目', '@SUM(A1)', '=HYPERLINK("http://x","y")'];
    fake.setGrid(tsv(`${HEADER}\n${names.map((n) => `${n}\t1.00\t1.00\t\t\t=目标\t${IND(1, '=指标')}`).join('\n')}`));
    fake.select('A1:G6');
    await normalizeSelection(fake.host(), { lang: 'zh' });
    const norm = sheetNamed(fake, '规范化');
    names.forEach((n, i) => expect(cellValue(norm, `E${i + 2}`)).toMatchObject({ value: n, formula: null }));
    expect(cellValue(norm, 'O1')?.value).toBe('绩效目标');
    expect(cellValue(norm, 'O2')).toMatchObject({ value: '=目标', formula: null });
    expect(cellValue(sheetNamed(fake, '绩效指标'), 'G2')).toMatchObject({ value: '=指标1', formula: null });
    // No cell the add-in wrote holds a formula except its own checks and links to the source cells.
    for (const s of [norm, sheetNamed(fake, '绩效指标')]) {
      for (const [k, d] of s.cells)
        if (d.formula !== null)
          expect([s.name, k, /^=(?:IF\(COUNT|HYPERLINK\("#Sheet1!A\d+","Sheet1!A\d+"\)$)/.test(d.formula)]).toEqual([s.name, k, true]);
    }
  });

  test('Normalize on the add-in`s own output sheet is refused with a message', async () => {
    const fake = fixtureWorkbook();
    await normalizeSelection(fake.host(), { lang: 'zh' });
    fake.select('A1:O29', sheetNamed(fake, '规范化'));
    await expect(normalizeSelection(fake.host(), { lang: 'zh' })).rejects.toMatchObject({ key: 'ownSheet' });
  });

  test('a user sheet with the same name is never touched', async () => {
    const fake = fixtureWorkbook();
    const mine = fake.addSheet('规范化');
    mine.cell(0, 0).value = '我的数据';
    await normalizeSelection(fake.host(), { lang: 'zh' });
    fake.select('A1:G33', sheetNamed(fake, '预算表'));
    const res = await normalizeSelection(fake.host(), { lang: 'zh' });
    // The user's 规范化 keeps its name: the table's is named after its sheet, and reused by the re-run.
    expect(res.sheetNames.normalized).toBe('规范化 (预算表)');
    expect(cellValue(mine, 'A1')?.value).toBe('我的数据');
    expect(fake.sheets.filter((s) => s.name.startsWith('规范化')).length).toBe(2);
  });

  test('a protected sheet: outputs are written, the table is not marked, and the user is told', async () => {
    const fake = fixtureWorkbook();
    const src = sheetNamed(fake, '预算表');
    src.protected = true;
    const before = fake.snapshot(src);
    const res = await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(res.notices).toContainEqual({ key: 'protectedSheet' });
    expect(fake.snapshot(src)).toEqual(before);
    expect(sheetNamed(fake, '规范化')).toBeDefined();
  });

  test('error values are read as empty cells and counted', async () => {
    const fake = fixtureWorkbook();
    sheetNamed(fake, '预算表').cell(4, 3).value = '#N/A';
    const res = await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(res.notices).toContainEqual({ key: 'errorValues', count: 1 });
    expect(res.model.rows[4]?.amounts.total).toBe(119);
  });

  test('merged areas are reported', async () => {
    const fake = fixtureWorkbook();
    sheetNamed(fake, '预算表').merged.push(parseAddress('A1:G1').rect);
    const res = await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(res.notices).toContainEqual({ key: 'mergedCells', count: 1 });
  });
});

describe('reading the selection', () => {
  const small = () => tsv(`${HEADER}\n甲\t1.00\t1.00\t\t\t目标\t${IND(1)}\n乙\t2.00\t2.00\t\t\t目标\t${IND(1)}`);

  test('a single selected cell grows to its table (here its current region: a far cell is not the table`s)', async () => {
    const fake = new FakeExcel();
    fake.setGrid(small(), 'C5');
    fake.active.cell(20, 20).value = 'far away';
    fake.select('D6');
    const res = await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(res.origin).toEqual({ row: 4, col: 2 });
    expect(res.range).toBe('C5:I7');
    expect(res.model.summary.projects).toBe(2);
    expect(res.notices).toEqual([]);
    expect(sheetRows(res.plan.sheets[0] as PlanSheet)[0]?.[0]).toEqual({
      formula: 'HYPERLINK("#Sheet1!C6","Sheet1!C6")',
      value: 'Sheet1!C6',
    });
  });

  test('whole columns are trimmed to the used range', async () => {
    const fake = new FakeExcel();
    fake.setGrid(small(), 'B2');
    fake.select('A:H');
    const res = await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(res.origin).toEqual({ row: 1, col: 1 });
    expect(res.model.rows).toHaveLength(3);
  });

  test('a selection too large to handle gets a clear message, not a hang', async () => {
    const fake = new FakeExcel();
    fake.setGrid(small());
    fake.select('A1:Z100000');
    await expect(normalizeSelection(fake.host(), { lang: 'zh' })).rejects.toMatchObject({ key: 'tooLarge', detail: { cells: 2_600_000 } });
    expect(fake.syncs).toBe(1);
  });

  test('a large table is read and written in requests under the limits', async () => {
    const fake = new FakeExcel();
    const rows = [HEADER.split('\t'), ['合计', '150000.00', '150000.00', '', '', '', '']];
    for (let u = 0; u < 50; u++) {
      rows.push([`单位${u}`, '3000.00', '3000.00', '', '', '', '']);
      for (let p = 0; p < 100; p++) rows.push([`项目${u}-${p}`, '30.00', p === 0 ? '31.00' : '30.00', '', '', '目标'.repeat(200), IND(4)]);
    }
    fake.setGrid(rows);
    fake.select(`A1:G${rows.length}`);
    const res = await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(res.model.summary.projects).toBe(5000);
    expect(fake.largestRequest()).toBeLessThanOrEqual(4_000_000);
    // 50 mismatched projects and 50 units: one getRanges per colour, every address list short enough.
    const src = sheetNamed(fake, 'Sheet1');
    expect(src.get(3, 1)?.fill).toBe('#FFC7CE'); // B4: the project's total ≠ its parts
    expect(src.get(2, 2)?.fill).toBe('#FFC7CE'); // C3: the unit's fiscal ≠ its projects'
    expect(src.notes.get('C3')).toContain('3,000.00 ≠ 其下 100 个项目之和 3,001.00');
    expect(fake.syncs).toBeGreaterThan(4);
  });
});

describe('the whole table from one click', () => {
  test('one cell, A1, of the sample table reads A1:G33 across its page-break blank rows, in the 4 syncs of a selection', async () => {
    const fake = new FakeExcel('预算表');
    fake.setGrid(fixtureGrid());
    fake.select('A1');
    const res = await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(res.range).toBe('A1:G33');
    expect(res.origin).toEqual({ row: 0, col: 0 });
    expect(res.model.summary).toMatchObject({ rows: 33, units: 2, projects: 25, indicators: 85, errors: 0 });
    expect(res.notices).toEqual([]);
    expect(fake.syncs).toBe(4);
    // The same model as the selection of the whole table.
    const whole = fixtureWorkbook();
    const all = await normalizeSelection(whole.host(), { lang: 'zh' });
    expect(res.model.flags.map((f) => f.cell + f.code)).toEqual(all.model.flags.map((f) => f.cell + f.code));
    // From a cell of the third page too.
    const mid = new FakeExcel('预算表');
    mid.setGrid(fixtureGrid());
    mid.select('C21');
    expect((await normalizeSelection(mid.host(), { lang: 'zh' })).range).toBe('A1:G33');
  });

  test('a table far down a long sheet is read in budgeted requests, and grows above and below', async () => {
    const fake = new FakeExcel();
    const grid = fixtureGrid();
    // Thirty copies of the sample's rows after a title, each page break kept: one table of 991 rows.
    const rows = [['2024年部门项目支出绩效目标表'], ...Array.from({ length: 30 }, () => [...grid.slice(2), []]).flat()];
    fake.setGrid(rows, 'B3000');
    fake.select('C3500');
    const res = await normalizeSelection(fake.host(), { lang: 'zh', outputs: { normalized: false, indicators: false } });
    expect(res.range).toBe(`B3000:H${3000 + rows.length - 2}`);
    expect(res.model.summary.rows).toBe(rows.length - 1);
    expect(Math.max(...fake.responses)).toBeLessThan(2_600_000);
  });

  test('content continuing right below a selection, or below a table grown from one cell, is said', async () => {
    const fake = fixtureWorkbook();
    fake.select('A1:G10');
    const res = await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(res.range).toBe('A1:G10');
    expect(res.notices).toContainEqual({ key: 'moreBelow', row: 10 });
    // A note two rows under the table: not the table's (one cell), but close below it.
    const noted = new FakeExcel('预算表');
    noted.setGrid([...fixtureGrid(), [], ['注:本表金额单位为万元。']]);
    noted.select('A1');
    const grown = await normalizeSelection(noted.host(), { lang: 'en' });
    expect(grown.range).toBe('A1:G33');
    expect(grown.notices).toContainEqual({ key: 'moreBelow', row: 33 });
    // Beside: a selection of five of the seven columns.
    const narrow = fixtureWorkbook();
    narrow.select('A1:E33');
    expect((await normalizeSelection(narrow.host(), { lang: 'zh' })).notices).toContainEqual({ key: 'moreRight', column: 'E' });
  });

  test('one cell with nothing around it: the refusal says that only one cell was read', async () => {
    const fake = new FakeExcel();
    fake.setGrid([['2024年部门项目支出绩效目标表'], [], [], [], [], ['项目名称', '总计'], ['项目一', '1.00']], 'B2');
    fake.select('B2');
    await expect(normalizeSelection(fake.host(), { lang: 'zh' })).rejects.toMatchObject({ key: 'oneCell', detail: { address: 'B2' } });
  });
});

describe('cells as the user sees them', () => {
  /** A grid list whose cells hold numbers shown through number formats. */
  function formatted(): FakeExcel {
    const fake = new FakeExcel();
    fake.setGrid(
      tsv(`单位名称\t项目名称\t预算数\t一级指标\t二级指标\t三级指标\t指标值
      单位甲\t项目一\t\t产出指标\t数量指标\t培训人次\t
      \t\t\t产出指标\t质量指标\t合格率\t
      \t\t\t产出指标\t时效指标\t完成时间\t
      \t\t\t效益指标\t社会效益指标\t覆盖率\t
      \t\t\t满意度指标\t服务对象满意度指标\t满意度\t≥90%`),
    );
    const put = (address: string, value: number, format: string) => {
      const { rect } = parseAddress(address);
      fake.active.cell(rect.r0, rect.c0).value = value;
      fake.setFormat(address, format);
    };
    put('C2', 1250.5, '#,##0.00');
    put('G2', 12500, '#,##0"人次"');
    put('G3', 1, '0%');
    put('G4', 44561, 'yyyy"年"m"月"d"日"');
    put('G5', 0.955, '0.0%');
    return fake;
  }

  test('percent, date and thousands-formatted numbers read as shown; an amount keeps its exact value', async () => {
    const fake = formatted();
    fake.select('A1');
    const res = await normalizeSelection(fake.host(), { lang: 'zh' });
    const project = res.model.rows.find((r) => r.kind === 'project');
    expect(project?.amounts.total).toBe(1250.5);
    expect(project?.indicators.map((i) => [i.name, i.annual ?? i.period])).toEqual([
      ['培训人次', expect.objectContaining({ raw: '12,500人次' })],
      ['合格率', { raw: '100%', op: '=', value: 100, unit: '%' }],
      ['完成时间', expect.objectContaining({ raw: '2021年12月31日' })],
      ['覆盖率', { raw: '95.5%', op: '=', value: 95.5, unit: '%' }],
      ['满意度', { raw: '≥90%', op: '≥', value: 90, unit: '%' }],
    ]);
    // What the fake serves, as the Office.js reference documents it.
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getActiveWorksheet().getRange('F3:G4');
      r.load('values, text, numberFormat, valueTypes');
      await ctx.sync();
      expect(r.values).toEqual([
        ['合格率', 1],
        ['完成时间', 44561],
      ]);
      expect(r.text).toEqual([
        ['合格率', '100%'],
        ['完成时间', '2021年12月31日'],
      ]);
      expect(r.numberFormat).toEqual([
        ['General', '0%'],
        ['General', 'yyyy"年"m"月"d"日"'],
      ]);
      expect(r.valueTypes).toEqual([
        ['String', 'Double'],
        ['String', 'Double'],
      ]);
    });
  });

  test('the sample table with its amounts stored as numbers in a thousands format reads as the text', async () => {
    const asText = fixtureWorkbook();
    const textRes = await normalizeSelection(asText.host(), { lang: 'zh' });
    const fake = new FakeExcel('预算表');
    fake.setGrid(
      fixtureGrid().map((row) =>
        row.map((v) => (typeof v === 'string' && /^[\d,. ]+$/.test(v) && /\d/.test(v) ? Number(v.replace(/[, ]/g, '')) : v)),
      ),
    );
    fake.setFormat('B3:E33', '#,##0.00');
    fake.select('A1');
    const res = await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(res.model.rows.map((r) => r.amounts)).toEqual(textRes.model.rows.map((r) => r.amounts));
    expect(res.model.flags.map((f) => f.cell + f.code)).toEqual(textRes.model.flags.map((f) => f.cell + f.code));
  });

  /** The sample with an old line kept under its project (119.00 then, 100.00 before), hidden. */
  function superseded(): FakeExcel {
    const grid = fixtureGrid();
    const old = [...(grid[4] as unknown[])];
    old[0] = '其他机构运行经费(原预算)';
    old[1] = '100.00';
    old[2] = '100.00';
    const fake = new FakeExcel('预算表');
    fake.setGrid([...grid.slice(0, 5), old, ...grid.slice(5)]);
    fake.hide('6');
    fake.select('A1');
    return fake;
  }

  test('a hidden superseded row is left out, with its info flag and a notice; with the option it is counted', async () => {
    const fake = superseded();
    const res = await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(res.range).toBe('A1:G34');
    expect(res.model.reading.hidden).toEqual({ rows: [6], columns: [], counted: false });
    expect(res.model.flags.filter((f) => f.code === 'hidden-cells').map((f) => [f.severity, f.cell])).toEqual([['info', 'A6']]);
    expect(res.model.summary.errors).toBe(0);
    expect(res.model.summary.projects).toBe(25);
    expect(res.notices).toContainEqual({ key: 'hiddenRows', count: 1, counted: false });

    const counted = superseded();
    const all = await normalizeSelection(counted.host(), { lang: 'zh', options: { countHidden: true } });
    expect(all.model.reading.hidden).toEqual({ rows: [6], columns: [], counted: true });
    expect(all.model.summary.projects).toBe(26);
    expect(all.model.summary.errors).toBeGreaterThan(0);
    expect(all.notices).toContainEqual({ key: 'hiddenRows', count: 1, counted: true });
  });

  test('a hidden column is left out the same way', async () => {
    const fake = fixtureWorkbook();
    fake.hide('F');
    const res = await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(res.model.reading.hidden).toEqual({ rows: [], columns: [5], counted: false });
    expect(res.notices).toContainEqual({ key: 'hiddenCols', count: 1, counted: false });
  });
});

describe('hosts without notes', () => {
  test('ExcelApi 1.17: fills only (no comment in the user`s name), and Clear puts them back; the user`s comment stays', async () => {
    const fake = fixtureWorkbook(17);
    const src = sheetNamed(fake, '预算表');
    fake.addUserComment('D12', '用户的批注', src);
    const before = fake.snapshot(src);
    await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(src.notes.size).toBe(0);
    expect(fake.comments.map((c) => c.content)).toEqual(['用户的批注']);
    expect(cellValue(src, 'B27')?.fill).toBe('#FFEB9C');
    fake.select('A1:G33', src);
    await normalizeSelection(fake.host(), { lang: 'zh' });
    await clearFlags(fake.host());
    expect(fake.snapshot(src)).toEqual(before);
  });

  test('the undo group is asked for only where ExcelApi 1.20 is supported', async () => {
    const a = fixtureWorkbook(18);
    await normalizeSelection(a.host(), { lang: 'zh' });
    expect(a.runOptions).toEqual([{ delayForCellEdit: true }, { delayForCellEdit: true }]);
    const b = fixtureWorkbook(20);
    await normalizeSelection(b.host(), { lang: 'zh' });
    // Reading and what Excel cannot undo first; then the writes as one undo step.
    expect(b.runOptions).toEqual([{ delayForCellEdit: true }, { delayForCellEdit: true, mergeUndoGroup: true }]);
    const c = fixtureWorkbook(10);
    await normalizeSelection(c.host(), { lang: 'zh' });
    expect(c.runOptions).toEqual([{}, {}]);
  });
});

describe('the fake behaves like Excel where it matters', () => {
  test('nothing can be read before load and sync', async () => {
    const fake = new FakeExcel();
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getActiveWorksheet().getRange('A1:B2');
      expect(() => r.values).toThrow(/not available/);
      r.load('values');
      expect(() => r.values).toThrow(/not available/);
      await ctx.sync();
      expect(r.values).toEqual([
        ['', ''],
        ['', ''],
      ]);
    });
  });

  test('a values array must match the range', async () => {
    const fake = new FakeExcel();
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getActiveWorksheet().getRange('A1:B2').values = [[1, 2]];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  test('a string starting with = is a formula unless written safely', async () => {
    const fake = new FakeExcel();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getActiveWorksheet();
      ws.getRange('A1').values = [['=1+1']];
      ws.getRange('A2').numberFormat = [['@']];
      ws.getRange('A2').values = [['=1+1']];
      ws.getRange('A3').values = [["'=1+1"]];
      await ctx.sync();
    });
    expect(fake.active.get(0, 0)?.formula).toBe('=1+1');
    expect(fake.active.get(1, 0)).toMatchObject({ value: '=1+1', formula: null });
    expect(fake.active.get(2, 0)).toMatchObject({ value: '=1+1', formula: null });
  });

  test('a request over 5 MB fails whole; syncs are counted', async () => {
    const fake = new FakeExcel();
    const big = Array.from({ length: 6000 }, () => ['x'.repeat(1000)]);
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getActiveWorksheet().getRange('A1:A6000').values = big;
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(fake.active.cells.size).toBe(0);
    expect(fake.syncs).toBe(1);
  });

  test('an address string over 8,192 characters fails', async () => {
    const fake = new FakeExcel();
    const address = Array.from({ length: 2000 }, (_, i) => `A${i + 1}`).join(',');
    expect(address.length).toBeGreaterThan(8192);
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getActiveWorksheet().getRanges(address).format.fill.color = '#FF0000';
        await ctx.sync();
      }),
    ).rejects.toBeInstanceOf(FakeError);
  });

  test('hidden rows and columns: rowHidden / columnHidden true, false or null; the visible cells as areas, none a null object', async () => {
    const fake = new FakeExcel();
    fake.hide('3:4');
    fake.hide('B');
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getActiveWorksheet();
      const mixed = ws.getRange('A1:C6');
      const none = ws.getRange('A1:A2');
      const all = ws.getRange('B3:B4');
      for (const r of [mixed, none, all]) r.load('rowHidden, columnHidden');
      const visible = mixed.getSpecialCellsOrNullObject('Visible');
      visible.load('address');
      const nothing = all.getSpecialCellsOrNullObject('Visible');
      nothing.load('address');
      expect(() => mixed.rowHidden).toThrow(/not available/);
      await ctx.sync();
      expect([mixed.rowHidden, mixed.columnHidden]).toEqual([null, null]);
      expect([none.rowHidden, none.columnHidden]).toEqual([false, false]);
      expect([all.rowHidden, all.columnHidden]).toEqual([true, true]);
      expect(visible.address).toBe('Sheet1!A1:A2,Sheet1!C1:C2,Sheet1!A5:A6,Sheet1!C5:C6');
      expect(nothing.isNullObject).toBe(true);
      // Hiding through the API.
      ws.getRange('A8:A9').rowHidden = true;
      await ctx.sync();
    });
    expect([...fake.active.hiddenRows].sort()).toEqual([2, 3, 7, 8]);
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getActiveWorksheet().getRange('B3:B4').getSpecialCells('Visible').load('address');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
  });

  test('text is the value as its format shows it, whatever the column`s width (no ####); a General number in at most 11 characters', async () => {
    const fake = new FakeExcel();
    fake.setGrid([[1234567.891234, 1.5e15, 13586.01, true, 'x']]);
    fake.setFormat('C1', '#,##0.00');
    fake.active.columnWidths.set(2, 5);
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getActiveWorksheet().getRange('A1:F1');
      r.load('text, numberFormat');
      await ctx.sync();
      expect(r.text).toEqual([['1234567.891', '1.5E+15', '13,586.01', 'TRUE', 'x', '']]);
      expect(r.numberFormat).toEqual([['General', 'General', '#,##0.00', 'General', 'General', 'General']]);
    });
  });

  test('a values read over 5,000,000 cells returns null', async () => {
    const fake = new FakeExcel();
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getActiveWorksheet().getRange('A:F');
      r.load('values');
      await ctx.sync();
      expect(r.values).toBeNull();
    });
  });
});

describe("Microsoft's documented rules (the fake refuses what Excel refuses)", () => {
  test('an undo group refuses Worksheet.delete everywhere and Worksheet.visibility on Windows and Mac', async () => {
    for (const platform of ['windows', 'mac', 'web'] as const) {
      const fake = new FakeExcel();
      fake.apiVersion = 20;
      fake.platform = platform;
      const other = fake.addSheet('Other');
      const attempt = (f: (ctx: Excel.RequestContext) => void) =>
        fake.run(
          async (ctx) => {
            f(ctx);
            await ctx.sync();
          },
          { mergeUndoGroup: true },
        );
      await expect(attempt((ctx) => ctx.workbook.worksheets.getItem(other.id).delete())).rejects.toMatchObject({
        code: 'UndoNotSupported',
      });
      const hide = attempt((ctx) => (ctx.workbook.worksheets.getItem(other.id).visibility = 'Hidden'));
      if (platform === 'web') await expect(hide).resolves.toBeUndefined();
      else await expect(hide).rejects.toMatchObject({ code: 'UndoNotSupported' });
    }
  });

  test('Normalize, a re-run and Clear work in one undo step on every platform (first run, re-run, Clear)', async () => {
    for (const platform of ['windows', 'mac', 'web'] as const) {
      const fake = fixtureWorkbook(20);
      fake.platform = platform;
      const src = sheetNamed(fake, '预算表');
      const before = fake.snapshot(src);
      await normalizeSelection(fake.host(), { lang: 'zh' });
      fake.select('A1:G33', src);
      await normalizeSelection(fake.host(), { lang: 'zh' });
      expect(await clearFlags(fake.host())).toEqual({ restored: 7, notesLeft: 0 });
      expect(fake.snapshot(src)).toEqual(before);
      expect(fake.runOptions.filter((o) => o?.mergeUndoGroup === true)).toHaveLength(3);
    }
  });

  test('a response over 5 MB fails; a large table of long text is read in responses under it, values, types and formats', async () => {
    const fake = new FakeExcel();
    const long = '绩效目标文字'.repeat(120);
    fake.setGrid([
      ['项目名称', '总计', '财政拨款', '绩效目标'],
      ...Array.from({ length: 9000 }, (_, i) => [`项目${i}`, '1.00', '1.00', long]),
    ]);
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getActiveWorksheet().getRange('A1:D9001').load('values');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    fake.select('A1:D9001');
    const from = fake.responses.length;
    const res = await normalizeSelection(fake.host(), { lang: 'zh', outputs: { normalized: false, indicators: false } });
    expect(res.model.summary.projects).toBe(9000);
    const responses = fake.responses.slice(from);
    expect(responses.reduce((n, b) => n + b, 0)).toBeGreaterThan(19_000_000);
    expect(Math.max(...responses)).toBeLessThan(5 * 1024 * 1024);
  });

  test('notes written on a host with them and cleared on one without (Office 2021, Mac before 16.93) are not orphaned', async () => {
    // Notes (1.18) written, Clear on a host without notes (1.17): the fills go back, the notes cannot be reached; said.
    const a = fixtureWorkbook(18);
    const src = sheetNamed(a, '预算表');
    const before = a.snapshot(src);
    await normalizeSelection(a.host(), { lang: 'zh' });
    a.apiVersion = 17;
    expect(await clearFlags(a.host())).toEqual({ restored: 7, notesLeft: 7 });
    expect(src.notes.size).toBe(7);
    expect(cellValue(src, 'B27')?.fill ?? null).toBeNull();
    // The record keeps the notes: a later Clear on a host with notes removes them, and puts nothing else back twice.
    a.apiVersion = 18;
    expect(await clearFlags(a.host())).toEqual({ restored: 0, notesLeft: 0 });
    expect(a.snapshot(src)).toEqual(before);
    // And a Normalize on a host with notes takes them over.
    const b = fixtureWorkbook(18);
    await normalizeSelection(b.host(), { lang: 'zh' });
    b.apiVersion = 17;
    await clearFlags(b.host());
    b.apiVersion = 18;
    b.select('A1:G33', sheetNamed(b, '预算表'));
    await normalizeSelection(b.host(), { lang: 'zh' });
    expect(await clearFlags(b.host())).toEqual({ restored: 7, notesLeft: 0 });
    expect(sheetNamed(b, '预算表').notes.size).toBe(0);
  });

  test('a second run works when a user`s table already holds BN_Normalized', async () => {
    const fake = fixtureWorkbook();
    const mine = fake.addSheet('我的表');
    fake.tables.push({ name: 'BN_Normalized', sheetId: mine.id, rect: parseAddress('A1:B2').rect, style: '' });
    await normalizeSelection(fake.host(), { lang: 'zh' });
    fake.select('A1:G33', sheetNamed(fake, '预算表'));
    await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(fake.tables.map((t) => t.name).sort()).toEqual(['BN_Indicators', 'BN_Normalized', 'BN_Normalized_2']);
  });

  test('errors a user can act on: several areas, a cell being edited, the sheet gone mid-run', async () => {
    const multi = fixtureWorkbook();
    multi.select('A1:B2,D4:E5');
    await expect(normalizeSelection(multi.host(), { lang: 'zh' })).rejects.toMatchObject({ key: 'multiArea' });
    // ExcelApi 1.11+: the run waits for the edit to end; before it, the user is told.
    const waits = fixtureWorkbook(18);
    waits.cellEditMode = true;
    await expect(normalizeSelection(waits.host(), { lang: 'zh' })).resolves.toMatchObject({ model: { layout: 'packed' } });
    const old = fixtureWorkbook(10);
    old.cellEditMode = true;
    await expect(normalizeSelection(old.host(), { lang: 'zh' })).rejects.toMatchObject({ key: 'cellEdit' });
    // The sheet deleted between reading and writing.
    const gone = fixtureWorkbook();
    const host = gone.host();
    let runs = 0;
    const flaky = {
      isSetSupported: host.isSetSupported,
      run: async <T>(b: (c: Excel.RequestContext) => Promise<T>, o?: { mergeUndoGroup?: boolean; delayForCellEdit?: boolean }) => {
        if (++runs === 2) gone.sheets.splice(gone.sheets.indexOf(sheetNamed(gone, '预算表')), 1);
        return host.run(b, o);
      },
    };
    await expect(normalizeSelection(flaky, { lang: 'zh' })).rejects.toMatchObject({ key: 'sheetGone' });
  });

  test('fills are read with getCellProperties in blocks and the proxies untracked; comments only from ExcelApi 1.10', async () => {
    const fake = fixtureWorkbook(18);
    await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(fake.untracked).toBeGreaterThan(0);
    const nine = fixtureWorkbook(9);
    await expect(normalizeSelection(nine.host(), { lang: 'zh' })).resolves.toMatchObject({ model: { layout: 'packed' } });
    expect(nine.comments).toEqual([]);
    expect(await clearFlags(nine.host())).toEqual({ restored: 7, notesLeft: 0 });
  });
});

describe('why a total is off, in Excel', () => {
  test.each([
    ['unit-slip', '#FFC7CE', '多半是把元填进了万元表'],
    ['rounding', '#DDEBF7', '多半是四舍五入所致'],
    ['double-count', '#FFC7CE', '多半被重复计入'],
    ['omission', '#FFC7CE', '多半被漏计'],
    ['transposition', '#FFC7CE', '若两位相邻数字对调'],
  ] as Array<[Hint, string, string]>)('%s: marked on the cell to fix, its note naming the fix', async (hint, fill, says) => {
    const { edits, at: address } = FIXTURE_SLIPS[hint];
    const fake = new FakeExcel();
    fake.setGrid(withCells(fixtureGrid(), edits));
    fake.select('A1:G33');
    const res = await normalizeSelection(fake.host(), { lang: 'zh' });
    expect(res.model.flags.some((f) => f.hint === hint && f.cell === address && f.explainedBy === undefined)).toBe(true);
    const [, col, row] = /^([A-Z]+)(\d+)$/.exec(address) as RegExpExecArray;
    expect(fake.active.get(Number(row) - 1, (col as string).charCodeAt(0) - 65)?.fill).toBe(fill);
    expect(fake.active.notes.get(address)).toContain(says);
  });
});
