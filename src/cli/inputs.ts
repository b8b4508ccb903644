/**
 * inputs.ts — the files a run reads: the files named, and the files in the folders named.
 *
 * Owns: expanding folders (their tree, in name order) to the files that may hold a table: PDFs,
 * workbooks and text tables, and the files the CLI tells a user what to do with (.xls, .doc, .ods …);
 * hidden files, Office's lock files (`~$report.xlsx`) and everything else in a folder are passed over.
 * A path that does not exist is kept, to be reported in its turn.
 */
import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

/** Extensions of the files a folder contributes. */
export const FOLDER_EXTS = new Set([
  '.pdf',
  '.xlsx',
  '.xlsm',
  '.csv',
  '.tsv',
  '.txt',
  '.tab',
  '.xls',
  '.et',
  '.ods',
  '.doc',
  '.docx',
  '.wps',
]);

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function walk(dir: string, into: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name.startsWith('~$')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, into);
    else if (FOLDER_EXTS.has(extname(e.name).toLowerCase())) into.push(p);
  }
}

/**
 * The files to read, in order, each once: a file as named, a folder's files in name order, except
 * `skip` (the workbook this run writes, which a folder may hold from an earlier run).
 */
export function expandInputs(paths: readonly string[], skip: (path: string) => boolean = () => false): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (isDirectory(p)) {
      const found: string[] = [];
      walk(p, found);
      out.push(...found.filter((f) => !skip(f)));
    } else out.push(p);
  }
  return [...new Set(out)];
}
