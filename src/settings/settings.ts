/**
 * settings.ts — the add-in's options, shared by the task pane and the ribbon: validated with zod and
 * remembered in the workbook's settings (`Office.context.document.settings`), so that each workbook keeps
 * its own; and the corrections of a reading remembered there by header signature.
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

export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  saveAsync(callback?: (result: { status: string }) => void): void;
}

export function loadSettings(store: SettingsStore | undefined): PaneSettings {
  return readSettings(store?.get(SETTINGS_KEY));
}

export function saveSettings(store: SettingsStore | undefined, s: PaneSettings): void {
  if (!store) return;
  store.set(SETTINGS_KEY, s);
  store.saveAsync();
}

export const MAPPINGS_KEY = 'budgetNormalizer.mappings';

/** Corrections of a reading remembered in the workbook, by header signature (sheet letters and rows). */
export const StoredMappingsSchema = z.record(z.string(), MappingSchema);
export type StoredMappings = z.output<typeof StoredMappingsSchema>;

/** The remembered corrections; anything damaged is dropped. */
export function loadMappings(store: SettingsStore | undefined): StoredMappings {
  const parsed = StoredMappingsSchema.safeParse(store?.get(MAPPINGS_KEY) ?? {});
  return parsed.success ? parsed.data : {};
}

/** Remember a correction for tables with this header signature, or forget it (null). */
export function saveMapping(store: SettingsStore | undefined, signature: string, mapping: Mapping | null): void {
  if (!store) return;
  const all = loadMappings(store);
  if (mapping === null) delete all[signature];
  else all[signature] = mapping;
  store.set(MAPPINGS_KEY, all);
  store.saveAsync();
}
