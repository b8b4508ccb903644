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
import { isHeaderLike, matchHeaderRow } from '../input/header';
import { cellText } from '../input/text';
import { AmountRole, ColumnMap } from '../input/vocabulary';
import { LevelState, readIndicatorRow, textAt } from '../indicators/grid-row';
import type { RunCache } from '../indicators/intern';
import { packedReader } from './packed';
import type { LayoutReader } from './reader';
import { addMerged, amountColumns, isGrandTotalName, mayBeHeaderName, newRow, WorkRow } from './rows';

export function buildGridListStructure(grid: Grid, headerRow: number, cols: ColumnMap, cache: RunCache): WorkRow[] {
  const rows: WorkRow[] = [];
  const amountCols = amountColumns(cols);
  let project: WorkRow | null = null;
  let levels: LevelState = { level1: '', level2: '' };
  const finish = () => {
    if (project !== null && project.indicators === null) project.indicators = [];
  };
  for (let r = 0; r < grid.length; r++) {
    const row = newRow(r);
    rows.push(row);
    const cells = grid[r] ?? [];
    if (cells.every((v) => cellText(v).trim() === '')) continue;
    if (r < headerRow) {
      row.kind = 'title';
      continue;
    }
    // A header repeated after a page break; the cheap test on the first cells comes first.
    if (
      r === headerRow ||
      ((mayBeHeaderName(cells[cols.unitName ?? 0]) || mayBeHeaderName(cells[cols.name ?? 0])) && isHeaderLike(matchHeaderRow(cells)))
    ) {
      row.kind = 'header';
      continue;
    }
    const name = textAt(cells, cols.name);
    const unitName = textAt(cells, cols.unitName);
    const amounts: Partial<Record<AmountRole, true>> = {};
    for (const [role, c] of amountCols) {
      const p = parseAmount(cells[c]);
      row.amounts[role] = { parse: p, col: c, recovered: false };
      if (p.kind !== 'empty') amounts[role] = true;
    }
    const hasAmount = Object.keys(amounts).length > 0;
    const goal = textAt(cells, cols.goal);
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
      levels = { level1: '', level2: '' };
      const ind = readIndicatorRow(cells, cols, levels, 1, cache);
      if (row.kind === 'project' && name !== '') {
        project = row;
        row.indicators = ind !== null ? [ind] : [];
        row.indicatorCol = cols.level3 ?? cols.value ?? null;
      } else {
        project = null;
      }
      continue;
    }
    const ind = project !== null ? readIndicatorRow(cells, cols, levels, (project.indicators?.length ?? 0) + 1, cache) : null;
    if (project !== null && ind !== null) {
      project.indicators?.push(ind);
      addMerged(project, r);
      row.kind = 'continuation';
      row.parent = project.index;
      if (goal !== '' && project.goal !== null) project.goal += goal;
    } else {
      row.kind = 'title';
    }
  }
  finish();
  return rows;
}

/**
 * Grid lists: a header that names the indicator grid (一级指标, 二级指标) and a project or amount
 * column, with no form's 项目名称 row above it. Without such a header the rows are read as a
 * packed list in the default column order, and that is said.
 */
export const gridReader: LayoutReader = {
  detect({ header, formRow }) {
    if (header === null || header.columns.level1 === undefined || header.columns.level2 === undefined) return 0;
    const hasProjectColumns = header.columns.name !== undefined || header.columns.total !== undefined;
    return hasProjectColumns && (formRow < 0 || formRow > header.row) ? 3 : 0;
  },
  read(cells, survey, ctx) {
    const header = survey.header;
    if (header === null || header.columns.level1 === undefined) return packedReader.read(cells, { ...survey, header: null }, ctx);
    return {
      rows: buildGridListStructure(cells, header.row, header.columns, ctx.cache),
      columns: header.columns,
      headerRow: header.row,
      headerMissing: false,
    };
  },
};
