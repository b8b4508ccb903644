/**
 * align.ts — a table without ruling lines, found by the alignment of its text.
 *
 * Owns: the fallback for a page that draws no lines. The lines of text that have several parts (cut at
 * wide gaps) give the columns: an x position that nearly all of them leave blank is a gutter, and the
 * stretches between gutters are the columns (a few lines whose text runs across a gutter do not merge two
 * columns). Every line from the first that is not a title line (`…表`, `单位:万元`, a year) to the last
 * line with several parts is a row, each part in the column where it starts; a wrapped cell becomes two
 * rows, as a paste gives it. The columns are a guess: the reading says so (`reading-uncertain`).
 */
import { isNoteLine } from './join';
import type { PageLine, PageTable } from './page';

/** At least this many lines must have several parts for the page to hold a table. */
const MIN_ROWS = 3;
/** An x position covered by at most this share of the lines with several parts is still a gutter. */
const GUTTER_SHARE = 0.1;
/** Title lines above a table: its name, its unit, its year or its department. */
const TITLE_LINE = /表\s*$|^(?:金额)?单位\s*[:：]|^[(（]?\s*\d{4}\s*年度?\s*[)）]?$|^编制单位|^填报单位|^部门(?:名称)?\s*[:：]|^附件|^附表/;

const lineText = (l: PageLine): string => l.segments.map((s) => s.text).join(' ');

export function isTitleLine(l: PageLine): boolean {
  return l.segments.length === 1 && TITLE_LINE.test(lineText(l).trim());
}

/** The columns the lines' parts give: [x0, x1] of each, left to right. */
export function columnBands(lines: readonly PageLine[]): Array<[number, number]> {
  const spans = lines.flatMap((l) => l.segments.map((s) => [s.x0, s.x1] as [number, number]));
  if (spans.length === 0) return [];
  // Coverage of each x position (1-pt steps): how many lines' parts stand over it.
  const left = Math.floor(Math.min(...spans.map((s) => s[0])));
  const right = Math.ceil(Math.max(...spans.map((s) => s[1])));
  const cover = new Array<number>(right - left + 1).fill(0);
  for (const l of lines) {
    const seen = new Set<number>();
    for (const s of l.segments) for (let x = Math.ceil(s.x0); x <= Math.floor(s.x1); x++) seen.add(x - left);
    for (const x of seen) cover[x] = (cover[x] ?? 0) + 1;
  }
  const limit = Math.max(0, Math.floor(lines.length * GUTTER_SHARE));
  const bands: Array<[number, number]> = [];
  let start = -1;
  cover.forEach((n, k) => {
    if (n > limit && start < 0) start = k;
    if (n <= limit && start >= 0) {
      bands.push([start + left, k - 1 + left]);
      start = -1;
    }
  });
  if (start >= 0) bands.push([start + left, right]);
  return bands;
}

export function alignedTable(lines: readonly PageLine[]): { table: PageTable; used: Set<PageLine> } | null {
  const sorted = [...lines].sort((a, b) => a.box.y0 - b.box.y0);
  const multi = sorted.filter((l) => l.segments.length >= 2);
  if (multi.length < MIN_ROWS) return null;
  const bands = columnBands(multi);
  if (bands.length < 2) return null;
  let first = 0;
  while (first < sorted.length && isTitleLine(sorted[first] as PageLine)) first++;
  // To the last line that is not a note: the lines after the last one with several parts are the wrapped
  // text of the last rows (and, on a page the table runs over, the rows the next page continues).
  let last = sorted.length - 1;
  while (last > 0 && isNoteLine(sorted[last] as PageLine)) last--;
  if (first > last) first = sorted.indexOf(multi[0] as PageLine);
  const rows = sorted.slice(first, last + 1);
  const xs = [(bands[0] as [number, number])[0]];
  for (let k = 1; k < bands.length; k++) xs.push(((bands[k - 1] as [number, number])[1] + (bands[k] as [number, number])[0]) / 2);
  xs.push(Math.max((bands[bands.length - 1] as [number, number])[1], ...rows.flatMap((l) => l.segments.map((s) => s.x1))));
  const colOf = (x: number): number => {
    let c = 0;
    while (c + 1 < bands.length && x >= (xs[c + 1] as number)) c++;
    return c;
  };
  const cells: PageTable['cells'] = [];
  rows.forEach((line, r) => {
    const texts = new Map<number, string>();
    for (const s of line.segments) {
      const c = colOf(s.x0 + 0.5);
      const prev = texts.get(c);
      texts.set(c, prev === undefined ? s.text : `${prev} ${s.text}`);
    }
    for (let c = 0; c < bands.length; c++) cells.push({ row: r, col: c, rowSpan: 1, colSpan: 1, text: texts.get(c) ?? '' });
  });
  const box = {
    x0: xs[0] as number,
    x1: xs[xs.length - 1] as number,
    y0: Math.min(...rows.map((l) => l.box.y0)),
    y1: Math.max(...rows.map((l) => l.box.y1)),
  };
  return { table: { kind: 'aligned', box, xs, rows: rows.length, cols: bands.length, cells }, used: new Set(rows) };
}
