/**
 * gridlist.ts — the grid-list layout: one row per indicator, and its reader.
 *
 * Owns: reading a table whose header names a project column and indicator columns (一级 /
 * 二级 / 三级, 指标性质, 指标值, 度量单位, 权重, 指标方向性). A row with a project name starts a
 * project (its amount and goal stand on that row only); rows below with a blank name add
 * indicators to it. A row with a unit name and an amount but no project (a department
 * subtotal such as `820-马踏镇部门 | 8,827,620.53`, or a unit) is a candidate total, decided by
 * the numbers like any other.
 */
import { parseAmount } from '../input/amount';
import type { Cell, Grid } from '../input/grid';
import { findHeader, HeaderMatch, isHeaderLike, matchHeaderRow, WeighedField } from '../input/header';
import { cellText, trimSpaces } from '../input/text';
import { ColumnMap } from '../input/vocabulary';
import { weighGridColumns } from '../indicators/column-evidence';
import { buildIndicators, IndicatorCells, indicatorCells, IndicatorColumns, textAt } from '../indicators/grid-row';
import type { RunCache } from '../indicators/intern';
import { packedReader } from './packed';
import { LayoutReader, readByHeader, ReadResult } from './reader';
import { addMerged, filledRows, WorkRow } from '../rows/work-row';
import { amountColumns, isGrandTotalName, isTitleLine, mayBeHeaderName } from './row-cells';

export function buildGridListStructure(grid: Grid, header: HeaderMatch, cache: RunCache): { rows: WorkRow[]; unread: number[] } {
  const cols = header.columns;
  const rows: WorkRow[] = [];
  const unread: number[] = [];
  const amountCols = amountColumns(cols);
  const indicatorColumns: IndicatorColumns = {
    cols,
    // The second target's own header: the lowest text over its column (`2021年实际实现值` under `指标值`).
    secondLabel:
      cols.valueSecond === undefined
        ? null
        : ([...header.rows]
            .reverse()
            .map((r) => trimSpaces(cellText(grid[r]?.[cols.valueSecond as number])))
            .find((t) => t !== '') ?? null),
  };
  let project: WorkRow | null = null;
  let pending: IndicatorCells[] = [];
  const finish = (): void => {
    if (project !== null) project.indicators = buildIndicators(pending, indicatorColumns, cache);
    project = null;
    pending = [];
  };
  const lastHeaderRow = header.rows[header.rows.length - 1] as number;
  for (const [r, row, cells] of filledRows(grid, rows)) {
    if (r < header.row) {
      row.kind = 'title';
      continue;
    }
    // A header repeated after a page break; the cheap test on the first cells comes first.
    if (header.rows.includes(r) || isRepeatedHeader(cells, cols)) {
      row.kind = 'header';
      continue;
    }
    const name = textAt(cells, cols.name);
    const unitName = textAt(cells, cols.unitName);
    let hasAmount = false;
    for (const [role, c] of amountCols) {
      const p = parseAmount(cells[c]);
      row.amounts[role] = { parse: p, col: c, recovered: false };
      if (p.kind !== 'empty') hasAmount = true;
    }
    const goal = textAt(cells, cols.goal);
    const ind = indicatorCells(cells, cols);
    if (name !== '' || (hasAmount && unitName !== '')) {
      finish();
      row.kind = isGrandTotalName(name || unitName) ? 'grandTotal' : 'project';
      row.name = name || unitName;
      row.nameCol = name !== '' ? (cols.name as number) : (cols.unitName as number);
      row.unitName = name !== '' && unitName !== '' ? unitName : null;
      if (goal !== '') {
        row.goal = goal;
        row.goalCol = cols.goal as number;
      }
      if (row.kind === 'project' && name !== '') {
        project = row;
        pending = ind !== null ? [ind] : [];
        row.indicatorCol = cols.level3 ?? cols.value ?? null;
      }
      continue;
    }
    if (project !== null && ind !== null) {
      const p: WorkRow = project;
      pending.push(ind);
      addMerged(p, r);
      row.kind = 'continuation';
      row.parent = p.index;
      if (goal !== '' && p.goal !== null) p.goal += goal;
    } else {
      row.kind = 'title';
      if (r > lastHeaderRow && !isTitleLine(cells.map((v) => cellText(v)).join(''))) unread.push(r);
    }
  }
  finish();
  return { rows, unread };
}

/** Rows weighed for the columns' evidence: plenty to see what a column holds, and a bound on the work. */
const WEIGH_ROWS = 5_000;

/** A repeated header row (after a page break): the cheap test on the first cells first. */
function isRepeatedHeader(cells: readonly Cell[], cols: ColumnMap): boolean {
  return (mayBeHeaderName(cells[cols.unitName ?? 0]) || mayBeHeaderName(cells[cols.name ?? 0])) && isHeaderLike(matchHeaderRow(cells));
}

/**
 * The header with its indicator columns weighed on the whole table's cells (indicators/column-evidence.ts):
 * a column whose cells say another role than its label (指标性质 holding 正向/反向, 指标方向 holding 大于等于)
 * is read by its cells, and the reading says so. A header the user mapped (its columns differ from what the
 * labels give) is read as mapped.
 */
export function weighGridHeader(grid: Grid, header: HeaderMatch): HeaderMatch {
  const labelled = findHeader(grid);
  if (labelled === null || labelled.row !== header.row || !sameColumns(labelled.columns, header.columns)) return header;
  const cols = header.columns;
  const lastHeaderRow = header.rows[header.rows.length - 1] as number;
  const body: Array<readonly Cell[]> = [];
  const groups: number[][] = [];
  for (let r = lastHeaderRow + 1; r < grid.length && body.length < WEIGH_ROWS; r++) {
    const cells = grid[r] ?? [];
    if (isRepeatedHeader(cells, cols)) continue;
    if (textAt(cells, cols.name) !== '' || groups.length === 0) groups.push([]);
    (groups[groups.length - 1] as number[]).push(body.length);
    body.push(cells);
  }
  const texts = new Map<number, string[]>();
  for (const r of header.rows) {
    const row = grid[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const t = trimSpaces(cellText(row[c]));
      if (t === '') continue;
      const list = texts.get(c) ?? header.rows.filter((x) => x < r).map(() => '');
      list.push(t);
      texts.set(c, list);
    }
  }
  const w = weighGridColumns({ texts, cols }, body, groups);
  if (!w.changed) return header;
  const weighed = new Map<number, WeighedField>();
  for (const k of w.readings) weighed.set(k.col, { role: k.role, confidence: k.confidence, evidence: k.evidence });
  return { ...header, columns: w.cols, weighed };
}

function sameColumns(a: ColumnMap, b: ColumnMap): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k as keyof ColumnMap] === b[k as keyof ColumnMap]);
}

/** A header names an indicator grid: a name or value column with at least one more of its columns. */
export function namesIndicatorGrid(cols: ColumnMap): boolean {
  let n = 0;
  for (const role of ['level1', 'level2', 'level3', 'value', 'valuePeriod', 'op', 'measureUnit', 'weight'] as const)
    if (cols[role] !== undefined) n++;
  return n >= 2 && (cols.level3 !== undefined || cols.value !== undefined || (cols.level1 !== undefined && cols.level2 !== undefined));
}

/**
 * Grid lists: a header that names an indicator grid (一级 / 二级 / 三级, 指标值 …) together with a
 * project or amount column, with no form's name row above it. Without such a header the rows are
 * read as a packed list in the default column order, and that is said.
 */
export const gridReader: LayoutReader = {
  detect({ header, formRow }) {
    if (header === null || !namesIndicatorGrid(header.columns) || header.columns.indicators !== undefined) return 0;
    const hasProjectColumns = header.columns.name !== undefined || header.columns.total !== undefined;
    return hasProjectColumns && (formRow < 0 || formRow > header.row) ? 3 : 0;
  },
  read(cells, survey, ctx): ReadResult {
    const header = survey.header;
    if (header === null || !namesIndicatorGrid(header.columns)) return packedReader.read(cells, { ...survey, header: null }, ctx);
    const weighed = weighGridHeader(cells, header);
    return readByHeader(cells, weighed, buildGridListStructure(cells, weighed, ctx.cache));
  },
};
