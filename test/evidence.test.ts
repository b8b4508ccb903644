/**
 * Indicator grids read by evidence (issue 22): each column's role is weighed on its label and on what its
 * cells hold. Each table is written the way departments lay it out; in each, the cells beat a label (or
 * choose between labels), and the reading says how sure it is.
 */
import { normalize } from '../src/core';
import type { Indicator, Model } from '../src/core/contract/model';
import { weighGridColumns } from '../src/core/indicators/column-evidence';
import { matchHeaderRow } from '../src/core/input/header';
import { NO_REVIEW, tsv } from './helpers';

const projects = (m: Model) => m.rows.filter((r) => r.kind === 'project');
const targets = (list: readonly Indicator[] | undefined, which: 'annual' | 'period' = 'annual') =>
  (list ?? []).map((i) => {
    const t = i[which];
    return t === null ? null : [t.op, t.value, t.unit];
  });
const field = (m: Model, col: number) => m.reading.tables[0]?.fields.find((f) => f.col === col);
const uncertain = (m: Model) => m.flags.filter((f) => f.code === 'reading-uncertain').map((f) => f.cell);

describe('a comparator column and a 正向/反向 column, whatever their labels say', () => {
  test('指标性质 holding 正向/反向/定性 and 指标方向 holding 大于等于/小于等于/等于: the cells decide, and that is certain', () => {
    const m = normalize(
      tsv(`
  单位:元
  项目名称\t预算数\t一级指标\t二级指标\t三级指标\t指标性质\t指标方向\t指标值\t计量单位\t分值
  道路养护\t500,000.00\t产出指标\t数量指标\t养护里程\t正向\t大于等于\t120\t公里\t30
  \t\t\t质量指标\t验收合格率\t正向\t等于\t100\t%\t20
  \t\t\t成本指标\t养护成本\t反向\t小于等于\t50\t万元\t20
  \t\t效益指标\t社会效益指标\t通行条件\t定性\t\t改善\t\t20
  \t\t满意度指标\t服务对象满意度指标\t群众满意度\t正向\t大于等于\t90\t%\t10`),
      { review: NO_REVIEW },
    );
    expect(m.layout).toBe('grid');
    const ind = projects(m)[0]?.indicators;
    expect(targets(ind)).toEqual([
      ['≥', 120, '公里'],
      ['=', 100, '%'],
      ['≤', 50, '万元'],
      [null, null, null],
      ['≥', 90, '%'],
    ]);
    expect(ind?.[0]?.annual?.raw).toBe('大于等于120公里');
    expect(ind?.map((i) => i.weight)).toEqual(['30', '20', '20', '20', '10']);
    // The label allows either role: the cells settle it, certainly.
    expect(field(m, 5)).toMatchObject({ text: '指标性质', role: 'direction', confidence: 'high', evidence: 'cells' });
    expect(field(m, 6)).toMatchObject({ text: '指标方向', role: 'op', confidence: 'high', evidence: 'cells' });
    expect(m.reading.mapping.columns).toMatchObject({ F: 'direction', G: 'op' });
    expect(m.flags).toEqual([]);
  });

  test('定性 says nothing of either column: a 正向/反向 column mostly 定性 is still read as one', () => {
    const m = normalize(
      tsv(`
  项目名称\t预算数\t一级指标\t二级指标\t三级指标\t指标性质\t指标方向\t指标值
  文化下乡\t20.00\t产出指标\t数量指标\t演出场次\t正向\t大于等于\t20场
  \t\t\t质量指标\t演出质量\t定性\t\t优良
  \t\t效益指标\t社会效益指标\t文化氛围\t定性\t\t改善
  \t\t\t可持续影响指标\t长效机制\t定性\t\t建立
  \t\t满意度指标\t服务对象满意度指标\t群众满意度\t正向\t大于等于\t90%`),
      { review: NO_REVIEW },
    );
    expect(targets(projects(m)[0]?.indicators)).toEqual([
      ['≥', 20, '场'],
      [null, null, null],
      [null, null, null],
      [null, null, null],
      ['≥', 90, '%'],
    ]);
    expect([field(m, 5)?.role, field(m, 6)?.role]).toEqual(['direction', 'op']);
  });

  test('the words the other way round (指标性质 holding ≥/≤, 指标方向 holding 正向/反向): the labels stand', () => {
    const m = normalize(
      tsv(`
  项目名称\t预算数\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t指标方向
  道路养护\t50.00\t产出指标\t数量指标\t养护里程\t≥\t120\t公里\t正向
  \t\t\t成本指标\t养护成本\t≤\t50\t万元\t反向
  \t\t效益指标\t社会效益指标\t通行条件\t定性\t改善\t\t`),
      { review: NO_REVIEW },
    );
    expect(targets(projects(m)[0]?.indicators)).toEqual([
      ['≥', 120, '公里'],
      ['≤', 50, '万元'],
      [null, null, null],
    ]);
    expect(field(m, 5)).toMatchObject({ role: 'op', confidence: 'high', evidence: 'label' });
    expect(field(m, 8)).toMatchObject({ role: 'direction', confidence: 'high', evidence: 'label' });
    expect(m.flags).toEqual([]);
  });

  test('a sign column under a label that says another role: the cells win, and the reading is uncertain there', () => {
    const m = normalize(
      tsv(`
  项目名称\t预算数\t一级指标\t二级指标\t三级指标\t度量单位\t指标值
  社区服务\t12.50\t产出指标\t数量指标\t服务人次\t≥\t500人次
  \t\t\t质量指标\t投诉率\t≤\t5%
  \t\t满意度指标\t服务对象满意度指标\t居民满意度\t≥\t90%`),
      { review: NO_REVIEW },
    );
    expect(targets(projects(m)[0]?.indicators)).toEqual([
      ['≥', 500, '人次'],
      ['≤', 5, '%'],
      ['≥', 90, '%'],
    ]);
    expect(field(m, 5)).toMatchObject({ text: '度量单位', role: 'op', confidence: 'low', evidence: 'cells' });
    expect(uncertain(m)).toEqual(['F1']);
  });

  test('a sign column whose label names nothing: its cells give it the comparator, uncertain', () => {
    const m = normalize(
      tsv(`
  项目名称\t预算数\t一级指标\t二级指标\t三级指标\t类型\t指标值\t计量单位
  社区服务\t12.50\t产出指标\t数量指标\t服务人次\t≧\t500\t人次
  \t\t\t质量指标\t投诉率\t不高于\t5\t%`),
      { review: NO_REVIEW },
    );
    expect(targets(projects(m)[0]?.indicators)).toEqual([
      ['≥', 500, '人次'],
      ['≤', 5, '%'],
    ]);
    expect(field(m, 5)).toMatchObject({ text: '类型', role: 'op', confidence: 'low', evidence: 'cells' });
    expect(uncertain(m)).toEqual(['F1']);
  });

  test('two filled cells at least are evidence; a single one is not, and the label stands', () => {
    const m = normalize(
      tsv(`
  项目名称\t档案数字化
  预算数\t10
  一级指标\t二级指标\t三级指标\t指标性质\t指标方向\t指标值\t计量单位
  产出指标\t数量指标\t加工页数\t正向\t大于等于\t10\t万页`),
      { review: NO_REVIEW },
    );
    // The comparator column (by its label) holds 正向, no comparator: the value is read as written.
    expect(targets(projects(m)[0]?.indicators)).toEqual([['=', 10, '万页']]);
  });
});

describe('a target in three columns: comparator, number and unit make one target', () => {
  test('指标值 over 符号 | 数值 | 单位 (a two-row header)', () => {
    const m = normalize(
      tsv(`
  项目名称\t预算数\t一级指标\t二级指标\t三级指标\t指标值\t\t
  \t\t\t\t\t符号\t数值\t单位
  河道保洁\t10.00\t产出指标\t数量指标\t保洁里程\t≥\t20\t公里
  \t\t\t质量指标\t验收合格率\t=\t100\t%
  \t\t效益指标\t社会效益指标\t河道环境\t定性\t改善\t`),
      { review: NO_REVIEW },
    );
    expect(m.reading.tables[0]?.headerRows).toEqual([1, 2]);
    expect(targets(projects(m)[0]?.indicators)).toEqual([
      ['≥', 20, '公里'],
      ['=', 100, '%'],
      [null, null, null],
    ]);
    expect(projects(m)[0]?.indicators.map((i) => i.annual?.raw)).toEqual(['≥20公里', '100%', '改善']);
    expect(m.flags).toEqual([]);
  });

  test('指标值 merged over three unnamed columns: each column`s cells say which part it is, uncertain', () => {
    const m = normalize(
      tsv(`
  项目名称\t预算数\t一级指标\t二级指标\t三级指标\t指标值\t\t
  河道保洁\t10.00\t产出指标\t数量指标\t保洁里程\t≥\t20\t公里
  \t\t\t质量指标\t验收合格率\t=\t100\t%
  \t\t效益指标\t社会效益指标\t河道环境\t定性\t改善\t`),
      { review: NO_REVIEW },
    );
    expect(targets(projects(m)[0]?.indicators)).toEqual([
      ['≥', 20, '公里'],
      ['=', 100, '%'],
      [null, null, null],
    ]);
    expect([5, 6, 7].map((c) => [field(m, c)?.role, field(m, c)?.confidence, field(m, c)?.evidence])).toEqual([
      ['op', 'low', 'cells'],
      ['value', 'low', 'cells'],
      ['measureUnit', 'low', 'cells'],
    ]);
    expect(uncertain(m)).toEqual(['F1', 'G1', 'H1']);
  });
});

describe('several target columns, chosen by their header`s words', () => {
  test('上年实际值 | 本年目标值: the year`s target is annual, the actual kept as the second', () => {
    for (const [header, row] of [
      ['上年实际值\t本年目标值', '1,150人\t≥1200人'],
      ['本年目标值\t上年实际值', '≥1200人\t1,150人'],
    ]) {
      const m = normalize(
        tsv(`
  项目名称\t预算数\t一级指标\t二级指标\t三级指标\t${header}
  学生资助\t80.00\t产出指标\t数量指标\t资助人数\t${row}`),
        { review: NO_REVIEW },
      );
      const [i] = projects(m)[0]?.indicators ?? [];
      expect(i?.annual).toMatchObject({ op: '≥', value: 1200, unit: '人' });
      expect(i?.second?.target.raw).toBe('1,150人');
      expect(m.flags).toEqual([]);
    }
  });

  test('指标值 over 2021年实际实现值 | 预期2022年实现值, the first empty: the 2022 column is the target', () => {
    const m = normalize(
      tsv(`
  项目名称\t预算数\t一级指标\t二级指标\t三级指标\t指标值\t
  \t\t\t\t\t2021年实际实现值\t预期2022年实现值
  主体班\t164.00\t产出指标\t数量指标\t培训人次\t\t280人次
  \t\t\t\t课程数量\t\t220
  \t\t满意度指标\t服务对象满意度指标\t学员满意度\t\t≥95%`),
      { review: NO_REVIEW },
    );
    const ind = projects(m)[0]?.indicators;
    expect(targets(ind)).toEqual([
      ['=', 280, '人次'],
      ['=', 220, ''],
      ['≥', 95, '%'],
    ]);
    expect(ind?.every((i) => i.second === null)).toBe(true);
    expect(m.flags).toEqual([]);
  });

  test('in a form: the 2021 actuals filled too are kept as the second target, named', () => {
    const m = normalize(
      tsv(`
  项目名称\t主体班
  项目金额\t164万元
  一级指标\t二级指标\t三级指标\t2021年实际实现值\t预期2022年实现值
  产出指标\t数量指标\t培训人次\t260人次\t280人次
  \t\t课程数量\t200\t220`),
      { review: NO_REVIEW },
    );
    const ind = projects(m)[0]?.indicators;
    expect(targets(ind)).toEqual([
      ['=', 280, '人次'],
      ['=', 220, ''],
    ]);
    expect(ind?.map((i) => [i.second?.label, i.second?.target.raw])).toEqual([
      ['2021年实际实现值', '260人次'],
      ['2021年实际实现值', '200'],
    ]);
  });
});

describe('long-term and annual column sets side by side', () => {
  const grid = (long: [string, string, string][], annual: [string, string, string][]) =>
    tsv(
      [
        '项目名称\t教育设施建设',
        '资金总额\t100',
        '一级指标\t二级指标(长期)\t三级指标(长期)\t指标值(长期)\t二级指标(年度)\t三级指标(年度)\t指标值(年度)',
        ...long.map((l, i) => ['产出指标', ...l, ...(annual[i] as string[])].join('\t')),
      ].join('\n'),
    );

  test('the long-term names and values blank: the annual set is read', () => {
    const m = normalize(
      grid(
        [
          ['数量指标', ' ', ' '],
          ['质量指标', ' ', ' '],
        ],
        [
          ['数量指标', '重点工程数量', '2'],
          ['质量指标', '验收合格率', '100%'],
        ],
      ),
      { review: NO_REVIEW },
    );
    const ind = projects(m)[0]?.indicators;
    expect(ind?.map((i) => [i.level1, i.level2, i.name])).toEqual([
      ['产出指标', '数量指标', '重点工程数量'],
      ['产出指标', '质量指标', '验收合格率'],
    ]);
    expect(targets(ind)).toEqual([
      ['=', 2, ''],
      ['=', 100, '%'],
    ]);
    expect(ind?.every((i) => i.period === null)).toBe(true);
    expect(m.reading.unreadRows).toEqual([]);
  });

  test('the annual set blank: the long-term set is read, its values the period`s targets', () => {
    const m = normalize(
      grid(
        [
          ['数量指标', '重点工程数量', '≥6'],
          ['质量指标', '验收合格率', '100%'],
        ],
        [
          ['', '', ''],
          ['', '', ''],
        ],
      ),
      { review: NO_REVIEW },
    );
    const ind = projects(m)[0]?.indicators;
    expect(ind?.map((i) => i.name)).toEqual(['重点工程数量', '验收合格率']);
    expect(targets(ind, 'period')).toEqual([
      ['≥', 6, ''],
      ['=', 100, '%'],
    ]);
    expect(ind?.every((i) => i.annual === null)).toBe(true);
  });

  test('both sets filled with the same indicators: the annual values, and the long-term ones as the period`s', () => {
    const m = normalize(
      grid(
        [
          ['数量指标', '重点工程数量', '≥6'],
          ['质量指标', '验收合格率', '100%'],
        ],
        [
          ['数量指标', '重点工程数量', '2'],
          ['质量指标', '验收合格率', '100%'],
        ],
      ),
      { review: NO_REVIEW },
    );
    const ind = projects(m)[0]?.indicators;
    expect(targets(ind)).toEqual([
      ['=', 2, ''],
      ['=', 100, '%'],
    ]);
    expect(targets(ind, 'period')).toEqual([
      ['≥', 6, ''],
      ['=', 100, '%'],
    ]);
  });

  test('both sets filled with other indicators: the annual set is read, and the long-term targets not read are said', () => {
    const m = normalize(
      grid(
        [
          ['数量指标', '新建学校数', '≥6所'],
          ['质量指标', '工程优良率', '≥90%'],
        ],
        [
          ['数量指标', '重点工程数量', '2'],
          ['质量指标', '验收合格率', '100%'],
        ],
      ),
      { review: NO_REVIEW },
    );
    const ind = projects(m)[0]?.indicators;
    expect(ind?.map((i) => i.name)).toEqual(['重点工程数量', '验收合格率']);
    expect(ind?.every((i) => i.period === null)).toBe(true);
    const w = weighGridColumns(
      {
        texts: new Map(
          '一级指标\t二级指标(长期)\t三级指标(长期)\t指标值(长期)\t二级指标(年度)\t三级指标(年度)\t指标值(年度)'
            .split('\t')
            .map((t, c) => [c, [t]] as const),
        ),
        cols: matchHeaderRow(
          '一级指标\t二级指标(长期)\t三级指标(长期)\t指标值(长期)\t二级指标(年度)\t三级指标(年度)\t指标值(年度)'.split('\t'),
        ).columns,
      },
      [
        ['产出指标', '数量指标', '新建学校数', '≥6所', '数量指标', '重点工程数量', '2'],
        ['产出指标', '质量指标', '工程优良率', '≥90%', '质量指标', '验收合格率', '100%'],
      ],
    );
    // Set aside as a note, uncertain: the reading says so at its header cell.
    expect(w.readings.find((r) => r.col === 3)).toMatchObject({ role: 'note', confidence: 'low', evidence: 'cells' });
    expect(w.cols).toMatchObject({ level2: 4, level3: 5, value: 6 });
  });

  test('in a grid list, both sets filled with other indicators: the long-term targets set aside are said at their header', () => {
    const m = normalize(
      tsv(`
  项目名称\t预算数\t一级指标\t二级指标(长期)\t三级指标(长期)\t指标值(长期)\t二级指标(年度)\t三级指标(年度)\t指标值(年度)
  校舍维修\t50.00\t产出指标\t数量指标\t新建校舍数\t10所\t数量指标\t维修校舍数\t3所
  \t\t效益指标\t社会效益指标\t入学率\t≥99%\t社会效益指标\t办学条件\t改善`),
      { review: NO_REVIEW },
    );
    expect(projects(m)[0]?.indicators.map((i) => [i.name, i.annual?.raw, i.period])).toEqual([
      ['维修校舍数', '3所', null],
      ['办学条件', '改善', null],
    ]);
    expect(field(m, 5)).toMatchObject({ role: 'note', confidence: 'low', evidence: 'cells' });
    expect(uncertain(m)).toEqual(['F1']);
  });

  test('in a grid list: the annual set, the blank long-term columns left out of the reading`s roles', () => {
    const m = normalize(
      tsv(`
  项目名称\t预算数\t一级指标\t二级指标(长期)\t三级指标(长期)\t指标值(长期)\t二级指标(年度)\t三级指标(年度)\t指标值(年度)
  校舍维修\t50.00\t产出指标\t数量指标\t\t\t数量指标\t维修校舍数\t3所
  \t\t效益指标\t社会效益指标\t\t\t社会效益指标\t办学条件\t改善`),
      { review: NO_REVIEW },
    );
    const ind = projects(m)[0]?.indicators;
    expect(ind?.map((i) => [i.level1, i.level2, i.name, i.annual?.raw])).toEqual([
      ['产出指标', '数量指标', '维修校舍数', '3所'],
      ['效益指标', '社会效益指标', '办学条件', '改善'],
    ]);
    expect([3, 4, 5, 6, 7, 8].map((c) => field(m, c)?.role)).toEqual(['ignore', 'ignore', 'ignore', 'level2', 'level3', 'value']);
    expect(m.flags).toEqual([]);
  });
});

describe('weights', () => {
  test('a column of numbers that add up to 100 in every project is the weight, whatever stands over it', () => {
    const m = normalize(
      tsv(`
  项目名称\t预算数\t一级指标\t二级指标\t三级指标\t指标值\t计量单位\t
  甲项目\t10.00\t产出指标\t数量指标\t培训人次\t280\t人次\t60
  \t\t满意度指标\t服务对象满意度指标\t满意度\t≥95\t%\t40
  乙项目\t20.00\t产出指标\t数量指标\t维修面积\t400\t平方米\t50
  \t\t\t质量指标\t验收合格率\t100\t%\t50`),
      { review: NO_REVIEW },
    );
    const [a, b] = projects(m);
    expect(a?.indicators.map((i) => [i.annual?.raw, i.weight])).toEqual([
      ['280人次', '60'],
      ['≥95%', '40'],
    ]);
    expect(b?.indicators.map((i) => i.weight)).toEqual(['50', '50']);
    expect(field(m, 7)).toMatchObject({ role: 'weight', confidence: 'low', evidence: 'cells' });
  });

  test('an empty 计量单位 then 分值: the weight never joins the target', () => {
    const m = normalize(
      tsv(`
  项目名称\t预算数\t一级指标\t二级指标\t三级指标\t指标性质\t指标方向\t目标值\t计量单位\t分值
  业务装备经费\t1,030,700.00\t产出指标(50分)\t数量指标\t车辆采购数量\t反向\t小于等于\t1\t\t7.5
  \t\t\t\t办公设备采购数量\t正向\t大于等于\t10\t\t7.5`),
      { review: NO_REVIEW },
    );
    const ind = projects(m)[0]?.indicators;
    expect(targets(ind)).toEqual([
      ['≤', 1, ''],
      ['≥', 10, ''],
    ]);
    expect(ind?.map((i) => [i.level1, i.weight])).toEqual([
      ['产出指标', '7.5'],
      ['产出指标', '7.5'],
    ]);
  });
});

describe('a 一级 label anywhere in its merged block names the whole block', () => {
  test('in a grid list: labels on the middle rows of their blocks; the 二级 names say where a block ends', () => {
    const m = normalize(
      tsv(`
  项目名称\t预算数\t一级指标\t二级指标\t三级指标\t指标值
  党校培训\t164.00\t\t数量指标\t培训人次\t280人次
  \t\t\t\t邀请名师人次\t25人次
  \t\t产出指标\t\t开设课程数量\t220
  \t\t\t质量指标\t培训完成率\t100%
  \t\t\t时效指标\t及时完成率\t100%
  \t\t\t社会效益指标\t干部素质\t提升
  \t\t效益指标\t可持续影响指标\t长效机制\t建立
  \t\t满意度指标\t服务对象满意度指标\t学员满意度\t≥95%`),
      { review: NO_REVIEW },
    );
    expect(projects(m)[0]?.indicators.map((i) => [i.level1, i.level2])).toEqual([
      ['产出指标', '数量指标'],
      ['产出指标', '数量指标'],
      ['产出指标', '数量指标'],
      ['产出指标', '质量指标'],
      ['产出指标', '时效指标'],
      ['效益指标', '社会效益指标'],
      ['效益指标', '可持续影响指标'],
      ['满意度指标', '服务对象满意度指标'],
    ]);
  });

  test('rows that say nothing of their 一级 stay with the label above them', () => {
    const m = normalize(
      tsv(`
  项目名称\t预算数\t一级指标\t二级指标\t三级指标\t指标值
  文化下乡\t20.00\t产出指标\t演出场次\t送戏下乡\t20场
  \t\t\t演出质量\t观众人数\t2000人次
  \t\t效益指标\t群众文化\t文化氛围\t改善`),
      { review: NO_REVIEW },
    );
    expect(projects(m)[0]?.indicators.map((i) => i.level1)).toEqual(['产出指标', '产出指标', '效益指标']);
  });
});

describe('a form`s grid is weighed on its rows as well', () => {
  test('指标性质 and 指标方向 in a form: the same reading as in a list', () => {
    const m = normalize(
      tsv(`
  项目名称\t业务装备经费
  预算数\t103.07
  一级指标\t二级指标\t三级指标\t指标性质\t指标方向\t目标值\t计量单位\t分值
  满意度指标(10分)\t服务对象满意度\t使用人员满意度\t正向\t大于等于\t98\t%\t10
  效益指标(30分)\t社会效益\t工作效率\t定性\t\t有效提升\t\t30
  产出指标(60分)\t成本指标\t车辆购置成本\t反向\t小于等于\t12\t万元\t30
  \t数量指标\t车辆采购数量\t反向\t小于等于\t1\t\t30`),
      { review: NO_REVIEW },
    );
    const ind = projects(m)[0]?.indicators;
    expect(targets(ind)).toEqual([
      ['≥', 98, '%'],
      [null, null, null],
      ['≤', 12, '万元'],
      ['≤', 1, ''],
    ]);
    expect(ind?.map((i) => i.level1)).toEqual(['满意度指标', '效益指标', '产出指标', '产出指标']);
  });

  test('a sign-off line under the grid is not an indicator', () => {
    const m = normalize(
      tsv(`
  项目名称\t主体班
  项目金额\t164万元
  一级指标\t二级指标\t三级指标\t指标值
  产出指标\t数量指标\t培训人次\t280人次
  财政资金管理科室(盖章) 年 月 日\t\t财政绩效管理科室(盖章) 年 月 日\t`),
      { review: NO_REVIEW },
    );
    expect(projects(m)[0]?.indicators.map((i) => i.name)).toEqual(['培训人次']);
  });
});

describe('the weighing itself', () => {
  const header = (line: string) => {
    const cells = line.split('\t');
    return { texts: new Map(cells.map((t, c) => [c, [t]] as const).filter(([, t]) => t[0] !== '')), cols: matchHeaderRow(cells).columns };
  };

  test('a label its cells fit stands; nothing changes, every role by its label', () => {
    const h = header('一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t权重');
    const w = weighGridColumns(h, [
      ['产出指标', '数量指标', '补助村数', '≥', '12', '个', '50'],
      ['', '质量指标', '资金到位率', '=', '100', '%', '50'],
    ]);
    expect(w.changed).toBe(false);
    expect(w.cols).toEqual(h.cols);
    expect(w.readings.every((r) => r.evidence === 'label' && r.confidence === 'high')).toBe(true);
  });

  test('the two words swapped, weighed: the roles each label allows, settled by the cells, certain', () => {
    const h = header('一级指标\t二级指标\t三级指标\t指标性质\t指标方向\t目标值\t计量单位\t分值');
    const w = weighGridColumns(h, [
      ['满意度指标(10分)', '服务对象满意度', '使用人员满意度', '正向', '大于等于', '98', '%', '10'],
      ['效益指标(30分)', '社会效益', '提升工作效率', '定性', '', '有效提升', '', '15'],
      ['产出指标(50分)', '成本指标', '车辆购置成本', '反向', '小于等于', '12', '万元', '5'],
    ]);
    expect(w.cols).toMatchObject({ direction: 3, op: 4, value: 5, measureUnit: 6, weight: 7 });
    expect(w.readings.filter((r) => r.evidence === 'cells')).toEqual([
      { col: 3, text: '指标性质', role: 'direction', confidence: 'high', evidence: 'cells' },
      { col: 4, text: '指标方向', role: 'op', confidence: 'high', evidence: 'cells' },
    ]);
  });

  test('a user`s mapping is read as mapped: the cells do not overrule it', () => {
    const grid = tsv(`
  项目名称\t预算数\t一级指标\t二级指标\t三级指标\t指标性质\t指标方向\t指标值
  道路养护\t50.00\t产出指标\t数量指标\t养护里程\t正向\t大于等于\t120公里
  \t\t\t成本指标\t养护成本\t反向\t小于等于\t50万元`);
    const m = normalize(grid, { review: NO_REVIEW, mapping: { layout: 'grid', columns: { F: 'op', G: 'ignore' }, keys: {} } });
    expect(field(m, 5)).toMatchObject({ role: 'op', evidence: 'user' });
    expect(targets(projects(m)[0]?.indicators)).toEqual([
      ['=', 120, '公里'],
      ['=', 50, '万元'],
    ]);
  });
});
