/**
 * batch.ts — a run over several inputs, a folder, or a PDF: every table found, each one's outcome.
 *
 * Owns: reading each file in turn (a PDF: its tables, the performance-target ones normalised and the
 * others listed as skipped; a table file: its one table, as a single run reads it); a file that cannot
 * be read is reported in one line and the run goes on; and the run's exit code, by the worst outcome:
 * 2 when a file could not be read or nothing at all was normalised, else 3 when a table has findings at
 * or above --fail-on, else 0. What is printed and written is batch-report.ts's.
 */
import { readFile } from 'node:fs/promises';
import { type Cell, type Model, nothingRecognised, normalize, OptionsError, type OptionsInput } from '../core';
import { withReadingFindings } from '../pdf';
import { InputError } from './read';
import { readPdfFile } from './pdf';
import { sniff } from './sniff';
import type { SourceLook } from './xlsx';

/** A table found in an input: normalised, or listed and skipped. */
export interface TableOutcome {
  file: string;
  /** Its number among the PDF's tables (1-based); null for a table file. */
  table: number | null;
  /** The PDF pages it stands on; empty for a table file. */
  pages: number[];
  title: string;
  /** How its cells were read: ruling lines, text alignment (a guess), or a table file. */
  source: 'ruled' | 'aligned' | 'file';
  status: 'normalized' | 'skipped';
  /** Why it was skipped, in English (the JSON's `reason`); `skip` says it in the user's language (batch-text.ts). */
  reason?: string;
  skip?: { code: 'notTarget'; why: string } | { code: 'nothingRead' };
  model?: Model;
  /** The grid read, as the core read it. */
  grid?: Cell[][];
  /** For a PDF table: the page of each grid row, and how its cells are drawn (merges, ruled rows). */
  rowPages?: number[];
  look?: SourceLook;
  /** Where an .xlsx's grid stands on its sheet. */
  origin?: { row: number; col: number };
  /** The worksheet of an .xlsx input. */
  sheet?: string;
}

/** An input that could not be read, in one line. */
export interface FileFailure {
  file: string;
  error: string;
}

export type Outcome = TableOutcome | FileFailure;

export const isFailure = (o: Outcome): o is FileFailure => 'error' in o;

/** What a table file gives, read as a single run reads it (main.ts). */
export interface TableFileRead {
  grid: Cell[][];
  model: Model;
  origin?: { row: number; col: number };
}

export interface BatchContext {
  options: OptionsInput;
  pages?: string;
  /** Reads and normalises one table file (main.ts's single-table reading, with its checks and remarks). */
  readTableFile(path: string): Promise<TableFileRead>;
  /** A line on stderr. */
  warn(text: string): void;
  onPage?: (file: string, done: number, total: number) => void;
}

/** A PDF's tables, each normalised or skipped. */
async function pdfOutcomes(path: string, bytes: Uint8Array, ctx: BatchContext): Promise<TableOutcome[]> {
  const reading = await readPdfFile(path, bytes, {
    ...(ctx.pages !== undefined ? { pages: ctx.pages } : {}),
    ...(ctx.onPage ? { onPage: (done: number, total: number) => ctx.onPage?.(path, done, total) } : {}),
  });
  const out: TableOutcome[] = [];
  for (const t of reading.tables) {
    const base = { file: path, table: t.index, pages: t.pages, title: t.title, source: t.kind } as const;
    if (!t.target) {
      out.push({
        ...base,
        status: 'skipped',
        reason: `not a performance-target table (${t.why})`,
        skip: { code: 'notTarget', why: t.why },
      });
      continue;
    }
    let model: Model;
    try {
      model = normalize(t.cells, ctx.options);
    } catch (e) {
      if (e instanceof OptionsError) {
        out.push({ ...base, status: 'skipped', reason: e.message });
        continue;
      }
      throw e;
    }
    if (nothingRecognised(model)) {
      out.push({ ...base, status: 'skipped', reason: 'no project, amount or indicator could be read', skip: { code: 'nothingRead' } });
      continue;
    }
    model = withReadingFindings(model, t);
    if (t.kind === 'aligned')
      ctx.warn(
        `${path}: table ${t.index} (page ${t.pages.join(', ')}) has no ruling lines and was read by the alignment of its text; check its columns`,
      );
    const merges: SourceLook['merges'][number][] = [];
    const ruledRows = new Set<number>();
    t.grid.rows.forEach((row, r) => {
      row.forEach((c, col) => {
        if (c?.span !== undefined) merges.push({ row: r, col, rows: c.span.rows, cols: c.span.cols });
      });
    });
    t.grid.ruledRows.forEach((r) => ruledRows.add(r));
    out.push({
      ...base,
      status: 'normalized',
      model,
      grid: t.cells,
      rowPages: t.grid.rowPages,
      look: { merges, ruledRows },
    });
  }
  return out;
}

/** Every table of one input, or the one line saying why it could not be read. */
export async function outcomesOf(path: string, ctx: BatchContext): Promise<Outcome[]> {
  try {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${(e as Error).message}`);
    }
    if (sniff(bytes, '').kind === 'pdf') return await pdfOutcomes(path, bytes, ctx);
    const read = await ctx.readTableFile(path);
    return [
      {
        file: path,
        table: null,
        pages: [],
        title: '',
        source: 'file',
        status: 'normalized',
        model: read.model,
        grid: read.grid,
        ...(read.origin !== undefined ? { origin: read.origin } : {}),
      },
    ];
  } catch (e) {
    if (e instanceof InputError) return [{ file: path, error: e.message }];
    if (e instanceof OptionsError) throw e;
    // A file that breaks the reader is that file's problem: said, and the others still run.
    return [{ file: path, error: `cannot read ${path}: ${((e as Error)?.message ?? String(e)).split('\n')[0]}` }];
  }
}

/** The exit code of a batch: 2 for a file not read or nothing normalised, 3 for findings at --fail-on, else 0. */
export function batchExitCode(outcomes: readonly Outcome[], failOn: 'error' | 'warning' | undefined): number {
  if (outcomes.some(isFailure)) return 2;
  const done = outcomes.filter((o): o is TableOutcome => !isFailure(o) && o.status === 'normalized');
  if (done.length === 0) return 2;
  if (failOn !== undefined) {
    const failing = done.some((o) => {
      const s = (o.model as Model).summary;
      return (failOn === 'error' ? s.errors : s.errors + s.warnings) > 0;
    });
    if (failing) return 3;
  }
  return 0;
}

export { InputError };
