/**
 * apply.ts — a workbook plan applied through Office.js, in two steps.
 *
 * Owns: the order of what a Normalize writes. `prepare` runs outside any undo group: it reads what
 * the cells to be marked hold now (fills, notes, comments) and does what Excel cannot undo (the
 * add-in's previous output sheets are deleted; its state sheet is made and very hidden). `write`
 * is one undo step where the host offers it (ExcelApi 1.20): the old marks put back, the output
 * sheets, the new marks, and the record Clear needs. Everything the user sees is undone together.
 */
import { PlanMark, PlanSheet, TEXT_FORMAT, WorkbookPlan, sheetPrefix } from '../core';
import { Batch, blocksByBytes, valueBytes } from './request-size';
import { LIMITS } from './host';
import {
  commentsOn,
  isOurNote,
  loadFills,
  loadNotes,
  MarkApis,
  noFill,
  NotesApi,
  queueFills,
  queueMarks,
  queueNotes,
  queueRestore,
} from './marks';
import type { Probe, SelectionRead } from './selection';
import { writeSheet, uniqueName } from './sheets';
import { AddinState, MarkState, STATE_SHEET, stateToCells } from './state';

export interface ApplyContext {
  probe: Probe;
  read: SelectionRead;
  oldState: AddinState | null;
  apis: MarkApis;
  /** Worksheet custom properties (ExcelApi 1.12) tag the add-in's sheets. */
  tagsApi: boolean;
  onProgress?: (done: number, total: number) => void;
}

/** What the first step found, for the second. */
export interface Prepared {
  sheetId: string;
  sheetName: string;
  protected: boolean;
  marksWritten: boolean;
  oldMarks: Map<string, MarkState>;
  notesNow: Map<string, string | null>;
  /** Cells that carry a user's comment (kept; no comment of ours is added there). */
  userComments: Set<string>;
  /** Cells that carry one of the add-in's comments (removed). */
  ourComments: Set<string>;
  fillsNow: Map<string, string | null>;
  /** Sheet and table names after the add-in's old sheets went. */
  sheetNames: string[];
  tableNames: string[];
}

export interface ApplyResult {
  state: AddinState;
  sheetNames: Partial<Record<PlanSheet['role'], string>>;
  marksWritten: boolean;
}

export function notesApiOf(apis: MarkApis): NotesApi {
  return apis.notes ? 'note' : apis.comments ? 'comment' : 'none';
}

/** Step 1, outside the undo group: what the marked cells hold now, and the housekeeping Excel cannot undo. */
export async function prepare(context: Excel.RequestContext, plan: WorkbookPlan, ctx: ApplyContext): Promise<Prepared> {
  const { probe: p, read, oldState, apis } = ctx;
  const sheet = p.sheet;
  const wb = context.workbook;
  const marksWritten = plan.marks.length > 0 && !p.protected;
  const oldMarks = new Map<string, MarkState>();
  if (oldState !== null && oldState.sourceSheetId === p.sheetId) for (const m of oldState.marks) oldMarks.set(m.address, m);
  const newAddresses = marksWritten ? plan.marks.map((m) => m.address) : [];

  // What the cells to be marked hold now: in the same request as the housekeeping below when
  // there are few enough, in requests of their own when there are many.
  const noteAddresses = new Set<string>(apis.notes && !p.protected ? newAddresses : []);
  if (apis.notes && !p.protected) for (const m of oldMarks.values()) if (m.note.kind === 'note') noteAddresses.add(m.address);
  const origin = { row: p.target.rowIndex, col: p.target.columnIndex };
  const fresh = marksWritten ? plan.marks.filter((m) => !oldMarks.has(m.address)) : [];
  const fillCells = fresh.map((m) => ({ row: origin.row + m.row - 1, col: origin.col + m.col, address: m.address }));
  const few = noteAddresses.size <= LIMITS.marksPerRequest;
  const notes = few ? queueNotes(sheet, [...noteAddresses]) : null;
  const fills = few ? queueFills(sheet, fillCells) : null;
  // Comments (1.10): the add-in's old ones go, whichever host wrote them; a user's stays.
  const comments = apis.comments && !p.protected ? wb.comments : null;
  comments?.load('items/content');

  // What cannot be undone: the add-in's previous sheets go (a user's sheet never does, whatever
  // its name), and the state sheet is made and very hidden.
  for (const w of p.sheets) {
    if (!read.taggedSheets.has(w.id) || w.id === p.sheetId) continue;
    wb.worksheets.getItem(w.id).delete();
  }
  if (!p.stateSheetExists) {
    const stateSheet = wb.worksheets.add(STATE_SHEET);
    stateSheet.visibility = 'VeryHidden';
  }
  wb.worksheets.load('items/name');
  wb.tables.load('items/name');
  await context.sync();
  const notesNow = notes !== null ? notes() : await loadNotes(context, sheet, [...noteAddresses]);
  const fillsNow = fills !== null && fills.complete ? fills.collect() : await loadFills(context, sheet, fillCells);
  const userComments = new Set<string>();
  const ourComments = new Set<string>();
  if (comments !== null && comments.items.length > 0) {
    for (const [address, c] of await commentsOn(context, p.sheetName)) (isOurNote(c.content) ? ourComments : userComments).add(address);
  }
  return {
    sheetId: p.sheetId,
    sheetName: p.sheetName,
    protected: p.protected,
    marksWritten,
    oldMarks,
    notesNow,
    userComments,
    ourComments,
    fillsNow,
    sheetNames: wb.worksheets.items.map((w) => w.name),
    tableNames: wb.tables.items.map((t) => t.name),
  };
}

/** Step 2, one undo step: old marks put back, output sheets, new marks, and the record Clear needs. */
export async function write(
  context: Excel.RequestContext,
  plan: WorkbookPlan,
  pre: Prepared,
  apis: MarkApis,
  tagsApi: boolean,
  onProgress?: (done: number, total: number) => void,
): Promise<ApplyResult> {
  const wb = context.workbook;
  const sheet = wb.worksheets.getItem(pre.sheetId);
  const batch = new Batch(context);
  const newAddresses = new Set(pre.marksWritten ? plan.marks.map((m) => m.address) : []);

  if (!pre.protected) {
    for (const m of pre.oldMarks.values()) {
      if (newAddresses.has(m.address)) continue;
      await batch.reserve(300);
      queueRestore(sheet, m, pre.notesNow.get(m.address), apis);
    }
    // The add-in's old comments, found in step 1, go here, inside the undo step.
    if (apis.comments) for (const address of pre.ourComments) wb.comments.getItemByCell(`${sheetPrefix(pre.sheetName)}${address}`).delete();
  }

  const sheetNames: ApplyResult['sheetNames'] = {};
  const takenSheets = new Set(pre.sheetNames);
  const takenTables = new Set(pre.tableNames);
  const totalRows = plan.sheets.reduce((n, x) => n + x.rowCount, 0);
  let doneRows = 0;
  for (const planSheet of plan.sheets) {
    const name = uniqueName(planSheet.name, takenSheets);
    takenSheets.add(name);
    // Table names are unique in a workbook: a user's table of the same name keeps it.
    const tableName = uniqueName(planSheet.tableName, takenTables, (k) => `${planSheet.tableName}_${k}`);
    takenTables.add(tableName);
    await writeSheet(batch, context, planSheet, name, tableName, tagsApi, (n) => {
      doneRows += n;
      onProgress?.(doneRows, totalRows);
    });
    sheetNames[planSheet.role] = name;
  }

  let marks: MarkState[] = [];
  if (pre.marksWritten) {
    const fillBefore = (m: PlanMark): string | null => {
      const old = pre.oldMarks.get(m.address);
      if (old !== undefined) return old.fill;
      const color = pre.fillsNow.get(m.address);
      return noFill(color) ? null : (color as string);
    };
    marks = await queueMarks(
      batch,
      context,
      sheet,
      pre.sheetName,
      plan.marks,
      {
        fill: fillBefore,
        note: (m) => pre.notesNow.get(m.address) ?? null,
        oldOriginal: (m) => {
          const old = pre.oldMarks.get(m.address);
          return old !== undefined && old.note.kind === 'note' ? old.note.original : undefined;
        },
        userComment: (m) => pre.userComments.has(m.address),
      },
      notesApiOf(apis),
    );
  }

  const state: AddinState = {
    v: 1,
    sourceSheetId: pre.sheetId,
    sourceSheetName: pre.sheetName,
    outputs: plan.sheets.map((x) => ({ role: x.role, sheetId: '', name: sheetNames[x.role] as string })),
    // On a protected sheet the old marks stay where they are, and so does their record.
    marks: pre.marksWritten ? marks : pre.protected ? [...pre.oldMarks.values()] : [],
  };
  await writeState(batch, wb.worksheets.getItem(STATE_SHEET), state);
  await batch.flush();
  return { state, sheetNames, marksWritten: pre.marksWritten };
}

/** The record in the state sheet's column A, rewritten in place (values only: undoable). */
export async function writeState(batch: Batch, stateSheet: Excel.Worksheet, state: AddinState | null): Promise<void> {
  await batch.reserve(300);
  stateSheet.getRange('A:A').clear();
  if (state === null) return;
  const cells = stateToCells(state);
  const cellBytes = (c: string[]): number => valueBytes(c[0]) + 8;
  let start = 0;
  for (const { items, bytes } of blocksByBytes(cells, cellBytes, LIMITS.maxRequestBytes / 2)) {
    await batch.reserve(bytes + 200);
    const range = stateSheet.getRange(`A${start + 1}:A${start + items.length}`);
    range.numberFormat = items.map(() => [TEXT_FORMAT]);
    range.values = items;
    start += items.length;
  }
}
