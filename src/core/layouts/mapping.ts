/**
 * mapping.ts — a reading the user corrected: the layout, the header rows, and the role of any
 * column or form key, as data.
 *
 * Owns: the one schema that the task pane stores in the workbook, that `--map` and `--map-file` give
 * the CLI, and that the contract reports as the mapping used; the short text form
 * (`B=name,D=total,key:当年预算=total`); a table's header signature, by which a stored mapping is
 * found again; and applying a mapping's columns to a header. Column letters are the input's: A is
 * its first column (the pane converts from the sheet's letters).
 */
import { z } from 'zod';
import type { Grid } from '../input/grid';
import { columnLetter } from '../input/grid';
import { HeaderMatch, matchHeaderRow } from '../input/header';
import { cellText } from '../input/text';
import { ColumnMap, COLUMN_ROLES, labelKey, READING_ROLES, Role } from '../input/vocabulary';
import { LAYOUTS } from './names';

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

/** The 0-based column of a letter (`A` → 0, `AA` → 26). */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A mapping's short text form: `B=name,D=total,key:当年预算=total,layout=form,header=2`. */
export function parseMappingText(text: string): MappingInput {
  const out: { layout?: string; headerRows?: number[]; columns: Record<string, string>; keys: Record<string, string> } = {
    columns: {},
    keys: {},
  };
  for (const part of text.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const eq = item.lastIndexOf('=');
    if (eq <= 0) throw new Error(`"${item}" is not WHAT=ROLE`);
    const what = item.slice(0, eq).trim();
    const role = item.slice(eq + 1).trim();
    if (what === 'layout') out.layout = role;
    else if (what === 'header') out.headerRows = role.split('+').map((r) => Number(r));
    else if (what.startsWith('key:')) out.keys[labelKey(what.slice(4)).key] = role;
    else out.columns[what.toUpperCase()] = role;
  }
  return out as MappingInput;
}

/** The roles a mapping may give a column (the vocabulary's, and `ignore`). */
export const MAPPABLE_ROLES: readonly string[] = READING_ROLES;

/** The header signature a stored mapping is found by: the header rows' texts (or, for forms, the keys), normalised, in order. */
export function headerSignature(texts: readonly string[]): string {
  return texts.map((t) => labelKey(t).key).join('|');
}

/** The texts of some rows, for a signature. */
export function rowTexts(cells: Grid, rows: readonly number[]): string[] {
  return rows.flatMap((r) => (cells[r] ?? []).map((v) => cellText(v).trim()).filter((t) => t !== ''));
}

/**
 * A header with the mapping applied: the stated header rows (or the one found, or the first row), the roles the
 * vocabulary gives them, then each mapped column's role (a role moves to its mapped column;
 * `ignore` takes the column out).
 */
export function mappedHeader(cells: Grid, found: HeaderMatch | null, mapping: Mapping): HeaderMatch | null {
  // Columns mapped where no header was found: their labels are on the table's first row with content.
  const first = cells.findIndex((row) => row.some((v) => cellText(v).trim() !== ''));
  const rows = mapping.headerRows?.map((r) => r - 1) ?? found?.rows ?? (first >= 0 ? [first] : null);
  if (rows === null) return null;
  const columns: ColumnMap = {};
  if (mapping.headerRows === undefined && found !== null) Object.assign(columns, found.columns);
  else
    for (const r of rows)
      for (const [role, c] of Object.entries(matchHeaderRow(cells[r] ?? []).columns) as Array<[Role, number]>)
        if (columns[role] === undefined) columns[role] = c;
  for (const [letter, role] of Object.entries(mapping.columns)) {
    const col = columnIndex(letter);
    for (const [r, c] of Object.entries(columns) as Array<[Role, number]>) if (c === col) delete columns[r];
    if (role !== 'ignore' && (COLUMN_ROLES as readonly string[]).includes(role)) columns[role as Role] = col;
  }
  return { row: rows[0] as number, rows, columns, matched: Object.keys(columns).length };
}

/** A column's letter, for the contract. */
export const letterOf = columnLetter;

/** A mapping moved by whole rows and columns: from the input's letters to the sheet's (+origin) or back (−origin). */
export function shiftMapping(m: Mapping, rows: number, cols: number): Mapping {
  const columns: Mapping['columns'] = {};
  for (const [letter, role] of Object.entries(m.columns)) {
    const c = columnIndex(letter) + cols;
    if (c >= 0) columns[columnLetter(c)] = role;
  }
  return {
    ...(m.layout !== undefined ? { layout: m.layout } : {}),
    ...(m.headerRows !== undefined ? { headerRows: m.headerRows.map((r) => r + rows).filter((r) => r > 0) } : {}),
    columns,
    keys: { ...m.keys },
  };
}

/** A table's header signature from its reading: the texts of its header cells or form keys, in order. */
export function signatureOf(fields: ReadonlyArray<{ text: string }>): string {
  return headerSignature(fields.map((f) => f.text).filter((t) => t !== ''));
}
