/**
 * apply.ts — a workbook plan applied through Office.js.
 *
 * Owns: replacing the add-in's previous output (its own sheets, recognised by their tag; its
 * own marks, restored from the state it saved), writing the plan's sheets as Excel tables with
 * text columns formatted as text (so that no value becomes a formula), marking the user's cells
 * with one `getRanges` call per colour (address lists under 8,192 characters) and a note each,
 * and saving what is needed to undo the marks. Requests stay under 4 MB; a plan that fits one
 * request is written with one `context.sync()`.
 */
import { columnLetter } from '../core/input/grid';
import { strings } from '../core/output/i18n';
import { PlanMark, PlanSheet, PlanValue, sheetPrefix, TEXT_FORMAT, WorkbookPlan } from '../core/output/plan';
import { LIMITS } from './host';
import { ReadResult, SHEET_TAG, type Probe } from './selection';
import { AddinState, MarkState, STATE_SHEET, stateToCells } from './state';

export type NotesApi = 'note' | 'comment' | 'none';

export interface ApplyContext {
  probe: Probe;
  read: ReadResult;
  oldState: AddinState | null;
  notesApi: NotesApi;
  /** Worksheet custom properties (ExcelApi 1.12) tag the add-in's sheets. */
  tagsApi: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface ApplyResult {
  state: AddinState;
  sheetNames: Partial<Record<PlanSheet['role'], string>>;
  marksWritten: boolean;
}

/** Approximate size of a value in a request, in bytes (JSON, UTF-8). */
export function valueBytes(v: unknown): number {
  if (v === null || v === undefined) return 4;
  if (typeof v === 'number' || typeof v === 'boolean') return 12;
  const s = String(v);
  let n = 3;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // JSON escapes quotes, backslashes and control characters.
    n += c === 0x22 || c === 0x5c ? 2 : c < 0x20 ? 6 : c < 0x80 ? 1 : 3;
  }
  return n;
}

/** Split addresses into comma-joined lists no longer than `max` characters. */
export function addressLists(addresses: string[], max: number = LIMITS.maxAddressChars): string[] {
  const out: string[] = [];
  let cur = '';
  for (const a of addresses) {
    if (cur !== '' && cur.length + 1 + a.length > max) {
      out.push(cur);
      cur = '';
    }
    cur = cur === '' ? a : `${cur},${a}`;
  }
  if (cur !== '') out.push(cur);
  return out;
}

/** A plan value as Excel `values` input: the plan's formulas as `=…`, everything else as is. */
function toExcel(v: PlanValue): string | number | boolean {
  if (v === null) return '';
  if (typeof v === 'object') return `=${v.formula}`;
  return v;
}

/** Counts the bytes queued for the next request and syncs before they would pass the limit. */
export class Batch {
  bytes = 0;
  constructor(private readonly context: Excel.RequestContext) {}
  async reserve(bytes: number): Promise<void> {
    if (this.bytes > 0 && this.bytes + bytes > LIMITS.maxRequestBytes) await this.flush();
    this.bytes += bytes;
  }
  async flush(): Promise<void> {
    await this.context.sync();
    this.bytes = 0;
  }
}

function uniqueName(preferred: string, taken: Set<string>): string {
  const lower = new Set([...taken].map((t) => t.toLowerCase()));
  if (!lower.has(preferred.toLowerCase())) return preferred;
  for (let k = 2; ; k++) {
    const name = `${preferred} (${k})`;
    if (!lower.has(name.toLowerCase())) return name;
  }
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

/** Queue putting a marked cell back as it was: its fill, and its note if the note is still ours. */
export function queueRestore(sheet: Excel.Worksheet, m: MarkState, currentNote: string | null | undefined): void {
  const range = sheet.getRange(m.address);
  if (m.fill === null) range.format.fill.clear();
  else range.format.fill.color = m.fill;
  if (m.note.kind === 'note' && noteIsOurs(currentNote, m.note.original)) {
    if (m.note.original === null) sheet.notes.getItem(m.address).delete();
    else sheet.notes.getItem(m.address).content = m.note.original;
  }
}

/** Load the notes at some addresses; one request. */
export async function loadNotes(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  addresses: string[],
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

/** The comments on a sheet, by cell address (two requests: the comments, then their cells). */
export async function commentsOn(
  context: Excel.RequestContext,
  sheetName: string,
): Promise<Map<string, { content: string; comment: Excel.Comment }>> {
  const all = context.workbook.comments;
  all.load('items/content');
  await context.sync();
  const located = all.items.map((c) => {
    const where = c.getLocation();
    where.load('address');
    return [c, where] as const;
  });
  const out = new Map<string, { content: string; comment: Excel.Comment }>();
  if (located.length === 0) return out;
  await context.sync();
  const prefix = sheetPrefix(sheetName);
  for (const [c, where] of located) {
    const address = where.address;
    const bang = address.lastIndexOf('!');
    const sheetPart = address.slice(0, bang + 1);
    if (sheetPart === prefix || sheetPart === `${sheetName}!`)
      out.set(address.slice(bang + 1).replace(/\$/g, ''), { content: c.content, comment: c });
  }
  return out;
}

/** Fill colours at some addresses, for a large table whose fills were not read with its values. */
async function loadFills(context: Excel.RequestContext, sheet: Excel.Worksheet, addresses: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < addresses.length; i += LIMITS.marksPerRequest) {
    const items = addresses.slice(i, i + LIMITS.marksPerRequest).map((a) => {
      const r = sheet.getRange(a);
      r.format.fill.load('color');
      return [a, r] as const;
    });
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- budgeted: one request per 4,000 fills, so a response stays small.
    await context.sync();
    for (const [a, r] of items) out.set(a, r.format.fill.color);
  }
  return out;
}

const noFill = (color: string | null | undefined): boolean => color === null || color === undefined || color.toUpperCase() === '#FFFFFF';

async function writeSheet(
  batch: Batch,
  context: Excel.RequestContext,
  sheet: PlanSheet,
  name: string,
  tagsApi: boolean,
  onRows: (n: number) => void,
): Promise<Excel.Worksheet> {
  const ws = context.workbook.worksheets.add(name);
  if (tagsApi) ws.customProperties.add(SHEET_TAG, sheet.role);
  const width = sheet.columns.length;
  const last = columnLetter(width - 1);
  const rows = sheet.rows.length + 1;
  await batch.reserve(300 + width * 120);
  sheet.columns.forEach((c, k) => {
    ws.getRange(`${columnLetter(k)}:${columnLetter(k)}`).format.columnWidth = Math.round(c.width * 7.5);
  });
  const header = ws.getRange(`A1:${last}1`);
  header.numberFormat = [sheet.columns.map(() => TEXT_FORMAT)];
  header.values = [sheet.columns.map((c) => c.header)];
  const formats = sheet.columns.map((c) => c.numberFormat);
  const formatBytes = formats.reduce((n, f) => n + valueBytes(f), 2);
  let start = 0;
  while (start < sheet.rows.length) {
    let end = start;
    let bytes = 0;
    while (end < sheet.rows.length) {
      let rb = 8 + formatBytes;
      for (const v of sheet.rows[end] as PlanValue[]) rb += valueBytes(toExcel(v));
      if (end > start && bytes + rb > LIMITS.maxRequestBytes / 2) break;
      bytes += rb;
      end++;
    }
    await batch.reserve(bytes + 200);
    const block = ws.getRange(`A${start + 2}:${last}${end + 1}`);
    // Formats before values, so that text written into a text column stays text.
    block.numberFormat = sheet.rows.slice(start, end).map(() => formats);
    block.values = sheet.rows.slice(start, end).map((r) => r.map(toExcel));
    onRows(end - start);
    start = end;
  }
  await batch.reserve(300);
  const table = ws.tables.add(`A1:${last}${rows}`, true);
  table.name = sheet.tableName;
  ws.freezePanes.freezeRows(1);
  return ws;
}

export async function applyPlan(context: Excel.RequestContext, plan: WorkbookPlan, ctx: ApplyContext): Promise<ApplyResult> {
  const { probe: p, read, oldState } = ctx;
  const sheet = p.sheet;
  const wb = context.workbook;
  const marksWritten = plan.marks.length > 0 && !p.protected;
  const oldMarks = new Map<string, MarkState>();
  if (oldState !== null && oldState.sourceSheetId === p.sheetId) for (const m of oldState.marks) oldMarks.set(m.address, m);
  const newAddresses = new Set<string>(marksWritten ? plan.marks.map((m) => m.address) : []);

  // Third request, when notes are involved: the notes now on the cells to be marked or restored.
  let notesNow = new Map<string, string | null>();
  if (ctx.notesApi === 'note' && !p.protected) {
    const addresses = new Set<string>(newAddresses);
    for (const m of oldMarks.values()) if (m.note.kind === 'note') addresses.add(m.address);
    if (addresses.size > 0) notesNow = await loadNotes(context, sheet, [...addresses]);
  }
  // Comments (hosts without notes): the add-in's old comments go; a user's comment is kept.
  let userComments = new Set<string>();
  if (ctx.notesApi === 'comment' && !p.protected) {
    const found = await commentsOn(context, p.sheetName);
    const ours = [...found].filter(([, c]) => isOurNote(c.content));
    for (const [, c] of ours) c.comment.delete();
    userComments = new Set([...found].filter(([, c]) => !isOurNote(c.content)).map(([a]) => a));
  }
  // A large table's fills were not read with its values: read those of the new marks now.
  let fillsNow = new Map<string, string>();
  if (read.fills === null && marksWritten) {
    fillsNow = await loadFills(
      context,
      sheet,
      plan.marks.filter((m) => !oldMarks.has(m.address)).map((m) => m.address),
    );
  }
  const fillBefore = (m: PlanMark): string | null => {
    const old = oldMarks.get(m.address);
    if (old !== undefined) return old.fill;
    const color = read.fills !== null ? read.fills[m.row - 1]?.[m.col] : fillsNow.get(m.address);
    return noFill(color) ? null : (color as string);
  };

  // The last request (more only for large outputs) writes everything.
  const batch = new Batch(context);
  const taken = new Set(p.sheets.map((x) => x.name));
  for (const w of p.sheets) {
    // The add-in's previous sheets go; a user's sheet never does, whatever its name.
    if (!read.taggedSheets.has(w.id) || w.id === p.sheetId) continue;
    wb.worksheets.getItem(w.id).delete();
    taken.delete(w.name);
  }
  if (!p.protected) {
    for (const m of oldMarks.values()) {
      if (newAddresses.has(m.address)) continue;
      await batch.reserve(300);
      queueRestore(sheet, m, notesNow.get(m.address));
    }
  }

  const sheetNames: ApplyResult['sheetNames'] = {};
  const totalRows = plan.sheets.reduce((n, x) => n + x.rows.length, 0);
  let doneRows = 0;
  for (const planSheet of plan.sheets) {
    const name = uniqueName(planSheet.name, taken);
    taken.add(name);
    // Table names are unique in a workbook: the add-in's old table goes with its old sheet;
    // a user's table of the same name keeps it, and ours takes a numbered one.
    const oursGoes = [...read.taggedSheets.values()].includes(planSheet.role);
    let tableName = planSheet.tableName;
    for (let k = 2; p.tables.includes(tableName) && !(oursGoes && tableName === planSheet.tableName); k++)
      tableName = `${planSheet.tableName}_${k}`;
    await writeSheet(batch, context, { ...planSheet, tableName }, name, ctx.tagsApi, (n) => {
      doneRows += n;
      ctx.onProgress?.(doneRows, totalRows);
    });
    sheetNames[planSheet.role] = name;
  }

  const marks: MarkState[] = [];
  if (marksWritten) {
    // One getRanges call per colour, each address list under 8,192 characters.
    const byFill = new Map<string, string[]>();
    for (const m of plan.marks) {
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
    for (const m of plan.marks) {
      const old = oldMarks.get(m.address);
      let note: MarkState['note'] = { kind: 'none', original: null, commentId: null };
      await batch.reserve(valueBytes(m.note) + 200);
      if (ctx.notesApi === 'note') {
        const current = notesNow.get(m.address) ?? null;
        // The user's own note, if any, is kept: before this run's (re-run) or as found.
        const original = old !== undefined && old.note.kind === 'note' ? old.note.original : isOurNote(current) ? null : current;
        if (current === null) sheet.notes.add(m.address, m.note);
        else sheet.notes.getItem(m.address).content = original === null ? m.note : `${original}\n\n${m.note}`;
        note = { kind: 'note', original, commentId: null };
      } else if (ctx.notesApi === 'comment' && !userComments.has(m.address)) {
        wb.comments.add(`${sheetPrefix(p.sheetName)}${m.address}`, m.note);
        note = { kind: 'comment', original: null, commentId: null };
      }
      marks.push({ address: m.address, fill: fillBefore(m), note });
    }
  }

  // The state: a very hidden sheet, rewritten each run, written in the same request.
  const state: AddinState = {
    v: 1,
    sourceSheetId: p.sheetId,
    sourceSheetName: p.sheetName,
    outputs: plan.sheets.map((x) => ({ role: x.role, sheetId: '', name: sheetNames[x.role] as string })),
    // On a protected sheet the old marks stay where they are, and so does their record.
    marks: marksWritten ? marks : p.protected ? [...oldMarks.values()] : [],
  };
  const cells = stateToCells(state);
  let stateSheet: Excel.Worksheet;
  await batch.reserve(300);
  if (p.stateSheetExists) {
    stateSheet = wb.worksheets.getItem(STATE_SHEET);
    stateSheet.getRange('A:A').clear();
  } else {
    stateSheet = wb.worksheets.add(STATE_SHEET);
    stateSheet.visibility = 'VeryHidden';
  }
  // A large state (tens of thousands of marks) is written over several requests.
  for (let start = 0; start < cells.length;) {
    let end = start;
    let bytes = 0;
    while (end < cells.length && (end === start || bytes + valueBytes((cells[end] as string[])[0]) + 8 < LIMITS.maxRequestBytes / 2)) {
      bytes += valueBytes((cells[end] as string[])[0]) + 8;
      end++;
    }
    await batch.reserve(bytes + 200);
    const range = stateSheet.getRange(`A${start + 1}:A${end}`);
    range.numberFormat = cells.slice(start, end).map(() => [TEXT_FORMAT]);
    range.values = cells.slice(start, end);
    start = end;
  }
  await batch.flush();
  return { state, sheetNames, marksWritten };
}
