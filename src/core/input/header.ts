/**
 * header.ts — the header row of a pasted table.
 *
 * Owns: matching a row's cells to column roles (the vocabulary), telling a header-like row from
 * data, finding the header row among a table's first rows, and the column order assumed when
 * there is none.
 */
import { Cell } from './grid';
import { cellText, normalizeLabel } from './text';
import { ColumnMap, roleOfLabel } from './vocabulary';

export interface HeaderMatch {
  row: number;
  columns: ColumnMap;
  matched: number;
}

/** Roles matched by one row's cells; a role matched twice keeps its first column. */
export function matchHeaderRow(cells: readonly Cell[]): HeaderMatch & { duplicates: number } {
  const columns: ColumnMap = {};
  let matched = 0;
  let duplicates = 0;
  for (let c = 0; c < cells.length; c++) {
    const v = cells[c];
    if (typeof v !== 'string') continue;
    let role = roleOfLabel(cellText(v));
    if (role === null) continue;
    // A grid list names its unit and its project: 单位名称 is then the unit, not the name.
    if (role === 'name' && normalizeLabel(v) === '单位名称') role = 'unitName';
    if (columns[role] === undefined) {
      columns[role] = c;
      matched++;
    } else duplicates++;
  }
  if (columns.name === undefined && columns.unitName !== undefined && columns.level1 === undefined) {
    // 单位名称 alone is the name column of a packed list.
    columns.name = columns.unitName;
    delete columns.unitName;
  }
  return { row: -1, columns, matched, duplicates };
}

/** A row is a header when it names at least three roles, one of them the name or total, or an indicator grid. */
export function isHeaderLike(m: { columns: ColumnMap; matched: number }): boolean {
  if (m.columns.level1 !== undefined && m.columns.level2 !== undefined) return true;
  return m.matched >= 3 && (m.columns.name !== undefined || m.columns.total !== undefined);
}

/** The first header-like row among the first `scan` rows, or null. */
export function findHeader(grid: readonly (readonly Cell[])[], scan = 60): HeaderMatch | null {
  let best: HeaderMatch | null = null;
  const limit = Math.min(grid.length, scan);
  for (let r = 0; r < limit; r++) {
    const m = matchHeaderRow(grid[r] ?? []);
    if (isHeaderLike(m) && (best === null || m.matched > best.matched)) {
      best = { row: r, columns: m.columns, matched: m.matched };
      if (m.matched >= 6) break;
    }
  }
  return best;
}

/** The packed-list order assumed when no header row can be found. */
export const DEFAULT_COLUMNS: ColumnMap = { name: 0, total: 1, fiscal: 2, specialAccount: 3, other: 4, goal: 5, indicators: 6 };
