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
import { cellText, squeezeSpaces, stripSpaces, toHalfWidth, trimSpaces } from '../input/text';
import type { Indicator, Target } from '../contract/model';
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

/** A direction cell's text when it reads as a comparator (or 定性), else ''. */
function directionAsOp(text: string): string {
  return opOf(text) === null ? '' : text;
}

/** A target from a value cell plus, where the grid has them, comparator and unit columns. */
export function gridTarget(valueText: string, opText: string, unitText: string, cache: RunCache): Target | null {
  const value = trimSpaces(valueText);
  if (value === '') return null;
  const op = opOf(opText);
  if (op === 'qualitative' || NOT_APPLICABLE.test(value)) {
    return Object.freeze({ raw: cache.intern(value), op: null, value: null, unit: null });
  }
  const unit = trimSpaces(unitText);
  const hasOp = /^[≥≧≤≦<>=＞＜＝]/.test(value) || /^(?:大于|小于|不低于|不少于|不超过|不高于|等于)/.test(value);
  const withUnit = unit !== '' && !value.endsWith(unit) && /\d$/.test(value) ? value + unit : value;
  const raw = op !== null && op !== '=' && !hasOp ? op + withUnit : withUnit;
  return cache.target(raw);
}

/** One indicator row's cells, as text, before its merged 一级 / 二级 labels are filled in. */
export interface IndicatorCells {
  name: string;
  level1: string;
  level2: string;
  value: string;
  valuePeriod: string;
  valueSecond: string;
  op: string;
  unit: string;
  weight: string;
}

/** The columns of an indicator grid, with the header text of a second target block (`2021年实际实现值`). */
export interface IndicatorColumns {
  cols: ColumnMap;
  secondLabel: string | null;
}

/** The cells of an indicator row, or null when the row holds no indicator (no 三级 name and no value). */
export function indicatorCells(cells: readonly Cell[], cols: ColumnMap): IndicatorCells | null {
  const name = textAt(cells, cols.level3) || textAt(cells, cols.description);
  const value = textAt(cells, cols.value);
  const valuePeriod = textAt(cells, cols.valuePeriod);
  if (name === '' && value === '' && valuePeriod === '') return null;
  return {
    name,
    level1: textAt(cells, cols.level1),
    level2: textAt(cells, cols.level2),
    value,
    valuePeriod,
    valueSecond: textAt(cells, cols.valueSecond),
    // A direction column that holds comparators (`大于等于`, `≥`) is the comparator.
    op: textAt(cells, cols.op) || directionAsOp(textAt(cells, cols.direction)),
    unit: textAt(cells, cols.measureUnit),
    weight: textAt(cells, cols.weight),
  };
}

/**
 * Labels of a merged column, one per row. A merged cell's text lands on the first row of its block
 * (the rows below are blank: they take the label above) or, centred, on a middle row: when the
 * block's first row is blank but a later one is not, a label names the rows above it back to the
 * previous label, and the rows after the last label take that label. `resetAt` marks rows where
 * the label above stops (a new 一级 ends the 二级 above it). No label at all is null.
 */
export function fillMerged(labels: readonly string[], resetAt: readonly boolean[] = []): Array<string | null> {
  const out: Array<string | null> = new Array(labels.length).fill(null);
  if (labels.every((l) => l === '')) return out;
  if (labels[0] !== '') {
    let cur: string | null = null;
    labels.forEach((l, i) => {
      if (resetAt[i] === true) cur = null;
      if (l !== '') cur = l;
      out[i] = cur;
    });
    return out;
  }
  let next: string | null = null;
  for (let i = labels.length - 1; i >= 0; i--) {
    const l = labels[i] as string;
    if (l !== '') next = l;
    out[i] = next;
  }
  let last: string | null = null;
  labels.forEach((l, i) => {
    if (l !== '') last = l;
    if (out[i] === null) out[i] = last;
  });
  return out;
}

/** The indicators of one project's grid rows, numbered from 1, with merged 一级 / 二级 labels filled in. */
export function buildIndicators(rows: readonly IndicatorCells[], grid: IndicatorColumns, cache: RunCache): Indicator[] {
  const { cols } = grid;
  const labels1 = rows.map((r) => r.level1);
  // 一级 labels centred in their merged blocks: the first row has none, a later one has.
  const centred = labels1[0] === '' && labels1.some((l) => l !== '');
  const l1 = cols.level1 === undefined ? rows.map(() => null) : fillMerged(labels1);
  const l2 =
    cols.level2 === undefined
      ? rows.map(() => null)
      : fillMerged(
          rows.map((r) => r.level2),
          centred ? [] : rows.map((r) => r.level1 !== ''),
        );
  if (centred) {
    // Between two centred labels, a row's 二级 tells which block it is in (时效指标 is 产出, 社会效益 is 效益).
    for (let i = 0; i < rows.length; i++) {
      if (labels1[i] !== '') continue;
      let above: string | null = null;
      for (let k = i - 1; k >= 0 && above === null; k--) if (labels1[k] !== '') above = labels1[k] as string;
      const wanted = cache.levels('', l2[i] ?? '', null).level1Std;
      if (above !== null && wanted !== null && cache.levels(above, '', null).level1Std === wanted) l1[i] = above;
    }
  }
  return rows.map((r, i) => {
    const level1 = l1[i] ?? null;
    const level2 = l2[i] ?? null;
    const levels = cache.levels(level1 ?? '', level2 ?? '', null);
    const second = grid.secondLabel !== null && r.valueSecond !== '' ? gridTarget(r.valueSecond, r.op, r.unit, cache) : null;
    return {
      seq: i + 1,
      level1Code: null,
      level1: level1 === null ? null : levels.level1,
      level2Code: null,
      level2: level2 === null ? null : levels.level2,
      name: cache.intern(r.name),
      period: cols.valuePeriod !== undefined ? gridTarget(r.valuePeriod, r.op, r.unit, cache) : null,
      annual: cols.value !== undefined ? gridTarget(r.value, r.op, r.unit, cache) : null,
      second: second === null ? null : { label: cache.intern(grid.secondLabel as string), target: second },
      level1Std: levels.level1Std,
      level2Std: levels.level2Std,
      level2StdCode: levels.level2StdCode,
      weight: r.weight !== '' ? cache.intern(r.weight) : levels.weight,
    };
  });
}
