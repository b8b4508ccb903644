/**
 * One paste, many tables (issue 21): each table found with its blocks; notes and signatures are not
 * projects; numbered headings name units and 小计 lines carry their amounts; a table's totals never take
 * children from another table. The tables are written as departments lay them out.
 */
import { normalize, type Model } from '../src/core';
import { fixtureGrid, NO_REVIEW, tsv } from './helpers';

const HEAD = '项目名称\t总计\t财政拨款\t其他资金\t绩效目标\t绩效指标';
const IND = (n: string) =>
  `1、1-产出指标;11-数量指标;${n}数量;实施周期指标值:≥1项;年度指标值:≥1项。2、2-效益指标;22-社会效益;${n}效益;实施周期指标值:提升;年度指标值:提升。3、3-满意度指标;31-服务对象满意度;满意度;实施周期指标值:≥90%;年度指标值:≥90%。`;
const project = (name: string, total: string) => `${name}\t${total}\t${total}\t\t${name}目标\t${IND(name)}`;
const read = (text: string): Model => normalize(tsv(text), { review: NO_REVIEW });
const errors = (m: Model) => m.flags.filter((f) => f.severity !== 'info');

describe('two departments one under the other', () => {
  const dept = (name: string, a: string, b: string, sum: string) => [
    `${name}项目支出绩效目标表`,
    '单位:万元',
    HEAD,
    `合计\t${sum}\t${sum}\t\t\t`,
    `${name}\t${sum}\t${sum}\t\t\t`,
    project(`${name}项目一`, a),
    project(`${name}项目二`, b),
  ];
  const text = [...dept('甲局', '100.00', '50.00', '150.00'), '', ...dept('乙局', '30.00', '20.00', '50.00')].join('\n');

  test('each is a table of its own: its 合计 checks its own units, and nothing is off', () => {
    const m = read(text);
    expect(errors(m)).toEqual([]);
    expect(m.reading.tables.map((t) => [t.startRow, t.endRow])).toEqual([
      [1, 8],
      [9, 15],
    ]);
    expect(m.rows[4]).toMatchObject({ kind: 'unit', name: '甲局', parentRow: 4 });
    expect(m.rows[12]).toMatchObject({ kind: 'unit', name: '乙局', parentRow: 12 });
    expect(m.rows[13]?.parentRow).toBe(13);
    expect(m.summary).toMatchObject({ units: 2, projects: 4 });
  });

  test('each table has its blocks', () => {
    const m = read(text);
    expect(m.reading.tables[1]?.blocks).toEqual([
      { kind: 'title', startRow: 9, endRow: 10 },
      { kind: 'header', startRow: 11, endRow: 11 },
      { kind: 'body', startRow: 12, endRow: 15 },
    ]);
  });

  test('a wrong figure in the second table is found there, and the first stays clean', () => {
    const m = read(text.replace('乙局项目二\t20.00\t20.00', '乙局项目二\t25.00\t25.00'));
    expect(errors(m).every((f) => f.row >= 9)).toBe(true);
    expect(errors(m).length).toBeGreaterThan(0);
  });
});

describe('notes and signatures under a table', () => {
  const text = [
    '某局项目支出绩效目标表',
    HEAD,
    '合计\t150.00\t150.00\t\t\t',
    project('项目一', '100.00'),
    project('项目二', '50.00'),
    '注:1.本表金额单位为万元;2.绩效指标按项目填列。',
    '填报人:张三\t联系电话:12345678',
    '审核人:李四\t填报日期:2024年1月10日',
    '单位负责人:王五',
  ].join('\n');

  test('are not projects and raise nothing', () => {
    const m = read(text);
    expect(m.summary.projects).toBe(2);
    expect(m.flags).toEqual([]);
    expect(m.rows.slice(5).map((r) => r.kind)).toEqual(['title', 'title', 'title', 'title']);
    expect(m.reading.tables[0]?.blocks.at(-1)).toEqual({ kind: 'note', startRow: 6, endRow: 9 });
  });
});

describe('numbered headings and 小计 lines', () => {
  const text = [
    '某镇项目支出绩效目标表',
    HEAD,
    '一、某镇人民政府',
    project('村级组织运转经费', '100.00'),
    project('道路维护', '50.00'),
    '小计\t150.00\t150.00\t\t\t',
    '二、某镇卫生院',
    project('公共卫生服务', '30.00'),
    project('设备购置', '20.00'),
    '小计\t50.00\t50.00\t\t\t',
    '合计\t200.00\t200.00\t\t\t',
  ].join('\n');

  test('a heading names its unit; the 小计 below its projects is its amounts; 合计 at the bottom is the grand total', () => {
    const m = read(text);
    expect(errors(m)).toEqual([]);
    expect(m.rows[2]).toMatchObject({ kind: 'unit', name: '某镇人民政府', parentRow: 11, amounts: { total: 150, fiscal: 150 } });
    expect(m.rows[2]?.mergedRows).toEqual([6]);
    expect(m.rows[6]).toMatchObject({ kind: 'unit', name: '某镇卫生院', amounts: { total: 50 } });
    expect(m.rows[10]).toMatchObject({ kind: 'grandTotal', name: '合计' });
    expect(m.rows.map((r) => r.parentRow)).toEqual([null, null, 11, 3, 3, 3, 11, 7, 7, 7, null]);
    expect(m.summary).toMatchObject({ units: 2, projects: 4 });
    expect(m.reading.tables[0]?.blocks.map((b) => b.kind)).toEqual([
      'title',
      'header',
      'heading',
      'body',
      'subtotal',
      'heading',
      'body',
      'subtotal',
      'body',
    ]);
  });

  test('a 小计 that does not add up is flagged on the 小计 line, where the figure is', () => {
    const m = read(text.replace('小计\t150.00\t150.00', '小计\t160.00\t150.00'));
    const sub = m.flags.filter((f) => f.code === 'subtotal-mismatch' || f.code === 'row-sum-mismatch');
    expect(sub.length).toBeGreaterThan(0);
    expect(sub.every((f) => f.row === 6)).toBe(true);
    expect(m.rows[2]?.kind).toBe('unit');
  });

  test('小计 lines without headings: each closes the projects above it as a unit', () => {
    const m = read(text.replace('一、某镇人民政府\n', '').replace('二、某镇卫生院\n', ''));
    expect(errors(m)).toEqual([]);
    const units = m.rows.filter((r) => r.kind === 'unit');
    expect(units.map((u) => u.row)).toEqual([5, 8]);
    expect(m.rows[2]?.parentRow).toBe(5);
    expect(m.rows[6]?.parentRow).toBe(8);
  });
});

test('a table pasted twice with its title: the copy has its own header row and blocks', () => {
  const t = ['某局项目支出绩效目标表', HEAD, '合计\t10.00\t10.00\t\t\t', project('项目一', '10.00')].join('\n');
  const m = read(`${t}\n\n${t}`);
  expect(m.reading.tables.map((x) => [x.startRow, x.headerRows, x.repeatOf])).toEqual([
    [1, [2], null],
    [6, [7], 1],
  ]);
  expect(m.reading.tables[1]?.blocks.map((b) => b.kind)).toEqual(['title', 'header', 'body']);
  expect(m.flags.filter((f) => f.code === 'table-repeated').map((f) => f.cell)).toEqual(['A6']);
});

describe('what a review of the segmentation found (each read as before it, or better)', () => {
  test('four stacked copies of a form far down the paste: each read like the first (headers found past row 60)', () => {
    const one = fixtureGrid('tianjin-hebei-court-2023.tsv');
    const four = [...one, ...one, ...one, ...one].map((r) => [...r]);
    const single = normalize(one, { review: NO_REVIEW });
    const m = normalize(four, { review: NO_REVIEW });
    const projects = (x: Model) => x.rows.filter((r) => r.kind === 'project').map((r) => [r.name, r.amounts.total, r.indicators.length]);
    expect(projects(m)).toEqual([...projects(single), ...projects(single), ...projects(single), ...projects(single)]);
    expect(m.flags.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('projects named like a signature word are projects (负责人培训经费, 联系电话费补助, 说明会经费)', () => {
    const m = read(
      [HEAD, project('说明会经费', '10.00'), project('负责人培训经费', '20.00'), project('联系电话费补助', '30.00')].join('\n'),
    );
    expect(m.rows.filter((r) => r.kind === 'project').map((r) => r.name)).toEqual(['说明会经费', '负责人培训经费', '联系电话费补助']);
  });

  test('a unit line and header repeated at a page top continue the table', () => {
    const m = read(
      [
        '2024年部门项目支出绩效目标表',
        '单位:万元',
        HEAD,
        '合计\t150.00\t150.00\t\t\t',
        'A单位\t100.00\t100.00\t\t\t',
        project('项目一', '60.00'),
        project('项目二', '40.00'),
        '第1页',
        '单位:万元',
        HEAD,
        'B单位\t50.00\t50.00\t\t\t',
        project('项目三', '50.00'),
      ].join('\n'),
    );
    expect(m.reading.tables).toHaveLength(1);
    expect(errors(m)).toEqual([]);
    expect(m.summary).toMatchObject({ units: 2, projects: 3 });
  });

  test('a form key that reads like a unit line (实施单位:XX中心) stays in its form', () => {
    const m = read(
      [
        '项目支出绩效目标表',
        '单位:万元',
        '项目名称\t安全隐患维修',
        '主管部门\tXX局',
        '实施单位:XX中心',
        '预算数\t20.00\t其中:财政资金\t20.00',
        '绩效目标\t消除安全隐患。',
        '一级指标\t二级指标\t三级指标\t指标值',
        '产出指标\t数量指标\t维修面积\t≥400平方米',
      ].join('\n'),
    );
    expect(m.rows.filter((r) => r.kind === 'project').map((r) => [r.name, r.amounts.total, r.indicators.length])).toEqual([
      ['安全隐患维修', 20, 1],
    ]);
  });

  test('a numbered title is a title, not a unit; two text lines above a header are no table', () => {
    const m = read(
      [
        '一、甲局项目支出绩效目标表',
        '单位:万元',
        HEAD,
        '合计\t100.00\t100.00\t\t\t',
        project('项目一', '100.00'),
        '二、乙局项目支出绩效目标表',
        '单位:万元',
        HEAD,
        '合计\t50.00\t50.00\t\t\t',
        project('项目三', '50.00'),
      ].join('\n'),
    );
    expect(m.summary).toMatchObject({ units: 0, projects: 2 });
    expect(errors(m)).toEqual([]);
    const n = read(
      ['XX市XX局', '2024年部门预算项目支出绩效表', '单位:万元', HEAD, '合计\t100.00\t100.00\t\t\t', project('项目一', '100.00')].join('\n'),
    );
    expect(n.reading.tables).toHaveLength(1);
    expect(n.summary.projects).toBe(1);
    expect(n.flags.filter((f) => f.code === 'no-header')).toEqual([]);
  });

  test('a flat list whose projects without indicators are not units (no grand total to say so)', () => {
    const bare = (name: string, total: string) => `${name}\t${total}\t${total}\t\t\t`;
    const m = read(
      [
        HEAD,
        bare('设备购置', '10.00'),
        project('培训经费', '20.00'),
        project('宣传经费', '30.00'),
        bare('办公用房维修', '10.00'),
        project('物业管理', '10.00'),
      ].join('\n'),
    );
    expect(m.summary).toMatchObject({ units: 0, projects: 5 });
    expect(errors(m).map((f) => [f.cell, f.code])).toEqual([
      ['F2', 'no-indicators'],
      ['F5', 'no-indicators'],
    ]);
  });
});

test('a later table that states another unit is said at its unit line, never read silently in the first one`s', () => {
  const dept = (name: string, unit: string, total: string) => [
    `${name}项目支出绩效目标表`,
    `单位:${unit}`,
    HEAD,
    `合计\t${total}\t${total}\t\t\t`,
    project(`${name}项目`, total),
  ];
  const m = read([...dept('甲局', '万元', '100.00'), ...dept('乙局', '元', '500000.00')].join('\n'));
  expect(m.amountUnit).toBe('万元');
  const said = m.flags.filter((f) => f.code === 'reading-uncertain');
  expect(said.map((f) => [f.cell, f.severity])).toEqual([['A7', 'warning']]);
  expect(said[0]?.message.zh).toContain('元');
  // Tables in one unit raise nothing of the kind.
  const same = read([...dept('甲局', '万元', '100.00'), ...dept('乙局', '万元', '50.00')].join('\n'));
  expect(same.flags.filter((f) => f.code === 'reading-uncertain')).toEqual([]);
});
