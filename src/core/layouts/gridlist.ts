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
import type { Grid } from '../input/grid';
import { HeaderMatch, isHeaderLike, matchHeaderRow } from '../input/header';
import { cellText, trimSpaces } from '../input/text';
import { ColumnMap } from '../input/vocabulary';
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
    secondLabel:
      cols.valueSecond === undefined ? null : header.rows.map((r) => trimSpaces(cellText(grid[r]?.[cols.valueSecond as number]))).join(''),
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
    if (
      header.rows.includes(r) ||
      ((mayBeHeaderName(cells[cols.unitName ?? 0]) || mayBeHeaderName(cells[cols.name ?? 0])) && isHeaderLike(matchHeaderRow(cells)))
    ) {
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
    return readByHeader(cells, header, buildGridListStructure(cells, header, ctx.cache));
  },
};
