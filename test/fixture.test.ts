/**
 * The seed table against its labels: the same checks as shared/tools/score.py, written out
 * so that a failure names the row and field.
 */
import { ModelSchema, normalize } from '../src/core';
import { fixtureExpected, fixtureGrid } from './helpers';

const squash = (s: unknown) =>
  String(s ?? '')
    .replace(/\s/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')');

describe('guangzhou-court-2024 against its labels', () => {
  const model = normalize(fixtureGrid());
  const expected = fixtureExpected();
  const byRow = new Map(model.rows.map((r) => [r.row, r]));

  test('the model satisfies the JSON contract', () => {
    expect(() => ModelSchema.parse(JSON.parse(JSON.stringify(model)))).not.toThrow();
  });

  test('one model row per input row, numbered from 1', () => {
    expect(model.rows.map((r) => r.row)).toEqual(Array.from({ length: 33 }, (_, i) => i + 1));
  });

  const rows = Object.entries(expected.rows as Record<string, any>);
  test.each(rows)('row %s: kind, name, parent and amounts', (rk, e) => {
    const r = byRow.get(Number(rk));
    expect(r?.kind).toBe(e.kind);
    if ('name' in e) expect(squash(r?.name)).toBe(squash(e.name));
    if ('parent' in e) expect(r?.parentRow).toBe(e.parent);
    for (const [col, v] of Object.entries((e.amounts ?? {}) as Record<string, number | null>)) {
      const got = (r?.amounts as Record<string, number | null>)[col];
      if (v === null) expect(got).toBeNull();
      else expect(Math.round((got as number) * 10000)).toBe(Math.round(v * 10000));
    }
  });

  const withIndicators = rows.filter(([, e]) => 'indicators' in e);
  test.each(withIndicators)('row %s: indicators', (rk, e) => {
    const got = byRow.get(Number(rk))?.indicators ?? [];
    expect(got).toHaveLength(e.indicators.length);
    e.indicators.forEach((x: any, i: number) => {
      const g = got[i] as any;
      for (const f of ['seq', 'level1Code', 'level1', 'level2Code', 'level2', 'name']) expect(squash(g[f])).toBe(squash(x[f]));
      for (const t of ['period', 'annual']) {
        if (x[t] === null) {
          expect(g[t]).toBeNull();
          continue;
        }
        expect(squash(g[t].raw)).toBe(squash(x[t].raw));
        expect(g[t].op).toBe(x[t].op);
        expect(g[t].value).toBe(x[t].value);
        expect(g[t].unit === null ? null : squash(g[t].unit)).toBe(x[t].unit === null ? null : squash(x[t].unit));
      }
    });
  });

  test('the required flags, and no mismatch flag anywhere (no false alarms)', () => {
    for (const req of expected.flags_required) {
      expect(model.flags.some((f) => f.row === req.row && f.column === req.column)).toBe(true);
    }
    expect(model.flags.filter((f) => f.code.includes('mismatch'))).toEqual([]);
  });

  test('the whole flag list, exactly', () => {
    expect(model.flags.filter((f) => !f.code.startsWith('review-')).map((f) => [f.cell, f.code, f.severity])).toEqual([
      ['D12', 'no-indicators', 'warning'],
      ['D13', 'indicator-garbled', 'warning'],
      ['D14', 'indicator-garbled', 'warning'],
      ['D15', 'indicator-garbled', 'warning'],
      ['D16', 'indicator-garbled', 'warning'],
      ['B27', 'missing-amount', 'warning'],
      ['D29', 'amount-recovered', 'info'],
    ]);
    // Reviewers' warnings: no 满意度 (or 效益) indicators, qualitative quantity targets, a missing annual value.
    expect(model.flags.filter((f) => f.code.startsWith('review-')).map((f) => `${f.cell} ${f.code}`)).toEqual([
      'G5 review-coverage',
      'G5 review-qualitative',
      'D17 review-coverage',
      'D17 review-one-value',
      'F19 review-coverage',
      'F20 review-coverage',
      'F21 review-coverage',
      'F24 review-coverage',
      'F24 review-qualitative',
      'F25 review-coverage',
      'E27 review-coverage',
      'E29 review-coverage',
      'E32 review-qualitative',
      'E33 review-coverage',
    ]);
    const missing = model.flags.find((f) => f.code === 'missing-amount');
    expect(missing).toMatchObject({ row: 27, column: 'total', expected: 115.5, actual: null });
    expect(missing?.message.zh).toContain('115.50');
  });

  test('summary counts', () => {
    expect(model.summary).toMatchObject({
      rows: 33,
      units: 2,
      projects: 25,
      errors: 0,
      warnings: 20,
      infos: 1,
      reviews: 14,
      unknownLevels: 0,
    });
    expect(model.summary.indicators).toBe(model.rows.reduce((n, r) => n + r.indicators.length, 0));
  });

  test('the table states no unit, and none is invented', () => {
    expect(model.amountUnit).toBeNull();
  });
});
