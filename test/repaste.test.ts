/**
 * Another paste reads the same (issue 21). Every table in test/fixtures (the real ones included) is
 * pasted again the ways users' pastes of one table differ, and the model must not change beyond what
 * the paste itself moves (a column or row further on shifts every column index, cell address and row
 * number by as much):
 *  - from column B (an empty first column), from row 2 (an empty first row), or both;
 *  - the merged 一级 / 二级 cells unmerged and filled (every row of a merged block holds the label);
 *  - the text saved with a UTF-8 BOM and CRLF line ends, read as the CLI reads text (or a BOM left in A1);
 *  - trailing whitespace in every non-empty cell (spaces, ideographic, no-break or zero-width spaces);
 *  - full-width digits and separators in the amounts (`１２３．４５`, `，`);
 * and the other ways the same cells reach the reader:
 *  - a rectangular range (every row as wide as the widest, as Excel's ranges give it), null empty cells,
 *    a selection larger than the table;
 *  - the numbers as Excel stores pasted text (`98` and `1,030,700.00` numbers, `95%` 0.95 shown `95%`);
 *  - no-break spaces for spaces, and line breaks kept where a long cell wrapped.
 * The invariant is sameness, not correctness: a table read wrongly must be read the same wrong way.
 * The deterministic cases run each re-paste on each table; a property combines random subsets of them,
 * with random shifts, padding and line ends.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { decodeText, parseTsv } from '../src/cli/read';
import { cellAddress, columnLetter, normalize, type Cell, type Model } from '../src/core';
import { cellText } from '../src/core/input/text';
import { FIXTURES } from './helpers';

type Grid = Cell[][];

/** A paste of a table: its cells, and how far it stands from where the table was first pasted. */
interface Paste {
  grid: Grid;
  rows: number;
  cols: number;
  /** Empty rows after the table (a selection larger than the table). */
  extra: number;
}

interface Fixture {
  name: string;
  text: string;
  grid: Grid;
  model: Model;
}

const REAL = join(FIXTURES, 'real');
const fixtures: Fixture[] = [
  ...readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.tsv'))
    .map((f) => ({ name: f.replace(/\.tsv$/, ''), path: join(FIXTURES, f) })),
  ...readdirSync(REAL, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => ({ name: `real/${d.name}`, path: join(REAL, d.name, 'input.tsv') })),
].map(({ name, path }) => {
  const text = readFileSync(path, 'utf8');
  const grid = parseTsv(text);
  return { name, text, grid, model: normalize(grid) };
});

const AMOUNT_FIELDS = ['total', 'fiscal', 'specialAccount', 'other'] as const;
const text = (v: Cell): string => cellText(v);
const blank = (v: Cell): boolean => text(v).trim() === '';
const copy = (g: Grid): Grid => g.map((r) => [...r]);

// ---------------------------------------------------------------------------------------------
// The re-pastes.

/** The paste `rows` rows down and `cols` columns right: empty rows above, empty cells before. */
function shifted(p: Paste, rows: number, cols: number): Paste {
  const pad: Cell[] = new Array(cols).fill('');
  const grid = p.grid.map((r) => [...pad, ...r]);
  const empty = Array.from({ length: rows }, (): Cell[] => ['']);
  return { ...p, grid: [...empty, ...grid], rows: p.rows + rows, cols: p.cols + cols };
}

/**
 * Every row as wide as the widest, padded with `fill` (an Excel range is a rectangle), and `more` empty
 * rows and columns past the table's end (a selection larger than the table).
 */
function rectangular(p: Paste, fill: '' | null, more = 0): Paste {
  const width = Math.max(0, ...p.grid.map((r) => r.length)) + more;
  const grid = p.grid.map((r) => [...r.map((v) => (fill === null && v === '' ? null : v)), ...new Array(width - r.length).fill(fill)]);
  for (let k = 0; k < more; k++) grid.push(new Array(width).fill(fill));
  return { ...p, grid, extra: p.extra + more };
}

/** The cells as text saved from Excel (tab-separated, quoted where a cell needs it), then read as the CLI reads text. */
function throughText(p: Paste, opts: { bom: boolean; eol: '\r\n' | '\n' | '\r' }): Paste {
  const field = (v: Cell): string => {
    const t = text(v);
    return /[\t\r\n]/.test(t) || t.startsWith('"') ? `"${t.replace(/"/g, '""')}"` : t;
  };
  const body = p.grid.map((r) => r.map(field).join('\t')).join(opts.eol) + opts.eol;
  const bytes = Buffer.concat([Buffer.from(opts.bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(body, 'utf8')]);
  return { ...p, grid: parseTsv(decodeText(bytes).text) };
}

/** Trailing whitespace after every non-empty text cell. */
function trailing(p: Paste, space: string): Paste {
  return { ...p, grid: p.grid.map((r) => r.map((v) => (typeof v === 'string' && !blank(v) ? v + space : v))) };
}

/**
 * The cells Excel turns into numbers when the text is pasted into it, as the add-in reads them back
 * (input/number-format.ts `shownCell`): `98`, `1,030,700.00` and `4.00` are plain numbers, `95%` is
 * 0.95 shown `95%`. Text with spaces in it (`13, 586. 01`) or a leading zero stays text.
 */
function typedIntoExcel(p: Paste): Paste {
  const number = (v: Cell): Cell => {
    if (typeof v !== 'string') return v;
    const t = v.trim();
    if (/^-?(?:0|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*)(?:\.\d+)?$/.test(t)) return Number(t.replace(/,/g, ''));
    const pc = /^(-?(?:0|[1-9]\d*)(?:\.\d+)?)%$/.exec(t);
    return pc === null ? v : { value: Number(pc[1]) / 100, text: t };
  };
  return { ...p, grid: p.grid.map((r) => r.map(number)) };
}

/** Every space in a cell written as a no-break space, as some PDF viewers copy them. */
function noBreakSpaces(p: Paste): Paste {
  return { ...p, grid: p.grid.map((r) => r.map((v) => (typeof v === 'string' ? v.replace(/ /g, '\u00a0') : v))) };
}

/**
 * Long text cells wrapped where the PDF wrapped them: a line break kept inside the cell (between two
 * Chinese characters, every 16 characters), as a PDF-to-Excel converter keeps it.
 */
function wrappedCells(p: Paste): Paste {
  const wrap = (v: Cell): Cell =>
    typeof v === 'string' && v.length > 16
      ? v.replace(/([\u4e00-\u9fff])(?=[\u4e00-\u9fff])/g, (c, _a, at: number) => (at % 16 === 15 ? c + '\n' : c))
      : v;
  return { ...p, grid: p.grid.map((r) => r.map(wrap)) };
}

const FULL_WIDTH = (s: string): string => s.replace(/[0-9.,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/**
 * The amounts written with full-width digits, `．` and `，`. The amount cells are those the model read
 * its amounts from (each row's `cols`, on the row itself or, for a form, on its key rows above its
 * indicator grid); only the number in the cell changes (`年度资金总额:16` → `年度资金总额:１６`), and
 * for an amount recovered from the front of the goal, only that number.
 */
function fullWidthAmounts(p: Paste, f: Fixture): Paste {
  const grid = copy(p.grid);
  const byRow = new Map(f.model.rows.map((r) => [r.row, r]));
  for (const r of f.model.rows) {
    const firstHeader = r.mergedRows.find((m) => byRow.get(m)?.kind === 'header') ?? Infinity;
    const rows = [r.row, ...r.mergedRows.filter((m) => m < firstHeader)];
    for (const field of AMOUNT_FIELDS) {
      const c = r.cols[field];
      if (c === null || r.amounts[field] === null) continue;
      const glued = r.inferred.includes(field) && c === r.cols.goal;
      for (const row of rows) {
        const line = grid[row - 1 + p.rows];
        const v = line?.[c + p.cols];
        if (line === undefined || typeof v !== 'string') continue;
        const at = glued ? /^(\s*)([\d.,]*\d[\d.,]*)/.exec(v) : /([\d.,\s]*\d[\d.,]*)((?:万元|万|元)?\s*)$/.exec(v);
        if (at === null) continue;
        const start = glued ? (at[1] as string).length : at.index;
        const number = glued ? (at[2] as string) : (at[1] as string);
        line[c + p.cols] = v.slice(0, start) + FULL_WIDTH(number) + v.slice(start + number.length);
      }
    }
  }
  return { ...p, grid };
}

const LEVEL = /^([一二])级指标/;
const label = (v: Cell): string =>
  text(v)
    .replace(/[\s\u3000]/g, '')
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/**
 * The merged 一级 / 二级 cells unmerged and filled, as Excel gives them: in each project's indicator
 * block (the rows under a header that names 一级指标, grouped by the project the model put them in),
 * a blank level cell takes the label above it; a 二级 block ends where a new 一级 label starts
 * (a merged 二级 never spans two 一级). A block whose first rows are blank has its 一级 label centred
 * in the merged cell: those rows take the first label below.
 */
function filledLevels(p: Paste, f: Fixture): Paste {
  const grid = copy(p.grid);
  // The project (or unit) each indicator row belongs to; header rows repeated in a block are not indicator rows.
  const kinds = new Map(f.model.rows.map((r) => [r.row, r.kind]));
  const owner = new Map<number, number>();
  for (const r of f.model.rows) {
    if (r.kind !== 'project' && r.kind !== 'unit' && r.kind !== 'grandTotal') continue;
    owner.set(r.row, r.row);
    for (const m of r.mergedRows) if (kinds.get(m) === 'continuation') owner.set(m, r.row);
  }
  const cell = (row: number, c: number): Cell => grid[row - 1 + p.rows]?.[c + p.cols];
  const set = (row: number, c: number, v: Cell): void => {
    (grid[row - 1 + p.rows] as Cell[])[c + p.cols] = v;
  };
  for (let h = 1; h <= f.grid.length; h++) {
    const levels = (f.grid[h - 1] ?? []).flatMap((v, c) => {
      const m = LEVEL.exec(label(v));
      return m === null ? [] : [{ c, level: m[1] === '一' ? 1 : 2 }];
    });
    const l1 = levels.find((l) => l.level === 1);
    if (l1 === undefined) continue;
    // The blocks: runs of rows under the header that belong to one project.
    const blocks: number[][] = [];
    for (let r = h + 1; r <= f.grid.length; r++) {
      if ((f.grid[r - 1] ?? []).some((v) => LEVEL.test(label(v)))) break;
      if (!owner.has(r)) {
        // The second row of a two-row header; anything else ends the grid.
        if (kinds.get(r) === 'header' && blocks.length === 0) continue;
        break;
      }
      const last = blocks[blocks.length - 1];
      if (last !== undefined && owner.get(last[0] as number) === owner.get(r)) last.push(r);
      else blocks.push([r]);
    }
    for (const block of blocks) {
      const centred = blank(cell(block[0] as number, l1.c)) && block.some((r) => !blank(cell(r, l1.c)));
      for (const { c, level } of levels) {
        const own = block.map((r) => cell(r, c));
        const starts = block.map((r) => level === 2 && !centred && !blank(f.grid[r - 1]?.[l1.c]));
        let above: Cell = null;
        own.forEach((v, i) => {
          if (starts[i] === true) above = null;
          if (!blank(v)) above = v;
          else if (above !== null) set(block[i] as number, c, above);
        });
        if (level === 1 && centred) {
          const first = own.find((v) => !blank(v)) as Cell;
          for (let i = 0; i < own.length && blank(own[i]); i++) set(block[i] as number, c, first);
        }
      }
    }
  }
  return { ...p, grid };
}

// ---------------------------------------------------------------------------------------------
// The model, as another paste of the same table must read it.

/**
 * What must not change: every row (kind, name, parent, amounts, goal, indicators, columns, merged
 * rows), every flag but its wording (which names the cells it points at), the counts, and how the paste
 * was read, with rows and columns counted from where the table stands.
 */
function asRead(m: Model, dr: number, dc: number, extra = 0): unknown {
  const length = m.rows.length - extra;
  for (const r of [...m.rows.slice(0, dr), ...m.rows.slice(length)]) expect(r).toMatchObject({ kind: 'blank', name: null, indicators: [] });
  const row = (n: number): number => n - dr;
  const col = (c: number | null): number | null => (c === null ? null : c - dc);
  return {
    amountUnit: m.amountUnit,
    layout: m.layout,
    headerRow: m.headerRow === null ? null : row(m.headerRow),
    rows: m.rows.slice(dr, length).map((r) => ({
      ...r,
      row: row(r.row),
      parentRow: r.parentRow === null ? null : row(r.parentRow),
      mergedRows: r.mergedRows.map(row),
      cols: Object.fromEntries(Object.entries(r.cols).map(([k, c]) => [k, col(c)])),
    })),
    flags: m.flags.map(({ message: _message, ...f }) => {
      const c = col(f.col) as number;
      return {
        ...f,
        row: row(f.row),
        col: c,
        cell: cellAddress(row(f.row), c),
        ...(f.explainedBy === undefined
          ? {}
          : {
              explainedBy: {
                row: row(f.explainedBy.row),
                col: col(f.explainedBy.col),
                cell: cellAddress(row(f.explainedBy.row), col(f.explainedBy.col) as number),
              },
            }),
      };
    }),
    summary: { ...m.summary, rows: m.summary.rows - dr - extra },
    reading: {
      tables: m.reading.tables.map((t) => ({
        // The first table starts at the paste's first row, wherever the paste starts.
        startRow: Math.max(1, row(t.startRow)),
        endRow: row(Math.min(t.endRow, length)),
        layout: t.layout,
        confidence: t.confidence,
        headerRows: t.headerRows.map(row),
        repeatOf: t.repeatOf === null ? null : Math.max(1, row(t.repeatOf)),
        // A key's text as written: a value glued to it may be written in full-width digits.
        fields: t.fields.map((fr) => ({ ...fr, row: fr.row === null ? null : row(fr.row), col: col(fr.col), text: label(fr.text) })),
      })),
      unreadRows: m.reading.unreadRows.map(row),
      mapping: {
        ...m.reading.mapping,
        headerRows: m.reading.mapping.headerRows?.map(row),
        columns: Object.fromEntries(
          Object.entries(m.reading.mapping.columns).map(([letter, role]) => {
            let n = 0;
            for (const ch of letter) n = n * 26 + (ch.charCodeAt(0) - 64);
            return [columnLetter(n - 1 - dc), role];
          }),
        ),
      },
    },
  };
}

function expectSameReading(f: Fixture, p: Paste): void {
  const again = normalize(p.grid);
  expect(asRead(again, p.rows, p.cols, p.extra)).toEqual(asRead(f.model, 0, 0));
}

// ---------------------------------------------------------------------------------------------
// The cases.

const first = (f: Fixture): Paste => ({ grid: copy(f.grid), rows: 0, cols: 0, extra: 0 });

const REPASTES: Array<[string, (f: Fixture) => Paste]> = [
  ['from column B', (f) => shifted(first(f), 0, 1)],
  ['from row 2', (f) => shifted(first(f), 1, 0)],
  ['from B2', (f) => shifted(first(f), 1, 1)],
  ['merged levels filled', (f) => filledLevels(first(f), f)],
  [
    'UTF-8 BOM and CRLF',
    (f) => ({ ...first(f), grid: parseTsv(decodeText(Buffer.from('\ufeff' + f.text.replace(/\r?\n/g, '\r\n'), 'utf8')).text) }),
  ],
  [
    'a BOM left in the first cell',
    (f) => ({ ...first(f), grid: f.grid.map((r, i) => (i === 0 ? ['\ufeff' + text(r[0]), ...r.slice(1)] : [...r])) }),
  ],
  ['trailing spaces', (f) => trailing(first(f), ' ')],
  ['full-width amounts', (f) => fullWidthAmounts(first(f), f)],
  ['a rectangular range', (f) => rectangular(first(f), '')],
  ['empty cells null', (f) => rectangular(first(f), null)],
  ['a range larger than the table', (f) => rectangular(first(f), '', 2)],
  ['numbers as Excel stores them', (f) => typedIntoExcel(first(f))],
  ['no-break spaces', (f) => noBreakSpaces(first(f))],
  ['long cells wrapped', (f) => wrappedCells(first(f))],
];

test('every table of test/fixtures is here: the two seed tables and the 13 real ones', () => {
  expect(fixtures.filter((f) => f.name.startsWith('real/'))).toHaveLength(13);
  expect(fixtures).toHaveLength(15);
});

describe.each(fixtures.map((f) => [f.name, f] as const))('%s pasted again', (_name, f) => {
  test.each(REPASTES)('%s', (_how, repaste) => {
    expectSameReading(f, repaste(f));
  });
});

describe('the re-pastes change the cells they are meant to', () => {
  const byName = new Map(fixtures.map((f) => [f.name, f]));
  const cellOf = (p: Paste, row: number, col: number): Cell => p.grid[row - 1 + p.rows]?.[col + p.cols];

  test('full-width amounts: the packed list, a glued amount and a form key with its value', () => {
    const g = byName.get('guangzhou-court-2024') as Fixture;
    const p = fullWidthAmounts(first(g), g);
    expect(cellOf(p, 3, 1)).toBe('１３， ５８６． ０１');
    expect(text(cellOf(p, 29, 3)).startsWith('４４．３６ 干警')).toBe(true);
    const q = byName.get('real/qingshan-edu-weak-schools-2020') as Fixture;
    expect(cellOf(fullWidthAmounts(first(q), q), 5, 1)).toBe('年度资金总额:１６');
  });

  test('merged levels filled: the 一级 and 二级 of a form and a grid list', () => {
    const q = byName.get('real/qingshan-edu-weak-schools-2020') as Fixture;
    const p = filledLevels(first(q), q);
    expect([11, 12, 13, 16, 17, 18].map((r) => [cellOf(p, r, 1), cellOf(p, r, 2)])).toEqual([
      ['产出指标', '质量指标'],
      ['产出指标', '质量指标'],
      ['产出指标', '时效指标'],
      ['效益指标', '可持续影响指标'],
      ['效益指标', '社会公众或服务对象满意度指标'],
      ['效益指标', '社会公众或服务对象满意度指标'],
    ]);
    const z = byName.get('real/zhalaite-procuratorate-grid-yuan') as Fixture;
    const g = filledLevels(first(z), z);
    // 设备验收及时率: both levels blank, under 产出指标 / 时效指标; the next project's block starts afresh.
    expect([cellOf(g, 14, 5), cellOf(g, 14, 6)]).toEqual(['产出指标(50分)', '时效指标']);
    expect([cellOf(g, 17, 5), cellOf(g, 17, 6)]).toEqual(['产出指标(50分)', '质量指标']);
    // A 一级 label centred in its merged block names the rows above it; the header's second row stays as it is.
    const h = byName.get('real/huangshi-party-school-2022') as Fixture;
    const c = filledLevels(first(h), h);
    expect([9, 10, 13, 14, 15, 21, 22].map((r) => cellOf(c, r, 1))).toEqual([
      '',
      '产出指标',
      '产出指标',
      '产出指标',
      '产出指标',
      '产出指标',
      '满意度指标',
    ]);
  });

  test('numbers as Excel stores them, no-break spaces, wrapped cells', () => {
    const z = byName.get('real/zhalaite-procuratorate-grid-yuan') as Fixture;
    const x = typedIntoExcel(first(z));
    expect([cellOf(x, 5, 3), cellOf(x, 5, 10), cellOf(x, 9, 12)]).toEqual([1030700, 98, 7.5]);
    const q = byName.get('real/qingshan-edu-weak-schools-2020') as Fixture;
    expect(cellOf(typedIntoExcel(first(q)), 10, 4)).toEqual({ value: 1, text: '100%' });
    const g = byName.get('guangzhou-court-2024') as Fixture;
    expect(cellOf(noBreakSpaces(first(g)), 3, 1)).toBe('13,\u00a0586.\u00a001');
    expect(text(cellOf(wrappedCells(first(g)), 5, 5))).toContain('\n');
  });
});

test('any combination of re-pastes reads the same', () => {
  const CONTENT = {
    levels: (p: Paste, f: Fixture) => filledLevels(p, f),
    fullWidth: (p: Paste, f: Fixture) => fullWidthAmounts(p, f),
    trailing: (p: Paste, _f: Fixture, space: string) => trailing(p, space),
    noBreak: (p: Paste) => noBreakSpaces(p),
    excel: (p: Paste) => typedIntoExcel(p),
    wrapped: (p: Paste) => wrappedCells(p),
  };
  type Step = keyof typeof CONTENT;
  fc.assert(
    fc.property(
      fc.constantFrom(...fixtures.map((f) => f.name)),
      fc.shuffledSubarray(Object.keys(CONTENT) as Step[]),
      fc.constantFrom(' ', '  ', '\u3000', '\u00a0', ' \u00a0', '\u200b'),
      fc.nat(2),
      fc.nat(2),
      fc.constantFrom<'' | null | 'ragged'>('', null, 'ragged'),
      fc.nat(2),
      fc.option(fc.record({ bom: fc.boolean(), eol: fc.constantFrom<'\r\n' | '\n' | '\r'>('\r\n', '\n', '\r') })),
      (name, steps, space, dr, dc, fill, more, saved) => {
        const f = fixtures.find((x) => x.name === name) as Fixture;
        // What the user's cells hold, then where they stand, then how they reached the reader.
        let p = first(f);
        for (const s of steps) p = CONTENT[s](p, f, space);
        p = shifted(p, dr, dc);
        if (fill !== 'ragged') p = rectangular(p, fill, more);
        if (saved !== null) p = throughText(p, saved);
        expectSameReading(f, p);
      },
    ),
    { numRuns: 200 },
  );
});

describe('what the re-pastes found, one case each', () => {
  const list = ['合计\t30.00\t30.00', '某单位\t30.00\t30.00', '项目甲\t10.00\t10.00', '项目乙\t20.00\t20.00'];
  const grid = (lines: string[], lead = ''): Grid => lines.map((l) => (lead + l).split('\t'));

  test('a list with no header pasted from column B is read in the default order from column B, not from A', () => {
    const a = normalize(grid(list));
    const b = normalize(grid(list, '\t'));
    expect(b.rows.map((r) => [r.kind, r.name, r.amounts.total])).toEqual(a.rows.map((r) => [r.kind, r.name, r.amounts.total]));
    expect(b.summary.projects).toBe(2);
    expect(b.reading.tables[0]?.fields.map((f) => [f.col, f.role])).toEqual([
      [1, 'name'],
      [2, 'total'],
      [3, 'fiscal'],
    ]);
  });

  test('an amount glued to the goal in full-width digits is recovered as the half-width one is', () => {
    const head = '项目名称\t总计\t财政拨款\t其他资金\t绩效目标';
    const m = normalize(grid([head, '项目甲\t44.36\t\t\t４４．３６ 干警调查研究能力']));
    expect(m.rows[1]).toMatchObject({ amounts: { total: 44.36, other: 44.36 }, goal: '干警调查研究能力', inferred: ['other'] });
  });

  test('an amount that cannot be read is said with its text, without the spaces around it', () => {
    const m = normalize(grid(['项目名称\t总计\t财政拨款', '项目甲\t 12.3.4\u3000\t10.00']));
    expect(m.flags.find((f) => f.code === 'unparsable-amount')).toMatchObject({ cell: 'B2', actual: '12.3.4' });
  });

  test('a number shown as a percentage in an amount column is read as the text the user sees', () => {
    const typed = normalize(grid(['项目名称\t总计\t财政拨款', '项目甲\t100%\t10.00']));
    const stored = normalize([
      ['项目名称', '总计', '财政拨款'],
      ['项目甲', { value: 1, text: '100%' }, '10.00'],
    ]);
    expect(stored.rows).toEqual(typed.rows);
    expect(stored.flags).toEqual(typed.flags);
    expect(stored.flags.map((f) => f.code)).toContain('unparsable-amount');
  });

  test('a header cell with a trailing zero-width space is reported as its text', () => {
    const m = normalize(grid(['项目名称\u200b\t总计\u200b', '项目甲\t10.00']));
    expect(m.reading.tables[0]?.fields.map((f) => f.text)).toEqual(['项目名称', '总计']);
  });
});
