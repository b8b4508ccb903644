/**
 * text.ts — character-level clean-up of text pasted from PDFs.
 *
 * Owns: full-width → half-width folding, removal of OCR spaces between CJK characters,
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
    code === 0x201c || code === 0x201d // “ ” as used in Chinese prose
  );
}

export function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0xa0 || code === 0x3000 || code === 0x200b || code === 0xfeff;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * Fold full-width ASCII variants (！-～, the ideographic space) to ASCII, plus the few
 * look-alikes that PDF extraction produces for comparators.
 */
export function toHalfWidth(s: string): string {
  let out: string[] | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let r = -1;
    if (c >= 0xff01 && c <= 0xff5e) r = c - 0xfee0;
    else if (c === 0x3000) r = 0x20;
    if (r >= 0) {
      if (out === null) out = [s.slice(0, i)];
      out.push(String.fromCharCode(r));
    } else if (out !== null) {
      out.push(s[i] as string);
    }
  }
  return out === null ? s : out.join('');
}

/**
 * Remove whitespace that OCR inserted inside words: a run of spaces is dropped when a CJK
 * character stands on either side of it, or when it splits a number range such as
 * `2023- 2024`. Leading and trailing whitespace is trimmed. Spaces between Latin words stay.
 */
export function squeezeSpaces(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isSpace(s.charCodeAt(start))) start++;
  while (end > start && isSpace(s.charCodeAt(end - 1))) end--;
  // Fast path: no inner whitespace at all.
  let hasInner = false;
  for (let i = start; i < end; i++) {
    if (isSpace(s.charCodeAt(i))) {
      hasInner = true;
      break;
    }
  }
  if (!hasInner) return start === 0 && end === s.length ? s : s.slice(start, end);
  const parts: string[] = [];
  let segStart = start;
  let i = start;
  while (i < end) {
    if (!isSpace(s.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    while (j < end && isSpace(s.charCodeAt(j))) j++;
    const before = s.charCodeAt(i - 1);
    const after = s.charCodeAt(j);
    const drop =
      isCjk(before) ||
      isCjk(after) ||
      // `2023- 2024`, `2. 5`: a separator between two digits
      ((before === 0x2d || before === 0x2e || before === 0x2f) && isDigit(after) && i >= 2 && isDigit(s.charCodeAt(i - 2)));
    parts.push(s.slice(segStart, i));
    if (!drop) parts.push(' ');
    segStart = j;
    i = j;
  }
  parts.push(s.slice(segStart, end));
  return parts.join('');
}

/** Remove every whitespace character. */
export function stripSpaces(s: string): string {
  let out: string[] | null = null;
  let segStart = 0;
  for (let i = 0; i < s.length; i++) {
    if (isSpace(s.charCodeAt(i))) {
      if (out === null) out = [];
      out.push(s.slice(segStart, i));
      segStart = i + 1;
    }
  }
  if (out === null) return s;
  out.push(s.slice(segStart));
  return out.join('');
}

/**
 * The form in which header labels and key/value labels are compared: half-width, no
 * whitespace, ASCII parentheses and colons.
 */
export function normalizeLabel(s: string): string {
  return stripSpaces(toHalfWidth(s)).replace(/[（]/g, '(').replace(/[）]/g, ')').replace(/：/g, ':');
}

/** Text of a grid cell, or '' for empty / non-text values. Numbers become their JS string. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

export function isBlankText(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

/** Join two text fragments split by a page break: no space between CJK, a space between words. */
export function joinFragments(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  const last = a.charCodeAt(a.length - 1);
  const first = b.charCodeAt(0);
  const cjk = isCjk(last) || isCjk(first);
  return cjk ? a + b : a + ' ' + b;
}
