/**
 * rows.ts — the row record every layout reader produces.
 *
 * Owns: the working row (its kind, name, amounts with their source cells, goal, indicator text or
 * indicators, parent and merged rows), the shared empty values rows start with, and the small
 * tests on a row's cells that every reader uses (a blank cell, a grand-total label, a repeated
 * header's first cell, the amount columns in order).
 */
import { AmountParse } from '../input/amount';
import { Cell } from '../input/grid';
import { roleOfLabel } from '../input/vocabulary';
import { AMOUNT_ROLES, AmountRole, ColumnMap } from '../input/vocabulary';
import type { Indicator, RowKind } from '../output/model';
import { cellText, isBlankText, normalizeLabel } from '../input/text';

export interface AmountSlot {
  parse: AmountParse;
  /** Source column, or null when the row has no cell for this amount. */
  col: number | null;
  /** Set when the amount was recovered from the front of the goal text. */
  recovered: boolean;
  /** 0-based source row when it is not the row's own (a form's amounts stand below its name). */
  row?: number;
}

export interface TextCell {
  col: number;
  text: string;
}

export interface WorkRow {
  /** 0-based index into the grid. */
  index: number;
  kind: RowKind;
  name: string | null;
  nameCol: number | null;
  amounts: Record<AmountRole, AmountSlot>;
  goal: string | null;
  goalCol: number | null;
  indicatorText: string | null;
  indicatorCol: number | null;
  /** The indicator text shares its cell with the goal: text before the list is the goal. */
  mixedCell: boolean;
  drifted: boolean;
  /** 0-based index of the parent row. */
  parent: number | null;
  /** 0-based indexes of continuation rows merged into this one. */
  merged: number[];
  /** Indicators read from an indicator grid (grid lists, forms); packed text is parsed later. */
  indicators: Indicator[] | null;
  /** The unit a grid list names on the project's own row (单位名称). */
  unitName: string | null;
}

/** No merged rows: shared by every row until one is merged (`addMerged`). */
const NO_MERGED: number[] = Object.freeze([]) as unknown as number[];

/** Record that row `index` (0-based) was merged into `row`. */
export function addMerged(row: WorkRow, index: number): void {
  if (row.merged === NO_MERGED) row.merged = [index];
  else row.merged.push(index);
}

/**
 * Each row of a grid as a fresh working row, pushed onto `rows` in order; the rows with any text are
 * given back with their index and cells (a row reader's loop, for the readers that take cells as they are).
 */
export function* filledRows(
  grid: readonly (readonly Cell[])[],
  rows: WorkRow[],
): Generator<[r: number, row: WorkRow, cells: readonly Cell[]]> {
  for (let r = 0; r < grid.length; r++) {
    const row = newRow(r);
    rows.push(row);
    const cells = grid[r] ?? [];
    if (!cells.every((v) => cellText(v).trim() === '')) yield [r, row, cells];
  }
}

/**
 * A row of the grid before anything is known about it. Its amounts are a fresh record to fill
 * in, or a given one (a packed list gives the shared empty record, and replaces it for rows
 * that have cells).
 */
export function newRow(index: number, amounts?: Record<AmountRole, AmountSlot>): WorkRow {
  return {
    index,
    kind: 'blank',
    name: null,
    nameCol: null,
    amounts: amounts ?? { total: NO_SLOT, fiscal: NO_SLOT, specialAccount: NO_SLOT, other: NO_SLOT },
    goal: null,
    goalCol: null,
    indicatorText: null,
    indicatorCol: null,
    mixedCell: false,
    drifted: false,
    parent: null,
    merged: NO_MERGED,
    indicators: null,
    unitName: null,
  };
}

const EMPTY_PARSE: AmountParse = Object.freeze({ kind: 'empty' }) as AmountParse;
/** The slot of an amount the row has no cell for. Shared and frozen: slots are replaced, never mutated. */
export const NO_SLOT: AmountSlot = Object.freeze({ parse: EMPTY_PARSE, col: null, recovered: false });
/** No amounts at all: the record of a blank, title or header row of a packed list. */
export const NO_AMOUNTS: Record<AmountRole, AmountSlot> = Object.freeze({
  total: NO_SLOT,
  fiscal: NO_SLOT,
  specialAccount: NO_SLOT,
  other: NO_SLOT,
});

export function scaledOf(s: AmountSlot): number | null {
  return s.parse.kind === 'value' ? s.parse.scaled : null;
}

export function isBlankCell(v: Cell): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return isBlankText(v);
  return false;
}

const GRAND_TOTAL = /^(?:合计|总计|总合计|合计数|全部合计|总计数)$/;

/** A line of a title block: the table's title, its number, year, unit or the unit that compiled it. */
const TITLE_LINE =
  /绩效目标(?:申报|批复|申报批复)?表|^(?:附)?表[一二三四五六七八九十\d]+$|^\(?\d{4}年度?\)?$|单位:|编制单位|填报单位|金额单位|^第\d+页|^附件\d*$|^附表/;

/** True for text that reads as a line of a title block (`表十二`, `2023年…绩效目标表`, `单位:万元`). */
export function isTitleLine(text: string): boolean {
  return text.length <= 80 && TITLE_LINE.test(normalizeLabel(text));
}

/** The amount columns named by the header, in left-to-right order. */
export function amountColumns(cols: ColumnMap): Array<[AmountRole, number]> {
  const list: Array<[AmountRole, number]> = [];
  for (const role of AMOUNT_ROLES) {
    const c = cols[role];
    if (c !== undefined) list.push([role, c]);
  }
  return list.sort((a, b) => a[1] - b[1]);
}

/** Cheap pre-test for a repeated header row: its first cell names a role. */
const HEADER_WORDS = /名\s*称|[总合]\s*计|预\s*算|金\s*额|资\s*金|拨\s*款|目\s*标|指\s*标/;
export function mayBeHeaderName(v: Cell): boolean {
  return typeof v === 'string' && v.length <= 40 && HEADER_WORDS.test(v) && roleOfLabel(v) !== null;
}
/** 合计 / 总计 and their variants: the label of a grand-total row. */
export function isGrandTotalName(name: string): boolean {
  return name.length <= 12 && name.includes('计') && GRAND_TOTAL.test(normalizeLabel(name));
}
