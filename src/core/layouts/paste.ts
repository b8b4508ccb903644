/**
 * paste.ts — a paste as one or more tables, each read by its layout's reader.
 *
 * Owns: splitting a paste where a second table of another layout follows the first (an allocation
 * list, then one form for the whole fund), reading each part with the reader of its layout, and
 * joining the parts back into one list of rows whose indexes are the sheet's. A layout the user
 * states applies to the whole paste, which is then one table.
 */
import type { Cell, Grid } from '../input/grid';
import { cellText } from '../input/text';
import { bestLayout, detectLayout } from './detect';
import { READERS } from './index';
import type { Layout } from '../contract/layouts';
import type { ReadContext, ReadResult } from './reader';
import type { Mapping } from '../contract/mapping';
import { mappedHeader } from './mapping';
import { isTitleLine } from './row-cells';

/** One table of the paste: its rows [start, end), its layout, what its reader read, and the table it repeats. */
export interface TablePart {
  start: number;
  end: number;
  layout: Layout;
  /** True when the layout was detected from the cells rather than stated. */
  detected: boolean;
  read: ReadResult;
  repeatOf: number | null;
}

/** The cells of rows [start, end) in place, every other row empty, so that row indexes stay the sheet's. */
function only(cells: Grid, start: number, end: number): Grid {
  const empty: readonly Cell[] = [];
  return cells.map((row, r) => (r >= start && r < end ? row : empty));
}

/**
 * Where a form follows a list: the first form name row below the list's data, moved up over the
 * title lines just above it (`2024年…资金绩效目标表`, `单位:万元`). -1 when there is none.
 */
function formAfterList(cells: Grid, formRow: number): number {
  let start = formRow;
  while (start - 1 >= 0) {
    const text = (cells[start - 1] ?? []).map((v) => cellText(v)).join('');
    if (text.trim() !== '' && !isTitleLine(text)) break;
    start--;
  }
  return start;
}

export function readPaste(cells: Grid, stated: Layout | 'auto', ctx: ReadContext, mapping?: Mapping): TablePart[] {
  const guess = detectLayout(cells);
  if (mapping !== undefined) {
    // A corrected reading: the header (rows and columns) as mapped, the layout as stated or as the
    // mapped header now shows it; one table.
    const mapsHeader = mapping.headerRows !== undefined || Object.keys(mapping.columns).length > 0;
    const survey = mapsHeader ? { ...guess.survey, header: mappedHeader(cells, guess.survey.header, mapping) } : guess.survey;
    const layout = mapping.layout ?? (stated !== 'auto' ? stated : mapsHeader ? bestLayout(survey) : guess.layout);
    const read = READERS[layout].read(cells, survey, { ...ctx, keyRoles: mapping.keys });
    return expand({
      start: 0,
      end: cells.length,
      layout,
      detected: mapping.layout === undefined && stated === 'auto',
      read,
      repeatOf: null,
    });
  }
  if (stated !== 'auto')
    return expand({
      start: 0,
      end: cells.length,
      layout: stated,
      detected: false,
      read: READERS[stated].read(cells, guess.survey, ctx),
      repeatOf: null,
    });
  const { listHeader, formRow } = guess.survey;
  const listFirst = listHeader !== null && formRow > listHeader.row + 1;
  if (!listFirst)
    return expand({
      start: 0,
      end: cells.length,
      layout: guess.layout,
      detected: true,
      read: READERS[guess.layout].read(cells, guess.survey, ctx),
      repeatOf: null,
    });
  // An allocation list, then a form for the whole fund: two tables, read apart.
  const split = formAfterList(cells, formRow);
  const parts: TablePart[] = [];
  for (const [start, end] of [
    [0, split],
    [split, cells.length],
  ] as const) {
    const part = only(cells, start, end);
    const g = detectLayout(part);
    parts.push(
      ...expand({ start, end, layout: g.layout, detected: true, read: READERS[g.layout].read(part, g.survey, ctx), repeatOf: null }),
    );
  }
  return parts;
}

/** A part whose reader found the same table pasted twice becomes one part per copy. */
function expand(p: TablePart): TablePart[] {
  const tables = p.read.tables;
  if (tables === undefined || tables.length < 2) return [p];
  return tables.map((t, i) => ({
    ...p,
    start: i === 0 ? p.start : t.start,
    end: i + 1 < tables.length ? (tables[i + 1] as { start: number }).start : p.end,
    repeatOf: t.repeatOf,
  }));
}

/** The rows of every part, as one list indexed by sheet row. */
export function joinRows(parts: readonly TablePart[], length: number): ReadResult['rows'] {
  const out: ReadResult['rows'] = new Array(length);
  for (const p of parts) for (let r = p.start; r < p.end; r++) out[r] = p.read.rows[r] as ReadResult['rows'][number];
  return out;
}
