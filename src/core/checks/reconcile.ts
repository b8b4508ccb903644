/**
 * reconcile.ts — do the totals add up?
 *
 * Owns: the amount checks, in integer arithmetic with a tolerance (default 0):
 *  - row identity: total = fiscal + specialAccount + other (`row-sum-mismatch`);
 *  - a unit row = the sum of its projects, column by column (`subtotal-mismatch`);
 *  - the grand total = the sum of the units (`grand-total-mismatch`);
 *  - an empty total whose parts are present is inferred from them and flagged (`missing-amount`);
 *  - a cell that is not an amount is flagged (`unparsable-amount`) and left out of every
 *    check it would take part in, so one bad cell never raises false alarms elsewhere.
 */
import { AMOUNT_ROLES, AmountRole } from '../contract/roles';
import type { StructureResult } from '../hierarchy/units';
import type { AmountSlot, WorkRow } from '../rows/work-row';
import type { FlagCode } from '../contract/model';
import type { Int, Money } from '../contract/money';
import type { Finding, Findings } from '../findings/flags';
import * as msg from '../findings/messages';

export interface ReconcileOptions {
  /** Tolerance in scaled units (1/10,000 of the table's unit). */
  tolerance: number;
  /** How expected and actual amounts are reported. */
  money: Money;
}

/** An amount cell a check reads: the row, its field, and the value the check used. */
export interface CheckCell {
  row: WorkRow;
  role: AmountRole;
  value: number;
}

/** One sum the checks compared: `total` against the sum of `parts`, and the finding it raised (if any). */
export interface AmountCheck {
  kind: 'row' | 'unit' | 'grand';
  total: CheckCell;
  parts: CheckCell[];
  finding: Finding | null;
}

/** What the amount checks made: their findings are in the run's `Findings`. */
export interface Reconciled {
  /** Every sum compared, held or not (values within safe integers only), for explaining the mismatches. */
  checks: AmountCheck[];
  /** Amounts inferred per row index: role → scaled value. */
  inferred: Map<number, Partial<Record<AmountRole, number>>>;
}

const PARTS: readonly AmountRole[] = ['fiscal', 'specialAccount', 'other'];

function plus(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const s = a + b;
    // Both are safe integers, so a safe result is the exact sum.
    if (Number.isSafeInteger(s)) return s;
  }
  return BigInt(a) + BigInt(b);
}

/** |a − b| > tol, exactly. */
function differ(a: Int, b: Int, tol: number): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    const d = a - b;
    if (Number.isSafeInteger(d)) return d > tol || -d > tol;
  }
  const d = BigInt(a) - BigInt(b);
  return (d < 0n ? -d : d) > BigInt(tol);
}

export function reconcile(s: StructureResult, opts: ReconcileOptions, sink: Findings): Reconciled {
  const tol = opts.tolerance;
  const m = opts.money;
  const inferred = new Map<number, Partial<Record<AmountRole, number>>>();
  const rowsByIndex = s.rows;

  /** The value used by the checks: stated, or inferred; null when empty or unparsable. */
  const value = (row: WorkRow, role: AmountRole): number | null => {
    if (inferred.size > 0) {
      const inf = inferred.get(row.index)?.[role];
      if (inf !== undefined) return inf;
    }
    const p = row.amounts[role].parse;
    return p.kind === 'value' ? p.scaled : null;
  };
  const unparsable = (row: WorkRow, role: AmountRole): boolean => row.amounts[role].parse.kind === 'unparsable';
  const infer = (row: WorkRow, role: AmountRole, v: Int): void => {
    const m = inferred.get(row.index) ?? {};
    m[role] = Number(v);
    inferred.set(row.index, m);
  };

  // The grand totals, units and projects, in row order.
  const checks: AmountCheck[] = [];
  const cellOf = (row: WorkRow, role: AmountRole): CheckCell | null => {
    const v = value(row, role);
    return v === null || !Number.isSafeInteger(v) ? null : { row, role, value: v };
  };
  /** Records a comparison just made, with the finding it raised (null when the sum held). */
  const record = (
    kind: AmountCheck['kind'],
    totalRow: WorkRow,
    role: AmountRole,
    partCells: Array<[WorkRow, AmountRole]>,
    finding: Finding | null,
  ) => {
    const total = cellOf(totalRow, role);
    const parts = partCells.map(([r, p]) => cellOf(r, p));
    if (total === null || parts.some((c) => c === null)) return;
    checks.push({ kind, total, parts: parts as CheckCell[], finding });
  };
  const amountRows = rowsByIndex.filter((r) => r.kind === 'project' || r.kind === 'unit' || r.kind === 'grandTotal');
  // A table that never breaks its totals down (no part anywhere) has no row identity to check.
  const headerHasParts = amountRows.some((r) => PARTS.some((p) => r.amounts[p].parse.kind !== 'empty'));
  // The parts the table has (a column or a value somewhere): messages name these and no other.
  const tableParts = PARTS.filter((p) => amountRows.some((r) => r.amounts[p].col !== null || r.amounts[p].parse.kind !== 'empty'));

  // 1. Each row on its own: unreadable cells, a missing total, the row identity.
  for (const row of amountRows) {
    for (const role of AMOUNT_ROLES) {
      const slot: AmountSlot = row.amounts[role];
      if (slot.parse.kind === 'unparsable') {
        sink.add({
          row,
          column: role,
          col: slot.col,
          severity: 'error',
          code: 'unparsable-amount',
          actual: slot.parse.raw,
          message: msg.unparsableAmount(role, slot.parse.raw, slot.parse.reason),
          atRow: slot.row,
        });
      }
      if (slot.parse.kind === 'value' && slot.parse.shown !== undefined) {
        sink.add({
          row,
          column: role,
          col: slot.col,
          severity: 'info',
          code: 'amount-shown',
          expected: m.num(slot.parse.scaled),
          actual: slot.parse.shown,
          message: msg.amountShown(m, role, slot.parse.shown, slot.parse.scaled),
          atRow: slot.row,
        });
      }
      if (slot.recovered && slot.parse.kind === 'value') {
        sink.add({
          row,
          column: 'goal',
          col: slot.col,
          severity: 'info',
          code: 'amount-recovered',
          actual: m.num(slot.parse.scaled),
          message: msg.amountRecovered(m, role, slot.parse.scaled),
        });
      }
    }
    if (!headerHasParts || unparsable(row, 'total')) continue;
    let parts: Int = 0;
    const present: Array<[WorkRow, AmountRole]> = [];
    let readable = true;
    for (const p of PARTS) {
      const parse = row.amounts[p].parse;
      if (parse.kind === 'unparsable') readable = false;
      else if (parse.kind === 'value') {
        parts = plus(parts, parse.scaled);
        present.push([row, p]);
      }
    }
    // An unreadable part, or no breakdown given: nothing to compare the total with.
    if (!readable || present.length === 0) continue;
    const total = value(row, 'total');
    if (total === null) {
      infer(row, 'total', parts);
      sink.add({
        row,
        column: 'total',
        col: row.amounts.total.col,
        severity: 'warning',
        code: 'missing-amount',
        expected: m.num(parts),
        message: msg.missingTotal(m, parts, tableParts),
        atRow: row.amounts.total.row,
      });
    } else {
      const finding = !differ(total, parts, tol)
        ? null
        : sink.add({
            row,
            column: 'total',
            col: row.amounts.total.col,
            severity: 'error',
            code: 'row-sum-mismatch',
            expected: m.num(parts),
            actual: m.num(total),
            message: msg.rowSumMismatch(m, total, parts, tableParts),
            atRow: row.amounts.total.row,
          });
      record('row', row, 'total', present, finding);
    }
  }

  // 2. Each parent against its children, column by column.
  const children = new Map<number, WorkRow[]>();
  for (const i of [...s.units, ...s.projects]) {
    const r = rowsByIndex[i] as WorkRow;
    if (r.parent === null) continue;
    const list = children.get(r.parent);
    if (list) list.push(r);
    else children.set(r.parent, [r]);
  }
  const checkParent = (parent: WorkRow, kids: WorkRow[], level: msg.Level): void => {
    const unitKids = kids.filter((k) => k.kind === 'unit').length;
    const code: FlagCode = level === 'unit' ? 'subtotal-mismatch' : 'grand-total-mismatch';
    for (const role of AMOUNT_ROLES) {
      if (unparsable(parent, role) || kids.some((k) => unparsable(k, role))) continue;
      let expected: Int = 0;
      const counted: Array<[WorkRow, AmountRole]> = [];
      for (const k of kids) {
        const v = value(k, role);
        if (v !== null) {
          expected = plus(expected, v);
          counted.push([k, role]);
        }
      }
      const actual = value(parent, role);
      const slot = parent.amounts[role];
      if (actual === null) {
        if (counted.length > 0 && Number(expected) !== 0) {
          infer(parent, role, expected);
          sink.add({
            row: parent,
            column: role,
            col: slot.col,
            severity: 'warning',
            code: 'missing-amount',
            expected: m.num(expected),
            message: msg.missingSubtotal(m, level, role, expected, kids.length, unitKids),
            atRow: slot.row,
          });
        }
      } else {
        const finding = !differ(actual, expected, tol)
          ? null
          : sink.add({
              row: parent,
              column: role,
              col: slot.col,
              severity: 'error',
              code,
              expected: m.num(expected),
              actual: m.num(actual),
              message: msg.subtotalMismatch(m, level, role, parent.name ?? '', actual, expected, kids.length, unitKids),
              atRow: slot.row,
            });
        record(level, parent, role, counted, finding);
      }
    }
  };
  for (const u of s.units) {
    const unit = rowsByIndex[u] as WorkRow;
    const kids = children.get(u) ?? [];
    if (kids.length > 0) checkParent(unit, kids, 'unit');
  }
  for (const group of s.grandGroups) {
    // Every grand total of a table is checked against the top-level rows under its first one.
    const kids = children.get(group[0] as number) ?? [];
    for (const g of group) if (kids.length > 0) checkParent(rowsByIndex[g] as WorkRow, kids, 'grand');
  }
  return { checks, inferred };
}
