/**
 * The three layouts of domain.md and their variants, on small tables written from its forms,
 * plus the tianjin fixture (single-project forms) against its labels.
 */
import { normalize } from '../src/core';
import { level1Std, level2Std, splitWeight } from '../src/core/indicators/taxonomy';
import { fixtureExpected, fixtureGrid, NO_REVIEW, tsv } from './helpers';

const checksOnly = { review: NO_REVIEW };

describe('single-project forms: the tianjin fixture against its labels', () => {
  const model = normalize(fixtureGrid('tianjin-hebei-court-2023.tsv'));
  const expected = fixtureExpected('tianjin-hebei-court-2023.expected.json');

  test('layout, unit and the two projects', () => {
    expect(model.layout).toBe('form');
    expect(model.amountUnit).toBe('万元');
    expect(model.rows.filter((r) => r.kind === 'project').map((r) => [r.row, r.name, r.amounts])).toEqual([
      [6, '安全隐患维修', { total: 20, fiscal: 20, specialAccount: null, other: null }],
      [18, '办案业务费(陪审员及互联网专线)', { total: 24, fiscal: 24, specialAccount: null, other: null }],
    ]);
    expect(model.rows[5]?.goal).toBe('1.维修审判大楼玻璃幕墙等,消除外延脱落安全隐患。');
  });

  test.each(Object.entries(expected.indicator_rows as Record<string, any[]>))(
    'row %s: indicators with merged cells filled down',
    (rk, list) => {
      const got = model.rows[Number(rk) - 1]?.indicators ?? [];
      expect(got.map((i) => [i.seq, i.level1, i.level2, i.name, i.annual])).toEqual(
        list.map((e) => [e.seq, e.level1, e.level2, e.name, e.annual]),
      );
    },
  );

  test('every indicator row belongs to its project; no amount is flagged', () => {
    for (const r of model.rows.slice(10, 16)) expect([r.row, r.kind, r.parentRow]).toEqual([r.row, 'continuation', 6]);
    expect(model.flags.filter((f) => !f.code.startsWith('review-'))).toEqual([]);
  });

  test('labels spaced, mistyped or split one character per cell; 年度资金总额 / 财政资金', () => {
    const g = tsv(`项目名称\t维修项目
    年度资金总额\t30.00\t其中:财政 投款\t25.00\t其他资金\t5.00
    绩\t效\t目\t标\t完成维修。
    一级 指标\t二级指标\t三级指标\t指标值
    产出指标(50分)\t数量指标\t维修面积\t≥400平方米
    \t时效指标\t完工时间\t2025年年底前
    效益指标\t社会效益指标\t安全隐患\t消除
    满意度指标\t服务对象满意度指标\t满意度\t≥95百分比`);
    const m = normalize(g, checksOnly);
    expect(m.layout).toBe('form');
    const p = m.rows[0];
    expect(p).toMatchObject({ kind: 'project', name: '维修项目', goal: '完成维修。', amounts: { total: 30, fiscal: 25, other: 5 } });
    expect(p?.indicators.map((i) => [i.level1, i.weight, i.level2, i.level2Std, i.name, i.annual?.op])).toEqual([
      ['产出指标', '50分', '数量指标', '数量指标', '维修面积', '≥'],
      ['产出指标', '50分', '时效指标', '时效指标', '完工时间', null],
      ['效益指标', null, '社会效益指标', '社会效益', '安全隐患', null],
      ['满意度指标', null, '服务对象满意度指标', '服务对象满意度', '满意度', '≥'],
    ]);
    expect(m.flags).toEqual([]);
  });

  test('a form whose amounts do not add up is flagged on the amount`s own cell', () => {
    const m = normalize(tsv(`项目名称\t甲\n预算数\t30.00\t其中:财政资金\t20.00\t其他资金\t5.00`), checksOnly);
    expect(m.flags.map((f) => `${f.cell} ${f.code}`)).toEqual(['B1 no-indicators', 'B2 row-sum-mismatch']);
  });
});

describe('grid lists: one row per indicator', () => {
  const grid = tsv(`金额单位:元
  单位名称\t项目名称\t预算数\t年度目标\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t权重\t指标方向性
  820-马踏镇部门\t\t8,827,620.53\t\t\t\t\t\t\t\t\t
  820001-井研县马踏镇人民政府\t\t8,827,620.53\t\t\t\t\t\t\t\t\t
  820001-井研县马踏镇人民政府\t村级组织运转经费\t1,200,000.00\t保障村级组织正常运转\t产出指标\t数量指标\t补助村数\t≥\t12\t个\t20\t正向
  \t\t\t\t\t质量指标\t资金到位率\t=\t100\t%\t20\t正向
  \t\t\t\t效益指标\t社会效益指标\t村级组织运转\t定性\t正常\t\t30\t
  \t\t\t\t满意度指标\t服务对象满意度指标\t群众满意度\t≥\t90\t%\t30\t正向
  820001-井研县马踏镇人民政府\t环境整治经费\t7,627,620.53\t改善人居环境\t产出指标\t数量指标\t整治村数\t≥\t12\t个\t30\t正向
  \t\t\t\t成本指标\t经济成本指标\t项目成本\t≤\t7627620.53\t元\t20\t反向
  \t\t\t\t效益指标\t环境效益指标\t人居环境\t定性\t本项目不适用此指标\t\t20\t
  \t\t\t\t满意度指标\t服务对象满意度指标\t群众满意度\t≥\t85\t%\t30\t正向`);
  const m = normalize(grid, checksOnly);

  test('layout, unit, kinds and parents decided by the numbers', () => {
    expect(m.layout).toBe('grid');
    expect(m.amountUnit).toBe('元');
    expect(m.rows.map((r) => r.kind)).toEqual([
      'title',
      'header',
      'grandTotal',
      'unit',
      'project',
      'continuation',
      'continuation',
      'continuation',
      'project',
      'continuation',
      'continuation',
      'continuation',
    ]);
    expect(m.rows[3]?.parentRow).toBe(3);
    expect(m.rows[4]?.parentRow).toBe(4);
    expect(m.rows[8]?.parentRow).toBe(4);
    expect(m.rows[5]?.parentRow).toBe(5);
    expect(m.flags).toEqual([]);
  });

  test('names keep their code prefix; amounts in 元 with thousands separators', () => {
    expect(m.rows[2]).toMatchObject({ name: '820-马踏镇部门', amounts: { total: 8827620.53 } });
    expect(m.rows[3]?.name).toBe('820001-井研县马踏镇人民政府');
    expect(m.rows[4]).toMatchObject({ name: '村级组织运转经费', unitName: '820001-井研县马踏镇人民政府', goal: '保障村级组织正常运转' });
  });

  test('indicators: comparator column, 度量单位, 权重, 定性 and N/A, canonical names', () => {
    const a = m.rows[4]?.indicators ?? [];
    expect(a.map((i) => [i.seq, i.level1, i.level2, i.name, i.annual, i.weight])).toEqual([
      [1, '产出指标', '数量指标', '补助村数', { raw: '≥12个', op: '≥', value: 12, unit: '个' }, '20'],
      [2, '产出指标', '质量指标', '资金到位率', { raw: '100%', op: '=', value: 100, unit: '%' }, '20'],
      [3, '效益指标', '社会效益指标', '村级组织运转', { raw: '正常', op: null, value: null, unit: null }, '30'],
      [4, '满意度指标', '服务对象满意度指标', '群众满意度', { raw: '≥90%', op: '≥', value: 90, unit: '%' }, '30'],
    ]);
    const b = m.rows[8]?.indicators ?? [];
    expect(b.map((i) => [i.level1Std, i.level2Std, i.level2StdCode])).toEqual([
      ['产出指标', '数量指标', '11'],
      ['成本指标', '经济成本指标', null],
      ['效益指标', '生态效益', '23'],
      ['满意度指标', '服务对象满意度', '31'],
    ]);
    expect(b[1]?.annual).toEqual({ raw: '≤7627620.53元', op: '≤', value: 7627620.53, unit: '元' });
    expect(b[2]?.annual).toEqual({ raw: '本项目不适用此指标', op: null, value: null, unit: null });
  });

  test('a wrong project amount is caught against the unit and the department', () => {
    const bad = grid.map((r) => [...r]);
    (bad[4] as string[])[2] = '1,200,000.01';
    const f = normalize(bad, checksOnly).flags.map((x) => `${x.cell} ${x.code}`);
    expect(f).toEqual(['C4 subtotal-mismatch']);
  });
});

describe('layout detection and override', () => {
  test('each fixture is detected, and a stated layout is used', () => {
    expect(normalize(fixtureGrid()).layout).toBe('packed');
    expect(normalize(fixtureGrid('tianjin-hebei-court-2023.tsv')).layout).toBe('form');
    const forced = normalize(fixtureGrid('tianjin-hebei-court-2023.tsv'), { layout: 'packed' });
    expect(forced.layout).toBe('packed');
    expect(forced.summary.projects).not.toBe(2);
  });
});

describe('amount scale', () => {
  test('glued units decide the unit when no title states it, and an amount in the other unit is converted exactly', () => {
    const g = tsv(`项目名称\t总计\t财政拨款\t其他资金
    项目\t250万\t2,000,000元\t50万元`);
    const m = normalize(g, checksOnly);
    expect(m.amountUnit).toBe('万元');
    expect(m.rows[1]?.amounts).toMatchObject({ total: 250, fiscal: 200, other: 50 });
    expect(m.flags).toEqual([]);
  });

  test('an amount in 元 that 万元 cannot hold at 4 decimals is refused, not rounded', () => {
    const m = normalize(tsv(`单位:万元\n项目名称\t总计\t财政拨款\n项目\t0.0001\t1.5元`), checksOnly);
    expect(m.flags.map((f) => `${f.cell} ${f.code}`)).toEqual(['C3 unparsable-amount']);
  });

  test('outputUnit converts exactly both ways, flags and messages included', () => {
    const g = tsv(`单位:万元\n项目名称\t总计\t财政拨款\n项目\t2279.048\t2279.047`);
    const yuan = normalize(g, { ...checksOnly, outputUnit: '元' });
    expect(yuan.amountUnit).toBe('元');
    expect(yuan.rows[2]?.amounts).toMatchObject({ total: 22790480, fiscal: 22790470 });
    expect(yuan.flags[0]).toMatchObject({ expected: 22790470, actual: 22790480 });
    expect(yuan.flags[0]?.message.zh).toContain('22,790,480.00 ≠');
    const g2 = tsv(`金额单位:元\n项目名称\t总计\t财政拨款\n项目\t8,827,620.53\t8,827,620.53`);
    const wan = normalize(g2, { ...checksOnly, outputUnit: '万元' });
    expect(wan.rows[2]?.amounts.total).toBe(882.762053);
    expect(() => normalize(tsv('项目名称\t总计\n项目\t1'), { outputUnit: '元' })).toThrow(/not stated/);
  });
});

describe('taxonomy', () => {
  test.each([
    ['环境效益指标', '生态效益', '23'],
    ['可持续性发展影响指标', '可持续影响', '24'],
    ['服务对象或受益者满意度指标', '服务对象满意度', '31'],
    ['社会公众或服务对象满意度指标', '服务对象满意度', '31'],
    ['数量指标(或建筑规模指标)', '数量指标', '11'],
    ['时效指标(工期指标)', '时效指标', '13'],
    ['预算(或投资规模)控制指标', '成本指标', '14'],
    ['社会效益 指标', '社会效益', '22'],
  ])('二级 %s → %s (%s)', (name, std, code) => {
    expect(level2Std(name)).toMatchObject({ name: std, code });
  });

  test.each([
    ['项目完成指标', '产出指标'],
    ['预期产出指标', '产出指标'],
    ['项目效益指标', '效益指标'],
    ['效果指标', '效益指标'],
    ['满意度指标', '满意度指标'],
    ['成本指标', '成本指标'],
  ])('一级 %s → %s', (name, std) => {
    expect(level1Std(name)?.name).toBe(std);
  });

  test('weights are split off; unknown names stay unknown and are counted', () => {
    expect(splitWeight('产出指标(50分)')).toEqual({ name: '产出指标', weight: '50分' });
    expect(splitWeight('成本指标(0-20)分')).toEqual({ name: '成本指标', weight: '0-20分' });
    expect(splitWeight('产出指标')).toEqual({ name: '产出指标', weight: null });
    expect(level2Std('创新指标')).toBeNull();
    const m = normalize(tsv(`项目名称\t总计\t绩效指标\n项目\t1\t1、1-产出指标;15-创新指标;新方法;实施周期指标值:1项;年度指标值:1项。`));
    expect(m.rows[1]?.indicators[0]).toMatchObject({ level2: '创新指标', level2Std: null, level2StdCode: null, level1Std: '产出指标' });
    expect(m.summary.unknownLevels).toBe(1);
  });
});

test('a grid list`s header repeated after a page break is a header, not a project', () => {
  const head = '单位名称\t项目名称\t预算数\t一级指标\t二级指标\t三级指标\t指标值';
  const m = normalize(
    tsv(`${head}
    单位甲\t项目一\t10.00\t产出指标\t数量指标\t数量\t≥1件

    ${head}
    单位甲\t项目二\t20.00\t产出指标\t数量指标\t数量\t≥2件`),
    { review: NO_REVIEW },
  );
  expect(m.rows.map((r) => r.kind)).toEqual(['header', 'project', 'blank', 'header', 'project']);
});
