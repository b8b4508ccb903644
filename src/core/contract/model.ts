/**
 * model.ts — the normalised model and its JSON contract.
 *
 * Owns: the shape that `budget-normalize INPUT --json` prints and that the plan is built
 * from, as TypeScript types and as a zod schema (`ModelSchema`) that validates it at the
 * edges. Amounts here are plain numbers in the table's own unit; inside the core they are
 * scaled integers (see amount.ts).
 */
import { z } from 'zod';
import { AMOUNT_UNITS } from './money';
import { LAYOUTS } from './layouts';
import { MappingSchema } from './mapping';
import { READING_ROLES } from './roles';

export const ROW_KINDS = ['title', 'header', 'grandTotal', 'unit', 'project', 'continuation', 'blank'] as const;
/** The fields a flag can be on, in the order of a row's cells (flags of a row are listed in this order). */
export const FLAG_COLUMNS = ['name', 'total', 'fiscal', 'specialAccount', 'other', 'goal', 'indicators'] as const;
export const FLAG_CODES = [
  'row-sum-mismatch',
  'subtotal-mismatch',
  'grand-total-mismatch',
  'missing-amount',
  'unparsable-amount',
  'no-indicators',
  'indicator-garbled',
  'amount-recovered',
  'amount-shown',
  'hidden-cells',
  'no-header',
  'unread-row',
  'reading-uncertain',
  'no-amount',
  'no-name',
  'name-joined',
  'table-repeated',
  'encoding-repaired',
  'amount-rounded',
  'columns-cut',
  'cell-cut',
] as const;
/** A reviewers' check's code: `review-` and the rule's name (the rule table, checks/review.ts, lists them). */
export const ReviewCodeSchema = z.templateLiteral(['review-', z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)]);
export type ReviewCode = z.infer<typeof ReviewCodeSchema>;
export const SEVERITIES = ['error', 'warning', 'info'] as const;
/** A sum mismatch's likely cause, first preferred first (checks/explain.ts). */
export const HINTS = ['rounding', 'unit-slip', 'double-count', 'omission', 'transposition'] as const;
export type Hint = (typeof HINTS)[number];
export const OPS = ['≥', '≤', '>', '<', '='] as const;

export const TargetSchema = z.object({
  raw: z.string(),
  op: z.enum(OPS).nullable(),
  value: z.number().nullable(),
  unit: z.string().nullable(),
});

export const IndicatorSchema = z.object({
  seq: z.number().int(),
  level1Code: z.string().nullable(),
  /** 一级 / 二级 as written; null where the table gives no levels. */
  level1: z.string().nullable(),
  level2Code: z.string().nullable(),
  level2: z.string().nullable(),
  name: z.string(),
  period: TargetSchema.nullable(),
  annual: TargetSchema.nullable(),
  /** A second target block beside the annual one (`2021年实际实现值`), with its column's header. */
  second: z.object({ label: z.string(), target: TargetSchema }).nullable(),
  /** Canonical 一级 / 二级 and 二级 code (domain.md taxonomy), or null for names not known. */
  level1Std: z.string().nullable(),
  level2Std: z.string().nullable(),
  level2StdCode: z.string().nullable(),
  /** A weight written with the level (`产出指标(50分)`) or in a 权重 column. */
  weight: z.string().nullable(),
});

const AmountValue = z.number().nullable();
export const AmountsSchema = z.object({
  total: AmountValue,
  fiscal: AmountValue,
  specialAccount: AmountValue,
  other: AmountValue,
});

const ColIndex = z.number().int().nonnegative().nullable();
export const RowSchema = z.object({
  row: z.number().int().positive(),
  kind: z.enum(ROW_KINDS),
  name: z.string().nullable(),
  parentRow: z.number().int().positive().nullable(),
  amounts: AmountsSchema,
  goal: z.string().nullable(),
  indicators: z.array(IndicatorSchema),
  /** 0-based source column of each field in the input row (after realignment). */
  cols: z.object({
    name: ColIndex,
    total: ColIndex,
    fiscal: ColIndex,
    specialAccount: ColIndex,
    other: ColIndex,
    goal: ColIndex,
    indicators: ColIndex,
  }),
  /** Amount fields whose value was inferred (a missing total) or recovered (glued to text). */
  inferred: z.array(z.enum(['total', 'fiscal', 'specialAccount', 'other'])),
  /** Rows whose text was merged into this one (continuations after a page break). */
  mergedRows: z.array(z.number().int().positive()),
  /** The unit a grid list names on the project's own row (单位名称), when it has no unit row. */
  unitName: z.string().nullable(),
});

export const FlagSchema = z.object({
  row: z.number().int().positive(),
  column: z.enum(FLAG_COLUMNS),
  /** A1 address of the flagged cell in the input, relative to the input's first cell. */
  cell: z.string(),
  /** 0-based column of the flagged cell in the input. */
  col: z.number().int().nonnegative(),
  severity: z.enum(SEVERITIES),
  code: z.union([z.enum(FLAG_CODES), ReviewCodeSchema]),
  expected: z.union([z.number(), z.string()]).nullable(),
  actual: z.union([z.number(), z.string()]).nullable(),
  message: z.object({ zh: z.string(), en: z.string() }),
  /** A sum mismatch's likely cause (checks/explain.ts); the message names the fix. */
  hint: z.enum(HINTS).optional(),
  /** The flag whose hint explains this one: fixing that cell clears this mismatch too. */
  explainedBy: z.object({ row: z.number().int().positive(), col: z.number().int().nonnegative(), cell: z.string() }).optional(),
});

export const SummarySchema = z.object({
  rows: z.number().int(),
  units: z.number().int(),
  projects: z.number().int(),
  indicators: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
  infos: z.number().int(),
  /** Review warnings (coverage, measurability, consistency, missing values, duplicates). */
  reviews: z.number().int(),
  /** Indicators whose 一级 or 二级 is not a known name (kept as written, not forced into a category). */
  unknownLevels: z.number().int(),
  /** Rows with content that were read as no known kind (each is flagged `unread-row`). */
  unreadRows: z.number().int(),
});

/** Every role a column or a form key can be given, and `ignore` (read, and left out). */

export const CONFIDENCES = ['high', 'low'] as const;
/** Why a role was given: the label matched a name exactly, by a pattern or inside a longer label; the cells below looked like it; the default order was assumed; a key had its value glued to it. */
export const EVIDENCE = ['label', 'label-pattern', 'label-contains', 'cells', 'default', 'glued', 'user'] as const;

/** One column or form key as it was read. */
export const FieldReadingSchema = z.object({
  /** 1-based row of the header or key cell; null for a column assumed by position. */
  row: z.number().int().positive().nullable(),
  col: z.number().int().nonnegative(),
  text: z.string(),
  role: z.enum(READING_ROLES),
  confidence: z.enum(CONFIDENCES),
  evidence: z.enum(EVIDENCE),
});

/** The kinds of block a table is made of (layouts/segment.ts). */
export const BLOCK_KINDS = ['title', 'header', 'body', 'heading', 'subtotal', 'note', 'blank'] as const;
/** A run of rows of one kind: 1-based first and last rows. */
export const TableBlockSchema = z.object({
  kind: z.enum(BLOCK_KINDS),
  startRow: z.number().int().positive(),
  endRow: z.number().int().positive(),
});

/** One table of the paste, as it was read. */
export const TableReadingSchema = z.object({
  /** 1-based first and last rows. */
  startRow: z.number().int().positive(),
  endRow: z.number().int().positive(),
  layout: z.enum(LAYOUTS),
  /** How sure the layout is: high when the table named its kind (a header, form keys), low when it was assumed. */
  confidence: z.enum(CONFIDENCES),
  /** 1-based header rows (two for a two-row header; none for a form). */
  headerRows: z.array(z.number().int().positive()),
  /** The first row of an earlier table this one repeats (the same table pasted twice), or null. */
  repeatOf: z.number().int().positive().nullable(),
  fields: z.array(FieldReadingSchema),
  /** The table's blocks, in order: title lines, header rows, body, headings, 小计 lines, notes, blank rows. */
  blocks: z.array(TableBlockSchema),
});

/** How the paste was read: its tables, each with its layout, header and the role of each column or key. */
export const ReadingSchema = z.object({
  tables: z.array(TableReadingSchema),
  /** 1-based rows with content that were read as no known kind. */
  unreadRows: z.array(z.number().int().positive()),
  /** The mapping used (detected or corrected), in the form `--map-file` and the pane take: copy it to fix a template once. */
  mapping: MappingSchema,
  /** Hidden rows (1-based) and columns (0-based) with content, and whether they were read; absent when none. */
  hidden: z
    .object({ rows: z.array(z.number().int().positive()), columns: z.array(z.number().int().nonnegative()), counted: z.boolean() })
    .optional(),
});

export const ModelSchema = z.object({
  amountUnit: z.enum(AMOUNT_UNITS).nullable(),
  /** packed: one row per project, indicators in one cell; grid: one row per indicator; form: one project per form. */
  layout: z.enum(LAYOUTS),
  headerRow: z.number().int().positive().nullable(),
  rows: z.array(RowSchema),
  flags: z.array(FlagSchema),
  summary: SummarySchema,
  reading: ReadingSchema,
});

export type RowKind = (typeof ROW_KINDS)[number];
export type FlagColumn = (typeof FLAG_COLUMNS)[number];
export type FlagCode = (typeof FLAG_CODES)[number] | ReviewCode;
export type Severity = (typeof SEVERITIES)[number];
export type Amounts = z.infer<typeof AmountsSchema>;
export type Row = z.infer<typeof RowSchema>;
export type Flag = z.infer<typeof FlagSchema>;
export type Summary = z.infer<typeof SummarySchema>;
export type Model = z.infer<typeof ModelSchema>;
export type Reading = z.infer<typeof ReadingSchema>;
export type TableReading = z.infer<typeof TableReadingSchema>;
export type BlockKind = (typeof BLOCK_KINDS)[number];
export type TableBlock = z.infer<typeof TableBlockSchema>;
export type FieldReading = z.infer<typeof FieldReadingSchema>;
export type Op = (typeof OPS)[number];
export type Target = z.infer<typeof TargetSchema>;
export type Indicator = z.infer<typeof IndicatorSchema>;
