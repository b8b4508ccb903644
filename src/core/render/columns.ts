/**
 * columns.ts — the columns of the sheets a plan writes, described once, as data.
 *
 * Owns: each output column's key, its header in Chinese and English, its width, its kind of value
 * (text, amount, a count, a link, a live check) and how a row gives its value. The formulas of the
 * live checks find their columns by key, never by position, so adding or moving a column touches
 * only this table. Both sinks (Office.js, the .xlsx file) write what the plan derives from it.
 */
import type { Bilingual } from '../findings/messages';
import { columnLetter } from '../input/grid';
import type { Indicator, Row, Target } from '../contract/model';

/** How a column's values are written: text (formatted `@`, so it never becomes a formula), amounts, counts. */
export type ColumnKind = 'text' | 'amount' | 'count' | 'link' | 'check';

/** A formula the plan writes on purpose, with the value it has when the file is opened (previews show it). */
export interface PlanFormula {
  formula: string;
  value: string | number | null;
}
export type PlanValue = string | number | boolean | null | PlanFormula;

export interface ColumnSpec<R> {
  key: string;
  header: Bilingual;
  /** Width in characters (at least the header's own width is used). */
  width: number;
  kind: ColumnKind;
  /** Long text wraps in its cell. */
  wrap?: boolean;
  value(row: R, at: RowContext): PlanValue;
}

/** What a column's value may look at besides its row. */
export interface RowContext {
  /** 1-based sheet row the value is written to. */
  n: number;
  /** Last data row of the sheet. */
  last: number;
  /** The letter of a column of this sheet, by key. */
  col(key: string): string;
}

/** A budget row of the 规范化 sheet, with what the plan worked out for it. */
export interface BudgetLine {
  row: Row;
  kindLabel: string;
  unit: string;
  source: PlanValue;
  parent: PlanValue;
  inferred: string;
  indicatorCount: number | null;
  check: string;
  review: string;
  /** The hints of the row's sum flags (舍入, 万元/元错位 …), with the cell that explains a flag explained elsewhere. */
  hint: string;
  /** The live checks' values as they stand (null: the check does not apply). */
  rowDiff: number | null;
  childDiff: number | null;
}

/** A row of the 绩效指标 sheet. */
export interface IndicatorLine {
  unit: string;
  project: string;
  source: PlanValue;
  indicator: Indicator;
}

const amount = (key: 'total' | 'fiscal' | 'specialAccount' | 'other', header: Bilingual): ColumnSpec<BudgetLine> => ({
  key,
  header,
  width: 14,
  kind: 'amount',
  value: (b) => b.row.amounts[key],
});

export const NORMALIZED_COLUMNS: ReadonlyArray<ColumnSpec<BudgetLine>> = [
  { key: 'source', header: { zh: '源单元格', en: 'Source cell' }, width: 16, kind: 'link', value: (b) => b.source },
  { key: 'kind', header: { zh: '类型', en: 'Kind' }, width: 8, kind: 'text', value: (b) => b.kindLabel },
  { key: 'unit', header: { zh: '所属单位', en: 'Unit' }, width: 24, kind: 'text', wrap: true, value: (b) => b.unit },
  { key: 'parent', header: { zh: '上级单元格', en: 'Parent cell' }, width: 16, kind: 'link', value: (b) => b.parent },
  { key: 'name', header: { zh: '名称', en: 'Name' }, width: 36, kind: 'text', wrap: true, value: (b) => b.row.name ?? '' },
  amount('total', { zh: '总计', en: 'Total' }),
  amount('fiscal', { zh: '财政拨款', en: 'Fiscal' }),
  amount('specialAccount', { zh: '财政专户拨款', en: 'Special account' }),
  amount('other', { zh: '其他资金', en: 'Other funds' }),
  { key: 'inferred', header: { zh: '推算', en: 'Inferred' }, width: 12, kind: 'text', value: (b) => b.inferred },
  {
    key: 'rowDiff',
    header: { zh: '本行差额', en: 'Row difference' },
    width: 12,
    kind: 'check',
    // total − (fiscal + special account + other), live: it follows the user's corrections.
    value: (b, { n, col }) => {
      const parts = [b.row.amounts.fiscal, b.row.amounts.specialAccount, b.row.amounts.other];
      if (parts.every((v) => v === null)) return null;
      const [F, G, I] = [col('total'), col('fiscal'), col('other')];
      return { formula: `IF(COUNT(${G}${n}:${I}${n})=0,"",${F}${n}-SUM(${G}${n}:${I}${n}))`, value: b.rowDiff };
    },
  },
  {
    key: 'childDiff',
    header: { zh: '下级差额', en: 'Children difference' },
    width: 12,
    kind: 'check',
    // total − the sum of the rows whose parent cell is this row's source cell, live.
    value: (b, { n, last, col }) => {
      if (b.row.kind === 'project') return null;
      const [F, D, A] = [col('total'), col('parent'), col('source')];
      // The source cell's text is the criterion: its wildcards (~ * ?, in a sheet's name) are escaped.
      const crit = `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE($${A}${n},"~","~~"),"*","~*"),"?","~?")`;
      return {
        formula: `IF(COUNTIF($${D}$2:$${D}$${last},${crit})=0,"",${F}${n}-SUMIFS($${F}$2:$${F}$${last},$${D}$2:$${D}$${last},${crit}))`,
        value: b.childDiff,
      };
    },
  },
  // Why a sum was off, as found at Normalize: it stays while the live differences beside it clear.
  { key: 'hint', header: { zh: '差额提示', en: 'Likely cause' }, width: 16, kind: 'text', wrap: true, value: (b) => b.hint },
  { key: 'indicators', header: { zh: '指标数', en: 'Indicators' }, width: 8, kind: 'count', value: (b) => b.indicatorCount },
  { key: 'goal', header: { zh: '绩效目标', en: 'Goal' }, width: 48, kind: 'text', wrap: true, value: (b) => b.row.goal ?? '' },
  { key: 'check', header: { zh: '检查结果', en: 'Check result' }, width: 48, kind: 'text', wrap: true, value: (b) => b.check },
  { key: 'review', header: { zh: '审核提示', en: 'Review' }, width: 24, kind: 'text', wrap: true, value: (b) => b.review },
];

const target = (key: string, zh: string, en: string, pick: (i: Indicator) => Target | null): Array<ColumnSpec<IndicatorLine>> => [
  { key: `${key}Raw`, header: { zh, en }, width: 16, kind: 'text', value: (l) => pick(l.indicator)?.raw ?? '' },
  { key: `${key}Op`, header: { zh: `${zh}·符号`, en: `${en} op` }, width: 6, kind: 'text', value: (l) => pick(l.indicator)?.op ?? '' },
  {
    key: `${key}Value`,
    header: { zh: `${zh}·数值`, en: `${en} value` },
    width: 10,
    kind: 'count',
    value: (l) => pick(l.indicator)?.value ?? null,
  },
  {
    key: `${key}Unit`,
    header: { zh: `${zh}·单位`, en: `${en} unit` },
    width: 10,
    kind: 'text',
    value: (l) => pick(l.indicator)?.unit ?? '',
  },
];

export const INDICATOR_COLUMNS: ReadonlyArray<ColumnSpec<IndicatorLine>> = [
  { key: 'unit', header: { zh: '所属单位', en: 'Unit' }, width: 24, kind: 'text', value: (l) => l.unit },
  { key: 'project', header: { zh: '项目', en: 'Project' }, width: 30, kind: 'text', wrap: true, value: (l) => l.project },
  { key: 'source', header: { zh: '源单元格', en: 'Source cell' }, width: 16, kind: 'link', value: (l) => l.source },
  { key: 'seq', header: { zh: '序号', en: 'No.' }, width: 6, kind: 'count', value: (l) => l.indicator.seq },
  { key: 'level1', header: { zh: '一级指标', en: 'Level 1' }, width: 12, kind: 'text', value: (l) => l.indicator.level1 ?? '' },
  { key: 'level2', header: { zh: '二级指标', en: 'Level 2' }, width: 14, kind: 'text', value: (l) => l.indicator.level2 ?? '' },
  { key: 'name', header: { zh: '三级指标', en: 'Level 3' }, width: 30, kind: 'text', wrap: true, value: (l) => l.indicator.name },
  ...target('period', '实施周期指标值', 'Period target', (i) => i.period),
  ...target('annual', '年度指标值', 'Annual target', (i) => i.annual),
  {
    key: 'level1Std',
    header: { zh: '一级(标准)', en: 'Level 1 (standard)' },
    width: 12,
    kind: 'text',
    value: (l) => l.indicator.level1Std ?? '',
  },
  {
    key: 'level2Std',
    header: { zh: '二级(标准)', en: 'Level 2 (standard)' },
    width: 14,
    kind: 'text',
    value: (l) => l.indicator.level2Std ?? '',
  },
  {
    key: 'level2Code',
    header: { zh: '二级代码', en: 'Level 2 code' },
    width: 8,
    kind: 'text',
    value: (l) => l.indicator.level2StdCode ?? '',
  },
  { key: 'weight', header: { zh: '权重', en: 'Weight' }, width: 8, kind: 'text', value: (l) => l.indicator.weight ?? '' },
];

/** Width of text in character cells: a CJK character takes two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e7f ? 2 : 1;
  return w;
}

/** A column's width: its own, or its header's (up to 60 characters), whichever is wider. */
export function columnWidth(spec: { width: number }, header: string): number {
  return Math.max(spec.width, Math.min(60, displayWidth(header) + 2));
}

/** The letter of each column, by key. */
export function letters<R>(specs: ReadonlyArray<ColumnSpec<R>>): (key: string) => string {
  const at = new Map(specs.map((s, k) => [s.key, columnLetter(k)]));
  return (key) => {
    const l = at.get(key);
    if (l === undefined) throw new Error(`no column ${key}`);
    return l;
  };
}
