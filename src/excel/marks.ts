/**
 * marks.ts — the add-in's marks on the user's sheet: fills and notes, written, recognised and taken back.
 *
 * Owns: which notes and comments are the add-in's (they start with its name in either language),
 * what a marked cell held before (its fill — No Fill told from a white fill by `tintAndShade`, which is
 * null for No Fill (office-js #4900), where `color` is #FFFFFF for both (#6218) — and the user's own note),
 * reading that in blocks with `getCellProperties`, the user's threaded comments on the sheet (a cell holds
 * a note or a threaded comment, not both: a flagged cell with the user's comment gets its fill only),
 * writing the marks (one `getRanges` call per colour, address lists under 8,192 characters), and
 * restoring cells as they were.
 *
 * Notes need ExcelApi 1.18. Hosts without them (1.9–1.17) get fills only: a threaded comment is a
 * conversation in the user's name, such a host cannot see whether a cell holds a note (which would refuse
 * the comment), and some builds that report 1.10 throw NotImplemented on comments (office-js #1847). The
 * comments earlier versions wrote on those hosts are still found and removed where the host can reach them.
 */
import { PlanMark, strings } from '../core';
import { addressLists, Batch, valueBytes } from './request-size';
import { LIMITS } from './host';
import type { MarkState } from './store';

export type NotesApi = 'note' | 'none';

/** What the host offers: notes (1.18), comments (1.10, to find the user's and remove an earlier version's). */
export interface MarkApis {
  notes: boolean;
  comments: boolean;
}

/** True for a note the add-in wrote (it starts with the add-in's name in either language). */
export function isOurNote(s: string | null | undefined): boolean {
  return typeof s === 'string' && (s.startsWith(strings('zh').notePrefix) || s.startsWith(strings('en').notePrefix));
}

/** The note on a marked cell is still what the add-in wrote: its own, or the user's original followed by its own. */
export function noteIsOurs(current: string | null | undefined, original: string | null): boolean {
  if (typeof current !== 'string') return false;
  if (original === null) return isOurNote(current);
  return current.startsWith(`${original}\n\n`) && isOurNote(current.slice(original.length + 2));
}

/** Queue loading the notes at some addresses (at most a request's worth); the result is read after the next sync. */
export function queueNotes(sheet: Excel.Worksheet, addresses: readonly string[]): () => Map<string, string | null> {
  const items = addresses.map((a) => {
    const n = sheet.notes.getItemOrNullObject(a);
    n.load('content');
    return [a, n] as const;
  });
  return () => new Map(items.map(([a, n]) => [a, n.isNullObject ? null : n.content]));
}

/** Load the notes at some addresses, a block of them per request. */
export async function loadNotes(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  addresses: readonly string[],
): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (let i = 0; i < addresses.length; i += LIMITS.marksPerRequest) {
    const items = addresses.slice(i, i + LIMITS.marksPerRequest).map((a) => {
      const n = sheet.notes.getItemOrNullObject(a);
      n.load('content');
      return [a, n] as const;
    });
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- budgeted: one request per 4,000 notes, so a response stays small.
    await context.sync();
    for (const [a, n] of items) out.set(a, n.isNullObject ? null : n.content);
  }
  return out;
}

/** Comments whose cells are listed per request: a cell address each, a few dozen bytes. */
const COMMENTS_PER_REQUEST = 2_000;

/**
 * The cells of a sheet's threaded comments, by address, with the comments' positions (`count` from
 * `comments.getCount()`): their locations only, a page of them per request, never their text.
 */
export async function commentCells(context: Excel.RequestContext, sheet: Excel.Worksheet, count: number): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < count; i += COMMENTS_PER_REQUEST) {
    const page = Array.from({ length: Math.min(COMMENTS_PER_REQUEST, count - i) }, (_, k) => {
      const where = sheet.comments.getItemAt(i + k).getLocation();
      where.load('address');
      return where;
    });
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- budgeted: 2,000 addresses a request.
    await context.sync();
    page.forEach((where, k) => {
      const a = where.address;
      out.set(a.slice(a.lastIndexOf('!') + 1).replace(/\$/g, ''), i + k);
      where.untrack();
    });
  }
  return out;
}

/** How many threaded comments a sheet has (one request). */
export async function commentCount(context: Excel.RequestContext, sheet: Excel.Worksheet): Promise<number> {
  const result = { count: sheet.comments.getCount() };
  await context.sync();
  return result.count.value;
}

/** The text of the comments at some positions (those an earlier version may have written: bounded by its record). */
export async function commentTexts(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  at: ReadonlyMap<string, number>,
): Promise<Map<string, string>> {
  const items = [...at].map(([address, i]) => {
    const c = sheet.comments.getItemAt(i);
    c.load('content');
    return [address, c] as const;
  });
  if (items.length > 0) await context.sync();
  return new Map(items.map(([a, c]) => [a, c.content]));
}

interface FillBlock {
  col: number;
  r0: number;
  rows: number;
  list: Array<{ row: number; address: string }>;
}

/** About 60 bytes of response per cell read; half of Excel on the web's 5 MB limit per request. */
const FILL_ROWS_PER_REQUEST = Math.floor(LIMITS.maxResponseBytes / 2 / 60);

/** The column blocks that hold some cells (0-based sheet row and column): one per column, split by rows. */
function fillBlocks(cells: ReadonlyArray<{ row: number; col: number; address: string }>): FillBlock[] {
  const byCol = new Map<number, Array<{ row: number; address: string }>>();
  for (const c of cells) {
    const list = byCol.get(c.col);
    if (list) list.push(c);
    else byCol.set(c.col, [c]);
  }
  const blocks: FillBlock[] = [];
  for (const [col, list] of byCol) {
    list.sort((a, b) => a.row - b.row);
    let i = 0;
    while (i < list.length) {
      const r0 = (list[i] as { row: number }).row;
      let j = i;
      while (j < list.length && (list[j] as { row: number }).row - r0 < FILL_ROWS_PER_REQUEST) j++;
      const rows = (list[j - 1] as { row: number }).row - r0 + 1;
      blocks.push({ col, r0, rows, list: list.slice(i, j) });
      i = j;
    }
  }
  return blocks;
}

type PendingFill = { props: OfficeExtension.ClientResult<Excel.CellProperties[][]>; range: Excel.Range; block: FillBlock };

function queueBlock(sheet: Excel.Worksheet, block: FillBlock): PendingFill {
  const range = sheet.getRangeByIndexes(block.r0, block.col, block.rows, 1);
  return { props: range.getCellProperties({ format: { fill: { color: true, tintAndShade: true } } }), range, block };
}

/** A cell's fill: its colour, or null for No Fill (`tintAndShade` null; white reads #FFFFFF either way). */
function fillOf(p: Excel.CellProperties | undefined): string | null {
  const fill = p?.format?.fill;
  if (fill === undefined || fill.tintAndShade === null || fill.tintAndShade === undefined) return null;
  return fill.color ?? null;
}

function collectFills(pending: readonly PendingFill[], out: Map<string, string | null>): void {
  for (const { props, range, block } of pending) {
    for (const c of block.list) out.set(c.address, fillOf(props.value[c.row - block.r0]?.[0]));
    range.untrack();
  }
}

/**
 * Queue reading the fills of some cells with `getCellProperties` over the column blocks that hold
 * them, when they fit one request (`complete`); the result is read after the next sync.
 */
export function queueFills(
  sheet: Excel.Worksheet,
  cells: ReadonlyArray<{ row: number; col: number; address: string }>,
): { complete: boolean; collect(): Map<string, string | null> } {
  const blocks = fillBlocks(cells);
  const rows = blocks.reduce((n, b) => n + b.rows, 0);
  if (rows > FILL_ROWS_PER_REQUEST) return { complete: false, collect: () => new Map() };
  const pending = blocks.map((b) => queueBlock(sheet, b));
  return {
    complete: true,
    collect: () => {
      const out = new Map<string, string | null>();
      collectFills(pending, out);
      return out;
    },
  };
}

/** The fill of each cell at `cells` (null: No Fill), over as many requests as their blocks need; proxies untracked once read. */
export async function loadFills(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  cells: ReadonlyArray<{ row: number; col: number; address: string }>,
): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  let pending: PendingFill[] = [];
  let rows = 0;
  for (const block of fillBlocks(cells)) {
    if (rows > 0 && rows + block.rows > FILL_ROWS_PER_REQUEST) {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- budgeted: one request per block of fills, so a response stays small.
      await context.sync();
      collectFills(pending, out);
      pending = [];
      rows = 0;
    }
    pending.push(queueBlock(sheet, block));
    rows += block.rows;
  }
  if (pending.length > 0) {
    await context.sync();
    collectFills(pending, out);
  }
  return out;
}

/** Queue putting a marked cell back as it was: its fill (unless already back), and its note if the note is still ours (where the host has notes). */
export function queueRestore(sheet: Excel.Worksheet, m: MarkState, currentNote: string | null | undefined, apis: MarkApis): void {
  if (m.restored !== true) {
    const range = sheet.getRange(m.address);
    if (m.fill === null) range.format.fill.clear();
    else range.format.fill.color = m.fill;
  }
  if (apis.notes && m.note.kind === 'note' && noteIsOurs(currentNote, m.note.original)) {
    if (m.note.original === null) sheet.notes.getItem(m.address).delete();
    else sheet.notes.getItem(m.address).content = m.note.original;
  }
}

/**
 * Queue the marks: one fill per colour over address lists under the limit, and a note per cell where the
 * host has notes and the cell holds no threaded comment of the user's. Returns what each cell held before, for Clear.
 */
export async function queueMarks(
  batch: Batch,
  sheet: Excel.Worksheet,
  marks: readonly PlanMark[],
  before: {
    fill(m: PlanMark): string | null;
    note(m: PlanMark): string | null;
    oldOriginal(m: PlanMark): string | null | undefined;
    userComment(m: PlanMark): boolean;
  },
  api: NotesApi,
): Promise<MarkState[]> {
  const byFill = new Map<string, string[]>();
  for (const m of marks) {
    const list = byFill.get(m.fill);
    if (list) list.push(m.address);
    else byFill.set(m.fill, [m.address]);
  }
  for (const [fill, addresses] of byFill) {
    for (const list of addressLists(addresses)) {
      await batch.reserve(list.length + 100);
      sheet.getRanges(list).format.fill.color = fill;
    }
  }
  const out: MarkState[] = [];
  for (const m of marks) {
    let note: MarkState['note'] = { kind: 'none', original: null, commentId: null };
    if (api === 'note' && !before.userComment(m)) {
      await batch.reserve(valueBytes(m.note) + 200);
      const current = before.note(m);
      const old = before.oldOriginal(m);
      // The user's own note, if any, is kept: before this run's (re-run) or as found.
      const original = old !== undefined ? old : isOurNote(current) ? null : current;
      if (current === null) sheet.notes.add(m.address, m.note);
      else sheet.notes.getItem(m.address).content = original === null ? m.note : `${original}\n\n${m.note}`;
      note = { kind: 'note', original, commentId: null };
    }
    out.push({ address: m.address, fill: before.fill(m), note });
  }
  return out;
}
