/**
 * number-format.ts — a number as its cell shows it: Excel's number formats, the part of them tables use.
 *
 * Owns: rendering a cell's value with its number format (`0%` → `100%`, `yyyy"年"m"月"d"日"` → a date as
 * written, `#,##0.00` → `1,250.00`), so that the pane and the CLI give the core what the user sees; and
 * deciding when that matters. A format this module does not understand renders nothing: the value is
 * then read as it is, never guessed. Sections (`pos;neg;zero`), quoted and escaped literals, colours and
 * locale tags, percent (a quoted `"%"` is text), thousands separators, a thousand's scaling (`#,##0,`),
 * literals among the integer digits (`0"."0000`, `000-0000`), decimals and the date and time tokens are
 * understood; fractions, scientific notation, literals among the decimals and Chinese numerals ([DBNum])
 * are not.
 */
import type { Cell } from './grid';

/** Days from 1899-12-30 (Excel's day 0, after its 1900 leap-year bug) to 1970-01-01. */
const EPOCH_OFFSET = 25_569;
const DAY_MS = 86_400_000;

/** Literal text (`q`: quoted, escaped or a `_` space: never a placeholder), or a date/time token. */
type Part = { lit: string; q?: true } | { tok: string };

/** A format section as literals and tokens: quoted text, escapes, [colour]/[$-804] tags dropped. */
function tokenize(section: string): Part[] | null {
  const out: Part[] = [];
  let i = 0;
  while (i < section.length) {
    const ch = section[i] as string;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      if (end < 0) return null;
      out.push({ lit: section.slice(i + 1, end), q: true });
      i = end + 1;
    } else if (ch === '\\' || ch === '!') {
      // `\x` and `!x` (WPS and older files write the latter): the next character as it is.
      out.push({ lit: section[i + 1] ?? '', q: true });
      i += 2;
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      if (end < 0) return null;
      const tag = section.slice(i + 1, end);
      // Elapsed time ([h]) and Chinese numerals ([DBNum1]) are not rendered here.
      if (/^(?:h+|m+|s+)$/i.test(tag) || /^DBNum/i.test(tag)) return null;
      i = end + 1;
    } else if (ch === '_') {
      // A space the width of the next character.
      out.push({ lit: ' ', q: true });
      i += 2;
    } else if (ch === '*') {
      // A fill: as wide as the column, nothing of the value.
      i += 2;
    } else if (/[yYmMdDhHsS]/.test(ch)) {
      let j = i;
      while (j < section.length && section[j]?.toLowerCase() === ch.toLowerCase()) j++;
      out.push({ tok: section.slice(i, j).toLowerCase() });
      i = j;
    } else if (section.startsWith('AM/PM', i) || section.startsWith('am/pm', i)) {
      out.push({ tok: 'ampm' });
      i += 5;
    } else if (section.startsWith('上午/下午', i)) {
      out.push({ tok: 'ampm-zh' });
      i += 5;
    } else {
      out.push({ lit: ch });
      i++;
    }
  }
  return out;
}

/** `x` × 10^`e`, decimally (no binary error from multiplying): by its shortest decimal form's exponent. */
function shift(x: number, e: number): number {
  const [m = '0', exp = '0'] = x.toExponential().split('e');
  return Number(`${m}e${Number(exp) + e}`);
}

/** Decimal rounding of |x| to `d` places, half away from zero, as Excel shows it. */
function fixed(x: number, d: number): string {
  const r = Math.round(shift(Math.abs(x), d));
  return shift(r, -d).toFixed(d);
}

/** One character of a number section: `q` for a literal that is never a placeholder. */
interface Ch {
  c: string;
  q: boolean;
}

const isPlaceholder = (x: Ch): boolean => !x.q && (x.c === '0' || x.c === '#' || x.c === '?');
const isPlain = (x: Ch, c: string): boolean => !x.q && x.c === c;
/** What an unfilled placeholder shows: `0` a zero, `?` a space, `#` nothing. */
const unfilled = (x: Ch): string => (x.c === '0' ? '0' : x.c === '?' ? ' ' : '');

function renderNumber(value: number, parts: Part[]): string | null {
  const chars: Ch[] = parts.flatMap((p) => ('lit' in p ? [...p.lit].map((c) => ({ c, q: p.q === true })) : []));
  const first = chars.findIndex(isPlaceholder);
  // No digit placeholder: the section is text alone (`"-"` for zero).
  if (first < 0) return chars.map((x) => x.c).join('');
  let last = first;
  for (let k = first; k < chars.length; k++)
    if (isPlaceholder(chars[k] as Ch) || isPlain(chars[k] as Ch, ',') || isPlain(chars[k] as Ch, '.')) last = k;
  const body = chars.slice(first, last + 1);
  if (body.some((x) => !x.q && /[eE/]/.test(x.c))) return null;
  const text = (xs: Ch[]): string => xs.map((x) => x.c).join('');
  const prefix = chars.slice(0, first);
  const suffix = chars.slice(last + 1);
  const percents = [...prefix, ...suffix].filter((x) => isPlain(x, '%')).length;
  const dot = body.findIndex((x) => isPlain(x, '.'));
  // Commas right of the last digit placeholder scale by a thousand each (`#,##0,` shows thousands,
  // `0.00,,` millions), before the decimal point or after the decimals.
  let bodyEnd = body.length;
  while (bodyEnd > 0 && isPlain(body[bodyEnd - 1] as Ch, ',')) bodyEnd--;
  const afterDecimals = dot < 0 ? 0 : body.length - bodyEnd;
  const intBody = dot < 0 ? body : body.slice(0, dot);
  const fracBody = dot < 0 ? [] : body.slice(dot + 1, bodyEnd);
  let end = intBody.length;
  while (end > 0 && isPlain(intBody[end - 1] as Ch, ',')) end--;
  const commas = intBody.length - end + afterDecimals;
  const intCore = intBody.slice(0, end);
  const grouped = intCore.some((x) => isPlain(x, ','));
  const intLiterals = intCore.filter((x) => !isPlaceholder(x) && !isPlain(x, ','));
  // Literals among the decimals, or grouping with literals among the integer digits: not rendered here.
  if (fracBody.some((x) => !isPlaceholder(x)) || (grouped && intLiterals.length > 0)) return null;
  const decimals = fracBody.length;
  const minDecimals = fracBody.filter((x) => x.c === '0').length;
  const slots = intCore.filter((x) => !isPlain(x, ','));
  const minInt = slots.filter((x) => isPlaceholder(x) && x.c === '0').length;
  const scaled = shift(value, 2 * percents - 3 * commas);
  // Beyond 10^21 JavaScript writes digits with an exponent: not rendered (the value stands).
  if (Math.abs(scaled) >= 1e21) return null;
  let [int = '0', frac = ''] = fixed(scaled, decimals).split('.');
  while (frac.length > minDecimals && frac.endsWith('0')) frac = frac.slice(0, -1);
  if (int === '0' && minInt === 0) int = '';
  let shown: string;
  if (intLiterals.length === 0) {
    shown = int.padStart(minInt, '0');
    if (grouped) shown = shown.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  } else {
    // Literals among the digits (`0"."0000`, `000-0000`): the digits fill the placeholders from the right,
    // the leftmost placeholder takes all that are left.
    const leftmost = slots.findIndex(isPlaceholder);
    let i = int.length;
    shown = '';
    for (let k = slots.length - 1; k >= 0; k--) {
      const x = slots[k] as Ch;
      if (!isPlaceholder(x)) shown = x.c + shown;
      else if (k === leftmost) {
        shown = (i > 0 ? int.slice(0, i) : unfilled(x)) + shown;
        i = 0;
      } else if (i > 0) {
        shown = int[i - 1] + shown;
        i--;
      } else shown = unfilled(x) + shown;
    }
  }
  const decimalsShown = frac.length > 0 || (dot >= 0 && minDecimals > 0) ? `.${frac}` : '';
  return text(prefix) + shown + decimalsShown + text(suffix);
}

function renderDate(value: number, parts: Part[]): string | null {
  if (value < 0 || value > 2_958_465) return null;
  // Excel's day 60 is 1900-02-29, which never was; days before it are one day off from the real calendar.
  const days = value < 61 ? value + 1 : value;
  const ms = Math.round((days - EPOCH_OFFSET) * DAY_MS);
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth() + 1;
  const da = d.getUTCDate();
  const hasAmPm = parts.some((p) => 'tok' in p && p.tok.startsWith('ampm'));
  const h24 = d.getUTCHours();
  const h = hasAmPm ? ((h24 + 11) % 12) + 1 : h24;
  const mi = d.getUTCMinutes();
  const se = d.getUTCSeconds();
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  let out = '';
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k] as Part;
    if ('lit' in p) {
      out += p.lit;
      continue;
    }
    const t = p.tok;
    // `m` is minutes right after an hour or right before a second, months elsewhere.
    const prev = parts
      .slice(0, k)
      .reverse()
      .find((x) => 'tok' in x) as { tok: string } | undefined;
    const next = parts.slice(k + 1).find((x) => 'tok' in x) as { tok: string } | undefined;
    const minutes = t[0] === 'm' && t.length <= 2 && (prev?.tok[0] === 'h' || next?.tok[0] === 's');
    if (t[0] === 'y') out += t.length <= 2 ? pad(y % 100, 2) : String(y);
    else if (minutes) out += t.length === 1 ? String(mi) : pad(mi, 2);
    else if (t[0] === 'm') {
      if (t.length > 2) return null; // month names depend on the host's language
      out += t.length === 1 ? String(mo) : pad(mo, 2);
    } else if (t[0] === 'd') {
      if (t.length > 2) return null; // day names likewise
      out += t.length === 1 ? String(da) : pad(da, 2);
    } else if (t[0] === 'h') out += t.length === 1 ? String(h) : pad(h, 2);
    else if (t[0] === 's') out += t.length === 1 ? String(se) : pad(se, 2);
    else if (t === 'ampm') out += h24 < 12 ? 'AM' : 'PM';
    else if (t === 'ampm-zh') out += h24 < 12 ? '上午' : '下午';
  }
  return out;
}

/**
 * The text a number shows with a format, or null when the format is General, text, or not understood
 * (the value is then the cell's text, as it was).
 */
export function formatNumber(value: number, format: string): string | null {
  if (!Number.isFinite(value)) return null;
  const f = format.trim();
  if (f === '' || /^general$/i.test(f) || f === '@') return null;
  const sections = splitSections(f);
  if (sections === null) return null;
  // Conditions ([>100]) choose sections by rules of their own: not rendered.
  if (sections.some((s) => /\[[<>=]/.test(s))) return null;
  let section = sections[0] as string;
  let v = value;
  if (value < 0 && sections.length >= 2) {
    section = sections[1] as string;
    v = -value;
  } else if (value === 0 && sections.length >= 3) section = sections[2] as string;
  const parts = tokenize(section);
  if (parts === null) return null;
  const isDate = parts.some((p) => 'tok' in p);
  const text = isDate ? renderDate(v, parts) : renderNumber(v, parts);
  if (text === null) return null;
  return !isDate && value < 0 && sections.length < 2 ? `-${text}` : text;
}

/** Sections of a format, split at `;` outside quotes. */
function splitSections(f: string): string[] | null {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < f.length; i++) {
    const ch = f[i] as string;
    if (ch === '"') quoted = !quoted;
    if ((ch === '\\' || ch === '!') && !quoted) {
      cur += ch + (f[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (quoted) return null;
  out.push(cur);
  return out;
}

/**
 * A number cell as the user sees it: the plain number where its format shows what the number says
 * (General, or `#,##0.00` on 1,250), else the value with the text shown (`0%` on 1 is `100%`; a date; a
 * figure shown rounded).
 */
export function shownCell(value: number, format: string): Cell {
  const text = formatNumber(value, format);
  if (text === null) return value;
  const plain = Number(text.replace(/,/g, ''));
  if (text.trim() !== '' && Number.isFinite(plain) && /^-?[\d,]*\.?\d*$/.test(text.trim()) && plain === value) return value;
  return { value, text };
}
