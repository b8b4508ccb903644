/**
 * text.ts — character-level clean-up of text pasted from PDFs.
 *
 * Owns: the character tests every stage uses (CJK, whitespace, digits, dashes, list separators),
 * full-width → half-width folding, removal of OCR spaces between CJK characters,
 * and the label normaliser used to match header names. Every function here is linear
 * in its input and returns the input string itself when nothing needs to change, so
 * callers can hold on to slices of the user's cells without copying.
 */

/** A CJK ideograph or CJK punctuation / full-width form. */
export function isCjk(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) || // unified ideographs
    (code >= 0x3400 && code <= 0x4dbf) || // extension A
    (code >= 0x3000 && code <= 0x303f) || // CJK punctuation (、。「」)
    (code >= 0xff00 && code <= 0xffef) || // full-width forms
    (code >= 0xf900 && code <= 0xfaff) || // compatibility ideographs
    code === 0x201c ||
    code === 0x201d // “ ” as used in Chinese prose
  );
}

export function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    code === 0xa0 ||
    code === 0x3000 ||
    code === 0x200b ||
    code === 0xfeff
  );
}

export function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Any dash a PDF writes for a minus sign or an empty amount: - ‐ ‑ ‒ – — ― − ─ ━ ﹘ ﹣ ー (an OCR look-alike). */
export function isDash(c: number): boolean {
  return (
    c === 0x2d ||
    (c >= 0x2010 && c <= 0x2015) ||
    c === 0x2212 ||
    c === 0x2500 ||
    c === 0x2501 ||
    c === 0xfe58 ||
    c === 0xfe63 ||
    c === 0x30fc
  );
}

/** The dash that joins an indicator code to its name (`1-产出指标`, `11—数量指标`): - ‐ － —. */
export function isCodeDash(c: number): boolean {
  return c === 0x2d || c === 0x2010 || c === 0xff0d || c === 0x2014;
}

/** A separator between the fields of a packed indicator, once cleaned (full-width forms folded): `:` `;` `,`. */
export function isFieldSeparator(c: number): boolean {
  return c === 0x3a || c === 0x3b || c === 0x2c;
}

const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;
const FULL_WIDTH_G = /[\uff01-\uff5e\u3000]/g;
const halfOf = (c: string): string => {
  const code = c.charCodeAt(0);
  return String.fromCharCode(code === 0x3000 ? 0x20 : code - 0xfee0);
};

/**
 * Fold full-width ASCII variants (！-～ and the ideographic space) to ASCII:
 * `１２３．４５` → `123.45`, `：` → `:`, `＞` → `>`.
 */
export function toHalfWidth(s: string): string {
  return FULL_WIDTH.test(s) ? s.replace(FULL_WIDTH_G, halfOf) : s;
}

const WHITESPACE_RUN = /[\s\u00a0\u3000\u200b\ufeff]+/g;
const HAS_WHITESPACE = /[\s\u00a0\u3000\u200b\ufeff]/;

/**
 * Remove whitespace that OCR inserted inside words: a run of spaces is dropped when a CJK
 * character stands on either side of it, or when it splits a number range such as
 * `2023- 2024`. Leading and trailing whitespace is trimmed. Spaces between Latin words stay
 * (as one space).
 */
export function squeezeSpaces(s: string): string {
  return HAS_WHITESPACE.test(s) ? s.replace(WHITESPACE_RUN, spaceRun) : s;
}

/** What a run of whitespace at `at` becomes: nothing at the ends, next to CJK or inside `2023- 2024`; else one space. */
function spaceRun(run: string, at: number, str: string): string {
  return keepsSpace(str, at, at + run.length) ? ' ' : '';
}

/** A character of `[\s\u00a0\u3000\u200b\ufeff]`: JavaScript's `\s` plus the zero-width space. */
function isRunSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Whether the whitespace run s[at, end) stays (as one space). */
function keepsSpace(s: string, at: number, end: number): boolean {
  if (at === 0 || end === s.length) return false;
  const before = s.charCodeAt(at - 1);
  const after = s.charCodeAt(end);
  if (isCjk(before) || isCjk(after)) return false;
  // `2023- 2024`, `2. 5`: a separator between two digits, as they stand once cleaned: the first
  // may be written full-width, or stand before whitespace that goes too (`１ - 9` → `1-9`).
  if ((before === 0x2d || before === 0x2e || before === 0x2f) && isDigit(after)) {
    let d = at - 2;
    if (d >= 0 && isRunSpace(s.charCodeAt(d))) {
      let r = d;
      while (r > 0 && isRunSpace(s.charCodeAt(r - 1))) r--;
      // That run ends at the separator, not at a digit, so this looks back one run at most.
      if (keepsSpace(s, r, d + 1)) return true;
      d = r - 1;
    }
    const c = d >= 0 ? s.charCodeAt(d) : 0;
    if (isDigit(c) || (c >= 0xff10 && c <= 0xff19)) return false;
  }
  return true;
}

const CLEAN_RUN = /[\s\u00a0\u3000\u200b\ufeff]+|[\uff01-\uff5e]/g;

/**
 * Full-width folding and OCR-space removal (`toHalfWidth`, `squeezeSpaces`) in one pass and one
 * copy. A space is judged by its neighbours as written: next to a full-width `：` it goes, as it
 * does next to any CJK character. The native regex finds each run of
 * whitespace or full-width character (`test` allocates no match); the text between runs is
 * copied by slicing, and a single space that stays as it is costs nothing.
 */
export function cleanText(s: string): string {
  CLEAN_RUN.lastIndex = 0;
  if (!CLEAN_RUN.test(s)) return s;
  let out = '';
  let copied = 0;
  do {
    const end = CLEAN_RUN.lastIndex;
    const last = s.charCodeAt(end - 1);
    if (last >= 0xff01 && last <= 0xff5e) {
      out += s.slice(copied, end - 1) + String.fromCharCode(last - 0xfee0);
      copied = end;
      continue;
    }
    let at = end - 1;
    while (at > copied && isRunSpace(s.charCodeAt(at - 1))) at--;
    const keep = keepsSpace(s, at, end);
    if (keep && end === at + 1 && s.charCodeAt(at) === 0x20) continue;
    out += keep ? s.slice(copied, at) + ' ' : s.slice(copied, at);
    copied = end;
  } while (CLEAN_RUN.test(s));
  return copied === 0 ? s : out + s.slice(copied);
}

/** Remove every whitespace character. */
export function stripSpaces(s: string): string {
  return HAS_WHITESPACE.test(s) ? s.replace(WHITESPACE_RUN, '') : s;
}

/**
 * The form in which header labels and key/value labels are compared: half-width, no
 * whitespace, ASCII parentheses and colons.
 */
export function normalizeLabel(s: string): string {
  return stripSpaces(toHalfWidth(s));
}

/** Text of a grid cell, or '' for empty / non-text values. Numbers become their JS string. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  // A number with the text its format shows (input/grid.ts ShownNumber): the text, as the user reads it.
  if (typeof v === 'object' && typeof (v as { text?: unknown }).text === 'string') return (v as { text: string }).text;
  return String(v);
}

/**
 * Whitespace removed from both ends: what `String.prototype.trim` removes (spaces, tabs, line breaks,
 * ideographic and no-break spaces, a BOM) and the zero-width space, which a copy from a PDF leaves too.
 */
export function trimSpaces(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isRunSpace(s.charCodeAt(a))) a++;
  while (b > a && isRunSpace(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

export function isBlankText(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

/**
 * Join two text fragments split by a page break. PDF line breaks carry no space in Chinese
 * text, and a break may fall inside a number (`1` + `2-质量指标`), so the fragments are
 * joined directly, except between two Latin letters, where a space is kept.
 */
export function joinFragments(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  const isLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return isLetter(a.charCodeAt(a.length - 1)) && isLetter(b.charCodeAt(0)) ? a + ' ' + b : a + b;
}

/** The first column of a row with text (0 for a row with none): where a finding about the whole row is said. */
export function firstUsedCol(row: readonly unknown[] | undefined): number {
  const c = (row ?? []).findIndex((v) => cellText(v).trim() !== '');
  return c < 0 ? 0 : c;
}

/**
 * The first row with text (0 for none): where a table begins when the rows around it are blank. Every scan
 * window (a header among the first rows, a title's unit line) counts from here, so a table that starts far
 * down the paste (the second of several) is looked at like the first.
 */
export function firstUsedRow(rows: readonly (readonly unknown[] | undefined)[]): number {
  for (let r = 0; r < rows.length; r++) if ((rows[r] ?? []).some((v) => cellText(v).trim() !== '')) return r;
  return 0;
}
