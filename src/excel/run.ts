/**
 * run.ts — the two commands, Normalize and Clear flags.
 *
 * Owns: the order of requests and runs (probe, read, prepare outside any undo group; then the
 * writes as one undo step where ExcelApi 1.20 offers it), the hand-over to the pure core
 * (`normalize`, `buildPlan`) between reading and writing, the requirement sets each step needs
 * (newer ones only behind `isSetSupported`), the refusals Excel documents turned into messages a
 * user can act on, and what the task pane is told back: the range read, and the notices (content that
 * seems to continue below or beside it, hidden rows and columns left out or counted, …). A Normalize of a
 * table that fits one request makes four `context.sync()` calls: probe, read, prepare, write; a one-cell
 * selection too, when the used range around the table fits the first read.
 */
import {
  ALL_OUTPUTS,
  Lang,
  Mapping,
  Model,
  NormalizeProgress,
  NormalizeStep,
  OptionsInput,
  Outputs,
  SheetRole,
  WorkbookPlan,
  buildPlan,
  normalizeSteps,
  nothingRecognised,
  shiftMapping,
  signatureOf,
  columnLetter,
  type SheetCells,
} from '../core';
import { boxAddress } from './extent';
import { prepare, Prepared, write, writeState } from './apply';
import { Batch } from './request-size';
import { ExcelHost, RunOptions } from './host';
import { commentsOn, loadNotes, MarkApis, queueRemoveComments, queueRestore } from './marks';
import { probe, readTarget, UserError } from './selection';
import { STATE_SHEET, stateFromCells } from './state';

export interface Capabilities {
  apis: MarkApis;
  tags: boolean;
  merged: boolean;
  undoGroup: boolean;
  /** `delayForCellEdit` (ExcelApi 1.11): a run waits while the user edits a cell. */
  cellEdit: boolean;
}

export function capabilities(host: ExcelHost): Capabilities {
  const has = (v: string) => host.isSetSupported('ExcelApi', v);
  return {
    apis: { notes: has('1.18'), comments: has('1.10') },
    tags: has('1.12'),
    merged: has('1.13'),
    undoGroup: has('1.20'),
    cellEdit: has('1.11'),
  };
}

export interface NormalizeRequest {
  options?: OptionsInput;
  lang: Lang;
  outputs?: Partial<Outputs>;
  /** Review findings marked on the user's sheet too (off by default). */
  reviewMarks?: boolean;
  /** A correction of the reading, in the sheet's letters and rows. */
  mapping?: Mapping;
  /** A correction remembered for tables with this header signature, in the sheet's letters and rows. */
  remembered?: (signature: string) => Mapping | undefined;
}

export type Notice =
  | { key: 'protectedSheet' }
  | { key: 'mergedCells'; count: number }
  | { key: 'errorValues'; count: number }
  | { key: 'unreadRows'; count: number }
  /** Content seems to continue below the range read (`row`: its last row, 1-based). */
  | { key: 'moreBelow'; row: number }
  /** Content right beside the range read (`column`: its last, or first, column in letters). */
  | { key: 'moreRight'; column: string }
  | { key: 'moreLeft'; column: string }
  /** Hidden rows (columns) with content: left out of the reading, or counted as the options ask. */
  | { key: 'hiddenRows'; count: number; counted: boolean }
  | { key: 'hiddenCols'; count: number; counted: boolean };

/** The notices that say the table may be larger than what was read: worth a message even from the ribbon. */
export const RANGE_NOTICES: ReadonlyArray<Notice['key']> = ['moreBelow', 'moreRight', 'moreLeft'];

export interface NormalizeResult {
  model: Model;
  plan: WorkbookPlan;
  sheetName: string;
  /** The range read, in the sheet's letters: `A1:G33`. */
  range: string;
  /** 0-based sheet position of the table's first cell. */
  origin: { row: number; col: number };
  sheetNames: Partial<Record<SheetRole, string>>;
  notices: Notice[];
  /** The table's header signature, by which a correction is remembered. */
  signature: string;
  /** The correction applied, in the sheet's letters and rows, and whether it was a remembered one. */
  applied: { mapping: Mapping; remembered: boolean } | null;
}

export type Phase = 'reading' | 'normalizing' | 'writing';

/** The error code of an Office.js error, or null. */
function codeOf(e: unknown): string | null {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : null;
}

/** Excel's documented refusals, as messages a user can act on. */
function explain(e: unknown, writing: boolean): unknown {
  switch (codeOf(e)) {
    case 'InvalidSelection':
      return new UserError('multiArea');
    case 'InvalidOperationInCellEditMode':
      return new UserError('cellEdit');
    case 'UndoNotSupported':
      return new UserError('undoRefused');
    case 'ItemNotFound':
      return writing ? new UserError('sheetGone') : e;
    default:
      return e;
  }
}

/** Run a batch; Excel's refusals become messages. */
async function runOn<T>(
  host: ExcelHost,
  batch: (context: Excel.RequestContext) => Promise<T>,
  options: RunOptions,
  writing: boolean,
): Promise<T> {
  try {
    return await host.run(batch, options);
  } catch (e) {
    throw explain(e, writing);
  }
}

/** How the pane hears of progress: the phase, how far it has come, and within normalizing, the core's step. */
export type OnProgress = (phase: Phase, done: number, total: number, step?: NormalizeStep) => void;

/**
 * The core's run, driven one step at a time, with the host given a turn between steps (the pane
 * paints its progress bar; Office keeps the session alive). Pure work in between: the same model as
 * `normalize`.
 */
async function normalizeInSteps(grid: SheetCells, options: OptionsInput, onStep: (p: NormalizeProgress) => void): Promise<Model> {
  const steps = normalizeSteps(grid, options);
  for (let next = steps.next(); ; next = steps.next()) {
    if (next.done === true) return next.value;
    onStep(next.value);
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
}

export async function normalizeSelection(host: ExcelHost, req: NormalizeRequest, onProgress?: OnProgress): Promise<NormalizeResult> {
  const caps = capabilities(host);
  const outputs: Outputs = { ...ALL_OUTPUTS, ...req.outputs };
  const wait: RunOptions = caps.cellEdit ? { delayForCellEdit: true } : {};
  // Run 1, no undo group: read, work out the plan, and what Excel cannot undo.
  const first = await runOn(
    host,
    async (context) => {
      onProgress?.('reading', 0, 1);
      const p = await probe(context, STATE_SHEET);
      const read = await readTarget(context, p, {
        stateSheetName: STATE_SHEET,
        mergedApi: caps.merged,
        tagsApi: caps.tags,
        onProgress: (d, t) => onProgress?.('reading', d, t),
      });
      if (read.taggedSheets.has(p.sheetId)) throw new UserError('ownSheet');
      if (!read.grid.some((row) => row.some((v) => v !== null && v !== undefined && (typeof v !== 'string' || v.trim() !== '')))) {
        throw new UserError('selectTable');
      }
      onProgress?.('normalizing', 0, 1);
      const onStep = (p: NormalizeProgress) => onProgress?.('normalizing', p.done, p.total, p.step);
      const cells: SheetCells = { cells: read.grid, hiddenRows: read.hiddenRows, hiddenCols: read.hiddenCols };
      const normalize = (options: OptionsInput) => normalizeInSteps(cells, options, onStep);
      const origin = { row: read.box.row, col: read.box.col };
      const range = boxAddress(read.box);
      // The user's correction, or one remembered for a table with the same header, in the input's letters.
      // The signature is the table's own (read without any correction), so that a correction is found again.
      let model = await normalize(req.options ?? {});
      const signature = signatureOf(model.reading.tables[0]?.fields ?? []);
      if (req.mapping !== undefined)
        model = await normalize({ ...req.options, mapping: shiftMapping(req.mapping, -origin.row, -origin.col) });
      let applied: NormalizeResult['applied'] = req.mapping !== undefined ? { mapping: req.mapping, remembered: false } : null;
      const remembered = req.mapping === undefined ? req.remembered?.(signature) : undefined;
      if (remembered !== undefined) {
        model = await normalize({ ...req.options, mapping: shiftMapping(remembered, -origin.row, -origin.col) });
        applied = { mapping: remembered, remembered: true };
      }
      // Nothing to show and nothing to mark: say so (and that only one cell was read, if so), and write nothing.
      if (nothingRecognised(model))
        throw read.box.rows * read.box.cols === 1 ? new UserError('oneCell', { address: range }) : new UserError('nothingRead');
      const plan = buildPlan(model, { lang: req.lang, outputs, sheetName: p.sheetName, origin, reviewMarks: req.reviewMarks ?? false });
      const prepared = await prepare(context, plan, {
        probe: p,
        read,
        oldState: stateFromCells(read.stateValues),
        apis: caps.apis,
        tagsApi: caps.tags,
      });
      const notices: Notice[] = [];
      if (p.protected && plan.marks.length > 0) notices.push({ key: 'protectedSheet' });
      if (read.mergedAreas > 0) notices.push({ key: 'mergedCells', count: read.mergedAreas });
      if (read.errorValues > 0) notices.push({ key: 'errorValues', count: read.errorValues });
      if (model.summary.unreadRows > 0) notices.push({ key: 'unreadRows', count: model.summary.unreadRows });
      const hidden = model.reading.hidden;
      if (hidden !== undefined && hidden.rows.length > 0)
        notices.push({ key: 'hiddenRows', count: hidden.rows.length, counted: hidden.counted });
      if (hidden !== undefined && hidden.columns.length > 0)
        notices.push({ key: 'hiddenCols', count: hidden.columns.length, counted: hidden.counted });
      const { box, beyond } = read;
      if (beyond.below !== null) notices.push({ key: 'moreBelow', row: box.row + box.rows });
      if (beyond.right) notices.push({ key: 'moreRight', column: columnLetter(box.col + box.cols - 1) });
      if (beyond.left) notices.push({ key: 'moreLeft', column: columnLetter(box.col) });
      return { model, plan, origin, range, prepared, notices, sheetName: p.sheetName, signature, applied };
    },
    wait,
    false,
  );
  // Run 2, one undo step where the host offers it: what the user sees.
  onProgress?.('writing', 0, 1);
  const applied = await runOn(
    host,
    (context) => write(context, first.plan, first.prepared, caps.apis, caps.tags, (d, t) => onProgress?.('writing', d, t)),
    { ...wait, ...(caps.undoGroup ? { mergeUndoGroup: true } : {}) },
    true,
  );
  return {
    model: first.model,
    plan: first.plan,
    sheetName: first.sheetName,
    range: first.range,
    origin: first.origin,
    sheetNames: applied.sheetNames,
    notices: first.notices,
    signature: first.signature,
    applied: first.applied,
  };
}

export interface ClearResult {
  /** Cells put back as they were. */
  restored: number;
  /** Notes of the add-in that this host cannot reach (written where notes exist, cleared where they do not). */
  notesLeft: number;
}

/**
 * Put every cell the add-in marked back as it was, in one undo step where the host offers it: fills,
 * notes (ExcelApi 1.18) and the add-in's comments (1.10), whichever host wrote them. The record is
 * emptied in the same step, so that an undo brings back both the marks and the record.
 */
export async function clearFlags(host: ExcelHost): Promise<ClearResult> {
  const caps = capabilities(host);
  const options: RunOptions = { ...(caps.cellEdit ? { delayForCellEdit: true } : {}), ...(caps.undoGroup ? { mergeUndoGroup: true } : {}) };
  return runOn(
    host,
    async (context) => {
      const wb = context.workbook;
      wb.worksheets.load('items/id,items/name');
      await context.sync();
      if (!wb.worksheets.items.some((w) => w.name === STATE_SHEET)) return { restored: 0, notesLeft: 0 };
      const stateSheet = wb.worksheets.getItem(STATE_SHEET);
      const used = stateSheet.getUsedRangeOrNullObject(true);
      used.load('values');
      await context.sync();
      const state = stateFromCells(used.isNullObject ? null : used.values);
      const source = state === null ? undefined : wb.worksheets.items.find((w) => w.id === state.sourceSheetId);
      const batch = new Batch(context);
      if (state === null || source === undefined || state.marks.length === 0) {
        await writeState(batch, stateSheet, null);
        await batch.flush();
        return { restored: 0, notesLeft: 0 };
      }
      const sheet = wb.worksheets.getItem(source.id);
      const noteMarks = state.marks.filter((m) => m.note.kind === 'note').map((m) => m.address);
      const notes = caps.apis.notes && noteMarks.length > 0 ? await loadNotes(context, sheet, noteMarks) : new Map<string, string | null>();
      if (caps.apis.comments) {
        // The add-in's comments on marked cells go, whether this host or another wrote them.
        queueRemoveComments(await commentsOn(context, source.name), new Set(state.marks.map((m) => m.address)));
      }
      for (const m of state.marks) {
        await batch.reserve(300);
        queueRestore(sheet, m, notes.get(m.address), caps.apis);
      }
      await writeState(batch, stateSheet, null);
      await batch.flush();
      return { restored: state.marks.length, notesLeft: caps.apis.notes ? 0 : noteMarks.length };
    },
    options,
    true,
  );
}

/** Select a cell of the user's sheet (an issue clicked in the task pane). */
export async function selectCell(host: ExcelHost, sheetName: string, address: string): Promise<void> {
  await host.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheetName);
    ws.activate();
    ws.getRange(address).select();
    await context.sync();
  });
}

export type { Prepared };
