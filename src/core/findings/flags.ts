/**
 * flags.ts — where the findings of a run are collected.
 *
 * Owns: turning a finding about a row (which field, which source cell, how severe, what was expected
 * and found, what to say) into a flag of the contract, with its sheet row and A1 address. A finding
 * without a cell of its own points at the column the table's header gives the field, or at the
 * row's name.
 */
import { cellAddress } from '../input/grid';
import type { ColumnMap } from '../input/vocabulary';
import type { WorkRow } from '../rows/work-row';
import type { Flag, FlagCode, FlagColumn, Severity } from '../contract/model';
import type { Bilingual } from './messages';

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

export class FlagSink {
  readonly flags: Flag[] = [];
  constructor(private readonly cols: ColumnMap) {}

  add(f: Finding): void {
    const c = f.col ?? this.cols[f.column as keyof ColumnMap] ?? f.row.nameCol ?? 0;
    const r = (f.atRow ?? f.row.index) + 1;
    this.flags.push({
      row: r,
      column: f.column,
      cell: cellAddress(r, c),
      col: c,
      severity: f.severity,
      code: f.code,
      expected: f.expected ?? null,
      actual: f.actual ?? null,
      message: f.message,
    });
  }
}
