/**
 * header.ts — the header row of a pasted table.
 *
 * Owns: matching a row's cells to column roles (the vocabulary), telling a header-like row from
 * data, finding the header row among a table's first rows, and the column order assumed when
 * there is none.
 */
import { Cell } from './grid';
import { cellText, isBlankText, normalizeLabel, trimSpaces, firstUsedRow } from './text';
import type { FieldReading } from '../contract/model';
import type { Role } from '../contract/roles';
import { ColumnMap, matchColumnLabel, roleOfLabel, TargetClass, targetClassOf } from './vocabulary';

/** How a column's role was given where its cells, not only its label, decided it (indicators/column-evidence.ts). */
export type WeighedField = Pick<FieldReading, 'role' | 'confidence' | 'evidence'>;

export interface HeaderMatch {
  row: number;
  columns: ColumnMap;
  matched: number;
  /** Every header row: one, or two when a row of captions stands over the names (`资金来源` over `财政拨款 | 其他资金`). */
  rows: number[];
  /** Columns whose role was weighed on their cells as well as their label, by column: the reading reports these. */
  weighed?: ReadonlyMap<number, WeighedField>;
}

const TARGET_ROLES: readonly Role[] = ['value', 'valuePeriod', 'valueSecond'];
/** The columns an indicator grid repeats per column set (`二级指标(长期)` … `二级指标(年度)`). */
const SET_ROLES: readonly Role[] = ['level1', 'level2', 'level3', 'description', 'op', 'direction', 'measureUnit', 'weight'];
const TARGET_OF_CLASS: Record<TargetClass, Role> = { annual: 'value', period: 'valuePeriod', past: 'valueSecond' };

/**
 * Roles matched by one row's cells. A target column's words say which target it is (`指标值(长期)` is the
 * period's, `2021年实际实现值` a second one). A role matched twice keeps its first column, except that of
 * two column sets (`三级指标(长期)` … `三级指标(年度)`) the year's is taken (the cells can still decide
 * otherwise: indicators/column-evidence.ts).
 */
export function matchHeaderRow(cells: readonly Cell[]): HeaderMatch & { duplicates: number } {
  const columns: ColumnMap = {};
  const classes = new Map<number, TargetClass | null>();
  let matched = 0;
  let duplicates = 0;
  for (let c = 0; c < cells.length; c++) {
    const v = cells[c];
    if (typeof v !== 'string') continue;
    let role = roleOfLabel(cellText(v));
    if (role === null) continue;
    // A grid list names its unit and its project: 单位名称 is then the unit, not the name.
    if (role === 'name' && normalizeLabel(v) === '单位名称') role = 'unitName';
    const cls = targetClassOf(v);
    if (cls !== null && TARGET_ROLES.includes(role)) role = TARGET_OF_CLASS[cls];
    const held = columns[role];
    if (held === undefined) {
      columns[role] = c;
      classes.set(c, cls);
      matched++;
    } else {
      duplicates++;
      const heldClass = classes.get(held) ?? null;
      if (cls === 'annual' && heldClass !== null && heldClass !== 'annual' && SET_ROLES.includes(role)) {
        columns[role] = c;
        classes.set(c, cls);
      }
    }
  }
  if (columns.name === undefined && columns.unitName !== undefined && columns.level1 === undefined) {
    // 单位名称 alone is the name column of a packed list.
    columns.name = columns.unitName;
    delete columns.unitName;
  }
  return { row: -1, columns, matched, duplicates, rows: [] };
}

/** A row is a header when it names at least three roles, one of them the name or total, or an indicator grid. */
export function isHeaderLike(m: { columns: ColumnMap; matched: number }): boolean {
  if (m.columns.level1 !== undefined && m.columns.level2 !== undefined) return true;
  // A list of names and amounts (an allocation list: 项目名称 | 预算数) names just two.
  if (m.matched >= 2 && m.columns.name !== undefined && (m.columns.total !== undefined || m.columns.fiscal !== undefined)) return true;
  return m.matched >= 3 && (m.columns.name !== undefined || m.columns.total !== undefined);
}

/** The first header of a list (a name and an amount column) among the first `scan` rows, or null. */
export function findListHeader(grid: readonly (readonly Cell[])[], scan = 60): HeaderMatch | null {
  const from = firstUsedRow(grid);
  const limit = Math.min(grid.length, from + scan);
  for (let r = from; r < limit; r++) {
    const m = matchHeaderRow(grid[r] ?? []);
    if (m.columns.name !== undefined && (m.columns.total !== undefined || m.columns.fiscal !== undefined) && isHeaderLike(m)) {
      return { row: r, columns: m.columns, matched: m.matched, rows: [r] };
    }
  }
  return null;
}

/** A caption over a group of columns in a two-row header. */
const GROUP_CAPTION = /^(?:资金来源|资金构成|其中|预算资金|资金安排|绩效指标|指标|年度绩效指标|金额|预算数)$/;

/** The columns a target caption can stand over. */
const TARGET_PARTS: readonly Role[] = ['value', 'valuePeriod', 'valueSecond', 'op', 'measureUnit'];
/** A caption over several target columns (`指标值` over `2021年实际实现值 | 预期2022年实现值`). */
const TARGET_CAPTION = /^(?:指标值|目标值|绩效指标值|指标目标值|绩效目标值)$/;

/**
 * The row under a header, when it completes it: it names roles under the header's blank cells or
 * group captions, and holds no number. Target columns named under a target caption take the caption's
 * place (`replaced`: the caption is not a column of its own).
 */
function secondHeaderRow(
  top: readonly Cell[],
  below: readonly Cell[] | undefined,
  columns: ColumnMap,
): { added: ColumnMap; replaced: Role[] } | null {
  if (below === undefined) return null;
  const m = matchHeaderRow(below);
  if (m.matched < 2) return null;
  const taken = new Set(Object.values(columns));
  const captions = (Object.entries(columns) as Array<[Role, number]>).filter(
    ([role, c]) => TARGET_ROLES.includes(role) && TARGET_CAPTION.test(normalizeLabel(cellText(top[c]))),
  );
  // Under a target caption: the target's parts (`符号 | 数值 | 单位`) or several targets (`2021年实际实现值 | 预期2022年实现值`).
  const parts = (Object.entries(m.columns) as Array<[Role, number]>).filter(([role]) => TARGET_PARTS.includes(role));
  const under = parts.some(([role, c]) => TARGET_ROLES.includes(role) || captions.some(([, cc]) => cc === c));
  const replaced = under ? captions.map(([role]) => role) : [];
  const added: ColumnMap = {};
  for (const [role, c] of Object.entries(m.columns) as Array<[Role, number]>) {
    const above = normalizeLabel(cellText(top[c]));
    const caption = GROUP_CAPTION.test(above) || (under && TARGET_CAPTION.test(above) && TARGET_PARTS.includes(role));
    if (above !== '' && !caption && taken.has(c)) return null;
    if (columns[role] === undefined || replaced.includes(role)) added[role] = c;
  }
  for (const v of below) if (typeof v === 'number' || (typeof v === 'string' && /^\s*[\d,.]+\s*$/.test(v) && v.trim() !== '')) return null;
  return Object.keys(added).length > 0 ? { added, replaced } : null;
}

/** The first header-like row among the first `scan` rows (with the row below it when that completes it), or null. */
export function findHeader(grid: readonly (readonly Cell[])[], scan = 60): HeaderMatch | null {
  let best: HeaderMatch | null = null;
  const from = firstUsedRow(grid);
  const limit = Math.min(grid.length, from + scan);
  for (let r = from; r < limit; r++) {
    const m = matchHeaderRow(grid[r] ?? []);
    const extra = isHeaderLike(m) || m.matched >= 2 ? secondHeaderRow(grid[r] ?? [], grid[r + 1], m.columns) : null;
    if (!isHeaderLike(m) && extra === null) continue;
    const columns: ColumnMap = { ...m.columns };
    for (const role of extra?.replaced ?? []) delete columns[role];
    Object.assign(columns, extra?.added ?? {});
    const matched = Object.keys(columns).length;
    const merged = { row: r, columns, matched, rows: extra === null ? [r] : [r, r + 1] };
    if (!isHeaderLike(merged)) continue;
    if (best === null || matched > best.matched) {
      best = merged;
      if (matched >= 6) break;
    }
  }
  return best;
}

/** Each header cell as read: its text, the role its column was given (or `ignore`) and why. */
export function headerFields(grid: readonly (readonly Cell[])[], header: HeaderMatch): FieldReading[] {
  const roleAt = new Map<number, keyof ColumnMap>();
  for (const [role, c] of Object.entries(header.columns) as Array<[keyof ColumnMap, number]>) roleAt.set(c, role);
  const out: FieldReading[] = [];
  const row = (header.rows[header.rows.length - 1] as number) + 1;
  const width = Math.max(...header.rows.map((r) => grid[r]?.length ?? 0), ...[...(header.weighed?.keys() ?? [])].map((c) => c + 1));
  for (let c = 0; c < width; c++) {
    const texts = header.rows.map((r) => trimSpaces(cellText(grid[r]?.[c]))).filter((t) => t !== '');
    const weighed = header.weighed?.get(c);
    if (weighed !== undefined) {
      // A column of an indicator grid, weighed on its cells as well as its label.
      out.push({ row, col: c, text: texts.join(' / '), ...weighed });
      continue;
    }
    if (texts.length === 0) continue;
    const role = roleAt.get(c);
    const text = texts[texts.length - 1] as string;
    const m = matchColumnLabel(text);
    const how = m?.how ?? 'exact';
    out.push({
      row,
      col: c,
      text: texts.join(' / '),
      role: role ?? 'ignore',
      confidence: role !== undefined && how === 'exact' ? 'high' : 'low',
      evidence: how === 'exact' ? 'label' : how === 'pattern' ? 'label-pattern' : 'label-contains',
    });
  }
  return out;
}

/** The packed-list order assumed when no header row can be found, counted from the table's first column. */
export const DEFAULT_COLUMNS: ColumnMap = { name: 0, total: 1, fiscal: 2, specialAccount: 3, other: 4, goal: 5, indicators: 6 };

/**
 * The first column that holds anything, on any row: where the table starts. A paste from column B (or
 * from a sheet whose first columns are empty) starts there, not at column A.
 */
export function firstUsedColumn(grid: readonly (readonly Cell[])[]): number {
  let left = Infinity;
  for (const row of grid) {
    const n = Math.min(row.length, left);
    for (let c = 0; c < n; c++) {
      if (!isBlankText(cellText(row[c]))) {
        left = c;
        break;
      }
    }
    if (left === 0) break;
  }
  return Number.isFinite(left) ? left : 0;
}

/** The default column order, from the table's first used column. */
export function defaultColumns(grid: readonly (readonly Cell[])[]): ColumnMap {
  const left = firstUsedColumn(grid);
  if (left === 0) return DEFAULT_COLUMNS;
  const out: ColumnMap = {};
  for (const [role, c] of Object.entries(DEFAULT_COLUMNS) as Array<[keyof ColumnMap, number]>) out[role] = c + left;
  return out;
}
