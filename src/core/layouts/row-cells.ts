/**
 * row-cells.ts — the small tests on a row's cells that every layout reader uses.
 *
 * Owns: a blank cell, a line of a title block, a grand-total label, a repeated header's first cell,
 * and the amount columns a header names, in order.
 */
import type { AmountRole } from '../contract/roles';
import type { Cell } from '../input/grid';
import { isBlankText, normalizeLabel } from '../input/text';
import { ColumnMap, roleOfLabel } from '../input/vocabulary';
import { AMOUNT_ROLES } from '../contract/roles';

export function isBlankCell(v: Cell): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return isBlankText(v);
  return false;
}

const GRAND_TOTAL = /^(?:合计|总计|总合计|合计数|全部合计|总计数)$/;

/** A line of a title block: the table's title, its number, year, unit or the unit that compiled it. */
const TITLE_LINE =
  /绩效(?:目标)?(?:申报|批复|申报批复)?表|^(?:附)?表[一二三四五六七八九十\d]+$|^\(?\d{4}年度?\)?$|^(?:金额|计量)?单位:|单位:万?元|编制单位|填报单位|金额单位|^第\d+页|^附件\d*$|^附表/;

/**
 * True for text that reads as a line of a title block (`表十二`, `2023年…绩效目标表`, `单位:万元`). A unit line
 * starts the text or states money (`单位:万元`); `实施单位:XX中心` is a form's key, not a title.
 */
export function isTitleLine(text: string): boolean {
  return text.length <= 80 && TITLE_LINE.test(normalizeLabel(text));
}

/** The amount columns named by the header, in left-to-right order. */
export function amountColumns(cols: ColumnMap): Array<[AmountRole, number]> {
  const list: Array<[AmountRole, number]> = [];
  for (const role of AMOUNT_ROLES) {
    const c = cols[role];
    if (c !== undefined) list.push([role, c]);
  }
  return list.sort((a, b) => a[1] - b[1]);
}

/** Cheap pre-test for a repeated header row: its first cell names a role. */
const HEADER_WORDS = /名\s*称|[总合]\s*计|预\s*算|金\s*额|资\s*金|拨\s*款|目\s*标|指\s*标/;
export function mayBeHeaderName(v: Cell): boolean {
  return typeof v === 'string' && v.length <= 40 && HEADER_WORDS.test(v) && roleOfLabel(v) !== null;
}
/** 合计 / 总计 and their variants: the label of a grand-total row. */
export function isGrandTotalName(name: string): boolean {
  return name.length <= 12 && name.includes('计') && GRAND_TOTAL.test(normalizeLabel(name));
}

/**
 * A note or a signature under a table: `注:`, `说明:`, and the signature words with their colon (`填报人:`,
 * `审核人:`, `联系电话:`, `填报日期:`, `单位负责人:`) or alone in their cell. A project named 负责人培训经费 or
 * 联系电话费补助 is no signature.
 */
const NOTE = /^(?:注|注释|说明|填表说明|附注)\s*\d*\s*[:：.、]/;
const SIGNATURE =
  /^(?:填报人|填表人|审核人|复核人|联系电话|联系人|填报日期|填表日期|单位负责人|部门负责人|财务负责人|制表人|制表日期|负责人|经办人)\s*(?:[:：]|$)/;
/** A note or signature line: its first text says so. */
export function isNoteText(text: string): boolean {
  const t = text.trim();
  const squeezed = normalizeLabel(t).replace(/\s+/g, '');
  return NOTE.test(squeezed) || NOTE.test(t) || SIGNATURE.test(squeezed) || SIGNATURE.test(t);
}
