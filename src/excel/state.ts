/**
 * state.ts — what the add-in remembers in the workbook, so that it can undo its own marks.
 *
 * Owns: the record of one Normalize (the sheets it created, by id, and for every cell it
 * marked the fill and note that were there before), its JSON form validated with zod, and
 * its storage in a very hidden worksheet. The record travels with the workbook, so Clear
 * works after the file is closed and reopened, and only ever touches what the add-in did.
 */
import { z } from 'zod';
import { SHEET_ROLES } from '../core';

export const STATE_SHEET = 'BN_State';
export const STATE_MAGIC = 'budget-normalizer-state';
/** Characters per cell; Excel holds at most 32,767 in one cell. */
const CHUNK = 30_000;

export const NoteBeforeSchema = z.object({
  kind: z.enum(['note', 'comment', 'none']),
  /** The content of a note the user had on the cell before, or null for none. */
  original: z.string().nullable(),
  /** The id of the comment the add-in added (comments fallback). */
  commentId: z.string().nullable().default(null),
});

export const MarkStateSchema = z.object({
  address: z.string(),
  /** The fill colour before the mark, or null for no fill. */
  fill: z.string().nullable(),
  note: NoteBeforeSchema,
});

export const StateSchema = z.object({
  v: z.literal(1),
  sourceSheetId: z.string(),
  sourceSheetName: z.string(),
  outputs: z.array(z.object({ role: z.enum(SHEET_ROLES), sheetId: z.string(), name: z.string() })),
  marks: z.array(MarkStateSchema),
});

export type MarkState = z.infer<typeof MarkStateSchema>;
export type AddinState = z.infer<typeof StateSchema>;

/** The state as the cells of column A of the state sheet: the magic word, then JSON in chunks. */
export function stateToCells(state: AddinState): string[][] {
  const json = JSON.stringify(state);
  const cells: string[][] = [[STATE_MAGIC]];
  for (let i = 0; i < json.length; i += CHUNK) cells.push([json.slice(i, i + CHUNK)]);
  return cells;
}

/** Read the state back; null when the sheet is not the add-in's or its content is damaged. */
export function stateFromCells(values: unknown[][] | null | undefined): AddinState | null {
  if (!values || values.length < 2 || values[0]?.[0] !== STATE_MAGIC) return null;
  const json = values
    .slice(1)
    .map((r) => (typeof r[0] === 'string' ? r[0] : ''))
    .join('');
  try {
    const parsed = StateSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
