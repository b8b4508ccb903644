/**
 * table-unit.ts — the table's amount unit, and amounts written in the other one.
 *
 * Owns: finding the unit a table states (`单位:万元`, `金额单位:元`, `总计(万元)`) or, failing that,
 * the one its amounts carry glued to them, and converting an amount glued to the other unit
 * (`2500元` in a 万元 table) exactly, or making it unparsable when it cannot be exact.
 */
import { convertScaled, formatAmount, unitFromLabel } from '../input/amount';
import { AmountUnit } from '../contract/money';
import type { Grid } from '../input/grid';
import { cellText, firstUsedRow } from '../input/text';
import { AMOUNT_ROLES } from '../contract/roles';
import type { WorkRow } from '../rows/work-row';

/**
 * The table's unit: stated in a title row or header cell (`单位:万元`, `金额单位:元`, `总计(万元)`),
 * else the unit most amount cells have glued to them (`250万`, `2279.048 万元`), else unknown.
 */
export function detectAmountUnit(grid: Grid, rows: WorkRow[]): AmountUnit | null {
  // Title rows stand at the top; a form repeats its unit line, so the first forms' lines are enough.
  const from = firstUsedRow(grid);
  const scan = Math.min(grid.length, from + 40);
  for (let r = from; r < scan; r++) {
    for (const v of grid[r] ?? []) {
      if (typeof v !== 'string' || v.length > 60 || (!v.includes('单位') && !v.includes('元'))) continue;
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

/**
 * The unit a table of the paste states in its own title lines (`单位:元` under the second table's title), with
 * the cell that states it: rows [start, end), the first 12 rows with content. Null when it states none.
 */
export function statedUnit(grid: Grid, start: number, end: number): { unit: AmountUnit; row: number; col: number } | null {
  let seen = 0;
  for (let r = start; r < end && seen < 12; r++) {
    const row = grid[r] ?? [];
    if (row.some((v) => cellText(v).trim() !== '')) seen++;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== 'string' || v.length > 60 || (!v.includes('单位') && !v.includes('元'))) continue;
      const unit = unitFromLabel(cellText(v));
      if (unit !== null) return { unit, row: r, col: c };
    }
  }
  return null;
}

/** Amounts written in the other unit (`2500元` in a 万元 table) converted exactly, or made unparsable. */
export function toTableUnit(rows: WorkRow[], unit: AmountUnit | null): void {
  if (unit === null) return;
  for (const row of rows) {
    for (const role of AMOUNT_ROLES) {
      const slot = row.amounts[role];
      const p = slot.parse;
      if (p.kind !== 'value' || p.unit === null || p.unit === unit) continue;
      const scaled = convertScaled(p.scaled, p.unit, unit);
      row.amounts[role] = {
        ...slot,
        parse:
          scaled === null ? { kind: 'unparsable', raw: `${formatAmount(p.scaled)}${p.unit}`, reason: 'precision' } : { ...p, scaled, unit },
      };
    }
  }
}
