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
 * A hint that points at one cell moves the flag there (the figure to fix, the child counted twice);
 * every other mismatch its correction would clear carries `explainedBy`, so the user fixes one cell.
 * Exact integer arithmetic on the checks reconcile.ts made; nothing here changes an amount, and
 * nothing here changes a finding: the hints come back as notes, and findings/flags.ts makes the flags.
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
  /** The cell the hint points at; null for rounding. */
  at: CheckCell | null;
  /** The correction that makes the sums hold: these cells, these values (one cell, or a whole row typed in the wrong unit). */
  fix: Fix | null;
  /** What the message needs: the figure found and the one needed, or the child's amount. */
  found: number;
  needed: number;
}

const keyOf = (c: CheckCell): string => `${c.row.index}:${c.role}`;
type Fix = Map<string, number>;
const fixOf = (c: CheckCell, value: number): Fix => new Map([[keyOf(c), value]]);

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

/**
 * The hints for the checks' findings: each explained finding's note (its cause, the message saying it,
 * the cell to fix or the flag that explains it). `placeOf` is where a finding's flag sits.
 */
export function explainMismatches(
  checks: readonly AmountCheck[],
  opts: ExplainOptions,
  placeOf: (f: Finding) => Place,
): Map<Finding, HintNote> {
  const notes = new Map<Finding, HintNote>();
  const flagged = checks.filter((ch) => ch.finding !== null);
  if (flagged.length === 0) return notes;
  const ulp = tableUlp(checks);
  const tol = opts.tolerance;
  // The checks each cell takes part in, and each row's cells, in one pass.
  const byCell = new Map<string, AmountCheck[]>();
  const cellsOfRow = new Map<number, Map<string, CheckCell>>();
  for (const ch of checks)
    for (const c of [ch.total, ...ch.parts]) {
      const key = keyOf(c);
      const list = byCell.get(key);
      if (list) list.push(ch);
      else byCell.set(key, [ch]);
      const row = cellsOfRow.get(c.row.index) ?? new Map<string, CheckCell>();
      row.set(key, c);
      cellsOfRow.set(c.row.index, row);
    }
  /** total − sum of a check, with some cells corrected. */
  const diffOf = (ch: AmountCheck, fix?: Fix): number => {
    const v = (c: CheckCell) => fix?.get(keyOf(c)) ?? c.value;
    let sum = 0;
    for (const p of ch.parts) sum += v(p);
    return v(ch.total) - sum;
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
      else if (!bigger) fix.set(k, x.value * 10_000);
      else if (x.value % 10_000 === 0) fix.set(k, x.value / 10_000);
      else return null;
    }
    return fix.size > 1 ? fix : null;
  };

  const candidates = (ch: AmountCheck): Explanation[] => {
    const d = diffOf(ch);
    const out: Explanation[] = [];
    if (d !== 0 && 2 * Math.abs(d) <= ch.parts.length * ulp) out.push({ hint: 'rounding', at: null, fix: null, found: d, needed: 0 });
    const cells = [ch.total, ...ch.parts];
    const needOf = (c: CheckCell) => (c === ch.total ? c.value - d : c.value + d);
    for (const c of cells) {
      const need = needOf(c);
      const way = slipped(c.value, need, ulp);
      if (way === null) continue;
      const one = fixOf(c, need);
      const fix = holdsEverywhere(one) ? one : rowSlip(c, need, way === 'bigger');
      if (fix !== null && (fix === one || holdsEverywhere(fix))) {
        out.push({ hint: 'unit-slip', at: c, fix, found: c.value, needed: need });
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
      const twice = ch.parts.find((k) => k.value !== 0 && k.value === d);
      if (twice) out.push({ hint: 'double-count', at: twice, fix, found: ch.total.value, needed: ch.total.value - d });
      const left = ch.parts.find((k) => k.value !== 0 && k.value === -d);
      if (left) out.push({ hint: 'omission', at: left, fix, found: ch.total.value, needed: ch.total.value - d });
    }
    if (d !== 0 && d % ulp === 0 && (d / ulp) % 9 === 0) {
      for (const c of cells) {
        const need = needOf(c);
        if (!swapped(c.value, need, ulp)) continue;
        const fix = fixOf(c, need);
        if (holdsEverywhere(fix)) {
          out.push({ hint: 'transposition', at: c, fix, found: c.value, needed: need });
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
  const done = notes;
  const m = opts.money;

  for (const { ch, all, e } of chosen) {
    const finding = ch.finding as Finding;
    if (done.has(finding)) continue;
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
    const cleared = touched(fix).filter((x) => x.finding !== null && !done.has(x.finding) && holds(x, fix));
    if (!cleared.includes(ch)) cleared.unshift(ch);
    // The finding on the cell the hint points at, or this one moved there.
    const target = cellPlace(e.at);
    const primary =
      cleared
        .map((x) => x.finding as Finding)
        .find((f) => {
          const p = placeOf(f);
          return p.row === target.row && p.col === target.col;
        }) ?? finding;
    const cell = nameOf(e.at);
    const facts: msg.HintFacts =
      e.hint === 'unit-slip'
        ? { hint: e.hint, at: cell, found: e.found, needed: e.needed, bigger: slipped(e.found, e.needed, ulp) === 'bigger' }
        : e.hint === 'transposition'
          ? { hint: e.hint, at: cell, found: e.found, needed: e.needed }
          : { hint: e.hint === 'omission' ? 'omission' : 'double-count', at: cell, diff: Math.abs(diffOf(ch)), needed: e.needed };
    notes.set(primary, { hint: e.hint, message: msg.withHint(m, primary.message, facts, others), at: { ...target, column: e.at.role } });
    for (const x of cleared) {
      const f = x.finding as Finding;
      if (f === primary) continue;
      notes.set(f, { hint: e.hint, message: msg.explainedBy(f.message, cellAddress(target.row, target.col)), explainedBy: target });
    }
  }
  return notes;
}
