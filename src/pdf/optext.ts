/**
 * optext.ts — the text a page draws, read from its operator list: runs with boxes, as text.ts makes
 * them from `getTextContent()`, without pdf.js parsing the page a second time.
 *
 * Owns: PDF's text state as pdf.js's operator list carries it (the text matrix and line matrix, `Td`,
 * `TD`, `T*`, leading, character and word spacing, horizontal scaling, rise, the font and its size, the
 * numbers of a `TJ` array, the matrix stack), each glyph's advance (its width × the font's matrix ×
 * the size, plus spacing), and each `Tj`/`TJ` as one run from its first glyph to the end of its last, cut
 * where a `TJ` number opens a gap or steps back; a glyph drawn again on top of itself (fake bold drawn
 * glyph by glyph) is read once. Vertical fonts give one run per glyph. The glyphs' Unicode is pdf.js's (ToUnicode maps and the CMaps). The font's matrix comes
 * from pdf.js's loaded fonts (`commonObjs`) where the page offers them, else the usual 1/1000.
 */
import type { PdfOperatorList } from './api';
import { apply, IDENTITY, type Matrix, multiply, toMatrix } from './geometry';
import { OPS } from './ops';
import { type Run, undoubled, withoutDoubles } from './text';

/** Text operation codes (pdf.js 5.4's `OPS`). */
export const TEXT_OPS = {
  beginText: 31,
  endText: 32,
  setCharSpacing: 33,
  setWordSpacing: 34,
  setHScale: 35,
  setLeading: 36,
  setFont: 37,
  setTextRise: 39,
  moveText: 40,
  setLeadingMoveText: 41,
  setTextMatrix: 42,
  nextLine: 43,
  showText: 44,
} as const;

/** What the reader needs of a loaded font. */
export interface FontInfo {
  fontMatrix?: readonly number[];
  vertical?: boolean;
}

/** The page's loaded fonts by the name `setFont` gives (pdf.js's `page.commonObjs`). */
export type FontLookup = (name: string) => FontInfo | null;

interface Glyph {
  unicode?: string;
  width?: number;
  isSpace?: boolean;
  vmetric?: readonly number[] | null;
}

interface TextState {
  ctm: Matrix;
  tm: Matrix;
  /** Position on the current line, in text space (pdf.js's x, y: moved by Td and by the glyphs). */
  x: number;
  y: number;
  lineX: number;
  lineY: number;
  leading: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  rise: number;
  font: string;
  size: number;
}

/** A TJ number moving the pen forward by more than this (ems) opens a gap: the run is cut. */
const GAP_EMS = 0.25;
/** A TJ number moving the pen back by more than this (ems): what is drawn next, unless a repeat, is a run of its own. */
const BACK_EMS = 0.1;

/**
 * The runs a page's operator list draws, in display space (`view`: the viewport transform at scale 1),
 * fake bold undone.
 */
export function opRuns(ops: PdfOperatorList, view: Matrix, fonts: FontLookup = () => null): Run[] {
  const runs: Run[] = [];
  const stack: Matrix[] = [];
  const fontCache = new Map<string, { scale: number; vertical: boolean }>();
  const fontOf = (name: string) => {
    let f = fontCache.get(name);
    if (f === undefined) {
      const info = fonts(name);
      const m = info?.fontMatrix;
      f = { scale: m !== undefined && typeof m[0] === 'number' && m[0] !== 0 ? m[0] : 0.001, vertical: info?.vertical === true };
      fontCache.set(name, f);
    }
    return f;
  };
  let ctm: Matrix = IDENTITY;
  const st: TextState = {
    ctm,
    tm: IDENTITY,
    x: 0,
    y: 0,
    lineX: 0,
    lineY: 0,
    leading: 0,
    charSpacing: 0,
    wordSpacing: 0,
    hScale: 1,
    rise: 0,
    font: '',
    size: 0,
  };
  const moveText = (x: number, y: number): void => {
    st.lineX += x;
    st.lineY += y;
    st.x = st.lineX;
    st.y = st.lineY;
  };
  const { fnArray, argsArray } = ops;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i] as number;
    const args = argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save:
        stack.push(ctm);
        break;
      case OPS.restore:
        ctm = stack.pop() ?? ctm;
        break;
      case OPS.transform: {
        const m = toMatrix(args);
        if (m !== null) ctm = multiply(m, ctm);
        break;
      }
      case OPS.paintFormXObjectBegin: {
        stack.push(ctm);
        const m = toMatrix(args?.[0]);
        if (m !== null) ctm = multiply(m, ctm);
        break;
      }
      case OPS.paintFormXObjectEnd:
        ctm = stack.pop() ?? ctm;
        break;
      case TEXT_OPS.beginText:
        st.tm = IDENTITY;
        st.x = st.y = st.lineX = st.lineY = 0;
        break;
      case TEXT_OPS.setCharSpacing:
        st.charSpacing = Number(args?.[0]) || 0;
        break;
      case TEXT_OPS.setWordSpacing:
        st.wordSpacing = Number(args?.[0]) || 0;
        break;
      case TEXT_OPS.setHScale:
        st.hScale = (Number(args?.[0]) || 100) / 100;
        break;
      case TEXT_OPS.setLeading:
        st.leading = -(Number(args?.[0]) || 0);
        break;
      case TEXT_OPS.setTextRise:
        st.rise = Number(args?.[0]) || 0;
        break;
      case TEXT_OPS.setFont:
        st.font = String(args?.[0] ?? '');
        st.size = Number(args?.[1]) || 0;
        break;
      case TEXT_OPS.moveText:
        moveText(Number(args?.[0]) || 0, Number(args?.[1]) || 0);
        break;
      case TEXT_OPS.setLeadingMoveText:
        st.leading = Number(args?.[1]) || 0;
        moveText(Number(args?.[0]) || 0, Number(args?.[1]) || 0);
        break;
      case TEXT_OPS.nextLine:
        moveText(0, st.leading);
        break;
      case TEXT_OPS.setTextMatrix: {
        const m = toMatrix(args?.[0] ?? args);
        if (m !== null) st.tm = m;
        st.x = st.y = st.lineX = st.lineY = 0;
        break;
      }
      case TEXT_OPS.showText: {
        st.ctm = ctm;
        const glyphs = (args?.[0] ?? []) as ArrayLike<Glyph | number>;
        show(st, glyphs, fontOf(st.font), view, runs);
        break;
      }
      default:
    }
  }
  return withoutDoubles(runs);
}

/** One Tj/TJ: its glyphs laid along the line, as runs; the pen moved to their end. */
function show(
  st: TextState,
  glyphs: ArrayLike<Glyph | number>,
  font: { scale: number; vertical: boolean },
  view: Matrix,
  into: Run[],
): void {
  const size = Math.abs(st.size);
  if (size === 0) return;
  const dir = st.size < 0 ? -1 : 1;
  const hScale = st.hScale * dir;
  const advanceScale = size * font.scale;
  // Text space → display: [size·h, 0, 0, size, 0, rise] is applied per glyph below; the line's origin is (x, y).
  const m = multiply(multiply(st.tm, st.ctm), view);
  let text = '';
  // Where the run's first visible glyph starts and its last visible glyph ends (spaces around it are not drawn).
  let start = NaN;
  let end = 0;
  let x = 0;
  const flush = (): void => {
    if (text.trim() !== '') into.push(place(text, st, start, end, m, size, hScale));
    text = '';
    start = NaN;
  };
  if (font.vertical) {
    // One run per glyph, each at its place down the column.
    let y = 0;
    for (let k = 0; k < glyphs.length; k++) {
      const g = glyphs[k];
      if (typeof g === 'number') {
        y -= (g * size) / 1000;
        continue;
      }
      if (g === undefined) continue;
      const w = (g.vmetric?.[0] !== undefined ? -(g.vmetric[0] as number) : (g.width ?? 1000)) * advanceScale;
      const u = g.unicode ?? '';
      if (u.trim() !== '') into.push(verticalGlyph(u, st, y, m, size));
      y -= w + st.charSpacing + (g.isSpace === true ? st.wordSpacing : 0);
    }
    st.y += y;
    return;
  }
  // Glyphs drawn lately in this Tj/TJ, where: a glyph drawn again on top of itself (fake bold) is read once.
  const drawn: Array<{ u: string; x: number }> = [];
  let back = false;
  for (let k = 0; k < glyphs.length; k++) {
    const g = glyphs[k];
    if (typeof g === 'number') {
      const move = (-g * size) / 1000;
      if (move > GAP_EMS * size) flush();
      if (move < -BACK_EMS * size) back = true;
      x += move;
      continue;
    }
    if (g === undefined) continue;
    const u = g.unicode ?? '';
    const advance = (g.width ?? 0) * advanceScale;
    const step = advance + st.charSpacing + (g.isSpace === true ? st.wordSpacing : 0);
    if (u.trim() !== '') {
      if (drawn.some((d) => d.u === u && Math.abs(d.x - x) < 0.2 * size)) {
        // The step back was for this repeat: what follows goes on with the run.
        back = false;
        x += step;
        continue;
      }
      // After a step back, glyphs that are not a repeat start a run of their own.
      if (back) flush();
      back = false;
      drawn.push({ u, x });
      if (drawn.length > 8) drawn.shift();
      if (Number.isNaN(start)) start = x;
      end = x + advance;
    }
    text += u;
    x += step;
  }
  flush();
  st.x += x * hScale;
}

/** A run of text drawn from `from` to `to` along the current line (text space, before horizontal scaling). */
function place(text: string, st: TextState, from: number, to: number, m: Matrix, size: number, hScale: number): Run {
  const y = st.y + st.rise;
  const a = [st.x + from * hScale, y] as const;
  const b = [st.x + to * hScale, y] as const;
  const corners = [
    apply(m, a[0], a[1] + 0.8 * size),
    apply(m, a[0], a[1] - 0.2 * size),
    apply(m, b[0], b[1] + 0.8 * size),
    apply(m, b[0], b[1] - 0.2 * size),
  ];
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  // The run's size on the page, and whether it reads left to right on a horizontal line.
  const ux = m[0] * hScale;
  const uy = m[1] * hScale;
  const pageSize = Math.hypot(m[2], m[3]) * size;
  const upright = Math.abs(uy) < 0.1 * Math.abs(ux) && ux > 0;
  const width = Math.abs(to - from) * Math.hypot(ux, uy);
  const trimmed = text.trim();
  return {
    text: (upright ? undoubled(trimmed, width, pageSize) : null) ?? trimmed,
    size: pageSize,
    upright,
    x0: Math.min(...xs),
    x1: Math.max(...xs),
    y0: Math.min(...ys),
    y1: Math.max(...ys),
  };
}

/** One glyph of a vertical font, as a square run at its place. */
function verticalGlyph(text: string, st: TextState, y: number, m: Matrix, size: number): Run {
  const cx = st.x;
  const cy = st.y + y + st.rise;
  const corners = [
    apply(m, cx - 0.5 * size, cy),
    apply(m, cx + 0.5 * size, cy),
    apply(m, cx - 0.5 * size, cy - size),
    apply(m, cx + 0.5 * size, cy - size),
  ];
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  return {
    text,
    size: Math.hypot(m[2], m[3]) * size,
    upright: true,
    x0: Math.min(...xs),
    x1: Math.max(...xs),
    y0: Math.min(...ys),
    y1: Math.max(...ys),
  };
}
