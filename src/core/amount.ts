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
import { cellText, normalizeLabel, stripSpaces, toHalfWidth } from './text';

export const SCALE = 10_000;
export const SCALE_DIGITS = 4;
/** The largest whole-unit magnitude we accept, keeping every sum of 100k amounts a safe integer. */
const MAX_UNITS = 90_000_000_000; // 9e10 units × 1e4 = 9e14 < 2^53 / 10

export type AmountUnit = '万元' | '元';

export type AmountParse =
  | { kind: 'empty' }
  | { kind: 'value'; scaled: number; unit: AmountUnit | null; dash: boolean }
  | { kind: 'unparsable'; raw: string; reason: 'format' | 'precision' | 'range' };

const EMPTY: AmountParse = { kind: 'empty' };

function isDashCode(c: number): boolean {
  return (
    c === 0x2d || // -
    (c >= 0x2010 && c <= 0x2015) || // ‐ ‑ ‒ – — ―
    c === 0x2212 || // −
    c === 0x2500 || c === 0x2501 || // ─ ━
    c === 0xfe58 || c === 0xfe63 || // ﹘ ﹣
    c === 0x30fc // ー (katakana long mark, an OCR look-alike)
  );
}

/** Parse an integer string of digits and an optional fraction into a scaled integer. */
function scaleDigits(intPart: string, fracPart: string): number | 'precision' | 'range' {
  // Trailing zeros beyond 4 decimals are harmless (`1.500000`).
  let frac = fracPart;
  while (frac.length > SCALE_DIGITS && frac.charCodeAt(frac.length - 1) === 0x30) frac = frac.slice(0, -1);
  if (frac.length > SCALE_DIGITS) return 'precision';
  let i = 0;
  while (i < intPart.length - 1 && intPart.charCodeAt(i) === 0x30) i++;
  const int = intPart.slice(i);
  if (int.length > 11) return 'range';
  const units = int === '' ? 0 : Number(int);
  if (units > MAX_UNITS) return 'range';
  const fracScaled = frac === '' ? 0 : Number(frac.padEnd(SCALE_DIGITS, '0'));
  return units * SCALE + fracScaled;
}

const NUMBER_BODY = /^(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/;

/**
 * Parse one cell into an amount. Never throws. Numbers stay exact to 4 decimals; text with
 * more precision, letters or broken digit grouping is `unparsable` and keeps its raw text.
 */
export function parseAmount(v: unknown): AmountParse {
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === 'number') return parseNumberCell(v);
  if (typeof v === 'boolean') return { kind: 'unparsable', raw: String(v), reason: 'format' };
  const raw = cellText(v);
  let s = stripSpaces(toHalfWidth(raw));
  if (s === '') return EMPTY;
  // A dash, however it was typed, means a zero that the table states explicitly.
  let allDash = true;
  for (let i = 0; i < s.length; i++) {
    if (!isDashCode(s.charCodeAt(i))) {
      allDash = false;
      break;
    }
  }
  if (allDash) return { kind: 'value', scaled: 0, unit: null, dash: true };
  if (s.length > 40) return { kind: 'unparsable', raw, reason: 'format' };
  // Currency sign in front, unit glued behind.
  if (s.charCodeAt(0) === 0xffe5 || s.charCodeAt(0) === 0xa5) s = s.slice(1);
  let unit: AmountUnit | null = null;
  if (s.endsWith('万元')) {
    unit = '万元';
    s = s.slice(0, -2);
  } else if (s.endsWith('万')) {
    unit = '万元';
    s = s.slice(0, -1);
  } else if (s.endsWith('元')) {
    unit = '元';
    s = s.slice(0, -1);
  }
  let sign = 1;
  if (s.length > 0 && isDashCode(s.charCodeAt(0)) && s.length > 1 && /\d|\./.test(s[1] as string)) {
    sign = -1;
    s = s.slice(1);
  } else if (s.charCodeAt(0) === 0x2b /* + */) {
    s = s.slice(1);
  }
  const m = NUMBER_BODY.exec(s);
  if (m === null) return { kind: 'unparsable', raw, reason: 'format' };
  const intPart = (m[1] ?? '').replace(/,/g, '');
  const fracPart = m[2] ?? '';
  if (intPart === '' && fracPart === '') return { kind: 'unparsable', raw, reason: 'format' };
  const scaled = scaleDigits(intPart, fracPart);
  if (typeof scaled !== 'number') return { kind: 'unparsable', raw, reason: scaled };
  return { kind: 'value', scaled: sign * scaled === 0 ? 0 : sign * scaled, unit, dash: false };
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

/** The scaled integer as a JS number in the table's unit (exact to the nearest double). */
export function toNumber(scaled: number): number {
  return scaled / SCALE;
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

/**
 * Shift a scaled amount's decimal point to express it in another unit, as a JS number. Used
 * for output only (`--unit`): 元 → 万元 needs up to 8 decimals, which the decimal string keeps.
 */
export function toNumberIn(scaled: number, from: AmountUnit, to: AmountUnit): number {
  if (from === to) return toNumber(scaled);
  const shift = from === '元' ? SCALE_DIGITS * 2 : 0; // decimals of the result
  const neg = scaled < 0;
  const digits = String(Math.abs(scaled));
  if (from === '元') {
    const padded = digits.padStart(shift + 1, '0');
    return Number((neg ? '-' : '') + padded.slice(0, -shift) + '.' + padded.slice(-shift));
  }
  return scaled; // 万元 → 元: the scaled integer in 万元 is the amount in 元
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
