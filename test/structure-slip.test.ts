/**
 * Structure that survives one wrong figure (issue 21): on synthetic tables with units and a grand total,
 * one random slip — any size, any amount cell, in a project, a unit or the grand total — leaves every
 * row's kind and parent as they were. Tables with every amount column, and with the total alone (where
 * one figure is all a row says).
 */
import fc from 'fast-check';
import { normalize, type Cell, type Model } from '../src/core';
import { synthTable } from '../src/bench/synth';
import { NO_REVIEW } from './helpers';

const read = (grid: Cell[][]): Model => normalize(grid, { review: NO_REVIEW });
const shape = (m: Model) => m.rows.map((r) => `${r.row}:${r.kind}^${r.parentRow ?? '-'}`);

/** The table with only its total column filled: the other amount cells of every amount row emptied. */
function totalOnly(grid: Cell[][], model: Model): Cell[][] {
  const copy = grid.map((r) => [...r]);
  for (const r of model.rows) {
    if (r.kind !== 'project' && r.kind !== 'unit' && r.kind !== 'grandTotal') continue;
    for (const c of [r.cols.fiscal, r.cols.specialAccount, r.cols.other]) if (c !== null) (copy[r.row - 1] as Cell[])[c] = '';
  }
  return copy;
}

const TABLES = [3, 5, 8]
  .map((seed) => {
    const grid = synthTable(30, seed).grid as Cell[][];
    const full = read(grid);
    const lone = totalOnly(grid, full);
    return [
      { name: `seed ${seed}, every column`, grid, model: full },
      { name: `seed ${seed}, total alone`, grid: lone, model: read(lone) },
    ];
  })
  .flat();

test('the synthetic tables have units, a grand total, and add up', () => {
  for (const t of TABLES) {
    expect(t.model.summary.units).toBeGreaterThan(0);
    expect(t.model.rows.some((r) => r.kind === 'grandTotal')).toBe(true);
    expect(t.model.flags.filter((f) => f.severity === 'error')).toEqual([]);
  }
});

test('one wrong figure of any size, anywhere, leaves every kind and parent as it was', () => {
  const slip = fc.record({
    table: fc.integer({ min: 0, max: TABLES.length - 1 }),
    at: fc.nat(),
    role: fc.constantFrom('total', 'fiscal', 'other'),
    how: fc.oneof(
      fc.record({ kind: fc.constant('times'), x: fc.constantFrom(0.5, 0.9, 1.07, 1.5, 2, 3, 10, 10_000) }),
      fc.record({ kind: fc.constant('plus'), x: fc.constantFrom(0.01, 1, 10, 100, 1000) }),
    ),
  });
  fc.assert(
    fc.property(slip, ({ table, at, role, how }) => {
      const t = TABLES[table] as (typeof TABLES)[number];
      const amountRows = t.model.rows.filter(
        (r) =>
          (r.kind === 'project' || r.kind === 'unit' || r.kind === 'grandTotal') &&
          r.amounts[role as 'total'] !== null &&
          r.cols[role as 'total'] !== null,
      );
      if (amountRows.length === 0) return;
      const r = amountRows[at % amountRows.length] as Model['rows'][number];
      const v = r.amounts[role as 'total'] as number;
      const slipped = how.kind === 'times' ? v * how.x : v + how.x;
      if (Math.abs(slipped - v) < 0.005) return;
      const grid = t.grid.map((row) => [...row]);
      (grid[r.row - 1] as Cell[])[r.cols[role as 'total'] as number] = slipped.toFixed(2);
      const m = read(grid);
      expect(shape(m)).toEqual(shape(t.model));
      // The slip is said somewhere.
      expect(m.flags.some((f) => f.severity === 'error' || f.hint !== undefined)).toBe(true);
    }),
    { numRuns: 150, seed: 21 },
  );
});

describe('the cases a user met', () => {
  // Two units of a 万元 table with a total column only, a grand total on top.
  const IND = '1、1-产出指标;11-数量指标;数量;实施周期指标值:≥1项;年度指标值:≥1项。';
  const rows = [
    ['项目名称', '总计', '绩效目标', '绩效指标'],
    ['合计', '350.00', '', ''],
    ['甲单位', '150.00', '', ''],
    ['项目一', '100.00', '目标', IND],
    ['项目二', '50.00', '目标', IND],
    ['乙单位', '200.00', '', ''],
    ['项目三', '120.00', '目标', IND],
    ['项目四', '30.00', '目标', IND],
    ['项目五', '50.00', '目标', IND],
  ];
  const clean = read(rows);
  const edit = (r: number, v: string) => read(rows.map((row, i) => (i === r - 1 ? [row[0] as string, v, ...row.slice(2)] : row)));

  test('the clean table has two units', () => {
    expect(clean.rows.filter((r) => r.kind === 'unit').map((r) => r.name)).toEqual(['甲单位', '乙单位']);
  });

  test.each([
    ['a project typed 160 for 150 (10.00 off)', 5, '60.00'],
    ['a project 1.00 off', 5, '51.00'],
    ['a unit total typed 210 for 200', 6, '210.00'],
    ['the grand total typed 360 for 350', 2, '360.00'],
  ])('%s: kinds and parents as they were, and the mismatch said', (_what, row, value) => {
    const m = edit(row, value);
    expect(shape(m)).toEqual(shape(clean));
    expect(m.flags.filter((f) => f.severity === 'error').length).toBeGreaterThan(0);
  });
});
