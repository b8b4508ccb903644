/**
 * What the task pane shows, as plain data (src/taskpane/view.ts), under Node with no DOM: the answer it leads
 * with, the counts, the problems grouped by what to do at their sheet addresses, the tables of a paste of
 * several, each project's review findings, how the table was read, the static labels, in both languages; the
 * Office theme's colours; and the one message of a failure (src/ui/user-message.ts) the pane and the
 * ribbon both show. The browser test checks that the pane draws this.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLAG_CODES, normalize, REVIEW_RULES, type Flag, type Model } from '../src/core';
import { UserError } from '../src/excel/selection';
import {
  answerOf,
  clearedStatus,
  contrast,
  correctionOf,
  importProgressView,
  importView,
  MAX_LISTED,
  PALETTES,
  paneLabels,
  paneView,
  problemGroupOf,
  progressView,
  reviewFinding,
  themeView,
  type PaneResult,
} from '../src/taskpane/view';
import { invalidOptionMessage, noticeText, userMessage } from '../src/ui/user-message';
import { PdfReadError } from '../src/pdf-worker/client';
import { FIXTURE_SLIPS, fixtureGrid, withCells } from './helpers';

const AUTO = { layout: 'auto' } as const;
const clean = normalize(fixtureGrid());
const slipped = normalize(withCells(fixtureGrid(), [...FIXTURE_SLIPS['unit-slip'].edits, ...FIXTURE_SLIPS['double-count'].edits]));
/** The table where it was pasted: at A1, or at B3 (0-based row 2, column 1). */
const atA1 = (model: Model, more: Partial<PaneResult> = {}): PaneResult => ({ model, origin: { row: 0, col: 0 }, notices: [], ...more });
const atB3 = (model: Model): PaneResult => ({ model, origin: { row: 2, col: 1 }, notices: [] });
const addresses = (items: ReadonlyArray<{ address: string }>) => items.map((i) => i.address);

describe('counts and the layout line', () => {
  test('the counts are the model`s summary, labelled in each language; errors and warnings coloured only when there are some', () => {
    const zh = paneView(atA1(clean), 'zh', AUTO);
    expect(zh.counts.map((c) => [c.label, c.value, c.severity])).toEqual([
      ['行', clean.summary.rows, null],
      ['单位', clean.summary.units, null],
      ['项目', clean.summary.projects, null],
      ['指标', clean.summary.indicators, null],
      ['错误', clean.summary.errors, null],
      ['警告', clean.summary.warnings, 'warning'],
    ]);
    expect(zh.counts.map((c) => c.text)).toEqual(['33', '2', '25', '85', '0', '20']);
    const en = paneView(atA1(slipped), 'en', AUTO);
    expect(en.counts.map((c) => c.label)).toEqual(['Rows', 'Units', 'Projects', 'Indicators', 'Errors', 'Warnings']);
    expect(en.counts[4]).toMatchObject({ value: slipped.summary.errors, severity: 'error' });
    expect(slipped.summary.errors).toBeGreaterThan(0);
  });

  test('"detected" when the pane chose the layout, "layout" when the user did; indicators outside the taxonomy are said', () => {
    expect(paneView(atA1(clean), 'zh', AUTO).layoutLine).toBe('识别为: 项目列表(指标在同一单元格)');
    expect(paneView(atA1(clean), 'en', { layout: 'packed' }).layoutLine).toBe('Layout: Packed list (indicators in one cell)');
    const odd = { ...clean, summary: { ...clean.summary, unknownLevels: 3 } };
    expect(paneView(atA1(odd), 'en', AUTO).layoutLine).toBe(
      'Detected: Packed list (indicators in one cell). 3 indicators with a 一级 or 二级 name outside the standard taxonomy, kept as written.',
    );
    // A Chinese line ends its phrase with a Chinese full stop, never ". " before the next sentence.
    const zh = paneView(atA1(odd), 'zh', { layout: 'packed' }).layoutLine;
    expect(zh).toBe('版式: 项目列表(指标在同一单元格)。3 个指标的一级或二级名称不在标准分类中,已按原样保留。');
    expect(zh).not.toMatch(/\.\s*[\u4e00-\u9fff\d]/);
  });

  test('the taxonomy sentence only where 一级/二级 are written and not known: never for indicators with no levels', () => {
    const header = ['项目名称', '预算数', '一级指标', '二级指标', '三级指标', '指标值'];
    const table = (level1: string, level2: string) =>
      normalize([header, ['项目一', 100, level1, level2, '验收合格率', '100%'], [null, null, level1, level2, '采购台数', '20台']]);
    const none = table('', '');
    expect(none.rows.flatMap((r) => r.indicators).map((i) => [i.name, i.level1, i.level2])).toEqual([
      ['验收合格率', null, null],
      ['采购台数', null, null],
    ]);
    expect(none.summary.unknownLevels).toBe(0);
    for (const lang of ['zh', 'en'] as const) {
      expect(paneView(atA1(none), lang, AUTO).layoutLine).not.toMatch(/一级|taxonomy|标准分类/);
    }
    const known = table('产出指标', '质量指标');
    expect(known.summary.unknownLevels).toBe(0);
    expect(paneView(atA1(known), 'zh', AUTO).layoutLine).not.toMatch(/标准分类/);
    const odd = table('自定义一级', '自定义二级');
    expect(odd.summary.unknownLevels).toBe(2);
    expect(paneView(atA1(odd), 'zh', AUTO).layoutLine).toMatch(/。2 个指标的一级或二级名称不在标准分类中,已按原样保留。$/);
  });

  test('the status is "done" followed by each notice', () => {
    const res = atA1(clean, {
      notices: [
        { key: 'mergedCells', count: 2 },
        { key: 'unreadRows', count: 1 },
      ],
    });
    expect(paneView(res, 'zh', AUTO).status).toBe(
      '完成。所选区域含有合并单元格,已按左上角单元格的值读取。1 行未能识别,其内容未计入结果(见问题列表)。',
    );
    expect(paneView(atA1(clean, { notices: [{ key: 'protectedSheet' }] }), 'en', AUTO).status).toBe(
      'Done. The sheet is protected, so flags cannot be written. Unprotect it, or turn off "Flag issues in the table".',
    );
    expect(paneView(atA1(clean), 'en', AUTO).status).toBe('Done');
  });
});

describe('the range read and what may lie beyond it', () => {
  test('the range read is always said; a table that may go on below or beside it is warned about, in both languages', () => {
    expect(paneView(atA1(clean, { range: 'A1:G33' }), 'zh', AUTO).rangeLine).toBe('已读取 A1:G33');
    expect(paneView(atA1(clean, { range: 'A1:G33' }), 'en', AUTO).rangeLine).toBe('Read A1:G33');
    // Without the range (an older result): the table's first cell.
    expect(paneView(atB3(clean), 'en', AUTO).rangeLine).toBe('Read B3');
    const cut = atA1(clean, {
      range: 'A1:G10',
      notices: [
        { key: 'moreBelow', row: 10 },
        { key: 'moreRight', column: 'G' },
      ],
    });
    const zh = paneView(cut, 'zh', AUTO);
    expect(zh.status).toBe(
      '完成。表格在第 11 行以下似乎还有内容。如属同一表格,请选中整张表格后再规范化。表格在 G 列右侧似乎还有内容。如属同一表格,请选中整张表格后再规范化。',
    );
    // Not "the whole table" when it may go on.
    expect(zh.reading.sentence).toBe('A1:G10 的每一行都已读取。如有读错,可在下面修改后重新规范化。');
    expect(paneView(atA1(clean, { range: 'A1:G33' }), 'zh', AUTO).reading.sentence).toBe(
      '整张表都已读取。如有读错,可在下面修改后重新规范化。',
    );
    const en = paneView(cut, 'en', AUTO);
    expect(en.notices[0]).toBe(
      'There seems to be more below row 10. If it belongs to the table, select the whole table and normalize again.',
    );
    expect(en.reading.sentence).toMatch(/^Every row of A1:G10 was read\./);
    expect(noticeText({ key: 'moreLeft', column: 'B' }, 'en')).toMatch(/^There seems to be more left of column B\./);
  });

  test('hidden rows and columns: said as not counted, or counted as the options ask', () => {
    const notices = [
      { key: 'hiddenRows', count: 2, counted: false },
      { key: 'hiddenCols', count: 1, counted: false },
    ] as const;
    expect(paneView(atA1(clean, { notices }), 'zh', AUTO).notices).toEqual(['2 行隐藏行未计入。', '1 列隐藏列未计入。']);
    expect(paneView(atA1(clean, { notices }), 'en', AUTO).notices).toEqual([
      '2 hidden rows were not counted.',
      '1 hidden column was not counted.',
    ]);
    expect(noticeText({ key: 'hiddenRows', count: 1, counted: true }, 'en')).toBe('1 hidden row was counted, as the options ask.');
    expect(noticeText({ key: 'hiddenRows', count: 3, counted: true }, 'zh')).toBe('3 行隐藏行已按选项计入。');
  });

  test('the option to count them is a checkbox of the pane, labelled in each language', () => {
    expect(paneLabels('zh').texts['count-hidden-label']).toBe('计入隐藏行列');
    expect(paneLabels('en').texts['count-hidden-label']).toBe('Count hidden rows and columns');
  });
});

describe('the tables of a paste', () => {
  // Two departments' tables one under the other, as they publish them: a title, the unit, the header, 合计, the
  // department's row, its projects; a blank row between. 甲局's table is rows 1–8, 乙局's rows 10–16.
  const HEAD = ['项目名称', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标'];
  const ind = (n: string) =>
    `1、1-产出指标;11-数量指标;${n}数量;实施周期指标值:≥1项;年度指标值:≥1项。2、2-效益指标;22-社会效益;${n}效益;实施周期指标值:提升;年度指标值:提升。3、3-满意度指标;31-服务对象满意度;满意度;实施周期指标值:≥90%;年度指标值:≥90%。`;
  const dept = (name: string, amounts: string[]): string[][] => {
    const sum = amounts.reduce((a, b) => a + Number(b), 0).toFixed(2);
    return [
      [`${name}项目支出绩效目标表`],
      ['单位:万元'],
      HEAD,
      ['合计', sum, sum, '', '', '', ''],
      [name, sum, sum, '', '', '', ''],
      ...amounts.map((a, i) => [`${name}项目${i + 1}`, a, a, '', '', `${name}项目${i + 1}目标`, ind(`${name}项目${i + 1}`)]),
    ];
  };
  const jia = dept('甲局', ['100.00', '30.00', '20.00']);
  const two = normalize([...jia, [], ...dept('乙局', ['30.00', '20.00'])]);

  test('two departments: how many tables and the range each covers, in the sheet`s addresses, in both languages', () => {
    expect(two.reading.tables).toHaveLength(2);
    const zh = paneView(atA1(two, { range: 'A1:G16' }), 'zh', AUTO);
    expect(zh.rangeLine).toBe('已读取 A1:G16');
    expect(zh.tables?.text).toBe('2 张表: A1:G8, A10:G16');
    expect(zh.tables?.label).toBe('2 张表:');
    expect(zh.tables?.items).toEqual([
      { address: 'A1:G8', text: 'A1:G8', repeat: false, ariaLabel: '选中区域 A1:G8' },
      { address: 'A10:G16', text: 'A10:G16', repeat: false, ariaLabel: '选中区域 A10:G16' },
    ]);
    expect(paneView(atA1(two, { range: 'A1:G16' }), 'en', AUTO).tables).toMatchObject({
      text: '2 tables: A1:G8, A10:G16',
      items: [{ ariaLabel: 'Select range A1:G8' }, { ariaLabel: 'Select range A10:G16' }],
    });
  });

  test('pasted at B3: every range shifts one column right and two rows down', () => {
    const b3 = { ...atB3(two), range: 'B3:H18' };
    expect(paneView(b3, 'zh', AUTO).tables?.text).toBe('2 张表: B3:H10, B12:H18');
    expect(addresses(paneView(b3, 'en', AUTO).tables?.items ?? [])).toEqual(['B3:H10', 'B12:H18']);
    // The range read only gives the columns of a table without fields; an older result without it is the same.
    expect(paneView(atB3(two), 'en', AUTO).tables?.text).toBe('2 tables: B3:H10, B12:H18');
  });

  test('a table that repeats an earlier one says so', () => {
    const again = normalize([...jia, [], ...jia]);
    expect(again.reading.tables.map((t) => t.repeatOf)).toEqual([null, 1]);
    const zh = paneView(atA1(again, { range: 'A1:G17' }), 'zh', AUTO).tables;
    expect(zh?.text).toBe('2 张表: A1:G8, A10:G17 (重复)');
    expect(zh?.items[1]).toEqual({
      address: 'A10:G17',
      text: 'A10:G17 (重复)',
      repeat: true,
      ariaLabel: '选中区域 A10:G17: 重复 A1:G8 的表',
    });
    const en = paneView(atA1(again, { range: 'A1:G17' }), 'en', AUTO).tables;
    expect(en?.text).toBe('2 tables: A1:G8, A10:G17 (repeat)');
    expect(en?.items[1]?.ariaLabel).toBe('Select range A10:G17: repeats the table at A1:G8');
  });

  test('a table without fields spans the columns of the range read', () => {
    const tables = two.reading.tables.map((t, i) => (i === 1 ? { ...t, fields: [] } : t));
    const bare = { ...two, reading: { ...two.reading, tables } };
    expect(paneView({ ...atB3(bare), range: 'B3:J18' }, 'zh', AUTO).tables?.text).toBe('2 张表: B3:H10, B12:J18');
  });

  test('one table: nothing beyond the range read, in both languages', () => {
    expect(clean.reading.tables).toHaveLength(1);
    for (const lang of ['zh', 'en'] as const) {
      const v = paneView(atA1(clean, { range: 'A1:G33' }), lang, AUTO);
      expect(v.tables).toBeNull();
      expect(v.rangeLine).toBe(lang === 'zh' ? '已读取 A1:G33' : 'Read A1:G33');
    }
    expect(paneView(atA1(normalize(jia), { range: 'A1:G8' }), 'zh', AUTO).tables).toBeNull();
  });
});

/** A department's table as published: title, unit, header, 合计, the department, its projects (each with 产出, 效益, 满意度). */
const HEAD = ['项目名称', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标'];
const IND = (n: string, target = '≥1项') =>
  `1、1-产出指标;11-数量指标;${n}数量;实施周期指标值:${target};年度指标值:${target}。2、2-效益指标;22-社会效益;${n}效益;实施周期指标值:提升;年度指标值:提升。3、3-满意度指标;31-服务对象满意度;满意度;实施周期指标值:≥90%;年度指标值:≥90%。`;
const DEPT: string[][] = [
  ['甲局项目支出绩效目标表'],
  ['单位:万元'],
  HEAD,
  ['合计', '150.00', '150.00', '', '', '', ''],
  ['甲局', '150.00', '150.00', '', '', '', ''],
  ['项目1', '100.00', '100.00', '', '', '目标1', IND('项目1')],
  ['项目2', '30.00', '30.00', '', '', '目标2', IND('项目2')],
  ['项目3', '20.00', '20.00', '', '', '目标3', IND('项目3')],
];

describe('the answer: one sentence first, true in each case', () => {
  test('clean: every row read, every total adds up, nothing flagged — "没有问题", in both languages', () => {
    const m = normalize(DEPT);
    expect(m.flags).toEqual([]);
    expect(paneView(atA1(m), 'zh', AUTO).answer).toEqual({ text: '没有问题:每一行都已读取,所有合计均相符。', state: 'clean', tone: 'ok' });
    expect(answerOf(m, 'en')).toEqual({ text: 'No issues: every row was read and every total adds up.', state: 'clean', tone: 'ok' });
  });

  test('errors and warnings: how many, how many of them review findings, the notes; "adds up" only when no sum finding', () => {
    expect(paneView(atA1(slipped), 'zh', AUTO).answer).toEqual({
      text: '6 个错误、20 个警告(其中 14 个是审核提示)、1 条提示。每一行都已读取。',
      state: 'problems',
      tone: 'error',
    });
    expect(answerOf(slipped, 'en').text).toBe('6 errors, 20 warnings (14 of them review findings), 1 note. Every row was read.');
    // The sample as published: no error; B27's total is empty (a sum finding), so no "adds up".
    expect(answerOf(clean, 'zh')).toEqual({
      text: '0 个错误、20 个警告(其中 14 个是审核提示)、1 条提示。每一行都已读取。',
      state: 'problems',
      tone: 'warning',
    });
    // Only a review finding: every total adds up, and the sentence says so, never "没有问题".
    const unfilled = normalize(DEPT.map((r, i) => (i === 6 ? [...r.slice(0, 6), IND('项目2', '≥项')] : r)));
    expect(unfilled.flags.map((f) => f.code)).toEqual(['review-no-target']);
    expect(answerOf(unfilled, 'zh').text).toBe('0 个错误、1 个警告(均为审核提示)。每一行都已读取,所有合计均相符。');
    expect(answerOf(unfilled, 'en').text).toBe('0 errors, 1 warning (all review findings). Every row was read and every total adds up.');
  });

  test('not everything read: said first, with the rows not recognised and the hidden rows and columns left out', () => {
    const unread = normalize([...DEPT, ['', '', '', '', '', '', '', '备注:数据来源于部门申报']]);
    expect(unread.reading.unreadRows).toEqual([9]);
    expect(answerOf(unread, 'zh')).toEqual({ text: '未能全部读取:1 行未能识别。0 个错误、1 个警告。', state: 'unread', tone: 'error' });
    expect(answerOf(unread, 'en').text).toBe('Not everything was read: 1 row could not be read. 0 errors, 1 warning.');
    const hidden = (counted: boolean): Model => ({
      ...clean,
      reading: { ...clean.reading, hidden: { rows: [5, 6], columns: [3], counted } },
    });
    expect(answerOf(hidden(false), 'zh').text).toBe(
      '未能全部读取:2 行隐藏行未计入、1 列隐藏列未计入。0 个错误、20 个警告(其中 14 个是审核提示)、1 条提示。',
    );
    expect(answerOf(hidden(false), 'en').text).toMatch(
      /^Not everything was read: 2 hidden rows left out, 1 hidden column left out\. 0 errors,/,
    );
    // Counted, as the options ask: they were read.
    expect(answerOf(hidden(true), 'zh').state).toBe('problems');
  });
});

describe('counts', () => {
  test('errors are coloured only when there are some; every count is one number of one size (the view gives no size)', () => {
    expect(paneView(atA1(normalize(DEPT)), 'en', AUTO).counts.map((c) => c.severity)).toEqual([null, null, null, null, null, null]);
    expect(paneView(atA1(slipped), 'en', AUTO).counts.find((c) => c.label === 'Errors')).toMatchObject({ text: '6', severity: 'error' });
  });

  test('the pane`s CSS: the counts have one font size; the option`s error message has its own class, not the counts` one', () => {
    const css = readFileSync(join(__dirname, '..', 'src', 'taskpane', 'taskpane.css'), 'utf8');
    expect(css).not.toMatch(/(^|\n)\.error\s*\{/);
    expect(css).toMatch(/dl dd \{[^}]*font-size: 18px/);
    expect(css.match(/dd\.error \{[^}]*\}/)?.[0]).not.toMatch(/font-size/);
  });
});

describe('problems, grouped by what to do', () => {
  test('each flag code goes to one group: mismatches and slips → fix a figure; empty cells → fill a blank; the reading → check', () => {
    const groups = Object.fromEntries(FLAG_CODES.map((c) => [c, problemGroupOf(c)]));
    expect(groups).toEqual({
      'row-sum-mismatch': 'fix',
      'subtotal-mismatch': 'fix',
      'grand-total-mismatch': 'fix',
      'unparsable-amount': 'fix',
      'missing-amount': 'fill',
      'no-amount': 'fill',
      'no-name': 'fill',
      'no-indicators': 'fill',
      'unread-row': 'check',
      'reading-uncertain': 'check',
      'no-header': 'check',
      'table-repeated': 'check',
      'hidden-cells': 'check',
      'indicator-garbled': 'check',
      'amount-recovered': 'check',
      'amount-shown': 'check',
      'name-joined': 'check',
      'encoding-repaired': 'check',
      'amount-rounded': 'check',
      'columns-cut': 'check',
      'cell-cut': 'check',
    });
    // A target left unfilled is a blank to fill; every other review finding is its project's review card.
    expect(REVIEW_RULES.map((r) => [r.code, problemGroupOf(r.code)])).toEqual(
      REVIEW_RULES.map((r) => [r.code, r.code === 'review-no-target' ? 'fill' : null]),
    );
  });

  test('the sample: blanks to fill and readings to check, in the order of the sheet, at their addresses, in both languages', () => {
    const zh = paneView(atA1(clean), 'zh', AUTO).problems;
    expect(zh.map((g) => [g.key, g.title, addresses(g.items)])).toEqual([
      ['fill', '补填空白 (2)', ['D12', 'B27']],
      ['check', '核对读取 (5)', ['D13', 'D14', 'D15', 'D16', 'D29']],
    ]);
    expect(zh[0]?.help).toBe('这些内容缺失或只填了一半:补填所指的单元格。');
    expect(zh[0]?.items[1]).toMatchObject({ head: 'B27 · 警告', severity: 'warning', code: 'missing-amount', clears: [] });
    expect(zh[0]?.items[1]?.texts).toEqual([expect.stringContaining('总计为空')]);
    expect(zh[1]?.items[4]).toMatchObject({ head: 'D29 · 提示', severity: 'info' });
    // Pasted at B3: every address shifts one column right and two rows down.
    const en = paneView(atB3(clean), 'en', AUTO).problems;
    expect(en.map((g) => [g.title, addresses(g.items)])).toEqual([
      ['Fill in a blank (2)', ['E14', 'C29']],
      ['Check the reading (5)', ['E15', 'E16', 'E17', 'E18', 'E31']],
    ]);
    expect(en[0]?.items[1]?.ariaLabel).toMatch(/^Go to cell C29: Warning, Total is empty/);
  });

  test('slips: the cell to fix, with its likely cause and the cells fixing it clears; those cells are not listed again', () => {
    const zh = paneView(atA1(slipped), 'zh', AUTO).problems;
    expect(zh.map((g) => [g.key, addresses(g.items)])).toEqual([
      ['fix', ['B5', 'B30', 'C30']],
      ['fill', ['D12', 'B27']],
      ['check', ['D13', 'D14', 'D15', 'D16', 'D29']],
    ]);
    const fix = zh[0];
    expect(fix?.title).toBe('改正数字 (3)');
    expect(fix?.items.map((i) => [i.head, i.hint, i.clears])).toEqual([
      ['B5 · 错误 · 万元/元错位', 'unit-slip', ['B4']],
      ['B30 · 错误 · 重复计入', 'double-count', ['B3']],
      ['C30 · 错误 · 重复计入', 'double-count', ['C3']],
    ]);
    expect(fix?.items[0]?.texts).toEqual([expect.stringContaining('请改为 119.00'), '改正后同时消除:B4']);
    // Every error of the model is either listed or named as cleared by a listed one.
    const named = fix?.items.flatMap((i) => [i.address, ...i.clears]).sort();
    expect(named).toEqual(
      slipped.flags
        .filter((f) => f.severity === 'error')
        .map((f) => f.cell)
        .sort(),
    );
    const en = paneView(atB3(slipped), 'en', AUTO).problems[0];
    expect(en?.items.map((i) => [i.address, i.clears])).toEqual([
      ['C7', ['C6']],
      ['C32', ['C5']],
      ['D32', ['D5']],
    ]);
    expect(en?.items[0]?.head).toBe('C7 · Error · unit slip');
    expect(en?.items[0]?.texts).toEqual([expect.stringContaining('10,000 times'), 'Fixing it also clears: C6']);
  });

  test('a rounding difference is a figure to look at, a note; an unfilled target a blank to fill', () => {
    const rounding = normalize(withCells(fixtureGrid(), FIXTURE_SLIPS.rounding.edits));
    const fix = paneView(atA1(rounding), 'zh', AUTO).problems.find((g) => g.key === 'fix');
    expect(fix?.items.length).toBeGreaterThan(0);
    for (const i of fix?.items ?? []) expect([i.severity, i.hint]).toEqual(['info', 'rounding']);
    expect(fix?.items[0]?.head).toMatch(/ · 提示 · 舍入$/);
    const unfilled = normalize(DEPT.map((r, i) => (i === 6 ? [...r.slice(0, 6), IND('项目2', '≥项')] : r)));
    const v = paneView(atA1(unfilled), 'en', AUTO);
    expect(v.problems.map((g) => [g.key, addresses(g.items)])).toEqual([['fill', ['G7']]]);
    expect(v.problems[0]?.items[0]?.texts[0]).toMatch(/^Targets left unfilled/);
    expect(v.reviews).toEqual([]);
  });

  test('a table with nothing flagged has no group; a long group is cut at MAX_LISTED with the rest counted', () => {
    expect(paneView(atA1(normalize(DEPT)), 'zh', AUTO).problems).toEqual([]);
    const one = clean.flags.find((f) => f.cell === 'B27') as Flag;
    const many = Array.from({ length: MAX_LISTED + 7 }, (_, k) => ({ ...one, row: k + 1, cell: `B${k + 1}` }));
    const [cut] = paneView(atA1({ ...clean, flags: many }), 'en', AUTO).problems;
    expect(cut?.items).toHaveLength(MAX_LISTED);
    expect(cut?.total).toBe(MAX_LISTED + 7);
    expect(cut?.note).toBe('… +7');
  });
});

describe('review cards: what each project`s review found', () => {
  test('per project, at its name cell, each finding said by its message`s first sentence, in both languages', () => {
    const zh = paneView(atA1(clean), 'zh', AUTO).reviews;
    expect(addresses(zh)).toEqual(['A5', 'A17', 'A19', 'A20', 'A21', 'A24', 'A25', 'A27', 'A29', 'A32', 'A33']);
    expect(zh[0]).toMatchObject({
      address: 'A5',
      severity: 'warning',
      head: 'A5 · 其他机构运行经费',
      texts: ['缺少效益指标', '数量、质量、时效指标只有定性目标:绩效考核评价结果'],
      codes: ['review-coverage', 'review-qualitative'],
    });
    // Projects with no 满意度 indicator say so.
    expect(zh[2]).toMatchObject({ head: 'A19 · 国家赔偿金', texts: ['缺少满意度指标'] });
    expect(zh.find((c) => c.address === 'A24')?.texts).toEqual(['缺少效益、满意度指标', '数量、质量、时效指标只有定性目标:保密项目']);
    expect(zh[1]?.texts[1]).toBe('只填了实施周期指标值或年度指标值之一:资助受害人数(缺年度)、资助执行申请人数(缺年度)');
    expect(zh[0]?.ariaLabel).toBe('转到单元格 A5 · 其他机构运行经费: 缺少效益指标;数量、质量、时效指标只有定性目标:绩效考核评价结果');
    const en = paneView(atB3(clean), 'en', AUTO).reviews;
    expect(addresses(en)).toEqual(['B7', 'B19', 'B21', 'B22', 'B23', 'B26', 'B27', 'B29', 'B31', 'B34', 'B35']);
    expect(en[0]?.texts).toEqual([
      'No benefit indicator',
      'Quantity, quality or timeliness indicators with only a qualitative target: 绩效考核评价结果',
    ]);
    expect(en[2]?.texts).toEqual(['No satisfaction indicator']);
    // Review findings are not among the problems.
    const listed = paneView(atA1(clean), 'zh', AUTO).problems.flatMap((g) => addresses(g.items));
    expect(listed.filter((a) => addresses(zh).includes(a))).toEqual([]);
  });

  test('the first sentence of every rule`s message, without the advice after it', () => {
    const f = (zh: string, en: string) => ({ message: { zh, en } });
    expect(
      reviewFinding(
        f('缺少成本指标(2021 年起的绩效指标框架要求设置成本指标)。', 'No cost indicator (frameworks from 2021 on expect one).'),
        'zh',
      ),
    ).toBe('缺少成本指标(2021 年起的绩效指标框架要求设置成本指标)');
    expect(reviewFinding(f('x。', 'A rate above 100 %: 合格率 (≥100.5%). Check the target or its unit.'), 'en')).toBe(
      'A rate above 100 %: 合格率 (≥100.5%)',
    );
    expect(reviewFinding(f('同一项目中指标重复:人数(2 次)。', 'The same indicator appears twice'), 'en')).toBe(
      'The same indicator appears twice',
    );
  });
});

describe('the Office theme', () => {
  const DARK = {
    bodyBackgroundColor: '#262626',
    bodyForegroundColor: '#FFFFFF',
    controlBackgroundColor: '#333333',
    controlForegroundColor: '#F0F0F0',
    isDarkTheme: true,
    themeId: 0,
  };

  test('absent (an older host, the stub): none, and the pane keeps its light palette', () => {
    expect(themeView(undefined)).toBeNull();
    expect(themeView(null)).toBeNull();
    expect(themeView({})).toBeNull();
    expect(themeView({ bodyBackgroundColor: 'red' })).toBeNull();
  });

  test('dark: the dark palette, with Office`s own body and control colours where the text stays readable on them', () => {
    const t = themeView(DARK);
    expect(t?.dark).toBe(true);
    expect(t?.vars).toMatchObject({
      '--neutral-bg': '#262626',
      '--neutral-fg': '#ffffff',
      '--control-bg': '#333333',
      '--error': PALETTES.dark['--error'],
    });
    for (const c of ['--error', '--warning', '--info', '--uncertain', '--neutral-fg2', '--neutral-fg'] as const) {
      expect([c, contrast(t?.vars[c] as string, t?.vars['--neutral-bg'] as string) >= 4.5]).toEqual([c, true]);
      expect([c, contrast(t?.vars[c] as string, t?.vars['--neutral-bg2'] as string) >= 4.5]).toEqual([c, true]);
    }
    // A background the palette's text cannot be read on is not taken; a light control box in a dark pane is not either.
    const grey = themeView({
      ...DARK,
      bodyBackgroundColor: '#6e6e6e',
      controlBackgroundColor: '#ffffff',
      controlForegroundColor: '#000000',
    });
    expect(grey?.vars['--neutral-bg']).toBe(PALETTES.dark['--neutral-bg']);
    expect(grey?.vars['--control-bg']).toBe(PALETTES.dark['--control-bg']);
    // isDarkTheme as a function (older hosts), or missing: the background decides.
    expect(themeView({ ...DARK, isDarkTheme: () => true })?.dark).toBe(true);
    expect(themeView({ bodyBackgroundColor: '1F1F1F', bodyForegroundColor: 'FFFFFF' })?.dark).toBe(true);
  });

  test('light: the light palette, which is taskpane.css`s', () => {
    const t = themeView({ bodyBackgroundColor: '#FFFFFF', bodyForegroundColor: '#262626', isDarkTheme: false });
    expect(t).toMatchObject({ dark: false, vars: { ...PALETTES.light, '--neutral-bg': '#ffffff', '--neutral-fg': '#262626' } });
    const css = readFileSync(join(__dirname, '..', 'src', 'taskpane', 'taskpane.css'), 'utf8');
    const root = css.slice(css.indexOf(':root {'), css.indexOf('}', css.indexOf(':root {')));
    for (const [name, value] of Object.entries(PALETTES.light)) expect(root).toContain(`${name}: ${value};`);
  });
});

describe('how the table was read', () => {
  test('the fixture: the layout, the header row on the sheet, each column with its role and why, in both languages', () => {
    const zh = paneView(atA1(clean), 'zh', AUTO).reading;
    expect(zh).toMatchObject({
      sentence: '整张表都已读取。如有读错,可在下面修改后重新规范化。',
      remembered: false,
      layout: 'packed',
      headerRows: '2',
    });
    expect(zh.fields.map((f) => [f.col, f.role, f.uncertain])).toEqual([
      [0, 'name', false],
      [1, 'total', false],
      [2, 'fiscal', false],
      [3, 'specialAccount', false],
      [4, 'other', false],
      [5, 'goal', false],
      [6, 'indicators', false],
    ]);
    expect(zh.fields[0]?.label).toBe('列 A · 项目名称(资金使用单位) (依据: 表头名称相符)');
    expect(zh.roles.find((r) => r.role === 'ignore')?.name).toBe('忽略');
    const en = paneView(atB3(clean), 'en', AUTO).reading;
    expect(en.headerRows).toBe('4');
    expect(en.fields.map((f) => f.col)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(en.fields[1]?.label).toBe('column C · 总计 (because: the header names it)');
    expect(en.roles.find((r) => r.role === 'ignore')?.name).toBe('Ignore');
  });

  test('uncertain fields first, then by column; a remembered correction is said', () => {
    const ind = '1、1-产出指标; 11-数量指标; 人数; 实施周期指标值:≥1人; 年度指标值:≥1人。';
    const model = normalize([
      ['项目名称', '金额合计', '上级补助', '目标说明', '绩效指标'],
      ['项目一', '10.00', '10.00', '目标一', ind],
    ]);
    const r = paneView(atA1(model, { applied: { remembered: true } }), 'zh', AUTO).reading;
    expect(r.fields.map((f) => [f.col, f.uncertain])).toEqual([
      [1, true],
      [3, true],
      [0, false],
      [2, false],
      [4, false],
    ]);
    expect(r.fields[0]?.label).toMatch(/^列 B · 金额合计 \(依据: /);
    expect(r.remembered).toBe(true);
  });

  test('a form: its keys, named by their text', () => {
    const model = normalize(fixtureGrid('tianjin-hebei-court-2023.tsv'));
    const r = paneView(atA1(model), 'en', AUTO).reading;
    expect(r).toMatchObject({ form: true, layout: 'form', headerRows: '' });
    expect(r.fields[0]).toMatchObject({ label: 'key 项目名称 (because: the header names it)', key: '项目名称', role: 'name' });
  });

  test('the correction the controls describe: columns by sheet letter, form keys by their text, up to two header rows', () => {
    expect(
      correctionOf({
        layout: 'packed',
        header: ' 1 ',
        fields: [
          { col: 0, key: '条目', role: 'name' },
          { col: 27, key: '', role: 'goal' },
        ],
      }),
    ).toEqual({ layout: 'packed', headerRows: [1], columns: { A: 'name', AB: 'goal' }, keys: {} });
    expect(correctionOf({ layout: 'grid', header: '1+2+3', fields: [] })).toMatchObject({ headerRows: [1, 2] });
    expect(correctionOf({ layout: 'grid', header: 'x', fields: [] })).not.toHaveProperty('headerRows');
    expect(correctionOf({ layout: 'form', header: '', fields: [{ col: 0, key: '预算数', role: 'total' }] })).toEqual({
      layout: 'form',
      columns: {},
      keys: { 预算数: 'total' },
    });
  });

  test('what the pane shows of a reading gives back the mapping it was read with', () => {
    const grid = fixtureGrid();
    const res = atA1(clean);
    const r = paneView(res, 'zh', AUTO).reading;
    const mapping = correctionOf({ layout: r.layout, header: r.headerRows, fields: r.fields });
    const again = normalize(grid, { mapping });
    expect(again.summary).toEqual(clean.summary);
    const listed = (r: PaneResult) => paneView(r, 'zh', AUTO).problems.flatMap((g) => addresses(g.items));
    expect(listed(atA1(again))).toEqual(listed(res));
  });
});

describe('labels, progress and Clear', () => {
  const html = readFileSync(join(__dirname, '..', 'src', 'taskpane', 'taskpane.html'), 'utf8');

  test('every static text has its element in the pane, in both languages, none empty', () => {
    const zh = paneLabels('zh');
    const en = paneLabels('en');
    expect(Object.keys(en.texts).sort()).toEqual(Object.keys(zh.texts).sort());
    for (const [id, text] of Object.entries(en.texts)) {
      expect([id, html.includes(`id="${id}"`)]).toEqual([id, true]);
      expect(text).not.toBe('');
      expect([id, /[\u4e00-\u9fff]/.test(text)]).toEqual([id, false]);
      expect(zh.texts[id]).not.toBe('');
    }
    expect([zh.htmlLang, en.htmlLang]).toEqual(['zh-CN', 'en']);
    expect(en.texts['map-layout-tree']).toBe('Tree export (levels by indentation)');
  });

  test('one review checkbox per rule, in the table`s order, labelled in the language', () => {
    const en = paneLabels('en').reviewRules;
    expect(en.map((r) => r.key)).toEqual(REVIEW_RULES.map((r) => r.key));
    expect(new Set(en.map((r) => r.id)).size).toBe(REVIEW_RULES.length);
    expect(en[0]).toEqual({ key: 'coverage', id: 'rv-coverage', label: 'Covers output, benefit, satisfaction' });
    expect(paneLabels('zh').reviewRules[0]?.label).toBe('覆盖产出、效益、满意度');
  });

  test('progress: reading 0–40, normalizing 40–50, writing 50–100; counts once there is something to count', () => {
    expect(progressView('zh', 'reading', 0, 1)).toEqual({ label: '正在读取所选区域…', value: 0 });
    expect(progressView('en', 'reading', 500, 1000)).toEqual({ label: 'Reading the selection… 500 / 1,000', value: 20 });
    expect(progressView('en', 'normalizing', 1, 2, 'indicators')).toEqual({ label: 'Splitting the indicators… 1 / 2', value: 45 });
    expect(progressView('zh', 'normalizing')).toEqual({ label: '正在处理…', value: 40 });
    expect(progressView('zh', 'writing', 3, 3).value).toBe(100);
  });

  test('Clear: what was removed, or that there was nothing, and the notes it could not remove', () => {
    expect(clearedStatus({ restored: 3, notesLeft: 0 }, 'zh')).toBe('已清除本加载项的标记。');
    expect(clearedStatus({ restored: 0, notesLeft: 0 }, 'en')).toBe('There are no flags to clear.');
    expect(clearedStatus({ restored: 0, notesLeft: 2 }, 'zh')).toBe(
      '没有需要清除的标记。另有 2 条本加载项的批注由支持“备注”的 Excel 写入,此版本无法删除,请在新版 Excel 中清除。',
    );
    // English sentences are joined by a space; Chinese ones follow the full stop directly.
    expect(clearedStatus({ restored: 1, notesLeft: 1 }, 'en')).toMatch(/\. \S/);
    expect(clearedStatus({ restored: 1, notesLeft: 1 }, 'zh')).not.toMatch(/。 /);
  });
});

describe('the message of a failure (the pane`s and the ribbon`s)', () => {
  test.each([
    ['selectTable', '请先选中要规范化的表格。', 'Select the table to normalize first.'],
    [
      'ownSheet',
      '这是本加载项生成的工作表。请在原始预算表上选中表格后再规范化。',
      "This sheet is the add-in's own output. Select the table on the original budget sheet and normalize that.",
    ],
    [
      'nothingRead',
      '所选区域中没有识别出任何项目、金额或指标。请确认选中的是绩效目标表,或在选项中指定版式。',
      'No project, amount or indicator was recognised in the selection. Check that it is a performance-target table, or state the layout in the options.',
    ],
    [
      'multiArea',
      '选中了多个区域。请只选中一个连续的表格区域(筛选后的表格请先取消筛选)再规范化。',
      'More than one area is selected. Select one continuous table (clear a filter first) and normalize again.',
    ],
    [
      'cellEdit',
      '正在编辑单元格。请按 Enter 或 Esc 结束编辑后再试。',
      'A cell is being edited. Press Enter or Esc to finish editing, then try again.',
    ],
    [
      'sheetGone',
      '处理期间原工作表被删除、改名或已切换到其他工作簿。请回到原表重新规范化。',
      'The sheet was deleted, renamed or another workbook became active while the add-in worked. Go back to the table and normalize again.',
    ],
    [
      'undoRefused',
      '此版本的 Excel 不允许把这次写入合并为一步撤消,未写入任何内容。请更新 Excel 后重试。',
      'This version of Excel cannot make these writes one undo step; nothing was written. Update Excel, then try again.',
    ],
  ] as const)('%s', (key, zh, en) => {
    expect(userMessage(new UserError(key), 'zh')).toBe(zh);
    expect(userMessage(new UserError(key), 'en')).toBe(en);
  });

  test('only one cell read, nothing recognised: says so, with the cell', () => {
    const e = new UserError('oneCell', { address: 'B2' });
    expect(userMessage(e, 'zh')).toBe(
      '只读取了一个单元格(B2),其中没有识别出表格。请选中整张表格,或选中表格中有内容的任一单元格,再规范化。',
    );
    expect(userMessage(e, 'en')).toBe(
      'Only one cell (B2) was read, and no table was recognised in it. Select the whole table, or any cell of it that holds something, and normalize again.',
    );
  });

  test('too large: the cells selected and the limit', () => {
    const e = new UserError('tooLarge', { cells: 2_600_000 });
    expect(userMessage(e, 'zh')).toBe('所选区域有 2,600,000 个单元格,超过可安全处理的 2,000,000 个。请只选中预算表本身。');
    expect(userMessage(e, 'en')).toBe(
      'The selection has 2,600,000 cells, more than the 2,000,000 the add-in can safely handle. Select just the budget table.',
    );
  });

  test('anything else: "failed" and what was thrown; an invalid option with the validator`s reason', () => {
    expect(userMessage(new Error('boom'), 'zh')).toBe('出错了: boom');
    expect(userMessage('lost', 'en')).toBe('Something went wrong: lost');
    expect(invalidOptionMessage('not a number', 'en')).toBe('Invalid option: not a number');
    expect(invalidOptionMessage('不是数字', 'zh')).toBe('选项无效: 不是数字');
  });

  test('the pane and the ribbon take their message from this one function, and map no error themselves', () => {
    const src = (p: string) => readFileSync(join(__dirname, '..', 'src', p), 'utf8');
    for (const file of ['taskpane/taskpane.ts', 'commands/ribbon.ts']) {
      const text = src(file);
      expect([file, /import \{[^}]*\buserMessage\b[^}]*\} from '\.\.\/ui\/user-message'/.test(text)]).toEqual([file, true]);
      expect([file, /UserError|\.tooLarge\b|\.failed\b/.test(text)]).toEqual([file, false]);
    }
  });
});

describe('an imported PDF', () => {
  const clean = normalize(fixtureGrid(), {});
  const slipped = normalize(withCells(fixtureGrid(), FIXTURE_SLIPS['unit-slip'].edits), {});
  const outcomes = [
    { table: { title: '2024年部门收支总表', pages: [1] }, status: 'skipped' as const, reason: 'notTarget' as const },
    {
      table: { title: '项目支出绩效目标表', pages: [2, 3, 4] },
      status: 'normalized' as const,
      sheetName: 'p2-4 项目',
      address: 'A3:G40',
      result: { model: slipped },
    },
    { table: { title: '', pages: [6] }, status: 'normalized' as const, sheetName: 'p6 court', address: 'A3:G20', result: { model: clean } },
    { table: { title: '绩效目标表', pages: [7, 9] }, status: 'skipped' as const, reason: 'nothingRead' as const },
    {
      table: { title: '项目支出绩效目标表', pages: [8] },
      status: 'failed' as const,
      sheetName: 'p8 x',
      address: 'A3:G9',
      error: new UserError('sheetGone'),
    },
  ];

  test('the sentence counts the tables found and kept; each table says what became of it', () => {
    const v = importView('court.pdf', outcomes, 'zh', (e) => userMessage(e, 'zh'));
    // One of the three kept failed: two were normalized, and the third is said.
    expect(v.status).toBe(
      'court.pdf:找到 5 张表,2 张绩效目标表已写入新工作表并规范化。1 张表已写入新工作表,但未能规范化,原因见下面的列表。',
    );
    expect(v.alarm).toBe(true);
    const fine = importView('court.pdf', outcomes.slice(0, 3), 'zh', String);
    expect(fine.status).toBe('court.pdf:找到 3 张表,2 张绩效目标表已写入新工作表并规范化。');
    expect(fine.alarm).toBe(false);
    expect(v.items.map((i) => [i.head, i.severity, i.sheetName])).toEqual([
      ['2024年部门收支总表 · 第 1 页', 'skipped', null],
      ['项目支出绩效目标表 · 第 2–4 页', slipped.summary.errors > 0 ? 'error' : 'warning', 'p2-4 项目'],
      ['(无标题) · 第 6 页', clean.summary.warnings > 0 ? 'warning' : 'ok', 'p6 court'],
      ['绩效目标表 · 第 7, 9 页', 'skipped', null],
      ['项目支出绩效目标表 · 第 8 页', 'error', 'p8 x'],
    ]);
    expect(v.items.map((i) => i.text)).toEqual([
      '不是绩效目标表,已跳过',
      `${slipped.summary.errors} 个错误、${slipped.summary.warnings} 个警告${slipped.summary.infos > 0 ? `、${slipped.summary.infos} 条提示` : ''}。`,
      clean.summary.warnings > 0
        ? `0 个错误、${clean.summary.warnings} 个警告${clean.summary.infos > 0 ? `、${clean.summary.infos} 条提示` : ''}。`
        : '没有问题:每一行都已读取,所有合计均相符。',
      '未能识别出项目、金额或指标',
      userMessage(new UserError('sheetGone'), 'zh'),
    ]);
    expect(v.items[1]?.ariaLabel).toMatch(/^转到工作表 p2-4 项目: 项目支出绩效目标表/);
  });

  test('a table imported before: said, a click away, not an alarm', () => {
    const again = [
      outcomes[0] as (typeof outcomes)[number],
      { table: { title: '项目支出绩效目标表', pages: [2, 3, 4] }, status: 'existing' as const, sheetName: 'p2-4 项目', address: 'A3:G40' },
    ];
    const zh = importView('court.pdf', again, 'zh', String);
    expect(zh.status).toBe('court.pdf:找到 2 张表。1 张表此前已从同一文件导入,未重复导入(否则“全部项目”中会重复计入)。');
    expect(zh.alarm).toBe(false);
    expect(zh.items[1]).toMatchObject({ severity: 'skipped', sheetName: 'p2-4 项目', address: 'A3:G40' });
    expect(zh.items[1]?.text).toBe('此前已导入到工作表 p2-4 项目,未重复导入。要重新导入,请先删除该工作表。');
    expect(importView('court.pdf', again, 'en', String).status).toBe(
      'court.pdf: 2 tables found. 1 table was imported from this file before and not imported again (All projects would count it twice).',
    );
  });

  test('nothing kept: said, in English too', () => {
    const none = importView('budget.pdf', [outcomes[0] as (typeof outcomes)[number]], 'en', String);
    expect(none.alarm).toBe(true);
    expect(none.status).toBe('budget.pdf holds 1 table, none of them a performance-target table; nothing was written.');
    // A 绩效目标表 was there, but nothing in it could be read: not "none of them".
    const unread = importView('b.pdf', [outcomes[0], outcomes[3]] as typeof outcomes, 'en', String);
    expect(unread.status).toBe(
      'b.pdf holds 2 tables; in its performance-target table no project, amount or indicator could be recognised. Nothing was written.',
    );
    expect(importView('blank.pdf', [], 'zh', String).status).toBe('blank.pdf 中没有找到表格。');
    expect(importView('court.pdf', outcomes, 'en', String).items[3]?.head).toBe('绩效目标表 · pages 7, 9');
  });

  test('a PDF not read: the same one message as every failure, naming the file', () => {
    expect(userMessage(new PdfReadError('scan', '', 'a.pdf'), 'zh')).toMatch(/^a\.pdf 没有文字层/);
    expect(userMessage(new PdfReadError('password', '', 'a.pdf'), 'en')).toBe(
      'a.pdf is password-protected. Open it with its password, save it without one, and import it again.',
    );
    expect(userMessage(new PdfReadError('old', 'SyntaxError'), 'en')).toMatch(/too old to read PDFs/);
  });

  test('progress: reading 0–40, writing 40–50, each table normalized in turn 50–100', () => {
    expect(importProgressView('zh', { phase: 'opening', file: 'a.pdf' })).toEqual({ label: '正在打开 a.pdf…', value: 0 });
    expect(importProgressView('zh', { phase: 'reading', done: 3, total: 12 })).toEqual({ label: '正在读取 PDF:第 3 / 12 页', value: 10 });
    expect(importProgressView('en', { phase: 'writing', done: 50, total: 100 })).toEqual({ label: 'Writing the sheets…', value: 45 });
    expect(importProgressView('zh', { phase: 'normalizing', table: 2, tables: 2 })).toEqual({
      label: '正在规范化第 2 / 2 张表…',
      value: 75,
    });
  });
});
