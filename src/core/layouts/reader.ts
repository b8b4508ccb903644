/**
 * reader.ts — the one interface every layout reader implements.
 *
 * Owns: what a reader is given (the cells, what a first look at the table found, the run's shared
 * state) and what it gives back (the shared row record of rows.ts, the columns it read them by, and
 * its header row). Adding a layout means adding one reader and its entry in `READERS`.
 */
import type { Grid } from '../input/grid';
import type { HeaderMatch } from '../input/header';
import type { ColumnMap } from '../input/vocabulary';
import type { RunCache } from '../indicators/intern';
import type { WorkRow } from './rows';

/** What a first look at the table found, shared by every reader's `detect`. */
export interface Survey {
  /** The best header-like row among the first rows, or null. */
  header: HeaderMatch | null;
  /** 0-based row of the first form name row (`项目名称 | …`) among the first rows, or -1. */
  formRow: number;
}

/** The state of one Normalize run that a reader may use. */
export interface ReadContext {
  cache: RunCache;
}

export interface ReadResult {
  rows: WorkRow[];
  /** The columns the rows were read by (empty for forms, whose fields are found by their labels). */
  columns: ColumnMap;
  /** 0-based header row, or null. */
  headerRow: number | null;
  /** The layout reads by a header and none was found: the default column order was assumed. */
  headerMissing: boolean;
}

export interface LayoutReader {
  /** How well the table fits this layout: 0 not at all; the highest score wins. */
  detect(survey: Survey): number;
  read(cells: Grid, survey: Survey, ctx: ReadContext): ReadResult;
}
