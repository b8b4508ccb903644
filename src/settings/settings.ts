/**
 * settings.ts — the add-in's options, shared by the task pane and the ribbon: validated with zod and
 * remembered in the workbook itself (a custom XML part, src/excel/store.ts), so that each workbook keeps its
 * own and every entry point reads the same; and the corrections of a reading remembered there by header signature.
 *
 * Owns: what the pane's form saves and the ribbon's Normalize reads, and turning it into core options.
 * Below both the pane (src/taskpane) and the ribbon (src/commands); enters the core by its one door.
 */
import { z } from 'zod';
import { ALL_OUTPUTS, Mapping, MappingSchema, OptionsSchema, OutputsSchema, ReviewOptionsSchema } from '../core';

export const SETTINGS_KEY = 'budgetNormalizer.options';

export const PaneSettingsSchema = z.object({
  /** As the user typed it; validated as an amount (see OptionsSchema). */
  tolerance: z.string().max(20).default('0'),
  amountUnit: OptionsSchema.shape.amountUnit,
  layout: OptionsSchema.shape.layout,
  review: ReviewOptionsSchema.default(ReviewOptionsSchema.parse({})),
  outputs: OutputsSchema.default(ALL_OUTPUTS),
  /** Review findings marked on the user's sheet too (they are in the pane and the 审核提示 column either way). */
  reviewMarks: z.boolean().default(false),
  /** A difference within rounding stays an error (by default it is a hint at info level). */
  roundingError: z.boolean().default(false),
  /** Hidden rows and columns are read and counted (by default they are left out, and said). */
  countHidden: z.boolean().default(false),
});
export type PaneSettings = z.output<typeof PaneSettingsSchema>;

export const DEFAULT_SETTINGS: PaneSettings = PaneSettingsSchema.parse({});

/** Settings from storage: anything damaged or unknown falls back to the defaults. */
export function readSettings(raw: unknown): PaneSettings {
  const parsed = PaneSettingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

/** The pane's settings as core options, or the reason they are invalid. */
export function toOptions(s: PaneSettings): { ok: true; options: z.input<typeof OptionsSchema> } | { ok: false; message: string } {
  const options = {
    tolerance: s.tolerance.trim() === '' ? '0' : s.tolerance,
    amountUnit: s.amountUnit,
    layout: s.layout,
    review: s.review,
    rounding: s.roundingError ? ('error' as const) : ('info' as const),
    countHidden: s.countHidden,
  };
  const r = OptionsSchema.safeParse(options);
  return r.success ? { ok: true, options } : { ok: false, message: r.error.issues[0]?.message ?? 'invalid' };
}

export const MAPPINGS_KEY = 'budgetNormalizer.mappings';

/** Corrections of a reading remembered in the workbook, by header signature (sheet letters and rows). */
export const StoredMappingsSchema = z.record(z.string(), MappingSchema);
export type StoredMappings = z.output<typeof StoredMappingsSchema>;

/** The remembered corrections; anything damaged is dropped. */
export function readMappings(raw: unknown): StoredMappings {
  const parsed = StoredMappingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

/**
 * What the workbook keeps for every entry point (the pane and the ribbon read the same part of the
 * document: src/excel/store.ts): the options, and the corrections remembered by header signature.
 */
export interface DocumentSettings {
  options: PaneSettings;
  mappings: StoredMappings;
  /** The sheet that lists the projects of every normalized table (by id), once there is one. */
  allSheetId?: string;
}

/** Settings as stored; anything damaged falls back to the defaults (options) or is dropped (a correction). */
export function readDocumentSettings(raw: unknown): DocumentSettings {
  const o = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  return {
    options: readSettings(o.options),
    mappings: readMappings(o.mappings),
    ...(typeof o.allSheetId === 'string' ? { allSheetId: o.allSheetId } : {}),
  };
}

/** The settings with a correction remembered for tables with this header signature, or forgotten (null). */
export function withMapping(s: DocumentSettings, signature: string, mapping: Mapping | null): DocumentSettings {
  const mappings = { ...s.mappings };
  if (mapping === null) delete mappings[signature];
  else mappings[signature] = mapping;
  return { ...s, mappings };
}

/**
 * The options and corrections an earlier version kept in `Office.context.document.settings` (per add-in
 * instance: the pane's are not the ribbon's), taken over once by the pane when the workbook has no settings part.
 */
export interface LegacySettingsStore {
  get(key: string): unknown;
}

export function legacySettings(store: LegacySettingsStore | undefined): DocumentSettings | null {
  const options = store?.get(SETTINGS_KEY);
  const mappings = store?.get(MAPPINGS_KEY);
  if ((options === null || options === undefined) && (mappings === null || mappings === undefined)) return null;
  return readDocumentSettings({ options, mappings });
}
