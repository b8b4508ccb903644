/**
 * normalize.ts — the pipeline: cells in, model out.
 *
 * Owns: the order of the stages (layout → rows → the table's unit → hierarchy → indicators →
 * checks → model) and the conversion of the working rows into the JSON contract of model.ts.
 * Everything a run shares (interned strings, parsed targets, the indicator parser) is created
 * here and dropped when the run ends. Pure: no Office, DOM or Node; the task pane and the CLI
 * both call `normalize`.
 */
import { Reconciled, reconcile } from './checks/reconcile';
import { explainMismatches } from './checks/explain';
import { Findings } from './findings/flags';
import * as msg from './findings/messages';
import { ReviewOptions, reviewProject } from './checks/review';
import { assignParentsByTable, StructureResult } from './hierarchy/units';
import { RunCache } from './indicators/intern';
import { PackedCellParser } from './indicators/packed-cell';
import type { Grid } from './input/grid';
import { ColumnMap, labelKey } from './input/vocabulary';
import { AMOUNT_ROLES, AmountRole } from './contract/roles';
import type { AmountSlot, WorkRow } from './rows/work-row';
import { detectAmountUnit, toTableUnit } from './layouts/table-unit';
import type { FieldReading, Flag, Indicator, Model, Reading, Row } from './contract/model';
import type { Bilingual } from './findings/messages';
import { columnIndex } from './layouts/mapping';
import { Mapping } from './contract/mapping';
import { cellAddress, columnLetter } from './input/grid';
import type { ReadResult } from './layouts/reader';
import { joinRows, readPaste, TablePart } from './layouts/paste';
import { cellText } from './input/text';
import { Money, money } from './contract/money';
import { OptionsError, OptionsInput, parseOptions } from './options';

interface IndicatorResult {
  indicators: Indicator[];
  goalPrefix: string;
  /** The cell was garbled: what was kept is certain but not complete, so it is not reviewed. */
  garbled: boolean;
}

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
export function normalize(grid: Grid, options?: OptionsInput, onStep?: (p: NormalizeProgress) => void): Model {
  const steps = normalizeSteps(grid, options);
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
export function* normalizeSteps(grid: Grid, options?: OptionsInput): Generator<NormalizeProgress, Model, void> {
  const opts = parseOptions(options);
  yield { step: 'reading', done: 0, total: grid.length };
  const cache = new RunCache();
  const parts = readPaste(grid, opts.layout, { cache }, opts.mapping);
  const main = parts[0] as TablePart;
  const layout = main.layout;
  const { columns: cols, headerRow } = main.read;
  const built = joinRows(parts, grid.length);
  const amountUnit = opts.amountUnit === 'auto' ? detectAmountUnit(grid, built) : opts.amountUnit;
  toTableUnit(built, amountUnit);
  const structure = assignParentsByTable(
    built,
    parts.map((p) => p.start),
  );
  const sink = new Findings(cols);
  const reads = [...new Set(parts.map((p) => p.read))];
  for (const p of parts) {
    if (!p.read.headerMissing || p.repeatOf !== null) continue;
    const first = structure.rows.find((r) => r.index >= p.start && r.index < p.end && r.kind !== 'blank' && r.kind !== 'title');
    if (first) sink.add({ row: first, column: 'name', col: 0, severity: 'warning', code: 'no-header', message: msg.noHeader() });
  }
  for (const r of reads) for (const f of r.findings) sink.add(f);
  const reading = readingOf(grid, parts, opts.mapping);
  flagReading(grid, built, reading, reads, sink);
  for (const p of parts) flagIncompleteProjects(structure, p, sink);

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
      if (ind.level1Std === null || ind.level2Std === null) unknownLevels++;
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
  const hints = explainMismatches(rec.checks, { tolerance: opts.tolerance, roundingIsError: opts.rounding === 'error', money: m }, (f) =>
    sink.placeOf(f),
  );

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

/** How the paste was read, as the contract reports it. */
function readingOf(grid: Grid, parts: readonly TablePart[], mapping: Mapping | undefined): Reading {
  const unread = new Set<number>();
  for (const p of parts) for (const r of p.read.unread) unread.add(r + 1);
  const fieldsOf = (p: TablePart): FieldReading[] => (mapping === undefined ? p.read.fields : userFields(p, mapping));
  const main = parts[0] as TablePart;
  const mainFields = fieldsOf(main);
  const used: Mapping = { layout: main.layout, columns: {}, keys: {} };
  if (main.read.headerRows.length > 0) used.headerRows = main.read.headerRows.map((r) => r + 1);
  for (const f of mainFields) {
    if (main.layout === 'form') {
      if (f.text !== '') used.keys[labelKey(f.text).key] = f.role;
    } else used.columns[columnLetter(f.col)] = f.role;
  }
  return {
    mapping: used,
    tables: parts.map((p) => ({
      startRow: p.start + 1,
      endRow: Math.max(p.start + 1, p.end),
      layout: p.layout,
      // The layout is certain when the table named it (a header, form keys) or the user stated it.
      confidence: p.read.headerMissing && p.detected ? 'low' : 'high',
      headerRows: (p.repeatOf === null ? p.read.headerRows : [p.start]).map((r) => r + 1),
      repeatOf: p.repeatOf === null ? null : p.repeatOf + 1,
      fields: p === main ? mainFields : fieldsOf(p),
    })),
    unreadRows: [...unread].sort((x, y) => x - y).filter((r) => r <= grid.length),
  };
}

/** The fields of a part as the user's mapping left them: the mapped ones say so (evidence `user`). */
function userFields(p: TablePart, mapping: Mapping): FieldReading[] {
  const out: FieldReading[] = p.read.fields.map((f) => {
    const role = p.layout === 'form' ? mapping.keys[labelKey(f.text).key] : mapping.columns[columnLetter(f.col)];
    return role === undefined ? f : { ...f, role: role as FieldReading['role'], confidence: 'high', evidence: 'user' };
  });
  if (p.layout !== 'form') {
    // A mapped column without a header cell of its own.
    const headerRow = p.read.headerRows[0];
    for (const [letter, role] of Object.entries(mapping.columns)) {
      const col = columnIndex(letter);
      if (out.some((f) => f.col === col)) continue;
      out.push({
        row: headerRow === undefined ? null : headerRow + 1,
        col,
        text: '',
        role: role as FieldReading['role'],
        confidence: 'high',
        evidence: 'user',
      });
    }
    out.sort((a, b) => a.col - b.col);
  }
  return out;
}

/** Rows that were not read, columns read with low confidence, and tables pasted twice: each said at its cell. */
function flagReading(grid: Grid, rows: readonly WorkRow[], reading: Reading, reads: readonly ReadResult[], sink: Findings): void {
  for (const r of reading.unreadRows.map((x) => x - 1)) {
    const cells = grid[r] ?? [];
    let col = 0;
    while (col < cells.length && cellText(cells[col]).trim() === '') col++;
    const text = cellText(cells[col]).trim();
    sink.add({ row: rows[r] as WorkRow, column: 'name', col, severity: 'warning', code: 'unread-row', message: msg.unreadRow(text) });
  }
  for (const f of reads.flatMap((r) => r.fields)) {
    if (f.confidence !== 'low' || f.row === null || f.role === 'ignore') continue;
    const at = rows[f.row - 1];
    if (at !== undefined)
      sink.add({
        row: at,
        column: 'name',
        col: f.col,
        severity: 'info',
        code: 'reading-uncertain',
        message: msg.roleUncertain(f.text, f.role),
      });
  }
  for (const t of reading.tables) {
    if (t.repeatOf === null) continue;
    const at = rows[t.startRow - 1];
    if (at !== undefined)
      sink.add({ row: at, column: 'name', col: 0, severity: 'warning', code: 'table-repeated', message: msg.tableRepeated(t.repeatOf) });
  }
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

/** One row of the model, from its working row. */
function outputRow(w: WorkRow, ind: IndicatorResult | undefined, rec: Reconciled, m: Money, colsCache: Map<string, Row['cols']>): Row {
  const amountRow = w.kind === 'project' || w.kind === 'unit' || w.kind === 'grandTotal';
  const inf = amountRow && rec.inferred.size > 0 ? rec.inferred.get(w.index) : undefined;
  const a = w.amounts;
  let goal = w.kind === 'continuation' ? null : w.goal;
  if (ind !== undefined && ind.goalPrefix !== '') goal = goal === null ? ind.goalPrefix : goal + ind.goalPrefix;
  return {
    row: w.index + 1,
    kind: w.kind,
    name: w.name,
    parentRow: w.parent === null ? null : w.parent + 1,
    amounts: amountRow
      ? {
          total: outAmount(m, inf?.total, a.total),
          fiscal: outAmount(m, inf?.fiscal, a.fiscal),
          specialAccount: outAmount(m, inf?.specialAccount, a.specialAccount),
          other: outAmount(m, inf?.other, a.other),
        }
      : NO_AMOUNTS,
    goal,
    indicators: ind !== undefined && ind.indicators.length > 0 ? ind.indicators : NONE,
    cols: sharedCols(colsCache, w),
    inferred: amountRow ? inferredRoles(inf, a) : NONE,
    mergedRows: w.merged.length === 0 ? NONE : w.merged.map((m) => m + 1),
    unitName: w.unitName,
  };
}

function outAmount(m: Money, inferred: number | undefined, slot: AmountSlot): number | null {
  if (inferred !== undefined) return m.num(inferred);
  return slot.parse.kind === 'value' ? m.num(slot.parse.scaled) : null;
}

const NONE = Object.freeze([]) as unknown as never[];
const NO_AMOUNTS: Row['amounts'] = Object.freeze({ total: null, fiscal: null, specialAccount: null, other: null });

function inferredRoles(inf: Partial<Record<AmountRole, number>> | undefined, a: Record<AmountRole, AmountSlot>): Row['inferred'] {
  if (inf === undefined && !a.total.recovered && !a.fiscal.recovered && !a.specialAccount.recovered && !a.other.recovered) {
    return NONE;
  }
  const out: Row['inferred'] = [];
  for (const role of AMOUNT_ROLES) if (inf?.[role] !== undefined || a[role].recovered) out.push(role);
  return out;
}

function sharedCols(cache: Map<string, Row['cols']>, w: WorkRow): Row['cols'] {
  const a = w.amounts;
  // Most rows repeat the previous row's layout: compare with it before building a key.
  const last = cache.get('last');
  if (
    last !== undefined &&
    last.name === w.nameCol &&
    last.total === a.total.col &&
    last.fiscal === a.fiscal.col &&
    last.specialAccount === a.specialAccount.col &&
    last.other === a.other.col &&
    last.goal === w.goalCol &&
    last.indicators === w.indicatorCol
  ) {
    return last;
  }
  const key = `${w.nameCol},${a.total.col},${a.fiscal.col},${a.specialAccount.col},${a.other.col},${w.goalCol},${w.indicatorCol}`;
  let c = cache.get(key);
  if (c === undefined) {
    c = Object.freeze({
      name: w.nameCol,
      total: a.total.col,
      fiscal: a.fiscal.col,
      specialAccount: a.specialAccount.col,
      other: a.other.col,
      goal: w.goalCol,
      indicators: w.indicatorCol,
    });
    cache.set(key, c);
  }
  cache.set('last', c);
  return c;
}

const ORDER = ['name', 'total', 'fiscal', 'specialAccount', 'other', 'goal', 'indicators'];
function columnOrder(c: string): number {
  return ORDER.indexOf(c);
}

/** True when a table yielded nothing usable: not one amount that could be read, and no indicator. */
export function nothingRecognised(model: Model): boolean {
  if (model.summary.indicators > 0) return false;
  return !model.rows.some(
    (r) => r.amounts.total !== null || r.amounts.fiscal !== null || r.amounts.specialAccount !== null || r.amounts.other !== null,
  );
}

/** A finding made while reading the input (bytes repaired, a formula's value rounded), at its cell. */
export interface InputFinding {
  code: 'encoding-repaired' | 'amount-rounded' | 'columns-cut' | 'cell-cut';
  /** 1-based row and 0-based column. */
  row: number;
  col: number;
  message: Bilingual;
}

/** The model with the findings of reading its input added, in row order, and counted. */
export function withInputFindings(model: Model, found: readonly InputFinding[]): Model {
  if (found.length === 0) return model;
  const extra: Flag[] = found.map((f) => ({
    row: f.row,
    column: 'name',
    cell: cellAddress(f.row, f.col),
    col: f.col,
    severity: f.code === 'amount-rounded' ? 'info' : 'warning',
    code: f.code,
    expected: null,
    actual: null,
    message: f.message,
  }));
  const flags = [...model.flags, ...extra].sort(byPlace);
  return { ...model, flags, summary: { ...model.summary, ...severityCounts(flags) } };
}

/** Flags in the order of the sheet: by row, then by the field's place in the contract, then by column. */
function byPlace(a: Flag, b: Flag): number {
  return a.row - b.row || columnOrder(a.column) - columnOrder(b.column) || a.col - b.col;
}

function severityCounts(flags: readonly Flag[]): { errors: number; warnings: number; infos: number } {
  const count = (s: Flag['severity']) => flags.filter((f) => f.severity === s).length;
  return { errors: count('error'), warnings: count('warning'), infos: count('info') };
}
