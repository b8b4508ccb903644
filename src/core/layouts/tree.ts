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
import { cellText, isSpace, squeezeSpaces, trimSpaces, firstUsedRow } from '../input/text';
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
    // A BOM or a zero-width space has no width: it is no indentation.
    if (c === 0xfeff || c === 0x200b) continue;
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

/** A level's name without the system's notes (`成本指标(必填硬性指标)`, `时效指标(必填)` → the name). */
function levelName(text: string): string {
  return squeezeSpaces(text).replace(/\s*[(（][^()（）]*(?:必填|选填|硬性)[^()（）]*[)）]\s*$/, '');
}

/**
 * The depth of a tree's 一级 rows: the indentation of the rows whose names are only ever a 一级 (产出指标,
 * 效益指标, 满意度指标 — not 成本指标, which is a 二级 in older frameworks), when they all stand at one
 * depth below the shallowest; -1 when the tree does not show it.
 */
function levelDepth(cells: Grid, header: HeaderMatch, levels: readonly number[]): number {
  const col = header.columns.name;
  if (col === undefined || levels.length < 3) return -1;
  const depths = new Set<number>();
  for (let r = header.row + 1; r < Math.min(cells.length, header.row + 400); r++) {
    const v = cells[r]?.[col];
    const name = levelName(cellText(v));
    if (name !== '' && isLevel1(name) && !isLevel2(name)) depths.add(indentOf(v));
  }
  const [only] = depths;
  return depths.size === 1 && only !== undefined && only > (levels[0] as number) ? only : -1;
}
const isLevel2 = (name: string): boolean => level2Std(splitWeight(name).name) !== null;

interface Node {
  row: WorkRow;
  indent: number;
}

export function buildTreeStructure(
  grid: Grid,
  header: HeaderMatch,
  cache: RunCache,
): { rows: WorkRow[]; unread: number[]; declared: Array<{ row: number; opens: boolean }> } {
  const cols = header.columns;
  const nameCol = cols.name as number;
  const amountCols = amountColumns(cols);
  const levels = indentLevels(grid, header);
  const deepest = levels[levels.length - 1] ?? 0;
  // The depths of the 一级 and 二级 rows, where names that are only ever a 一级 (产出, 效益, 满意度) show them.
  const depth1 = levelDepth(grid, header, levels);
  const below = depth1 >= 0 ? (levels.find((d) => d > depth1) ?? -1) : -1;
  // A 二级 depth only where a deeper level (the 三级) stands under it: a tree of 一级 and 三级 has none.
  const depth2 = below >= 0 && below < deepest ? below : -1;
  const grid3: IndicatorColumns = {
    cols: { level1: nameCol, level2: nameCol, level3: nameCol, value: cols.value ?? cols.valuePeriod } as ColumnMap,
    secondLabel: null,
  };
  const rows: WorkRow[] = [];
  const unread: number[] = [];
  // The candidate projects in order, with their indentation: one with a deeper candidate under it is a unit.
  const candidates: Node[] = [];
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
    // A level by its depth where the tree shows it (成本指标 is a 一级 in some frameworks and a 二级 in
    // others: its depth says which), by its name elsewhere.
    const atLevel1 = depth1 >= 0 ? indent === depth1 : isLevel1(name);
    const atLevel2 = depth2 >= 0 ? indent === depth2 : isLevel2(name);
    if (inProject && !hasAmount && atLevel1 && value === '') {
      l1 = { row, indent };
      l2 = null;
      row.kind = 'continuation';
    } else if (inProject && !hasAmount && atLevel2 && value === '') {
      l2 = { row, indent };
      row.kind = 'continuation';
    } else if (inProject && !hasAmount && (value !== '' || indent === deepest)) {
      pending.push({
        name,
        level1: l1 === null ? '' : levelName(cellText(grid[l1.row.index]?.[nameCol])),
        level2: l2 === null ? '' : levelName(cellText(grid[l2.row.index]?.[nameCol])),
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
      candidates.push(project);
      l1 = null;
      l2 = null;
      continue;
    }
    const p = (project as Node).row;
    row.parent = p.index;
    addMerged(p, r);
  }
  finish();
  // The indentation says which candidates are units: those with a deeper candidate right under them.
  const declared: Array<{ row: number; opens: boolean }> = [];
  for (let k = 0; k + 1 < candidates.length; k++) {
    const c = candidates[k] as Node;
    if (c.row.kind !== 'project' || (candidates[k + 1] as Node).indent <= c.indent) continue;
    c.row.kind = 'unit';
    declared.push({ row: c.row.index, opens: true });
  }
  return { rows, unread, declared };
}

/** Words a header uses for a tree's columns, when the vocabulary knows none of its labels. */
const NAME_HINT = /项目|名称|指标/;
const AMOUNT_HINT = /金额|资金|预算|总计|合计/;
const VALUE_HINT = /指标值|目标值|值/;

/**
 * A tree export whose header the vocabulary does not name (`项目 | 指标值 | 绩效金额`), found by its cells: a
 * column whose indentation has three levels or more, with a 一级 name among its rows, is the name column; the
 * column filled on the deepest rows holds the targets; the one with amounts on the rows above the 一级 rows
 * holds the amounts. The header is the row with text above the first indented row. Each role read from the
 * cells says so, and is certain where the label's words agree. Null when no column looks like a tree.
 */
export function findTreeHeader(cells: Grid, scan = 400): HeaderMatch | null {
  const from = firstUsedRow(cells);
  const end = Math.min(cells.length, from + scan);
  const width = Math.min(8, Math.max(0, ...cells.slice(0, end).map((r) => r.length)));
  for (let col = 0; col < width; col++) {
    const depth = new Map<number, number>();
    let first = -1;
    let level1Depth = -1;
    for (let r = from; r < end; r++) {
      const v = cells[r]?.[col];
      const t = trimSpaces(cellText(v));
      if (t === '') continue;
      const d = indentOf(v);
      if (d > 0 && first < 0) first = r;
      if (d > 0) depth.set(r, d);
      if (level1Depth < 0 && d > 0 && isLevel1(squeezeSpaces(t))) level1Depth = d;
    }
    const levels = new Set(depth.values());
    if (first < 1 || level1Depth < 0 || levels.size < 3) continue;
    let headerRow = first - 1;
    while (headerRow >= 0 && (cells[headerRow] ?? []).every((v) => trimSpaces(cellText(v)) === '')) headerRow--;
    if (headerRow < 0) continue;
    const deepest = Math.max(...levels);
    const others = Array.from({ length: Math.max(...cells.slice(first, end).map((r) => r.length)) }, (_, c) => c).filter((c) => c !== col);
    const filled = (rows: number[], c: number, test: (v: Cell) => boolean) => rows.filter((r) => test(cells[r]?.[c])).length;
    const deepRows = [...depth].filter(([, d]) => d === deepest).map(([r]) => r);
    const highRows = [...depth].filter(([, d]) => d < level1Depth).map(([r]) => r);
    const byCount = (rows: number[], test: (v: Cell) => boolean) =>
      others.map((c) => [c, filled(rows, c, test)] as const).sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
    const value = byCount(deepRows, (v) => trimSpaces(cellText(v)) !== '');
    const amount = byCount(highRows, (v) => parseAmount(v).kind === 'value');
    const label = (c: number) => trimSpaces(cellText(cells[headerRow]?.[c]));
    const columns: ColumnMap = { name: col };
    const weighed = new Map<number, { role: 'name' | 'value' | 'total'; confidence: 'high' | 'low'; evidence: 'cells' }>();
    const give = (c: number, role: 'name' | 'value' | 'total', hint: RegExp) => {
      columns[role] = c;
      weighed.set(c, { role, confidence: hint.test(label(c)) ? 'high' : 'low', evidence: 'cells' });
    };
    give(col, 'name', NAME_HINT);
    if (value !== undefined && value[1] * 2 >= deepRows.length) give(value[0], 'value', VALUE_HINT);
    if (amount !== undefined && amount[1] > 0 && amount[0] !== columns.value) give(amount[0], 'total', AMOUNT_HINT);
    return { row: headerRow, rows: [headerRow], columns, matched: Object.keys(columns).length, weighed };
  }
  return null;
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
    const built = buildTreeStructure(cells, header, ctx.cache);
    return { ...readByHeader(cells, header, built), declared: built.declared };
  },
};
