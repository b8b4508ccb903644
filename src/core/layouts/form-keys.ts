/**
 * form-keys.ts — a form's row as key/value pairs, wherever its keys stand.
 *
 * Owns: reading one row of a form as the pairs it holds (`项目名称 | X`, `资金总额 | 10000万元 |
 * 当年资金总额: | 10000万元`, `| 其中:财政拨款 | 24.998` under a merged label, `年度资金总额:16` glued),
 * keys in the vocabulary and keys outside it alike. A key outside the vocabulary stands where a key is
 * due (the row's first text, or the text after a value); a key's value is the next text, unless that
 * text is a key with a value of its own (`项目资金 | 年度资金总额 | 24.998`: 项目资金 is a label over
 * it). A word the vocabulary knows as a key is a value where a text key has nothing else
 * (`资金性质 | 一般公共预算`).
 */
import type { Cell } from '../input/grid';
import { cellText, normalizeLabel, trimSpaces } from '../input/text';
import { type FormKeyMatch, labelKey, matchFormKey } from '../input/vocabulary';
import { isNumber } from './funding';

/** A non-empty cell of a row. */
export interface Token {
  col: number;
  text: string;
  /** The key the text is in the vocabulary (or the user's mapping), or null. */
  key: FormKeyMatch | null;
}

/** One key of a row and its value. */
export interface KeyValue {
  col: number;
  /** The key's text as written. */
  text: string;
  /** The key as the vocabulary (or the user) knows it; null for a key outside the vocabulary. */
  key: FormKeyMatch | null;
  /** The key as compared, for a key outside the vocabulary too. */
  label: string;
  /** The value's text (glued to the key, or the next cell), or null when the key has none. */
  value: string | null;
  /** The value's column (the key's own for a glued value; the next column when there is none). */
  valueCol: number;
  /** A label over the keys after it (项目资金, 预算规模及资金用途 …): it has no value of its own. */
  labelOnly: boolean;
}

/** The non-empty cells of a row, with the key each is. */
export function tokensOf(cells: readonly Cell[], keys?: Readonly<Record<string, string>>): Token[] {
  const out: Token[] = [];
  for (let c = 0; c < cells.length; c++) {
    const text = trimSpaces(cellText(cells[c]));
    if (text !== '') out.push({ col: c, text, key: matchFormKey(text, keys) });
  }
  return out;
}

/** Roles whose key holds text rather than money: a word the vocabulary knows may be its value. */
const TEXT_ROLES: readonly string[] = ['name', 'info', 'purpose'];
/** Roles a key's value never is: a heading, a goal or an amount key stays a key. */
const NEVER_VALUE: readonly string[] = ['name', 'goal', 'purpose', 'funding', 'indicatorBlock', 'total'];

/** A key outside the vocabulary with its value glued after a colon (`项目负责人:张三`), or null. */
function gluedUnknown(text: string): { label: string; value: string } | null {
  const t = normalizeLabel(text);
  const colon = t.indexOf(':');
  if (colon <= 0 || colon > 12) return null;
  const label = t.slice(0, colon);
  if (/\d/.test(label)) return null;
  return { label, value: t.slice(colon + 1) };
}

/**
 * Whether `next`, a key of the vocabulary, is the value of the text key before it: the key before holds
 * text, `next` could be a word (it names no heading or total and has no value glued), and no number
 * after it is its value.
 */
function isWordValue(before: Token, next: Token, after: Token | undefined): boolean {
  const k = next.key as FormKeyMatch;
  if (before.key !== null && !TEXT_ROLES.includes(before.key.role)) return false;
  if (k.value !== null || NEVER_VALUE.includes(k.role)) return false;
  return after === undefined || after.key !== null || !isNumber(after.text);
}

/**
 * A funding label, a heading or a key outside the vocabulary over a key and its number (`资金安排情况 |
 * 市级补助 | 20`, `项目资金 | 本年度资金合计 | 金额(万元)`): a label, not a key with a value.
 */
function isLabelOver(t: Token, next: Token, after: Token | undefined): boolean {
  const label = t.key === null || t.key.role === 'funding' || t.key.role === 'purpose';
  if (!label || next.key !== null || !keyShaped(next.text) || isNumber(next.text) || after === undefined) return false;
  return isNumber(after.text) || (t.key?.role === 'funding' && after.key === null && /万元|元/.test(after.text));
}

/** Text that can be a key: a short label (not numbering alone), not a sentence. */
function keyShaped(text: string): boolean {
  const t = normalizeLabel(text);
  return t.length <= 20 && !/[。;!?]/.test(t) && labelKey(text).key !== '';
}

/** The key/value pairs of a row, left to right, and the texts that are neither (a number with no key). */
export function pairsOf(tokens: readonly Token[]): { pairs: KeyValue[]; loose: Token[] } {
  const pairs: KeyValue[] = [];
  const loose: Token[] = [];
  const push = (t: Token, label: string, value: string | null, valueCol: number, labelOnly = false): void => {
    pairs.push({ col: t.col, text: t.text, key: t.key, label, value, valueCol, labelOnly: labelOnly });
  };
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i] as Token;
    const next = tokens[i + 1];
    if (t.key !== null && t.key.value !== null) {
      push(t, t.key.key, t.key.value, t.col);
      i++;
      continue;
    }
    if (t.key === null) {
      if (isNumber(t.text) || !keyShaped(t.text)) {
        // A number where a key is due (a value whose key is elsewhere, a merged label above), or a
        // sentence: not a key.
        loose.push(t);
        i++;
        continue;
      }
      const glued = gluedUnknown(t.text);
      if (glued !== null && glued.value !== '') {
        push(t, glued.label, glued.value, t.col);
        i++;
        continue;
      }
    }
    const label = t.key?.key ?? normalizeLabel(t.text).replace(/:$/, '');
    if (next === undefined) {
      push(t, label, null, t.col + 1);
      i++;
    } else if (isLabelOver(t, next, tokens[i + 2])) {
      push(t, label, null, t.col + 1, true);
      i++;
    } else if (next.key === null || isWordValue(t, next, tokens[i + 2])) {
      push(t, label, next.text, next.col);
      i += 2;
    } else {
      // A key followed by a key: a label over it (项目资金 | 年度资金总额 | …), or a key left empty.
      push(t, label, null, t.col + 1, t.key === null || t.key.role === 'funding' || t.key.role === 'purpose');
      i++;
    }
  }
  return { pairs, loose };
}
