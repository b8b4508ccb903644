/**
 * mapping.ts — applying a reading the user corrected (the schema is the contract's, contract/mapping.ts).
 *
 * Owns: the short text form (`B=name,D=total,key:当年预算=total`); a table's header signature, by which
 * a stored mapping is found again; applying a mapping's columns to a header; moving a mapping between
 * the input's letters and the sheet's.
 */
import type { Layout } from '../contract/layouts';
import type { Mapping, MappingInput } from '../contract/mapping';
import { AMOUNT_ROLES } from '../contract/roles';
import { parseAmount } from '../input/amount';
import type { Grid } from '../input/grid';
import { columnLetter } from '../input/grid';
import { HeaderMatch, matchHeaderRow } from '../input/header';
import { cellText } from '../input/text';
import { ColumnMap, labelKey } from '../input/vocabulary';
import { COLUMN_ROLES, READING_ROLES, Role } from '../contract/roles';

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

/**
 * A header with the mapping applied: the stated header rows (or the one found, or the first row), the roles the
 * vocabulary gives them, then each mapped column's role (a role moves to its mapped column;
 * `ignore` takes the column out).
 */
export function mappedHeader(cells: Grid, found: HeaderMatch | null, mapping: Mapping): HeaderMatch | null {
  // Columns mapped where no header was found: their labels are on the row above the first row with an
  // amount in a mapped amount column, or else on the table's first row with content.
  const first = cells.findIndex((row) => row.some((v) => cellText(v).trim() !== ''));
  const implied = impliedHeaderRow(cells, mapping);
  // A header found where the mapping's amounts begin stands (a two-row header keeps both rows).
  const header = found !== null && (implied === null || found.rows.includes(implied)) ? found.rows : implied !== null ? [implied] : null;
  const rows = mapping.headerRows?.map((r) => r - 1) ?? header ?? found?.rows ?? (first >= 0 ? [first] : null);
  if (rows === null) return null;
  const columns: ColumnMap = {};
  if (mapping.headerRows === undefined && found !== null && rows === found.rows) Object.assign(columns, found.columns);
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

/**
 * The header row a mapping's columns imply: the last row with text above the first row that has an amount in a
 * mapped amount column. Null when the mapping maps no amount column, or no such row exists.
 */
export function impliedHeaderRow(cells: Grid, mapping: Mapping): number | null {
  const amountCols = Object.entries(mapping.columns)
    .filter(([, role]) => (AMOUNT_ROLES as readonly string[]).includes(role))
    .map(([letter]) => columnIndex(letter));
  if (amountCols.length === 0) return null;
  const firstAmount = cells.findIndex((row) => amountCols.some((c) => parseAmount(row[c]).kind === 'value'));
  for (let r = firstAmount - 1; r >= 0; r--) if ((cells[r] ?? []).some((v) => cellText(v).trim() !== '')) return r;
  return null;
}

/**
 * The layout a mapping's roles imply, when it states none: a packed indicator column means a packed list; level or
 * value columns an indicator grid; form keys alone a form. Null when the roles say nothing of it.
 */
export function impliedLayout(mapping: Mapping): Layout | null {
  const roles = new Set<string>(Object.values(mapping.columns));
  if (roles.has('indicators')) return 'packed';
  if (['level1', 'level2', 'level3', 'value', 'valuePeriod'].some((r) => roles.has(r))) return 'grid';
  if (roles.size === 0 && Object.keys(mapping.keys).length > 0) return 'form';
  return null;
}

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
