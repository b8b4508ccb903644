/**
 * Tables published by departments in other provinces (test/fixtures/real, copies of the team's), each
 * against its labels: the checks of shared/tools/score.py, written out so that a failure names the
 * row and field; and every row with content read (no unread row, no uncertain reading).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTsv } from '../src/cli/read';
import { ModelSchema, normalize } from '../src/core';
import { FIXTURES } from './helpers';

const REAL = join(FIXTURES, 'real');
const squash = (s: unknown) =>
  String(s ?? '')
    .replace(/\s/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')');
const close = (a: unknown, b: unknown) =>
  a === null || a === undefined || b === null ? (a ?? null) === b : Math.abs(Number(a) - Number(b)) < 0.005;

const cases = readdirSync(REAL, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

test('the three published tables are here', () => {
  expect(cases.sort()).toEqual(['qingshan-edu-weak-schools-2020', 'tongnan-wugui-2023-flat-forms', 'zhaohua-leprosy-2021']);
});

describe.each(cases)('%s against its labels', (name) => {
  const grid = parseTsv(readFileSync(join(REAL, name, 'input.tsv'), 'utf8'));
  const expected = JSON.parse(readFileSync(join(REAL, name, 'expected.json'), 'utf8'));
  const model = normalize(grid);
  const byRow = new Map(model.rows.map((r) => [r.row, r]));

  test('layout, unit and the JSON contract', () => {
    expect(model.layout).toBe(expected.layout);
    expect(model.amountUnit).toBe(expected.amountUnit);
    expect(() => ModelSchema.parse(JSON.parse(JSON.stringify(model)))).not.toThrow();
  });

  test('rows: kind, name, parent and amounts', () => {
    for (const [rk, e] of Object.entries(expected.rows as Record<string, any>)) {
      const r = byRow.get(Number(rk));
      if (e.kind === 'continuation') expect([rk, ['continuation', undefined].includes(r?.kind)]).toEqual([rk, true]);
      else expect([rk, r?.kind]).toEqual([rk, e.kind]);
      if ('name' in e) expect([rk, squash(r?.name)]).toEqual([rk, squash(e.name)]);
      if ('parent' in e) expect([rk, r?.parentRow]).toEqual([rk, e.parent]);
      for (const [col, v] of Object.entries((e.amounts ?? {}) as Record<string, number | null>)) {
        const got = (r?.amounts as Record<string, number | null>)[col];
        expect([rk, col, close(got, v)]).toEqual([rk, col, true]);
      }
    }
  });

  test('indicators: levels, names and targets', () => {
    for (const [rk, list] of Object.entries((expected.indicator_rows ?? {}) as Record<string, any[]>)) {
      const got = byRow.get(Number(rk))?.indicators ?? [];
      expect([rk, got.length]).toEqual([rk, list.length]);
      list.forEach((x, i) => {
        const g = got[i] as any;
        for (const f of ['level1', 'level2', 'name']) expect([rk, x.seq, f, squash(g[f])]).toEqual([rk, x.seq, f, squash(x[f])]);
        const t = g.annual ?? g.period ?? {};
        expect([rk, x.seq, t.op ?? null]).toEqual([rk, x.seq, x.annual.op]);
        expect([rk, x.seq, close(t.value, x.annual.value)]).toEqual([rk, x.seq, true]);
        expect([rk, x.seq, squash(t.unit)]).toEqual([rk, x.seq, squash(x.annual.unit)]);
      });
    }
  });

  test('the required flags, no false alarm, and every row read', () => {
    for (const req of expected.flags_required ?? []) {
      const hit = model.flags.some((f) => f.row === req.row && f.column === req.column && f.code === req.code);
      expect([req.row, req.code, hit]).toEqual([req.row, req.code, true]);
    }
    const allowed = new Set(expected.mismatch_rows_allowed ?? []);
    expect(model.flags.filter((f) => f.code.includes('mismatch') && !allowed.has(f.row))).toEqual([]);
    expect(model.reading.unreadRows).toEqual([]);
    expect(model.flags.filter((f) => f.code === 'unread-row' || f.code === 'reading-uncertain' || f.code === 'no-amount')).toEqual([]);
  });
});
