/**
 * flags.ts — a run's findings, and the one place they become flags.
 *
 * Owns: collecting findings about rows as the stages make them (which field, which source cell, how
 * severe, what was expected and found, what to say), a finding's place on the sheet, and turning the
 * findings, with the hints that explain some of them, into finished flags of the contract: frozen,
 * made once, never edited after. A finding without a cell of its own points at the column the table's
 * header gives the field, or at the row's name.
 */
import { FLAG_COLUMNS, type Flag, type FlagCode, type FlagColumn, type Hint, type Severity } from '../contract/model';
import { cellAddress } from '../input/grid';
import type { ColumnMap } from '../input/vocabulary';
import type { WorkRow } from '../rows/work-row';
import { type Bilingual, onHiddenCell } from './messages';

export interface Finding {
  row: WorkRow;
  column: FlagColumn;
  /** 0-based source column of the cell; null for the column's default. */
  col: number | null;
  severity: Severity;
  code: FlagCode;
  expected?: number | string | null;
  actual?: number | string | null;
  message: Bilingual;
  /** 0-based source row when the cell is not on the row's own (a form's amounts stand below its name). */
  atRow?: number;
}

/** A cell of the sheet: 1-based row, 0-based column. */
export interface Place {
  row: number;
  col: number;
}

/** What a hint (checks/explain.ts) says about one finding: its cause, and where and how the flag says it. */
export interface HintNote {
  hint: Hint;
  /** The message with the hint said. */
  message: Bilingual;
  /** The cell to fix, when the flag moves there (the figure to change), with that cell's field. */
  at?: Place & { column: FlagColumn };
  /** A severity other than the finding's (a rounding difference is information). */
  severity?: Severity;
  /** The flag whose hint explains this one: fixing that cell clears this mismatch too. */
  explainedBy?: Place;
}

export class Findings {
  readonly list: Finding[] = [];
  private readonly hiddenRows: ReadonlySet<number>;
  private readonly hiddenCols: ReadonlySet<number>;
  /** `hidden`: 0-based rows and columns the user hid and the run counted; a flag there says it is hidden. */
  constructor(
    private readonly cols: ColumnMap,
    hidden?: { rows: readonly number[]; cols: readonly number[] },
  ) {
    this.hiddenRows = new Set(hidden?.rows ?? []);
    this.hiddenCols = new Set(hidden?.cols ?? []);
  }

  /** Records a finding and gives it back (a check keeps it to say which of its sums was flagged). */
  add(f: Finding): Finding {
    this.list.push(f);
    return f;
  }

  /** Where a finding's flag sits on the sheet. */
  placeOf(f: Finding): Place {
    return { row: (f.atRow ?? f.row.index) + 1, col: f.col ?? this.cols[f.column as keyof ColumnMap] ?? f.row.nameCol ?? 0 };
  }

  /** The flags, in the order the findings were made, each with its hint where one explains it. */
  toFlags(hints: ReadonlyMap<Finding, HintNote> = new Map()): Flag[] {
    return this.list.map((f) => {
      const flag = makeFlag(this.placeOf(f), f, hints.get(f));
      if (f.code === 'hidden-cells' || !(this.hiddenRows.has(flag.row - 1) || this.hiddenCols.has(flag.col))) return flag;
      return makeFlag(this.placeOf(f), { ...f, message: onHiddenCell(f.message) }, hidden(hints.get(f)));
    });
  }
}

/** A finished flag: a finding at its place, with its hint's changes, frozen. */
export function makeFlag(place: Place, f: Omit<Finding, 'row'>, note?: HintNote): Flag {
  const at = note?.at ?? place;
  const flag: Flag = {
    row: at.row,
    column: note?.at?.column ?? f.column,
    cell: cellAddress(at.row, at.col),
    col: at.col,
    severity: note?.severity ?? f.severity,
    code: f.code,
    expected: f.expected ?? null,
    actual: f.actual ?? null,
    message: note?.message ?? f.message,
  };
  if (note !== undefined) {
    flag.hint = note.hint;
    if (note.explainedBy !== undefined)
      flag.explainedBy = { ...note.explainedBy, cell: cellAddress(note.explainedBy.row, note.explainedBy.col) };
  }
  return Object.freeze(flag);
}

/** Flags in the order of the sheet: by row, then by the field's place in the contract, then by column. */
export function byPlace(a: Flag, b: Flag): number {
  return a.row - b.row || FLAG_COLUMNS.indexOf(a.column) - FLAG_COLUMNS.indexOf(b.column) || a.col - b.col;
}

export function severityCounts(flags: readonly Flag[]): { errors: number; warnings: number; infos: number } {
  const count = (s: Flag['severity']) => flags.filter((f) => f.severity === s).length;
  return { errors: count('error'), warnings: count('warning'), infos: count('info') };
}

/** A hint's note with its message saying that the cell is hidden. */
function hidden(note: HintNote | undefined): HintNote | undefined {
  return note === undefined ? undefined : { ...note, message: onHiddenCell(note.message) };
}
