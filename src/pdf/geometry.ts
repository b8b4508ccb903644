/**
 * geometry.ts — matrices, points and boxes in a page's display space.
 *
 * Owns: the 2-D affine matrices PDF uses ([a, b, c, d, e, f]), and the shapes the other modules pass
 * around. Every coordinate after ops.ts and text.ts is in display space: points (1/72 inch), x to the
 * right, y down, the page's rotation applied, so that a table reads left to right and top to bottom.
 */

export type Matrix = readonly [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** `m` then `n`: a point is mapped by `m` first (PDF's `cm` order: multiply(cm, ctm)). */
export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** How much `m` scales a length (the square root of its determinant's size). */
export function scaleOf(m: Matrix): number {
  return Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));
}

/** A matrix from whatever pdf.js gives (an array or a typed array of six numbers). */
export function toMatrix(v: unknown): Matrix | null {
  if (v === null || typeof v !== 'object' || !('length' in v)) return null;
  const a = v as ArrayLike<unknown>;
  if (a.length < 6) return null;
  const out: number[] = [];
  for (let k = 0; k < 6; k++) {
    const n = a[k];
    if (typeof n !== 'number' || !Number.isFinite(n)) return null;
    out.push(n);
  }
  return out as unknown as Matrix;
}

/** An axis-aligned box: x0 ≤ x1, y0 ≤ y1 (y0 the top). */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A horizontal ruling (y, from x0 to x1) or a vertical one (x, from y0 to y1), with its width. */
export interface Ruling {
  dir: 'h' | 'v';
  /** y of a horizontal ruling, x of a vertical one. */
  at: number;
  from: number;
  to: number;
  width: number;
}

export const boxWidth = (b: Box): number => b.x1 - b.x0;
export const boxHeight = (b: Box): number => b.y1 - b.y0;

/** True when `inner`'s centre lies in `outer`. */
export function centreIn(inner: Box, outer: Box): boolean {
  const cx = (inner.x0 + inner.x1) / 2;
  const cy = (inner.y0 + inner.y1) / 2;
  return cx >= outer.x0 && cx <= outer.x1 && cy >= outer.y0 && cy <= outer.y1;
}

/** Numbers within `tol` of their neighbour grouped, each group by its mean; sorted. */
export function clusterValues(values: readonly number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  let sum = 0;
  let n = 0;
  let last = -Infinity;
  for (const v of sorted) {
    if (n > 0 && v - last > tol) {
      out.push(sum / n);
      sum = 0;
      n = 0;
    }
    sum += v;
    n++;
    last = v;
  }
  if (n > 0) out.push(sum / n);
  return out;
}

/** The index of the interval of `edges` (sorted) that holds `v`: 0 for [edges[0], edges[1]); -1 outside. */
export function intervalOf(edges: readonly number[], v: number): number {
  if (edges.length < 2 || v < (edges[0] as number) || v > (edges[edges.length - 1] as number)) return -1;
  let lo = 0;
  let hi = edges.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((edges[mid] as number) <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
