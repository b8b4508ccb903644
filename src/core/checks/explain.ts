/**
 * explain.ts — why a total is off: the explanations an auditor tries first, tried for the user.
 *
 * Owns: giving each sum mismatch a `hint` where one fits, in this order of preference:
 *  - rounding: the difference is at most half a unit of the table's last decimal per summand
 *    (info, not error, unless the options say otherwise);
 *  - unit-slip: one amount is about 10,000 times (or 1/10,000 of) the value that makes every sum it
 *    takes part in hold (元 typed into a 万元 table, or the reverse);
 *  - double-count / omission: a unit's or the grand total's difference is exactly one child's amount;
 *  - transposition: the difference, in units of the last decimal, is a multiple of 9, and two adjacent
 *    digits of one figure swapped make every sum it takes part in hold.
 * A hint's flag sits on the cell the user should change: the slipped or transposed figure, the total
 * that counted a child twice or left it out (its message names the child). A whole row typed in the
 * other unit is one fix of several cells: each cell to change gets a flag of its own with its own
 * needed value; the first in sheet order leads (its message states the whole row's correction), and
 * the others carry `explainedBy` that lead, as does every other mismatch the correction clears. A flag
 * says it is explained by a cell only when the correction that cell's hint states makes its sum hold.
 * Exact integer arithmetic on the checks reconcile.ts made; nothing here changes an amount, and
 * nothing here changes a finding: the hints come back as notes, and findings/flags.ts makes the flags.
 * A cell to change on which no mismatch was found (the fiscal cell of a row typed in 元 whose parent
 * states no fiscal total) gets a finding made here, returned as `extra` for the run to add.
 */
import { HINTS, type Hint } from '../contract/model';
import { cellAddress } from '../input/grid';
import type { Finding, HintNote, Place } from '../findings/flags';
import type { Money } from '../contract/money';
import * as msg from '../findings/messages';
import { slipped, swapped } from '../hierarchy/slips';
import type { AmountCheck, CheckCell } from './reconcile';

export interface ExplainOptions {
  /** Tolerance in scaled units: a check holds when |total − sum| ≤ it. */
  tolerance: number;
  /** A rounding difference stays an error (default: info). */
  roundingIsError: boolean;
  money: Money;
}

interface Explanation {
  hint: Hint;
  /** The cell to change, where the flag sits; null for rounding. */
  at: CheckCell | null;
  /** The child counted twice or left out, which the message names (the flag is on its parent's total). */
  child?: CheckCell;
  /** The correction that makes the sums hold: these cells, these values (one cell, or a whole row typed in the wrong unit). */
  fix: Fix | null;
}

const keyOf = (c: CheckCell): string => `${c.row.index}:${c.role}`;
type Fix = Map<string, number>;
const fixOf = (c: CheckCell, value: number): Fix => new Map([[keyOf(c), value]]);
const samePlace = (a: Place, b: Place): boolean => a.row === b.row && a.col === b.col;

/** The 1-based sheet row and 0-based column of a check cell, as flags give them. */
function cellPlace(c: CheckCell): Place {
  const slot = c.row.amounts[c.role];
  return { row: (slot.row ?? c.row.index) + 1, col: slot.col ?? c.row.nameCol ?? 0 };
}

const nameOf = (c: CheckCell): msg.CellName => {
  const p = cellPlace(c);
  return { cell: cellAddress(p.row, p.col), name: c.row.name ?? '', role: c.role };
};

/**
 * The table's last decimal, in scaled units (100 for 2 decimals, 1 for 4): the most decimals that more
 * than a stray figure has (at least 2 cells and 1 % of them), so one slipped figure does not change it;
 * 2 at least.
 */
export function tableUlp(checks: readonly AmountCheck[]): number {
  const seen = new Map<string, number>();
  for (const ch of checks) for (const c of [ch.total, ...ch.parts]) seen.set(keyOf(c), c.value);
  const byDecimals = [0, 0, 0, 0, 0];
  for (const v of seen.values()) {
    if (v === 0) continue;
    let d = 4;
    for (let x = Math.abs(v); d > 0 && x % 10 === 0; x /= 10) d--;
    byDecimals[d] = (byDecimals[d] as number) + 1;
  }
  const enough = Math.max(2, Math.ceil(seen.size / 100));
  // Never coarser than 2 decimals: a table of round figures still shows cents (30.00), and reading
  // 1.00 as its last decimal would call a real difference of 0.01 rounding.
  for (let d = 4; d > 2; d--) if ((byDecimals[d] as number) >= enough) return 10 ** (4 - d);
  return 100;
}

/** What the hints add to a run: a note per explained finding, and the findings made for cells to change that had none. */
export interface Explained {
  notes: Map<Finding, HintNote>;
  /** Findings on cells a fix changes where no mismatch was found (a cell of a row typed in the other unit). */
  extra: Finding[];
}

/**
 * The hints for the checks' findings: each explained finding's note (its cause, the message saying it,
 * the cell to fix or the flag that explains it), and the findings to add. `placeOf` is where a
 * finding's flag sits.
 */
export function explainMismatches(checks: readonly AmountCheck[], opts: ExplainOptions, placeOf: (f: Finding) => Place): Explained {
  const notes = new Map<Finding, HintNote>();
  const extra: Finding[] = [];
  const flagged = checks.filter((ch) => ch.finding !== null);
  if (flagged.length === 0) return { notes, extra };
  const ulp = tableUlp(checks);
  const tol = opts.tolerance;
  // The checks each cell takes part in, and each row's cells, in one pass.
  const byCell = new Map<string, AmountCheck[]>();
  const cellsOfRow = new Map<number, Map<string, CheckCell>>();
  const cellOfKey = new Map<string, CheckCell>();
  for (const ch of checks)
    for (const c of [ch.total, ...ch.parts]) {
      const key = keyOf(c);
      cellOfKey.set(key, c);
      const list = byCell.get(key);
      if (list) list.push(ch);
      else byCell.set(key, [ch]);
      const row = cellsOfRow.get(c.row.index) ?? new Map<string, CheckCell>();
      row.set(key, c);
      cellsOfRow.set(c.row.index, row);
    }
  // Each check's total − sum as found, and what each of its cells counts in it (+1 the total, −1 a part),
  // so that a correction is weighed by the cells it changes, not by the check's every part: a unit of
  // 10,000 projects, each of them flagged, would otherwise be summed 10,000 times over.
  const found = new Map<AmountCheck, number>();
  const weight = new Map<AmountCheck, Map<string, number>>();
  for (const ch of checks) {
    const w = new Map<string, number>([[keyOf(ch.total), 1]]);
    let sum = 0;
    for (const p of ch.parts) {
      sum += p.value;
      w.set(keyOf(p), (w.get(keyOf(p)) ?? 0) - 1);
    }
    found.set(ch, ch.total.value - sum);
    weight.set(ch, w);
  }
  /** total − sum of a check, with some cells corrected. */
  const diffOf = (ch: AmountCheck, fix?: Fix): number => {
    let d = found.get(ch) as number;
    if (fix === undefined) return d;
    const w = weight.get(ch) as Map<string, number>;
    for (const [k, value] of fix) {
      const times = w.get(k);
      if (times !== undefined && times !== 0) d += times * (value - (cellOfKey.get(k) as CheckCell).value);
    }
    return d;
  };
  const holds = (ch: AmountCheck, fix?: Fix) => Math.abs(diffOf(ch, fix)) <= tol;
  /** The checks a correction touches. */
  const touched = (fix: Fix): AmountCheck[] => [...new Set([...fix.keys()].flatMap((k) => byCell.get(k) ?? []))];
  const holdsEverywhere = (fix: Fix) => touched(fix).every((ch) => holds(ch, fix));
  /**
   * The whole row of `c` typed in the other unit: each of its amounts scaled the same way (exactly),
   * `c` itself to `need`.
   */
  const rowSlip = (c: CheckCell, need: number, bigger: boolean): Fix | null => {
    const fix: Fix = new Map();
    for (const [k, x] of cellsOfRow.get(c.row.index) ?? []) {
      if (k === keyOf(c)) fix.set(k, need);
      // A figure that ×10,000 leaves the exact integers (about 90 million in the table's unit and more) is no slip.
      else if (!bigger && !Number.isSafeInteger(x.value * 10_000)) return null;
      else if (!bigger) fix.set(k, x.value * 10_000);
      else if (x.value % 10_000 === 0) fix.set(k, x.value / 10_000);
      else return null;
    }
    return fix.size > 1 ? fix : null;
  };

  const candidates = (ch: AmountCheck): Explanation[] => {
    const d = diffOf(ch);
    const out: Explanation[] = [];
    if (d !== 0 && 2 * Math.abs(d) <= ch.parts.length * ulp) out.push({ hint: 'rounding', at: null, fix: null });
    const cells = [ch.total, ...ch.parts];
    const needOf = (c: CheckCell) => (c === ch.total ? c.value - d : c.value + d);
    for (const c of cells) {
      const need = needOf(c);
      const way = slipped(c.value, need, ulp);
      if (way === null) continue;
      const one = fixOf(c, need);
      const fix = holdsEverywhere(one) ? one : rowSlip(c, need, way === 'bigger');
      if (fix !== null && (fix === one || holdsEverywhere(fix))) {
        out.push({ hint: 'unit-slip', at: c, fix });
        break;
      }
    }
    // A figure of this sum that another mismatch also points at, and whose correction clears both:
    // that figure is wrong, and a child's amount equal to the difference is a coincidence.
    const plainFigure = cells.some((c) => {
      const fix = fixOf(c, needOf(c));
      return touched(fix).filter((x) => x.finding !== null).length > 1 && holdsEverywhere(fix);
    });
    if (ch.kind !== 'row' && !plainFigure) {
      const fix = fixOf(ch.total, ch.total.value - d);
      // The flag stays on the total, the cell to change; the message names the child.
      const twice = ch.parts.find((k) => k.value !== 0 && k.value === d);
      if (twice) out.push({ hint: 'double-count', at: ch.total, child: twice, fix });
      const left = ch.parts.find((k) => k.value !== 0 && k.value === -d);
      if (left) out.push({ hint: 'omission', at: ch.total, child: left, fix });
    }
    if (d !== 0 && d % ulp === 0 && (d / ulp) % 9 === 0) {
      for (const c of cells) {
        const need = needOf(c);
        if (!swapped(c.value, need, ulp)) continue;
        const fix = fixOf(c, need);
        if (holdsEverywhere(fix)) {
          out.push({ hint: 'transposition', at: c, fix });
          break;
        }
      }
    }
    return out;
  };

  const chosen = flagged
    .map((ch) => ({ ch, all: candidates(ch) }))
    .filter((x) => x.all.length > 0)
    .map((x) => ({ ...x, e: x.all[0] as Explanation }));
  // The preferred hints first; among equals, the cell the hint points at in sheet order.
  const rank = (x: (typeof chosen)[number]) => HINTS.indexOf(x.e.hint);
  const at = (x: (typeof chosen)[number]) => (x.e.at === null ? placeOf(x.ch.finding as Finding).row : cellPlace(x.e.at).row);
  chosen.sort((a, b) => rank(a) - rank(b) || at(a) - at(b));
  const m = opts.money;
  /** Cells given a finding here, so two hints never make two. */
  const madeAt = new Set<string>();

  for (const { ch, all, e } of chosen) {
    const finding = ch.finding as Finding;
    if (notes.has(finding)) continue;
    const others = [...new Set(all.slice(1).map((x) => x.hint))].filter((h) => h !== e.hint);
    if (e.fix === null || e.at === null) {
      const d = diffOf(ch);
      notes.set(finding, {
        hint: 'rounding',
        ...(opts.roundingIsError ? {} : { severity: 'info' as const }),
        message: msg.withHint(m, finding.message, { hint: 'rounding', diff: d, summands: ch.parts.length, last: ulp }, others),
      });
      continue;
    }
    const fix = e.fix;
    // Every flagged sum this one correction clears: one fix, one place to look.
    const cleared = touched(fix).filter((x) => x.finding !== null && !notes.has(x.finding) && holds(x, fix));
    // The cells the correction changes, in sheet order: each gets a flag; the first leads the fix.
    const changes = [...fix]
      .map(([k, needed]) => ({ c: cellOfKey.get(k) as CheckCell, needed }))
      .filter((x) => x.c.value !== x.needed)
      .sort((a, b) => cellPlace(a.c).row - cellPlace(b.c).row || cellPlace(a.c).col - cellPlace(b.c).col);
    // The finding each cell's flag is: one found on the cell itself, or else one of a sum that
    // correcting that cell alone makes hold (moved to the cell); or else a finding made for it.
    const pool = cleared.map((x) => x.finding as Finding);
    const own = new Map<CheckCell, Finding>();
    const used = new Set<Finding>();
    const take = (c: CheckCell, f: Finding | undefined) => {
      if (f === undefined) return;
      own.set(c, f);
      used.add(f);
    };
    for (const { c } of changes)
      take(
        c,
        pool.find((f) => !used.has(f) && samePlace(placeOf(f), cellPlace(c))),
      );
    for (const { c, needed } of changes) {
      if (own.has(c)) continue;
      const alone = fixOf(c, needed);
      const sums = byCell.get(keyOf(c)) ?? [];
      const x = [ch, ...cleared].find((x) => sums.includes(x) && !used.has(x.finding as Finding) && holds(x, alone));
      take(c, x?.finding as Finding | undefined);
    }
    const lead = changes[0];
    if (lead === undefined) continue;
    const leadPlace = cellPlace(lead.c);
    const leadCell = cellAddress(leadPlace.row, leadPlace.col);
    const slipOf = (x: { c: CheckCell; needed: number }): msg.SlipCell => ({ at: nameOf(x.c), found: x.c.value, needed: x.needed });
    const factsOf = (x: { c: CheckCell; needed: number }, isLead: boolean): msg.HintFacts => {
      const cell = nameOf(x.c);
      if (e.hint === 'unit-slip') {
        const bigger = slipped(x.c.value, x.needed, ulp) === 'bigger';
        return isLead
          ? { hint: e.hint, at: cell, found: x.c.value, needed: x.needed, bigger, also: changes.slice(1).map(slipOf) }
          : { hint: e.hint, at: cell, found: x.c.value, needed: x.needed, bigger, partOf: leadCell };
      }
      if (e.hint === 'transposition') return { hint: e.hint, at: cell, found: x.c.value, needed: x.needed };
      const child = nameOf(e.child ?? x.c);
      return { hint: e.hint === 'omission' ? 'omission' : 'double-count', at: child, diff: Math.abs(diffOf(ch)), needed: x.needed };
    };
    for (const x of changes) {
      const isLead = x === lead;
      const p = cellPlace(x.c);
      let f = own.get(x.c);
      if (f === undefined) {
        // No mismatch was found on this cell, and none that correcting it alone clears: a finding of its own
        // (only a cell of a row typed in the other unit can be so).
        if (e.hint !== 'unit-slip' || madeAt.has(keyOf(x.c))) continue;
        madeAt.add(keyOf(x.c));
        const slot = x.c.row.amounts[x.c.role];
        f = {
          row: x.c.row,
          column: x.c.role,
          col: p.col,
          severity: 'error',
          code: finding.code,
          expected: m.num(x.needed),
          actual: m.num(x.c.value),
          message: msg.slipInRow(m, x.c.role, x.c.value),
          ...(slot.row !== undefined ? { atRow: slot.row } : {}),
        };
        extra.push(f);
      }
      notes.set(f, {
        hint: e.hint,
        message: msg.withHint(m, f.message, factsOf(x, isLead), others),
        at: { ...p, column: x.c.role },
        ...(isLead ? {} : { explainedBy: leadPlace }),
      });
    }
    for (const f of pool) {
      if (used.has(f) || notes.has(f)) continue;
      notes.set(f, { hint: e.hint, message: msg.explainedBy(f.message, leadCell), explainedBy: leadPlace });
    }
  }
  return { notes, extra };
}
