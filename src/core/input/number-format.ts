/**
 * number-format.ts — a number as its cell shows it: Excel's number formats, the part of them tables use.
 *
 * Owns: rendering a cell's value with its number format (`0%` → `100%`, `yyyy"年"m"月"d"日"` → a date as
 * written, `#,##0.00` → `1,250.00`), so that the pane and the CLI give the core what the user sees; and
 * deciding when that matters. A format this module does not understand renders nothing: the value is
 * then read as it is, never guessed. Sections (`pos;neg;zero`), quoted and escaped literals, colours and
 * locale tags, percent, thousands separators, decimals and the date and time tokens are understood;
 * fractions, scientific notation and Chinese numerals ([DBNum]) are not.
 */
import type { Cell } from './grid';

/** Days from 1899-12-30 (Excel's day 0, after its 1900 leap-year bug) to 1970-01-01. */
const EPOCH_OFFSET = 25_569;
const DAY_MS = 86_400_000;

type Part = { lit: string } | { tok: string };

/** A format section as literals and tokens: quoted text, escapes, [colour]/[$-804] tags dropped. */
function tokenize(section: string): Part[] | null {
  const out: Part[] = [];
  let i = 0;
  while (i < section.length) {
    const ch = section[i] as string;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      if (end < 0) return null;
      out.push({ lit: section.slice(i + 1, end) });
      i = end + 1;
    } else if (ch === '\\') {
      out.push({ lit: section[i + 1] ?? '' });
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
      out.push({ lit: ' ' });
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

/** Decimal rounding of |x| to `d` places, half away from zero, as Excel shows it. */
function fixed(x: number, d: number): string {
  const r = Math.round(Number(`${Math.abs(x)}e${d}`));
  const s = Number(`${r}e-${d}`).toFixed(d);
  return s;
}

function renderNumber(value: number, parts: Part[]): string | null {
  const pattern = parts.map((p) => ('lit' in p ? p.lit : '')).join('');
  const first = pattern.search(/[0#?]/);
  if (first < 0) {
    // No digit placeholder: the section is text alone (`"-"` for zero).
    return pattern;
  }
  let last = first;
  for (let k = first; k < pattern.length; k++) if (/[0#?,.]/.test(pattern[k] as string)) last = k;
  const body = pattern.slice(first, last + 1);
  if (/[eE/]/.test(body)) return null;
  const prefix = pattern.slice(0, first);
  const suffix = pattern.slice(last + 1);
  const percents = (prefix + suffix).split('%').length - 1;
  const dot = body.indexOf('.');
  const decimals = dot < 0 ? 0 : (body.slice(dot + 1).match(/[0#?]/g) ?? []).length;
  const minDecimals = dot < 0 ? 0 : (body.slice(dot + 1).match(/0/g) ?? []).length;
  const grouped = (dot < 0 ? body : body.slice(0, dot)).includes(',');
  const minInt = ((dot < 0 ? body : body.slice(0, dot)).match(/0/g) ?? []).length;
  const scaled = percents > 0 ? Number(`${value}e${2 * percents}`) : value;
  let text = fixed(scaled, decimals);
  let [int = '0', frac = ''] = text.split('.');
  while (frac.length > minDecimals && frac.endsWith('0')) frac = frac.slice(0, -1);
  if (int === '0' && minInt === 0) int = '';
  int = int.padStart(minInt, '0');
  if (grouped) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  text = int + (frac.length > 0 || (dot >= 0 && minDecimals > 0) ? `.${frac}` : '');
  return prefix + text + suffix;
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
    if (ch === '\\' && !quoted) {
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
