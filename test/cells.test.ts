/**
 * Cells as the user sees them (issue 20): a number with its format's text, hidden rows and columns.
 * The adapters (pane, CLI) build the cells; these tests give the core such cells directly.
 */
import { formatNumber, normalize, shownCell, type Cell, type Grid, type ShownNumber } from '../src/core';
import { fixtureGrid, NO_REVIEW, tsv, withCells } from './helpers';

describe('number formats: the text a number shows', () => {
  test.each([
    [1, '0%', '100%'],
    [0.95, '0%', '95%'],
    [0.955, '0.0%', '95.5%'],
    [0.12345, '0.00%', '12.35%'],
    [1250, '#,##0.00', '1,250.00'],
    [1250.004, '#,##0.00', '1,250.00'],
    [13586.01, '#,##0.00_ ;[Red]-#,##0.00 ', '13,586.01 '],
    [-5, '#,##0.00;(#,##0.00)', '(5.00)'],
    [-5, '0.00', '-5.00'],
    [0, '#,##0.00;-#,##0.00;"-"', '-'],
    [12, '0"人"', '12人'],
    [0.5, '#.##', '.5'],
    [44561, 'yyyy"年"m"月"d"日"', '2021年12月31日'],
    [44561, 'yyyy/m/d', '2021/12/31'],
    [44561, 'yyyy-mm-dd', '2021-12-31'],
    [44561.5, 'yyyy/m/d h:mm', '2021/12/31 12:00'],
    [45292, '[$-804]yyyy"年"m"月"', '2024年1月'],
    // A comma after the last digit scales by a thousand (a sheet of 元 shown in thousands).
    [13586010, '#,##0,', '13,586'],
    [13586010, '#,##0,,', '14'],
    [1234, '#,##0,"千"', '1千'],
    [13586010, '#,##0,.0', '13,586.0'],
    // Literals among the digits: the digits fill the placeholders from the right.
    [135860100, '0"."0000', '13586.0100'],
    [1234567, '000-0000', '123-4567'],
    [5, '000-0000', '000-0005'],
    [1234, '"¥"#,##0', '¥1,234'],
    // A quoted % is text: it does not multiply.
    [0.5, '0.0"%"', '0.5%'],
    // `!` shows the next character, as `\` does (元 shown as 万元: 135,860,100 → 13586.0100).
    [135860100, '0!.0000', '13586.0100'],
    // Commas after the decimals scale too.
    [13586010, '0.00,,', '13.59'],
    [135860100, '#,##0.00,,"百万"', '135.86百万'],
    // What a formula leaves (`=总计-财政拨款`): a number JavaScript writes with an exponent.
    [5.551115123125783e-17, '#,##0.00', '0.00'],
    [-1.4e-14, '0.00', '-0.00'],
    [1e-7, '0.00%', '0.00%'],
  ])('%p with %p shows %p', (value, format, text) => {
    expect(formatNumber(value, format)).toBe(text);
  });

  test.each([['General'], ['@'], [''], ['0.00E+00'], ['# ?/?'], ['[DBNum1]0'], ['[>100]0;0.0'], ['mmmm d'], ['#,##0"-"0'], ['0.0"x"0']])(
    '%p is not rendered (the value stands)',
    (format) => expect(formatNumber(44561, format)).toBeNull(),
  );

  test('a number too large for its digits to be written out is not rendered (the value stands)', () => {
    expect(formatNumber(1e21, '#,##0')).toBeNull();
    expect(formatNumber(1e20, '0')).toBe('100000000000000000000');
  });

  test('a cell is a plain number where its format shows what the number says', () => {
    expect(shownCell(1250, 'General')).toBe(1250);
    expect(shownCell(1250, '#,##0.00')).toBe(1250);
    expect(shownCell(12, '0')).toBe(12);
    expect(shownCell(1, '0%')).toEqual({ value: 1, text: '100%' });
    expect(shownCell(1250.004, '#,##0.00')).toEqual({ value: 1250.004, text: '1,250.00' });
    expect(shownCell(44561, 'yyyy/m/d')).toEqual({ value: 44561, text: '2021/12/31' });
  });
});

/** A form's 指标值 cells as Excel stores a typed `100%`: the number 1 with a percent format. */
function asPercentCells(grid: Grid): { grid: Cell[][]; changed: number } {
  let changed = 0;
  const out = grid.map((row) =>
    row.map((v): Cell => {
      const m = typeof v === 'string' ? /^\s*(\d+(?:\.\d+)?)%\s*$/.exec(v) : null;
      if (m === null) return v;
      changed++;
      const pct = m[1] as string;
      const decimals = pct.includes('.') ? (pct.split('.')[1] as string).length : 0;
      return shownCell(Number(pct) / 100, decimals === 0 ? '0%' : `0.${'0'.repeat(decimals)}%`);
    }),
  );
  return { grid: out, changed };
}

describe('percent cells stored as numbers', () => {
  test('a form whose targets are numbers with a percent format reads the same indicators as its text', () => {
    const text = fixtureGrid('real/zhaohua-leprosy-2021/input.tsv');
    const { grid, changed } = asPercentCells(text);
    expect(changed).toBeGreaterThan(1);
    const a = normalize(text, { review: NO_REVIEW });
    const b = normalize(grid, { review: NO_REVIEW });
    expect(b.rows).toEqual(a.rows);
    expect(b.flags).toEqual(a.flags);
    const targets = b.rows.flatMap((r) => r.indicators).map((i) => i.annual ?? i.period);
    expect(targets).toContainEqual({ raw: '100%', op: '=', value: 100, unit: '%' });
  });

  test('without the shown text the same cells read 1 and 0.95: what the format fixes', () => {
    const t = tsv('项目名称\t测试项目\n年度资金总额\t10.00\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t质量指标\t合格率\t');
    const raw = withCells(t, [[4, 3, 1]]);
    const shown = withCells(t, [[4, 3, { value: 1, text: '100%' } as ShownNumber]]);
    const target = (g: Grid) => normalize(g, { review: NO_REVIEW }).rows.flatMap((r) => r.indicators)[0]?.annual;
    expect(target(raw)).toMatchObject({ raw: '1', value: 1 });
    expect(target(raw)?.unit).not.toBe('%');
    expect(target(shown)).toEqual({ raw: '100%', op: '=', value: 100, unit: '%' });
  });
});

describe('amounts: the value wins, a shown text that says otherwise is flagged', () => {
  const grid = () => fixtureGrid('guangzhou-court-2024.tsv');

  test('an amount shown rounded is read exactly, and the difference said at its cell', () => {
    // 其他机构运行经费 (row 5): 119.00 as a number shown with a format; the value 119.004 is what is summed.
    const g = withCells(grid(), [[5, 1, { value: 119, text: '119.00' }]]);
    expect(normalize(g).flags).toEqual(normalize(grid()).flags.map((f) => f));
    const off = withCells(grid(), [[5, 1, { value: 119.004, text: '119.00' }]]);
    const m = normalize(off);
    const shown = m.flags.filter((f) => f.code === 'amount-shown');
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ cell: 'B5', severity: 'info', expected: 119.004, actual: '119.00' });
    expect(m.rows[4]?.amounts.total).toBe(119.004);
    // The value is summed, so the row identity (total vs fiscal 119.00) does not hold: said, not hidden.
    expect(m.flags.some((f) => f.code === 'row-sum-mismatch' && f.row === 5)).toBe(true);
  });

  test('a figure shown in thousands (`#,##0,`) is read at its value, and what it shows is said', () => {
    // 119.00 (万元) typed as 1,190,000 元 and shown `1,190`: the value is summed, the shown thousands are said.
    const cell = shownCell(1_190_000, '#,##0,');
    expect(cell).toEqual({ value: 1_190_000, text: '1,190' });
    const m = normalize(withCells(grid(), [[5, 1, cell]]));
    expect(m.flags.filter((f) => f.code === 'amount-shown')).toEqual([
      expect.objectContaining({ cell: 'B5', severity: 'info', expected: 1_190_000, actual: '1,190' }),
    ]);
    expect(m.rows[4]?.amounts.total).toBe(1_190_000);
  });
});

describe('hidden rows and columns', () => {
  // A unit with two projects and, hidden, the old line of the first project kept for reference.
  const table = tsv(
    [
      '项目名称\t总计\t财政拨款\t财政专户拨款\t其他资金',
      '合计\t30.00\t30.00\t\t',
      '某单位\t30.00\t30.00\t\t',
      '项目甲\t10.00\t10.00\t\t',
      '项目甲(旧)\t12.00\t12.00\t\t',
      '项目乙\t20.00\t20.00\t\t',
    ].join('\n'),
  );

  test('a hidden superseded row is left out of the checks, and said once', () => {
    const m = normalize({ cells: table, hiddenRows: [4] }, { review: NO_REVIEW });
    expect(m.flags.map((f) => f.code)).toEqual(['hidden-cells']);
    expect(m.flags[0]).toMatchObject({ row: 5, cell: 'A5', severity: 'info' });
    expect(m.flags[0]?.message.zh).toContain('第 5 行');
    expect(m.reading.hidden).toEqual({ rows: [5], columns: [], counted: false });
    expect(m.rows[4]?.kind).toBe('blank');
    expect(m.summary.projects).toBe(2);
  });

  test('counted when the options say so: the mismatch appears, and a flag on the hidden row says it is hidden', () => {
    const m = normalize({ cells: table, hiddenRows: [4] }, { review: NO_REVIEW, countHidden: true });
    expect(m.reading.hidden).toEqual({ rows: [5], columns: [], counted: true });
    expect(m.summary.projects).toBe(3);
    const mismatches = m.flags.filter((f) => f.severity === 'error');
    expect(mismatches.length).toBeGreaterThan(0);
    // The hint points at the row counted twice (the hidden one), and says that it is hidden.
    const onHidden = m.flags.filter((f) => f.row === 5 && f.code !== 'hidden-cells');
    for (const f of onHidden) expect(f.message.zh).toContain('隐藏');
    const info = m.flags.find((f) => f.code === 'hidden-cells');
    expect(info?.message.en).toContain('counted');
  });

  test('a hidden column is blank to the readers; hidden rows and columns without content are not said', () => {
    const withNote = table.map((r, i) => [...r, i === 0 ? '备注' : '旧数']);
    const m = normalize({ cells: withNote, hiddenCols: [5], hiddenRows: [4, 99] }, { review: NO_REVIEW });
    expect(m.reading.hidden).toEqual({ rows: [5], columns: [5], counted: false });
    expect(m.flags.map((f) => f.code)).toEqual(['hidden-cells']);
    expect(m.flags[0]?.message.zh).toContain('第 5 行和 F 列');
    expect(m.rows.map((r) => r.goal)).toEqual(normalize(table, { review: NO_REVIEW }).rows.map((r) => r.goal));
    const plain = normalize(table, { review: NO_REVIEW });
    expect(normalize({ cells: table, hiddenRows: [], hiddenCols: [9] }, { review: NO_REVIEW })).toEqual(plain);
  });
});
