/**
 * work-row.ts — the row record every layout reader produces and the later stages (hierarchy,
 * indicators, checks) work on.
 *
 * Owns: the working row (its kind, name, amounts with their source cells, goal, indicator text or
 * indicators, parent and merged rows), the shared empty values rows start with, and a reader's loop
 * over the rows with text.
 */
import type { AmountParse } from '../input/amount';
import type { Cell } from '../input/grid';
import type { AmountRole } from '../contract/roles';
import type { Indicator, RowKind } from '../contract/model';
import { cellText } from '../input/text';

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
