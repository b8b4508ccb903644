/**
 * delimited.ts — text split into rows and cells as Excel writes and reads it: "Text (Tab delimited)",
 * "Unicode Text" and CSV.
 *
 * Owns: the rule for quoted fields. A field that starts with `"` is quoted when its closing quote (the
 * first `"` that is not a doubled `""`) is followed by the delimiter, a line end or the end of the text;
 * it may then hold the delimiter, line breaks (CRLF, LF or CR, each read as one line break in the cell)
 * and `""` for a quote. It is not a quoted field, and is read as it stands up to the next delimiter or
 * line end, when that close never comes, or when it could not be one cell of Excel's:
 *  - more than 253 line breaks (Excel's limit per cell);
 *  - in tab-separated text, a tab and a line break both: a cell typed in Excel holds no tab (the Tab key
 *    moves to the next cell), so such a "field" is rows run together by a stray quote (OCR text).
 * A `"` anywhere but at a field's start is a character like any other, so a lone quote inside a pasted
 * cell (`法院"送必达、执必果"配套`) stays as written, and text without a quoted field splits exactly as a
 * paste does: one row per line, one cell per delimiter.
 */

/** Excel's limit of line feeds in one cell. */
export const MAX_CELL_LINE_BREAKS = 253;

/** Lines as a paste splits them: CRLF, LF or CR ends a line; the last line end makes no empty row. */
function lines(text: string): string[] {
  const out = text.split(/\r\n|\n|\r/);
  if (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** True when some field of the text starts with a quote: only then is the slow path taken. */
function hasQuotedStart(text: string, delimiter: string): boolean {
  if (text.startsWith('"')) return true;
  for (const lead of [delimiter, '\n', '\r']) if (text.includes(`${lead}"`)) return true;
  return false;
}

/**
 * The quoted field that opens at `start` (a `"`): its value and the index after its closing quote, or
 * null when it is not one (no proper close, or not a cell Excel could have written).
 */
function quotedField(text: string, start: number, delimiter: string): { value: string; end: number } | null {
  let value = '';
  let from = start + 1;
  let breaks = 0;
  let holdsDelimiter = false;
  for (let j = start + 1; j < text.length; j++) {
    const ch = text[j];
    if (ch === '"') {
      if (text[j + 1] === '"') {
        value += text.slice(from, j + 1);
        from = j + 2;
        j++;
        continue;
      }
      const next = text[j + 1];
      if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') return null;
      if (breaks > 0 && holdsDelimiter && delimiter === '\t') return null;
      value += text.slice(from, j);
      return { value: value.replace(/\r\n?/g, '\n'), end: j + 1 };
    }
    if (ch === '\n' || (ch === '\r' && text[j + 1] !== '\n')) {
      if (++breaks > MAX_CELL_LINE_BREAKS) return null;
    } else if (ch === delimiter) holdsDelimiter = true;
  }
  return null;
}

/** Rows of cells: Excel's quoted fields read as Excel reads them, everything else as a paste splits it. */
export function splitDelimited(text: string, delimiter: '\t' | ','): string[][] {
  if (!hasQuotedStart(text, delimiter)) return lines(text).map((l) => l.split(delimiter));
  const rows: string[][] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const row: string[] = [];
    for (;;) {
      const quoted = text[i] === '"' ? quotedField(text, i, delimiter) : null;
      if (quoted !== null) {
        row.push(quoted.value);
        i = quoted.end;
      } else {
        let j = i;
        while (j < n) {
          const ch = text[j];
          if (ch === delimiter || ch === '\n' || ch === '\r') break;
          j++;
        }
        row.push(text.slice(i, j));
        i = j;
      }
      if (i < n && text[i] === delimiter) {
        i++;
        continue;
      }
      break;
    }
    rows.push(row);
    // The line end (CRLF counts once).
    if (i < n) i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
  }
  return rows;
}
