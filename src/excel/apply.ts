/**
 * apply.ts — a workbook plan applied through Office.js, in two steps, by a table that owns its results.
 *
 * Owns: what a Normalize writes and in which order. A table (its source sheet and the range read) owns
 * its output sheets, its marks, its rows in the list of all projects and its record; a run on one table
 * never touches another's. `prepare` runs outside any undo group: it reads what the cells to be marked
 * hold now (fills, notes, the user's threaded comments), the table's output sheets (their Excel tables)
 * and its rows in the list, and makes the output sheets the table does not have yet (the calls that fail
 * when another workbook takes the focus are made here, before anything the user sees is written). `write`
 * is one undo step where the host offers it (ExcelApi 1.20): the old marks put back, the table's own sheets
 * emptied and written again (never deleted: Excel cannot undo a deleted sheet), its rows in the list, the
 * new marks, its record, and the settings the run used. One Ctrl+Z takes a re-run back whole.
 */
import { Lang, Model, PlanMark, PlanSheet, SHEET_ROLES, SheetRole, WorkbookPlan } from '../core';
import { allRows, allSheetName, Block, findBlock, KEY_ROWS_PER_REQUEST, writeBlock } from './all-projects';
import { Box, parseAreas } from './extent';
import { LIMITS } from './host';
import {
  commentCells,
  commentTexts,
  isOurNote,
  loadFills,
  loadNotes,
  MarkApis,
  queueFills,
  queueMarks,
  queueNotes,
  queueRestore,
} from './marks';
import { Batch } from './request-size';
import { Probe, SelectionRead, UserError } from './selection';
import { queueEmptySheet, queueNewSheet, uniqueName, writeSheet } from './sheets';
import { queueClearLegacyState, LegacyState } from './state';
import { MarkState, queueDeleteRecord, queueWriteRecord, queueWriteSettings, StoredRecord, TableRecord } from './store';
import type { DocumentSettings } from '../settings/settings';

export interface PrepareInput {
  probe: Probe;
  read: SelectionRead;
  /** The range read, `A1:G33`: the table's key on its sheet. */
  box: string;
  /** The records of the tables on this sheet. */
  records: StoredRecord[];
  /** The record of an earlier version (its very hidden sheet), if any. */
  legacy: LegacyState | null;
  apis: MarkApis;
  tagsApi: boolean;
  lang: Lang;
  model: Model;
  origin: { row: number; col: number };
  /** The all-projects sheet the workbook's settings name, if any. */
  allSheetId: string | null;
}

interface OutputTarget {
  role: SheetRole;
  sheetId: string;
  name: string;
  table: string;
  /** The sheet is the table's already: emptied before it is written. */
  reused: boolean;
  /** The plan has this sheet (else the table's old one is emptied and stays the table's). */
  write: boolean;
  /** Excel tables on the sheet now (converted to ranges when it is emptied). */
  tables: string[];
}

export interface Prepared {
  sheetId: string;
  sheetName: string;
  box: string;
  protected: boolean;
  marksWritten: boolean;
  /** Notes are written (the host has them, and can see the user's threaded comments, which exclude a note). */
  notes: boolean;
  oldMarks: Map<string, MarkState>;
  notesNow: Map<string, string | null>;
  /** Cells to be marked that hold a threaded comment of the user's: fill only. */
  userComments: Set<string>;
  /** Comments an earlier version wrote on this table's cells, still there: removed. */
  ourComments: Set<string>;
  fillsNow: Map<string, string | null>;
  outputs: OutputTarget[];
  /** Sheets of merged records that this table does not keep: emptied. */
  emptied: Array<{ sheetId: string; tables: string[] }>;
  all: { sheetId: string; block: Block; key: string; made: boolean } | null;
  /** The record's parts to rewrite, and the parts to delete (records merged into this one, damaged ones). */
  partIds: string[];
  dropParts: string[];
  clearLegacy: boolean;
  /** Output sheets the workbook's protected structure kept from being made. */
  structureKept: boolean;
  /** Flagged cells left with their fill only, as they hold the user's threaded comment. */
  commentCells: number;
}

export interface ApplyResult {
  record: TableRecord;
  sheetNames: Partial<Record<SheetRole, string>>;
}

/** The rectangle of an address `A1:G33`. */
export function boxOf(address: string): Box | null {
  return parseAreas(address)[0] ?? null;
}

export function overlaps(a: Box | null, b: Box | null): boolean {
  return a !== null && b !== null && a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

/** Excel's limit on a sheet name. */
const SHEET_NAME_CHARS = 31;

/** An output sheet's name: `规范化` while free, else `规范化 (预算表)`, else numbered. */
export function outputName(base: string, sourceName: string, taken: ReadonlySet<string>): string {
  const lower = new Set([...taken].map((t) => t.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  const room = Math.max(1, SHEET_NAME_CHARS - base.length - 3);
  // A source name cut short ends at a whole character, without a dangling space or bracket of its own.
  const chars = [...sourceName];
  const inner =
    chars.length <= room
      ? sourceName
      : chars
          .slice(0, room)
          .join('')
          .replace(/[\s(（]+$/, '');
  const withSource = `${base} (${inner})`;
  return uniqueName(withSource, taken, (k) => `${base} (${k})`);
}

/** The list's key for a table: the text of its rows' first column there. */
export const tableKey = (sheetName: string, box: string): string => `${sheetName}!${box}`;

/** Step 1, outside the undo group: what the marked cells hold now, the table's sheets and rows, and the sheets it lacks. */
export async function prepare(context: Excel.RequestContext, plan: WorkbookPlan, inp: PrepareInput): Promise<Prepared> {
  const { probe: p, read } = inp;
  const sheet = p.sheet;
  const box = boxOf(inp.box);
  const sheetsById = new Map(p.sheets.map((w) => [w.id, w]));
  const exists = (id: string | null | undefined): id is string => id !== null && id !== undefined && sheetsById.has(id);

  // The table's records: those on this sheet whose range overlaps the one read (several merge into this one).
  const mine = inp.records.filter((r) => r.record !== null && overlaps(boxOf(r.record.box), box));
  const others = inp.records.filter((r) => r.record !== null && !mine.includes(r));
  const primary = mine[0]?.record ?? null;
  const legacy = primary === null && inp.legacy?.sourceSheetId === p.sheetId ? inp.legacy : null;
  const oldMarks = new Map<string, MarkState>();
  for (const r of mine) for (const m of (r.record as TableRecord).marks) oldMarks.set(m.address, m);
  if (legacy !== null) for (const m of legacy.marks) oldMarks.set(m.address, m);
  const ownedElsewhere = new Set(others.flatMap((r) => (r.record as TableRecord).outputs.map((o) => o.sheetId)));

  // The table's output sheets: its own (by record, by an earlier version's record, by tag), or new ones.
  const outputs: OutputTarget[] = [];
  const toMake: Array<{ role: SheetRole | 'all'; name: string }> = [];
  const taken = new Set(p.sheets.map((w) => w.name));
  const claimed = new Set<string>();
  let structureKept = false;
  for (const role of SHEET_ROLES) {
    const planSheet = plan.sheets.find((x) => x.role === role);
    let found: { id: string; table: string } | null = null;
    const fromRecord = mine.flatMap((r) => (r.record as TableRecord).outputs).find((o) => o.role === role && exists(o.sheetId));
    if (fromRecord !== undefined) found = { id: fromRecord.sheetId, table: fromRecord.table };
    if (found === null && legacy !== null) {
      const o = legacy.outputs.find((x) => x.role === role);
      const w = o === undefined ? undefined : p.sheets.find((x) => x.name === o.name && read.taggedSheets.get(x.id)?.role === role);
      if (w !== undefined) found = { id: w.id, table: '' };
    }
    if (found === null && inp.tagsApi) {
      const w = p.sheets.find((x) => {
        const t = read.taggedSheets.get(x.id);
        return t?.role === role && t.source === p.sheetId && !ownedElsewhere.has(x.id);
      });
      if (w !== undefined) found = { id: w.id, table: '' };
    }
    if (found !== null) {
      claimed.add(found.id);
      outputs.push({
        role,
        sheetId: found.id,
        name: sheetsById.get(found.id)?.name ?? '',
        table: found.table,
        reused: true,
        write: planSheet !== undefined,
        tables: [],
      });
    } else if (planSheet !== undefined) {
      if (p.structureProtected) {
        structureKept = true;
        continue;
      }
      const name = outputName(planSheet.name, p.sheetName, taken);
      taken.add(name);
      toMake.push({ role, name });
      outputs.push({ role, sheetId: '', name, table: '', reused: false, write: true, tables: [] });
    }
  }
  const emptied = mine
    .flatMap((r) => (r.record as TableRecord).outputs)
    .filter((o) => exists(o.sheetId) && !claimed.has(o.sheetId))
    .map((o) => ({ sheetId: o.sheetId, tables: [] as string[] }));

  // The list of all projects: the workbook's (its settings name it; else a record or a tag does), or a new one.
  const wantAll = plan.sheets.some((x) => x.role === 'normalized');
  const oldKeys = new Set(mine.map((r) => (r.record as TableRecord).all?.key).filter((k): k is string => k !== undefined));
  const allCandidates = [
    inp.allSheetId,
    ...mine.map((r) => (r.record as TableRecord).all?.sheetId),
    ...others.map((r) => (r.record as TableRecord).all?.sheetId),
    ...(inp.tagsApi ? p.sheets.filter((w) => read.taggedSheets.get(w.id)?.role === 'all').map((w) => w.id) : []),
  ];
  let allId: string | null = allCandidates.find(exists) ?? null;
  let allMade = false;
  if (allId === null && wantAll) {
    if (p.structureProtected) structureKept = true;
    else {
      const name = uniqueName(allSheetName(inp.lang), taken);
      taken.add(name);
      toMake.push({ role: 'all', name });
      allMade = true;
    }
  }

  // Nothing is written to a protected sheet: said before anything is changed.
  for (const id of [
    ...outputs.filter((o) => o.reused).map((o) => o.sheetId),
    ...emptied.map((e) => e.sheetId),
    ...(allId !== null ? [allId] : []),
  ]) {
    const w = sheetsById.get(id);
    if (w?.protected === true) throw new UserError('outputProtected', { sheet: w.name });
  }

  const marksWritten = plan.marks.length > 0 && !p.protected;
  const newAddresses = marksWritten ? plan.marks.map((m) => m.address) : [];
  // The plan's marks are in the table's coordinates: from the range read (a table grown from one cell starts
  // where it was found, not where the selected cell's current region does).
  const origin = inp.origin;
  const fresh = marksWritten ? plan.marks.filter((m) => !oldMarks.has(m.address)) : [];
  const fillCells = fresh.map((m) => ({ row: origin.row + m.row - 1, col: origin.col + m.col, address: m.address }));
  const noteAddresses = new Set<string>(inp.apis.notes && !p.protected ? newAddresses : []);
  if (inp.apis.notes && !p.protected) for (const m of oldMarks.values()) if (m.note.kind === 'note') noteAddresses.add(m.address);
  const earlierComments = [...oldMarks.values()].filter((m) => m.note.kind === 'comment').map((m) => m.address);
  // The sheet's threaded comments are looked at where a note is to be written, or an earlier version's comment removed.
  const wantComments = inp.apis.comments && !p.protected && ((inp.apis.notes && newAddresses.length > 0) || earlierComments.length > 0);

  /** The request: comments first (a host that has not implemented them fails there, before any change). */
  const queueRequest = (withComments: boolean) => {
    const count = withComments ? sheet.comments.getCount() : null;
    const few = noteAddresses.size <= LIMITS.marksPerRequest;
    const notes = few ? queueNotes(sheet, [...noteAddresses]) : null;
    const fills = few ? queueFills(sheet, fillCells) : null;
    const tablesOf = (id: string) => {
      const t = context.workbook.worksheets.getItem(id).tables;
      t.load('items/name');
      return t;
    };
    const outputTables = outputs.map((o) => (o.reused ? tablesOf(o.sheetId) : null));
    const emptiedTables = emptied.map((e) => tablesOf(e.sheetId));
    let keys: { used: Excel.Range; head: Excel.Range } | null = null;
    if (allId !== null) {
      const ws = context.workbook.worksheets.getItem(allId);
      keys = { used: ws.getRange('A:A').getUsedRangeOrNullObject(true), head: ws.getRange(`A2:A${KEY_ROWS_PER_REQUEST + 1}`) };
      keys.used.load('rowIndex, rowCount');
      keys.head.load('values');
    }
    // Last: the sheets the table lacks (made before anything the user sees is written).
    const made = toMake.map((m) => [m, queueNewSheet(context, m.name, m.role, p.sheetId, inp.tagsApi, plan.page)] as const);
    return { count, notes, fills, outputTables, emptiedTables, keys, made };
  };
  let comments = wantComments;
  let q = queueRequest(comments);
  try {
    await context.sync();
  } catch (e) {
    // Comments that the host reports (ExcelApi 1.10) but has not implemented (office-js #1847): without them.
    if (!comments || (e as { code?: string }).code !== 'NotImplemented') throw e;
    comments = false;
    q = queueRequest(false);
    await context.sync();
  }
  for (const [m, ws] of q.made) {
    if (m.role === 'all') allId = ws.id;
    else {
      const o = outputs.find((x) => x.role === m.role) as OutputTarget;
      o.sheetId = ws.id;
    }
  }
  q.outputTables.forEach((t, i) => {
    if (t !== null) (outputs[i] as OutputTarget).tables = t.items.map((x) => x.name);
  });
  q.emptiedTables.forEach((t, i) => ((emptied[i] as { tables: string[] }).tables = t.items.map((x) => x.name)));
  // Excel table names are the workbook's: a reused sheet keeps its own, a new one takes a free one.
  const onOurs = new Set([...outputs, ...emptied].flatMap((o) => o.tables).map((t) => t.toLowerCase()));
  const takenTables = new Set(p.tables.filter((t) => !onOurs.has(t.toLowerCase())));
  for (const o of outputs) {
    const planSheet = plan.sheets.find((x) => x.role === o.role);
    if (planSheet === undefined) continue;
    const want = o.table !== '' ? o.table : (o.tables[0] ?? planSheet.tableName);
    o.table = takenTables.has(want) ? uniqueName(planSheet.tableName, takenTables, (k) => `${planSheet.tableName}_${k}`) : want;
    takenTables.add(o.table);
  }

  const notesNow = q.notes !== null ? q.notes() : await loadNotes(context, sheet, [...noteAddresses]);
  const fillsNow = q.fills !== null && q.fills.complete ? q.fills.collect() : await loadFills(context, sheet, fillCells);
  // The user's threaded comments on cells to be marked (a note there would be refused), and an earlier version's.
  const userComments = new Set<string>();
  const ourComments = new Set<string>();
  const count = q.count?.value ?? 0;
  if (count > 0) {
    const cells = await commentCells(context, sheet, count);
    for (const a of newAddresses) if (cells.has(a)) userComments.add(a);
    const earlier = new Map(earlierComments.filter((a) => cells.has(a)).map((a) => [a, cells.get(a) as number]));
    for (const [a, text] of await commentTexts(context, sheet, earlier)) {
      if (!isOurNote(text)) continue;
      ourComments.add(a);
      userComments.delete(a);
    }
  }
  // The table's rows in the list of all projects.
  let all: Prepared['all'] = null;
  if (allId !== null && (wantAll || oldKeys.size > 0)) {
    let column: unknown[] = [];
    if (q.keys !== null && !q.keys.used.isNullObject) {
      const rows = q.keys.used.rowIndex + q.keys.used.rowCount - 1;
      column = q.keys.head.values.slice(0, rows).map((r) => r[0]);
      const ws = context.workbook.worksheets.getItem(allId);
      for (let r = KEY_ROWS_PER_REQUEST; r < rows; r += KEY_ROWS_PER_REQUEST) {
        const block = ws.getRange(`A${r + 2}:A${Math.min(rows, r + KEY_ROWS_PER_REQUEST) + 1}`);
        block.load('values');
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- budgeted: 20,000 short cells a request.
        await context.sync();
        column.push(...block.values.map((x) => x[0]));
      }
    }
    all = { sheetId: allId, block: findBlock(column, oldKeys), key: tableKey(p.sheetName, inp.box), made: allMade };
  }
  return {
    sheetId: p.sheetId,
    sheetName: p.sheetName,
    box: inp.box,
    protected: p.protected,
    marksWritten,
    // Without sight of the user's comments (a host that has not implemented them) a note could be refused: fills only.
    notes: inp.apis.notes && (comments || !wantComments),
    oldMarks,
    notesNow,
    userComments,
    ourComments,
    fillsNow,
    outputs,
    emptied,
    all,
    partIds: mine[0]?.partIds ?? [],
    dropParts: [...mine.slice(1).flatMap((r) => r.partIds), ...inp.records.filter((r) => r.record === null).flatMap((r) => r.partIds)],
    clearLegacy: legacy !== null,
    structureKept,
    commentCells: [...userComments].length,
  };
}

export interface WriteInput {
  model: Model;
  lang: Lang;
  origin: { row: number; col: number };
  apis: MarkApis;
  /** The workbook's settings and their part; written when `changed` (the options the run used, a correction to remember) or when the list of all projects was made. */
  settings: { value: DocumentSettings; partId: string | null; changed: boolean };
}

/** Step 2, one undo step: old marks put back, the table's sheets emptied and written, its rows in the list, new marks, its record. */
export async function write(
  context: Excel.RequestContext,
  plan: WorkbookPlan,
  pre: Prepared,
  inp: WriteInput,
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
      queueRestore(sheet, m, pre.notesNow.get(m.address), inp.apis);
    }
    // The comments an earlier version wrote, found in step 1, go here, inside the undo step.
    for (const address of pre.ourComments) {
      await batch.reserve(120);
      sheet.comments.getItemByCell(address).delete();
    }
  }

  for (const e of pre.emptied) {
    await batch.reserve(300);
    queueEmptySheet(wb.worksheets.getItem(e.sheetId), e.tables);
  }
  const sheetNames: ApplyResult['sheetNames'] = {};
  const totalRows = plan.sheets.reduce((n, x) => n + x.rowCount, 0);
  let doneRows = 0;
  for (const o of pre.outputs) {
    const ws = wb.worksheets.getItem(o.sheetId);
    await batch.reserve(300);
    if (o.reused) queueEmptySheet(ws, o.tables);
    const planSheet = plan.sheets.find((x) => x.role === o.role) as PlanSheet | undefined;
    if (planSheet === undefined) continue;
    await writeSheet(batch, ws, planSheet, o.table, (n) => {
      doneRows += n;
      onProgress?.(doneRows, totalRows);
    });
    sheetNames[o.role] = o.name;
  }

  let allRecord: TableRecord['all'] = null;
  if (pre.all !== null) {
    const wantAll = plan.sheets.some((x) => x.role === 'normalized');
    const rows = wantAll ? allRows(inp.model, { lang: inp.lang, sheetName: pre.sheetName, origin: inp.origin }, pre.all.key) : null;
    await writeBlock(batch, wb.worksheets.getItem(pre.all.sheetId), pre.all.block, rows);
    if (wantAll) allRecord = { sheetId: pre.all.sheetId, key: pre.all.key };
  }

  let marks: MarkState[] = [];
  if (pre.marksWritten) {
    const fillBefore = (m: PlanMark): string | null => {
      const old = pre.oldMarks.get(m.address);
      if (old !== undefined) return old.fill;
      return pre.fillsNow.get(m.address) ?? null;
    };
    marks = await queueMarks(
      batch,
      sheet,
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
      pre.notes ? 'note' : 'none',
    );
  }

  const record: TableRecord = {
    v: 2,
    sheetId: pre.sheetId,
    sheetName: pre.sheetName,
    box: pre.box,
    outputs: pre.outputs.map((o) => ({ role: o.role, sheetId: o.sheetId, name: o.name, table: o.table })),
    // On a protected sheet the old marks stay where they are, and so does their record.
    marks: pre.marksWritten ? marks : pre.protected ? [...pre.oldMarks.values()] : [],
    all: allRecord,
  };
  await queueWriteRecord(context, record, pre.partIds, (bytes) => batch.reserve(bytes));
  await batch.reserve(2_000);
  queueDeleteRecord(context, pre.dropParts);
  if (pre.clearLegacy) queueClearLegacyState(context);
  if (inp.settings.changed || pre.all?.made === true) {
    const value = pre.all?.made === true ? { ...inp.settings.value, allSheetId: pre.all.sheetId } : inp.settings.value;
    queueWriteSettings(context, value, inp.settings.partId);
  }
  await batch.flush();
  return { record, sheetNames };
}
