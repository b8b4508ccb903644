/**
 * messages.ts — what each flag says to a person, in Chinese and in English.
 *
 * Owns: the wording of every flag message. Each message states what was found, what was
 * expected, the difference, and what to do about it.
 */
import type { AmountRole } from '../contract/roles';
import type { Int, Money } from '../contract/money';
import type { Hint } from '../contract/model';

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

const PART_EN: Record<AmountRole, string> = { total: 'total', fiscal: 'fiscal', specialAccount: 'special account', other: 'other' };

/** The parts a table breaks its totals into, named as its columns are (`财政拨款+其他资金`). */
function partsText(parts: readonly AmountRole[]): Bilingual {
  const named = parts.length > 0 ? parts : (['fiscal', 'specialAccount', 'other'] as const);
  return { zh: named.map((p) => COLUMN_LABEL[p].zh).join('+'), en: named.map((p) => PART_EN[p]).join(' + ') };
}

/** `parts`: the part columns the table has, so that a message never names a column the table lacks. */
export function rowSumMismatch(m: Money, total: Int, sum: Int, parts: readonly AmountRole[] = []): Bilingual {
  const fmt = m.text;
  const diffText = (a: Int, b: Int) => fmt(BigInt(a) - BigInt(b));
  const named = partsText(parts);
  return {
    zh: `总计 ${fmt(total)} ≠ ${named.zh} = ${fmt(sum)} (差 ${diffText(total, sum)})。请核对本行金额。`,
    en: `Total ${fmt(total)} ≠ ${named.en} = ${fmt(sum)} (difference ${diffText(total, sum)}). Check the amounts in this row.`,
  };
}

export function missingTotal(m: Money, sum: Int, parts: readonly AmountRole[] = []): Bilingual {
  const fmt = m.text;
  const named = partsText(parts);
  return {
    zh: `总计为空,按 ${named.zh} = ${fmt(sum)} 计入核对。请补填总计。`,
    en: `Total is empty; it was taken as ${named.en} = ${fmt(sum)} for the checks. Fill in the total.`,
  };
}

export type Level = 'unit' | 'grand';

/** The rows a parent is the sum of, named as they are: projects, units, or both (a grand total over projects without units). */
function childrenText(level: Level, count: number, units: number): Bilingual {
  const s = count === 1 ? '' : 's';
  if (level === 'unit' || units === 0) return { zh: `其下 ${count} 个项目之和`, en: `the sum of its ${count} project${s}` };
  if (units === count) return { zh: `${count} 个单位之和`, en: `the sum of its ${count} unit${s}` };
  return { zh: `${count} 个下级行之和`, en: `the sum of its ${count} row${s} below` };
}

export function subtotalMismatch(
  m: Money,
  level: Level,
  role: AmountRole,
  name: string,
  actual: Int,
  expected: Int,
  count: number,
  units = 0,
): Bilingual {
  const fmt = m.text;
  const diffText = (a: Int, b: Int) => fmt(BigInt(a) - BigInt(b));
  const col = COLUMN_LABEL[role];
  const kids = childrenText(level, count, units);
  const who = level === 'unit' ? { zh: `单位「${name}」的`, en: ` of unit "${name}"` } : { zh: '合计行的', en: ' in the grand-total row' };
  return {
    zh: `${who.zh}${col.zh} ${fmt(actual)} ≠ ${kids.zh} ${fmt(expected)} (差 ${diffText(actual, expected)})。请核对${level === 'unit' ? '该单位及其项目' : '合计行及各单位'}的金额。`,
    en: `${col.en}${who.en} ${fmt(actual)} ≠ ${kids.en} ${fmt(expected)} (difference ${diffText(actual, expected)}). Check ${level === 'unit' ? 'the unit row and its projects' : 'the grand total and the unit rows'}.`,
  };
}

export function missingSubtotal(m: Money, level: Level, role: AmountRole, expected: Int, count: number, units = 0): Bilingual {
  const fmt = m.text;
  const col = COLUMN_LABEL[role];
  const kids = childrenText(level, count, units);
  return {
    zh: `${col.zh}为空,而${kids.zh}为 ${fmt(expected)},已按此计入核对。请补填。`,
    en: `${col.en} is empty while ${kids.en} is ${fmt(expected)}; that sum was used for the checks. Fill it in.`,
  };
}

export function unparsableAmount(role: AmountRole, raw: string, reason: 'format' | 'precision' | 'range' | 'formula'): Bilingual {
  const col = COLUMN_LABEL[role];
  if (reason === 'formula') {
    return {
      zh: `${col.zh}「${raw}」是没有保存计算结果的公式,未计入核对。请先用 Excel 或 WPS 打开并保存该文件,再重新处理。`,
      en: `${col.en} "${raw}" is a formula whose value was never stored; it was left out of the checks. Open and save the file in Excel or WPS first, then run again.`,
    };
  }
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

/** A later table of the paste states another amount unit than the one its amounts are read in. */
export function otherTableUnit(stated: string, read: string): Bilingual {
  return {
    zh: `此表注明金额单位为${stated},而整份粘贴按${read}读取;此表的金额与核对可能差 10,000 倍。请把两张表分开规范化。`,
    en: `This table states its amounts in ${stated}, but the paste is read in ${read}: its amounts and checks may be 10,000 times off. Normalize the two tables apart.`,
  };
}

/** Hidden rows and columns with content: left out of the reading (or counted, when asked). */
export function hiddenCells(rows: readonly number[], cols: readonly string[], counted: boolean): Bilingual {
  const zhParts = [rows.length > 0 ? `第 ${rows.join('、')} 行` : '', cols.length > 0 ? `${cols.join('、')} 列` : ''].filter((x) => x);
  const enParts = [
    rows.length > 0 ? `row${rows.length > 1 ? 's' : ''} ${rows.join(', ')}` : '',
    cols.length > 0 ? `column${cols.length > 1 ? 's' : ''} ${cols.join(', ')}` : '',
  ].filter((x) => x);
  return counted
    ? {
        zh: `${zhParts.join('和 ')}是隐藏的,已按选项计入核对。`,
        en: `Hidden ${enParts.join(' and ')} ${rows.length + cols.length > 1 ? 'were' : 'was'} read and counted, as the options ask.`,
      }
    : {
        zh: `${zhParts.join('和 ')}是隐藏的,未读取,也未计入核对。如需计入,请在选项中勾选"计入隐藏行列"。`,
        en: `Hidden ${enParts.join(' and ')} ${rows.length + cols.length > 1 ? 'were' : 'was'} not read nor counted. To count them, turn on "count hidden rows and columns".`,
      };
}

/** A flag on a hidden cell says so: the user cannot see the cell it names. */
export function onHiddenCell(m: Bilingual): Bilingual {
  return { zh: `${m.zh}(该单元格在隐藏的行或列中。)`, en: `${m.en} (This cell is in a hidden row or column.)` };
}

export function amountShown(m: Money, role: AmountRole, shown: string, scaled: number): Bilingual {
  const col = COLUMN_LABEL[role];
  return {
    zh: `${col.zh}单元格显示为「${shown}」,实际值为 ${m.text(scaled)};核对按实际值计算。请确认单元格的数字格式。`,
    en: `The ${col.en} cell shows "${shown}" but holds ${m.text(scaled)}; the checks use the value. Check the cell's number format.`,
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

export function nameJoined(fragment: string, joined: string): Bilingual {
  return {
    zh: `「${fragment}」单独成行,已视为上一行项目名称的折行,合并为「${joined}」。请核对。`,
    en: `"${fragment}" stood on a row of its own and was read as the rest of the project name above: "${joined}". Check it.`,
  };
}

export function unreadRow(text: string): Bilingual {
  const t = text.length > 30 ? `${text.slice(0, 30)}…` : text;
  return {
    zh: `此行「${t}」未能识别(既不是项目、单位、合计,也不是表头或标题),其内容未计入结果。请核对,或在选项中指定版式。`,
    en: `This row ("${t}") could not be read as a project, unit, total, header or title; its content is not in the results. Check it, or state the layout in the options.`,
  };
}

const ROLE_NAME: Record<string, Bilingual> = {
  name: { zh: '名称', en: 'name' },
  unitName: { zh: '单位名称', en: 'unit name' },
  total: COLUMN_LABEL.total,
  fiscal: COLUMN_LABEL.fiscal,
  specialAccount: COLUMN_LABEL.specialAccount,
  other: COLUMN_LABEL.other,
  goal: COLUMN_LABEL.goal,
  indicators: COLUMN_LABEL.indicators,
};

export function roleUncertain(text: string, role: string): Bilingual {
  const r = ROLE_NAME[role] ?? { zh: role, en: role };
  return {
    zh: `「${text}」按名称相近识别为「${r.zh}」,并非确定。如有误,请在选项中指定版式(--layout)。`,
    en: `"${text}" was read as ${r.en} because its label resembles that name; this is not certain. If it is wrong, state the layout (--layout).`,
  };
}

export function tableRepeated(firstRow: number): Bilingual {
  return {
    zh: `此处起的表格与第 ${firstRow} 行起的表格相同(重复粘贴),已单独读取,金额不与前表相加。请删除重复部分。`,
    en: `The table from here repeats the table that starts at row ${firstRow} (pasted twice); it was read on its own and its amounts are not added to the first. Remove the copy.`,
  };
}

export function noName(): Bilingual {
  return {
    zh: '此行有金额或指标,但没有项目名称。请补填名称。',
    en: 'This row has amounts or indicators but no project name. Fill in the name.',
  };
}

export function noAmount(): Bilingual {
  return {
    zh: '该项目没有可识别的金额(总计、财政拨款、其他资金均为空)。请补填金额,或核对是否漏贴。',
    en: 'This project has no amount that can be read (total, fiscal and other funds are all empty). Fill them in, or check that none were lost in the paste.',
  };
}

export function encodingRepaired(bytes: number): Bilingual {
  return {
    zh: `文件中有 ${bytes} 个字节不是有效的 UTF-8,已替换为 �(首次出现在此单元格)。请对照原表核对,或将文件另存为 UTF-8 后重试。`,
    en: `${bytes} byte${bytes === 1 ? ' is' : 's are'} not valid UTF-8 and ${bytes === 1 ? 'was' : 'were'} replaced by � (first in this cell). Check against the source, or save the file as UTF-8 again.`,
  };
}

export function columnsCut(cells: number, first: string): Bilingual {
  return {
    zh: `此行在第 16,384 列(XFD)之后还有 ${cells} 个单元格(自 ${first} 起),超出 Excel 的列数上限,未读取也未写出。`,
    en: `This row has ${cells} more cell${cells === 1 ? '' : 's'} after column 16,384 (XFD), from ${first}: beyond Excel's last column, ${cells === 1 ? 'it was' : 'they were'} neither read nor written.`,
  };
}

export function cellCut(chars: number): Bilingual {
  return {
    zh: `此单元格有 ${chars} 个字符,超过 Excel 单元格上限 32,767:读取时用了全文,写出的副本截为 32,767 个字符。`,
    en: `This cell holds ${chars} characters, more than the 32,767 an Excel cell holds: the whole text was read; the copy written out is cut to 32,767.`,
  };
}

export function amountRounded(raw: string, rounded: string): Bilingual {
  return {
    zh: `公式结果 ${raw} 超过 4 位小数,已按 ${rounded} 计入。`,
    en: `The formula's value ${raw} has more than 4 decimals; it was taken as ${rounded}.`,
  };
}

/** The explanations of a mismatch, in the order they are preferred (checks/explain.ts). */
export const HINT_LABEL: Record<Hint, Bilingual> = {
  rounding: { zh: '舍入', en: 'rounding' },
  'unit-slip': { zh: '万元/元错位', en: 'unit slip' },
  'double-count': { zh: '重复计入', en: 'counted twice' },
  omission: { zh: '漏计', en: 'left out' },
  transposition: { zh: '数字颠倒', en: 'transposed digits' },
};

/** What a cell of the checks is, for a message: `B7 项目「维修」的总计`. */
export interface CellName {
  cell: string;
  name: string;
  role: AmountRole;
}
const named = (c: CellName): Bilingual => ({
  zh: `${c.cell}(${c.name === '' ? '' : `「${c.name}」的`}${COLUMN_LABEL[c.role].zh})`,
  en: `${c.cell} (${COLUMN_LABEL[c.role].en}${c.name === '' ? '' : ` of "${c.name}"`})`,
});

/** Other explanations that fit too, named after the first. */
function othersText(others: readonly Hint[]): Bilingual {
  if (others.length === 0) return { zh: '', en: '' };
  return {
    zh: ` 也可能是:${others.map((h) => HINT_LABEL[h].zh).join('、')}。`,
    en: ` It could also be: ${others.map((h) => HINT_LABEL[h].en).join(', ')}.`,
  };
}

/** A cell of a correction: the figure found and the one needed. */
export interface SlipCell {
  at: CellName;
  found: Int;
  needed: Int;
}

/**
 * What a hint's sentence needs, by hint. A whole row typed in the other unit is one fix of several
 * cells: the first cell's flag names the others to change too (`also`); each other cell's flag says
 * which cell leads the fix (`partOf`).
 */
export type HintFacts =
  | { hint: 'rounding'; diff: Int; summands: number; last: Int }
  | {
      hint: 'unit-slip';
      at: CellName;
      found: Int;
      needed: Int;
      bigger: boolean;
      also?: readonly SlipCell[];
      partOf?: string;
    }
  | { hint: 'transposition'; at: CellName; found: Int; needed: Int }
  | { hint: 'double-count'; at: CellName; diff: Int; needed: Int }
  | { hint: 'omission'; at: CellName; diff: Int; needed: Int };
type FactsOf<H extends Hint> = Extract<HintFacts, { hint: H }>;

/** Each hint's sentence, naming the likely fix: one entry per hint, nothing else to touch when one is added. */
const HINT_TEXT: { [H in Hint]: (m: Money, f: FactsOf<H>) => Bilingual } = {
  rounding: (m, f) => ({
    zh: `提示:差额 ${m.text(f.diff)} 不超过 ${f.summands} 个加数各自的舍入误差(每个至多末位 ${m.text(f.last)} 的一半),多半是四舍五入所致,不是错误。`,
    en: `Hint: the difference ${m.text(f.diff)} is within the rounding of ${f.summands} summands (each at most half of the last decimal, ${m.text(f.last)}): most likely rounding, not an error.`,
  }),
  'unit-slip': (m, f) => {
    const c = named(f.at);
    const [found, needed] = [m.text(f.found), m.text(f.needed)];
    const one = f.bigger
      ? {
          zh: `提示:${c.zh}的 ${found} 约是使各合计相符的 ${needed} 的 10,000 倍,多半是把元填进了万元表。请改为 ${needed}。`,
          en: `Hint: ${c.en} ${found} is about 10,000 times the ${needed} that makes every sum hold: most likely 元 typed into a 万元 table. Change it to ${needed}.`,
        }
      : {
          zh: `提示:${c.zh}的 ${found} 约是使各合计相符的 ${needed} 的万分之一,多半是把万元填进了元表。请改为 ${needed}。`,
          en: `Hint: ${c.en} ${found} is about 1/10,000 of the ${needed} that makes every sum hold: most likely 万元 typed into a 元 table. Change it to ${needed}.`,
        };
    const row = f.also !== undefined && f.also.length > 0 ? rowFix(m, f.also) : f.partOf !== undefined ? partOfFix(f.partOf) : null;
    return row === null ? one : { zh: `${one.zh}${row.zh}`, en: `${one.en} ${row.en}` };
  },
  transposition: (m, f) => {
    const c = named(f.at);
    return {
      zh: `提示:差额是 9 的倍数;${c.zh}的 ${m.text(f.found)} 若两位相邻数字对调为 ${m.text(f.needed)},各合计即相符。请核对该数。`,
      en: `Hint: the difference is a multiple of 9; with two adjacent digits of ${c.en} swapped, ${m.text(f.found)} becomes ${m.text(f.needed)} and every sum holds. Check that figure.`,
    };
  },
  'double-count': (m, f) => {
    const c = named(f.at);
    return {
      zh: `提示:合计比下级之和多 ${m.text(f.diff)},正好是 ${c.zh}的金额,多半被重复计入。请把合计改为 ${m.text(f.needed)};${f.at.cell} 本身不必改。`,
      en: `Hint: the total exceeds the sum below by ${m.text(f.diff)}, exactly ${c.en}: most likely counted twice. Change the total to ${m.text(f.needed)}; ${f.at.cell} itself need not change.`,
    };
  },
  omission: (m, f) => {
    const c = named(f.at);
    return {
      zh: `提示:合计比下级之和少 ${m.text(f.diff)},正好是 ${c.zh}的金额,多半被漏计。请把合计改为 ${m.text(f.needed)};${f.at.cell} 本身不必改。`,
      en: `Hint: the total falls short of the sum below by ${m.text(f.diff)}, exactly ${c.en}: most likely left out. Change the total to ${m.text(f.needed)}; ${f.at.cell} itself need not change.`,
    };
  },
};

/** The lead of a row typed in the other unit: the row's other cells to change, each to its needed value. */
function rowFix(m: Money, also: readonly SlipCell[]): Bilingual {
  const zh = also.map((x) => `${x.at.cell}(${COLUMN_LABEL[x.at.role].zh})的 ${m.text(x.found)} 改为 ${m.text(x.needed)}`).join(',');
  const en = also.map((x) => `${x.at.cell} (${COLUMN_LABEL[x.at.role].en}) ${m.text(x.found)} to ${m.text(x.needed)}`).join(', ');
  return {
    zh: `整行都是如此:同一行还须把 ${zh};整行改正后各合计才都相符。`,
    en: `The whole row is in the other unit: in the same row, also change ${en}; every sum holds once the whole row is corrected.`,
  };
}

/** A cell of a row typed in the other unit, other than the first: the fix it is part of. */
function partOfFix(lead: string): Bilingual {
  return {
    zh: `整行都填错了单位:此格是 ${lead} 的提示所说整行改正的一部分。`,
    en: `The whole row is in the other unit: this cell is part of the one fix the hint at ${lead} states.`,
  };
}

/** A cell of a row typed in the other unit on which no sum was found off: what it holds (its hint follows). */
export function slipInRow(m: Money, role: AmountRole, found: Int): Bilingual {
  const col = COLUMN_LABEL[role];
  return {
    zh: `${col.zh} ${m.text(found)} 与本行其他金额一样,单位与表格不符。`,
    en: `${col.en} ${m.text(found)} is, like the rest of this row, not in the table's unit.`,
  };
}

/** A mismatch's message with its hint after it, and the other hints that fit too. */
export function withHint(m: Money, base: Bilingual, facts: HintFacts, others: readonly Hint[]): Bilingual {
  const text = (HINT_TEXT[facts.hint] as (m: Money, f: HintFacts) => Bilingual)(m, facts);
  const more = othersText(others);
  return { zh: `${base.zh} ${text.zh}${more.zh}`, en: `${base.en} ${text.en}${more.en}` };
}

export function explainedBy(base: Bilingual, cell: string): Bilingual {
  return {
    zh: `${base.zh} 改正 ${cell} 的提示所指之处后,此项也相符。`,
    en: `${base.en} Fixing what the hint at ${cell} points to fixes this too.`,
  };
}
