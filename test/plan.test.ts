/**
 * The workbook plan on its own: a golden file of the tianjin fixture's plan (sheets, columns, rows,
 * formulas, conditional formats, marks), reviewed by hand when it was recorded, and what the plan
 * promises in general: text columns are text, formulas find their columns by key, review findings stay
 * off the user's sheet unless asked for.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalize } from '../src/core';
import type { Flag, Row } from '../src/core/contract/model';
import { budgetRowOwners, buildPlan, cellLink, PAGE_SETUP, PlanSheet, reviewText, sheetRows } from '../src/core/render/plan';
import { fixtureGrid, tsv } from './helpers';

const GOLDEN = join(__dirname, 'golden', 'plan-tianjin.json');

test('the tianjin fixture`s plan matches its golden file', () => {
  const plan = buildPlan(normalize(fixtureGrid('tianjin-hebei-court-2023.tsv')), { sheetName: '绩效目标表', lang: 'zh' });
  // The rows as the sinks see them: made by iterating each sheet.
  const json = JSON.stringify({ ...plan, sheets: plan.sheets.map((s) => ({ ...s, rows: sheetRows(s) })) }, null, 1);
  if (process.env.BN_RECORD_GOLDEN === '1') writeFileSync(GOLDEN, json + '\n');
  expect(JSON.parse(json)).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
});

test('a link to a source cell escapes any sheet name a user can give', () => {
  expect(cellLink('', 'A5')).toBe('A5');
  expect(cellLink('Sheet1', 'A5')).toEqual({ formula: 'HYPERLINK("#Sheet1!A5","Sheet1!A5")', value: 'Sheet1!A5' });
  // Spaces and apostrophes: quoted, the apostrophe doubled; a double quote doubled inside the formula's string.
  expect(cellLink("2024 预算'表", 'B3')).toEqual({
    formula: `HYPERLINK("#'2024 预算''表'!B3","2024 预算'表!B3")`,
    value: "2024 预算'表!B3",
  });
  expect(cellLink('a"b', 'C1')).toEqual({ formula: `HYPERLINK("#'a""b'!C1","a""b!C1")`, value: 'a"b!C1' });
});

test('review findings are marked on the user`s sheet only when asked', () => {
  const model = normalize(fixtureGrid());
  const reviews = model.flags.filter((f) => f.code.startsWith('review-')).length;
  expect(reviews).toBeGreaterThan(0);
  const plain = buildPlan(model);
  const all = buildPlan(model, { reviewMarks: true });
  expect(plain.marks.length).toBe(7);
  expect(all.marks.length).toBeGreaterThan(plain.marks.length);
});

test('every sheet prints landscape, one page wide, the header on every page, with narrow margins', () => {
  const plan = buildPlan(normalize(fixtureGrid()), { sheetName: '绩效目标表' });
  expect(plan.sheets.map((s) => s.role)).toEqual(['normalized', 'indicators']);
  for (const sheet of plan.sheets)
    expect(sheet.page).toEqual({
      orientation: 'landscape',
      fitToWidth: 1,
      fitToHeight: 0,
      titleRows: { first: 1, last: 1 },
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    });
  // Sheets a sink adds (the copy of the user's table, a batch's summary) print the same way.
  expect(plan.page).toEqual(PAGE_SETUP);
});

describe('the 审核提示 column says what the review found', () => {
  const flag = (code: string, zh: string, en: string): Flag => ({
    row: 1,
    column: 'indicators',
    cell: 'G1',
    col: 6,
    severity: 'warning',
    code: code as Flag['code'],
    expected: null,
    actual: 1,
    message: { zh, en },
  });
  const coverage = flag(
    'review-coverage',
    '缺少满意度指标。绩效指标应覆盖产出、效益和满意度。',
    'No satisfaction indicator. Performance targets should cover output, benefit and satisfaction.',
  );
  const vague = flag(
    'review-qualitative',
    '数量、质量、时效指标只有定性目标:保密项目。指标值应尽量细化、量化。',
    'Quantity, quality or timeliness indicators with only a qualitative target: 保密项目. Targets should be quantified where possible.',
  );

  test('each finding, one a line, without its advice; not counts', () => {
    expect(reviewText([coverage, vague], 'zh')).toBe('缺少满意度指标\n数量、质量、时效指标只有定性目标:保密项目');
    expect(reviewText([coverage, vague], 'en')).toBe(
      'No satisfaction indicator\nQuantity, quality or timeliness indicators with only a qualitative target: 保密项目',
    );
    expect(reviewText([coverage], 'zh', true)).toBe('缺少满意度指标\nNo satisfaction indicator');
    expect(reviewText([{ ...coverage, code: 'missing-amount' }], 'zh')).toBe('');
  });

  test('on the sample table: what is missing, never `覆盖 1`', () => {
    const plan = buildPlan(normalize(fixtureGrid()), { sheetName: '绩效目标表' });
    const sheet = plan.sheets[0] as PlanSheet;
    const review = sheet.columns.findIndex((c) => c.key === 'review');
    const texts = sheetRows(sheet)
      .map((r) => r[review])
      .filter((v): v is string => typeof v === 'string' && v !== '');
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.some((t) => t.includes('缺少满意度指标'))).toBe(true);
    for (const t of texts) expect(t).not.toMatch(/(覆盖|量化|缺值) \d/);
  });
});

describe('a row`s 检查结果 agrees with the flags on its cells', () => {
  const FORM = `
  项目名称\t库房消防设备改造
  项目资金 (万元)\t年度资金总额\t
  \t其中:财政拨款\t24.998
  \t其他资金
  年度目标\t完成库房消防设备升级改造。
  一级指标\t二级指标\t三级指标\t指标值
  产出指标\t数量指标\t维修面积\t≥400平方米`;

  test('a form project whose total (on the next row) is missing is not "OK"', () => {
    const model = normalize(tsv(FORM));
    const project = model.rows.find((r) => r.kind === 'project');
    const missing = model.flags.find((f) => f.code === 'missing-amount');
    expect(project?.row).toBe(1);
    expect(missing?.row).toBe(2);
    const plan = buildPlan(model, { lang: 'en' });
    const sheet = plan.sheets[0] as PlanSheet;
    const check = sheet.columns.findIndex((c) => c.key === 'check');
    const [row] = sheetRows(sheet);
    expect(row?.[check]).not.toBe('OK');
    expect(row?.[check]).toBe(missing?.message.en);
  });

  test('every budget row: "OK" exactly when no flag (review aside) is on it or on the rows that continue it', () => {
    for (const grid of [fixtureGrid(), fixtureGrid('tianjin-hebei-court-2023.tsv'), tsv(FORM)]) {
      const model = normalize(grid);
      const owners = budgetRowOwners(model.rows);
      const plan = buildPlan(model, { lang: 'en' });
      const sheet = plan.sheets[0] as PlanSheet;
      const check = sheet.columns.findIndex((c) => c.key === 'check');
      const budget = model.rows.filter((r) => r.kind === 'grandTotal' || r.kind === 'unit' || r.kind === 'project');
      sheetRows(sheet).forEach((values, i) => {
        const r = budget[i] as Row;
        const flags = model.flags.filter((f) => !f.code.startsWith('review-') && (owners.get(f.row) ?? f.row) === r.row);
        expect([r.row, values[check] === 'OK']).toEqual([r.row, flags.length === 0]);
      });
      // Every flag on a budget row's cells is said on some row of the sheet.
      for (const f of model.flags) if (owners.has(f.row)) expect(budget.some((r) => r.row === owners.get(f.row))).toBe(true);
    }
  });
});
