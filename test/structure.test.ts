import { normalizeChecks as normalize } from './helpers';
import type { Cell } from '../src/core/input/grid';
import { HEADER, IND, fixtureGrid, tsv } from './helpers';

const kinds = (g: Cell[][]) => normalize(g).rows.map((r) => r.kind);
const pad = (g: Cell[][], width = 7) => g.map((r) => [...r, ...Array(Math.max(0, width - r.length)).fill('')]);

describe('drifted rows are realigned by content', () => {
  const ragged = tsv(`${HEADER}
  合计\t60.00\t50.00\t\t10.00\t\t
  单位甲\t60.00\t50.00\t\t10.00\t\t
  四格项目\t20.00\t20.00\t目标四。 ${IND(2, '四')}
  五格项目\t10.00\t10.00\t目标五\t${IND(2, '五')}
  六格项目\t20.00\t20.00\t\t目标六\t${IND(2, '六')}
  粘连项目\t10.00\t\t10.00 目标粘连\t${IND(1, '粘')}`);

  test.each([
    ['ragged (as split text)', ragged],
    ['padded (as Excel holds it)', pad(ragged)],
  ])('%s', (_name, grid) => {
    const m = normalize(grid);
    const [, , , four, five, six, glued] = m.rows;
    expect(four).toMatchObject({ kind: 'project', goal: '目标四。', amounts: { total: 20, fiscal: 20 } });
    expect(four?.indicators.map((i) => i.name)).toEqual(['四1', '四2']);
    expect(five).toMatchObject({ goal: '目标五', amounts: { total: 10, fiscal: 10, specialAccount: null, other: null } });
    expect(five?.indicators).toHaveLength(2);
    expect(six).toMatchObject({ goal: '目标六', amounts: { total: 20, fiscal: 20 } });
    expect(glued).toMatchObject({ goal: '目标粘连', amounts: { total: 10, fiscal: null, other: 10 }, inferred: ['other'] });
    expect(m.flags.map((f) => `${f.cell} ${f.code}`)).toEqual(['D7 amount-recovered']);
  });

  test('a number at the start of the goal stays prose when the row adds up without it', () => {
    const m = normalize(tsv(`${HEADER}\n项目\t10.00\t10.00\t2.50 万平方米的维修\t${IND(1)}`));
    expect(m.rows[1]).toMatchObject({ goal: '2.50万平方米的维修', amounts: { total: 10, fiscal: 10, other: null } });
  });

  test('an empty total slot in a drifted row stays the total (fixture row 27)', () => {
    const r = normalize(fixtureGrid()).rows[26];
    expect(r?.cols).toMatchObject({ total: 1, fiscal: 2, goal: 3, indicators: 4 });
  });
});

describe('row kinds', () => {
  test('titles before the header, a repeated header after a page break, blank rows', () => {
    const g = tsv(`部门名称: 某法院
    单位:万元
    ${HEADER}
    项目甲\t1.00\t1.00\t\t\t目标\t${IND(1)}

    ${HEADER}
    项目乙\t2.00\t2.00\t\t\t目标\t${IND(1)}`);
    expect(kinds(g)).toEqual(['title', 'title', 'header', 'project', 'blank', 'header', 'project']);
    expect(normalize(g).amountUnit).toBe('万元');
  });

  test('a continuation row after a page break is merged into its project', () => {
    const full = IND(3);
    const cut = full.indexOf('实施周期') + 3;
    const g = tsv(`${HEADER}
    项目甲\t1.00\t1.00\t\t\t目标的前半\t${full.slice(0, cut)}

    \t\t\t\t\t后半。\t${full.slice(cut)}
    项目乙\t2.00\t2.00\t\t\t目标\t${IND(1)}`);
    const m = normalize(g);
    expect(m.rows.map((r) => r.kind)).toEqual(['header', 'project', 'blank', 'continuation', 'project']);
    expect(m.rows[1]?.indicators).toHaveLength(3);
    expect(m.rows[1]?.goal).toBe('目标的前半后半。');
    expect(m.rows[1]?.mergedRows).toEqual([4]);
    expect(m.rows[3]?.parentRow).toBe(2);
    expect(m.flags).toEqual([]);
  });

  test('合计 / 总计 rows are the grand total, wherever they stand', () => {
    const g = tsv(`${HEADER}
    项目甲\t1.00\t1.00\t\t\t目标\t${IND(1)}
    项目乙\t2.00\t2.00\t\t\t目标\t${IND(1)}
    总 计\t3.00\t3.00\t\t\t\t`);
    const m = normalize(g);
    expect(m.rows.map((r) => r.kind)).toEqual(['header', 'project', 'project', 'grandTotal']);
    expect(m.rows[1]?.parentRow).toBe(4);
    expect(m.flags).toEqual([]);
  });
});

describe('units are decided by the numbers', () => {
  test('fixture row 10 starts with the court`s name but is a project; rows 4 and 30 are units', () => {
    const m = normalize(fixtureGrid());
    expect(m.rows[9]?.kind).toBe('project');
    expect(m.rows.filter((r) => r.kind === 'unit').map((r) => r.row)).toEqual([4, 30]);
  });

  test('a unit named like a project is still a unit; a project named like a unit is still a project', () => {
    const g = tsv(`${HEADER}
    合计\t6.00\t6.00\t\t\t\t
    办公经费\t6.00\t6.00\t\t\t\t
    某某市人民法院\t1.00\t1.00\t\t\t目标\t${IND(1)}
    某某市人民法院项目\t5.00\t5.00\t\t\t目标\t${IND(1)}`);
    expect(kinds(g)).toEqual(['header', 'grandTotal', 'unit', 'project', 'project']);
  });

  test('no units: every row under the grand total is a project, even when one equals the sum of the next', () => {
    const g = tsv(`${HEADER}
    合计\t20.00\t20.00\t\t\t\t
    甲\t10.00\t10.00\t\t\t\t
    乙\t6.00\t6.00\t\t\t\t
    丙\t4.00\t4.00\t\t\t\t`);
    const m = normalize(g);
    expect(m.rows.map((r) => r.kind)).toEqual(['header', 'grandTotal', 'project', 'project', 'project']);
    expect(m.rows.filter((r) => r.kind === 'project').every((r) => r.parentRow === 2)).toBe(true);
    expect(m.flags.filter((f) => f.code.includes('mismatch'))).toEqual([]);
  });

  test('units without a grand total', () => {
    const g = tsv(`${HEADER}
    单位一\t3.00\t3.00\t\t\t\t
    项目a\t1.00\t1.00\t\t\t目标\t${IND(1)}
    项目b\t2.00\t2.00\t\t\t目标\t${IND(1)}
    单位二\t4.00\t4.00\t\t\t\t
    项目c\t4.00\t4.00\t\t\t目标\t${IND(1)}`);
    const m = normalize(g);
    expect(m.rows.map((r) => [r.kind, r.parentRow])).toEqual([
      ['header', null],
      ['unit', null],
      ['project', 2],
      ['project', 2],
      ['unit', null],
      ['project', 5],
    ]);
  });

  test('a unit whose total is wrong is still found through its other columns, and flagged', () => {
    const g = tsv(`${HEADER}
    单位一\t3.50\t3.00\t\t\t\t
    项目a\t1.00\t1.00\t\t\t目标\t${IND(1)}
    项目b\t2.00\t2.00\t\t\t目标\t${IND(1)}
    单位二\t4.00\t4.00\t\t\t\t
    项目c\t4.00\t4.00\t\t\t目标\t${IND(1)}`);
    const m = normalize(g);
    expect(m.rows.map((r) => r.kind)).toEqual(['header', 'unit', 'project', 'project', 'unit', 'project']);
    expect(m.flags.map((f) => `${f.cell} ${f.code}`)).toEqual(['B2 row-sum-mismatch', 'B2 subtotal-mismatch']);
  });
});

describe('header labels as PDFs garble them', () => {
  test('OCR spaces, full-width brackets, a unit suffix and the typo 财政投款 still name their roles', () => {
    const g = tsv(`项目名称（资金使用单位）\t总 计(万元)\t财政投款\t其他资金\t绩效 目标\t绩效 指标
    项目\t3.00\t2.00\t1.00\t目标\t${IND(1)}`);
    const m = normalize(g);
    expect(m.headerRow).toBe(1);
    expect(m.amountUnit).toBe('万元');
    expect(m.rows[1]).toMatchObject({ amounts: { total: 3, fiscal: 2, other: 1 }, goal: '目标' });
    expect(m.rows[1]?.indicators).toHaveLength(1);
    expect(m.flags).toEqual([]);
  });
});

test('a 合计 merged across 序号 and 项目名称 lands in the 序号 column and is still the grand total', () => {
  const g = tsv(`序号\t项目名称\t总计\t财政拨款\t绩效目标\t绩效指标
  合计\t\t3.00\t3.00\t\t
  1\t项目甲\t1.00\t1.00\t目标\t${IND(1)}
  2\t项目乙\t2.00\t2.00\t目标\t${IND(1)}`);
  const m = normalize(g);
  expect(m.rows.map((r) => [r.kind, r.name, r.parentRow])).toEqual([
    ['header', null, null],
    ['grandTotal', '合计', null],
    ['project', '项目甲', 2],
    ['project', '项目乙', 2],
  ]);
  expect(m.flags).toEqual([]);
});
