/**
 * grid-row.ts — one indicator per row, as grid lists and single-project forms hold them.
 *
 * Owns: reading an indicator row through the grid's columns (一级 / 二级 / 三级, 指标性质,
 * 指标值, 度量单位, 权重), filling merged 一级 / 二级 cells down from the rows above, and
 * building the target from the separate comparator, value and unit columns (`≥` + `95` + `%`
 * is `≥95%`; `定性` and N/A markers are qualitative).
 */
import type { Cell } from '../input/grid';
import type { ColumnMap } from '../input/vocabulary';
import { cellText, squeezeSpaces, stripSpaces, toHalfWidth } from '../input/text';
import type { Indicator, Target } from '../output/model';
import type { RunCache } from './intern';

/** Cell text, cleaned of OCR spaces. */
export function textAt(cells: readonly Cell[], col: number | undefined): string {
  return col === undefined ? '' : squeezeSpaces(cellText(cells[col]));
}

const NOT_APPLICABLE = /^(?:本项目不适用此指标|不适用|无|\/|—+|-+|N\/?A)$/i;

/** The comparator column's text as an op, `qualitative`, or null for none. */
function opOf(text: string): string | 'qualitative' | null {
  const t = stripSpaces(toHalfWidth(text));
  if (t === '') return null;
  if (/定性/.test(t)) return 'qualitative';
  if (/^(?:≥|≧|>=|大于等于|不低于|不少于)$/.test(t)) return '≥';
  if (/^(?:≤|≦|<=|小于等于|不超过|不高于)$/.test(t)) return '≤';
  if (/^(?:>|大于|高于)$/.test(t)) return '>';
  if (/^(?:<|小于|低于)$/.test(t)) return '<';
  if (/^(?:=|等于|定量)$/.test(t)) return '=';
  return null;
}

/** A target from a value cell plus, where the grid has them, comparator and unit columns. */
export function gridTarget(valueText: string, opText: string, unitText: string, cache: RunCache): Target | null {
  const value = valueText.trim();
  if (value === '') return null;
  const op = opOf(opText);
  if (op === 'qualitative' || NOT_APPLICABLE.test(value)) {
    return Object.freeze({ raw: cache.intern(value), op: null, value: null, unit: null });
  }
  const unit = unitText.trim();
  const hasOp = /^[≥≧≤≦<>=＞＜＝]/.test(value) || /^(?:大于|小于|不低于|不少于|不超过|不高于|等于)/.test(value);
  const withUnit = unit !== '' && !value.endsWith(unit) && /\d$/.test(value) ? value + unit : value;
  const raw = op !== null && op !== '=' && !hasOp ? op + withUnit : withUnit;
  return cache.target(raw);
}

export interface LevelState {
  level1: string;
  level2: string;
}

/**
 * Read one indicator row, or null when the row holds no indicator (no 三级 name and no value).
 * Blank 一级 / 二级 cells take the values above (merged cells in the source).
 */
export function readIndicatorRow(
  cells: readonly Cell[],
  cols: ColumnMap,
  state: LevelState,
  seq: number,
  cache: RunCache,
): Indicator | null {
  const name = textAt(cells, cols.level3) || textAt(cells, cols.description);
  const value = textAt(cells, cols.value);
  const valuePeriod = textAt(cells, cols.valuePeriod);
  if (name === '' && value === '' && valuePeriod === '') return null;
  const l1 = textAt(cells, cols.level1);
  const l2 = textAt(cells, cols.level2);
  if (l1 !== '') {
    state.level1 = l1;
    state.level2 = '';
  }
  if (l2 !== '') state.level2 = l2;
  const op = textAt(cells, cols.op);
  const unit = textAt(cells, cols.measureUnit);
  const levels = cache.levels(state.level1, state.level2, null);
  const weightCell = textAt(cells, cols.weight);
  return {
    seq,
    level1Code: null,
    level1: levels.level1,
    level2Code: null,
    level2: levels.level2,
    name: cache.intern(name),
    period: cols.valuePeriod !== undefined ? gridTarget(valuePeriod, op, unit, cache) : null,
    annual: cols.value !== undefined ? gridTarget(value, op, unit, cache) : null,
    level1Std: levels.level1Std,
    level2Std: levels.level2Std,
    level2StdCode: levels.level2StdCode,
    weight: weightCell !== '' ? cache.intern(weightCell) : levels.weight,
  };
}
