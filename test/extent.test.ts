/**
 * The one-click rule (src/excel/extent.ts), pure: how far a table goes from the current region of one
 * selected cell, across page-break blank rows; what it needs to read to decide; what lies close beyond a
 * range; and the addresses Excel gives RangeAreas in.
 */
import { Box, boxAddress, contentBeyond, Lines, MAX_GAP, parseAreas, rowShape, tableExtent } from '../src/excel/extent';
import { fixtureGrid } from './helpers';

/** Lines of a grid placed at (top, left) on the sheet; nothing else on the sheet unless `more` says so. */
function linesOf(grid: ReadonlyArray<ReadonlyArray<unknown>>, top = 0, left = 0, more: Partial<Lines['more']> = {}): Lines {
  const width = Math.max(1, ...grid.map((r) => r.length));
  return {
    top,
    left,
    right: left + width - 1,
    rows: grid.map((row) =>
      rowShape(
        Array.from({ length: width }, (_, c) => String(row[c] ?? '').trim() !== ''),
        left,
      ),
    ),
    more: { above: false, below: false, left: false, right: false, ...more },
  };
}

/** Excel's current region of a cell of the grid: grown while any bordering cell (diagonals too) holds something. */
function region(grid: ReadonlyArray<ReadonlyArray<unknown>>, row: number, col: number): Box {
  const has = (r: number, c: number) => r >= 0 && c >= 0 && String(grid[r]?.[c] ?? '').trim() !== '';
  let b: Box = { row, col, rows: 1, cols: 1 };
  for (;;) {
    const [r0, c0, r1, c1] = [b.row, b.col, b.row + b.rows - 1, b.col + b.cols - 1];
    const along = (from: number, to: number, hit: (i: number) => boolean) =>
      Array.from({ length: to - from + 1 }, (_, k) => from + k).some(hit);
    if (along(c0 - 1, c1 + 1, (c) => has(r0 - 1, c))) b = { ...b, row: r0 - 1, rows: b.rows + 1 };
    else if (along(c0 - 1, c1 + 1, (c) => has(r1 + 1, c))) b = { ...b, rows: b.rows + 1 };
    else if (along(r0 - 1, r1 + 1, (r) => has(r, c0 - 1))) b = { ...b, col: c0 - 1, cols: b.cols + 1 };
    else if (along(r0 - 1, r1 + 1, (r) => has(r, c1 + 1))) b = { ...b, cols: b.cols + 1 };
    else return b;
  }
}

const extentOf = (grid: ReadonlyArray<ReadonlyArray<unknown>>, row: number, col: number) =>
  boxAddress(tableExtent(linesOf(grid), region(grid, row, col)).box);

describe('the table from one cell', () => {
  // Each case: a grid at A1, the selected cell, the range read.
  const sample = fixtureGrid();

  test('the sample table: 33 rows with page-break blank rows (11, 18, 26) and pages of 4, 5 and 6 cells, from any cell', () => {
    expect(boxAddress(region(sample, 0, 0))).toBe('A1:G10');
    expect(extentOf(sample, 0, 0)).toBe('A1:G33');
    // From a cell of a later page: the earlier pages and the title above are the table's too.
    expect(extentOf(sample, 20, 2)).toBe('A1:G33');
    expect(extentOf(sample, 32, 0)).toBe('A1:G33');
  });

  test('a note below (one cell), a wider block, or more than MAX_GAP blank rows end the table', () => {
    const table = [
      ['项目', '金额', '目标'],
      ['甲', '1', 'x'],
    ];
    const gap = (n: number) => Array.from({ length: n }, () => []);
    expect(extentOf([...table, ...gap(1), ['注:本表金额单位为万元']], 0, 0)).toBe('A1:C2');
    // A block mostly beside the table, or a wider table, is not the table's.
    expect(extentOf([...table, ...gap(1), ['', '', 'a', 'b', 'c', 'd']], 0, 0)).toBe('A1:C2');
    expect(extentOf([...table, ...gap(1), ['a', 'b', 'c', 'd', 'e', 'f', 'g']], 0, 0)).toBe('A1:C2');
    // A page with one more column is: the table takes it.
    expect(extentOf([...table, ...gap(1), ['乙', '2', 'y', 'z']], 0, 0)).toBe('A1:D4');
    expect(extentOf([...table, ...gap(MAX_GAP), ['乙', '2', 'y']], 0, 0)).toBe(`A1:C${3 + MAX_GAP}`);
    expect(extentOf([...table, ...gap(MAX_GAP + 1), ['乙', '2', 'y']], 0, 0)).toBe('A1:C2');
  });

  test('a page number between two pages is passed over and kept; one after the last page is not', () => {
    const grid = [['项目', '金额', '目标'], ['甲', '1', 'x'], [], ['- 1 -'], [], ['乙', '2', 'y'], [], ['- 2 -']];
    expect(extentOf(grid, 0, 0)).toBe('A1:C6');
  });

  test('above: a title and the unit line stand over the table, past a blank row', () => {
    const grid = [['2024年项目支出绩效目标表'], ['单位:万元'], [], ['项目', '金额', '目标'], ['甲', '1', 'x']];
    expect(extentOf(grid, 4, 1)).toBe('A1:C5');
  });

  test('a title cell on its own takes the columns of the table right below it (a centred title too)', () => {
    const grid = [['', '部门项目支出绩效目标表'], [], ['项目', '金额', '目标'], ['甲', '1', 'x'], [], ['乙', '2', 'y']];
    expect(boxAddress(region(grid, 0, 1))).toBe('B1');
    expect(extentOf(grid, 0, 1)).toBe('A1:C6');
    // A cell with nothing near it stays one cell.
    expect(extentOf([['孤立的单元格'], [], [], [], [], ['项目', '金额']], 0, 0)).toBe('A1');
  });

  test('where the rows read end before the rule is decided, it says which way it needs more', () => {
    const grid = [['项目', '金额', '目标'], ['甲', '1', 'x'], []];
    const open = tableExtent(linesOf(grid, 0, 0, { below: true }), { row: 0, col: 0, rows: 2, cols: 3 });
    expect(open.needs).toEqual({ above: false, below: true });
    const decided = tableExtent(linesOf([...grid, [], [], []], 0, 0, { below: true }), { row: 0, col: 0, rows: 2, cols: 3 });
    expect(decided.needs).toEqual({ above: false, below: false });
    expect(boxAddress(decided.box)).toBe('A1:C2');
    // Read from row 10 down, with content above: the rule asks for the rows above the table.
    const fromTen = tableExtent(linesOf(grid, 10, 0, { above: true }), { row: 10, col: 0, rows: 2, cols: 3 });
    expect(fromTen.needs).toEqual({ above: true, below: false });
  });
});

describe('content beyond a range', () => {
  test('below within MAX_GAP + 1 rows, and right beside', () => {
    const sample = fixtureGrid();
    const lines = linesOf(sample);
    expect(contentBeyond(lines, { row: 0, col: 0, rows: 10, cols: 7 })).toEqual({ below: 11, right: false, left: false });
    expect(contentBeyond(lines, { row: 0, col: 0, rows: 33, cols: 7 })).toEqual({ below: null, right: false, left: false });
    expect(contentBeyond(lines, { row: 1, col: 0, rows: 9, cols: 5 })).toEqual({ below: 11, right: true, left: false });
    expect(contentBeyond(lines, { row: 1, col: 1, rows: 9, cols: 6 }).left).toBe(true);
  });
});

describe('addresses', () => {
  test('a box in the sheet`s letters', () => {
    expect(boxAddress({ row: 0, col: 0, rows: 33, cols: 7 })).toBe('A1:G33');
    expect(boxAddress({ row: 4, col: 2, rows: 1, cols: 1 })).toBe('C5');
    expect(boxAddress({ row: 0, col: 26, rows: 2, cols: 2 })).toBe('AA1:AB2');
  });

  test('RangeAreas addresses: sheet names quoted or not (commas and quotes inside), whole rows and columns, a space after the comma', () => {
    expect(parseAreas('Sheet1!A1:G4,Sheet1!A6:G33')).toEqual([
      { row: 0, col: 0, rows: 4, cols: 7 },
      { row: 5, col: 0, rows: 28, cols: 7 },
    ]);
    expect(parseAreas("'a, b''s'!B2, 'a, b''s'!$D$4:$E$5")).toEqual([
      { row: 1, col: 1, rows: 1, cols: 1 },
      { row: 3, col: 3, rows: 2, cols: 2 },
    ]);
    expect(parseAreas('预算表!3:5,预算表!C:D')).toEqual([
      { row: 2, col: 0, rows: 3, cols: 16_384 },
      { row: 0, col: 2, rows: 1_048_576, cols: 2 },
    ]);
    expect(parseAreas('')).toEqual([]);
  });
});
