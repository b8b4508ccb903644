/**
 * paste.ts — a paste as one or more tables, each read by its layout's reader.
 *
 * Owns: reading each table of a paste (segment.ts finds them) with the reader of its layout, splitting a
 * table where a second table of another layout follows the first (an allocation list, then one form for
 * the whole fund), and joining the parts back into one list of rows whose indexes are the sheet's. A
 * layout the user states applies to every table; a mapping makes the paste one table.
 */
import type { Cell, Grid } from '../input/grid';
import { cellText } from '../input/text';
import { bestLayout, detectLayout } from './detect';
import { READERS } from './index';
import type { Layout } from '../contract/layouts';
import type { ReadContext, ReadResult, Survey } from './reader';
import { attachEntityTargets } from './entity-targets';
import { applyGroups, classifyRows, type DeclaredUnit, groupRows, type RowClass, segmentTables, withoutRows } from './segment';
import type { Mapping } from '../contract/mapping';
import { impliedLayout, mappedHeader } from './mapping';
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
  /** Units its headings and 小计 lines declare (0-based rows), which the hierarchy takes as given. */
  declared: DeclaredUnit[];
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

/** `classes`: what each row is (segment.ts), when the caller has them already. */
export function readPaste(
  cells: Grid,
  stated: Layout | 'auto',
  ctx: ReadContext,
  mapping?: Mapping,
  classes: readonly RowClass[] = classifyRows(cells),
): TablePart[] {
  if (mapping !== undefined) {
    // A corrected reading: the header (rows and columns) as mapped, the layout as stated or as the
    // mapped header now shows it; one table.
    const guess = detectLayout(cells);
    const mapsHeader = mapping.headerRows !== undefined || Object.keys(mapping.columns).length > 0;
    const survey = mapsHeader ? { ...guess.survey, header: mappedHeader(cells, guess.survey.header, mapping) } : guess.survey;
    // A mapping implies what it does not state: an indicators column a packed list, level columns a grid, keys a form.
    const layout =
      mapping.layout ?? (stated !== 'auto' ? stated : (impliedLayout(mapping) ?? (mapsHeader ? bestLayout(survey) : guess.layout)));
    return readPart(cells, classes, 0, cells.length, layout, mapping.layout === undefined && stated === 'auto', survey, {
      ...ctx,
      keyRoles: mapping.keys,
    });
  }
  // Each table of the paste on its own: a new title block, or a header with its own 合计, after a body.
  const tables = segmentTables(cells, classes);
  const parts: TablePart[] = [];
  const seen: Array<{ start: number; text: string }> = [];
  for (const [start, end] of tables) {
    const read = readTable(tables.length === 1 ? cells : only(cells, start, end), classes, start, end, stated, ctx);
    // The same table pasted twice: the copy is said, and never summed with the first.
    const text = tableText(cells, start, end);
    const first = seen.find((t) => t.text === text);
    if (first !== undefined) for (const p of read) if (p.repeatOf === null) p.repeatOf = first.start;
    seen.push({ start, text });
    parts.push(...read);
  }
  // Targets per entity (a village column in a fund's form) go to the list's projects they name.
  attachEntityTargets(cells, parts, ctx.cache);
  return parts;
}

/** A table's rows with content, as text: two pastes of one table have the same. */
function tableText(cells: Grid, start: number, end: number): string {
  const lines: string[] = [];
  for (let r = start; r < end; r++) {
    const line = (cells[r] ?? [])
      .map((v) => cellText(v).trim())
      .join('\t')
      .replace(/\t+$/, '');
    if (line.replace(/\t/g, '') !== '') lines.push(line.replace(/^\t+/, ''));
  }
  return lines.join('\n');
}

/** One table of the paste, rows [start, end): by the stated layout, or as detected (a list, then a form, read apart). */
function readTable(
  cells: Grid,
  classes: readonly RowClass[],
  start: number,
  end: number,
  stated: Layout | 'auto',
  ctx: ReadContext,
): TablePart[] {
  const guess = detectLayout(cells);
  if (stated !== 'auto') return readPart(cells, classes, start, end, stated, false, guess.survey, ctx);
  const { listHeader, formRow } = guess.survey;
  const listFirst = listHeader !== null && formRow > listHeader.row + 1;
  if (!listFirst) return readPart(cells, classes, start, end, guess.layout, true, guess.survey, ctx);
  // An allocation list, then a form for the whole fund: two tables, read apart.
  const split = formAfterList(cells, formRow);
  const parts: TablePart[] = [];
  for (const [from, to] of [
    [start, split],
    [split, end],
  ] as const) {
    const part = only(cells, from, to);
    const g = detectLayout(part);
    parts.push(...readPart(part, classes, from, to, g.layout, true, g.survey, ctx));
  }
  return parts;
}

/**
 * One part read by its layout's reader. A list is read without its notes and numbered headings, which
 * then become title rows and units, and its 小计 lines the amounts of their groups' units.
 */
function readPart(
  cells: Grid,
  classes: readonly RowClass[],
  start: number,
  end: number,
  layout: Layout,
  detected: boolean,
  survey: Survey,
  ctx: ReadContext,
): TablePart[] {
  const list = layout === 'packed' || layout === 'grid';
  const groups = list ? groupRows(classes, start, end) : { notes: [], headings: [] };
  const read = READERS[layout].read(withoutRows(cells, [...groups.notes, ...groups.headings]), survey, ctx);
  const declared = list ? applyGroups(read.rows, cells, groups.notes, groups.headings, start, end) : (read.declared ?? []);
  return expand({ start, end, layout, detected, read, repeatOf: null, declared });
}

/** A part whose reader found the same table pasted twice becomes one part per copy. */
function expand(p: TablePart): TablePart[] {
  const tables = p.read.tables;
  if (tables === undefined || tables.length < 2) return [p];
  return tables.map((t, i) => {
    const start = i === 0 ? p.start : t.start;
    const end = i + 1 < tables.length ? (tables[i + 1] as { start: number }).start : p.end;
    return { ...p, start, end, repeatOf: t.repeatOf, declared: p.declared.filter((d) => d.row >= start && d.row < end) };
  });
}

/** The rows of every part, as one list indexed by sheet row. */
export function joinRows(parts: readonly TablePart[], length: number): ReadResult['rows'] {
  const out: ReadResult['rows'] = new Array(length);
  for (const p of parts) for (let r = p.start; r < p.end; r++) out[r] = p.read.rows[r] as ReadResult['rows'][number];
  return out;
}
