/**
 * xlsx-cells.ts — an .xlsx cell as the user sees it: its value and the text its number format shows.
 *
 * Owns: the number format of each cell as Excel shows it in a Chinese install, and the cell value made of
 * it (`0%` on 1 is `100%`, a date is its serial shown `2021/12/31`, `#,##0.00` on 1250 stays 1250).
 *
 * exceljs gives a cell's format as its code (`cell.numFmt`): the file's own codes, and for the built-in
 * ids the codes of its table (9 → `0%`, 10 → `0.00%`, 3 → `#,##0`, 4 → `#,##0.00`, 14 → `mm-dd-yy` …).
 * Two kinds of built-in id are not what a Chinese user sees, so they are given their zh-CN codes while a
 * workbook loads: 14 and 22, which Excel shows in the system's short date (`2021/12/31`), and the
 * locale-dependent ids 27–36 and 50–58 (`yyyy"年"m"月"d"日"` …), which exceljs leaves without a format,
 * so that their dates would read as serial numbers. exceljs turns a number with a date format into a
 * JavaScript Date; it is turned back into the serial here, with the date's text: never a Date, never an
 * ISO string.
 */
import { formatNumber, shownCell, type Cell } from '../core';

/** Built-in number formats as a zh-CN Excel shows them, where exceljs's table says otherwise or nothing. */
export const ZH_CN_BUILTIN_FORMATS: Readonly<Record<number, string>> = {
  14: 'yyyy/m/d',
  22: 'yyyy/m/d h:mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

interface NumFmtTable {
  getDefaultFmtCode(id: number): string | undefined;
}

/**
 * Runs `load` with exceljs's built-in format table answering in zh-CN for the ids above, and puts the
 * table back afterwards. Where exceljs's module is not where it was (another version), its own table
 * is used as it is.
 */
export async function withZhCnFormats<T>(load: () => Promise<T>): Promise<T> {
  let table: NumFmtTable | undefined;
  try {
    // exceljs's own module, the instance its reader uses (no types are published for it). Loaded as a
    // CommonJS module, it is the default export; its own properties are the class's statics.
    const path: string = 'exceljs/lib/xlsx/xform/style/numfmt-xform';
    const mod = (await import(path)) as { default?: NumFmtTable };
    table = mod.default;
  } catch {
    table = undefined;
  }
  if (table === undefined || typeof table.getDefaultFmtCode !== 'function') return load();
  const own = table.getDefaultFmtCode;
  table.getDefaultFmtCode = (id: number) => ZH_CN_BUILTIN_FORMATS[id] ?? own(id);
  try {
    return await load();
  } finally {
    table.getDefaultFmtCode = own;
  }
}

const DAY_MS = 86_400_000;
/** Excel's day 0 (1899-12-30) to 1970-01-01, and the 1904 date system's offset. */
const EPOCH_DAYS = 25_569;
const DAYS_1904 = 1_462;

/** The serial a date cell holds, from the Date exceljs made of it (to the millisecond it kept). */
export function serialOf(d: Date, date1904: boolean): number {
  const days = d.getTime() / DAY_MS + EPOCH_DAYS - (date1904 ? DAYS_1904 : 0);
  return Math.round(days * 1e8) / 1e8;
}

/**
 * A date cell: its serial, shown by its format; where the format is one we do not render (month names,
 * elapsed time), as `yyyy-mm-dd` (with the time when it has one), which is still a date, never an amount.
 */
export function shownDate(d: Date, format: string, date1904: boolean): Cell {
  const serial = serialOf(d, date1904);
  // Formats render serials of the 1900 system.
  const days = serial + (date1904 ? DAYS_1904 : 0);
  const text = formatNumber(days, format) ?? formatNumber(days, Number.isInteger(days) ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss');
  return text === null ? serial : { value: serial, text };
}

/** A number cell as shown, keeping `value` (a formula's value rounded to 4 decimals) with the text of `shownAs`. */
export function shownNumber(value: number, format: string, shownAs: number = value): Cell {
  const shown = shownCell(shownAs, format);
  return typeof shown === 'object' && shown !== null ? { value, text: shown.text } : value;
}
