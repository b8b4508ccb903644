/**
 * Forms of any template (issue 22), written as departments lay them out: keys in any column, values
 * glued to their keys or to their units, keys nobody anticipated kept in the reading as `info`, the
 * project's name never a 部门/单位 key's, a funding block whose 小计 lines count once, and an indicator
 * grid read wherever its header stands, even under rows nothing recognised.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTsv } from '../src/cli/read';
import { MappingSchema, normalize, parseMappingText } from '../src/core';
import type { Model } from '../src/core/contract/model';
import { RunCache } from '../src/core/indicators/intern';
import { attachEntityTargets } from '../src/core/layouts/entity-targets';
import { readPaste } from '../src/core/layouts/paste';
import { FIXTURES, NO_REVIEW, tsv } from './helpers';

const projects = (m: Model) => m.rows.filter((r) => r.kind === 'project');
const codes = (m: Model) => m.flags.map((f) => `${f.cell} ${f.code}`);
const fieldsOf = (m: Model) => m.reading.tables.flatMap((t) => t.fields);
const field = (m: Model, text: string) => fieldsOf(m).find((f) => f.text === text);
const quiet = { review: NO_REVIEW };

const GRID = `一级指标\t二级指标\t三级指标\t指标值
  产出指标\t数量指标\t维修面积\t≥400平方米
  效益指标\t社会效益指标\t安全隐患\t消除
  满意度指标\t服务对象满意度指标\t满意度\t≥95%`;

describe('key/value rows: a key and its value anywhere in the row', () => {
  test('keys under a merged label in column A, values in column C (`项目资金 (万元) | 年度资金总额 | 24.998`)', () => {
    const m = normalize(
      tsv(`
  项目名称\t库房消防设备改造
  项目资金 (万元)\t年度资金总额\t24.998
  \t其中:财政拨款\t24.998
  \t其他资金
  年度目标\t完成库房消防设备升级改造。
  ${GRID}`),
      quiet,
    );
    expect(projects(m)).toHaveLength(1);
    expect(projects(m)[0]).toMatchObject({
      row: 1,
      name: '库房消防设备改造',
      amounts: { total: 24.998, fiscal: 24.998, other: null },
      goal: '完成库房消防设备升级改造。',
    });
    expect(projects(m)[0]?.indicators).toHaveLength(3);
    expect(m.flags).toEqual([]);
  });

  test('pairs side by side, keys starting in any column, four pairs on one line', () => {
    const m = normalize(
      tsv(`
  \t\t项目名称\t乡村道路养护\t项目负责人\t张三
  \t\t项目总投资\t20万元\t中央补助安排\t0\t省级财政安排\t0\t其他资金\t20万元
  \t\t${GRID.replace(/\n {2}/g, '\n  \t\t')}`),
      quiet,
    );
    expect(projects(m)[0]).toMatchObject({ name: '乡村道路养护', amounts: { total: 20, fiscal: 0, other: 20 } });
    expect(m.amountUnit).toBe('万元');
    expect(m.flags).toEqual([]);
  });

  test('values glued to their keys and to their units', () => {
    const m = normalize(
      tsv(`
  项目名称:社区服务中心运行
  年度资金总额:16万元
  其中 :上级资金16万元
  ${GRID}`),
      quiet,
    );
    expect(projects(m)[0]).toMatchObject({ name: '社区服务中心运行', amounts: { total: 16, fiscal: 16 } });
    expect(m.flags).toEqual([]);
  });

  test('keys outside the vocabulary are kept in the reading as info, never dropped and never flagged', () => {
    const m = normalize(
      tsv(`
  项目名称\t博物馆免费开放
  项目开始日期\t2023-01-01\t项目完成H期\t2023-12-31
  资金性质\t一般公共预算\t受益对象\t市民游客
  预算数\t20
  ${GRID}`),
      quiet,
    );
    expect(field(m, '项目完成H期')).toMatchObject({ role: 'info', confidence: 'high', row: 2, col: 2 });
    expect(field(m, '受益对象')).toMatchObject({ role: 'info', row: 3, col: 2 });
    // A word the vocabulary knows is a value where a text key has nothing else: 一般公共预算 is no amount.
    expect(field(m, '一般公共预算')).toBeUndefined();
    expect(projects(m)[0]).toMatchObject({ amounts: { total: 20, fiscal: null } });
    expect(m.flags).toEqual([]);
    expect(m.reading.mapping.keys).toMatchObject({ 项目完成H期: 'info', 受益对象: 'info' });
  });

  test('money under a key nobody anticipated: its role by its words, said to be uncertain', () => {
    const m = normalize(
      tsv(`
  项目名称\t河道保洁
  资金安排情况\t合计资金\t30万元
  \t市本级补助\t20万元
  \t群众筹集款项\t10万元
  ${GRID}`),
      quiet,
    );
    expect(projects(m)[0]?.amounts).toMatchObject({ total: 30, fiscal: 20, other: 10 });
    expect(field(m, '市本级补助')).toMatchObject({ role: 'fiscal', confidence: 'low' });
    expect(field(m, '群众筹集款项')).toMatchObject({ role: 'other', confidence: 'low' });
    expect(field(m, '资金安排情况')).toMatchObject({ role: 'info', confidence: 'high' });
    expect(codes(m)).toEqual(['B2 reading-uncertain', 'B3 reading-uncertain', 'B4 reading-uncertain']);
  });
});

describe('the project`s name', () => {
  test('部门名称 / 单位名称 are never the name where a project key names one, before or after it', () => {
    for (const keys of [
      ['项目名称\t档案库房改造', '部门名称\t市档案馆', '单位名称\t市档案馆'],
      ['部门名称\t市档案馆', '单位名称\t市档案馆', '项目名称\t档案库房改造'],
    ]) {
      const m = normalize(tsv([...keys, '预算数\t10', GRID].join('\n')), quiet);
      expect(projects(m).map((p) => [p.name, p.amounts.total, p.indicators.length])).toEqual([['档案库房改造', 10, 3]]);
      expect(field(m, '部门名称')?.role).toBe('info');
      expect(m.flags).toEqual([]);
    }
  });

  test('二级项目名称 over 一级项目名称 (the programme), on one row or two, OCR marks in the key', () => {
    for (const rows of [
      ['一*级项目名称\t文化事业发展专项资金\t二级项目名称\t免费开放补助'],
      ['一级项目名称\t文化事业发展专项资金', '二级项目名称\t免费开放补助'],
    ]) {
      const m = normalize(tsv([...rows, '项目总投资\t20万元', GRID].join('\n')), quiet);
      expect(projects(m).map((p) => p.name)).toEqual(['免费开放补助']);
      expect(m.flags).toEqual([]);
    }
  });

  test('a name key with one character misread (`项日名称`) still names the project, uncertain', () => {
    const m = normalize(tsv(['项日名称\t河道保洁', '预算数\t10', GRID].join('\n')), quiet);
    expect(projects(m).map((p) => p.name)).toEqual(['河道保洁']);
    expect(codes(m)).toEqual(['A1 reading-uncertain']);
  });

  test('no key names the project: the first key/value row`s value, said to be uncertain at its key', () => {
    const m = normalize(
      tsv(`
  绩效目标申报表
  事项\t老旧小区改造
  预算数\t50
  年度目标\t完成3个小区改造。
  ${GRID}`),
      quiet,
    );
    expect(projects(m).map((p) => [p.row, p.name, p.amounts.total, p.indicators.length])).toEqual([[2, '老旧小区改造', 50, 3]]);
    expect(field(m, '事项')).toMatchObject({ role: 'name', confidence: 'low' });
    expect(codes(m)).toEqual(['A2 reading-uncertain']);
  });

  test('stacked forms: each name key of a project starts the next form; a 部门名称 between them does not', () => {
    const m = normalize(
      tsv(`
  项目名称\t道路改造
  项目金额\t854万
  部门名称\t交通局
  项目名称\t桥梁维修
  项目金额\t120万`),
      quiet,
    );
    expect(projects(m).map((p) => [p.name, p.amounts.total])).toEqual([
      ['道路改造', 854],
      ['桥梁维修', 120],
    ]);
  });
});

describe('the funding block', () => {
  test('小计 lines and their sub-lines count once; a caption where the total`s number should be', () => {
    const m = normalize(
      tsv(`
  项目名称\t麻风病防治
  项目资金(万元)\t年度资金总额\t金额(万元)
  \t(一)财政拨款小计\t4.00
  \t1、一般公共预算\t3.00
  \t2、政府性基金\t1.00
  \t(二)自有资金小计\t
  \t1、事业收入\t0.50
  \t2、经营性收入\t0.50
  \t(三)其他收入\t0.00
  ${GRID}`),
      quiet,
    );
    expect(projects(m)[0]?.amounts).toMatchObject({ total: 5, fiscal: 4, other: 1 });
    expect(codes(m)).toEqual(['C2 missing-amount']);
  });

  test('the current year`s amounts beside the whole period`s: 当年资金总额 / 当年财政拨款 are the amounts', () => {
    const m = normalize(
      tsv(`
  项目名称\t教育系统基础设施建设
  项目资金\t资金总额\t30000万元\t当年资金总额:\t10000万元
  \t其中:财政拨款\t30000万元\t其中:当年财政拨款\t10000万元
  \t其他资金\t \t当年其他资金\t 
  ${GRID}`),
      quiet,
    );
    expect(projects(m)[0]?.amounts).toMatchObject({ total: 10000, fiscal: 10000, other: null });
    expect(m.flags).toEqual([]);
  });

  test('two keys of one role add up (中央补助 + 省级财政); the whole appropriation over its levels', () => {
    const split = normalize(tsv(['项目名称\t甲', '项目总投资\t90\t中央补助安排\t50\t省级财政安排\t40', GRID].join('\n')), quiet);
    expect(projects(split)[0]?.amounts).toMatchObject({ total: 90, fiscal: 90 });
    const whole = normalize(tsv(['项目名称\t乙', '预算数\t90\t财政拨款\t90\t其中:中央补助\t50\t省级财政\t40', GRID].join('\n')), quiet);
    expect(projects(whole)[0]?.amounts).toMatchObject({ total: 90, fiscal: 90 });
  });
});

describe('an indicator grid is read wherever its header is', () => {
  test('under rows nothing recognised: the grid is read, the name said to be uncertain', () => {
    const m = normalize(
      tsv(`
  XX县2024年度项目绩效表
  名目\t村道硬化
  经办\t交通运输局
  ${GRID}`),
      quiet,
    );
    expect(m.layout).toBe('form');
    expect(projects(m).map((p) => [p.name, p.indicators.length])).toEqual([['村道硬化', 3]]);
    expect(codes(m)).toContain('A2 reading-uncertain');
  });

  test('with nothing at all above it: the indicators are read, never "nothing recognised"', () => {
    const m = normalize(tsv(GRID), quiet);
    expect(m.summary.indicators).toBe(3);
    expect(projects(m)).toHaveLength(1);
    expect(codes(m)).toContain('A2 no-name');
  });

  test('a second header row naming the target columns under 指标值 completes the grid`s header', () => {
    const m = normalize(
      tsv(`
  项目名称\t主体班
  项目金额\t164万元\t其中:当年市级财政资金\t164万元
  绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t
  \t\t\t\t2021年实际实现值\t预期2022年实现值
  \t产出指标\t数量指标\t培训人次\t\t280人次
  财政资金管理科室(盖章) 年 月 日\t\t\t财政绩效管理科室(盖章) 年 月 日`),
      quiet,
    );
    const [p] = projects(m);
    expect(p?.indicators.map((i) => [i.name, i.annual?.raw])).toEqual([['培训人次', '280人次']]);
    expect(m.reading.unreadRows).toEqual([]);
    expect(m.rows[5]?.kind).toBe('title');
  });
});

describe('the 嘉峪关 form (OCR text, keys nobody anticipated)', () => {
  const grid = parseTsv(readFileSync(join(FIXTURES, 'real', 'jiayuguan-museum-2023-ocr-form', 'input.tsv'), 'utf8'));
  const name = '博物馆纪念馆市级免费开放补助资金';

  test('its first 16 rows, then with the grid`s header added, then whole: one project, never 15 and never none', () => {
    for (const n of [16, 17, grid.length]) {
      const m = normalize(grid.slice(0, n), quiet);
      expect([n, m.layout, projects(m).map((p) => [p.row, p.name, p.amounts])]).toEqual([
        n,
        'form',
        [[3, name, { total: 20, fiscal: 0, specialAccount: null, other: 20 }]],
      ]);
    }
  });

  test('with its name keys damaged beyond recognition, the key rows still make it a form, its name said to be uncertain', () => {
    const damaged = grid.map((row, r) => (r === 2 ? ['一*级项日名祢', row[1] ?? '', '二级项□名祢', row[3] ?? ''] : row));
    for (const n of [16, 17, damaged.length]) {
      const m = normalize(damaged.slice(0, n), quiet);
      expect([n, m.layout, projects(m).map((p) => [p.row, p.name])]).toEqual([n, 'form', [[3, name]]]);
      expect(codes(m)).toContain('C3 reading-uncertain');
    }
  });

  test('its reading given back as the user`s mapping (as the pane re-applies a correction) reads the same', () => {
    const m = normalize(grid, quiet);
    const again = normalize(grid, { ...quiet, mapping: MappingSchema.parse(m.reading.mapping) });
    expect(again.rows).toEqual(m.rows);
  });

  test('its name and amount keys mapped by the user: the same project, its amounts and all its indicators', () => {
    const mapping = MappingSchema.parse(
      parseMappingText('key:二级项目名称=name,key:项目总投资=total,key:中央补助安排=fiscal,key:省级财政安排=fiscal,key:其他资金=other'),
    );
    const m = normalize(grid, { ...quiet, mapping });
    expect(projects(m).map((p) => [p.name, p.amounts, p.indicators.length])).toEqual([
      [name, { total: 20, fiscal: 0, specialAccount: null, other: 20 }, 10],
    ]);
  });
});

describe('one target column per entity (village, school)', () => {
  const list = `2022年水利专项资金安排表
  单位:万元
  序号\t乡镇名称\t项目名称\t金额
  1\t西坪镇\t尧山村排洪工程\t20
  2\t桃舟乡\t吾培村水圳修复\t15
  合计\t\t\t35
  2022年水利专项资金绩效目标表`;
  const form = `项目名称\t水利专项资金\t\t主管部门(单位)名称\t水利局
  资金情况(万元)\t资金总额\t35\t其中:财政拨款\t35
  绩效指标\t一级指标\t二级指标\t三级指标\t西坪镇尧山村\t桃舟乡吾培村
  \t产出指标\t数量指标\t建设工程(个)\t1\t2
  \t\t质量指标\t验收合格率\t100%\t95%`;

  test('alone, the form says its per-entity targets were not read', () => {
    const m = normalize(tsv(form), quiet);
    expect(m.flags.filter((f) => f.code === 'reading-uncertain').map((f) => f.cell)).toEqual(['E3']);
    expect(projects(m)[0]?.indicators.map((i) => [i.name, i.annual])).toEqual([
      ['建设工程(个)', null],
      ['验收合格率', null],
    ]);
  });

  test('after the list of their projects: each project takes its own column`s targets, the fund form is not a project', () => {
    const cells = tsv(`${list}\n  ${form}`);
    const cache = new RunCache();
    const parts = readPaste(cells, 'auto', { cache });
    attachEntityTargets(cells, parts, cache);
    const rows = parts.flatMap((p) => p.read.rows.slice(p.start, p.end));
    const byRow = (r: number) => rows[r - 1];
    expect(byRow(4)?.indicators?.map((i) => [i.name, i.annual?.raw])).toEqual([
      ['建设工程(个)', '1'],
      ['验收合格率', '100%'],
    ]);
    expect(byRow(5)?.indicators?.map((i) => i.annual?.raw)).toEqual(['2', '95%']);
    expect(rows.filter((w) => w?.kind === 'project').map((w) => w?.name)).toEqual(['尧山村排洪工程', '吾培村水圳修复']);
    expect(parts[0]?.layout).toBe('grid');
    expect(parts.flatMap((p) => p.read.findings).filter((f) => f.code === 'reading-uncertain')).toEqual([]);
  });

  test('columns that match no project one to one are left alone, and said', () => {
    const cells = tsv(`${list}\n  ${form.replace('桃舟乡吾培村', '某某乡某村')}`);
    const cache = new RunCache();
    const parts = readPaste(cells, 'auto', { cache });
    attachEntityTargets(cells, parts, cache);
    expect(parts.flatMap((p) => p.read.findings).filter((f) => f.code === 'reading-uncertain')).toHaveLength(1);
  });
});
