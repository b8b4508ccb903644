/**
 * to-model.ts — the working rows as the contract's rows, and the model's last touches.
 *
 * Owns: a model row from its working row (amounts in the unit asked for, inferred ones marked, the
 * indicators, merged rows), the frozen shared values that keep a 100k-row model small, the findings an
 * adapter made while reading its input added to a model, and whether a model recognised anything.
 */
import type { Reconciled } from './checks/reconcile';
import type { Indicator, Model, Row } from './contract/model';
import type { Money } from './contract/money';
import { AMOUNT_ROLES, type AmountRole } from './contract/roles';
import { byPlace, makeFlag, severityCounts } from './findings/flags';
import type { Bilingual } from './findings/messages';
import type { AmountSlot, WorkRow } from './rows/work-row';

/** A row's indicators as read, and the text before the list (the goal's end, when they share a cell). */
export interface IndicatorResult {
  indicators: Indicator[];
  goalPrefix: string;
  /** The cell was garbled: what was kept is certain but not complete, so it is not reviewed. */
  garbled: boolean;
}

/** One row of the model, from its working row. */
export function outputRow(
  w: WorkRow,
  ind: IndicatorResult | undefined,
  rec: Reconciled,
  m: Money,
  colsCache: Map<string, Row['cols']>,
): Row {
  const amountRow = w.kind === 'project' || w.kind === 'unit' || w.kind === 'grandTotal';
  const inf = amountRow && rec.inferred.size > 0 ? rec.inferred.get(w.index) : undefined;
  const a = w.amounts;
  let goal = w.kind === 'continuation' ? null : w.goal;
  if (ind !== undefined && ind.goalPrefix !== '') goal = goal === null ? ind.goalPrefix : goal + ind.goalPrefix;
  return {
    row: w.index + 1,
    kind: w.kind,
    name: w.name,
    parentRow: w.parent === null ? null : w.parent + 1,
    amounts: amountRow
      ? {
          total: outAmount(m, inf?.total, a.total),
          fiscal: outAmount(m, inf?.fiscal, a.fiscal),
          specialAccount: outAmount(m, inf?.specialAccount, a.specialAccount),
          other: outAmount(m, inf?.other, a.other),
        }
      : NULL_AMOUNTS,
    goal,
    indicators: ind !== undefined && ind.indicators.length > 0 ? ind.indicators : NONE,
    cols: sharedCols(colsCache, w),
    inferred: amountRow ? inferredRoles(inf, a) : NONE,
    mergedRows: w.merged.length === 0 ? NONE : w.merged.map((m) => m + 1),
    unitName: w.unitName,
  };
}

function outAmount(m: Money, inferred: number | undefined, slot: AmountSlot): number | null {
  if (inferred !== undefined) return m.num(inferred);
  return slot.parse.kind === 'value' ? m.num(slot.parse.scaled) : null;
}

const NONE = Object.freeze([]) as unknown as never[];
const NULL_AMOUNTS: Row['amounts'] = Object.freeze({ total: null, fiscal: null, specialAccount: null, other: null });

function inferredRoles(inf: Partial<Record<AmountRole, number>> | undefined, a: Record<AmountRole, AmountSlot>): Row['inferred'] {
  if (inf === undefined && !a.total.recovered && !a.fiscal.recovered && !a.specialAccount.recovered && !a.other.recovered) {
    return NONE;
  }
  const out: Row['inferred'] = [];
  for (const role of AMOUNT_ROLES) if (inf?.[role] !== undefined || a[role].recovered) out.push(role);
  return out;
}

function sharedCols(cache: Map<string, Row['cols']>, w: WorkRow): Row['cols'] {
  const a = w.amounts;
  // Most rows repeat the previous row's layout: compare with it before building a key.
  const last = cache.get('last');
  if (
    last !== undefined &&
    last.name === w.nameCol &&
    last.total === a.total.col &&
    last.fiscal === a.fiscal.col &&
    last.specialAccount === a.specialAccount.col &&
    last.other === a.other.col &&
    last.goal === w.goalCol &&
    last.indicators === w.indicatorCol
  ) {
    return last;
  }
  const key = `${w.nameCol},${a.total.col},${a.fiscal.col},${a.specialAccount.col},${a.other.col},${w.goalCol},${w.indicatorCol}`;
  let c = cache.get(key);
  if (c === undefined) {
    c = Object.freeze({
      name: w.nameCol,
      total: a.total.col,
      fiscal: a.fiscal.col,
      specialAccount: a.specialAccount.col,
      other: a.other.col,
      goal: w.goalCol,
      indicators: w.indicatorCol,
    });
    cache.set(key, c);
  }
  cache.set('last', c);
  return c;
}

/** True when a table yielded nothing usable: not one amount that could be read, and no indicator. */
export function nothingRecognised(model: Model): boolean {
  if (model.summary.indicators > 0) return false;
  return !model.rows.some(
    (r) => r.amounts.total !== null || r.amounts.fiscal !== null || r.amounts.specialAccount !== null || r.amounts.other !== null,
  );
}

/** A finding made while reading the input (bytes repaired, a formula's value rounded), at its cell. */
export interface InputFinding {
  code: 'encoding-repaired' | 'amount-rounded' | 'columns-cut' | 'cell-cut';
  /** 1-based row and 0-based column. */
  row: number;
  col: number;
  message: Bilingual;
}

/** The model with the findings of reading its input added, in row order, and counted. */
export function withInputFindings(model: Model, found: readonly InputFinding[]): Model {
  if (found.length === 0) return model;
  const extra = found.map((f) =>
    makeFlag(
      { row: f.row, col: f.col },
      { column: 'name', col: f.col, severity: f.code === 'amount-rounded' ? 'info' : 'warning', code: f.code, message: f.message },
    ),
  );
  const flags = [...model.flags, ...extra].sort(byPlace);
  return { ...model, flags, summary: { ...model.summary, ...severityCounts(flags) } };
}
