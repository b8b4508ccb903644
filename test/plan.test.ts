/**
 * The workbook plan on its own: a golden file of the tianjin fixture's plan (sheets, columns, rows,
 * formulas, conditional formats, marks), reviewed by hand when it was recorded, and what the plan
 * promises in general: text columns are text, formulas find their columns by key, review findings stay
 * off the user's sheet unless asked for.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalize } from '../src/core';
import { buildPlan, cellLink, sheetRows } from '../src/core/render/plan';
import { fixtureGrid } from './helpers';

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
