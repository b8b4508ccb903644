/**
 * state.ts — the record earlier versions kept in a very hidden sheet (`BN_State`), read so that their marks
 * can still be cleared and their output sheets reused.
 *
 * Owns: the old record's form (the magic word in A1, then JSON in chunks of column A), reading it in
 * requests of a bounded size, and emptying it (values only, which Excel can undo). The sheet itself stays:
 * deleting it, or changing its visibility, would clear the user's undo stack. New records are custom XML
 * parts (store.ts).
 */
import { z } from 'zod';
import { SHEET_ROLES } from '../core';
import { MarkStateSchema } from './store';

export const STATE_SHEET = 'BN_State';
export const STATE_MAGIC = 'budget-normalizer-state';
/** Rows of column A read per request: 60 chunks of at most 30,000 characters, under 2 MB. */
const LEGACY_ROWS_PER_REQUEST = 60;

export const LegacyStateSchema = z.object({
  v: z.literal(1),
  sourceSheetId: z.string(),
  sourceSheetName: z.string(),
  outputs: z.array(z.object({ role: z.enum(SHEET_ROLES), sheetId: z.string(), name: z.string() })),
  marks: z.array(MarkStateSchema),
});
export type LegacyState = z.infer<typeof LegacyStateSchema>;

/** Read the old record back; null when the sheet is not the add-in's or its content is damaged. */
export function stateFromCells(values: unknown[][] | null | undefined): LegacyState | null {
  if (!values || values.length < 2 || values[0]?.[0] !== STATE_MAGIC) return null;
  const json = values
    .slice(1)
    .map((r) => (typeof r[0] === 'string' ? r[0] : ''))
    .join('');
  try {
    const parsed = LegacyStateSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The old record, read a block of rows a request (the used range's row count first). */
export async function readLegacyState(context: Excel.RequestContext): Promise<LegacyState | null> {
  const sheet = context.workbook.worksheets.getItem(STATE_SHEET);
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('rowCount, rowIndex, columnIndex');
  const head = sheet.getRange(`A1:A${LEGACY_ROWS_PER_REQUEST}`);
  head.load('values');
  await context.sync();
  if (used.isNullObject) return null;
  const rows = used.rowIndex + used.rowCount;
  const values: unknown[][] = head.values.slice(0, rows);
  for (let r = LEGACY_ROWS_PER_REQUEST; r < rows; r += LEGACY_ROWS_PER_REQUEST) {
    const block = sheet.getRange(`A${r + 1}:A${Math.min(rows, r + LEGACY_ROWS_PER_REQUEST)}`);
    block.load('values');
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- budgeted: 60 rows of at most 30,000 characters a request.
    await context.sync();
    values.push(...block.values);
  }
  return stateFromCells(values);
}

/** Queue emptying the old record (values only: Excel can undo it, and the sheet stays as it is). */
export function queueClearLegacyState(context: Excel.RequestContext): void {
  context.workbook.worksheets.getItem(STATE_SHEET).getRange('A:A').clear();
}
