/**
 * text.ts — a page's text items as runs of text with boxes, and runs as the text of a cell or a line.
 *
 * Owns: each text item placed in display space (its box from its baseline, advance and size, whatever
 * the page's rotation), fake bold undone (the same string drawn twice a hair apart, or each glyph drawn
 * twice inside one item), a run cut where it crosses from one cell into the next, and the text of a set
 * of runs: runs on one line joined left to right (runs split where the font changes are one word; a
 * gap of a space or more is a space), the lines of a cell joined top to bottom (no space between Chinese
 * characters, a space between words), and a line cut into segments where a wide gap separates them.
 */
import type { PdfTextContent } from './api';
import { isTextItem } from './api';
import { type Box, type Matrix, multiply, toMatrix } from './geometry';

export interface Run extends Box {
  text: string;
  /** The font size in points (the text's height). */
  size: number;
  /** Written left to right on a horizontal baseline (the usual case); rotated text is placed by its box. */
  upright: boolean;
}

/** A wide character (CJK ideographs, kana, hangul, full-width forms and CJK punctuation): about 1 em. */
export function isWide(code: number): boolean {
  return (
    (code >= 0x2e80 && code <= 0x9fff) ||
    (code >= 0xac00 && code <= 0xd7af) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code === 0x201c ||
    code === 0x201d ||
    code === 0x2018 ||
    code === 0x2019
  );
}

/** A character's advance in ems, roughly: what splitting a run between cells needs. */
function charEm(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  if (isWide(c)) return 1;
  if (c === 0x20) return 0.28;
  return 0.55;
}

const emsOf = (s: string): number => {
  let n = 0;
  for (const ch of s) n += charEm(ch);
  return n;
};

/**
 * Each glyph drawn twice inside one item (`项项目目`), as fake bold does with a small step back: the
 * item advances as far as the single string would. Returns the single string, or null.
 */
export function undoubled(text: string, width: number, size: number): string | null {
  const chars = [...text];
  if (chars.length < 2 || chars.length % 2 !== 0) return null;
  for (let k = 0; k < chars.length; k += 2) if (chars[k] !== chars[k + 1] || chars[k] === ' ') return null;
  const single = chars.filter((_, k) => k % 2 === 0).join('');
  const em = emsOf(single) * size;
  // Doubled glyphs advance about as far as the single string; real doubles (`11`) twice as far.
  return width > 0 && width < em * 1.45 ? single : null;
}

/** The runs of a page's text content, in display space (`view`: the viewport transform at scale 1), fake bold undone. */
export function pageRuns(content: PdfTextContent, view: Matrix): Run[] {
  const runs: Run[] = [];
  for (const item of content.items) {
    if (!isTextItem(item)) continue;
    if (item.str.trim() === '') continue;
    const t = toMatrix(item.transform);
    if (t === null) continue;
    const m = multiply(t, view);
    const size = Math.hypot(m[2], m[3]) || Math.abs(item.height) || 1;
    const along = Math.hypot(m[0], m[1]) || 1;
    const ux = m[0] / along;
    const uy = m[1] / along;
    const upx = m[2] / size;
    const upy = m[3] / size;
    const ox = m[4];
    const oy = m[5];
    const w = Math.abs(item.width);
    const xs: number[] = [];
    const ys: number[] = [];
    for (const [a, b] of [
      [0, 0.8],
      [0, -0.2],
      [w, 0.8],
      [w, -0.2],
    ] as const) {
      xs.push(ox + ux * a + upx * size * b);
      ys.push(oy + uy * a + upy * size * b);
    }
    const upright = Math.abs(uy) < 0.1 && ux > 0;
    const trimmed = item.str.trim();
    const text = (upright ? undoubled(trimmed, w, size) : null) ?? trimmed;
    let x0 = Math.min(...xs);
    let x1 = Math.max(...xs);
    if (upright && trimmed !== item.str) {
      // Spaces around the text are not drawn: the run is where its characters stand (an indentation by spaces shows).
      const all = emsOf(item.str) || 1;
      const before = emsOf(item.str.slice(0, item.str.length - item.str.trimStart().length));
      const after = emsOf(item.str.slice(item.str.trimEnd().length));
      const span = x1 - x0;
      x0 += (span * before) / all;
      x1 -= (span * after) / all;
    }
    runs.push({ text, size, upright, x0, x1, y0: Math.min(...ys), y1: Math.max(...ys) });
  }
  return withoutDoubles(runs);
}

/** The same string drawn again within a fifth of its size of where it was drawn (fake bold): drawn once. */
export function withoutDoubles(runs: readonly Run[]): Run[] {
  const seen = new Map<string, Run[]>();
  const out: Run[] = [];
  for (const r of runs) {
    const near = seen.get(r.text);
    const tol = r.size * 0.2;
    if (near?.some((o) => Math.abs(o.x0 - r.x0) <= tol && Math.abs(o.y1 - r.y1) <= tol && Math.abs(o.x1 - r.x1) <= tol)) continue;
    if (near) near.push(r);
    else seen.set(r.text, [r]);
    out.push(r);
  }
  return out;
}

/**
 * A run cut at the borders `cuts` (x positions, sorted) where it has a space near the border: a
 * producer that writes a row as one string separates its cells with spaces, while text that runs on
 * over an empty neighbour (a spreadsheet's overflow) does not, and stays whole. Characters' places are
 * estimated from their widths (1 em for Chinese, about half for others). Empty pieces are left out.
 */
export function splitRun(run: Run, cuts: readonly number[]): Run[] {
  if (cuts.length === 0 || !run.upright) return [run];
  const chars = [...run.text];
  const total = emsOf(run.text) || 1;
  const scale = (run.x1 - run.x0) / total;
  const starts: number[] = [];
  let x = run.x0;
  for (const ch of chars) {
    starts.push(x);
    x += charEm(ch) * scale;
  }
  // For each border, the space nearest to it (within 2 ems): the run is cut after that space.
  const at = new Set<number>();
  for (const cut of cuts) {
    let best = -1;
    let dist = 2 * run.size;
    chars.forEach((ch, k) => {
      if (ch !== ' ') return;
      const d = Math.abs((starts[k] as number) - cut);
      if (d <= dist) {
        dist = d;
        best = k;
      }
    });
    if (best >= 0) at.add(best);
  }
  if (at.size === 0) return [run];
  const pieces: Run[] = [];
  let piece = '';
  let start = run.x0;
  chars.forEach((ch, k) => {
    if (at.has(k)) {
      if (piece.trim() !== '') pieces.push({ ...run, text: piece.trim(), x0: start, x1: starts[k] as number });
      piece = '';
      start = (starts[k + 1] as number | undefined) ?? run.x1;
      return;
    }
    piece += ch;
  });
  if (piece.trim() !== '') pieces.push({ ...run, text: piece.trim(), x0: start, x1: run.x1 });
  return pieces;
}

const centreY = (r: Run): number => (r.y0 + r.y1) / 2;

/** Runs grouped into lines (top to bottom), each line's runs left to right. */
export function linesOf(runs: readonly Run[]): Run[][] {
  const sorted = [...runs].sort((a, b) => centreY(a) - centreY(b) || a.x0 - b.x0);
  const lines: Array<{ runs: Run[]; y: number; size: number }> = [];
  for (const r of sorted) {
    const y = centreY(r);
    const line = lines[lines.length - 1];
    if (line !== undefined && Math.abs(y - line.y) <= Math.min(line.size, r.size) * 0.5) {
      line.runs.push(r);
      line.y = (line.y * (line.runs.length - 1) + y) / line.runs.length;
      line.size = Math.max(line.size, r.size);
    } else lines.push({ runs: [r], y, size: r.size });
  }
  return lines.map((l) => l.runs.sort((a, b) => a.x0 - b.x0));
}

/** A gap wider than this (ems of the smaller run) between two runs of a line is a space. */
const SPACE_GAP = 0.18;

/** One line's runs as text: runs that touch (a font change) joined, a space where a gap is. */
export function lineText(line: readonly Run[]): string {
  let out = '';
  let prev: Run | null = null;
  for (const r of line) {
    if (prev !== null) {
      const gap = r.x0 - prev.x1;
      const joinsSpace = out.endsWith(' ') || r.text.startsWith(' ');
      if (!joinsSpace && gap > SPACE_GAP * Math.min(prev.size, r.size)) out += ' ';
    }
    out += r.text;
    prev = r;
  }
  return out;
}

const wideAt = (s: string, end: boolean): boolean => {
  const ch = end ? [...s].pop() : [...s][0];
  return ch !== undefined && isWide(ch.codePointAt(0) ?? 0);
};

/**
 * What joins two wrapped lines of a cell: nothing where either side is a Chinese character, inside a
 * number cut by a narrow column (`1,030,70` + `0.00`, `(5` + `0分)`), before closing punctuation or
 * after a hyphen, a slash or an opening bracket; a space between words.
 */
function lineJoint(before: string, after: string): string {
  if (wideAt(before, true) || wideAt(after, false)) return '';
  const last = before[before.length - 1] ?? '';
  const first = after[0] ?? '';
  if (/\d/.test(last) && /\d/.test(first)) return '';
  // Never a space before closing punctuation, nor after a hyphen, a slash or an opening bracket.
  if (/[.,;:!?%)\]}）-]/.test(first) || /[-/([{（]/.test(last)) return '';
  return ' ';
}

/** Lines of one cell joined (see lineJoint). */
export function joinLines(lines: readonly string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    out = out === '' ? line : out + lineJoint(out, line) + line;
  }
  return out;
}

/** The text of a cell's runs: lines top to bottom, each joined, then joined. */
export function cellText(runs: readonly Run[]): string {
  return joinLines(linesOf(runs).map(lineText));
}

/** A gap wider than this (ems) inside a line outside any table separates two segments (columns, or a title's parts). */
export const SEGMENT_GAP = 1.5;

/** A line cut where its runs are far apart: each segment's runs. */
export function segments(line: readonly Run[], gap = SEGMENT_GAP): Run[][] {
  const out: Run[][] = [];
  let cur: Run[] = [];
  let right = -Infinity;
  let size = 0;
  for (const r of line) {
    if (cur.length > 0 && r.x0 - right > gap * Math.min(size, r.size)) {
      out.push(cur);
      cur = [];
      right = -Infinity;
    }
    cur.push(r);
    right = Math.max(right, r.x1);
    size = r.size;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}
