/** Synthetic tables with the fixture's noise, checked against the generator's own truth. */
import { normalizeChecks as normalize } from './helpers';
import { synthTable } from '../src/bench/synth';

describe.each([
  [1500, 7],
  [800, 42],
])('a synthetic table of %d projects (seed %d)', (projects, seed) => {
  const { grid, truth } = synthTable(projects, seed);
  const m = normalize(grid);

  test('every row has its true kind and parent', () => {
    const wrong = m.rows.filter((r) => truth.kinds.get(r.row) !== r.kind).map((r) => r.row);
    expect(wrong).toEqual([]);
    for (const [row, parent] of truth.parents) expect([row, m.rows[row - 1]?.parentRow]).toEqual([row, parent]);
  });

  test('every amount is exact', () => {
    for (const [row, amounts] of truth.amounts) {
      const a = m.rows[row - 1]?.amounts;
      const got = [a?.total, a?.fiscal, a?.specialAccount, a?.other].map((v) =>
        v === null || v === undefined ? null : Math.round(v * 10000),
      );
      expect([row, got]).toEqual([row, amounts]);
    }
  });

  test('every project has all its indicators, and nothing is flagged', () => {
    for (const [row, n] of truth.indicators) expect([row, m.rows[row - 1]?.indicators.length]).toEqual([row, n]);
    expect(m.flags).toEqual([]);
    expect(m.summary.projects).toBe(projects);
    expect(m.summary.units).toBe(truth.units);
  });
});
