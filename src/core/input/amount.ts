/**
 * amount.ts — money as exact scaled integers.
 *
 * Owns: parsing every amount form that PDF pastes produce (OCR spaces, full-width digits,
 * thousands separators, glued 万/万元/元, dashes, numeric cells), formatting amounts back
 * to text, and detecting a table's amount unit from its title rows.
 *
 * An amount is an integer number of 1/10,000 of the table's unit (4 decimal places, enough
 * for 万元 tables such as `2279.048`). All arithmetic on amounts is integer arithmetic on
 * safe integers; nothing here ever produces a float sum or reads bad input as 0.
 */
import { type AmountUnit, SCALE, SCALE_DIGITS } from '../contract/money';
import { isShownNumber, type ShownNumber } from './grid';
import { cellText, isDash, isSpace, normalizeLabel, trimSpaces } from './text';

/** The largest whole-unit magnitude we accept, keeping every sum of 100k amounts a safe integer. */
const MAX_UNITS = 90_000_000_000; // 9e10 units × 1e4 = 9e14 < 2^53 / 10

export type AmountParse =
  | { kind: 'empty' }
  | {
      kind: 'value';
      scaled: number;
      unit: AmountUnit | null;
      dash: boolean;
      /** The text the cell shows, where its number format shows another amount (the value is read; this is flagged). */
      shown?: string;
    }
  | { kind: 'unparsable'; raw: string; reason: 'format' | 'precision' | 'range' | 'formula' };

const EMPTY: AmountParse = Object.freeze({ kind: 'empty' }) as AmountParse;

const enum Ch {
  Space = 0x20,
  Comma = 0x2c,
  Dot = 0x2e,
  Plus = 0x2b,
  Zero = 0x30,
  Nine = 0x39,
  Wan = 0x4e07, // 万
  Yuan = 0x5143, // 元
}

/** Map full-width digits and punctuation to ASCII codes; other codes unchanged. */
function fold(c: number): number {
  if (c >= 0xff10 && c <= 0xff19) return c - 0xfee0; // ０-９
  if (c === 0xff0c || c === 0x3001 || c === 0xff64) return Ch.Comma; // ， 、 ､
  if (c === 0xff0e || c === 0x3002) return Ch.Dot; // ． 。
  if (c === 0xff0b) return Ch.Plus;
  if (c === 0xff0d) return 0x2d;
  return c;
}

/**
 * Parse amount text in one pass: OCR spaces anywhere, full-width forms, `¥`, a sign,
 * thousands separators (groups of three), a fraction of up to 4 digits (more only when the
 * extra digits are zeros), and a glued 万/万元/元.
 */
function parseAmountText(text: string): AmountParse {
  // Whitespace around the number is not part of it, nor of the text kept when it cannot be read.
  const raw = trimSpaces(text);
  const n = raw.length;
  let i = 0;
  let allDash = true;
  let any = false;
  for (let k = 0; k < n; k++) {
    const c = raw.charCodeAt(k);
    if (isSpace(c)) continue;
    any = true;
    if (!isDash(fold(c))) {
      allDash = false;
      break;
    }
  }
  if (!any) return EMPTY;
  if (allDash) return DASH;
  // A formula's text: a file whose formulas were never calculated.
  if (raw.trimStart().startsWith('=')) return { kind: 'unparsable', raw, reason: 'formula' };
  if (n > 60) return { kind: 'unparsable', raw, reason: 'format' };
  const bad = (reason: 'format' | 'precision' | 'range' = 'format'): AmountParse => ({ kind: 'unparsable', raw, reason });
  let sign = 1;
  let units = 0;
  let intDigits = 0;
  let frac = 0;
  let fracDigits = 0;
  let extraFracNonZero = false;
  let sawDot = false;
  let sawSign = false;
  let sawCurrency = false;
  let groupLen = -1; // digits since the last comma; -1 before any comma
  let firstGroup = 0;
  let unit: AmountUnit | null = null;
  let yuanAfterWan = false;
  // A space between two digits is a thousands separator only where the groups are right (`1 234.50`);
  // `12 34` is two numbers, and `119 119` (no decimals) is a number printed twice.
  let lastWasDigit = false;
  let spaceAfterDigit = false;
  let spaceGrouped = false;
  for (; i < n; i++) {
    const c = fold(raw.charCodeAt(i));
    if (isSpace(c)) {
      if (lastWasDigit) spaceAfterDigit = true;
      continue;
    }
    const digit = c >= Ch.Zero && c <= Ch.Nine;
    if (digit && spaceAfterDigit) {
      if (sawDot || (groupLen < 0 ? firstGroup > 3 : groupLen !== 3)) return bad();
      groupLen = 0;
      spaceGrouped = true;
    }
    lastWasDigit = digit;
    spaceAfterDigit = false;
    if (unit !== null) {
      // Only 元 may follow 万; nothing may follow 元.
      if (c === Ch.Yuan && unit === '万元' && !yuanAfterWan) {
        yuanAfterWan = true;
        continue;
      }
      return bad();
    }
    if (c >= Ch.Zero && c <= Ch.Nine) {
      const d = c - Ch.Zero;
      if (sawDot) {
        if (fracDigits < SCALE_DIGITS) frac = frac * 10 + d;
        else if (d !== 0) extraFracNonZero = true;
        fracDigits++;
      } else {
        if (intDigits > 0 || d !== 0) units = units * 10 + d;
        intDigits++;
        if (groupLen >= 0) groupLen++;
        else firstGroup++;
      }
      continue;
    }
    if (c === Ch.Comma) {
      if (sawDot || intDigits === 0) return bad();
      if (groupLen < 0 ? firstGroup > 3 : groupLen !== 3) return bad();
      groupLen = 0;
      continue;
    }
    if (c === Ch.Dot) {
      if (sawDot) return bad();
      sawDot = true;
      continue;
    }
    if (c === Ch.Wan || c === Ch.Yuan) {
      if (intDigits === 0 && fracDigits === 0) return bad();
      unit = c === Ch.Wan ? '万元' : '元';
      continue;
    }
    const beforeNumber = intDigits === 0 && !sawDot;
    if (beforeNumber && !sawSign && (isDash(c) || c === Ch.Plus)) {
      sawSign = true;
      if (c !== Ch.Plus) sign = -1;
      continue;
    }
    if (beforeNumber && !sawSign && !sawCurrency && (c === 0xa5 || c === 0xffe5)) {
      sawCurrency = true;
      continue;
    }
    return bad();
  }
  if (intDigits === 0 && fracDigits === 0) return bad();
  if (groupLen >= 0 && groupLen !== 3) return bad();
  if (spaceGrouped && !sawDot) return bad();
  if (extraFracNonZero) return bad('precision');
  if (units > MAX_UNITS) return bad('range');
  for (let k = Math.min(fracDigits, SCALE_DIGITS); k < SCALE_DIGITS; k++) frac *= 10;
  const scaled = units * SCALE + frac;
  return { kind: 'value', scaled: scaled === 0 ? 0 : sign * scaled, unit, dash: false };
}

const DASH: AmountParse = Object.freeze({ kind: 'value', scaled: 0, unit: null, dash: true }) as AmountParse;

/**
 * Parse one cell into an amount. Never throws. Numbers stay exact to 4 decimals; text with
 * more precision, letters or broken digit grouping is `unparsable` and keeps its raw text.
 */
export function parseAmount(v: unknown): AmountParse {
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === 'number') return parseNumberCell(v);
  if (typeof v === 'boolean') return { kind: 'unparsable', raw: String(v), reason: 'format' };
  if (isShownNumber(v)) return parseShownNumber(v);
  return parseAmountText(cellText(v));
}

/**
 * A number with the text its format shows: the value is the amount (the shown text may be rounded);
 * where the text says another amount (`1,250.00` for 1,250.004), the parse carries it.
 */
function parseShownNumber(v: ShownNumber): AmountParse {
  // A number shown as a percentage (`100%` for 1) is a rate, not money: it reads as the text the user
  // sees, as a pasted `100%` does.
  if (v.text.includes('%')) return parseAmountText(v.text);
  const p = parseNumberCell(v.value);
  if (p.kind !== 'value') return p;
  const t = parseAmountText(v.text);
  return t.kind === 'value' && t.unit === null && t.scaled === p.scaled ? p : { ...p, shown: v.text };
}

function parseNumberCell(n: number): AmountParse {
  if (!Number.isFinite(n)) return { kind: 'unparsable', raw: String(n), reason: 'format' };
  if (Math.abs(n) > MAX_UNITS) return { kind: 'unparsable', raw: String(n), reason: 'range' };
  const x = n * SCALE;
  const r = Math.round(x);
  // A binary float such as 13586.01 is 135860100.00000001 when scaled: that is the same
  // decimal. A value with real digits past the 4th decimal is not, and is not rounded away.
  if (Math.abs(x - r) > 1e-6 * Math.max(1, Math.abs(x)) * 1e-3) {
    return { kind: 'unparsable', raw: String(n), reason: 'precision' };
  }
  return { kind: 'value', scaled: r === 0 ? 0 : r, unit: null, dash: false };
}

/**
 * Format a scaled amount as text: thousands separators, at least `minDecimals` decimals and
 * as many more (up to 4) as the value needs, so that `parseAmount(formatAmount(x))` is `x`.
 */
export function formatAmount(scaled: number, minDecimals = 2, grouping = true): string {
  const neg = scaled < 0;
  const abs = Math.abs(scaled);
  const units = Math.floor(abs / SCALE);
  let frac = String(abs % SCALE).padStart(SCALE_DIGITS, '0');
  while (frac.length > minDecimals && frac.endsWith('0')) frac = frac.slice(0, -1);
  let int = String(units);
  if (grouping) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + int + (frac.length > 0 ? '.' + frac : '');
}

/** Convert a scaled amount between units; null when the result is not exact at 4 decimals. */
export function convertScaled(scaled: number, from: AmountUnit, to: AmountUnit): number | null {
  if (from === to) return scaled;
  if (from === '万元') {
    const r = scaled * SCALE;
    return Number.isSafeInteger(r) ? r : null;
  }
  return scaled % SCALE === 0 ? scaled / SCALE : null;
}

const UNIT_LABEL = /(?:金额|计量)?单位[:]?(万元|元)/;

/** Find `单位:万元` / `金额单位:元` (or `(万元)` in a header cell) in a label. */
export function unitFromLabel(text: string): AmountUnit | null {
  if (text.length > 60) return null;
  const t = normalizeLabel(text);
  const m = UNIT_LABEL.exec(t);
  if (m) return m[1] as AmountUnit;
  const p = /\((万元|元)\)$/.exec(t);
  return p ? (p[1] as AmountUnit) : null;
}
