/**
 * ops.ts — the paths a page paints, from pdf.js's operator list: candidate ruling lines.
 *
 * Owns: walking the operator list with the graphics state that places and colours a path (the matrix
 * stack of `save`/`restore`/`cm` and form XObjects, the line width, the stroke and fill colours), and
 * turning each painted path into what can be a ruling: every straight, axis-aligned piece of a stroked
 * path (spreadsheet exports stroke each border), and every filled shape that is thin and long (word
 * processors and some exports fill a 0.5 pt rectangle per border). Curves, clipping paths, white paint
 * (which draws nothing on white paper) and large filled areas (cell shading) are not rulings. It also
 * counts the images a page paints, so that a page of pictures without text is recognised as a scan.
 *
 * The operation codes are pdf.js 5.4's `OPS`, and `constructPath` its 5.x form: `[paintOp, [path],
 * minMax]`, the path a Float32Array of `DrawOPS` (0 moveTo x y, 1 lineTo x y, 2 curveTo x1 y1 x2 y2 x y,
 * 3 quadraticCurveTo x1 y1 x y, 4 closePath). test/pdf-geometry.test.ts checks the codes against the
 * installed pdf.js.
 */
import type { PdfOperatorList } from './api';
import { apply, IDENTITY, type Matrix, multiply, type Ruling, scaleOf, toMatrix } from './geometry';

/** pdf.js's operation codes (`OPS` in pdf.js 5.4), those the reader reads. */
export const OPS = {
  setLineWidth: 2,
  setGState: 9,
  save: 10,
  restore: 11,
  transform: 12,
  stroke: 20,
  closeStroke: 21,
  fill: 22,
  eoFill: 23,
  fillStroke: 24,
  eoFillStroke: 25,
  closeFillStroke: 26,
  closeEOFillStroke: 27,
  endPath: 28,
  setStrokeGray: 56,
  setFillGray: 57,
  setStrokeRGBColor: 58,
  setFillRGBColor: 59,
  setStrokeCMYKColor: 60,
  setFillCMYKColor: 61,
  paintXObject: 66,
  paintFormXObjectBegin: 74,
  paintFormXObjectEnd: 75,
  paintImageMaskXObject: 83,
  paintImageMaskXObjectGroup: 84,
  paintImageXObject: 85,
  paintInlineImageXObject: 86,
  paintInlineImageXObjectGroup: 87,
  paintImageXObjectRepeat: 88,
  paintImageMaskXObjectRepeat: 89,
  constructPath: 91,
} as const;

/** pdf.js's path drawing codes inside `constructPath` (`DrawOPS`). */
export const DRAW = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 } as const;

const STROKES = new Set<number>([
  OPS.stroke,
  OPS.closeStroke,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);
const FILLS = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
const IMAGES = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintImageXObjectRepeat,
  OPS.paintImageMaskXObject,
  OPS.paintImageMaskXObjectGroup,
  OPS.paintImageMaskXObjectRepeat,
]);

/** A filled shape thinner than this (points) is a ruling, drawn as a rectangle. */
export const MAX_RULE_WIDTH = 3;
/** A piece of a path within this of horizontal or vertical (points over its length) is axis-aligned. */
const SLANT = 0.6;

export interface PagePaths {
  rulings: Ruling[];
  /** Images painted on the page, and the share of the page the largest covers (0–1). */
  images: number;
  largestImage: number;
}

interface State {
  ctm: Matrix;
  lineWidth: number;
  strokeWhite: boolean;
  fillWhite: boolean;
}

/** A colour argument (pdf.js gives `#rrggbb`; gray, RGB and CMYK components are read too) is white. */
function isWhite(fn: number, args: unknown): boolean {
  const a = Array.isArray(args) || ArrayBuffer.isView(args) ? (args as ArrayLike<unknown>) : [args];
  const first = a[0];
  if (typeof first === 'string') {
    const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(first);
    return m !== null && [m[1], m[2], m[3]].every((h) => parseInt(h as string, 16) >= 0xf0);
  }
  const n = Array.from(a as ArrayLike<number>).filter((v) => typeof v === 'number');
  if (fn === OPS.setStrokeGray || fn === OPS.setFillGray) return (n[0] ?? 0) >= 0.94;
  if (fn === OPS.setStrokeCMYKColor || fn === OPS.setFillCMYKColor) return n.length >= 4 && n.every((v) => v <= 0.06);
  // RGB, as 0–1 or 0–255.
  const max = n.some((v) => v > 1) ? 255 : 1;
  return n.length >= 3 && n.slice(0, 3).every((v) => v >= 0.94 * max);
}

type Point = [number, number];

/** The subpaths of a pdf.js path (DrawOPS), each a list of points and whether it is closed; curves break a subpath. */
function subpaths(data: ArrayLike<number>, m: Matrix): Array<{ points: Point[]; closed: boolean; curved: boolean }> {
  const out: Array<{ points: Point[]; closed: boolean; curved: boolean }> = [];
  let cur: { points: Point[]; closed: boolean; curved: boolean } | null = null;
  let i = 0;
  while (i < data.length) {
    const op = data[i] as number;
    if (op === DRAW.moveTo) {
      cur = { points: [apply(m, data[i + 1] as number, data[i + 2] as number)], closed: false, curved: false };
      out.push(cur);
      i += 3;
    } else if (op === DRAW.lineTo) {
      const p = apply(m, data[i + 1] as number, data[i + 2] as number);
      if (cur === null) {
        cur = { points: [], closed: false, curved: false };
        out.push(cur);
      }
      cur.points.push(p);
      i += 3;
    } else if (op === DRAW.curveTo || op === DRAW.quadraticCurveTo) {
      const n = op === DRAW.curveTo ? 6 : 4;
      const p = apply(m, data[i + n - 1] as number, data[i + n] as number);
      if (cur !== null) cur.curved = true;
      // The curve ends a straight run; the next piece starts at the curve's end.
      cur = { points: [p], closed: false, curved: true };
      out.push(cur);
      i += n + 1;
    } else if (op === DRAW.closePath) {
      if (cur !== null) {
        cur.closed = true;
        const start: Point | undefined = cur.points[0];
        // After a closePath the current point is the subpath's start.
        cur = start === undefined ? null : { points: [start], closed: false, curved: false };
        if (cur !== null) out.push(cur);
      }
      i += 1;
    } else break; // an unknown code: the rest cannot be read
  }
  return out.filter((s) => s.points.length >= 2);
}

/** The straight, axis-aligned pieces of a stroked subpath, as rulings of the stroke's width. */
function strokedRulings(points: Point[], closed: boolean, width: number, into: Ruling[]): void {
  const n = points.length;
  const last = closed ? n : n - 1;
  for (let k = 0; k < last; k++) {
    const [x0, y0] = points[k] as Point;
    const [x1, y1] = points[(k + 1) % n] as Point;
    const dx = Math.abs(x1 - x0);
    const dy = Math.abs(y1 - y0);
    if (dx < SLANT && dy < SLANT) continue;
    if (dy < SLANT) into.push({ dir: 'h', at: (y0 + y1) / 2, from: Math.min(x0, x1), to: Math.max(x0, x1), width });
    else if (dx < SLANT) into.push({ dir: 'v', at: (x0 + x1) / 2, from: Math.min(y0, y1), to: Math.max(y0, y1), width });
  }
}

/**
 * A filled subpath thin enough to be a ruling: its bounding box at most MAX_RULE_WIDTH across and
 * longer than it is wide (a mitred border's trapezoid counts; a dot or a glyph-like shape does not).
 */
function filledRuling(points: Point[], into: Ruling[]): void {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y] of points) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  const w = x1 - x0;
  const h = y1 - y0;
  if (h <= MAX_RULE_WIDTH && w > 2 * h && w >= 1) into.push({ dir: 'h', at: (y0 + y1) / 2, from: x0, to: x1, width: Math.max(h, 0.1) });
  else if (w <= MAX_RULE_WIDTH && h > 2 * w && h >= 1)
    into.push({ dir: 'v', at: (x0 + x1) / 2, from: y0, to: y1, width: Math.max(w, 0.1) });
}

/**
 * The rulings a page paints, in display space (`view` maps user space to it: the page's viewport
 * transform at scale 1), and the images it paints.
 */
export function pagePaths(ops: PdfOperatorList, view: Matrix, pageArea = 0): PagePaths {
  const rulings: Ruling[] = [];
  const stack: State[] = [];
  let st: State = { ctm: IDENTITY, lineWidth: 1, strokeWhite: false, fillWhite: false };
  let images = 0;
  let largestImage = 0;
  const { fnArray, argsArray } = ops;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i] as number;
    const args = argsArray[i];
    switch (fn) {
      case OPS.save:
        stack.push(st);
        st = { ...st };
        break;
      case OPS.restore:
        st = stack.pop() ?? st;
        break;
      case OPS.transform: {
        const m = toMatrix(args);
        if (m !== null) st = { ...st, ctm: multiply(m, st.ctm) };
        break;
      }
      case OPS.paintFormXObjectBegin: {
        stack.push(st);
        const m = toMatrix((args as unknown[] | null)?.[0]);
        st = { ...st, ctm: m === null ? st.ctm : multiply(m, st.ctm) };
        break;
      }
      case OPS.paintFormXObjectEnd:
        st = stack.pop() ?? st;
        break;
      case OPS.setLineWidth: {
        const w = (args as unknown[] | null)?.[0];
        if (typeof w === 'number') st = { ...st, lineWidth: w };
        break;
      }
      case OPS.setGState: {
        // An ExtGState may set the line width: [[['LW', 0.5], …]].
        const entries = (args as unknown[] | null)?.[0];
        if (Array.isArray(entries))
          for (const e of entries) if (Array.isArray(e) && e[0] === 'LW' && typeof e[1] === 'number') st = { ...st, lineWidth: e[1] };
        break;
      }
      case OPS.setStrokeGray:
      case OPS.setStrokeRGBColor:
      case OPS.setStrokeCMYKColor:
        st = { ...st, strokeWhite: isWhite(fn, args) };
        break;
      case OPS.setFillGray:
      case OPS.setFillRGBColor:
      case OPS.setFillCMYKColor:
        st = { ...st, fillWhite: isWhite(fn, args) };
        break;
      case OPS.constructPath: {
        const a = args as [number, [ArrayLike<number> | null] | null, unknown];
        const paint = a[0];
        const data = a[1]?.[0];
        if (data === null || data === undefined) break;
        const stroke = STROKES.has(paint) && !st.strokeWhite;
        const fill = FILLS.has(paint) && !st.fillWhite;
        if (!stroke && !fill) break;
        const m = multiply(st.ctm, view);
        const width = Math.max(0.1, st.lineWidth * scaleOf(m));
        for (const sp of subpaths(data, m)) {
          if (sp.curved) continue;
          if (stroke) strokedRulings(sp.points, sp.closed, width, rulings);
          if (fill && !stroke) filledRuling(sp.points, rulings);
        }
        break;
      }
      default:
        if (IMAGES.has(fn)) {
          images++;
          // The image fills the unit square under its matrix: its area is the matrix's determinant.
          const m = multiply(st.ctm, view);
          const area = Math.abs(m[0] * m[3] - m[1] * m[2]);
          if (pageArea > 0) largestImage = Math.max(largestImage, Math.min(1, area / pageArea));
        }
    }
  }
  return { rulings, images, largestImage };
}
