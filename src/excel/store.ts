/**
 * store.ts — what the add-in keeps in the workbook: each normalized table's record (for Clear, for a
 * re-run, for the list of all projects) and the options and remembered corrections, in custom XML parts.
 *
 * Owns: the parts' namespaces, their XML (JSON text in one element, escaped; a record too large for one
 * request split over several parts), reading them in requests whose responses stay small, and writing them.
 *
 * Why custom XML parts (ExcelApi 1.5) and not a very hidden sheet, as before:
 * - Undo. A very hidden sheet is made with `Worksheet.visibility`, which Excel on Windows and Mac cannot undo:
 *   the undo-capabilities page says such a call clears the user's undo stack, and refuses it in an undo
 *   group. Custom XML parts are not among the APIs that page lists without undo, so a Normalize, a re-run and
 *   Clear change the record inside their one undo step, and no call of the add-in clears the undo stack.
 * - One store for every entry point. A part is a file of the document: the task pane and the ribbon's
 *   function commands, which run in different runtimes, read the same bytes. `Office.context.document.settings`
 *   is "available only to the instance of the content or task pane add-in that created it".
 * - A protected workbook structure refuses a new sheet, not a new part; a part has no 32,767-character cells
 *   to chunk into and no cell value that Excel reinterprets (a chunk starting with `'` lost it).
 * - Reads stay bounded: one namespace per source sheet, so a run reads the records of its own sheet only.
 *
 * A table is known by its source sheet (by id, which stays when the sheet is renamed or moved) and the range
 * it was read from; a run on a range that overlaps a recorded one replaces that table's results.
 */
import { z } from 'zod';
import { SHEET_ROLES } from '../core';
import { DocumentSettings, readDocumentSettings } from '../settings/settings';
import { valueBytes } from './request-size';

const NS = 'urn:budget-normalizer';
/** The options and remembered corrections of the workbook. */
export const SETTINGS_NS = `${NS}:settings:1`;
/** The records of the tables on one sheet. */
const TABLES_NS = `${NS}:tables:1:`;
export const tablesNamespace = (sheetId: string): string => `${TABLES_NS}${encodeURIComponent(sheetId)}`;
export const isTablesNamespace = (ns: string): boolean => ns.startsWith(TABLES_NS);
/**
 * Characters of JSON per part: at most 1.5 MB of UTF-8 (Chinese text is 3 bytes a character), so that a part
 * is written within a request and two are read in a response of at most 3 MB (Excel on the web: 5 MB).
 */
const PART_CHARS = 500_000;

export const NoteBeforeSchema = z.object({
  kind: z.enum(['note', 'comment', 'none']),
  /** The content of a note the user had on the cell before, or null for none. */
  original: z.string().nullable(),
  commentId: z.string().nullable().default(null),
});

export const MarkStateSchema = z.object({
  address: z.string(),
  /** The fill before the mark: a colour (white included), or null for No Fill. */
  fill: z.string().nullable(),
  note: NoteBeforeSchema,
  /** The fill is already back (a Clear on a host without notes left only the note to remove). */
  restored: z.boolean().optional(),
});
export type MarkState = z.infer<typeof MarkStateSchema>;

/** The output sheets a table owns, by id; the all-projects sheet is shared by every table. */
export const OUTPUT_ROLES = [...SHEET_ROLES, 'all'] as const;
export type OutputRole = (typeof OUTPUT_ROLES)[number];

export const TableRecordSchema = z.object({
  v: z.literal(2),
  sheetId: z.string(),
  sheetName: z.string(),
  /** The range read, `A1:G33`: the table's key on its sheet. */
  box: z.string(),
  outputs: z.array(z.object({ role: z.enum(SHEET_ROLES), sheetId: z.string(), name: z.string(), table: z.string() })),
  marks: z.array(MarkStateSchema),
  /** The all-projects sheet, and the text of the first column of this table's rows there. */
  all: z.object({ sheetId: z.string(), key: z.string() }).nullable().default(null),
});
export type TableRecord = z.infer<typeof TableRecordSchema>;

/** A record as read: its parts (ids), to be rewritten or deleted. */
export interface StoredRecord {
  /** Null for a damaged record (a part lost or unreadable): its parts are deleted by the next write. */
  record: TableRecord | null;
  partIds: string[];
}

// ---- XML ----

/** Text escaped for an element's content (quotes need no escaping there, and JSON is full of them). */
const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, '&quot;');

function unescapeXml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

/** One part: `<bn xmlns="…" k="…" i="0" n="1">JSON</bn>`. */
export function partXml(namespace: string, text: string, attrs: Record<string, string> = {}): string {
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('');
  return `<bn xmlns="${escapeAttr(namespace)}"${a}>${escapeText(text)}</bn>`;
}

/** A part's attributes and text; null when it is not one of the add-in's. Excel may add a declaration or re-quote. */
export function readPart(xml: string): { attrs: Record<string, string>; text: string } | null {
  const m = /<bn(\s[^>]*)?>([\s\S]*)<\/bn\s*>\s*$/.exec(xml);
  if (m === null) {
    if (/<bn(\s[^>]*)?\/>\s*$/.test(xml)) return { attrs: {}, text: '' };
    return null;
  }
  const attrs: Record<string, string> = {};
  for (const a of (m[1] ?? '').matchAll(/([\w:.-]+)\s*=\s*(["'])([\s\S]*?)\2/g)) attrs[a[1] as string] = unescapeXml(a[3] as string);
  return { attrs, text: unescapeXml(m[2] as string) };
}

/** The parts of a record: its JSON in pieces of at most PART_CHARS characters. */
export function recordParts(record: TableRecord): string[] {
  const json = JSON.stringify(record);
  const n = Math.max(1, Math.ceil(json.length / PART_CHARS));
  const out: string[] = [];
  for (let i = 0; i < n; i++)
    out.push(
      partXml(tablesNamespace(record.sheetId), json.slice(i * PART_CHARS, (i + 1) * PART_CHARS), {
        k: record.box,
        i: String(i),
        n: String(n),
      }),
    );
  return out;
}

/** The records in a set of parts: pieces joined by namespace (sheet) and key (range); damaged ones dropped. */
export function recordsOf(parts: ReadonlyArray<{ id: string; xml: string }>): StoredRecord[] {
  const byKey = new Map<string, Array<{ id: string; i: number; n: number; text: string }>>();
  for (const p of parts) {
    const r = readPart(p.xml);
    if (r === null) continue;
    const key = `${r.attrs.xmlns ?? ''} ${r.attrs.k ?? ''}`;
    const list = byKey.get(key) ?? [];
    list.push({ id: p.id, i: Number(r.attrs.i ?? 0), n: Number(r.attrs.n ?? 1), text: r.text });
    byKey.set(key, list);
  }
  const out: StoredRecord[] = [];
  for (const list of byKey.values()) {
    list.sort((a, b) => a.i - b.i);
    const complete = list.length === list[0]?.n && list.every((p, i) => p.i === i);
    if (!complete) {
      // An incomplete record (a part lost): its parts are dropped with it at the next write.
      out.push({ record: null, partIds: list.map((p) => p.id) });
      continue;
    }
    try {
      const parsed = TableRecordSchema.safeParse(JSON.parse(list.map((p) => p.text).join('')));
      out.push({ record: parsed.success ? parsed.data : null, partIds: list.map((p) => p.id) });
    } catch {
      out.push({ record: null, partIds: list.map((p) => p.id) });
    }
  }
  return out;
}

/** The settings part's XML. */
export const settingsXml = (s: DocumentSettings): string => partXml(SETTINGS_NS, JSON.stringify(s));

/** The settings in a settings part's XML (defaults for anything damaged). */
export function settingsOf(xml: string | null): DocumentSettings {
  const r = xml === null ? null : readPart(xml);
  if (r === null) return readDocumentSettings(null);
  try {
    return readDocumentSettings(JSON.parse(r.text));
  } catch {
    return readDocumentSettings(null);
  }
}

// ---- reading and writing through Office.js ----

/** The add-in's parts, as listed (ids and namespaces only: a few bytes each). */
export interface PartList {
  settings: string | null;
  /** Part ids by sheet id, for the sheets that have records. */
  tables: Map<string, string[]>;
}

/** Queue listing the workbook's custom XML parts; the list is read after the next sync. */
export function queuePartList(context: Excel.RequestContext): () => PartList {
  const parts = context.workbook.customXmlParts;
  parts.load('items/id,items/namespaceUri');
  return () => {
    const out: PartList = { settings: null, tables: new Map() };
    for (const p of parts.items) {
      if (p.namespaceUri === SETTINGS_NS) out.settings ??= p.id;
      else if (isTablesNamespace(p.namespaceUri)) {
        const sheetId = decodeURIComponent(p.namespaceUri.slice(TABLES_NS.length));
        out.tables.set(sheetId, [...(out.tables.get(sheetId) ?? []), p.id]);
      }
    }
    return out;
  };
}

/** Queue reading some parts' XML (a request's worth); the texts are read after the next sync. */
export function queueXml(context: Excel.RequestContext, ids: readonly string[]): () => Array<{ id: string; xml: string }> {
  const results = ids.map((id) => [id, context.workbook.customXmlParts.getItem(id).getXml()] as const);
  return () => results.map(([id, r]) => ({ id, xml: r.value }));
}

/**
 * Read some parts' XML, `perRequest` parts a request (a part holds at most PART_CHARS characters of JSON,
 * so that two make a response of about 2 MB at most, under half of Excel on the web's 5 MB).
 */
export async function loadXml(
  context: Excel.RequestContext,
  ids: readonly string[],
  perRequest = 2,
): Promise<Array<{ id: string; xml: string }>> {
  const out: Array<{ id: string; xml: string }> = [];
  for (let i = 0; i < ids.length; i += perRequest) {
    const read = queueXml(context, ids.slice(i, i + perRequest));
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- budgeted: a response of two parts at most.
    await context.sync();
    out.push(...read());
  }
  return out;
}

/**
 * Queue writing a record over the parts it had (rewritten in place, extra ones deleted, missing ones added),
 * with room made in the request for each part (`reserve`, a Batch's).
 */
export async function queueWriteRecord(
  context: Excel.RequestContext,
  record: TableRecord,
  oldPartIds: readonly string[],
  reserve: (bytes: number) => Promise<void>,
): Promise<void> {
  const parts = recordParts(record);
  for (const [i, xml] of parts.entries()) {
    await reserve(valueBytes(xml) + 200);
    queueWriteParts(context, [xml], oldPartIds[i] === undefined ? [] : [oldPartIds[i] as string]);
  }
  for (const id of oldPartIds.slice(parts.length)) context.workbook.customXmlParts.getItem(id).delete();
}

/** Queue deleting a record's parts. */
export function queueDeleteRecord(context: Excel.RequestContext, partIds: readonly string[]): void {
  for (const id of partIds) context.workbook.customXmlParts.getItem(id).delete();
}

function queueWriteParts(context: Excel.RequestContext, xmls: readonly string[], oldIds: readonly string[]): void {
  const parts = context.workbook.customXmlParts;
  xmls.forEach((xml, i) => {
    const id = oldIds[i];
    if (id !== undefined) parts.getItem(id).setXml(xml);
    else parts.add(xml);
  });
  for (const id of oldIds.slice(xmls.length)) parts.getItem(id).delete();
}

/** Queue writing the settings part (made when the workbook has none). */
export function queueWriteSettings(context: Excel.RequestContext, settings: DocumentSettings, partId: string | null): void {
  queueWriteParts(context, [settingsXml(settings)], partId === null ? [] : [partId]);
}

/** The workbook's settings, in a run of their own (the pane when it opens, Forget). */
export async function readSettingsIn(context: Excel.RequestContext): Promise<{ settings: DocumentSettings; partId: string | null }> {
  const list = queuePartList(context);
  await context.sync();
  const { settings: partId } = list();
  if (partId === null) return { settings: settingsOf(null), partId };
  const [part] = await loadXml(context, [partId], 1);
  return { settings: settingsOf(part?.xml ?? null), partId };
}
