/**
 * normalize.ts — the pipeline: cells in, model out.
 *
 * Owns: the order of the stages (layout → rows → the table's unit → hierarchy → indicators →
 * checks → model), and the findings about rows that only the whole run can make (a project with no
 * name or amount, indicators that could not be read). The reading report is reading.ts's; the
 * conversion to the contract is to-model.ts's; flags are made by findings/flags.ts.
 * Everything a run shares (interned strings, parsed targets, the indicator parser) is created
 * here and dropped when the run ends. Pure: no Office, DOM or Node; the task pane and the CLI
 * both call `normalize`.
 */
import { reconcile } from './checks/reconcile';
import { explainMismatches } from './checks/explain';
import { Findings } from './findings/flags';
import * as msg from './findings/messages';
import { ReviewOptions, reviewProject } from './checks/review';
import { assignParentsByTable, StructureResult } from './hierarchy/units';
import { RunCache } from './indicators/intern';
import { PackedCellParser } from './indicators/packed-cell';
import { columnLetter, type Grid, type SheetCells } from './input/grid';
import { firstUsedCol } from './input/text';
import { type HiddenCells, withoutHidden } from './input/hidden';
import type { ColumnMap } from './input/vocabulary';
import { AMOUNT_ROLES } from './contract/roles';
import type { WorkRow } from './rows/work-row';
import { detectAmountUnit, statedUnit, toTableUnit } from './layouts/table-unit';
import type { Indicator, Model, Row } from './contract/model';
import { joinRows, readPaste, TablePart } from './layouts/paste';
import { classifyRows } from './layouts/segment';
import { money } from './contract/money';
import { OptionsError, OptionsInput, parseOptions } from './options';
import { flagReading, readingOf } from './reading';
import { type IndicatorResult, outputRow } from './to-model';
import { byPlace, severityCounts } from './findings/flags';

/**
 * The stages a caller can show: reading the cells (layout, rows, hierarchy), the indicators (the
 * longest: `done` of `total` projects and units), the checks (the sums and the reviewers' checks).
 */
export const NORMALIZE_STEPS = ['reading', 'indicators', 'checks'] as const;
export type NormalizeStep = (typeof NORMALIZE_STEPS)[number];
export interface NormalizeProgress {
  step: NormalizeStep;
  done: number;
  total: number;
}

/** How many projects are read between two progress reports. */
const PROGRESS_EVERY = 2_000;

/** Cells in, model out, in one go; `onStep` hears each step as it starts (the CLI's progress). */
export function normalize(input: Grid | SheetCells, options?: OptionsInput, onStep?: (p: NormalizeProgress) => void): Model {
  const steps = normalizeSteps(input, options);
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
    onStep?.(next.value);
  }
}

/**
 * The same run, as steps the caller drives: each `next()` does a little more work and yields how far
 * it has come; the last returns the model. A caller that must stay responsive (the task pane) lets the
 * host paint between steps; `normalize` just runs them through. The state is the generator's own.
 */
export function* normalizeSteps(input: Grid | SheetCells, options?: OptionsInput): Generator<NormalizeProgress, Model, void> {
  const opts = parseOptions(options);
  // Hidden rows and columns are blank to the readers unless the options count them.
  const hidden = withoutHidden(input, opts.countHidden);
  const grid = hidden.cells;
  yield { step: 'reading', done: 0, total: grid.length };
  const cache = new RunCache();
  // What each row is, once: the segmentation, the list readers' groups and the reading's blocks share it.
  const classes = classifyRows(grid);
  const parts = readPaste(grid, opts.layout, { cache }, opts.mapping, classes);
  const main = parts[0] as TablePart;
  const layout = main.layout;
  const { columns: cols, headerRow } = main.read;
  const built = joinRows(parts, grid.length);
  const amountUnit = opts.amountUnit === 'auto' ? detectAmountUnit(grid, built) : opts.amountUnit;
  toTableUnit(built, amountUnit);
  const structure = assignParentsByTable(built, parts);
  const sink = new Findings(cols, opts.countHidden ? hidden : undefined);
  const reads = [...new Set(parts.map((p) => p.read))];
  for (const p of parts) {
    if (!p.read.headerMissing || p.repeatOf !== null) continue;
    const first = structure.rows.find((r) => r.index >= p.start && r.index < p.end && r.kind !== 'blank' && r.kind !== 'title');
    if (first)
      sink.add({
        row: first,
        column: 'name',
        col: firstUsedCol(grid[first.index]),
        severity: 'warning',
        code: 'no-header',
        message: msg.noHeader(),
      });
  }
  for (const r of reads) for (const f of r.findings) sink.add(f);
  const reading = readingOf(grid, parts, classes, structure.rows, opts.mapping, hidden, opts.countHidden);
  flagHidden(structure.rows, hidden, opts.countHidden, sink);
  flagReading(grid, built, reading, reads, sink);
  for (const p of parts) flagIncompleteProjects(structure, p, sink);
  // A later table that states another unit is read in the paste's: said at the cell that states it.
  if (amountUnit !== null)
    for (const p of parts.slice(1)) {
      const own = statedUnit(grid, p.start, p.end);
      const at = own === null ? undefined : structure.rows[own.row];
      if (own === null || own.unit === amountUnit || at === undefined) continue;
      sink.add({
        row: at,
        column: 'name',
        col: own.col,
        severity: 'warning',
        code: 'reading-uncertain',
        message: msg.otherTableUnit(own.unit, amountUnit),
      });
    }

  // Indicators of every project (and of any unit that carries them).
  const parser = new PackedCellParser(cache);
  const parsed: Array<IndicatorResult | undefined> = new Array(structure.rows.length);
  const withIndicators = [...structure.projects, ...structure.units];
  for (let k = 0; k < withIndicators.length; k++) {
    if (k % PROGRESS_EVERY === 0) yield { step: 'indicators', done: k, total: withIndicators.length };
    const i = withIndicators[k] as number;
    parsed[i] = readIndicators(structure.rows[i] as WorkRow, cols, sink, parser);
  }
  yield { step: 'checks', done: 0, total: structure.projects.length };

  // The reviewers' checks, per project.
  let tableHasBoth = false;
  let unknownLevels = 0;
  for (const p of parsed) {
    if (p === undefined) continue;
    for (const ind of p.indicators) {
      if (ind.period !== null && ind.annual !== null) tableHasBoth = true;
      // A level written and not known; an indicator the table gives no levels is not counted (there is nothing to know).
      if ((ind.level1 !== null && ind.level1Std === null) || (ind.level2 !== null && ind.level2Std === null)) unknownLevels++;
    }
  }
  for (const i of structure.projects) {
    const p = parsed[i];
    if (p !== undefined && !p.garbled) reviewRow(structure.rows[i] as WorkRow, p.indicators, opts.review, tableHasBoth, sink);
  }

  if (opts.outputUnit !== null && amountUnit === null) {
    throw new OptionsError("the table's amount unit is not stated, so it cannot be converted: state it (amountUnit / --table-unit)");
  }
  const m = money(amountUnit, opts.outputUnit);
  const rec = reconcile(structure, { tolerance: opts.tolerance, money: m }, sink);
  // The hints, and a finding for each cell a fix changes where none was found (a row typed in the other unit).
  const { notes: hints, extra } = explainMismatches(
    rec.checks,
    { tolerance: opts.tolerance, roundingIsError: opts.rounding === 'error', money: m },
    (f) => sink.placeOf(f),
  );
  for (const f of extra) sink.add(f);

  const rows: Row[] = new Array(structure.rows.length);
  // Rows of a table share most of their shapes: one column layout per page, no merged rows,
  // no inferred amounts. Frozen shared values keep a 100k-row model small.
  const colsCache = new Map<string, Row['cols']>();
  let indicatorCount = 0;
  for (let k = 0; k < structure.rows.length; k++) {
    const w = structure.rows[k] as WorkRow;
    const row = outputRow(w, parsed[w.index], rec, m, colsCache);
    indicatorCount += row.indicators.length;
    rows[k] = row;
  }
  const flags = sink.toFlags(hints).sort(byPlace);
  return {
    amountUnit: m.unit,
    layout,
    headerRow: headerRow === null ? null : headerRow + 1,
    rows,
    flags,
    summary: {
      rows: rows.length,
      units: structure.units.length,
      projects: structure.projects.length,
      indicators: indicatorCount,
      ...severityCounts(flags),
      reviews: flags.filter((f) => f.code.startsWith('review-')).length,
      unknownLevels,
      unreadRows: reading.unreadRows.length,
    },
    reading,
  };
}

/** Hidden rows and columns with content are said once, at the first of them. */
function flagHidden(rows: readonly WorkRow[], hidden: HiddenCells, counted: boolean, sink: Findings): void {
  if (hidden.rows.length === 0 && hidden.cols.length === 0) return;
  const at = rows[hidden.rows[0] ?? rows.findIndex((w) => w !== undefined)];
  if (at === undefined) return;
  sink.add({
    row: at,
    column: 'name',
    col: hidden.rows.length > 0 ? 0 : (hidden.cols[0] as number),
    severity: 'info',
    code: 'hidden-cells',
    message: msg.hiddenCells(
      hidden.rows.map((x) => x + 1),
      hidden.cols.map(columnLetter),
      counted,
    ),
  });
}

/** A project with no name, or no amount in a table that reads amounts, is said at its row. */
function flagIncompleteProjects(s: StructureResult, part: TablePart, sink: Findings): void {
  const readsAmounts = part.layout === 'form' || AMOUNT_ROLES.some((r) => part.read.columns[r] !== undefined);
  for (const i of s.projects) {
    if (i < part.start || i >= part.end || part.repeatOf !== null) continue;
    const row = s.rows[i] as WorkRow;
    if (row.name === null) sink.add({ row, column: 'name', col: null, severity: 'warning', code: 'no-name', message: msg.noName() });
    if (readsAmounts && AMOUNT_ROLES.every((r) => row.amounts[r].parse.kind === 'empty')) {
      sink.add({
        row,
        column: 'total',
        col: row.amounts.total.col,
        severity: 'warning',
        code: 'no-amount',
        message: msg.noAmount(),
        atRow: row.amounts.total.row,
      });
    }
  }
}

/**
 * One project's or unit's indicators: read from its indicator grid already, or parsed from its
 * packed text. Flags a project without indicators, and a garbled cell.
 */
function readIndicators(row: WorkRow, cols: ColumnMap, sink: Findings, parser: PackedCellParser): IndicatorResult | undefined {
  if (row.indicators !== null) {
    if (row.indicators.length === 0 && row.kind === 'project') {
      sink.add({
        row,
        column: 'indicators',
        col: row.indicatorCol ?? row.nameCol,
        severity: 'warning',
        code: 'no-indicators',
        message: msg.noIndicators(),
      });
    }
    return { indicators: row.indicators, goalPrefix: '', garbled: false };
  }
  if (row.indicatorText === null) {
    if (row.kind === 'project' && cols.indicators !== undefined) {
      // A drifted row has its text where the goal landed; point at that cell.
      const at = row.drifted ? (row.goalCol ?? cols.indicators) : cols.indicators;
      sink.add({ row, column: 'indicators', col: at, severity: 'warning', code: 'no-indicators', message: msg.noIndicators() });
    }
    return undefined;
  }
  const p = parser.parse(row.indicatorText);
  const junkBefore = !row.mixedCell && p.segments > 0 && p.prefix !== '';
  const unreadable = p.segments === 0 && p.prefix.includes('指标');
  const garbled = p.garbled || junkBefore || unreadable;
  if (garbled) {
    sink.add({
      row,
      column: 'indicators',
      col: row.indicatorCol,
      severity: 'warning',
      code: 'indicator-garbled',
      expected: p.segments,
      actual: p.indicators.length,
      message: msg.indicatorGarbled(
        p.indicators.map((x) => x.seq),
        p.dropped,
        p.segments,
      ),
    });
  } else if (p.indicators.length === 0 && row.kind === 'project') {
    sink.add({ row, column: 'indicators', col: row.indicatorCol, severity: 'warning', code: 'no-indicators', message: msg.noIndicators() });
  }
  return { indicators: p.indicators, goalPrefix: row.mixedCell ? p.prefix : '', garbled };
}

/** The reviewers' checks on one project, as warnings at its indicator cell. */
function reviewRow(row: WorkRow, indicators: readonly Indicator[], opts: ReviewOptions, tableHasBoth: boolean, sink: Findings): void {
  const findings = reviewProject(indicators, opts, tableHasBoth);
  for (const f of findings)
    sink.add({
      row,
      column: 'indicators',
      col: row.indicatorCol ?? row.nameCol,
      severity: 'warning',
      code: f.code,
      actual: f.count,
      message: f.message,
    });
}
