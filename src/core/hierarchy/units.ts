/**
 * units.ts — which rows are units and totals, by the numbers, for every layout.
 *
 * Owns: giving every candidate row its kind (unit or project) and its parent. A unit row is one
 * whose amounts equal the sum of the project rows under it; a first row that no title names as
 * 合计 but that equals the sum of the units under it is the grand total.
 */
import { AMOUNT_ROLES } from '../contract/roles';
import { scaledOf, WorkRow } from '../rows/work-row';
import { explainableMiss } from './slips';

export interface StructureResult {
  rows: WorkRow[];
  /** 0-based indexes of grand-total rows. */
  grandTotals: number[];
  /** 0-based indexes of unit rows. */
  units: number[];
  /** 0-based indexes of project rows. */
  projects: number[];
  /** The grand totals of each table: every one of them is checked against the rows under the first. */
  grandGroups: number[][];
}

/** A table of the paste for the hierarchy: its first row, and the units its headings and 小计 lines declare. */
export interface TableRows {
  start: number;
  declared?: ReadonlyArray<{ row: number; opens: boolean }>;
}

/**
 * Units, projects and parents for every table of a paste; parents never cross tables. `tables` give
 * each table's first row (0-based), in order, and the units its headings and 小计 lines declare: a table
 * that declares units is structured by them, one that does not by the numbers.
 */
export function assignParentsByTable(rows: WorkRow[], tables: readonly TableRows[]): StructureResult {
  const out: StructureResult = { rows, grandTotals: [], units: [], projects: [], grandGroups: [] };
  const bounds = [...tables.map((t) => t.start).filter((s) => s > 0), rows.length];
  let from = 0;
  for (const to of bounds) {
    const declared = tables.filter((t) => t.start >= from && t.start < to).flatMap((t) => t.declared ?? []);
    const slice = rows.slice(from, to);
    const part = declared.length > 0 ? assignDeclared(slice, declared) : assignParents(slice);
    out.grandTotals.push(...part.grandTotals);
    out.units.push(...part.units);
    out.projects.push(...part.projects);
    if (part.grandTotals.length > 0) out.grandGroups.push(part.grandTotals);
    from = to;
  }
  return out;
}

/**
 * Parents by position where headings and 小计 lines declare the units: a heading's unit takes the
 * projects after it, a 小计 line's unit (one with no heading) the projects since the last unit; units
 * and the projects outside any unit hang from the table's grand total, wherever it stands.
 */
function assignDeclared(rows: WorkRow[], declared: ReadonlyArray<{ row: number; opens: boolean }>): StructureResult {
  const opens = new Map(declared.map((d) => [d.row, d.opens]));
  const grandTotals = rows.filter((r) => r.kind === 'grandTotal').map((r) => r.index);
  const grand = grandTotals.length > 0 ? (grandTotals[0] as number) : null;
  const units: number[] = [];
  const projects: number[] = [];
  let current: number | null = null;
  let pending: WorkRow[] = [];
  for (const r of rows) {
    if (r.kind === 'unit' && opens.has(r.index)) {
      r.parent = grand;
      units.push(r.index);
      if (opens.get(r.index) === true) current = r.index;
      else {
        for (const p of pending) p.parent = r.index;
        pending = [];
        current = null;
      }
    } else if (r.kind === 'project') {
      r.parent = current ?? grand;
      projects.push(r.index);
      if (current === null) pending.push(r);
    } else if (r.kind === 'grandTotal') {
      // A 合计 closes the groups above it.
      current = null;
      pending = [];
    }
  }
  return { rows, grandTotals, units, projects, grandGroups: grandTotals.length > 0 ? [grandTotals] : [] };
}

/**
 * Decide units among the candidate rows (kind 'project') by the numbers and give every row
 * its parent. A first row that no title names as 合计 but that equals the sum of the units
 * under it (a department subtotal before its units) is taken as the grand total. Units are looked
 * for above their projects first; a table whose units come after their projects (each unit row
 * the sum of the rows above it) is read that way when the first finds none.
 */
export function assignParents(rows: WorkRow[]): StructureResult {
  let grandTotals = rows.filter((r) => r.kind === 'grandTotal').map((r) => r.index);
  let candidates = rows.filter((r) => r.kind === 'project');
  const grandRow = grandTotals.length > 0 ? (rows.find((r) => r.index === grandTotals[0]) ?? null) : null;
  let unitSet = findUnits(candidates, grandRow);
  if (grandTotals.length === 0 && candidates.length >= 3) {
    const head = candidates[0] as WorkRow;
    const rest = candidates.slice(1);
    if (head.indicatorText === null && head.indicators === null && head.goal === null) {
      const inner = findUnits(rest, head);
      if (inner.size > 0 && unitsSumTo(rest, inner, head)) {
        head.kind = 'grandTotal';
        grandTotals = [head.index];
        candidates = rest;
        unitSet = inner;
      }
    }
  }
  let unitsAfter = false;
  if (unitSet.size === 0 && candidates.length >= 2) {
    const reversed = [...candidates].reverse();
    const after = findUnits(reversed, grandRow);
    if (after.size > 0) {
      unitSet = after;
      unitsAfter = true;
    }
  }
  const grand = grandTotals.length > 0 ? (grandTotals[0] as number) : null;
  let currentUnit: number | null = null;
  const units: number[] = [];
  const projects: number[] = [];
  for (const c of unitsAfter ? [...candidates].reverse() : candidates) {
    if (unitSet.has(c.index)) {
      c.kind = 'unit';
      c.parent = grand;
      currentUnit = c.index;
      units.push(c.index);
    } else {
      c.parent = currentUnit ?? grand;
      projects.push(c.index);
    }
  }
  if (unitsAfter) {
    units.reverse();
    projects.reverse();
  }
  // Continuation rows belong to the row they continue.
  return { rows, grandTotals, units, projects, grandGroups: grandTotals.length > 0 ? [grandTotals] : [] };
}

/** The chosen units add up to the total row in at least one stated column, and contradict it in none. */
function unitsSumTo(cands: WorkRow[], units: Set<number>, total: WorkRow): boolean {
  const t = effective(total);
  let agree = 0;
  for (let c = 0; c < AMOUNT_ROLES.length; c++) {
    const tv = t[c];
    if (tv === null || tv === undefined || tv === 0) continue;
    let sum = 0n;
    for (const r of cands) if (units.has(r.index)) sum += BigInt(effective(r)[c] ?? 0);
    if (sum === BigInt(tv)) agree++;
  }
  return agree > 0;
}

/** Amounts used to decide structure: a missing total is the sum of its parts. */
function effective(row: WorkRow): Array<number | null> {
  const out: Array<number | null> = AMOUNT_ROLES.map((k) => scaledOf(row.amounts[k]));
  if (row.amounts.total.parse.kind === 'empty') {
    let sum = 0;
    let any = false;
    for (let k = 1; k < AMOUNT_ROLES.length; k++) {
      const v = out[k];
      if (v !== null && v !== undefined) {
        sum += v;
        any = true;
      }
    }
    if (any) out[0] = sum;
  }
  return out;
}

const MAX_TIES = 64;

/** Prefix sums of one amount column, with a lookup from a sum to the first index reaching it. */
interface PrefixIndex {
  at(k: number): number | bigint;
  /** Ends j (exclusive) with prefix(j) === prefix(from) + x, j ≥ minEnd. */
  ends(from: number, x: number, minEnd: number, visit: (j: number) => void): void;
}

function prefixIndex(values: Array<number | null>[], c: number): PrefixIndex {
  const n = values.length;
  let bound = 0;
  let monotone = true;
  for (let k = 0; k < n; k++) {
    const v = (values[k] as Array<number | null>)[c] ?? 0;
    bound += Math.abs(v);
    if (v < 0) monotone = false;
  }
  if (bound < Number.MAX_SAFE_INTEGER) {
    // Every partial sum is a safe integer: plain numbers are exact and fast.
    const p = new Float64Array(n + 1);
    for (let k = 0; k < n; k++) p[k + 1] = (p[k] as number) + ((values[k] as Array<number | null>)[c] ?? 0);
    const visitRun = (j0: number, target: number, minEnd: number, visit: (j: number) => void): void => {
      // Equal sums sit next to each other (rows of zero); look at a bounded run of them.
      for (let j = Math.max(j0, minEnd), seen = 0; j <= n && p[j] === target && seen < MAX_TIES; j++, seen++) visit(j);
    };
    if (monotone) {
      // No negative amounts: the sums never decrease, so a binary search finds the first end.
      return {
        at: (k) => p[k] as number,
        ends(from, x, minEnd, visit) {
          const target = (p[from] as number) + x;
          let lo = Math.max(from, minEnd);
          let hi = n + 1;
          while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if ((p[mid] as number) < target) lo = mid + 1;
            else hi = mid;
          }
          if (lo <= n && p[lo] === target) visitRun(lo, target, minEnd, visit);
        },
      };
    }
    const first = new Map<number, number>();
    for (let k = n; k >= 0; k--) first.set(p[k] as number, k);
    return {
      at: (k) => p[k] as number,
      ends(from, x, minEnd, visit) {
        const target = (p[from] as number) + x;
        const j0 = first.get(target);
        if (j0 !== undefined) visitRun(j0, target, minEnd, visit);
      },
    };
  }
  // Sums beyond 2^53: BigInt keeps them exact.
  const p: bigint[] = new Array(n + 1);
  const first = new Map<bigint, number>();
  p[0] = 0n;
  first.set(0n, 0);
  for (let k = 0; k < n; k++) {
    const v = (p[k] as bigint) + BigInt((values[k] as Array<number | null>)[c] ?? 0);
    p[k + 1] = v;
    if (!first.has(v)) first.set(v, k + 1);
  }
  return {
    at: (k) => p[k] as bigint,
    ends(from, x, minEnd, visit) {
      const target = (p[from] as bigint) + BigInt(x);
      const j0 = first.get(target);
      if (j0 === undefined) return;
      for (let j = Math.max(j0, minEnd), seen = 0; j <= n && p[j] === target && seen < MAX_TIES; j++, seen++) visit(j);
    },
  };
}

/**
 * Which candidate rows are units. A unit at i with the next unit at j (or the end) needs its
 * amounts to equal the sum of rows i+1..j-1, column by column. Each column that the row
 * states votes for the end j its prefix sums point to, so that one wrong amount (in the unit
 * or in a project) leaves the other columns to find the boundary. A dynamic programme from
 * the end keeps only chains that cover the whole table; a grand total decides between a
 * chain of units and a flat list of projects. A row with its own goal or indicators is never a unit,
 * so that a project whose amount happens to equal the next projects' sum stays a project.
 */
export function findUnits(cands: WorkRow[], grand: WorkRow | null): Set<number> {
  const n = cands.length;
  const result = new Set<number>();
  if (n < 2) return result;
  const cols = AMOUNT_ROLES.length;
  const vals: Array<Array<number | null>> = cands.map(effective);
  const prefix: PrefixIndex[] = [];
  for (let c = 0; c < cols; c++) prefix.push(prefixIndex(vals, c));
  /** How many of row i's columns say it ends at j. */
  const countVotes = (i: number, j: number): number => {
    let count = 0;
    const v = vals[i] as Array<number | null>;
    for (let c = 0; c < cols; c++) {
      const x = v[c];
      if (x === null || x === undefined || x === 0) continue;
      (prefix[c] as PrefixIndex).ends(i + 1, x, i + 2, (e) => void (e === j && count++));
    }
    return count;
  };
  const best = new Float64Array(n + 1).fill(-1);
  const next = new Int32Array(n + 1).fill(-1);
  best[n] = 0;
  // The end most columns of a row point to, whether or not a chain goes on from there.
  const topEnd = new Int32Array(n).fill(-1);
  const topVotes = new Int32Array(n).fill(0);
  const votes = new Map<number, number>();
  const vote = (j: number): void => {
    votes.set(j, (votes.get(j) ?? 0) + 1);
  };
  for (let i = n - 1; i >= 0; i--) {
    votes.clear();
    // A row that carries its own goal or indicators is a project, whatever its numbers.
    const c = cands[i] as WorkRow;
    if (c.indicatorText !== null || c.goal !== null || (c.indicators !== null && c.indicators.length > 0)) continue;
    const v = vals[i] as Array<number | null>;
    for (let c = 0; c < cols; c++) {
      const x = v[c];
      if (x === null || x === undefined || x === 0) continue;
      (prefix[c] as PrefixIndex).ends(i + 1, x, i + 2, vote);
    }
    for (const [j, count] of votes) {
      if (count > (topVotes[i] as number) || (count === topVotes[i] && j < (topEnd[i] as number))) {
        topVotes[i] = count;
        topEnd[i] = j;
      }
      const rest = best[j] as number;
      if (rest < 0) continue;
      const score = rest + count;
      if (score > (best[i] as number) || (score === best[i] && j < (next[i] as number))) {
        best[i] = score;
        next[i] = j;
      }
    }
  }
  if ((best[0] as number) < 0) {
    const slipped = oneUnitSlipped(cands, vals, best, next, prefix);
    if (slipped !== null && (grand === null || chainBeatsFlat(slipped, vals, grand))) {
      for (const i of slipped) result.add((cands[i] as WorkRow).index);
      return result;
    }
    return structuralUnits(cands, vals, grand);
  }
  let chain: number[] = [];
  for (let i = 0; i < n; i = next[i] as number) chain.push(i);
  // A unit whose columns mostly say it ends at j, where no chain goes on: the row at j is a unit whose
  // own sum a slip broke (counted twice, left out, 万元/元). It is read as a unit when the slip explains it.
  for (let k = 0; k < chain.length; k++) {
    const i = chain[k] as number;
    const j = topEnd[i] as number;
    if (j < 0 || j === next[i] || (best[j] as number) >= 0 || (topVotes[i] as number) <= countVotes(i, next[i] as number)) continue;
    const end = slippedUnitEnd(cands, vals, best, prefix, j);
    if (end === null) continue;
    const rest: number[] = [];
    for (let r = end; r < n; r = next[r] as number) rest.push(r);
    chain = [...chain.slice(0, k + 1), j, ...rest];
    break;
  }
  if (grand !== null && !chainBeatsFlat(chain, vals, grand)) return result;
  for (const i of chain) result.add((cands[i] as WorkRow).index);
  return result;
}

/** How many chain starts a unit whose sum is off tries as its end. */
const SLIP_ENDS = 64;

/**
 * The chain of units when the first unit misses the sum of its projects by what one slip explains
 * (its rows counted twice or left out, 万元/元), so that no exact chain starts: the first row ends
 * where an exact chain of units goes on. Null when there is none. (A later unit whose sum a slip
 * broke is found from the unit above it, in findUnits.)
 */
function oneUnitSlipped(
  cands: WorkRow[],
  vals: Array<Array<number | null>>,
  best: Float64Array,
  next: Int32Array,
  prefix: PrefixIndex[],
): number[] | null {
  const end = slippedUnitEnd(cands, vals, best, prefix, 0);
  if (end === null) return null;
  const chain = [0];
  for (let k = end; k < cands.length; k = next[k] as number) chain.push(k);
  return chain;
}

/**
 * Where a unit at row i ends when a slip broke its own sum: the first row from which an exact chain
 * goes on (or the end), such that row i misses the sum of the rows between by what one slip explains.
 */
function slippedUnitEnd(
  cands: WorkRow[],
  vals: Array<Array<number | null>>,
  best: Float64Array,
  prefix: PrefixIndex[],
  i: number,
): number | null {
  if (!textless(cands[i] as WorkRow)) return null;
  let tried = 0;
  for (let j = i + 2; j <= cands.length && tried < SLIP_ENDS; j++) {
    if ((best[j] as number) < 0) continue;
    tried++;
    const v = vals[i] as Array<number | null>;
    for (let c = 0; c < AMOUNT_ROLES.length; c++) {
      const x = v[c];
      if (x === null || x === undefined || x === 0) continue;
      const pc = prefix[c] as PrefixIndex;
      const sum = BigInt(pc.at(j)) - BigInt(pc.at(i + 1));
      const run: bigint[] = [];
      for (let k = i + 1; k < j; k++) run.push(BigInt((vals[k] as Array<number | null>)[c] ?? 0));
      if (sum !== BigInt(x) && explainableMiss(BigInt(x), sum, run)) return j;
    }
  }
  return null;
}

const textless = (r: WorkRow): boolean =>
  r.goal === null && r.indicatorText === null && (r.indicators === null || r.indicators.length === 0);

/**
 * When no chain of units adds up exactly (a wrong amount hides a boundary), rows without goal
 * or indicators that head a run of rows with them are taken as units, but only if every run
 * adds up to its head but one, and a grand total, where there is one, agrees with the units at
 * least as well as with a flat list. The one that misses may miss by any amount when another head
 * adds up exactly (what the rows are decides, and the hints then find the wrong figure); a lone head
 * only by what one slip explains (a typo within 1 %, a row counted twice or left out, a 万元/元 slip), or
 * by any amount when the grand total equals the head or the rows under it.
 */
function structuralUnits(cands: WorkRow[], vals: Array<Array<number | null>>, grand: WorkRow | null): Set<number> {
  const result = new Set<number>();
  const heads: number[] = [];
  for (let i = 0; i + 1 < cands.length; i++) {
    if (textless(cands[i] as WorkRow) && !textless(cands[i + 1] as WorkRow)) heads.push(i);
  }
  if (heads.length === 0 || heads[0] !== 0) return result;
  let misses = 0;
  const g = grand === null ? null : effective(grand);
  for (let h = 0; h < heads.length; h++) {
    const i = heads[h] as number;
    const end = h + 1 < heads.length ? (heads[h + 1] as number) : cands.length;
    let ok = false;
    let near = false;
    // The grand total names the head or its rows: a lone unit under it whose own figure, or one of its rows', is wrong.
    let grandSays = false;
    for (let c = 0; c < AMOUNT_ROLES.length; c++) {
      const x = (vals[i] as Array<number | null>)[c];
      if (x === null || x === undefined || x === 0) continue;
      let sum = 0n;
      for (let k = i + 1; k < end; k++) sum += BigInt((vals[k] as Array<number | null>)[c] ?? 0);
      const gc = g?.[c];
      if (gc !== null && gc !== undefined && gc !== 0 && (BigInt(gc) === BigInt(x) || BigInt(gc) === sum)) grandSays = true;
      const diff = sum - BigInt(x);
      if (diff === 0n) ok = true;
      else if (
        explainableMiss(
          BigInt(x),
          sum,
          vals.slice(i + 1, end).map((v) => BigInt(v[c] ?? 0)),
        )
      )
        near = true;
    }
    if (!ok) {
      // A lone head must miss by what one slip explains; where another head holds exactly, the rows say
      // what the units are and one wrong figure, of any size, does not change it.
      // Without a grand total, an arbitrary miss needs two heads that add up exactly; a lone head, what the
      // grand total says of it.
      const others = grand !== null ? heads.length >= 2 : heads.length >= 3;
      if (!near && !grandSays && !others) return result;
      misses++;
    }
    // Rows between a head and the next that are themselves text-less and not heads break the pattern.
    for (let k = i + 1; k < end; k++) if (textless(cands[k] as WorkRow)) return result;
  }
  if (misses > 1) return result;
  if (grand !== null && !chainBeatsFlat(heads, vals, grand)) return result;
  for (const i of heads) result.add((cands[i] as WorkRow).index);
  return result;
}

/** With a grand total, units must sum to it at least as well as all rows taken flat do. */
function chainBeatsFlat(chain: number[], vals: Array<Array<number | null>>, grand: WorkRow): boolean {
  const g = effective(grand);
  let chainVotes = 0;
  let flatVotes = 0;
  for (let c = 0; c < AMOUNT_ROLES.length; c++) {
    const gv = g[c];
    if (gv === null || gv === undefined || gv === 0) continue;
    let chainSum = 0n;
    for (const i of chain) chainSum += BigInt((vals[i] as Array<number | null>)[c] ?? 0);
    let flatSum = 0n;
    for (const v of vals) flatSum += BigInt(v[c] ?? 0);
    if (chainSum === BigInt(gv)) chainVotes++;
    if (flatSum === BigInt(gv)) flatVotes++;
  }
  return chainVotes >= flatVotes;
}
