/**
 * The variants of domain.md, "The wider world", each in a small table written the way published
 * disclosures lay it out, with its expected reading. The review checks stay silent where a table
 * gives them nothing to judge.
 */
import { normalize } from '../src/core';
import type { Model } from '../src/core/contract/model';
import { IND, NO_REVIEW, tsv } from './helpers';

const codes = (m: Model) => m.flags.map((f) => `${f.cell} ${f.code}`);
const projects = (m: Model) => m.rows.filter((r) => r.kind === 'project');

describe('forms in their real variety', () => {
  test('keys in another order, a period total beside the current year`s, fiscal by levels, 自有资金', () => {
    const m = normalize(
      tsv(`
  2024年项目支出绩效目标表
  单位:万元
  专项资金名称\t乡村道路养护
  主管部门及代码\t101-交通局\t实施单位\t公路所
  资金总额\t300\t当年资金总额\t120
  其中:中央补助\t50\t省级财政\t40\t自有资金\t30
  当年绩效目标\t完成120公里道路养护。
  一级指标\t二级指标\t三级指标\t指标值
  产出指标\t数量指标\t养护里程\t≥120公里
  效益指标\t社会效益指标\t通行条件\t改善
  满意度指标\t服务对象满意度指标\t群众满意度\t≥90%`),
    );
    expect(m.layout).toBe('form');
    const [p] = projects(m);
    expect(p).toMatchObject({
      row: 3,
      name: '乡村道路养护',
      goal: '完成120公里道路养护。',
      amounts: { total: 120, fiscal: 90, other: 30 },
    });
    expect(p?.indicators.map((i) => [i.level1, i.level2, i.name, i.annual?.raw])).toEqual([
      ['产出指标', '数量指标', '养护里程', '≥120公里'],
      ['效益指标', '社会效益指标', '通行条件', '改善'],
      ['满意度指标', '服务对象满意度指标', '群众满意度', '≥90%'],
    ]);
    expect(m.flags).toEqual([]);
    expect(m.reading.unreadRows).toEqual([]);
  });

  test('a total with only one part, smaller than it, is a row-sum mismatch on the total`s own row', () => {
    const m = normalize(
      tsv(`
  项目名称\t城市照明维护
  项目金额\t164万元
  其中:当年市级财政资金\t132万元
  年度目标\t路灯亮灯率保持在98%以上。
  一级指标\t二级指标\t三级指标\t指标值
  产出指标\t质量指标\t亮灯率\t≥98%`),
      { review: NO_REVIEW },
    );
    expect(projects(m)[0]?.amounts).toMatchObject({ total: 164, fiscal: 132 });
    expect(codes(m)).toEqual(['B2 row-sum-mismatch']);
    expect(m.summary.errors).toBe(1);
  });

  test('weight, direction and unit columns in another order: the weight is never the target', () => {
    const m = normalize(
      tsv(`
  项目名称\t社区服务
  年度预算数\t12.5
  绩效指标\t三级指标\t权重\t指标方向\t指标值\t计量单位
  \t服务人次\t30\t大于等于\t500\t人次
  \t投诉率\t20\t小于等于\t5\t%
  \t服务质量\t50\t定性\t良好\t`),
      { review: NO_REVIEW },
    );
    const ind = projects(m)[0]?.indicators ?? [];
    expect(ind.map((i) => [i.name, i.annual?.op ?? null, i.annual?.value ?? null, i.annual?.unit ?? null, i.weight])).toEqual([
      ['服务人次', '≥', 500, '人次', '30'],
      ['投诉率', '≤', 5, '%', '20'],
      ['服务质量', null, null, null, '50'],
    ]);
    expect(ind[0]?.level1).toBeNull();
  });

  test('a whole-department target table: one set of indicators for the department, with its budget', () => {
    const m = normalize(
      tsv(`
  部门(单位)整体绩效目标表
  部门(单位)名称\t某区教育局
  年度预算\t资金总额\t5,000.00\t其中:财政拨款\t4,800.00\t其他资金\t200.00
  年度总体目标\t保障全区义务教育均衡发展。
  一级指标\t二级指标\t三级指标\t指标值
  产出指标\t数量指标\t保障学校数\t42所
  效益指标\t社会效益指标\t义务教育巩固率\t≥99%
  满意度指标\t服务对象满意度指标\t家长满意度\t≥90%`),
    );
    const [p] = projects(m);
    expect(p).toMatchObject({ name: '某区教育局', amounts: { total: 5000, fiscal: 4800, other: 200 }, goal: '保障全区义务教育均衡发展。' });
    expect(p?.indicators).toHaveLength(3);
    expect(m.flags).toEqual([]);
  });

  test('a 一级 label centred in its merged block names the rows above it', () => {
    const m = normalize(
      tsv(`
  项目名称\t河道保洁
  预算数\t10
  一级指标\t二级指标\t三级指标\t指标值
  \t数量指标\t保洁里程\t20公里
  产出指标\t质量指标\t验收合格率\t100%
  \t时效指标\t完成时间\t12月底前
  \t社会效益指标\t河道环境\t改善
  效益指标\t可持续影响指标\t长效机制\t建立
  满意度指标\t服务对象满意度指标\t群众满意度\t≥90%`),
      { review: NO_REVIEW },
    );
    expect(projects(m)[0]?.indicators.map((i) => i.level1)).toEqual([
      '产出指标',
      '产出指标',
      '产出指标',
      '效益指标',
      '效益指标',
      '满意度指标',
    ]);
  });
});

describe('targets and amounts as published', () => {
  test('a second target block is kept on the indicator, named; annual holds the current year`s', () => {
    const m = normalize(
      tsv(`
  项目名称\t学生资助
  当年预算\t80
  一级指标\t二级指标\t三级指标\t2021年实际实现值\t预期2022年实现值
  产出指标\t数量指标\t资助人数\t1,150人\t≥1200人`),
      { review: NO_REVIEW },
    );
    const [i] = projects(m)[0]?.indicators ?? [];
    expect(i?.annual).toMatchObject({ raw: '≥1200人', op: '≥', value: 1200, unit: '人' });
    expect(i?.second).toMatchObject({ label: '2021年实际实现值', target: { raw: '1,150人' } });
    expect(projects(m)[0]?.indicators).toHaveLength(1);
  });

  test('prose in an amount cell: the number before its explanation, or printed twice, is the amount', () => {
    const m = normalize(
      tsv(`
  项目名称\t道路改造
  项目金额\t854万(其中市级400万元,区级295万元,自筹159万元)
  项目名称\t桥梁维修
  项目金额\t120万120万
  项目名称\t管网改造
  项目金额\t约854万`),
      { review: NO_REVIEW },
    );
    expect(projects(m).map((p) => p.amounts.total)).toEqual([854, 120, null]);
    expect(codes(m).filter((c) => !c.endsWith('no-indicators'))).toEqual(['B6 unparsable-amount']);
  });
});

describe('lists', () => {
  test('one row per indicator, the funding unit and a category on the project`s row, comparator words in a column', () => {
    const m = normalize(
      tsv(`
  预算单位\t项目类别\t项目名称\t金额\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位
  776001-扎赉特旗人民检察院\t32-专项资金项目\t办案经费\t35.00\t产出指标\t数量指标\t办理案件数\t大于等于\t300\t件
  \t\t\t\t效益指标\t社会效益指标\t司法公正\t定性\t提升\t
  \t\t\t\t满意度指标\t服务对象满意度指标\t群众满意度\t大于等于\t90\t%
  776001-扎赉特旗人民检察院\t32-专项资金项目\t信息化运维\t20.00\t产出指标\t数量指标\t运维系统数\t等于\t5\t套
  \t\t\t\t效益指标\t社会效益指标\t系统可用率\t大于等于\t99\t%
  \t\t\t\t满意度指标\t服务对象满意度指标\t干警满意度\t大于等于\t95\t%`),
    );
    expect(m.layout).toBe('grid');
    const ps = projects(m);
    expect(ps.map((p) => [p.name, p.unitName, p.amounts.total, p.indicators.length])).toEqual([
      ['办案经费', '776001-扎赉特旗人民检察院', 35, 3],
      ['信息化运维', '776001-扎赉特旗人民检察院', 20, 3],
    ]);
    expect(ps[0]?.indicators[0]?.annual).toMatchObject({ op: '≥', value: 300, unit: '件' });
    expect(m.flags).toEqual([]);
  });

  test('an allocation list followed by one form for the whole fund: two tables, parents never cross', () => {
    const m = normalize(
      tsv(`
  2024年农村公路养护资金分配表
  单位:万元
  项目名称\t预算数
  东村\t30.00
  西村\t20.00
  合计\t50.00
  2024年农村公路养护资金绩效目标表
  项目名称\t农村公路养护资金
  年度资金总额\t50.00\t其中:财政拨款\t50.00
  年度目标\t完成全镇农村公路日常养护。
  一级指标\t二级指标\t三级指标\t指标值
  产出指标\t数量指标\t养护里程\t≥80公里
  效益指标\t社会效益指标\t通行条件\t改善
  满意度指标\t服务对象满意度指标\t群众满意度\t≥90%`),
    );
    expect(m.reading.tables.map((t) => [t.startRow, t.layout])).toEqual([
      [1, 'packed'],
      [7, 'form'],
    ]);
    expect(
      m.rows.filter((r) => r.kind !== 'title' && r.kind !== 'header' && r.kind !== 'continuation').map((r) => [r.row, r.kind, r.parentRow]),
    ).toEqual([
      [4, 'project', 6],
      [5, 'project', 6],
      [6, 'grandTotal', null],
      [8, 'project', null],
    ]);
    expect(m.rows[7]?.indicators).toHaveLength(3);
    // An allocation list has no indicator column, so its villages are not asked for indicators.
    expect(m.flags).toEqual([]);
  });

  test('合计 at the bottom is the grand total of the rows above it', () => {
    const m = normalize(
      tsv(`
  项目名称\t预算数\t三级指标\t指标值
  村道硬化\t40.00\t硬化里程\t2公里
  路灯安装\t10.00\t安装数量\t50盏
  合计\t50.00\t\t`),
      { review: NO_REVIEW },
    );
    expect(m.rows.map((r) => [r.kind, r.parentRow])).toEqual([
      ['header', null],
      ['project', 4],
      ['project', 4],
      ['grandTotal', null],
    ]);
    expect(m.flags).toEqual([]);
  });
});

describe('a tree export: levels given by indentation in one name column', () => {
  // As a budget system exports it: ideographic spaces before the name give the level.
  const I = (n: number, name: string) => '\u3000'.repeat(n) + name;
  const grid = [
    ['2024年项目绩效目标', '', ''],
    ['项目名称', '预算数', '指标值'],
    ['某区民政局', '30.00', ''],
    [I(1, '困难群众救助'), '20.00', ''],
    [I(2, '产出指标'), '', ''],
    [I(3, '数量指标'), '', ''],
    [I(4, '救助人数'), '', '≥1200人'],
    [I(3, '时效指标'), '', ''],
    [I(4, '发放及时率'), '', '100%'],
    [I(2, '效益指标'), '', ''],
    [I(3, '社会效益指标'), '', ''],
    [I(4, '基本生活保障'), '', '有效保障'],
    [I(2, '满意度指标'), '', ''],
    [I(3, '服务对象满意度指标'), '', ''],
    [I(4, '救助对象满意度'), '', '≥90%'],
    [I(1, '养老服务补贴'), '10.00', ''],
    [I(2, '产出指标'), '', ''],
    [I(3, '数量指标'), '', ''],
    [I(4, '补贴人数'), '', '≥300人'],
  ];

  test('unit, projects and their indicators with 一级 / 二级 from the branch above', () => {
    const m = normalize(grid, { review: NO_REVIEW });
    expect(m.layout).toBe('tree');
    expect(
      m.rows
        .filter((r) => ['unit', 'project'].includes(r.kind))
        .map((r) => [r.kind, r.name, r.amounts.total, r.parentRow, r.indicators.length]),
    ).toEqual([
      ['unit', '某区民政局', 30, null, 0],
      ['project', '困难群众救助', 20, 3, 4],
      ['project', '养老服务补贴', 10, 3, 1],
    ]);
    const first = m.rows[3]?.indicators ?? [];
    expect(first.map((i) => [i.level1, i.level2, i.name, i.annual?.raw])).toEqual([
      ['产出指标', '数量指标', '救助人数', '≥1200人'],
      ['产出指标', '时效指标', '发放及时率', '100%'],
      ['效益指标', '社会效益指标', '基本生活保障', '有效保障'],
      ['满意度指标', '服务对象满意度指标', '救助对象满意度', '≥90%'],
    ]);
    expect(m.flags).toEqual([]);
    expect(m.reading.unreadRows).toEqual([]);
  });

  test('the coverage check judges each project by its own branch', () => {
    const m = normalize(grid);
    expect(codes(m)).toEqual(['A16 review-coverage']);
  });
});

describe('packed lists as real pastes go wrong', () => {
  test('a two-row header: 资金来源 over 财政拨款 | 财政专户拨款 | 其他资金', () => {
    const m = normalize(
      tsv(`
  项目名称\t总计\t资金来源\t\t\t绩效目标\t绩效指标
  \t\t财政拨款\t财政专户拨款\t其他资金\t\t
  合计\t30.00\t25.00\t\t5.00\t\t
  项目一\t10.00\t10.00\t\t\t目标一\t${IND(1)}
  项目二\t20.00\t15.00\t\t5.00\t目标二\t${IND(1)}`),
      { review: NO_REVIEW },
    );
    expect(m.reading.tables[0]?.headerRows).toEqual([1, 2]);
    expect(projects(m).map((p) => [p.name, p.amounts.total, p.amounts.fiscal, p.amounts.other])).toEqual([
      ['项目一', 10, 10, null],
      ['项目二', 20, 15, 5],
    ]);
    expect(m.flags).toEqual([]);
  });

  test('separate 单位名称 and 项目名称 columns: units by the numbers, the unit name kept on projects', () => {
    const m = normalize(
      tsv(`
  单位名称\t项目名称\t总计\t财政拨款\t其他资金\t绩效目标\t绩效指标
  某局机关\t\t30.00\t30.00\t\t\t
  某局机关\t办公设备购置\t10.00\t10.00\t\t目标一\t${IND(1)}
  某局机关\t信息系统运维\t20.00\t20.00\t\t目标二\t${IND(1)}`),
      { review: NO_REVIEW },
    );
    expect(m.rows.map((r) => [r.kind, r.name, r.parentRow])).toEqual([
      ['header', null, null],
      ['unit', '某局机关', null],
      ['project', '办公设备购置', 2],
      ['project', '信息系统运维', 2],
    ]);
    expect(m.flags).toEqual([]);
  });

  test('a project name that wrapped onto a row of its own is joined, with a note', () => {
    const m = normalize(
      tsv(`
  项目名称\t总计\t财政拨款\t其他资金\t绩效目标\t绩效指标
  办公楼维修改造\t10.00\t10.00\t\t目标一\t${IND(1)}
  工程
  信息系统运维\t20.00\t20.00\t\t目标二\t${IND(1)}`),
      { review: NO_REVIEW },
    );
    expect(projects(m).map((p) => p.name)).toEqual(['办公楼维修改造工程', '信息系统运维']);
    expect(codes(m)).toEqual(['A3 name-joined']);
    expect(m.flags[0]?.severity).toBe('info');
  });

  test('unit rows after their projects', () => {
    const m = normalize(
      tsv(`
  项目名称\t总计\t财政拨款\t绩效目标\t绩效指标
  项目一\t10.00\t10.00\t目标一\t${IND(1)}
  项目二\t20.00\t20.00\t目标二\t${IND(1)}
  单位甲\t30.00\t30.00\t\t
  项目三\t5.00\t5.00\t目标三\t${IND(1)}
  单位乙\t5.00\t5.00\t\t`),
      { review: NO_REVIEW },
    );
    expect(m.rows.map((r) => [r.kind, r.parentRow])).toEqual([
      ['header', null],
      ['project', 4],
      ['project', 4],
      ['unit', null],
      ['project', 6],
      ['unit', null],
    ]);
    expect(m.flags).toEqual([]);
  });

  test('the same table pasted twice: two tables, the copy flagged, never summed together', () => {
    const table = `项目名称\t总计\t财政拨款\t绩效目标\t绩效指标
  合计\t30.00\t30.00\t\t
  项目一\t10.00\t10.00\t目标一\t${IND(1)}
  项目二\t20.00\t20.00\t目标二\t${IND(1)}`;
    const m = normalize(tsv(`${table}\n  ${table}`), { review: NO_REVIEW });
    expect(m.reading.tables.map((t) => [t.startRow, t.repeatOf])).toEqual([
      [1, null],
      [5, 1],
    ]);
    expect(m.rows.map((r) => r.parentRow)).toEqual([null, null, 2, 2, null, null, 6, 6]);
    expect(codes(m)).toEqual(['A5 table-repeated']);
  });

  test('an amount cell holding text is unparsable, never moved into the goal', () => {
    const m = normalize(
      tsv(`
  项目名称\t总计\t财政拨款\t其他资金\t绩效目标\t绩效指标
  项目一\t待定\t10.00\t\t目标一\t${IND(1)}`),
      { review: NO_REVIEW },
    );
    expect(projects(m)[0]).toMatchObject({ goal: '目标一', amounts: { total: null, fiscal: 10 } });
    expect(codes(m)).toEqual(['B2 unparsable-amount']);
  });
});

describe('never silently wrong', () => {
  test('a row with content read as no known kind is flagged at its first non-empty cell', () => {
    const m = normalize(
      tsv(`
  项目名称\t总计\t财政拨款\t绩效目标\t绩效指标
  项目一\t10.00\t10.00\t目标一\t${IND(1)}
  \t\t\t\t\t\t备注:数据来源于部门申报`),
      { review: NO_REVIEW },
    );
    expect(codes(m)).toEqual(['G3 unread-row']);
    expect(m.reading.unreadRows).toEqual([3]);
    expect(m.summary.unreadRows).toBe(1);
  });

  test('label rows of a form are never projects; a project with no amount is said', () => {
    const m = normalize(
      tsv(`
  表一
  项目名称\t档案数字化
  项目概况\t馆藏档案数字化加工
  绩效指标\t指标\t指标值
  \t加工页数\t≥10万页`),
      { review: NO_REVIEW },
    );
    expect(projects(m).map((p) => p.name)).toEqual(['档案数字化']);
    expect(codes(m)).toEqual(['B2 no-amount']);
  });

  test('a column matched only by a name inside its label is an uncertain reading, said at its header', () => {
    const m = normalize(
      tsv(`
  项目名称\t总计\t本年财政拨款资金\t绩效目标\t绩效指标
  项目一\t10.00\t10.00\t目标一\t${IND(1)}`),
      { review: NO_REVIEW },
    );
    expect(codes(m)).toEqual(['C1 reading-uncertain']);
    expect(m.reading.tables[0]?.fields.find((f) => f.col === 2)).toMatchObject({
      role: 'fiscal',
      confidence: 'low',
      evidence: 'label-contains',
    });
  });
});
