/**
 * main.ts — the `budget-normalize` command.
 *
 *   budget-normalize INPUT… [--json] [-o OUT.xlsx] [--pages 3-7,9] [--sheet NAME] [--tolerance X] [--unit 万元|元] …
 *
 * One table file (.tsv, .csv, .xlsx …): reads it, runs the pure core, and prints the model as JSON
 * (--json) or as a readable summary, and `-o` writes its workbook. A PDF, several inputs or a folder:
 * every table found in each (batch.ts), the performance-target tables normalised, printed as a listing
 * or a JSON array and written as one workbook with a summary sheet (batch-report.ts). A bad file or
 * option prints one line; exit codes 0, 2 (bad input or options) and 3 (findings at --fail-on).
 */
import { existsSync, openSync, readSync, closeSync, realpathSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import {
  AMOUNT_UNITS,
  MAPPABLE_ROLES,
  Mapping,
  MappingSchema,
  OptionsError,
  OptionsSchema,
  buildPlan,
  columnIndex,
  columnLetter,
  isShownNumber,
  jsonChunks,
  normalize,
  nothingRecognised,
  parseMappingText,
  withInputFindings,
} from '../core';
import { z } from 'zod';
import { InputError, InputNote, readInput } from './read';
import { summaryText } from './summary';
import { streamSink, TextSink, writeAll } from './text-sink';
import { PROGRESS_MIN_ROWS, type ProgressReporter, silentProgress, streamProgress } from './progress';
import { readFile } from 'node:fs/promises';
import { PageSpecError, parsePageSpec } from '../pdf';
import { batchExitCode, type FileFailure, outcomesOf, type Outcome, type TableFileRead, type TableOutcome } from './batch';
import { batchJson, batchText } from './batch-text';
import { expandInputs, isDirectory } from './inputs';

export const USAGE = `usage: budget-normalize INPUT… [--json] [-o OUT.xlsx] [--pages 3-7,9] [--sheet NAME] [--tolerance X] [--unit 万元|元] [--table-unit auto|万元|元]  [--layout auto|packed|grid|form|tree] [--map MAP | --map-file FILE.json] [--lang zh|en|both] [--fail-on error|warning] [--rounding info|error] [--count-hidden] [--progress] [--max-cells N] [--max-unpacked-mb N] [--max-part-mb N]
  INPUT        .tsv / .txt / .tab (tab-separated), .csv, .xlsx / .xlsm, or .pdf, judged by its content: Excel's
               quoted fields are read as Excel reads them; an .xls or an image is told what to do. A PDF's
               tables are found (ruling lines, merged cells, tables over several pages); the performance-target
               tables (绩效目标表) are normalised, the others listed and skipped; a scan (no text) is refused.
               Several inputs, or folders (their .pdf, .xlsx, .csv, .tsv … files), are read in turn: a file
               that cannot be read is reported and the others still run
  --json       print the model as JSON (the contract) instead of a summary; for a PDF, a folder or several
               inputs, an array: one entry per table found (file, table, page, pages, title, status, model)
  -o OUT.xlsx  also write a workbook: the table with its issues marked, 规范化 and 绩效指标; for a PDF, a folder or
               several inputs, one workbook: a summary sheet (each input and table, linked to its sheets), then each table's sheets
  --pages      the PDF pages to read, e.g. 3-7,9 (default: all)
  --sheet      worksheet of an .xlsx input (default: the first)
  --tolerance  largest difference still accepted as equal, in the table's unit (default 0)
  --unit       convert the amounts to 万元 or 元, exactly (default: the table's own unit)
  --table-unit the table's amount unit, when its title rows do not state it (default: auto)
  --layout     packed, grid, form or tree (default: detected from the cells)
  --map        correct the reading: COLUMN=ROLE, key:LABEL=ROLE, layout=L, header=ROW[+ROW], comma-separated,
               e.g. "A=name,B=total,C=fiscal" or "key:当年预算=total" (columns as the sheet letters them)
  --map-file   the same as JSON: {"layout", "headerRows", "columns": {"B": "name"}, "keys": {"当年预算": "total"}},
               the shape the task pane stores and --json reports under reading.mapping
               roles: ${MAPPABLE_ROLES.join(', ')}
  --lang       language of the summary and of the -o workbook (default: both: headers in Chinese, messages in Chinese then English)
  --fail-on    error or warning: exit 3 when the table has a finding at or above that level
  --rounding   info or error: a difference within rounding (half a cent per summand in a 2-decimal table)
               is a hint at info level (default), or still an error
  --count-hidden
               read and count the hidden rows and columns of an .xlsx like the others (by default they
               are left out of the reading and the checks, and said once with an info flag)
  --progress   say on stderr how far reading, normalising and writing have come (by default only on a
               terminal, for tables of more than ${PROGRESS_MIN_ROWS.toLocaleString('en-US')} rows)
  --max-cells N, --max-unpacked-mb N, --max-part-mb N
               an .xlsx is refused above these (defaults 5000000 cells, 1000 MB unpacked, 256 MB a part)
exit codes: 0 done; 2 bad input or options (one line on stderr; in a batch: a file not read, or no table normalised);
            3 findings at or above --fail-on (in a batch: in any table)`;

const ArgsSchema = z.object({
  inputs: z.array(z.string().min(1)).min(1),
  pages: z.string().min(1).optional(),
  json: z.boolean(),
  progress: z.boolean(),
  'count-hidden': z.boolean(),
  sheet: z.string().min(1).optional(),
  tolerance: z.string().optional(),
  unit: z.enum(AMOUNT_UNITS).optional(),
  'table-unit': OptionsSchema.shape.amountUnit.optional(),
  layout: OptionsSchema.shape.layout.optional(),
  lang: z.enum(['zh', 'en', 'both']).default('both'),
  map: z.string().min(1).optional(),
  'map-file': z.string().min(1).optional(),
  'fail-on': z.enum(['error', 'warning']).optional(),
  rounding: OptionsSchema.shape.rounding.optional(),
  'max-cells': z.coerce.number().int().positive().optional(),
  'max-unpacked-mb': z.coerce.number().positive().optional(),
  'max-part-mb': z.coerce.number().positive().optional(),
  out: z
    .string()
    .regex(/\.xlsx$/i, 'the output must be an .xlsx file')
    .optional(),
});
export type Args = z.infer<typeof ArgsSchema>;

export class UsageError extends Error {}

export function parseArgs(argv: string[]): Args | 'help' {
  const raw: Record<string, unknown> = { json: false, progress: false, 'count-hidden': false };
  const positional: string[] = [];
  const takesValue = new Set([
    '--sheet',
    '--tolerance',
    '--unit',
    '--table-unit',
    '--layout',
    '--lang',
    '-o',
    '--out',
    '--map',
    '--map-file',
    '--fail-on',
    '--rounding',
    '--max-cells',
    '--max-unpacked-mb',
    '--max-part-mb',
    '--pages',
  ]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '-h' || a === '--help') return 'help';
    if (a === '--json') raw.json = true;
    else if (a === '--progress') raw.progress = true;
    else if (a === '--count-hidden') raw['count-hidden'] = true;
    else if (takesValue.has(a.split('=')[0] as string)) {
      const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, argv[++i]];
      if (inline === undefined) throw new UsageError(`${flag} needs a value`);
      raw[flag === '-o' ? 'out' : flag.replace(/^--/, '')] = inline;
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else positional.push(a);
  }
  if (positional.length === 0) throw new UsageError('missing INPUT');
  raw.inputs = positional;
  const parsed = ArgsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`invalid --${String(issue?.path[0] ?? 'option')}: ${issue?.message ?? 'bad value'}`);
  }
  return parsed.data;
}

const cellAddressOf = (n: InputNote): string => `${columnLetter(n.col)}${n.row}`;

/** True when two paths name the same file: the same path, a link to it, or another hard link. */
function sameFile(a: string, b: string): boolean {
  if (!existsSync(b)) return false;
  try {
    if (realpathSync(a) === realpathSync(b)) return true;
    const [sa, sb] = [statSync(a), statSync(b)];
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/** The mapping given by --map or --map-file, validated; a bad one is a one-line error. */
async function readMapping(args: Args): Promise<Mapping> {
  if (args.map !== undefined && args['map-file'] !== undefined) throw new UsageError('give --map or --map-file, not both');
  let raw: unknown;
  if (args.map !== undefined) {
    try {
      raw = parseMappingText(args.map);
    } catch (e) {
      throw new UsageError(`invalid --map: ${(e as Error).message}`);
    }
  } else {
    const file = args['map-file'] as string;
    try {
      raw = JSON.parse(await readFile(file, 'utf8'));
    } catch (e) {
      throw new UsageError(`cannot read --map-file ${file}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  const parsed = MappingSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    const what = issue?.code === 'invalid_value' ? `unknown role (roles: ${MAPPABLE_ROLES.join(', ')})` : (issue?.message ?? 'bad value');
    throw new UsageError(`invalid ${args.map !== undefined ? '--map' : '--map-file'}${where === '' ? '' : ` at ${where}`}: ${what}`);
  }
  return parsed.data;
}

/** Every mapped column and header row lies in the table. */
function checkMappingFits(mapping: Mapping, grid: readonly (readonly unknown[])[]): void {
  const width = Math.max(0, ...grid.map((r) => r.length));
  for (const letter of Object.keys(mapping.columns)) {
    if (columnIndex(letter) >= width)
      throw new UsageError(`column ${letter} of the mapping is outside the table (A–${columnLetter(Math.max(0, width - 1))})`);
  }
  for (const r of mapping.headerRows ?? [])
    if (r > grid.length) throw new UsageError(`header row ${r} of the mapping is outside the table (1–${grid.length})`);
}

/** Where a run writes: its output (stdout), and progress on stderr for long tables. */
export interface RunIO {
  out: TextSink;
  /** The reporter for a table of `rows` rows, when --progress was given (`forced`). */
  progress(rows: number, forced: boolean): ProgressReporter;
}

/** True when the file's first bytes say PDF (the standard allows up to 1,024 bytes before its header). */
function isPdfFile(path: string): boolean {
  try {
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(1024);
      const n = readSync(fd, head, 0, 1024, 0);
      return head.subarray(0, n).indexOf('%PDF-') >= 0;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

type NormalizeInput = Omit<z.input<typeof OptionsSchema>, 'mapping'> & { mapping?: Mapping };

/**
 * What to try when nothing was recognised, given what the user already passed: the layout first, then what the
 * columns are (--map), then to check the two they gave; never an option they already used as if they had not.
 */
export function nothingAdvice(args: Pick<Args, 'layout' | 'map' | 'map-file'>, input: { mapping?: Pick<Mapping, 'layout'> }): string {
  const layout = input.mapping?.layout ?? (args.layout !== undefined && args.layout !== 'auto' ? args.layout : undefined);
  const mapped = args.map !== undefined || args['map-file'] !== undefined;
  if (layout === undefined)
    return mapped
      ? 'state the layout with --layout, or layout= in the mapping, if it is a performance-target table'
      : 'state the layout with --layout if it is a performance-target table';
  if (!mapped)
    return `it was read as the ${layout} layout you gave; if it is a performance-target table, say what its columns are with --map, e.g. --map B=name,C=total`;
  return `it was read as the ${layout} layout with the mapping you gave; check both against the table`;
}

/**
 * One table file read and normalised, with what reading it noticed said on stderr: the grid, the model
 * (with the input's findings), and where the grid stands on its sheet. A file that is empty, holds
 * nothing recognisable or does not fit the mapping is refused in one line.
 */
async function readTable(
  path: string,
  args: Args,
  input: NormalizeInput,
  io: RunIO,
): Promise<TableFileRead & { warn: (text: string) => void; progress: ProgressReporter }> {
  const { grid, notes, origin, repairedBytes, hiddenRows, hiddenCols, remarks } = await readInput(path, args.sheet, {
    ...(args['max-cells'] !== undefined ? { maxCells: args['max-cells'] } : {}),
    ...(args['max-unpacked-mb'] !== undefined ? { maxUnpackedBytes: args['max-unpacked-mb'] * 1e6 } : {}),
    ...(args['max-part-mb'] !== undefined ? { maxPartBytes: args['max-part-mb'] * 1e6 } : {}),
  });
  if (!grid.some((row) => row.some((v) => v !== null && v !== undefined && (isShownNumber(v) || String(v).trim() !== '')))) {
    throw new InputError(`${path} is empty: there is no table to read`);
  }
  if (input.mapping !== undefined) checkMappingFits(input.mapping, grid);
  const progress = io.progress(grid.length, args.progress);
  // A warning starts on a clean line, not after the progress line.
  const warn = (text: string): void => {
    progress.done();
    process.stderr.write(text);
  };
  for (const remark of remarks ?? []) warn(`budget-normalize: ${remark}\n`);
  progress.read(grid.length);
  let model;
  try {
    model = normalize({ cells: grid, hiddenRows: hiddenRows ?? [], hiddenCols: hiddenCols ?? [] }, input, progress.normalize);
  } catch (e) {
    if (e instanceof OptionsError) throw new UsageError(e.message);
    throw e;
  }
  model = withInputFindings(model, notes);
  const cut = notes.filter((n) => n.code === 'columns-cut' || n.code === 'cell-cut');
  if (cut.length > 0)
    warn(
      `budget-normalize: ${path} exceeds Excel's limits (16,384 columns, 32,767 characters) in ${cut.length} place${cut.length === 1 ? '' : 's'}, cut as said in the warnings, first at ${cellAddressOf(cut[0] as InputNote)}\n`,
    );
  const repaired = notes.find((n) => n.code === 'encoding-repaired');
  if (repaired !== undefined)
    warn(
      `budget-normalize: ${repairedBytes ?? 0} bytes of ${path} were not valid UTF-8 and were replaced (first at ${cellAddressOf(repaired)})\n`,
    );
  if (nothingRecognised(model)) {
    const hidden = model.reading.hidden;
    const inHidden =
      hidden !== undefined && !hidden.counted && hidden.rows.length + hidden.columns.length > 0
        ? `; its hidden rows or columns were left out: --count-hidden reads them`
        : '';
    throw new InputError(
      `nothing was recognised in ${path}: no project, amount or indicator could be read (${nothingAdvice(args, input)})${inHidden}`,
    );
  }
  if (origin !== undefined && (origin.row > 0 || origin.col > 0))
    warn(
      `budget-normalize: the cells of ${path} start at ${columnLetter(origin.col)}${origin.row + 1}; rows in the report are counted from there\n`,
    );
  return { grid, model, ...(origin !== undefined ? { origin } : {}), warn, progress };
}

export async function run(argv: string[], io: RunIO): Promise<number> {
  const args = parseArgs(argv);
  const { out } = io;
  if (args === 'help') {
    await writeAll(out, [USAGE, '\n']);
    await out.flush();
    return 0;
  }
  const input = {
    tolerance: args.tolerance ?? 0,
    amountUnit: args['table-unit'] ?? 'auto',
    outputUnit: args.unit ?? null,
    layout: args.layout ?? 'auto',
    rounding: args.rounding ?? 'info',
    countHidden: args['count-hidden'],
    ...(args.map !== undefined || args['map-file'] !== undefined ? { mapping: await readMapping(args) } : {}),
  };
  const options = OptionsSchema.safeParse(input);
  if (!options.success) throw new UsageError(options.error.issues[0]?.message ?? 'invalid options');
  if (args.pages !== undefined) {
    try {
      parsePageSpec(args.pages);
    } catch (e) {
      if (e instanceof PageSpecError) throw new UsageError(`invalid --pages: ${e.message}`);
      throw e;
    }
  }
  const only = args.inputs[0] as string;
  if (args.inputs.length > 1 || isDirectory(only) || isPdfFile(only)) return runBatch(args, input, io);
  if (args.pages !== undefined) throw new UsageError('--pages applies to PDF input only');
  if (!existsSync(only)) throw new InputError(`no such file: ${only}`);
  if (args.out !== undefined && sameFile(only, args.out)) {
    throw new UsageError(`-o ${args.out} is the input file itself; the user's workbook is never written over: choose another name`);
  }
  const { grid, model, origin, warn, progress } = await readTable(only, args, input, io);
  void warn;
  if (args.out !== undefined) {
    // exceljs (a quarter of a second to load) only when a workbook is written.
    const { safeSheetName, writeWorkbook } = await import('./xlsx');
    const lang = args.lang === 'en' ? 'en' : 'zh';
    const source = safeSheetName(args.sheet ?? basename(only, extname(only)));
    const plan = buildPlan(model, {
      lang,
      bilingual: args.lang === 'both',
      sheetName: source,
      ...(origin !== undefined ? { origin } : {}),
    });
    try {
      await writeWorkbook(args.out, grid, plan, source, origin, progress.write);
    } catch (e) {
      throw new InputError(`cannot write ${args.out}: ${(e as Error).message}`);
    }
  }
  progress.done();
  // Streamed: the JSON (the same text as JSON.stringify(model, null, 2)) or the summary, piece by piece.
  await writeAll(out, args.json ? jsonChunks(model, 2) : summaryText(model, only, args.lang, args.out));
  await writeAll(out, ['\n']);
  await out.flush();
  // Findings at or above --fail-on: exit 3, so that a batch job can stop (2 stays "bad input").
  if (args['fail-on'] !== undefined) {
    const failing = args['fail-on'] === 'error' ? model.summary.errors : model.summary.errors + model.summary.warnings;
    if (failing > 0) return 3;
  }
  return 0;
}

const only = (inputs: readonly string[]): string => inputs[0] as string;

/**
 * A PDF, several inputs or a folder: each file in turn, every table found, one listing or JSON array and
 * one workbook; a file that cannot be read is said on stderr and the others still run.
 */
async function runBatch(args: Args, input: NormalizeInput, io: RunIO): Promise<number> {
  const { out } = io;
  // A folder may hold the workbook this run writes (from an earlier run): it is not an input.
  const outPath = args.out;
  const files = expandInputs(args.inputs, (f) => outPath !== undefined && sameFile(f, outPath));
  if (files.length === 0)
    throw new InputError(
      `no file to read in ${args.inputs.join(', ')} (a folder's .pdf, .xlsx, .xlsm, .csv, .tsv, .txt and .tab files are read)`,
    );
  if (outPath !== undefined) {
    const input = files.find((f) => sameFile(f, outPath));
    if (input !== undefined)
      throw new UsageError(
        `-o ${args.out} is one of the inputs (${input}); the user's workbook is never written over: choose another name`,
      );
  }
  const progress = io.progress(0, args.progress);
  const say = (text: string): void => {
    progress.done();
    process.stderr.write(`budget-normalize: ${text}\n`);
  };
  const single = args.inputs.length === 1 && !isDirectory(only(args.inputs));
  const outcomes: Outcome[] = [];
  for (const file of files) {
    const found = await outcomesOf(file, {
      options: input,
      ...(args.pages !== undefined ? { pages: args.pages } : {}),
      readTableFile: async (path) => {
        const r = await readTable(path, args, input, { ...io, progress: () => progress });
        return { grid: r.grid, model: r.model, ...(r.origin !== undefined ? { origin: r.origin } : {}) };
      },
      warn: say,
      onPage: (path, done, total) => progress.pages(path, done, total),
    });
    // In a batch, a file that cannot be read is said as it is met; the others still run.
    if (!single) for (const o of found) if ('error' in o) say(o.error);
    outcomes.push(...found);
  }
  const normalized = outcomes.filter((o) => !('error' in o) && o.status === 'normalized').length;
  const tables = outcomes.filter((o): o is TableOutcome => !('error' in o));
  const nothing =
    tables.length === 0
      ? `no table was read from ${args.inputs.join(', ')}`
      : `no performance-target table (绩效目标表) among the ${tables.length} table${tables.length === 1 ? '' : 's'} found in ${args.inputs.join(', ')}: ${tables
          .map((t) => `${t.title === '' ? `table ${t.table ?? ''}` : t.title} (p.${t.pages.join(',')})`)
          .join('; ')}`;
  // One file named alone: a file that cannot be read, or holds no table to normalise, is one line and exit 2, as a table file is.
  if (single) {
    const failure = outcomes.find((o): o is FileFailure => 'error' in o);
    if (failure !== undefined) throw new InputError(failure.error);
    if (normalized === 0) throw new InputError(nothing);
  } else if (normalized === 0) say(nothing);
  if (args.out !== undefined && normalized > 0) {
    try {
      const { writeBatch } = await import('./batch-report');
      await writeBatch(args.out, outcomes, args.lang, progress.write);
    } catch (e) {
      throw new InputError(`cannot write ${args.out}: ${(e as Error).message}`);
    }
  }
  progress.done();
  await writeAll(
    out,
    args.json ? batchJson(outcomes) : batchText(outcomes, args.lang, args.out !== undefined && normalized > 0 ? args.out : undefined),
  );
  await writeAll(out, ['\n']);
  await out.flush();
  return batchExitCode(outcomes, args['fail-on']);
}

export async function main(argv: string[]): Promise<void> {
  // A reader that stops early (`| head`) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  try {
    process.exitCode = await run(argv, {
      out: streamSink(process.stdout),
      progress: (rows, forced) =>
        forced || (process.stderr.isTTY === true && rows > PROGRESS_MIN_ROWS) ? streamProgress(process.stderr) : silentProgress,
    });
  } catch (e) {
    const known = e instanceof UsageError || e instanceof InputError;
    const text = known ? (e as Error).message : `internal error: ${(e as Error)?.message ?? String(e)}`;
    const hint = e instanceof UsageError ? ' (see budget-normalize --help)' : '';
    process.stderr.write(`budget-normalize: ${text.split('\n')[0]}${hint}\n`);
    process.exitCode = 2;
  }
}
