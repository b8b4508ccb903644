/** The whole pipeline on random and adversarial grids: it never throws and keeps its contract. */
import fc from 'fast-check';
import { ModelSchema } from '../src/core';
import { normalizeChecks as normalize } from './helpers';
import type { Cell } from '../src/core/input/grid';
import { HEADER, IND, fixtureGrid } from './helpers';

const FRAGMENTS = [
  '合计',
  '总计',
  '单位:万元',
  '项目名称',
  '总计',
  '财政拨款',
  '绩效指标',
  '1、1-产出指标',
  '11-数量指标',
  '实施周期指标值:',
  '年度指标值:',
  '≥95%',
  '。',
  '; ',
  '13, 586. 01',
  '—',
  '12.3.4',
  '44.36 ',
  '2、',
  '=SUM(A1)',
  '\u3000',
  '',
];
const cell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.string({ maxLength: 12 }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 8 }).map((a) => a.join('')),
);
const grid = fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 25 });

describe('the pipeline never throws', () => {
  test('on random grids, with or without a header row, the output satisfies the contract', () => {
    fc.assert(
      fc.property(grid, fc.boolean(), (g, withHeader) => {
        const input = withHeader ? [HEADER.split('\t'), ...g] : g;
        const m = normalize(input);
        ModelSchema.parse(JSON.parse(JSON.stringify(m)));
        expect(m.rows).toHaveLength(input.length);
      }),
      { numRuns: 400 },
    );
  });

  test('on the fixture with random cells replaced', () => {
    const base = fixtureGrid();
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(32), fc.nat(6), cell), { minLength: 1, maxLength: 6 }), (edits) => {
        const g = base.map((r) => [...r]);
        for (const [r, c, v] of edits) (g[r] as Cell[])[c] = v;
        const m = normalize(g);
        ModelSchema.parse(JSON.parse(JSON.stringify(m)));
      }),
      { numRuns: 200 },
    );
  });

  test('a 1 MB adversarial cell in a table is read in about linear time', () => {
    const run = (size: number) => {
      const junk = '1、1-产出指标;11-数量指标;实施周期指标值 ' + '1、1-'.repeat(size / 4) + '44.36 ' + ' 指'.repeat(size / 4);
      const g = [HEADER.split('\t'), ['项目', '1.00', '1.00', '', '', junk, junk]];
      const t0 = performance.now();
      normalize(g);
      return performance.now() - t0;
    };
    run(64 * 1024);
    const small = Math.min(run(128 * 1024), run(128 * 1024));
    const big = run(1024 * 1024);
    expect(big).toBeLessThan(Math.max(small * 8 * 4, 400));
  });

  test('a large, well-formed table reconciles with no flags', () => {
    const rows: Cell[][] = [HEADER.split('\t'), ['合计', '3000.00', '3000.00', '', '', '', '']];
    for (let u = 0; u < 30; u++) {
      rows.push([`单位${u}`, '100.00', '100.00', '', '', '', '']);
      for (let p = 0; p < 10; p++) rows.push([`项目${u}-${p}`, '10.00', '10.00', '', '', '目标', IND(4)]);
    }
    const m = normalize(rows);
    expect(m.flags).toEqual([]);
    expect(m.summary).toMatchObject({ units: 30, projects: 300, indicators: 1200 });
  });
});
