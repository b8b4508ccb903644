/**
 * findings.ts — what reading a PDF says about a table, added to its model as findings.
 *
 * Owns: the `reading-uncertain` finding (info, on the table's first cell) of a table read from the
 * alignment of its text because its page draws no ruling lines: its columns are a guess. The finding
 * is made as the core makes its own (the contract's `Flag`), sorted in with the others and counted.
 */
import { cellAddress, FLAG_COLUMNS, type Flag, type Model } from '../core';
import type { PdfTable } from './read';

/** The message of a table read by the alignment of its text. */
export function alignedMessage(pages: readonly number[]): { zh: string; en: string } {
  const list = pages.join(', ');
  return {
    zh: `第 ${list} 页没有表格线,此表按文字对齐读取,列的划分可能有误,请核对。`,
    en: `Page${pages.length === 1 ? '' : 's'} ${list} draw${pages.length === 1 ? 's' : ''} no ruling lines: this table was read by the alignment of its text, and its columns may be wrong; check them.`,
  };
}

/** The findings reading the PDF made about `table`, at their cells (1-based rows, 0-based columns). */
export function readingFlags(table: Pick<PdfTable, 'kind' | 'pages'>): Flag[] {
  if (table.kind !== 'aligned') return [];
  return [
    {
      row: 1,
      column: 'name',
      cell: cellAddress(1, 0),
      col: 0,
      severity: 'info',
      code: 'reading-uncertain',
      expected: null,
      actual: null,
      message: alignedMessage(table.pages),
    },
  ];
}

const byPlace = (a: Flag, b: Flag): number =>
  a.row - b.row || FLAG_COLUMNS.indexOf(a.column) - FLAG_COLUMNS.indexOf(b.column) || a.col - b.col;

/** The model with the PDF reading's findings about `table` added in place, and counted. */
export function withReadingFindings(model: Model, table: Pick<PdfTable, 'kind' | 'pages'>): Model {
  const extra = readingFlags(table);
  if (extra.length === 0) return model;
  const flags = [...model.flags, ...extra].sort(byPlace);
  const count = (s: Flag['severity']) => flags.filter((f) => f.severity === s).length;
  return { ...model, flags, summary: { ...model.summary, errors: count('error'), warnings: count('warning'), infos: count('info') } };
}
