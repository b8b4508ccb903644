/**
 * target.ts — one indicator target value (实施周期指标值 / 年度指标值).
 *
 * Owns: turning target text such as `≥95%`, `≧98百分比`, `不低于30人`, `5.4万宗`, `1次/月`
 * or `与去年同比提升` into `{raw, op, value, unit}`. A quantified target has an op
 * (`≥ ≤ > < =`, a bare number meaning `=`), a number and a unit (`''` when none).
 * A qualitative target (words, dates, periods) keeps its raw text with op, value and unit null.
 */
import { squeezeSpaces, toHalfWidth, stripSpaces } from '../input/text';
import type { Op, Target } from '../contract/model';

export type { Op, Target };

/** Comparator words and symbols, longest first so that 大于等于 wins over 大于. */
const OP_WORDS: ReadonlyArray<readonly [string, Op]> = [
  ['大于或等于', '≥'],
  ['大于等于', '≥'],
  ['小于或等于', '≤'],
  ['小于等于', '≤'],
  ['不低于', '≥'],
  ['不少于', '≥'],
  ['不小于', '≥'],
  ['至少', '≥'],
  ['不超过', '≤'],
  ['不高于', '≤'],
  ['不多于', '≤'],
  ['不大于', '≤'],
  ['最多', '≤'],
  ['大于', '>'],
  ['高于', '>'],
  ['超过', '>'],
  ['多于', '>'],
  ['小于', '<'],
  ['低于', '<'],
  ['少于', '<'],
  ['等于', '='],
  ['>=', '≥'],
  ['<=', '≤'],
  ['≥', '≥'],
  ['≧', '≥'],
  ['⩾', '≥'],
  ['≤', '≤'],
  ['≦', '≤'],
  ['⩽', '≤'],
  ['>', '>'],
  ['<', '<'],
  ['=', '='],
];

/** Suffixes that turn a bare number into a bound: `95%以上` is ≥ 95 %. */
const BOUND_SUFFIXES: ReadonlyArray<readonly [string, Op]> = [
  ['及以上', '≥'],
  ['以上', '≥'],
  ['及以下', '≤'],
  ['以下', '≤'],
  ['以内', '≤'],
];

const NUMBER = /^(\d+(?:\.\d+)?)/;
/** Dates and periods (`2023.07-2024.01`, `12月底到位`, `2025年年底前`) are not quantities. */
const DATE_LIKE = /^\d{4}[.\-/年]\d{0,2}|^\d{1,2}月|^\d{4}年|^\d+(?:\.\d+)?[-~至到]\d/;
const MAX_UNIT_LENGTH = 8;

const qualitative = (raw: string): Target => ({ raw, op: null, value: null, unit: null });

/** Normalise a target's text for comparison: half-width, no whitespace, 百分比 → %. */
function canonical(raw: string): string {
  return stripSpaces(toHalfWidth(raw))
    .replace(/百分比/g, '%')
    .replace(/％/g, '%');
}

export function parseTarget(rawText: string): Target | null {
  const raw = squeezeSpaces(rawText);
  if (raw === '') return null;
  let s = canonical(raw);
  if (s.length > 200) return qualitative(raw);
  let op: Op | null = null;
  for (const [word, o] of OP_WORDS) {
    if (s.startsWith(word)) {
      op = o;
      s = s.slice(word.length);
      break;
    }
  }
  // OCR reads `=` as the character 二 (`二100百分比`, domain.md): a 二 straight before a digit is `=`.
  if (op === null && /^二\d/.test(s)) {
    op = '=';
    s = s.slice(1);
  }
  let tolerance = false;
  if (op === null && (s.startsWith('±') || s.startsWith('+-'))) {
    tolerance = true;
    s = s.slice(s.startsWith('±') ? 1 : 2);
  }
  if (op === null && !tolerance && DATE_LIKE.test(s)) return qualitative(raw);
  const m = NUMBER.exec(s);
  if (m === null) return qualitative(raw);
  const value = Number(m[1]);
  let unit = s.slice((m[1] as string).length);
  for (const [suffix, o] of BOUND_SUFFIXES) {
    if (unit.endsWith(suffix)) {
      if (op === null) op = o;
      unit = unit.slice(0, -suffix.length);
      break;
    }
  }
  if (tolerance) op = op ?? '≤';
  if (unit.length > MAX_UNIT_LENGTH || /[,;:。、()]/.test(unit) || /\d/.test(unit)) return qualitative(raw);
  return { raw, op: op ?? '=', value, unit };
}
