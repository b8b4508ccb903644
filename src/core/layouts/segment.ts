/**
 * segment.ts — a paste as a sequence of tables, and each table as blocks, before any reader runs.
 *
 * Owns: what each row is by its cells alone (blank, a title line, a header, a note or signature, a
 * numbered heading over a group, a 小计 line, body), where one table ends and the next begins (a new
 * title block, or a header followed by its own 合计, after a body), the blocks of a table as the reading
 * reports them, and the group structure that headings and 小计 lines give a list: a heading names its
 * unit, the 小计 under the group carries the unit's amounts. The readers read a table's body; notes and
 * headings never reach them as rows to read.
 */
import type { BlockKind, TableBlock } from '../contract/model';
import type { Cell, Grid } from '../input/grid';
import { matchHeaderRow, isHeaderLike } from '../input/header';
import { cellText } from '../input/text';
import { AMOUNT_ROLES } from '../contract/roles';
import { addMerged, newRow, type WorkRow } from '../rows/work-row';
import { isFormNameRow, joinSplitLabels } from './form';
import { isGrandTotalName, isNoteText, isTitleLine } from './row-cells';

/** Page furniture a PDF's pages leave in a paste: `第1页`, `共3页`, `- 2 -`. */
const PAGE_MARK = /^(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页|-\s*\d+\s*-|\d+\s*\/\s*\d+)$/;
/** A numbered heading over a group: `一、XX镇人民政府`, `(一)XX中心`. */
const HEADING = /^(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）])\s*(?=\S)/;
/** A group's subtotal line. */
const SUBTOTAL = /^(?:小计|合计小计|本单位小计|单位小计)[:：]?$/;
const NUMBER = /^[\s\d,，.．+\-−—–]*\d[\s\d,，.．]*(?:万元|元|万)?$/;

/** What a row is by its cells alone. */
export type RowClass = 'blank' | 'title' | 'header' | 'note' | 'heading' | 'subtotal' | 'body';

interface RowLook {
  texts: string[];
  numbers: number;
}

function look(row: readonly Cell[] | undefined): RowLook {
  const texts: string[] = [];
  let numbers = 0;
  for (const v of row ?? []) {
    const t = cellText(v).trim();
    if (t === '') continue;
    texts.push(t);
    if (typeof v === 'number' || NUMBER.test(t)) numbers++;
  }
  return { texts, numbers };
}

/** The unit's name in a heading (`一、XX镇人民政府` → `XX镇人民政府`), or null when the text is no heading. */
export function headingName(text: string): string | null {
  const t = text.trim();
  const m = HEADING.exec(t);
  if (m === null) return null;
  const name = t.slice(m[0].length).trim();
  return name === '' ? null : name;
}

export function isSubtotalName(text: string): boolean {
  return SUBTOTAL.test(text.replace(/\s+/g, ''));
}

/** What a row is by its cells alone. */
export function classifyRow(row: readonly Cell[] | undefined): RowClass {
  const { texts, numbers } = look(row);
  if (texts.length === 0) return 'blank';
  const first = texts[0] as string;
  // A page number between two pages of a table is no content.
  if (texts.length === 1 && PAGE_MARK.test(first.replace(/\s+/g, ' '))) return 'blank';
  if (isNoteText(first) && numbers <= 1) return 'note';
  const m = matchHeaderRow(row ?? []);
  if (isHeaderLike(m)) return 'header';
  // A numbered title (`二、乙局项目支出绩效目标表`) is a title, not a heading.
  if (texts.length <= 2 && numbers === 0 && isTitleLine(texts.join(''))) return 'title';
  if (texts.length === 1 && numbers === 0 && headingName(first) !== null) return 'heading';
  if (isSubtotalName(first) && numbers > 0) return 'subtotal';
  return 'body';
}

/** What each row of a paste is, once per run: the segmentation, the readers' groups and the reading's blocks share it. */
export function classifyRows(cells: Grid): RowClass[] {
  return cells.map((row) => classifyRow(row));
}

/**
 * Where each table of a paste begins and ends: [start, end) pairs covering every row. After a body, a
 * title line starts a new table (with the title lines and blank rows just above it), and so does a
 * header whose next row with content is a grand total (a second table pasted without its title).
 * A header repeated at a page break, followed by more rows of the body, continues the table.
 */
export function segmentTables(cells: Grid, classes: readonly RowClass[] = classifyRows(cells)): Array<[number, number]> {
  const cuts: number[] = [0];
  // A table's body has begun once a header stood above rows of it, or a row of it holds a number (a form's
  // amounts): lines of text above the header (`XX市XX局`, `部门名称: …`) are no body.
  let header = false;
  let body = false;
  for (let r = 0; r < cells.length; r++) {
    const kind = classes[r] as RowClass;
    if (kind === 'body' || kind === 'subtotal' || kind === 'heading') {
      if (header || look(cells[r]).numbers > 0) body = true;
      continue;
    }
    if (!body) {
      if (kind === 'header') header = true;
      continue;
    }
    let starts = false;
    if (kind === 'title') starts = beginsTable(cells, classes, r);
    else if (kind === 'header') starts = headerWithTotal(cells, classes, r);
    if (!starts) continue;
    cuts.push(r);
    body = false;
    header = kind === 'header';
  }
  const out: Array<[number, number]> = [];
  for (let k = 0; k < cuts.length; k++) out.push([cuts[k] as number, k + 1 < cuts.length ? (cuts[k + 1] as number) : cells.length]);
  return out;
}

/**
 * A title line after a body begins a new table only when the title block is followed by a header or a form's
 * name row: a unit line repeated at a page top, or a stray line of the body that reads like a title, does not.
 */
function beginsTable(cells: Grid, classes: readonly RowClass[], r: number): boolean {
  let n = r;
  // A block of unit lines alone (`单位:万元` at a page top) is page furniture, unless its header has its own 合计.
  let titled = false;
  while (n < cells.length) {
    const kind = classes[n] as RowClass;
    if (kind !== 'title' && kind !== 'blank') break;
    if (kind === 'title' && !UNIT_LINE.test(look(cells[n]).texts.join('').replace(/\s+/g, ''))) titled = true;
    n++;
  }
  if (n >= cells.length) return false;
  if (isFormNameRow(joinSplitLabels(cells[n] ?? []))) return titled;
  if (classes[n] !== 'header') return false;
  return titled || headerWithTotal(cells, classes, n);
}

/** A header whose next row with content is a grand total (合计): a table of its own. */
function headerWithTotal(cells: Grid, classes: readonly RowClass[], r: number): boolean {
  let n = r + 1;
  while (n < cells.length && classes[n] === 'blank') n++;
  const next = look(cells[n]).texts[0];
  return next !== undefined && isGrandTotalName(next);
}

/** A line that only states the unit of money (`单位:万元`, `金额单位:元`). */
const UNIT_LINE = /^(?:金额|计量)?单位[:：](?:人民币)?(?:万元|元)$/;

/** The rows of a table a list reader must not read as rows: notes and signatures, and numbered headings. */
export function groupRows(classes: readonly RowClass[], start: number, end: number): { notes: number[]; headings: number[] } {
  const notes: number[] = [];
  const headings: number[] = [];
  let body = false;
  let header = false;
  for (let r = start; r < end; r++) {
    const kind = classes[r];
    if (kind === 'body' || kind === 'subtotal') body = true;
    if (kind === 'header') header = true;
    if (kind === 'note') notes.push(r);
    // A heading counts once the table's body has begun or a header stands above it (not a title's numbering).
    else if (kind === 'heading' && (body || header)) headings.push(r);
  }
  return { notes, headings };
}

/** Rows of a table, with these rows blank to the reader. */
export function withoutRows(cells: Grid, rows: readonly number[]): Grid {
  if (rows.length === 0) return cells;
  const set = new Set(rows);
  const empty: readonly Cell[] = [];
  return cells.map((row, r) => (set.has(r) ? empty : row));
}

/** How a group of a list is closed: by a heading above it, a 小计 line below it, or both. */
export interface DeclaredUnit {
  /** 0-based row of the unit (the heading, or the 小计 line when there is none). */
  row: number;
  /** The unit's projects stand after it (a heading) or before it (a 小计 line alone). */
  opens: boolean;
}

/**
 * After a list reader read a table without its notes and headings: notes become title rows, each heading
 * a unit named by it, each 小计 line the amounts of the group's unit (the heading above it, merged into
 * it as a continuation) or, with no heading, a unit itself. Returns the units so declared.
 */
export function applyGroups(
  rows: WorkRow[],
  cells: Grid,
  notes: readonly number[],
  headings: readonly number[],
  start: number,
  end: number,
): DeclaredUnit[] {
  for (const r of notes) {
    const row = newRow(r);
    row.kind = 'title';
    rows[r] = row;
  }
  const declared: DeclaredUnit[] = [];
  const headingSet = new Set(headings);
  let open: WorkRow | null = null;
  for (let r = start; r < end; r++) {
    if (headingSet.has(r)) {
      const texts = (cells[r] ?? []).map((v, c) => [c, cellText(v).trim()] as const).filter(([, t]) => t !== '');
      const [col, text] = texts[0] as readonly [number, string];
      const row = newRow(r);
      row.kind = 'unit';
      row.name = headingName(text);
      row.nameCol = col;
      rows[r] = row;
      open = row;
      declared.push({ row: r, opens: true });
      continue;
    }
    const row = rows[r];
    if (row === undefined || row.kind !== 'project' || row.name === null || !isSubtotalName(row.name)) continue;
    if (open !== null && AMOUNT_ROLES.every((k) => open?.amounts[k].parse.kind === 'empty')) {
      // The heading's unit takes the 小计 line's amounts, each from its own cell.
      const unit = open;
      unit.amounts = { ...row.amounts };
      for (const k of AMOUNT_ROLES) if (row.amounts[k].col !== null) unit.amounts[k] = { ...row.amounts[k], row: r };
      row.kind = 'continuation';
      row.parent = unit.index;
      addMerged(unit, r);
      open = null;
    } else {
      row.kind = 'unit';
      declared.push({ row: r, opens: false });
    }
  }
  return declared;
}

/** The blocks of a table: runs of rows of one kind, for the reading. */
export function blocksOf(
  classes: readonly RowClass[],
  start: number,
  end: number,
  headerRows: readonly number[],
  rows: readonly (WorkRow | undefined)[],
): TableBlock[] {
  const header = new Set(headerRows);
  const out: TableBlock[] = [];
  let seenHeaderOrBody = false;
  for (let r = start; r < end; r++) {
    const cls = classes[r];
    const w = rows[r];
    let kind: BlockKind;
    if (cls === 'blank') kind = 'blank';
    else if (header.has(r)) kind = 'header';
    else if (cls === 'note') kind = 'note';
    else if (w?.kind === 'unit' && cls === 'heading') kind = 'heading';
    else if (cls === 'subtotal' || (w?.kind === 'continuation' && w.name !== null && isSubtotalName(w.name))) kind = 'subtotal';
    else if (!seenHeaderOrBody && (w === undefined || w.kind === 'title' || w.kind === 'blank')) kind = 'title';
    else kind = 'body';
    if (kind === 'header' || kind === 'body') seenHeaderOrBody = true;
    const last = out[out.length - 1];
    if (last !== undefined && last.kind === kind && last.endRow === r) last.endRow = r + 1;
    else out.push({ kind, startRow: r + 1, endRow: r + 1 });
  }
  return out;
}
