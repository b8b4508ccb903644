import { normalizeChecks as normalize } from './helpers';
import type { Model } from '../src/core/contract/model';
import { HEADER, IND, fixtureGrid, tsv, withCell } from './helpers';

const keys = (m: Model) => m.flags.map((f) => `${f.cell} ${f.code}`);
const baseline = normalize(fixtureGrid());
const added = (m: Model) => keys(m).filter((k) => !keys(baseline).includes(k));
const kinds = (m: Model) => m.rows.map((r) => r.kind);

describe('one wrong amount injected into the fixture is caught, with exactly these flags', () => {
  test('project level: a project total (B5 119.00 → 119.01)', () => {
    const m = normalize(withCell(fixtureGrid(), 5, 1, '119. 01'));
    expect(added(m).sort()).toEqual(['B4 subtotal-mismatch', 'B5 row-sum-mismatch']);
    expect(kinds(m)).toEqual(kinds(baseline));
    const f = m.flags.find((x) => x.cell === 'B5');
    expect(f).toMatchObject({ row: 5, column: 'total', severity: 'error', expected: 119, actual: 119.01 });
    expect(f?.message.zh).toBe('总计 119.01 ≠ 财政拨款+财政专户拨款+其他资金 = 119.00 (差 0.01)。请核对本行金额。');
    const u = m.flags.find((x) => x.cell === 'B4');
    expect(u).toMatchObject({ expected: 13192.84, actual: 13192.83 });
  });

  test('project level: a project fiscal amount (C5 119.00 → 118.00)', () => {
    const m = normalize(withCell(fixtureGrid(), 5, 2, '118.00'));
    expect(added(m).sort()).toEqual(['B5 row-sum-mismatch', 'C4 subtotal-mismatch']);
    expect(m.flags.find((x) => x.cell === 'B5')?.message.zh).toBe(
      '总计 119.00 ≠ 财政拨款+财政专户拨款+其他资金 = 118.00 (差 1.00)。请核对本行金额。',
    );
  });

  test('unit level: a unit total (B30 393.18 → 393.19)', () => {
    const m = normalize(withCell(fixtureGrid(), 30, 1, '393. 19'));
    expect(added(m).sort()).toEqual(['B3 grand-total-mismatch', 'B30 row-sum-mismatch', 'B30 subtotal-mismatch']);
    expect(kinds(m)).toEqual(kinds(baseline));
    const sub = m.flags.find((x) => x.code === 'subtotal-mismatch');
    expect(sub?.message.zh).toMatch(
      /^单位「广州市中级人民法院综合保障中心」的总计 393.19 ≠ 其下 3 个项目之和 393.18 \(差 0.01\)。请核对该单位及其项目的金额。 提示:差额 0.01 不超过 3 个加数/,
    );
    // 0.01 over three children is within rounding: a hint, not an error.
    expect(sub).toMatchObject({ hint: 'rounding', severity: 'info' });
  });

  test('unit level: a unit fiscal amount (C4)', () => {
    const m = normalize(withCell(fixtureGrid(), 4, 2, '13, 148. 57'));
    expect(added(m).sort()).toEqual(['B4 row-sum-mismatch', 'C3 grand-total-mismatch', 'C4 subtotal-mismatch']);
    expect(kinds(m)).toEqual(kinds(baseline));
  });

  test('grand-total level (B3 13586.01 → 13586.00)', () => {
    const m = normalize(withCell(fixtureGrid(), 3, 1, '13, 586. 00'));
    expect(added(m).sort()).toEqual(['B3 grand-total-mismatch', 'B3 row-sum-mismatch']);
    const g = m.flags.find((x) => x.code === 'grand-total-mismatch');
    expect(g).toMatchObject({ row: 3, column: 'total', expected: 13586.01, actual: 13586 });
  });

  test('every single-cell change of an amount in the fixture is flagged: 0.01 as an error or a rounding hint, 1.00 as an error', () => {
    const grid = fixtureGrid();
    const amountRows = baseline.rows.filter((r) => r.kind === 'project' || r.kind === 'unit' || r.kind === 'grandTotal');
    let checked = 0;
    for (const r of amountRows) {
      for (const role of ['total', 'fiscal'] as const) {
        const col = r.cols[role];
        const v = r.amounts[role];
        if (col === null || v === null || r.inferred.includes(role)) continue;
        const m = normalize(withCell(grid, r.row, col, (v + 0.01).toFixed(2)));
        const raised = m.flags.filter((f) => f.code.endsWith('-mismatch'));
        expect(raised.length).toBeGreaterThan(0);
        for (const f of raised) expect(f.severity === 'error' || f.hint === 'rounding').toBe(true);
        const big = normalize(withCell(grid, r.row, col, (v + 1).toFixed(2)));
        expect(big.flags.filter((f) => f.severity === 'error').length).toBeGreaterThan(0);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});

describe('checks on small tables', () => {
  const table = (rows: string) => tsv(`${HEADER}\n${rows}`);

  test('tolerance: a difference within it is accepted, one beyond it is flagged', () => {
    const g = table(`甲项目\t10.01\t10.00\t\t\t目标\t${IND(1)}`);
    expect(normalize(g).flags.map((f) => f.code)).toEqual(['row-sum-mismatch']);
    expect(normalize(g, { tolerance: 0.01 }).flags).toEqual([]);
    expect(normalize(g, { tolerance: '0.005' }).flags.map((f) => f.code)).toEqual(['row-sum-mismatch']);
    expect(() => normalize(g, { tolerance: -1 })).toThrow(/tolerance/);
  });

  test('sums beyond 2^53 scaled units stay exact', () => {
    // Twelve projects of 80,000,000,000.000d: their sum, 960,000,000,000.0051, is an odd count of
    // 1/10,000 past 2^53, which a double cannot hold.
    const projects = Array.from(
      { length: 12 },
      (_, k) => `项目${k + 1}\t80000000000.000${(k % 9) + 1}\t80000000000.000${(k % 9) + 1}\t\t\t目标\t${IND(1)}`,
    );
    const m = normalize(table(`合计\t90,000,000,000.00\t90,000,000,000.00\t\t\t\t\n${projects.join('\n')}`));
    expect(m.rows.filter((r) => r.kind === 'project')).toHaveLength(12);
    const f = m.flags.find((x) => x.cell === 'B2');
    expect(f?.code).toBe('grand-total-mismatch');
    expect(f?.message.zh).toBe(
      '合计行的总计 90,000,000,000.00 ≠ 其下 12 个项目之和 960,000,000,000.0051 (差 -870,000,000,000.0051)。请核对合计行及各单位的金额。',
    );
    expect(m.flags.map((x) => `${x.cell} ${x.code}`)).toEqual(['B2 grand-total-mismatch', 'C2 grand-total-mismatch']);
  });

  test('an unparsable amount is flagged and left out of the checks it would take part in, never read as 0', () => {
    const g = table(`单位\t30.00\t30.00\t\t\t\t
    甲项目\t10.00\t12.3.4\t\t\t目标\t${IND(1)}
    乙项目\t20.00\t20.00\t\t\t目标\t${IND(1)}`);
    const m = normalize(g);
    expect(m.flags.map((f) => `${f.cell} ${f.code}`)).toEqual(['C3 unparsable-amount']);
    expect(m.flags[0]).toMatchObject({ actual: '12.3.4', severity: 'error' });
    expect(m.rows[2]?.amounts.fiscal).toBeNull();
    expect(m.rows[1]?.kind).toBe('unit');
  });

  test('a unit cell left empty while its projects have amounts is inferred and flagged', () => {
    const g = table(`单位\t30.00\t\t\t\t\t
    甲项目\t10.00\t10.00\t\t\t目标\t${IND(1)}
    乙项目\t20.00\t20.00\t\t\t目标\t${IND(1)}`);
    const m = normalize(g);
    expect(m.flags.map((f) => `${f.cell} ${f.code} ${f.expected}`)).toEqual(['C2 missing-amount 30']);
    expect(m.rows[1]?.amounts.fiscal).toBe(30);
    expect(m.rows[1]?.inferred).toEqual(['fiscal']);
  });

  test('a dash is an explicit zero: a total of — against parts of 5 is a mismatch', () => {
    const m = normalize(table(`甲项目\t—\t5.00\t\t\t目标\t${IND(1)}`));
    expect(m.flags.map((f) => f.code)).toEqual(['row-sum-mismatch']);
    expect(m.rows[1]?.amounts.total).toBe(0);
  });

  test('a project without indicators is flagged; one with garbled text is flagged as garbled', () => {
    const m = normalize(
      table(`甲项目\t1.00\t1.00\t\t\t目标\t
    乙项目\t1.00\t1.00\t\t\t目标\t1、1-产出指标;11-数量指标;甲`),
    );
    expect(m.flags.map((f) => `${f.cell} ${f.code}`)).toEqual(['G2 no-indicators', 'G3 indicator-garbled']);
  });
});

test('flags are finished records: made once, frozen, a hint moved with its flag', () => {
  // One figure slipped: the hint moves the flag onto the cell to fix, and other flags name it.
  const grid = withCell(fixtureGrid('guangzhou-court-2024.tsv'), 5, 1, '191.00');
  const m = normalize(grid);
  expect(m.flags.length).toBeGreaterThan(0);
  for (const f of m.flags) expect(Object.isFrozen(f)).toBe(true);
  const hinted = m.flags.filter((f) => f.hint !== undefined);
  expect(hinted.length).toBeGreaterThan(0);
  // Each flag's cell agrees with its row and column, wherever a hint put it.
  const letters = (c: number) => String.fromCharCode(65 + c);
  for (const f of m.flags) expect(f.cell).toBe(`${letters(f.col)}${f.row}`);
});

describe('messages name only what the table has', () => {
  test('a table with fiscal and other only: the row message names those two, not 财政专户拨款', () => {
    const grid = tsv('项目名称\t总计\t财政拨款\t其他资金\n合计\t30.00\t20.00\t10.00\n项目一\t\t20.00\t10.00\n项目二\t1.00\t\t\n');
    const m = normalize(grid);
    const missing = m.flags.find((f) => f.code === 'missing-amount' && f.row === 3);
    expect(missing?.message.zh).toContain('按 财政拨款+其他资金 = 30.00');
    expect(missing?.message.zh).not.toContain('财政专户拨款');
    expect(missing?.message.en).toContain('fiscal + other = 30.00');
  });

  test('indicators with no levels at all are not counted as levels outside the taxonomy', () => {
    const grid = tsv('项目名称\t测试项目\n年度资金总额\t10.00\n三级指标\t指标值\n人数\t≥10人\n满意度\t≥90%\n');
    const m = normalize(grid);
    expect(m.summary.indicators).toBe(2);
    expect(m.summary.unknownLevels).toBe(0);
  });
});
