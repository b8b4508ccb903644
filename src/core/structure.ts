/**
 * structure.ts — rows, their kinds and their parents.
 *
 * Owns: reading each row under the header into name / amounts / goal / indicator text,
 * realigning rows whose cells drifted left when a PDF page's empty columns collapsed,
 * recovering an amount glued to the front of the goal text, classifying rows
 * (title, header, grandTotal, unit, project, continuation, blank), merging continuation
 * rows into the project they continue, and deciding which rows are units by the numbers:
 * a unit row is one whose amounts equal the sum of the project rows under it.
 */
import { AmountParse, parseAmount } from './amount';
import { AMOUNT_ROLES, AmountRole, ColumnMap, isHeaderLike, matchHeaderRow, roleOfLabel } from './columns';
import { Cell, Grid } from './grid';
import { hasIndicatorStart } from './indicators';
import type { Indicator } from './indicators';
import { RowKind } from './model';
import { cellText, isBlankText, isCjk, joinFragments, normalizeLabel, squeezeSpaces } from './text';

export interface AmountSlot {
  parse: AmountParse;
  /** Source column, or null when the row has no cell for this amount. */
  col: number | null;
  /** Set when the amount was recovered from the front of the goal text. */
  recovered: boolean;
  /** 0-based source row when it is not the row's own (a form's amounts stand below its name). */
  row?: number;
}

export interface TextCell {
  col: number;
  text: string;
}

export interface WorkRow {
  /** 0-based index into the grid. */
  index: number;
  kind: RowKind;
  name: string | null;
  nameCol: number | null;
  amounts: Record<AmountRole, AmountSlot>;
  goal: string | null;
  goalCol: number | null;
  indicatorText: string | null;
  indicatorCol: number | null;
  /** The indicator text shares its cell with the goal: text before the list is the goal. */
  mixedCell: boolean;
  drifted: boolean;
  /** 0-based index of the parent row. */
  parent: number | null;
  /** 0-based indexes of continuation rows merged into this one. */
  merged: number[];
  /** Indicators read from an indicator grid (grid lists, forms); packed text is parsed later. */
  indicators: Indicator[] | null;
  /** The unit a grid list names on the project's own row (单位名称). */
  unitName: string | null;
}

/** No merged rows: shared by every row until one is merged (`addMerged`). */
const NO_MERGED: number[] = Object.freeze([]) as unknown as number[];

/** Record that row `index` (0-based) was merged into `row`. */
export function addMerged(row: WorkRow, index: number): void {
  if (row.merged === NO_MERGED) row.merged = [index];
  else row.merged.push(index);
}

/**
 * A row of the grid before anything is known about it. Its amounts are a fresh record to fill
 * in, or a given one (a packed list gives the shared empty record, and replaces it for rows
 * that have cells).
 */
export function newRow(index: number, amounts?: Record<AmountRole, AmountSlot>): WorkRow {
  return {
    index,
    kind: 'blank',
    name: null,
    nameCol: null,
    amounts: amounts ?? { total: NO_SLOT, fiscal: NO_SLOT, specialAccount: NO_SLOT, other: NO_SLOT },
    goal: null,
    goalCol: null,
    indicatorText: null,
    indicatorCol: null,
    mixedCell: false,
    drifted: false,
    parent: null,
    merged: NO_MERGED,
    indicators: null,
    unitName: null,
  };
}

const EMPTY_PARSE: AmountParse = Object.freeze({ kind: 'empty' }) as AmountParse;
/** The slot of an amount the row has no cell for. Shared and frozen: slots are replaced, never mutated. */
const NO_SLOT: AmountSlot = Object.freeze({ parse: EMPTY_PARSE, col: null, recovered: false });
/** No amounts at all: the record of a blank, title or header row of a packed list. */
const NO_AMOUNTS: Record<AmountRole, AmountSlot> = Object.freeze({
  total: NO_SLOT,
  fiscal: NO_SLOT,
  specialAccount: NO_SLOT,
  other: NO_SLOT,
});

export function scaledOf(s: AmountSlot): number | null {
  return s.parse.kind === 'value' ? s.parse.scaled : null;
}

/**
 * Prose, not an amount: text with CJK words in it (other than a glued 万/元), or long text.
 * An unparsable amount such as `12.3.4` or `1,2345` is not prose: it stays in its column and
 * is flagged there.
 */
export function isProse(v: Cell): boolean {
  if (typeof v !== 'string') return false;
  let cjk = 0;
  let len = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 0x20) continue;
    len++;
    if (isCjk(c) && c !== 0x4e07 /* 万 */ && c !== 0x5143 /* 元 */ && c !== 0x4ebf /* 亿 */ && (c < 0xff00 || c > 0xffef)) {
      if (++cjk >= 2) return true;
    }
  }
  return len > 30;
}

function isBlankCell(v: Cell): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return isBlankText(v);
  return false;
}

const GRAND_TOTAL = /^(?:合计|总计|总合计|合计数|全部合计|总计数)$/;
const TITLE_HINT = /单位:|绩效目标表|部门名称|预算表|^第\d+页|^\d+$|^\(\d{4}年?\)$/;

/** The amount columns named by the header, in left-to-right order. */
export function amountColumns(cols: ColumnMap): Array<[AmountRole, number]> {
  const list: Array<[AmountRole, number]> = [];
  for (const role of AMOUNT_ROLES) {
    const c = cols[role];
    if (c !== undefined) list.push([role, c]);
  }
  return list.sort((a, b) => a[1] - b[1]);
}

interface Extracted {
  amounts: Record<AmountRole, AmountSlot>;
  texts: TextCell[];
  aligned: boolean;
}

/**
 * Read a row's amounts and text cells. A row is aligned when every amount column holds an
 * amount or nothing; otherwise its cells drifted left, and they are read by content:
 * the leading run of amount-or-empty cells are the amounts in header order, the rest is text.
 */
function extract(cells: readonly Cell[], nameCol: number, amountCols: Array<[AmountRole, number]>, textCols: number[]): Extracted {
  const amounts = { total: NO_SLOT, fiscal: NO_SLOT, specialAccount: NO_SLOT, other: NO_SLOT };
  const aligned = amountCols.every(([, c]) => !isProse(cells[c]));
  const texts: TextCell[] = [];
  if (aligned) {
    for (const [role, c] of amountCols) amounts[role] = slotOf(parseAmount(cells[c]), c);
    for (const c of textCols) {
      const v = cells[c];
      if (!isBlankCell(v)) texts.push({ col: c, text: cellText(v) });
    }
    return { amounts, texts, aligned };
  }
  let c = nameCol + 1;
  let slot = 0;
  while (c < cells.length && slot < amountCols.length && !isProse(cells[c])) {
    const role = (amountCols[slot] as [AmountRole, number])[0];
    amounts[role] = slotOf(parseAmount(cells[c]), c);
    slot++;
    c++;
  }
  for (; c < cells.length; c++) {
    const v = cells[c];
    if (!isBlankCell(v)) texts.push({ col: c, text: cellText(v) });
  }
  return { amounts, texts, aligned };
}

const emptySlots: AmountSlot[] = [];
/** The slot of an amount read from column `col`; an empty cell's slot is shared (slots are never mutated). */
function slotOf(parse: AmountParse, col: number): AmountSlot {
  if (parse.kind !== 'empty') return { parse, col, recovered: false };
  let s = emptySlots[col];
  if (s === undefined) {
    s = Object.freeze({ parse, col, recovered: false });
    if (col < 256) emptySlots[col] = s;
  }
  return s;
}

/** An amount glued to the front of the goal text: `44.36 干警调查研究能力…`. */
const GLUED_AMOUNT = /^\s*((?:\d{1,3}(?:,\d{3})+|\d+)\.\d{1,4})[ \u3000]*(?=[^\d.,%])/;

function tryRecoverGluedAmount(row: WorkRow, lastAmountRole: AmountRole | null): void {
  if (row.goal === null || lastAmountRole === null || lastAmountRole === 'total') return;
  const m = GLUED_AMOUNT.exec(row.goal);
  if (m === null) return;
  const slot = row.amounts[lastAmountRole];
  if (slot.parse.kind !== 'empty') return;
  const glued = parseAmount(m[1] as string);
  const total = scaledOf(row.amounts.total);
  if (glued.kind !== 'value' || total === null) return;
  let parts = glued.scaled;
  for (const role of AMOUNT_ROLES) {
    if (role === 'total' || role === lastAmountRole) continue;
    const s = row.amounts[role];
    if (s.parse.kind === 'unparsable') return;
    parts += scaledOf(s) ?? 0;
  }
  // Only when the row then adds up: a number at the start of prose is otherwise prose.
  if (parts !== total) return;
  row.amounts[lastAmountRole] = { parse: glued, col: row.goalCol, recovered: true };
  row.goal = row.goal.slice(m[0].length);
}

function assignTexts(row: WorkRow, texts: TextCell[], aligned: boolean, cols: ColumnMap): void {
  const goals: TextCell[] = [];
  const inds: TextCell[] = [];
  for (const t of texts) {
    const isInd = hasIndicatorStart(t.text);
    if (aligned && t.col === cols.indicators) inds.push(t);
    else if (aligned && t.col === cols.goal && !isInd) goals.push(t);
    else if (isInd) inds.push(t);
    else if (!aligned && cols.indicators !== undefined && t.col === cols.indicators && /指标/.test(t.text)) inds.push(t);
    else goals.push(t);
  }
  if (goals.length > 0) {
    row.goal = goals.map((g) => g.text).join('');
    row.goalCol = (goals[0] as TextCell).col;
  }
  if (inds.length > 0) {
    row.indicatorText = inds.map((g) => g.text).join('');
    row.indicatorCol = (inds[0] as TextCell).col;
    // The indicator list shares a cell with the goal when it is not in its own column.
    const first = inds[0] as TextCell;
    row.mixedCell = first.col !== cols.indicators && goals.length === 0;
    if (row.mixedCell) row.goalCol = first.col;
  }
}

/** Cheap pre-test for a repeated header row: its first cell names a role. */
const HEADER_WORDS = /名\s*称|[总合]\s*计|预\s*算|金\s*额|资\s*金|拨\s*款|目\s*标|指\s*标/;
export function mayBeHeaderName(v: Cell): boolean {
  return typeof v === 'string' && v.length <= 40 && HEADER_WORDS.test(v) && roleOfLabel(v) !== null;
}
/** 合计 / 总计 and their variants: the label of a grand-total row. */
export function isGrandTotalName(name: string): boolean {
  return name.length <= 12 && name.includes('计') && GRAND_TOTAL.test(normalizeLabel(name));
}

export interface StructureResult {
  rows: WorkRow[];
  /** 0-based indexes of grand-total rows. */
  grandTotals: number[];
  /** 0-based indexes of unit rows. */
  units: number[];
  /** 0-based indexes of project rows. */
  projects: number[];
}

/** Read the rows of a packed-list table whose header is at `headerRow` (0-based). */
export function buildStructure(grid: Grid, headerRow: number | null, cols: ColumnMap): WorkRow[] {
  const amountCols = amountColumns(cols);
  const nameCol = cols.name ?? 0;
  const lastAmountRole = amountCols.length > 0 ? (amountCols[amountCols.length - 1] as [AmountRole, number])[0] : null;
  const textCols = [cols.goal, cols.indicators].filter((c): c is number => c !== undefined);
  const rows: WorkRow[] = [];
  let lastCandidate: WorkRow | null = null;
  for (let r = 0; r < grid.length; r++) {
    const cells = grid[r] ?? [];
    const row = newRow(r, NO_AMOUNTS);
    rows.push(row);
    if (cells.every(isBlankCell)) continue;
    if (headerRow === null ? false : r < headerRow) {
      row.kind = 'title';
      continue;
    }
    if (r === headerRow || (mayBeHeaderName(cells[nameCol]) && isHeaderLike(matchHeaderRow(cells)))) {
      row.kind = 'header';
      continue;
    }
    let nameText = squeezeSpaces(cellText(cells[nameCol]));
    let nameAt = nameCol;
    if (nameText === '') {
      // 合计 merged across 序号 and 项目名称 lands left of the name column when pasted.
      for (let c = 0; c < nameCol; c++) {
        const t = squeezeSpaces(cellText(cells[c]));
        if (t !== '' && isGrandTotalName(t)) {
          nameText = t;
          nameAt = c;
          break;
        }
      }
    }
    row.name = nameText === '' ? null : nameText;
    row.nameCol = nameText === '' ? null : nameAt;
    const ex = extract(cells, nameCol, amountCols, textCols);
    row.amounts = ex.amounts;
    row.drifted = !ex.aligned;
    assignTexts(row, ex.texts, ex.aligned, cols);
    tryRecoverGluedAmount(row, lastAmountRole);
    if (row.goal !== null) row.goal = squeezeSpaces(row.goal);
    const hasAmount = AMOUNT_ROLES.some((k) => row.amounts[k].parse.kind !== 'empty');
    const hasText = row.goal !== null || row.indicatorText !== null;
    if (row.name !== null && isGrandTotalName(row.name)) {
      row.kind = 'grandTotal';
    } else if (row.name === null && !hasAmount) {
      if (hasText && lastCandidate !== null) {
        row.kind = 'continuation';
        mergeContinuation(lastCandidate, row);
      } else row.kind = hasText ? 'continuation' : 'title';
    } else if (!hasAmount && !hasText && TITLE_HINT.test(normalizeLabel(row.name ?? ''))) {
      row.kind = 'title';
    } else {
      row.kind = 'project';
      lastCandidate = row;
    }
  }
  return rows;
}

/**
 * Decide units among the candidate rows (kind 'project') by the numbers and give every row
 * its parent. A first row that no title names as 合计 but that equals the sum of the units
 * under it (a department subtotal before its units) is taken as the grand total.
 */
export function assignParents(rows: WorkRow[]): StructureResult {
  let grandTotals = rows.filter((r) => r.kind === 'grandTotal').map((r) => r.index);
  let candidates = rows.filter((r) => r.kind === 'project');
  let unitSet = findUnits(candidates, grandTotals.length > 0 ? (rows[grandTotals[0] as number] ?? null) : null);
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
  const grand = grandTotals.length > 0 ? (grandTotals[0] as number) : null;
  let currentUnit: number | null = null;
  const units: number[] = [];
  const projects: number[] = [];
  for (const c of candidates) {
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
  // Continuation rows belong to the row they continue.
  return { rows, grandTotals, units, projects };
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

/** Append a continuation row's text to the row it continues. */
function mergeContinuation(target: WorkRow, cont: WorkRow): void {
  addMerged(target, cont.index);
  cont.parent = target.index;
  if (cont.indicatorText !== null) {
    target.indicatorText = target.indicatorText === null ? cont.indicatorText : joinFragments(target.indicatorText, cont.indicatorText);
    if (target.indicatorCol === null) target.indicatorCol = cont.indicatorCol;
  }
  if (cont.goal !== null) {
    if (target.mixedCell && target.goal === null && target.indicatorText !== null && cont.indicatorText === null) {
      // The goal and list shared one cell: the fragment continues that cell.
      target.indicatorText = joinFragments(target.indicatorText, cont.goal);
    } else {
      target.goal = target.goal === null ? cont.goal : joinFragments(target.goal, cont.goal);
      if (target.goalCol === null) target.goalCol = cont.goalCol;
    }
  }
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
  const best = new Float64Array(n + 1).fill(-1);
  const next = new Int32Array(n + 1).fill(-1);
  best[n] = 0;
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
      const rest = best[j] as number;
      if (rest < 0) continue;
      const score = rest + count;
      if (score > (best[i] as number) || (score === best[i] && j < (next[i] as number))) {
        best[i] = score;
        next[i] = j;
      }
    }
  }
  if ((best[0] as number) < 0) return structuralUnits(cands, vals, grand);
  const chain: number[] = [];
  for (let i = 0; i < n; i = next[i] as number) chain.push(i);
  if (grand !== null && !chainBeatsFlat(chain, vals, grand)) return result;
  for (const i of chain) result.add((cands[i] as WorkRow).index);
  return result;
}

const textless = (r: WorkRow): boolean =>
  r.goal === null && r.indicatorText === null && (r.indicators === null || r.indicators.length === 0);

/**
 * When no chain of units adds up exactly (a wrong amount hides a boundary), rows without goal
 * or indicators that head a run of rows with them are taken as units, but only if every run
 * adds up to its head but one, and that one within 1% (a typo, not a different table), and a
 * grand total, where there is one, agrees with the units at least as well as with a flat list.
 */
function structuralUnits(cands: WorkRow[], vals: Array<Array<number | null>>, grand: WorkRow | null): Set<number> {
  const result = new Set<number>();
  const heads: number[] = [];
  for (let i = 0; i + 1 < cands.length; i++) {
    if (textless(cands[i] as WorkRow) && !textless(cands[i + 1] as WorkRow)) heads.push(i);
  }
  if (heads.length === 0 || heads[0] !== 0) return result;
  let misses = 0;
  for (let h = 0; h < heads.length; h++) {
    const i = heads[h] as number;
    const end = h + 1 < heads.length ? (heads[h + 1] as number) : cands.length;
    let ok = false;
    let near = false;
    for (let c = 0; c < AMOUNT_ROLES.length; c++) {
      const x = (vals[i] as Array<number | null>)[c];
      if (x === null || x === undefined || x === 0) continue;
      let sum = 0n;
      for (let k = i + 1; k < end; k++) sum += BigInt((vals[k] as Array<number | null>)[c] ?? 0);
      const diff = sum - BigInt(x);
      if (diff === 0n) ok = true;
      else if ((diff < 0n ? -diff : diff) * 100n <= BigInt(Math.abs(x))) near = true;
    }
    if (!ok) {
      if (!near) return result;
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
