/**
 * messages.ts — what each flag says to a person, in Chinese and in English.
 *
 * Owns: the wording of every flag message. Each message states what was found, what was
 * expected, the difference, and what to do about it.
 */
import type { AmountRole } from '../input/vocabulary';
import type { Money } from '../output/money';

export interface Bilingual {
  zh: string;
  en: string;
}

export const COLUMN_LABEL: Record<AmountRole | 'name' | 'goal' | 'indicators', Bilingual> = {
  total: { zh: '总计', en: 'Total' },
  fiscal: { zh: '财政拨款', en: 'Fiscal appropriation' },
  specialAccount: { zh: '财政专户拨款', en: 'Special-account appropriation' },
  other: { zh: '其他资金', en: 'Other funds' },
  name: { zh: '项目名称', en: 'Name' },
  goal: { zh: '绩效目标', en: 'Goal' },
  indicators: { zh: '绩效指标', en: 'Indicators' },
};

/** Amounts in messages are written by a `Money` (the table's unit, or the unit asked for). */

/** An exact scaled integer: a safe-integer double, or a bigint. */
type Int = number | bigint;

export function rowSumMismatch(m: Money, total: Int, parts: Int): Bilingual {
  const fmt = m.text;
  const diffText = (a: Int, b: Int) => fmt(BigInt(a) - BigInt(b));
  return {
    zh: `总计 ${fmt(total)} ≠ 财政拨款+财政专户拨款+其他资金 = ${fmt(parts)} (差 ${diffText(total, parts)})。请核对本行金额。`,
    en: `Total ${fmt(total)} ≠ fiscal + special account + other = ${fmt(parts)} (difference ${diffText(total, parts)}). Check the amounts in this row.`,
  };
}

export function missingTotal(m: Money, parts: Int): Bilingual {
  const fmt = m.text;
  return {
    zh: `总计为空,按 财政拨款+财政专户拨款+其他资金 = ${fmt(parts)} 计入核对。请补填总计。`,
    en: `Total is empty; it was taken as fiscal + special account + other = ${fmt(parts)} for the checks. Fill in the total.`,
  };
}

export type Level = 'unit' | 'grand';

function childrenText(level: Level, count: number): Bilingual {
  return level === 'unit'
    ? { zh: `其下 ${count} 个项目之和`, en: `the sum of its ${count} project${count === 1 ? '' : 's'}` }
    : { zh: `${count} 个下级行之和`, en: `the sum of its ${count} unit${count === 1 ? '' : 's'}` };
}

export function subtotalMismatch(
  m: Money,
  level: Level,
  role: AmountRole,
  name: string,
  actual: Int,
  expected: Int,
  count: number,
): Bilingual {
  const fmt = m.text;
  const diffText = (a: Int, b: Int) => fmt(BigInt(a) - BigInt(b));
  const col = COLUMN_LABEL[role];
  const kids = childrenText(level, count);
  const who = level === 'unit' ? { zh: `单位「${name}」的`, en: ` of unit "${name}"` } : { zh: '合计行的', en: ' in the grand-total row' };
  return {
    zh: `${who.zh}${col.zh} ${fmt(actual)} ≠ ${kids.zh} ${fmt(expected)} (差 ${diffText(actual, expected)})。请核对${level === 'unit' ? '该单位及其项目' : '合计行及各单位'}的金额。`,
    en: `${col.en}${who.en} ${fmt(actual)} ≠ ${kids.en} ${fmt(expected)} (difference ${diffText(actual, expected)}). Check ${level === 'unit' ? 'the unit row and its projects' : 'the grand total and the unit rows'}.`,
  };
}

export function missingSubtotal(m: Money, level: Level, role: AmountRole, expected: Int, count: number): Bilingual {
  const fmt = m.text;
  const col = COLUMN_LABEL[role];
  const kids = childrenText(level, count);
  return {
    zh: `${col.zh}为空,而${kids.zh}为 ${fmt(expected)},已按此计入核对。请补填。`,
    en: `${col.en} is empty while ${kids.en} is ${fmt(expected)}; that sum was used for the checks. Fill it in.`,
  };
}

export function unparsableAmount(role: AmountRole, raw: string, reason: 'format' | 'precision' | 'range'): Bilingual {
  const col = COLUMN_LABEL[role];
  const why =
    reason === 'precision'
      ? { zh: '小数超过 4 位', en: 'it has more than 4 decimal places' }
      : reason === 'range'
        ? { zh: '数值超出范围', en: 'it is out of range' }
        : { zh: '不是数字', en: 'it is not a number' };
  return {
    zh: `${col.zh}「${raw}」无法识别为金额(${why.zh}),未计入核对。请改为数字。`,
    en: `${col.en} "${raw}" cannot be read as an amount (${why.en}); it was left out of the checks. Enter a number.`,
  };
}

export function noIndicators(): Bilingual {
  return {
    zh: '该项目没有可识别的绩效指标。请补充绩效指标或核对是否漏贴。',
    en: 'This project has no performance indicators that can be read. Add them, or check that none were lost in the paste.',
  };
}

export function indicatorGarbled(kept: number[], dropped: number[], segments: number): Bilingual {
  const k = kept.join('、');
  const d = dropped.join('、');
  const zhKept = kept.length > 0 ? `保留 ${kept.length} 条可确定的指标(序号 ${k})` : '没有可确定的指标';
  const enKept =
    kept.length > 0
      ? `kept ${kept.length} certain indicator${kept.length === 1 ? '' : 's'} (no. ${kept.join(', ')})`
      : 'no indicator is certain';
  return {
    zh: `绩效指标文本有重叠或残缺(共 ${segments} 段):${zhKept}${dropped.length > 0 ? `,舍弃序号 ${d}` : ''}。请对照原表核对。`,
    en: `The indicator text overlaps or is broken (${segments} segment${segments === 1 ? '' : 's'}): ${enKept}${dropped.length > 0 ? `, dropped no. ${dropped.join(', ')}` : ''}. Check it against the source table.`,
  };
}

export function amountRecovered(m: Money, role: AmountRole, scaled: number): Bilingual {
  const fmt = m.text;
  const col = COLUMN_LABEL[role];
  return {
    zh: `${col.zh} ${fmt(scaled)} 粘连在绩效目标文字前,已识别为金额(本行因此平衡)。`,
    en: `${col.en} ${fmt(scaled)} was stuck to the front of the goal text and was read as the amount (the row then adds up).`,
  };
}

export function noHeader(): Bilingual {
  return {
    zh: '未找到表头行(项目名称、总计、财政拨款…),已按默认列顺序读取。',
    en: 'No header row (项目名称, 总计, 财政拨款…) was found; the default column order was assumed.',
  };
}
