/**
 * tree.ts — the tree-export layout, and its reader.
 *
 * Owns: reading a table exported from a budget system as a tree: one name column in which the
 * indentation (leading spaces) gives the level — unit, project, 一级, 二级, 三级 — with 指标值 and
 * amount columns beside it. A row whose name is a known 一级 or 二级 is that level; a row with a
 * target (or at the deepest level) is an indicator of the project above it; any other row is a
 * candidate project, and units among them are decided by the numbers like in every layout.
 */
import { parseAmount } from '../input/amount';
import type { Cell, Grid } from '../input/grid';
import type { HeaderMatch } from '../input/header';
import { cellText, isSpace, squeezeSpaces, trimSpaces } from '../input/text';
import type { ColumnMap } from '../input/vocabulary';
import { buildIndicators, IndicatorCells, IndicatorColumns, textAt } from '../indicators/grid-row';
import type { RunCache } from '../indicators/intern';
import { level1Std, level2Std, splitWeight } from '../indicators/taxonomy';
import { packedReader } from './packed';
import { LayoutReader, readByHeader, ReadResult } from './reader';
import { addMerged, filledRows, WorkRow } from '../rows/work-row';
import { amountColumns, isGrandTotalName, isTitleLine } from './row-cells';

/** The indentation of a name cell: a space counts 1, an ideographic space 2, a tab 4. */
export function indentOf(v: Cell): number {
  if (typeof v !== 'string') return 0;
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 0x3000) n += 2;
    else if (c === 0x09) n += 4;
    else if (isSpace(c)) n += 1;
    else break;
  }
  return n;
}

/**
 * The distinct indentations of the name column below the header (a tree has at least three), or
 * none when no name in it is a 一级 (产出指标, 效益指标 …): an indented list of units and projects
 * is a packed list, not a tree of indicators.
 */
export function indentLevels(cells: Grid, header: HeaderMatch): number[] {
  const col = header.columns.name;
  if (col === undefined) return [];
  const seen = new Set<number>();
  let levelNames = false;
  const end = Math.min(cells.length, header.row + 400);
  for (let r = header.row + 1; r < end; r++) {
    const v = cells[r]?.[col];
    const t = trimSpaces(cellText(v));
    if (t === '') continue;
    seen.add(indentOf(v));
    if (!levelNames && isLevel1(squeezeSpaces(t))) levelNames = true;
  }
  return levelNames ? [...seen].sort((a, b) => a - b) : [];
}

const isLevel1 = (name: string): boolean => level1Std(splitWeight(name).name) !== null;
const isLevel2 = (name: string): boolean => level2Std(splitWeight(name).name) !== null;

interface Node {
  row: WorkRow;
  indent: number;
}

export function buildTreeStructure(grid: Grid, header: HeaderMatch, cache: RunCache): { rows: WorkRow[]; unread: number[] } {
  const cols = header.columns;
  const nameCol = cols.name as number;
  const amountCols = amountColumns(cols);
  const levels = indentLevels(grid, header);
  const deepest = levels[levels.length - 1] ?? 0;
  const grid3: IndicatorColumns = {
    cols: { level1: nameCol, level2: nameCol, level3: nameCol, value: cols.value ?? cols.valuePeriod } as ColumnMap,
    secondLabel: null,
  };
  const rows: WorkRow[] = [];
  const unread: number[] = [];
  // The open branch: the nearest candidate project, 一级 and 二级 above the current row.
  let project: Node | null = null;
  let pending: IndicatorCells[] = [];
  let l1: Node | null = null;
  let l2: Node | null = null;
  const finish = (): void => {
    if (project !== null) project.row.indicators = buildIndicators(pending, grid3, cache);
    pending = [];
  };
  const lastHeaderRow = header.rows[header.rows.length - 1] as number;
  for (const [r, row, cells] of filledRows(grid, rows)) {
    if (r <= lastHeaderRow) {
      row.kind = r < header.row ? 'title' : 'header';
      continue;
    }
    const raw = cells[nameCol];
    const name = squeezeSpaces(cellText(raw));
    const indent = indentOf(raw);
    if (name === '') {
      row.kind = 'title';
      if (!isTitleLine(cells.map((v) => cellText(v)).join(''))) unread.push(r);
      continue;
    }
    // Leaving a branch: levels at or below this row's depth close.
    if (l2 !== null && indent <= l2.indent) l2 = null;
    if (l1 !== null && indent <= l1.indent) {
      l1 = null;
      l2 = null;
    }
    const value = textAt(cells, cols.value ?? cols.valuePeriod);
    let hasAmount = false;
    for (const [role, c] of amountCols) {
      const p = parseAmount(cells[c]);
      row.amounts[role] = { parse: p, col: c, recovered: false };
      if (p.kind !== 'empty') hasAmount = true;
    }
    const inProject = project !== null && indent > project.indent;
    if (inProject && !hasAmount && isLevel1(name) && value === '') {
      l1 = { row, indent };
      l2 = null;
      row.kind = 'continuation';
    } else if (inProject && !hasAmount && isLevel2(name) && value === '') {
      l2 = { row, indent };
      row.kind = 'continuation';
    } else if (inProject && !hasAmount && (value !== '' || indent === deepest)) {
      pending.push({
        name,
        level1: l1 === null ? '' : squeezeSpaces(cellText(grid[l1.row.index]?.[nameCol])),
        level2: l2 === null ? '' : squeezeSpaces(cellText(grid[l2.row.index]?.[nameCol])),
        value,
        valuePeriod: '',
        valueSecond: '',
        op: textAt(cells, cols.op),
        unit: textAt(cells, cols.measureUnit),
        weight: textAt(cells, cols.weight),
      });
      row.kind = 'continuation';
    } else {
      finish();
      row.kind = isGrandTotalName(name) ? 'grandTotal' : 'project';
      row.name = name;
      row.nameCol = nameCol;
      row.indicatorCol = nameCol;
      project = { row, indent };
      l1 = null;
      l2 = null;
      continue;
    }
    const p = (project as Node).row;
    row.parent = p.index;
    addMerged(p, r);
  }
  finish();
  return { rows, unread };
}

/**
 * Tree exports: a header with a name column and a target or amount column, and a name column whose
 * indentation has at least three levels (unit or project, 一级, 二级, 三级).
 */
export const treeReader: LayoutReader = {
  detect({ header, indents }) {
    if (header === null || header.columns.name === undefined) return 0;
    if (header.columns.value === undefined && header.columns.total === undefined) return 0;
    return indents >= 3 ? 4 : 0;
  },
  read(cells, survey, ctx): ReadResult {
    const header = survey.header;
    if (header === null || header.columns.name === undefined) return packedReader.read(cells, { ...survey, header: null }, ctx);
    return readByHeader(cells, header, buildTreeStructure(cells, header, ctx.cache));
  },
};
