/**
 * rulings.ts — ruling lines to tables of cells.
 *
 * Owns: joining the pieces of one line (exports draw each cell's border on its own; a double or thick
 * border is one line), grouping lines that touch into tables (a lone underline or a page frame around a
 * table is not one), each table's column and row edges, and its cells: an elementary cell is the space
 * between two neighbouring edges each way; a missing inner line merges the cells on either side of it,
 * which is how a merged cell looks on paper.
 */
import { type Box, clusterValues, type Ruling } from './geometry';

/** Lines closer than this (points) across their length are one line; an edge closer than this to another is the same edge. */
export const SAME_LINE = 2;
/** Pieces of one line whose ends are this close (points) are joined. */
const JOIN_GAP = 2.5;
/** How far (points) a line may stop short of the line it meets and still meet it. */
const MEET = 2.5;
/** Rows and columns narrower than this (points) are the space between a double line, not cells. */
const MIN_CELL = 3;
/** More lines than this on a page make a drawing (a chart, a pattern), not a table: none is read from it. */
export const MAX_LINES = 20_000;
/** A table of more elementary cells than this is no table a department prints: it is not read as one. */
export const MAX_CELLS = 250_000;

/** A cell of a ruled table: its place in the grid of elementary cells and how many it spans. */
export interface RuledCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  box: Box;
}

export interface RuledTable {
  box: Box;
  /** Column edges, left to right, and row edges, top to bottom (display space). */
  xs: number[];
  ys: number[];
  /** Each cell once, by its top-left elementary cell, in reading order. */
  cells: RuledCell[];
  /** For each elementary cell (row-major), the index in `cells` of the cell that covers it. */
  owner: number[];
}

/** Pieces of one line joined: same direction, within SAME_LINE across, overlapping or JOIN_GAP apart. */
export function joinRulings(rulings: readonly Ruling[]): Ruling[] {
  const out: Ruling[] = [];
  for (const dir of ['h', 'v'] as const) {
    const list = rulings.filter((r) => r.dir === dir).sort((a, b) => a.at - b.at || a.from - b.from);
    // Group by position across (a chain of lines each within SAME_LINE of the group's first).
    let k = 0;
    while (k < list.length) {
      const start = (list[k] as Ruling).at;
      let end = k;
      while (end < list.length && (list[end] as Ruling).at - start <= SAME_LINE) end++;
      const group = list.slice(k, end).sort((a, b) => a.from - b.from);
      let cur: Ruling | null = null;
      let weight = 0;
      for (const r of group) {
        const len = Math.max(r.to - r.from, 0.01);
        if (cur !== null && r.from <= cur.to + JOIN_GAP) {
          cur.at = (cur.at * weight + r.at * len) / (weight + len);
          weight += len;
          cur.to = Math.max(cur.to, r.to);
          cur.width = Math.max(cur.width, r.width);
        } else {
          if (cur !== null) out.push(cur);
          cur = { ...r };
          weight = len;
        }
      }
      if (cur !== null) out.push(cur);
      k = end;
    }
  }
  return out;
}

function meets(h: Ruling, v: Ruling): boolean {
  return v.at >= h.from - MEET && v.at <= h.to + MEET && h.at >= v.from - MEET && h.at <= v.to + MEET;
}

/** Lines that meet, grouped (union-find); each group with two lines each way is a table's lines. */
export function lineGroups(lines: readonly Ruling[]): Ruling[][] {
  const parent = lines.map((_, k) => k);
  const find = (k: number): number => {
    while (parent[k] !== k) {
      parent[k] = parent[parent[k] as number] as number;
      k = parent[k] as number;
    }
    return k;
  };
  const hs = lines.map((l, k) => [l, k] as const).filter(([l]) => l.dir === 'h');
  const vs = lines.map((l, k) => [l, k] as const).filter(([l]) => l.dir === 'v');
  // Vertical lines sorted by x: each horizontal line looks only at those within its extent.
  vs.sort((a, b) => a[0].at - b[0].at);
  const vx = vs.map(([l]) => l.at);
  for (const [h, hk] of hs) {
    let lo = 0;
    let hi = vx.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((vx[mid] as number) < h.from - MEET) lo = mid + 1;
      else hi = mid;
    }
    for (let j = lo; j < vs.length && (vx[j] as number) <= h.to + MEET; j++) {
      const [v, vk] = vs[j] as readonly [Ruling, number];
      if (meets(h, v)) parent[find(hk)] = find(vk);
    }
  }
  const groups = new Map<number, Ruling[]>();
  lines.forEach((l, k) => {
    const root = find(k);
    const g = groups.get(root);
    if (g) g.push(l);
    else groups.set(root, [l]);
  });
  return [...groups.values()].filter((g) => g.filter((l) => l.dir === 'h').length >= 2 && g.filter((l) => l.dir === 'v').length >= 2);
}

/** Whether the lines at an edge (those within SAME_LINE of it) cover the middle half of [a, b] (60 % of it or more). */
function covered(lines: readonly Ruling[], a: number, b: number): boolean {
  const lo = a + (b - a) / 4;
  const hi = b - (b - a) / 4;
  let cover = 0;
  for (const l of lines) {
    const s = Math.max(lo, l.from);
    const e = Math.min(hi, l.to);
    if (e > s) cover += e - s;
  }
  return cover >= (hi - lo) * 0.6;
}

/** Edges a group's lines give one way: their positions clustered, with the group's outer edges, no two closer than MIN_CELL. */
function edgesOf(positions: number[], lo: number, hi: number): number[] {
  const edges = clusterValues([...positions, lo, hi], SAME_LINE);
  const out: number[] = [];
  for (const e of edges) {
    if (out.length > 0 && e - (out[out.length - 1] as number) < MIN_CELL) continue;
    out.push(e);
  }
  // The last edge is the outer one.
  if (out.length > 1 && hi - (out[out.length - 1] as number) > 0 && hi - (out[out.length - 1] as number) < MIN_CELL)
    out[out.length - 1] = hi;
  return out;
}

/** One group of lines as a table: its edges and its cells, merged where an inner line is missing. */
export function tableOf(group: readonly Ruling[]): RuledTable | null {
  const hs = group.filter((l) => l.dir === 'h');
  const vs = group.filter((l) => l.dir === 'v');
  const box: Box = {
    x0: Math.min(...hs.map((l) => l.from), ...vs.map((l) => l.at)),
    x1: Math.max(...hs.map((l) => l.to), ...vs.map((l) => l.at)),
    y0: Math.min(...vs.map((l) => l.from), ...hs.map((l) => l.at)),
    y1: Math.max(...vs.map((l) => l.to), ...hs.map((l) => l.at)),
  };
  if (box.x1 - box.x0 < 2 * MIN_CELL || box.y1 - box.y0 < 2 * MIN_CELL) return null;
  const xs = edgesOf(
    vs.map((l) => l.at),
    box.x0,
    box.x1,
  );
  const ys = edgesOf(
    hs.map((l) => l.at),
    box.y0,
    box.y1,
  );
  const nr = ys.length - 1;
  const nc = xs.length - 1;
  if (nr < 1 || nc < 1 || nr * nc > MAX_CELLS) return null;
  // The lines at each edge, so that each cell looks only at its own borders' lines.
  const at = (lines: readonly Ruling[], edges: readonly number[]): Ruling[][] =>
    edges.map((e) => lines.filter((l) => Math.abs(l.at - e) <= SAME_LINE));
  const vAt = at(vs, xs);
  const hAt = at(hs, ys);
  // Union of elementary cells across missing inner lines.
  const parent = Array.from({ length: nr * nc }, (_, k) => k);
  const find = (k: number): number => {
    while (parent[k] !== k) {
      parent[k] = parent[parent[k] as number] as number;
      k = parent[k] as number;
    }
    return k;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (let r = 0; r < nr; r++) {
    const top = ys[r] as number;
    const bottom = ys[r + 1] as number;
    for (let c = 0; c < nc; c++) {
      const left = xs[c] as number;
      const right = xs[c + 1] as number;
      if (c + 1 < nc && !covered(vAt[c + 1] as Ruling[], top, bottom)) union(r * nc + c, r * nc + c + 1);
      if (r + 1 < nr && !covered(hAt[r + 1] as Ruling[], left, right)) union(r * nc + c, (r + 1) * nc + c);
    }
  }
  // Each merged region's extent; a region that is not a rectangle keeps only its horizontal merges.
  const extent = new Map<number, { r0: number; r1: number; c0: number; c1: number; n: number }>();
  for (let k = 0; k < nr * nc; k++) {
    const root = find(k);
    const r = Math.floor(k / nc);
    const c = k % nc;
    const e = extent.get(root);
    if (e === undefined) extent.set(root, { r0: r, r1: r, c0: c, c1: c, n: 1 });
    else {
      e.r0 = Math.min(e.r0, r);
      e.r1 = Math.max(e.r1, r);
      e.c0 = Math.min(e.c0, c);
      e.c1 = Math.max(e.c1, c);
      e.n++;
    }
  }
  const owner = new Array<number>(nr * nc).fill(-1);
  const cells: RuledCell[] = [];
  const place = (r0: number, r1: number, c0: number, c1: number): void => {
    const index = cells.length;
    cells.push({
      row: r0,
      col: c0,
      rowSpan: r1 - r0 + 1,
      colSpan: c1 - c0 + 1,
      box: { x0: xs[c0] as number, x1: xs[c1 + 1] as number, y0: ys[r0] as number, y1: ys[r1 + 1] as number },
    });
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) owner[r * nc + c] = index;
  };
  for (let k = 0; k < nr * nc; k++) {
    if (owner[k] !== -1) continue;
    const e = extent.get(find(k)) as { r0: number; r1: number; c0: number; c1: number; n: number };
    const r = Math.floor(k / nc);
    const c = k % nc;
    if (e.n === (e.r1 - e.r0 + 1) * (e.c1 - e.c0 + 1)) {
      place(e.r0, e.r1, e.c0, e.c1);
      continue;
    }
    // Not a rectangle: this row's run of the region, as far as it goes.
    let c1 = c;
    while (c1 + 1 < nc && owner[r * nc + c1 + 1] === -1 && find(r * nc + c1 + 1) === find(k)) c1++;
    place(r, r, c, c1);
  }
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  // Indices changed with the sort: rebuild the owners.
  cells.forEach((cell, index) => {
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++)
      for (let c = cell.col; c < cell.col + cell.colSpan; c++) owner[r * nc + c] = index;
  });
  return { box, xs, ys, cells, owner };
}

/** True when `outer` holds all of `inner` (with a little slack). */
function contains(outer: Box, inner: Box): boolean {
  const s = SAME_LINE;
  return inner.x0 >= outer.x0 - s && inner.x1 <= outer.x1 + s && inner.y0 >= outer.y0 - s && inner.y1 <= outer.y1 + s;
}

/**
 * The ruled tables of a page, top to bottom: lines joined, grouped by touching, each group a table. A
 * frame that only surrounds other tables (a page border, a box around a table) is not a table itself.
 */
export function ruledTables(rulings: readonly Ruling[]): RuledTable[] {
  const lines = joinRulings(rulings);
  if (lines.length > MAX_LINES) return [];
  const tables = lineGroups(lines)
    .map(tableOf)
    .filter((t): t is RuledTable => t !== null);
  const kept = tables.filter((t) => !(t.cells.length === 1 && tables.some((o) => o !== t && contains(t.box, o.box))));
  return kept.sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
}
