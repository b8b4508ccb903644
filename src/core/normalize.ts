/**
 * normalize.ts — the pipeline: grid in, model out.
 *
 * Owns: the order of the steps (header → structure → indicators → reconciliation) and the
 * conversion of the internal rows into the JSON contract of model.ts. Pure: no Office, DOM
 * or Node; the task pane and the CLI both call `normalize`.
 */
import { AmountUnit, toNumber, unitFromLabel } from './amount';
import { AMOUNT_ROLES, ColumnMap, DEFAULT_COLUMNS, findHeader } from './columns';
import { Grid } from './grid';
import { Indicator, parseIndicatorCell } from './indicators';
import * as msg from './messages';
import { Amounts, Model, Row } from './model';
import { OptionsInput, parseOptions } from './options';
import { FlagSink, reconcile } from './reconcile';
import { WorkRow, buildStructure, scaledOf } from './structure';
import { cellText } from './text';

/** The table's unit, from a title row or header cell such as `单位:万元`, else from glued units. */
export function detectAmountUnit(grid: Grid, headerRow: number | null, rows: WorkRow[]): AmountUnit | null {
  const last = headerRow === null ? Math.min(grid.length, 10) : headerRow + 1;
  for (let r = 0; r < last; r++) {
    for (const v of grid[r] ?? []) {
      if (typeof v !== 'string' || !v.includes('单位') && !v.includes('元')) continue;
      const u = unitFromLabel(cellText(v));
      if (u !== null) return u;
    }
  }
  const votes = { 万元: 0, 元: 0 };
  for (const row of rows) {
    for (const role of AMOUNT_ROLES) {
      const p = row.amounts[role].parse;
      if (p.kind === 'value' && p.unit !== null) votes[p.unit]++;
    }
  }
  if (votes['万元'] > votes['元']) return '万元';
  if (votes['元'] > votes['万元']) return '元';
  return null;
}

interface IndicatorResult {
  indicators: Indicator[];
  goalPrefix: string;
}

export function normalize(grid: Grid, options?: OptionsInput): Model {
  const opts = parseOptions(options);
  const header = findHeader(grid);
  const cols: ColumnMap = header?.columns ?? DEFAULT_COLUMNS;
  const headerRow = header ? header.row : null;
  const structure = buildStructure(grid, headerRow, cols);
  const sink = new FlagSink(cols);
  const first = structure.rows.find((r) => r.kind !== 'blank' && r.kind !== 'title');
  if (header === null && first) sink.add(first, 'name', 0, 'warning', 'no-header', null, null, msg.noHeader());

  // Indicators of every project (and of any unit that carries them).
  const parsed = new Map<number, IndicatorResult>();
  for (const i of [...structure.projects, ...structure.units]) {
    const row = structure.rows[i] as WorkRow;
    if (row.indicatorText === null) {
      if (row.kind === 'project' && cols.indicators !== undefined) {
        sink.add(row, 'indicators', cols.indicators, 'warning', 'no-indicators', null, null, msg.noIndicators());
      }
      continue;
    }
    const p = parseIndicatorCell(row.indicatorText);
    parsed.set(i, { indicators: p.indicators, goalPrefix: row.mixedCell ? p.prefix : '' });
    const junkBefore = !row.mixedCell && p.segments > 0 && p.prefix !== '';
    const unreadable = p.segments === 0 && /指标/.test(p.prefix);
    if (p.garbled || junkBefore || unreadable) {
      sink.add(
        row,
        'indicators',
        row.indicatorCol,
        'warning',
        'indicator-garbled',
        p.segments,
        p.indicators.length,
        msg.indicatorGarbled(p.indicators.map((x) => x.seq), p.dropped, p.segments),
      );
    } else if (p.indicators.length === 0 && row.kind === 'project') {
      sink.add(row, 'indicators', row.indicatorCol, 'warning', 'no-indicators', null, null, msg.noIndicators());
    }
  }

  const rec = reconcile(structure, cols, { tolerance: opts.tolerance }, sink);
  const amountUnit = opts.amountUnit === 'auto' ? detectAmountUnit(grid, headerRow, structure.rows) : opts.amountUnit;

  const rows: Row[] = structure.rows.map((w) => {
    const inf = rec.inferred.get(w.index) ?? {};
    const amounts = {} as Amounts;
    const inferred: Row['inferred'] = [];
    for (const role of AMOUNT_ROLES) {
      const v = inf[role] ?? scaledOf(w.amounts[role]);
      amounts[role] = v === null ? null : toNumber(v);
      if (inf[role] !== undefined || w.amounts[role].recovered) inferred.push(role);
    }
    const ind = parsed.get(w.index);
    let goal = w.goal;
    if (ind && ind.goalPrefix !== '') goal = goal === null ? ind.goalPrefix : goal + ind.goalPrefix;
    const amountRow = w.kind === 'project' || w.kind === 'unit' || w.kind === 'grandTotal';
    return {
      row: w.index + 1,
      kind: w.kind,
      name: w.name,
      parentRow: w.parent === null ? null : w.parent + 1,
      amounts: amountRow ? amounts : { total: null, fiscal: null, specialAccount: null, other: null },
      goal: w.kind === 'continuation' ? null : goal,
      indicators: ind ? ind.indicators : [],
      cols: {
        name: w.nameCol,
        total: w.amounts.total.col,
        fiscal: w.amounts.fiscal.col,
        specialAccount: w.amounts.specialAccount.col,
        other: w.amounts.other.col,
        goal: w.goalCol,
        indicators: w.indicatorCol,
      },
      inferred: amountRow ? inferred : [],
      mergedRows: w.merged.map((m) => m + 1),
    };
  });
  const flags = rec.flags.sort((a, b) => a.row - b.row || columnOrder(a.column) - columnOrder(b.column));
  let indicatorCount = 0;
  for (const r of rows) indicatorCount += r.indicators.length;
  return {
    amountUnit,
    layout: 'packed',
    headerRow: headerRow === null ? null : headerRow + 1,
    rows,
    flags,
    summary: {
      rows: rows.length,
      units: structure.units.length,
      projects: structure.projects.length,
      indicators: indicatorCount,
      errors: flags.filter((f) => f.severity === 'error').length,
      warnings: flags.filter((f) => f.severity === 'warning').length,
      infos: flags.filter((f) => f.severity === 'info').length,
    },
  };
}

const ORDER = ['name', 'total', 'fiscal', 'specialAccount', 'other', 'goal', 'indicators'];
function columnOrder(c: string): number {
  return ORDER.indexOf(c);
}
