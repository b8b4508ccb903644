/**
 * grid-row.ts — one indicator per row, as grid lists and single-project forms hold them.
 *
 * Owns: reading an indicator row through the grid's columns (一级 / 二级 / 三级, 指标性质,
 * 指标值, 度量单位, 权重), the 一级 label of a merged block wherever in the block it stands and the
 * merged 二级 cells filled down, and building the target from the separate comparator, value and
 * unit columns (`≥` + `95` + `%` is `≥95%`; `定性` and N/A markers are qualitative). A form, which
 * reads its grid row by row, gives its header with the rows: the columns are then weighed on the
 * rows' cells before the indicators are built (column-evidence.ts), as a grid list weighs them once
 * for the whole table.
 */
import type { Cell } from '../input/grid';
import type { ColumnMap } from '../input/vocabulary';
import { cellText, squeezeSpaces, stripSpaces, trimSpaces } from '../input/text';
import type { Indicator, Target } from '../contract/model';
import { evidenceText, isComparatorText, weighGridColumns, type WeighedColumns } from './column-evidence';
import { parseTarget } from './target';
import type { RunCache } from './intern';

/** Cell text, cleaned of OCR spaces. */
export function textAt(cells: readonly Cell[], col: number | undefined): string {
  return col === undefined ? '' : squeezeSpaces(cellText(cells[col]));
}

const NOT_APPLICABLE = /^(?:本项目不适用此指标|不适用|无|\/|—+|-+|N\/?A)$/i;

/** The comparator column's text as an op, `qualitative`, or null for none (`≥`, `大于或等于`, `不小于`, `定性`). */
function opOf(text: string): string | 'qualitative' | null {
  const t = evidenceText(text);
  if (t === '') return null;
  if (/定性/.test(t)) return 'qualitative';
  if (t === '定量') return '=';
  return isComparatorText(t) ? (parseTarget(`${t}1`)?.op ?? null) : null;
}

/** A direction cell's text when it reads as a comparator (or 定性), else ''. */
function directionAsOp(text: string): string {
  return opOf(text) === null ? '' : text;
}

/** A value that carries its own comparator: `≥95%`, `不低于30人`. */
const OWN_OP = /^(?:[≥≧⩾≤≦⩽<>=]|大于|小于|不低于|不少于|不小于|不超过|不高于|不多于|不大于|等于|至少|最多)/;

/** A target from a value cell plus, where the grid has them, comparator and unit columns. */
export function gridTarget(valueText: string, opText: string, unitText: string, cache: RunCache): Target | null {
  const value = trimSpaces(valueText);
  if (value === '') return null;
  const op = opOf(opText);
  if (op === 'qualitative' || NOT_APPLICABLE.test(value)) {
    return Object.freeze({ raw: cache.intern(value), op: null, value: null, unit: null });
  }
  const unit = trimSpaces(unitText);
  const hasOp = OWN_OP.test(evidenceText(value));
  const withUnit = unit !== '' && !value.endsWith(unit) && /\d$/.test(value) ? value + unit : value;
  // The comparator as written (`大于等于` + `98` + `%` is `大于等于98%`); `=` adds nothing to a bare number.
  const raw = op !== null && op !== '=' && !hasOp ? stripSpaces(opText) + withUnit : withUnit;
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
  /** The row's cells, for a grid whose columns are weighed once all its rows are read (forms). */
  cells?: readonly Cell[];
}

/** The columns of an indicator grid, with the header text of a second target block (`2021年实际实现值`). */
export interface IndicatorColumns {
  cols: ColumnMap;
  secondLabel: string | null;
  /**
   * The header's cells with text, [column, text], where the columns are still to be weighed on the rows'
   * cells (a form's grid, read row by row); absent where they were weighed already (a grid list) or
   * cannot be (a tree export).
   */
  fields?: ReadonlyArray<readonly [number, string]>;
}

/** The cells of an indicator row, or null when the row holds no indicator (no 三级 name and no value). */
export function indicatorCells(cells: readonly Cell[], cols: ColumnMap): IndicatorCells | null {
  const name = textAt(cells, cols.level3) || textAt(cells, cols.description);
  const value = textAt(cells, cols.value);
  const valuePeriod = textAt(cells, cols.valuePeriod);
  const valueSecond = textAt(cells, cols.valueSecond);
  if (name === '' && value === '' && valuePeriod === '' && valueSecond === '') return null;
  return {
    name,
    level1: textAt(cells, cols.level1),
    level2: textAt(cells, cols.level2),
    value,
    valuePeriod,
    valueSecond,
    // A direction column that holds comparators (`大于等于`, `≥`) or 定性 says the comparator where the
    // comparator column is blank.
    op: textAt(cells, cols.op) || directionAsOp(textAt(cells, cols.direction)),
    unit: textAt(cells, cols.measureUnit),
    weight: textAt(cells, cols.weight),
    cells,
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

/**
 * The 一级 of each row from the labels of a merged 一级 column, wherever in its block a label stands
 * (first row, or centred). A label names its block: the rows from the previous block's end to the next
 * label. Where a block ends between two labels is decided by evidence: each row's 二级 says which 一级
 * it belongs to where the taxonomy knows it (时效指标 is 产出's, 社会效益 效益's); the split between the
 * two labels is where the most rows agree, and rows that say nothing stay with the label above. Rows
 * above the first label take it.
 */
export function level1Blocks(
  labels: readonly string[],
  says: ReadonlyArray<string | null>,
  std: (label: string) => string | null,
): Array<string | null> {
  const anchors: number[] = [];
  labels.forEach((l, i) => {
    if (l !== '') anchors.push(i);
  });
  const out: Array<string | null> = labels.map(() => null);
  if (anchors.length === 0) return out;
  const first = anchors[0] as number;
  for (let i = 0; i <= first; i++) out[i] = labels[first] as string;
  for (let k = 0; k < anchors.length; k++) {
    const a = anchors[k] as number;
    const b = anchors[k + 1] ?? labels.length;
    const A = labels[a] as string;
    out[a] = A;
    if (b === labels.length) {
      for (let i = a + 1; i < b; i++) out[i] = A;
      continue;
    }
    const B = labels[b] as string;
    const sa = std(A);
    const sb = std(B);
    const vote = (i: number, s: string | null): number => {
      const w = says[i] ?? null;
      return w === null || s === null ? 0 : w === s ? 1 : -1;
    };
    // Rows a+1..split stay with A, split+1..b-1 go to B; the largest split among the best.
    let score = 0;
    for (let i = a + 1; i < b; i++) score += vote(i, sb);
    let best = a;
    let bestScore = score;
    for (let split = a + 1; split < b; split++) {
      score += vote(split, sa) - vote(split, sb);
      if (score >= bestScore) {
        bestScore = score;
        best = split;
      }
    }
    for (let i = a + 1; i < b; i++) out[i] = i <= best ? A : B;
  }
  return out;
}

/** A sign-off line under a form's grid (`财政绩效管理科室(盖章) 年 月 日`): not an indicator. */
const SIGN_OFF = /[(（]\s*(?:盖章|签章|签字|公章)\s*[)）]|(?:盖章|签章|签字)\s*[:：]|(?:^|\s)年\s+月\s+日\s*$/;

function isSignOff(r: IndicatorCells): boolean {
  if (r.value !== '' || r.valuePeriod !== '' || r.valueSecond !== '') return false;
  const text = r.cells === undefined ? r.name : r.cells.map((v) => cellText(v)).join(' ');
  return SIGN_OFF.test(text);
}

/**
 * A form's grid weighed on its rows' cells (the header given as `fields`), or null where it cannot be (no
 * header texts, rows without their cells). Its `readings` are the grid's columns as the reading should
 * report them.
 */
export function weighFormGrid(rows: readonly IndicatorCells[], grid: IndicatorColumns): WeighedColumns | null {
  if (grid.fields === undefined || rows.length === 0 || rows.some((r) => r.cells === undefined)) return null;
  // A column's texts top row first: a two-row header gives `指标值` and `2021年实际实现值` for one column.
  const texts = new Map<number, string[]>();
  for (const [c, t] of grid.fields) texts.set(c, [...(texts.get(c) ?? []), t]);
  return weighGridColumns(
    { texts, cols: grid.cols },
    rows.map((r) => r.cells as readonly Cell[]),
  );
}

/** A form's rows read again by its weighed columns, where the weighing changed any. */
function weighed(rows: readonly IndicatorCells[], grid: IndicatorColumns): { rows: IndicatorCells[]; grid: IndicatorColumns } {
  const w = weighFormGrid(rows, grid);
  if (w === null || !w.changed) return { rows: [...rows], grid };
  const out: IndicatorCells[] = [];
  for (const r of rows) {
    const ind = indicatorCells(r.cells as readonly Cell[], w.cols);
    if (ind !== null) out.push(ind);
  }
  return { rows: out, grid: { cols: w.cols, secondLabel: w.secondLabel } };
}

/** The indicators of one project's grid rows, numbered from 1, with merged 一级 / 二级 labels filled in. */
export function buildIndicators(given: readonly IndicatorCells[], columns: IndicatorColumns, cache: RunCache): Indicator[] {
  const w = weighed(given, columns);
  const grid = w.grid;
  const rows = w.rows.filter((r) => !isSignOff(r));
  const { cols } = grid;
  const labels1 = rows.map((r) => r.level1);
  // 一级 labels centred in their merged blocks: the first row has none, a later one has.
  const centred = labels1[0] === '' && labels1.some((l) => l !== '');
  const l2 =
    cols.level2 === undefined
      ? rows.map(() => null)
      : fillMerged(
          rows.map((r) => r.level2),
          centred ? [] : rows.map((r) => r.level1 !== ''),
        );
  const l1 =
    cols.level1 === undefined
      ? rows.map(() => null)
      : level1Blocks(
          labels1,
          l2.map((x) => (x === null ? null : cache.levels('', x, null).level1Std)),
          (label) => cache.levels(label, '', null).level1Std,
        );
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
