/**
 * mapping.ts — a reading the user corrected, as data: the layout, the header rows, and the role of any
 * column or form key.
 *
 * Owns: the one schema that the task pane stores in the workbook, that `--map` and `--map-file` give
 * the CLI, and that the contract reports as the mapping used. Column letters are the input's: A is
 * its first column (the pane converts from the sheet's letters). Applying a mapping is the layouts'
 * (layouts/mapping.ts).
 */
import { z } from 'zod';
import { LAYOUTS } from './layouts';
import { READING_ROLES } from './roles';

export const MappingSchema = z
  .object({
    layout: z.enum(LAYOUTS).optional(),
    /** 1-based header rows (one, or two for a two-row header). */
    headerRows: z.array(z.number().int().positive()).min(1).max(2).optional(),
    /** Column letter → role (`ignore`: read and left out). */
    columns: z.record(z.string().regex(/^[A-Z]{1,3}$/, 'a column is written as letters, A to XFD'), z.enum(READING_ROLES)).default({}),
    /** A form key, as its label reads → role. */
    keys: z.record(z.string().min(1), z.enum(READING_ROLES)).default({}),
  })
  .strict();
export type Mapping = z.output<typeof MappingSchema>;
export type MappingInput = z.input<typeof MappingSchema>;
