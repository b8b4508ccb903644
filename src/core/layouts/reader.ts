/**
 * reader.ts — the one interface every layout reader implements.
 *
 * Owns: what a reader is given (the cells, what a first look at the table found, the run's shared
 * state) and what it gives back (the shared row record of rows.ts, the columns it read them by, and
 * its header row). Adding a layout means adding one reader and its entry in `READERS`.
 */
import type { Grid } from '../input/grid';
import { HeaderMatch, headerFields } from '../input/header';
import type { ColumnMap } from '../input/vocabulary';
import type { Bilingual } from '../findings/messages';
import type { RunCache } from '../indicators/intern';
import type { FieldReading, FlagCode, FlagColumn, Severity } from '../contract/model';
import type { WorkRow } from '../rows/work-row';

/** Something a reader noticed about a row (a name joined from the row below, a repeated table). */
export interface ReadFinding {
  row: WorkRow;
  column: FlagColumn;
  col: number | null;
  severity: Severity;
  code: FlagCode;
  message: Bilingual;
  /** 0-based row of the cell, when it is not the row's own. */
  atRow?: number;
}

/** What a first look at the table found, shared by every reader's `detect`. */
export interface Survey {
  /** The best header-like row among the first rows, or null. */
  header: HeaderMatch | null;
  /** 0-based row of the first form name row (`项目名称 | …`) among the first rows, or -1. */
  formRow: number;
  /** The first list header (a name and an amount column), which may precede the header above (a list, then a form). */
  listHeader: HeaderMatch | null;
  /** How many indentations the header's name column has below it (a tree export has three or more). */
  indents: number;
}

/** The state of one Normalize run that a reader may use. */
export interface ReadContext {
  cache: RunCache;
  /** Form keys the user gave a role, by their label as compared (`labelKey`). */
  keyRoles?: Readonly<Record<string, string>>;
}

export interface ReadResult {
  rows: WorkRow[];
  /** The columns the rows were read by (empty for forms, whose fields are found by their labels). */
  columns: ColumnMap;
  /** 0-based header row, or null. */
  headerRow: number | null;
  /** The layout reads by a header and none was found: the default column order was assumed. */
  headerMissing: boolean;
  /** 0-based header rows (a two-row header has two). */
  headerRows: number[];
  /** Each column or form key, with the role it was given and why. */
  fields: FieldReading[];
  /** 0-based rows with content the reader could not place. */
  unread: number[];
  findings: ReadFinding[];
  /** Where each table of the paste starts (0-based), when there is more than one. */
  tables?: TableStart[];
  /** Units the rows themselves declare (a tree's indentation): the hierarchy takes them as given. */
  declared?: Array<{ row: number; opens: boolean }>;
}

/** A table of the paste: its first row and, when it repeats an earlier one, that one's first row (0-based). */
export interface TableStart {
  start: number;
  repeatOf: number | null;
}

export interface LayoutReader {
  /** How well the table fits this layout: 0 not at all; the highest score wins. */
  detect(survey: Survey): number;
  read(cells: Grid, survey: Survey, ctx: ReadContext): ReadResult;
}

/** What a reader that reads by a header gives back: its rows, the header's columns and rows, and each header cell as read. */
export function readByHeader(cells: Grid, header: HeaderMatch, read: { rows: WorkRow[]; unread: number[] }): ReadResult {
  return {
    rows: read.rows,
    columns: header.columns,
    headerRow: header.row,
    headerMissing: false,
    headerRows: header.rows,
    fields: headerFields(cells, header),
    unread: read.unread,
    findings: [],
  };
}
