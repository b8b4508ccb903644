/**
 * run.ts — the commands: Normalize, Clear flags (of a table, or of every table), and the workbook's settings.
 *
 * Owns: the order of requests and runs (probe, read, prepare outside any undo group; then the writes as
 * one undo step where ExcelApi 1.20 offers it), the hand-over to the pure core (`normalize`, `buildPlan`)
 * between reading and writing, the requirement sets each step needs (newer ones only behind
 * `isSetSupported`), the options and remembered corrections read from the workbook's own store (the same for
 * the pane and the ribbon), Excel's refusals turned into messages a user can act on, a run too large for a
 * ribbon command's 5 minutes stopped before it writes, and what the task pane is told back: the range read,
 * and the notices. A Normalize of a table that fits one request makes four `context.sync()` calls: probe,
 * read, prepare, write; a one-cell selection too, when the used range around the table fits the first read.
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
import { DocumentSettings, PaneSettings, toOptions, withMapping } from '../settings/settings';
import { boxOf, overlaps, prepare, write } from './apply';
import { boxAddress } from './extent';
import { ExcelHost, RunOptions } from './host';
import { commentCells, commentCount, commentTexts, isOurNote, loadNotes, MarkApis, queueRestore } from './marks';
import { Batch } from './request-size';
import { withReadingFindings } from '../pdf/findings';
import { probe, readTarget, SOURCE_TAG, UserError, type TargetRange } from './selection';
import { LegacyState, queueClearLegacyState, readLegacyState, STATE_SHEET } from './state';
import {
  loadXml,
  MarkState,
  queuePartList,
  queueWriteRecord,
  queueWriteSettings,
  queueXml,
  readSettingsIn,
  recordsOf,
  settingsOf,
  StoredRecord,
  TableRecord,
} from './store';

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

/** How large a run may be to run headless (a ribbon command: "the runtime closes when … 5 minutes have passed"). */
export interface RunLimit {
  /** Cells read at most. */
  cells: number;
  /** The clock time by which reading and normalizing must be done, so that writing, about as long, still fits. */
  deadline: number;
  now: () => number;
}

export interface NormalizeRequest {
  lang: Lang;
  /** The options of the pane's form; without them (and without `stored`), the defaults. */
  options?: OptionsInput;
  outputs?: Partial<Outputs>;
  /** Review findings marked on the user's sheet too (off by default). */
  reviewMarks?: boolean;
  /** The options, outputs and marks the workbook stores (the ribbon), instead of the above. */
  stored?: boolean;
  /** The pane's settings, kept in the workbook with this run (inside its undo step). */
  save?: PaneSettings;
  /** A correction of the reading, in the sheet's letters and rows, remembered for tables with this header. */
  mapping?: Mapping;
  limit?: RunLimit;
  /**
   * What the table's source knows beyond its cells, added to each model read (a table imported from a PDF
   * page without ruling lines: its columns are a guess, said at its first cell).
   */
  amend?: (model: Model) => Model;
  /** The table to read, by its place (an imported table), instead of the selection. */
  at?: TargetRange;
}

/** The options the workbook stores do not validate (`message` is the validator's reason). */
export class InvalidStoredOptions extends Error {}

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
  | { key: 'hiddenCols'; count: number; counted: boolean }
  /** The workbook's structure is protected: output sheets the table lacked were not made. */
  | { key: 'structureProtected' }
  /** Flagged cells that hold the user's threaded comment: their fill only (a cell holds a note or a comment). */
  | { key: 'commentCells'; count: number };

/** The notices that say the table may be larger than what was read: worth a message even from the ribbon. */
export const RANGE_NOTICES: ReadonlyArray<Notice['key']> = ['moreBelow', 'moreRight', 'moreLeft', 'structureProtected'];

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
function explain(e: unknown, writing: boolean, options: RunOptions): unknown {
  switch (codeOf(e)) {
    // The probe finds several areas itself: Excel's InvalidSelection is the focus gone to another workbook.
    case 'InvalidSelection':
    case 'InactiveWorkbook':
      return new UserError('otherWorkbook');
    case 'GeneralException':
      return new UserError('excelStopped');
    case 'InvalidOperationInCellEditMode':
      return new UserError('cellEdit');
    // What the cell-edit page says a request gets while a cell is edited; a run that waits never gets it for that.
    case 'InvalidOperation':
      return options.delayForCellEdit === true ? e : new UserError('cellEdit');
    case 'UndoNotSupported':
      return new UserError('undoRefused');
    case 'AccessDenied':
      return new UserError('accessDenied');
    case 'ItemNotFound':
      return writing ? new UserError('sheetGone') : e;
    default:
      return e;
  }
}

/** Run a batch; Excel's refusals become messages (`writing`: a sheet gone is said as such). */
export async function runOn<T>(
  host: ExcelHost,
  batch: (context: Excel.RequestContext) => Promise<T>,
  options: RunOptions,
  writing: boolean,
): Promise<T> {
  try {
    return await host.run(batch, options);
  } catch (e) {
    throw explain(e, writing, options);
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

/** Record parts read with the first read request (whose cells take up to 2.5 MB of its response); the others after it, two a request. */
const PARTS_WITH_FIRST_READ = 1;

export async function normalizeSelection(host: ExcelHost, req: NormalizeRequest, onProgress?: OnProgress): Promise<NormalizeResult> {
  const caps = capabilities(host);
  const wait: RunOptions = caps.cellEdit ? { delayForCellEdit: true } : {};
  // Run 1, no undo group: read, work out the plan, and make the sheets the table lacks.
  const first = await runOn(
    host,
    async (context) => {
      onProgress?.('reading', 0, 1);
      const p = await probe(context, STATE_SHEET, { tagsApi: caps.tags, ...(req.at !== undefined ? { at: req.at } : {}) });
      // With the first block of cells: the workbook's settings and the first parts of this sheet's records.
      const recordIds = p.parts.tables.get(p.sheetId) ?? [];
      const withFirstIds = [...(p.parts.settings !== null ? [p.parts.settings] : []), ...recordIds.slice(0, PARTS_WITH_FIRST_READ)];
      let firstXml: Array<{ id: string; xml: string }> = [];
      const read = await readTarget(context, p, {
        mergedApi: caps.merged,
        tagsApi: caps.tags,
        onProgress: (d, t) => onProgress?.('reading', d, t),
        withFirst: () => {
          const collect = queueXml(context, withFirstIds);
          return () => (firstXml = collect());
        },
      });
      const moreXml = await loadXml(context, recordIds.slice(PARTS_WITH_FIRST_READ));
      const xmlById = new Map([...firstXml, ...moreXml].map((x) => [x.id, x.xml]));
      const stored = settingsOf(p.parts.settings === null ? null : (xmlById.get(p.parts.settings) ?? null));
      const records = recordsOf(recordIds.map((id) => ({ id, xml: xmlById.get(id) ?? '' })));
      const legacy: LegacyState | null = p.stateSheetExists ? await readLegacyState(context) : null;

      if (read.taggedSheets.has(p.sheetId)) throw new UserError('ownSheet');
      if (!read.grid.some((row) => row.some((v) => v !== null && v !== undefined && (typeof v !== 'string' || v.trim() !== '')))) {
        throw new UserError('selectTable');
      }
      // The options: the pane's form, or (the ribbon) those the workbook stores.
      let options: OptionsInput = req.options ?? {};
      let outputs: Outputs = { ...ALL_OUTPUTS, ...req.outputs };
      let reviewMarks = req.reviewMarks ?? false;
      if (req.stored === true) {
        const checked = toOptions(stored.options);
        if (!checked.ok) throw new InvalidStoredOptions(checked.message);
        options = checked.options;
        outputs = stored.options.outputs;
        reviewMarks = stored.options.reviewMarks;
      }
      const box = read.box;
      const range = boxAddress(box);
      // A ribbon command ends after 5 minutes: a table too large for it is left to the pane, before anything is written.
      if (req.limit !== undefined && (box.rows * box.cols > req.limit.cells || req.limit.now() > req.limit.deadline))
        throw new UserError('ribbonTooLarge', { cells: box.rows * box.cols, address: range });

      onProgress?.('normalizing', 0, 1);
      const onStep = (s: NormalizeProgress) => onProgress?.('normalizing', s.done, s.total, s.step);
      const cells: SheetCells = { cells: read.grid, hiddenRows: read.hiddenRows, hiddenCols: read.hiddenCols };
      // What the table's source knows: the import's own word, or the PDF reading the sheet keeps (a re-run).
      const tag = p.pdf;
      const amend = req.amend ?? (tag !== null ? (m: Model) => withReadingFindings(m, tag) : (m: Model) => m);
      const normalize = async (o: OptionsInput) => amend(await normalizeInSteps(cells, o, onStep));
      const origin = { row: box.row, col: box.col };
      // The user's correction, or one remembered in the workbook for a table with the same header, in the input's letters.
      // The signature is the table's own (read without any correction), so that a correction is found again.
      let model = await normalize(options);
      const signature = signatureOf(model.reading.tables[0]?.fields ?? []);
      let applied: NormalizeResult['applied'] = null;
      const mapping = req.mapping ?? stored.mappings[signature];
      if (mapping !== undefined) {
        model = await normalize({ ...options, mapping: shiftMapping(mapping, -origin.row, -origin.col) });
        applied = { mapping, remembered: req.mapping === undefined };
      }
      // Nothing to show and nothing to mark: say so (and that only one cell was read, if so), and write nothing.
      if (nothingRecognised(model))
        throw box.rows * box.cols === 1 ? new UserError('oneCell', { address: range }) : new UserError('nothingRead');
      if (req.limit !== undefined && req.limit.now() > req.limit.deadline)
        throw new UserError('ribbonTooLarge', { cells: box.rows * box.cols, address: range });
      const plan = buildPlan(model, { lang: req.lang, outputs, sheetName: p.sheetName, origin, reviewMarks });
      const prepared = await prepare(context, plan, {
        probe: p,
        read,
        box: range,
        records,
        legacy,
        apis: caps.apis,
        tagsApi: caps.tags,
        lang: req.lang,
        model,
        origin,
        allSheetId: stored.allSheetId ?? null,
      });
      // The settings kept with the run: the pane's options, a correction the user made.
      let settings: DocumentSettings = req.save !== undefined ? { ...stored, options: req.save } : stored;
      if (req.mapping !== undefined) settings = withMapping(settings, signature, req.mapping);
      const changed = req.save !== undefined || req.mapping !== undefined;

      const notices: Notice[] = [];
      if (p.protected && plan.marks.length > 0) notices.push({ key: 'protectedSheet' });
      if (prepared.structureKept) notices.push({ key: 'structureProtected' });
      if (prepared.commentCells > 0) notices.push({ key: 'commentCells', count: prepared.commentCells });
      // The merged cells of a sheet the add-in imported are the PDF's, merged by the add-in: nothing to say.
      if (read.mergedAreas > 0 && p.pdf === null) notices.push({ key: 'mergedCells', count: read.mergedAreas });
      if (read.errorValues > 0) notices.push({ key: 'errorValues', count: read.errorValues });
      if (model.summary.unreadRows > 0) notices.push({ key: 'unreadRows', count: model.summary.unreadRows });
      const hidden = model.reading.hidden;
      if (hidden !== undefined && hidden.rows.length > 0)
        notices.push({ key: 'hiddenRows', count: hidden.rows.length, counted: hidden.counted });
      if (hidden !== undefined && hidden.columns.length > 0)
        notices.push({ key: 'hiddenCols', count: hidden.columns.length, counted: hidden.counted });
      const { beyond } = read;
      if (beyond.below !== null) notices.push({ key: 'moreBelow', row: box.row + box.rows });
      if (beyond.right) notices.push({ key: 'moreRight', column: columnLetter(box.col + box.cols - 1) });
      if (beyond.left) notices.push({ key: 'moreLeft', column: columnLetter(box.col) });
      return {
        model,
        plan,
        origin,
        range,
        prepared,
        notices,
        sheetName: p.sheetName,
        signature,
        applied,
        settings: { value: settings, partId: p.parts.settings, changed },
      };
    },
    wait,
    false,
  );
  // Run 2, one undo step where the host offers it: what the user sees.
  onProgress?.('writing', 0, 1);
  const applied = await runOn(
    host,
    (context) =>
      write(
        context,
        first.plan,
        first.prepared,
        { model: first.model, lang: req.lang, origin: first.origin, apis: caps.apis, settings: first.settings },
        (d, t) => onProgress?.('writing', d, t),
      ),
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
  /** Notes of the add-in that this host cannot reach (kept in the record, so that a host with notes removes them). */
  notesLeft: number;
}

/** A table's marks to put back, found for Clear. */
interface ClearTarget {
  stored: StoredRecord & { record: TableRecord };
  sheetName: string;
}

/**
 * Put the cells the add-in marked back as they were, in one undo step where the host offers it: fills,
 * notes (ExcelApi 1.18) and the comments an earlier version wrote (1.10), whichever host wrote them. Clear
 * acts on the table at the selection (of the active sheet, or the table whose output sheet is active), or,
 * `all`, on every table. The record is emptied of the marks in the same step, so that an undo brings back
 * both; notes this host cannot reach stay in it. A protected sheet is said, and nothing is changed.
 */
export async function clearFlags(host: ExcelHost, opts: { all?: boolean } = {}): Promise<ClearResult> {
  const caps = capabilities(host);
  const options: RunOptions = { ...(caps.cellEdit ? { delayForCellEdit: true } : {}), ...(caps.undoGroup ? { mergeUndoGroup: true } : {}) };
  return runOn(
    host,
    async (context) => {
      const wb = context.workbook;
      const active = wb.worksheets.getActiveWorksheet();
      active.load('id, name');
      const source = caps.tags ? active.customProperties.getItemOrNullObject(SOURCE_TAG) : null;
      source?.load('value');
      const selection = opts.all === true ? null : wb.getSelectedRanges();
      selection?.load('address');
      wb.worksheets.load('items/id,items/name,items/protection/protected');
      const legacySheet = wb.worksheets.getItemOrNullObject(STATE_SHEET);
      legacySheet.load('id');
      const list = queuePartList(context);
      await context.sync();
      const parts = list();
      const sheets = new Map(wb.worksheets.items.map((w) => [w.id, { name: w.name, protected: w.protection.protected }]));
      // The records to look at: every table's, or those of the active sheet and of the table whose output it is.
      const sheetIds =
        opts.all === true
          ? [...parts.tables.keys()]
          : [active.id, ...(source !== null && !source.isNullObject ? [String(source.value)] : [])];
      const ids = sheetIds.flatMap((id) => parts.tables.get(id) ?? []);
      const xml = new Map((await loadXml(context, ids)).map((x) => [x.id, x.xml]));
      const all = sheetIds.flatMap((id) => recordsOf((parts.tables.get(id) ?? []).map((pid) => ({ id: pid, xml: xml.get(pid) ?? '' }))));
      const valid = all.filter((r): r is StoredRecord & { record: TableRecord } => r.record !== null && sheets.has(r.record.sheetId));
      let legacy: LegacyState | null = legacySheet.isNullObject ? null : await readLegacyState(context);
      if (legacy !== null && !sheets.has(legacy.sourceSheetId)) legacy = null;

      let targets: ClearTarget[];
      if (opts.all === true) targets = valid.map((r) => ({ stored: r, sheetName: sheets.get(r.record.sheetId)?.name ?? '' }));
      else {
        const at = boxOf((selection?.address ?? '').split(',')[0] ?? '');
        const here = valid.filter((r) => r.record.sheetId === active.id);
        const hit = here.filter((r) => overlaps(boxOf(r.record.box), at));
        const owner = valid.filter((r) => r.record.outputs.some((o) => o.sheetId === active.id) || r.record.all?.sheetId === active.id);
        const chosen = hit.length > 0 ? hit : here.length === 1 ? here : owner.length === 1 ? owner : [];
        targets = chosen.map((r) => ({ stored: r, sheetName: sheets.get(r.record.sheetId)?.name ?? '' }));
        if (legacy !== null && legacy.sourceSheetId !== active.id) legacy = null;
        if (chosen.length === 0 && (here.length > 1 || owner.length > 1)) throw new UserError('clearWhich');
      }
      if (legacy !== null && legacy.marks.length === 0) legacy = null;
      const withMarks = targets.filter((t) => t.stored.record.marks.length > 0);
      // A protected sheet refuses the changes: said, and nothing is changed anywhere.
      for (const id of [...withMarks.map((t) => t.stored.record.sheetId), ...(legacy !== null ? [legacy.sourceSheetId] : [])]) {
        const s = sheets.get(id);
        if (s?.protected === true) throw new UserError('clearProtected', { sheet: s.name });
      }
      type Job = { sheetId: string; marks: MarkState[]; done: (left: MarkState[], batch: Batch) => Promise<void> };
      const jobs: Job[] = withMarks.map((t) => ({
        sheetId: t.stored.record.sheetId,
        marks: t.stored.record.marks,
        done: (left, batch) => queueWriteRecord(context, { ...t.stored.record, marks: left }, t.stored.partIds, (b) => batch.reserve(b)),
      }));
      if (legacy !== null)
        jobs.push({ sheetId: legacy.sourceSheetId, marks: legacy.marks, done: async () => queueClearLegacyState(context) });
      if (jobs.length === 0) return { restored: 0, notesLeft: 0 };

      // What each marked cell holds now: its note (is it still ours?), an earlier version's comment.
      const found: Array<{ job: Job; notes: Map<string, string | null>; ours: Set<string> }> = [];
      for (const job of jobs) {
        const sheet = wb.worksheets.getItem(job.sheetId);
        const noteMarks = job.marks.filter((m) => m.note.kind === 'note').map((m) => m.address);
        const notes =
          caps.apis.notes && noteMarks.length > 0 ? await loadNotes(context, sheet, noteMarks) : new Map<string, string | null>();
        const ours = new Set<string>();
        const commentMarks = job.marks.filter((m) => m.note.kind === 'comment').map((m) => m.address);
        if (caps.apis.comments && commentMarks.length > 0) {
          try {
            const cells = await commentCells(context, sheet, await commentCount(context, sheet));
            const at = new Map(commentMarks.filter((a) => cells.has(a)).map((a) => [a, cells.get(a) as number]));
            for (const [a, text] of await commentTexts(context, sheet, at)) if (isOurNote(text)) ours.add(a);
          } catch (e) {
            // A host that reports comments but has not implemented them: they stay, as on a host without them.
            if (codeOf(e) !== 'NotImplemented') throw e;
          }
        }
        found.push({ job, notes, ours });
      }
      const batch = new Batch(context);
      let restored = 0;
      let notesLeft = 0;
      for (const { job, notes, ours } of found) {
        const sheet = wb.worksheets.getItem(job.sheetId);
        const left: MarkState[] = [];
        for (const m of job.marks) {
          await batch.reserve(300);
          queueRestore(sheet, m, notes.get(m.address), caps.apis);
          if (ours.has(m.address)) sheet.comments.getItemByCell(m.address).delete();
          if (m.restored !== true) restored++;
          // A note this host cannot reach stays in the record, its fill already back.
          if (m.note.kind === 'note' && !caps.apis.notes) {
            left.push({ ...m, restored: true });
            notesLeft++;
          }
        }
        await job.done(left, batch);
      }
      await batch.flush();
      return { restored, notesLeft };
    },
    options,
    true,
  );
}

/** The workbook's settings (options, remembered corrections), as every entry point reads them; `exists` when the workbook has them. */
export async function readSettings(host: ExcelHost): Promise<{ settings: DocumentSettings; exists: boolean }> {
  const { settings, partId } = await runOn(host, (context) => readSettingsIn(context), {}, false);
  return { settings, exists: partId !== null };
}

/** Change the workbook's settings (the pane's options as they are changed, a correction forgotten). */
export async function updateSettings(host: ExcelHost, change: (s: DocumentSettings) => DocumentSettings): Promise<void> {
  const caps = capabilities(host);
  await runOn(
    host,
    async (context) => {
      const { settings, partId } = await readSettingsIn(context);
      queueWriteSettings(context, change(settings), partId);
      await context.sync();
    },
    caps.cellEdit ? { delayForCellEdit: true } : {},
    true,
  );
}

/** Select a cell of the user's sheet (an issue clicked in the task pane). */
export async function selectCell(host: ExcelHost, sheetName: string, address: string): Promise<void> {
  await runOn(
    host,
    async (context) => {
      const ws = context.workbook.worksheets.getItem(sheetName);
      ws.activate();
      ws.getRange(address).select();
      await context.sync();
    },
    {},
    false,
  );
}
