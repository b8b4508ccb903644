/**
 * options.ts — the options of a Normalize run, validated with zod at every edge
 * (task pane settings, CLI flags, library callers).
 */
import { z } from 'zod';
import { parseAmount } from './input/amount';
import { AMOUNT_UNITS } from './contract/money';
import { ReviewOptionsSchema } from './checks/review';
import { MappingSchema } from './contract/mapping';
import { LAYOUTS } from './contract/layouts';

/** A tolerance is a non-negative amount in the table's unit, given as a number or text. */
const Tolerance = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const p = parseAmount(v);
  if (p.kind === 'empty') return 0;
  if (p.kind !== 'value' || p.scaled < 0) {
    ctx.addIssue({ code: 'custom', message: `tolerance must be a non-negative amount with at most 4 decimals, got "${String(v)}"` });
    return z.NEVER;
  }
  return p.scaled;
});

export const OptionsSchema = z
  .object({
    /** Largest difference still accepted as equal, in the table's unit. Default 0. */
    tolerance: Tolerance.default(0),
    /** The table's amount unit: detected from its title rows, or stated. */
    amountUnit: z.enum(['auto', ...AMOUNT_UNITS]).default('auto'),
    /** Convert the model's amounts to this unit (exactly), or keep the table's own (null). */
    outputUnit: z.enum(AMOUNT_UNITS).nullable().default(null),
    /** The table's layout: detected from the cells, or stated. */
    layout: z.enum(['auto', ...LAYOUTS]).default('auto'),
    /** A reading the user corrected: layout, header rows, the role of columns and form keys. */
    mapping: MappingSchema.optional(),
    /** A mismatch within rounding (half a unit of the last decimal per summand): info, or still an error. */
    rounding: z.enum(['info', 'error']).default('info'),
    /** Hidden rows and columns are read and counted like the others (by default they are left out, and said). */
    countHidden: z.boolean().default(false),
    /** The reviewers' checks (warnings), each switchable. */
    review: ReviewOptionsSchema.default(ReviewOptionsSchema.parse({})),
  })
  .strict();

export type OptionsInput = z.input<typeof OptionsSchema>;
/** Parsed options: `tolerance` is scaled (1/10,000 of the table's unit). */
export type Options = z.output<typeof OptionsSchema>;

/** An option that cannot be honoured for this table. */
export class OptionsError extends Error {}

export function parseOptions(input: unknown): Options {
  return OptionsSchema.parse(input ?? {});
}
