/**
 * join.ts — pages' blocks to the document's tables: a table over several pages is one table.
 *
 * Owns: which lines outside the tables belong to which table (the lines above a table are its title
 * block; a note or a signature line under a table is its last row), and when a table on a new page
 * continues the table before it: the table before was the last thing on its page, the new one is the
 * first on its page with nothing but a running header, a page number or a repeat of the title before
 * it, and its outer edges and most of its column edges are the same. The rows a continued part repeats
 * from its table's top (a header printed on every page) are dropped (grid.ts drops them, join.ts counts
 * which may be).
 */
import type { PageLine, PageReading, PageTable } from './page';

/** A note or a signature under a table (`注:`, `说明:`, `填报人:`, `单位负责人:` …). */
const NOTE =
  /^(?:注|注释|说明|填表说明|附注)\s*\d*\s*[:：.、]|^(?:填报人|填表人|审核人|复核人|联系电话|联系人|填报日期|填表日期|单位负责人|部门负责人|财务负责人|制表人|制表日期|负责人|经办人)\s*[:：]?/;
/** Marks of a continued table: `续表`, `(续)`, `接上表`. */
const CONTINUED = /^(?:续表|[(（]?续[)）]?|接上表|续上表)/;
/** Words of a title line: a line in the margin that has none is a running header or footer. */
const TITLE_WORDS = /表|单位|年度?|目标|预算|部门/;
/** Outer edges of a continued table within this (points) of its table's. */
const EDGE_SLACK = 4;
/** A column edge of a continued part within this (points) of one of its table's is the same edge. */
export const COLUMN_SLACK = 3;

export interface TablePart {
  page: number;
  table: PageTable;
}

/** A table of the document as its pages give it: title lines, one part per page, note lines. */
export interface JoinedTable {
  titles: PageLine[];
  parts: TablePart[];
  notes: PageLine[];
}

interface Pending {
  line: PageLine;
  page: number;
  /** In the page's top or bottom tenth. */
  margin: boolean;
}

const textOf = (l: PageLine): string =>
  l.segments
    .map((s) => s.text)
    .join(' ')
    .replace(/\s+/g, '');

export const isNoteLine = (l: PageLine): boolean => NOTE.test(textOf(l));

/** The new part continues `prev`: same kind, same outer edges, most of its column edges among prev's. */
export function continues(prev: PageTable, next: PageTable): boolean {
  if (prev.kind !== next.kind) return false;
  if (next.kind === 'aligned') return true;
  if (Math.abs(prev.box.x0 - next.box.x0) > EDGE_SLACK || Math.abs(prev.box.x1 - next.box.x1) > EDGE_SLACK) return false;
  const inner = next.xs.slice(1, -1);
  if (inner.length === 0) return true;
  const same = inner.filter((x) => prev.xs.some((p) => Math.abs(p - x) <= COLUMN_SLACK)).length;
  return same >= inner.length * 0.6;
}

/** Builds the document's tables page by page (pages in order; a skipped page ends any table). */
export class TableJoiner {
  private readonly done: JoinedTable[] = [];
  private open: JoinedTable | null = null;
  /** The page of the open table's last part, and whether anything but a note came after it on that page. */
  private openPage = -1;
  private pending: Pending[] = [];

  add(page: PageReading): void {
    let firstTable = true;
    for (const block of page.blocks) {
      if (block.kind === 'line') {
        const line = block.line;
        const margin = line.box.y1 < page.height * 0.1 || line.box.y0 > page.height * 0.9;
        // A note under a table on this page belongs to it.
        if (this.open !== null && this.openPage === page.page && this.pending.length === 0 && isNoteLine(line)) {
          this.open.notes.push(line);
          continue;
        }
        this.pending.push({ line, page: page.page, margin });
        continue;
      }
      const table = block.table;
      const open = this.open;
      const prevPart = open?.parts[open.parts.length - 1];
      if (firstTable && open !== null && prevPart !== undefined && this.openPage === page.page - 1 && open.notes.length === 0) {
        const titles = new Set(open.titles.map(textOf));
        const blocking = this.pending.filter(
          (p) => !(p.margin && !TITLE_WORDS.test(textOf(p.line))) && !titles.has(textOf(p.line)) && !CONTINUED.test(textOf(p.line)),
        );
        if (blocking.length === 0 && continues(prevPart.table, table)) {
          open.parts.push({ page: page.page, table });
          this.pending = [];
          this.openPage = page.page;
          firstTable = false;
          continue;
        }
      }
      firstTable = false;
      // The lines above a new table are its title block; page furniture in the margins of earlier pages is not.
      const titles = this.pending.filter((p) => p.page === page.page || !p.margin).map((p) => p.line);
      this.pending = [];
      this.close();
      this.open = { titles, parts: [{ page: page.page, table }], notes: [] };
      this.openPage = page.page;
    }
  }

  /** A page not read (outside --pages): no table continues over it. */
  skip(): void {
    this.close();
    this.pending = [];
  }

  private close(): void {
    if (this.open === null) return;
    // Lines after a table that no other table took: its notes.
    for (const p of this.pending) if (!p.margin) this.open.notes.push(p.line);
    this.pending = [];
    this.done.push(this.open);
    this.open = null;
    this.openPage = -1;
  }

  finish(): JoinedTable[] {
    this.close();
    return this.done;
  }
}
