/**
 * run.ts — the two commands, Normalize and Clear flags, each one `Excel.run`.
 *
 * Owns: the order of requests (probe, read, inspect, write), the hand-over to the pure core
 * (`normalize`, `buildPlan`) between reading and writing, the requirement sets each step
 * needs (newer ones only behind `isSetSupported`), and what the task pane is told back.
 * A Normalize of a table that fits one request makes at most four `context.sync()` calls.
 */
import { Lang } from '../core/output/i18n';
import { Model } from '../core/output/model';
import { normalize, nothingRecognised } from '../core/normalize';
import { OptionsInput } from '../core/options';
import { ALL_OUTPUTS, buildPlan, WorkbookPlan, Outputs, SheetRole } from '../core/output/plan';
import { applyPlan, commentsOn, isOurNote, loadNotes, NotesApi, queueRestore } from './apply';
import { ExcelHost } from './host';
import { probe, readTarget, UserError } from './selection';
import { STATE_SHEET, stateFromCells } from './state';

export interface Capabilities {
  notes: NotesApi;
  tags: boolean;
  merged: boolean;
  undoGroup: boolean;
}

export function capabilities(host: ExcelHost): Capabilities {
  const has = (v: string) => host.isSetSupported('ExcelApi', v);
  return {
    notes: has('1.18') ? 'note' : has('1.10') ? 'comment' : 'none',
    tags: has('1.12'),
    merged: has('1.13'),
    undoGroup: has('1.20'),
  };
}

export interface NormalizeRequest {
  options?: OptionsInput;
  lang: Lang;
  outputs?: Partial<Outputs>;
}

export type Notice =
  | { key: 'protectedSheet' }
  | { key: 'mergedCells'; count: number }
  | { key: 'errorValues'; count: number }
  | { key: 'unreadRows'; count: number };

export interface NormalizeResult {
  model: Model;
  plan: WorkbookPlan;
  sheetName: string;
  /** 0-based sheet position of the table's first cell. */
  origin: { row: number; col: number };
  sheetNames: Partial<Record<SheetRole, string>>;
  notices: Notice[];
}

export type Phase = 'reading' | 'normalizing' | 'writing';

export async function normalizeSelection(
  host: ExcelHost,
  req: NormalizeRequest,
  onProgress?: (phase: Phase, done: number, total: number) => void,
): Promise<NormalizeResult> {
  const caps = capabilities(host);
  const outputs: Outputs = { ...ALL_OUTPUTS, ...req.outputs };
  return host.run(
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
      if (!read.grid.some((row) => row.some((v) => v !== null && v !== undefined && String(v).trim() !== ''))) {
        throw new UserError('selectTable');
      }
      onProgress?.('normalizing', 0, 1);
      const model = normalize(read.grid, req.options);
      // Nothing to show and nothing to mark: say so, and write nothing.
      if (nothingRecognised(model)) throw new UserError('nothingRead');
      const origin = { row: p.target.rowIndex, col: p.target.columnIndex };
      const plan = buildPlan(model, {
        lang: req.lang,
        outputs: { ...outputs, flags: outputs.flags },
        sheetName: p.sheetName,
        origin,
      });
      const oldState = stateFromCells(read.stateValues);
      onProgress?.('writing', 0, 1);
      const applied = await applyPlan(context, plan, {
        probe: p,
        read,
        oldState,
        notesApi: caps.notes,
        tagsApi: caps.tags,
        onProgress: (d, t) => onProgress?.('writing', d, t),
      });
      const notices: Notice[] = [];
      if (p.protected && plan.marks.length > 0) notices.push({ key: 'protectedSheet' });
      if (read.mergedAreas > 0) notices.push({ key: 'mergedCells', count: read.mergedAreas });
      if (read.errorValues > 0) notices.push({ key: 'errorValues', count: read.errorValues });
      if (model.summary.unreadRows > 0) notices.push({ key: 'unreadRows', count: model.summary.unreadRows });
      return { model, plan, sheetName: p.sheetName, origin, sheetNames: applied.sheetNames, notices };
    },
    { mergeUndoGroup: caps.undoGroup },
  );
}

/** Put every cell the add-in marked back as it was. Returns the number of cells restored. */
export async function clearFlags(host: ExcelHost): Promise<number> {
  const caps = capabilities(host);
  return host.run(
    async (context) => {
      const wb = context.workbook;
      wb.worksheets.load('items/id,items/name');
      await context.sync();
      if (!wb.worksheets.items.some((w) => w.name === STATE_SHEET)) return 0;
      const stateSheet = wb.worksheets.getItem(STATE_SHEET);
      const used = stateSheet.getUsedRangeOrNullObject(true);
      used.load('values');
      await context.sync();
      const state = stateFromCells(used.isNullObject ? null : used.values);
      const source = state === null ? undefined : wb.worksheets.items.find((w) => w.id === state.sourceSheetId);
      if (state === null || source === undefined || state.marks.length === 0) {
        stateSheet.visibility = 'Hidden';
        stateSheet.delete();
        await context.sync();
        return 0;
      }
      const sheet = wb.worksheets.getItem(source.id);
      const noteMarks = state.marks.filter((m) => m.note.kind === 'note').map((m) => m.address);
      const notes =
        caps.notes === 'note' && noteMarks.length > 0 ? await loadNotes(context, sheet, noteMarks) : new Map<string, string | null>();
      if (state.marks.some((m) => m.note.kind === 'comment')) {
        const found = await commentsOn(context, source.name);
        const marked = new Set(state.marks.map((m) => m.address));
        for (const [address, c] of found) if (marked.has(address) && isOurNote(c.content)) c.comment.delete();
      }
      for (const m of state.marks) queueRestore(sheet, m, notes.get(m.address));
      stateSheet.visibility = 'Hidden';
      stateSheet.delete();
      await context.sync();
      return state.marks.length;
    },
    { mergeUndoGroup: caps.undoGroup },
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
