/** Test helpers: fixtures from test/fixtures (never ../shared), grids from text. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTsv } from '../src/cli/read';
import { normalize, OptionsInput } from '../src/core';
import type { Cell } from '../src/core/input/grid';
import type { Hint } from '../src/core/contract/model';

export const FIXTURES = join(__dirname, 'fixtures');

export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

export function fixtureGrid(name = 'guangzhou-court-2024.tsv'): Cell[][] {
  return parseTsv(fixtureText(name));
}

export function fixtureExpected(name = 'guangzhou-court-2024.expected.json'): any {
  return JSON.parse(fixtureText(name));
}

/** A grid from lines of tab-separated text (leading indentation and blank edges removed). */
export function tsv(text: string): Cell[][] {
  const lines = text
    .replace(/^\n/, '')
    .replace(/\n\s*$/, '')
    .split('\n');
  return lines.map((l) => l.replace(/^ {2,}/, '').split('\t'));
}

/** A cell to replace: 1-based row, 0-based column, the new value. */
export type CellEdit = [row: number, col: number, value: Cell];

/** Deep copy of a grid with cells replaced. */
export function withCells(grid: Cell[][], edits: readonly CellEdit[]): Cell[][] {
  const copy = grid.map((r) => [...r]);
  for (const [row, col, value] of edits) (copy[row - 1] as Cell[])[col] = value;
  return copy;
}

/** Deep copy of a grid with one cell replaced (1-based row, 0-based column). */
export function withCell(grid: Cell[][], row: number, col: number, value: Cell): Cell[][] {
  return withCells(grid, [[row, col, value]]);
}

/**
 * One slip of each kind in the guangzhou fixture, and the cell its hint belongs on (the cell to change):
 * B5 119.00 typed in 元; a unit's total 0.01 off; 综合保障中心 (B30, C30) counting 审判执行专项经费
 * (48.00) twice, or leaving out 机构运行辅助经费 (35.00): the flag on its total B30, the message naming
 * the child; B33 35.00 typed 53.00.
 */
export const FIXTURE_SLIPS: Record<Hint, { edits: CellEdit[]; at: string }> = {
  'unit-slip': { edits: [[5, 1, '1,190,000.00']], at: 'B5' },
  rounding: { edits: [[4, 1, '13,192.84']], at: 'B4' },
  'double-count': {
    edits: [
      [30, 1, '441.18'],
      [30, 2, '441.18'],
    ],
    at: 'B30',
  },
  omission: {
    edits: [
      [30, 1, '358.18'],
      [30, 2, '358.18'],
    ],
    at: 'B30',
  },
  transposition: { edits: [[33, 1, '53.00']], at: 'B33' },
};

export const HEADER = '项目名称(资金使用单位)\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标';
export const IND = (n: number, name = '指标'): string =>
  Array.from(
    { length: n },
    (_, i) => `${i + 1}、1-产出指标; 11-数量指标; ${name}${i + 1}; 实施周期指标值:≥${i + 1}件; 年度指标值:≥${i + 1}件。`,
  ).join('');

/** Review checks off: for tests of structure and reconciliation alone (every rule of the table, off). */
import { NO_REVIEW } from '../src/core';
export { NO_REVIEW };

export function normalizeChecks(grid: Cell[][], options: OptionsInput = {}) {
  return normalize(grid, { ...options, review: NO_REVIEW });
}

/**
 * The tianjin forms as published (merged cells, 0-based inclusive [row0, col0, row1, col1]): title lines
 * across, values across, each 一级 merged down over its 二级 rows.
 */
export const TIANJIN_MERGES: ReadonlyArray<[number, number, number, number]> = [
  [0, 0, 0, 6],
  [1, 0, 1, 6],
  [2, 0, 2, 6],
  [3, 0, 3, 6],
  [5, 1, 5, 6],
  [7, 0, 7, 6],
  [8, 1, 8, 6],
  [10, 0, 13, 0],
  [17, 1, 17, 6],
  [19, 0, 19, 6],
  [20, 1, 20, 6],
  [22, 0, 26, 0],
];
