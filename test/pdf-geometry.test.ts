/**
 * The PDF reader's geometry, on hand-made operator lists and text items (no pdf.js, no PDF): paths to
 * rulings, rulings to cells and merged cells, text to runs and cell text (fonts, fake bold, wrapping),
 * pages to tables over several pages, which tables are 绩效目标表, page selections, and the reader as a
 * whole over a fake document. Also: the operation codes are pdf.js's, and src/pdf/ needs no Node or DOM.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { normalize } from '../src/core';
import type { PdfDocument, PdfOperatorList, PdfPage, PdfTextItem } from '../src/pdf/api';
import { alignedTable, columnBands } from '../src/pdf/align';
import { withReadingFindings } from '../src/pdf/findings';
import type { Ruling } from '../src/pdf/geometry';
import { coreCells, gridOf, repeatedTop } from '../src/pdf/grid';
import { TableJoiner } from '../src/pdf/join';
import { DRAW, OPS, pagePaths } from '../src/pdf/ops';
import { opRuns, TEXT_OPS } from '../src/pdf/optext';
import { pageLine, readPage, type PageReading } from '../src/pdf/page';
import { PageSpecError, selectPages } from '../src/pdf/pages';
import { readPdf } from '../src/pdf/read';
import { joinRulings, ruledTables } from '../src/pdf/rulings';
import { classify, titleOf } from '../src/pdf/tables';
import { cellText, joinLines, lineText, linesOf, pageRuns, type Run, splitRun, undoubled } from '../src/pdf/text';
import { documentPdf } from '../src/pdf/write';

const ROOT = join(__dirname, '..');
/** A landscape page: display space is user space flipped (y down). */
const W = 600;
const H = 400;
const VIEW = { transform: [1, 0, 0, -1, 0, H], width: W, height: H };
const VIEW_M = VIEW.transform as unknown as readonly [number, number, number, number, number, number];

type Op = [number, unknown];
const list = (...ops: Op[]): PdfOperatorList => ({ fnArray: ops.map((o) => o[0]), argsArray: ops.map((o) => o[1]) });
/** A path painted with `paint`, points given in display space (y down). */
const path = (paint: number, ...pts: Array<[number, number] | 'close'>): Op => {
  const data: number[] = [];
  pts.forEach((p, k) => {
    if (p === 'close') data.push(DRAW.closePath);
    else data.push(k === 0 ? DRAW.moveTo : DRAW.lineTo, p[0], H - p[1]);
  });
  return [OPS.constructPath, [paint, [Float32Array.from(data)], null]];
};
const stroke = (x0: number, y0: number, x1: number, y1: number): Op => path(OPS.stroke, [x0, y0], [x1, y1]);
/** A text item at display (x, baseline y). */
const item = (str: string, x: number, y: number, size = 10, width?: number): PdfTextItem => ({
  str,
  transform: [size, 0, 0, size, x, H - y],
  width: width ?? [...str].reduce((n, ch) => n + ((ch.codePointAt(0) ?? 0) > 0x2e80 ? 1 : 0.55), 0) * size,
  height: size,
  fontName: 'f1',
  hasEOL: false,
});
const run = (text: string, x0: number, x1: number, y = 100, size = 10): Run => ({
  text,
  x0,
  x1,
  y0: y - 8,
  y1: y + 2,
  size,
  upright: true,
});

/** The strokes of a ruled grid: horizontal lines at `ys` from xs[0] to xs[last], vertical lines at `xs`. */
function grid(xs: number[], ys: number[]): Op[] {
  const x0 = xs[0] as number;
  const x1 = xs[xs.length - 1] as number;
  const y0 = ys[0] as number;
  const y1 = ys[ys.length - 1] as number;
  return [...ys.map((y) => stroke(x0, y, x1, y)), ...xs.map((x) => stroke(x, y0, x, y1))];
}

describe('ops: paths to rulings', () => {
  test("the operation codes are pdf.js 5.4's", () => {
    const src = readFileSync(join(ROOT, 'node_modules', 'pdfjs-dist', 'legacy', 'build', 'pdf.mjs'), 'utf8');
    const table = (name: string): Record<string, number> => {
      const body = new RegExp(`const ${name} = \\{([^}]*)\\}`).exec(src)?.[1] ?? '';
      return Object.fromEntries([...body.matchAll(/(\w+):\s*(\d+)/g)].map((m) => [m[1] as string, Number(m[2])]));
    };
    const ops = table('OPS');
    for (const [name, code] of Object.entries({ ...OPS, ...TEXT_OPS })) expect([name, ops[name]]).toEqual([name, code]);
    const draw = table('DrawOPS');
    for (const [name, code] of Object.entries(DRAW)) expect([name, draw[name]]).toEqual([name, code]);
  });

  test('stroked lines, placed by the matrix stack (cm, save/restore, form XObjects), in display space', () => {
    const ops = list(
      [OPS.setLineWidth, [0.5]],
      stroke(10, 20, 110, 20),
      [OPS.save, null],
      [OPS.transform, [1, 0, 0, 1, 5, -5]], // 5 right, 5 down on the page (user space is y up)
      stroke(10, 50, 10, 150),
      [OPS.restore, null],
      [
        OPS.paintFormXObjectBegin,
        [
          [2, 0, 0, 2, 0, 0],
          [0, 0, 10, 10],
        ],
      ],
      path(OPS.stroke, [1, H / 2], [3, H / 2]), // in the form: scaled 2×
      [OPS.paintFormXObjectEnd, null],
      stroke(200, 10, 200, 10.2), // a dot: not a line
    );
    const { rulings } = pagePaths(ops, VIEW_M);
    expect(rulings).toHaveLength(3);
    expect(rulings[0]).toMatchObject({ dir: 'h', at: 20, from: 10, to: 110, width: 0.5 });
    expect(rulings[1]).toMatchObject({ dir: 'v', at: 15, from: 55, to: 155 });
    // The form's matrix scales user space about its origin (the page's bottom-left).
    expect(rulings[2]).toMatchObject({ dir: 'h', from: 2, to: 6 });
    expect(rulings[2]?.at).toBeCloseTo(H - H, 5);
  });

  test('thin filled rectangles are rulings (word-processor borders); cell shading, white paint and curves are not', () => {
    const rect = (x: number, y: number, w: number, h: number): Op =>
      path(OPS.fill, [x, y], [x + w, y], [x + w, y + h], [x, y + h], 'close');
    const ops = list(
      rect(10, 10, 200, 0.5),
      rect(10, 10, 0.5, 100),
      rect(20, 20, 100, 40), // shading
      [OPS.setFillRGBColor, ['#ffffff']],
      rect(10, 200, 200, 0.5), // white: draws nothing
      [OPS.setFillRGBColor, ['#000000']],
      [OPS.setStrokeGray, [1]],
      stroke(0, 300, 100, 300), // white stroke
      [OPS.setStrokeGray, [0]],
      [OPS.constructPath, [OPS.stroke, [Float32Array.from([DRAW.moveTo, 0, 0, DRAW.curveTo, 10, 10, 20, 10, 30, 0])], null]],
      [OPS.paintImageXObject, ['img1', 100, 100]],
    );
    const paths = pagePaths(ops, VIEW_M, W * H);
    expect(paths.rulings.map((r) => [r.dir, r.at, r.from, r.to])).toEqual([
      ['h', 10.25, 10, 210],
      ['v', 10.25, 10, 110],
    ]);
    expect(paths.images).toBe(1);
  });
});

describe('rulings: lines to cells', () => {
  test('the pieces of one line (each cell drawn on its own, a double line) are one line', () => {
    const pieces: Ruling[] = [
      { dir: 'h', at: 10, from: 0, to: 50, width: 0.5 },
      { dir: 'h', at: 10.2, from: 50, to: 100, width: 0.5 },
      { dir: 'h', at: 11.2, from: 100.5, to: 150, width: 0.5 },
      { dir: 'h', at: 40, from: 0, to: 150, width: 0.5 },
    ];
    expect(joinRulings(pieces).map((r) => [r.dir, Math.round(r.at), r.from, r.to])).toEqual([
      ['h', 10, 0, 150],
      ['h', 40, 0, 150],
    ]);
  });

  test('a grid of lines is a table; a missing inner line merges the cells on either side', () => {
    const xs = [10, 60, 110, 160];
    const ys = [10, 30, 50, 70];
    const ops = [
      // Every horizontal line, but the one under row 2 only under column 3 (columns 1–2 merged down over rows 2–3).
      stroke(10, 10, 160, 10),
      stroke(10, 30, 160, 30),
      stroke(110, 50, 160, 50),
      stroke(10, 70, 160, 70),
      // Every vertical line, but the one between columns 2 and 3 only in rows 2–3 (merged across in row 1).
      stroke(10, 10, 10, 70),
      stroke(60, 10, 60, 70),
      stroke(110, 30, 110, 70),
      stroke(160, 10, 160, 70),
    ];
    const tables = ruledTables(pagePaths(list(...ops), VIEW_M).rulings);
    expect(tables).toHaveLength(1);
    const t = tables[0];
    expect(t?.xs.map(Math.round)).toEqual(xs);
    expect(t?.ys.map(Math.round)).toEqual(ys);
    expect(t?.cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan])).toEqual([
      [0, 0, 1, 1],
      [0, 1, 1, 2], // no line between columns 2 and 3 in row 1
      [1, 0, 2, 1], // no line under row 2 in column 1 …
      [1, 1, 2, 1], // … nor in column 2
      [1, 2, 1, 1],
      [2, 2, 1, 1],
    ]);
  });

  test('an underline or a lone line is no table; a frame around a table is not a second one', () => {
    const inner = grid([100, 200, 300], [100, 150, 200]);
    const frame = grid([20, 580], [20, 380]);
    const underline = [stroke(100, 300, 200, 300)];
    const tables = ruledTables(pagePaths(list(...inner, ...frame, ...underline), VIEW_M).rulings);
    expect(tables).toHaveLength(1);
    expect(tables[0]?.box).toMatchObject({ x0: 100, x1: 300, y0: 100, y1: 200 });
  });
});

describe('text: items to runs, runs to cell text', () => {
  test('items are placed in display space, whatever the page rotation', () => {
    // A page rotated 90°: its viewport maps user (x, y) to display (y, x).
    const view = [0, 1, 1, 0, 0, 0] as const;
    const runs = pageRuns({ items: [{ ...item('项目', 0, 0), transform: [0, 10, -10, 0, 300, 50] }] }, view);
    expect(runs[0]).toMatchObject({ text: '项目', upright: true });
    expect(runs[0]?.x0).toBeCloseTo(50, 5);
    expect(runs[0]?.x1).toBeCloseTo(70, 5);
  });

  test('fake bold: the same string drawn twice a hair apart, or each glyph twice in one item, is read once', () => {
    const twice = pageRuns({ items: [item('项目名称', 10, 20), item('项目名称', 10.3, 20), item('项目名称', 10, 60)] }, VIEW_M);
    expect(twice.map((r) => r.text)).toEqual(['项目名称', '项目名称']);
    expect(undoubled('项项目目名名称称', 40.5, 10)).toBe('项目名称');
    // Real doubles advance twice as far: `11` is eleven.
    expect(undoubled('11', 11, 10)).toBeNull();
    expect(undoubled('1111', 11.5, 10)).toBe('11');
    const doubled = pageRuns({ items: [{ ...item('项项目目', 10, 20), width: 20.4 }] }, VIEW_M);
    expect(doubled[0]?.text).toBe('项目');
    // Marked content and blank items are passed over.
    expect(pageRuns({ items: [{ type: 'beginMarkedContent' }, item('  ', 10, 10)] }, VIEW_M)).toEqual([]);
  });

  test('runs split where the font changes are one word; a gap of a space is a space', () => {
    const line = [run('预算数', 0, 30), run('13,586.01', 30, 75), run('万元', 75.5, 95), run('合计', 110, 130)];
    expect(lineText(line)).toBe('预算数13,586.01万元 合计');
  });

  test('wrapped lines of a cell are joined: no space between Chinese, none inside a number, a space between words', () => {
    expect(joinLines(['广州市中级人民法院2021年信息化', '建设项目'])).toBe('广州市中级人民法院2021年信息化建设项目');
    expect(joinLines(['1,030,70', '0.00'])).toBe('1,030,700.00');
    expect(joinLines(['产出指标(5', '0分)'])).toBe('产出指标(50分)');
    expect(joinLines(['实施周期指标值:≥95%', '; 年度'])).toBe('实施周期指标值:≥95%; 年度');
    expect(joinLines(['2022-', '2024年'])).toBe('2022-2024年');
    expect(joinLines(['Total budget', 'of the year'])).toBe('Total budget of the year');
    const cell = [run('建设项目', 0, 40, 120), run('广州市2021年信息化', 0, 90, 108)];
    expect(cellText(cell)).toBe('广州市2021年信息化建设项目');
    expect(linesOf(cell).map(lineText)).toEqual(['广州市2021年信息化', '建设项目']);
  });

  test('a run is cut at a cell border only where a space stands there (a row written as one string); overflow stays whole', () => {
    const row = run('合计 13,586.01 44.36', 0, 110);
    expect(splitRun(row, [20, 80]).map((r) => r.text)).toEqual(['合计', '13,586.01', '44.36']);
    const overflow = run('部门名称:广东省广州市中级人民法院', 0, 180);
    expect(splitRun(overflow, [60, 120]).map((r) => r.text)).toEqual(['部门名称:广东省广州市中级人民法院']);
  });
});

describe('optext: the text a page draws, from its operator list', () => {
  const glyph = (ch: string, width = (ch.codePointAt(0) ?? 0) > 0x2e80 ? 1000 : 556) => ({ unicode: ch, width, isSpace: ch === ' ' });
  const show = (text: string): Op => [TEXT_OPS.showText, [[...text].map((ch) => glyph(ch))]];

  test('text state: font size, text matrix, Td and T*, character spacing, horizontal scaling, a TJ gap; placed in display space', () => {
    const ops = list(
      [TEXT_OPS.beginText, null],
      [TEXT_OPS.setFont, ['f1', 10]],
      [TEXT_OPS.setTextMatrix, [Float32Array.from([1, 0, 0, 1, 50, H - 100])]],
      show('项目名称'),
      [TEXT_OPS.moveText, [0, -14]],
      [TEXT_OPS.showText, [[glyph('1'), glyph('3'), -2000, glyph('4'), glyph('4')]]], // a TJ gap of 2 ems
      [TEXT_OPS.setLeading, [14]],
      [TEXT_OPS.nextLine, null],
      [TEXT_OPS.setCharSpacing, [1]],
      [TEXT_OPS.setHScale, [50]],
      show('合计'),
      [TEXT_OPS.endText, null],
    );
    const runs = opRuns(ops, VIEW_M);
    expect(runs.map((r) => [r.text, Math.round(r.x0), Math.round(r.x1), Math.round(r.y1), Math.round(r.size)])).toEqual([
      ['项目名称', 50, 90, 102, 10],
      ['13', 50, 61, 116, 10],
      ['44', 81, 92, 116, 10],
      // Glyphs 10 points apart plus 1 of spacing, at half width: the first glyph's start to the last's end, 10.5 points.
      ['合计', 50, 61, 130, 10],
    ]);
  });

  test('the matrix stack places text; fake bold drawn glyph by glyph (a step back) is read once; the font’s own matrix is used', () => {
    const ops = list(
      [OPS.save, null],
      [OPS.transform, [2, 0, 0, 2, 0, -H]], // twice as large, from the page's top
      [TEXT_OPS.beginText, null],
      [TEXT_OPS.setFont, ['f1', 10]],
      [TEXT_OPS.moveText, [10, H - 20]],
      [TEXT_OPS.showText, [[glyph('项'), 950, glyph('项'), glyph('目'), 950, glyph('目')]]],
      [TEXT_OPS.endText, null],
      [OPS.restore, null],
      [TEXT_OPS.beginText, null],
      [TEXT_OPS.setFont, ['t3', 10]],
      [TEXT_OPS.moveText, [10, H - 300]],
      [TEXT_OPS.showText, [[glyph('A', 50), glyph('B', 50)]]],
      [TEXT_OPS.endText, null],
    );
    const runs = opRuns(ops, VIEW_M, (name) => (name === 't3' ? { fontMatrix: [0.01, 0, 0, 0.01, 0, 0] } : null));
    expect(runs.map((r) => r.text)).toEqual(['项目', 'AB']);
    expect(runs[0]?.x0).toBeCloseTo(20, 5);
    expect(runs[0]?.size).toBeCloseTo(20, 5);
    // A Type 3 font of matrix 1/100: each glyph 50 units wide is 5 points at size 10.
    expect((runs[1]?.x1 ?? 0) - (runs[1]?.x0 ?? 0)).toBeCloseTo(10, 5);
  });
});

/** A page of a ruled table with text, read. */
function ruledPage(page: number, rows: string[][], opts: { title?: string; top?: number; footer?: string } = {}): PageReading {
  const xs = [50, 200, 300, 400];
  const top = opts.top ?? 60;
  const ys = rows.map((_, k) => top + 20 * k).concat(top + 20 * rows.length);
  const items: PdfTextItem[] = [];
  rows.forEach((r, i) => r.forEach((text, c) => text !== '' && items.push(item(text, (xs[c] as number) + 2, (ys[i] as number) + 14))));
  if (opts.title !== undefined) items.push(item(opts.title, 200, top - 20, 14));
  if (opts.footer !== undefined) items.push(item(opts.footer, 290, H - 15));
  return readPage(page, VIEW, list(...grid(xs, ys)), { items });
}

describe('pages: cells, lines outside the tables, tables over pages', () => {
  const header = ['项目名称', '总计', '一级指标'];
  test('a page: its table with each cell’s text, its title line, its page number dropped', () => {
    const p = ruledPage(1, [header, ['司法救助金', '53.00', '产出指标']], { title: '2024年项目支出绩效目标表', footer: '- 1 -' });
    expect(p.blocks.map((b) => b.kind)).toEqual(['line', 'table']);
    const table = p.blocks[1]?.kind === 'table' ? p.blocks[1].table : null;
    expect(table?.cells.map((c) => c.text)).toEqual([...header, '司法救助金', '53.00', '产出指标']);
  });

  test('a table over two pages is one table; the header repeated on the second page is dropped; a note is its last row', () => {
    const joiner = new TableJoiner();
    joiner.add(ruledPage(1, [header, ['A', '1.00', '产出指标']], { title: '2024年项目支出绩效目标表', footer: '第 1 页' }));
    const p2 = ruledPage(2, [header, ['B', '2.00', '效益指标']], { footer: '第 2 页' });
    p2.blocks.push({ kind: 'line', line: pageLine([run('注:本表金额单位为万元。', 50, 200, 150)]) });
    joiner.add(p2);
    const tables = joiner.finish();
    expect(tables).toHaveLength(1);
    const g = gridOf(tables[0] as NonNullable<(typeof tables)[0]>);
    expect(coreCells(g).map((r) => r.map((c) => c ?? '').join('|'))).toEqual([
      '2024年项目支出绩效目标表||',
      '项目名称|总计|一级指标',
      'A|1.00|产出指标',
      'B|2.00|效益指标',
      '注:本表金额单位为万元。||',
    ]);
    expect(g.droppedRows).toBe(1);
    expect(g.rowPages).toEqual([1, 1, 1, 2, 2]);
  });

  test('a new title above a table on the next page starts a new table', () => {
    const joiner = new TableJoiner();
    joiner.add(ruledPage(1, [header, ['A', '1.00', '产出指标']], { title: '2024年部门收支总表' }));
    joiner.add(ruledPage(2, [header, ['B', '2.00', '效益指标']], { title: '2024年项目支出绩效目标表' }));
    expect(joiner.finish()).toHaveLength(2);
  });

  test('a repeated top is dropped only where it holds no number', () => {
    const top = [
      [{ value: '项目名称' }, { value: '总计' }],
      [{ value: '合计' }, { value: '100.00' }],
    ];
    expect(
      repeatedTop(top, [
        [{ value: '项目名称' }, { value: '总计' }],
        [{ value: 'X' }, { value: '1.00' }],
      ]),
    ).toBe(1);
    expect(repeatedTop(top, [[{ value: '合计' }, { value: '100.00' }]])).toBe(0);
  });

  test('a page without ruling lines: columns from the alignment of its text', () => {
    const lines = [
      ['2024年项目支出绩效目标表'],
      ['项目名称', '总计', '绩效指标'],
      ['司法救助金', '53.00', '资助人数'],
      ['国家赔偿金', '1.00', '赔偿立案数'],
    ].map((parts, k) =>
      pageLine(parts.map((p, c) => run(p, [50, 250, 400][c] as number, ([50, 250, 400][c] as number) + p.length * 10, 50 + 20 * k))),
    );
    expect(columnBands(lines.slice(1)).length).toBe(3);
    const found = alignedTable(lines);
    expect(found?.table.rows).toBe(3);
    expect(found?.used.has(lines[0] as (typeof lines)[0])).toBe(false);
    expect(found?.table.cells.map((c) => c.text).slice(0, 3)).toEqual(['项目名称', '总计', '绩效指标']);
  });
});

describe('tables: which are performance-target tables', () => {
  test('by title, header, form keys or 一级 names; budget tables are not', () => {
    expect(classify('2024年部门预算项目支出绩效目标表', [])).toMatchObject({ target: true });
    expect(classify('', [['项目名称', '总计', '绩效目标', '绩效指标']])).toMatchObject({ target: true, why: 'header indicators' });
    expect(classify('', [['一级指标', '二级指标', '三级指标', '指标值']])).toMatchObject({ target: true });
    expect(
      classify('', [
        ['项目名称', 'X'],
        ['年度绩效目标', '…'],
      ]),
    ).toMatchObject({ target: true });
    expect(classify('2024年部门收支总表', [['收入', '金额', '支出', '金额']])).toMatchObject({ target: false });
    expect(classify('一般公共预算"三公"经费支出表', [['合计', '因公出国(境)费', '公务接待费']])).toMatchObject({ target: false });
    expect(
      classify('项目支出表', [
        ['项目名称', '合计', '财政拨款'],
        ['X', '1.00', '1.00'],
      ]),
    ).toMatchObject({ target: false });
    expect(titleOf(['单位:万元', '2024年部门收支总表'], [])).toBe('2024年部门收支总表');
  });
});

describe('pages: the selection', () => {
  test('numbers and ranges, each page once, an open range to the end', () => {
    expect(selectPages('3-5,9,4', 10)).toEqual([3, 4, 5, 9]);
    expect(selectPages('8-', 10)).toEqual([8, 9, 10]);
    expect(selectPages('9-20', 10)).toEqual([9, 10]);
    expect(() => selectPages('12', 10)).toThrow(PageSpecError);
    expect(() => selectPages('5-3', 10)).toThrow(/runs upwards/);
    expect(() => selectPages('a', 10)).toThrow(/3-7,9/);
  });
});

/** A fake pdf.js document of pages made from operator lists and text items. */
function fakeDocument(pages: Array<{ ops: PdfOperatorList; items: PdfTextItem[] }>): PdfDocument & { cleaned: number } {
  const doc = {
    numPages: pages.length,
    cleaned: 0,
    getPage: async (n: number): Promise<PdfPage> => {
      const p = pages[n - 1] as { ops: PdfOperatorList; items: PdfTextItem[] };
      return {
        getViewport: () => VIEW,
        getOperatorList: async () => p.ops,
        getTextContent: async () => ({ items: p.items }),
        cleanup: () => {
          doc.cleaned++;
          return true;
        },
      };
    },
  };
  return doc;
}

describe('readPdf over a document', () => {
  test('tables found, classified and normalisable; each page let go after it is read; progress', async () => {
    const xs = [50, 200, 300, 400];
    const ys = [60, 80, 100];
    const items = [
      item('2024年项目支出绩效目标表', 100, 40, 14),
      item('项目名称', 52, 74),
      item('总计', 202, 74),
      item('绩效指标', 302, 74),
      item('司法救助金', 52, 94),
      item('53.00', 202, 94),
      item('1、1-产出指标;11-数量指标;资助人数;年度指标值:20。', 302, 94, 4),
    ];
    const doc = fakeDocument([
      { ops: list(...grid(xs, ys)), items },
      { ops: list(), items: [] },
    ]);
    const seen: number[] = [];
    const reading = await readPdf(doc, { onPage: (done) => seen.push(done), text: 'content' });
    expect(seen).toEqual([1, 2]);
    expect(doc.cleaned).toBe(2);
    expect(reading.noText).toBeNull();
    expect(reading.tables).toHaveLength(1);
    const t = reading.tables[0];
    expect(t).toMatchObject({ index: 1, pages: [1], kind: 'ruled', target: true, title: '2024年项目支出绩效目标表' });
    const model = normalize(t?.cells ?? []);
    expect(model.summary.projects).toBe(1);
    expect(model.rows.find((r) => r.kind === 'project')?.amounts.total).toBe(53);
    // Structured-cloneable, for a web worker to post.
    expect(structuredClone(reading)).toEqual(reading);
  });

  test('no text on any page: a scan when images are painted, else empty; --pages reads only those pages', async () => {
    const scan = fakeDocument([{ ops: list([OPS.paintImageXObject, ['img', 10, 10]]), items: [] }]);
    expect((await readPdf(scan)).noText).toBe('scan');
    expect((await readPdf(fakeDocument([{ ops: list(), items: [] }]))).noText).toBe('empty');
    const two = fakeDocument([
      { ops: list(), items: [] },
      { ops: list(), items: [item('x', 10, 10)] },
    ]);
    expect((await readPdf(two, { pages: [1], text: 'content' })).noText).toBe('empty');
    expect((await readPdf(two, { pages: [2], text: 'content' })).pages).toEqual([2]);
  });

  test('a table read by alignment carries a reading-uncertain finding (info), counted', async () => {
    const items = [
      ['项目名称', '总计', '绩效指标'],
      ['司法救助金', '53.00', '1、1-产出指标;11-数量指标;资助人数;年度指标值:20。'],
      ['国家赔偿金', '1.00', '1、1-产出指标;11-数量指标;赔偿立案数;年度指标值:2。'],
    ].flatMap((parts, k) => parts.map((p, c) => item(p, [50, 200, 300][c] as number, 60 + 20 * k, c === 2 ? 5 : 10)));
    const reading = await readPdf(fakeDocument([{ ops: list(), items }]), { text: 'content' });
    const t = reading.tables[0];
    expect(t?.kind).toBe('aligned');
    const model = withReadingFindings(normalize(t?.cells ?? []), t as NonNullable<typeof t>);
    const flag = model.flags.find((f) => f.code === 'reading-uncertain' && f.row === 1);
    expect(flag).toMatchObject({ severity: 'info', cell: 'A1' });
    expect(flag?.message.en).toMatch(/no ruling lines/);
    expect(model.summary.infos).toBe(model.flags.filter((f) => f.severity === 'info').length);
  });
});

describe('the test writer', () => {
  test('lays a table out over pages with its header repeated, never cutting a merged block', () => {
    const rows = Array.from({ length: 60 }, (_, k) => [`项目${k}`, `${k}.00`]);
    const pages = documentPdf([{ rows: [['项目名称', '总计'], ...rows], repeatRows: 1, rowsPerPage: 20, merges: [[19, 0, 22, 0]] }]);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const texts = pages.map((p) => p.ops.filter((o) => o.kind === 'text').map((o) => (o.kind === 'text' ? o.text : '')));
    for (const t of texts) expect(t[0]).toBe('项目名称');
    // Rows 19–22 (the merge) stand on one page.
    const holding = texts.findIndex((t) => t.includes('项目18'));
    expect(texts[holding]).toContain('21.00');
  });
});

describe('src/pdf runs in a web worker', () => {
  const PDF = join(ROOT, 'src', 'pdf');
  test('it imports only itself and the core by its door; no Node, DOM or pdf.js', () => {
    for (const f of readdirSync(PDF).filter((n) => n.endsWith('.ts'))) {
      const src = readFileSync(join(PDF, f), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
      for (const m of src.matchAll(/from '([^']+)'/g))
        expect([f, m[1]]).toEqual([f, expect.stringMatching(/^(?:\.\/[a-z-]+|\.\.\/core)$/)]);
      expect([f, /\b(require|process|Buffer|window|document)\b\s*[.(]/.test(src)]).toEqual([f, false]);
    }
  });

  test('it type-checks with a web worker’s types only (no Node, no DOM)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bn-pdf-tsc-'));
    const config = join(dir, 'tsconfig.json');
    writeFileSync(
      config,
      JSON.stringify({
        compilerOptions: {
          noEmit: true,
          strict: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: true,
          target: 'ES2020',
          module: 'commonjs',
          moduleResolution: 'node',
          lib: ['ES2020', 'WebWorker'],
          types: [],
          typeRoots: [],
        },
        files: readdirSync(PDF)
          .filter((n) => n.endsWith('.ts'))
          .map((n) => join(PDF, n)),
      }),
    );
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config], { encoding: 'utf8' });
    expect([relative(ROOT, PDF), r.stdout + r.stderr]).toEqual([relative(ROOT, PDF), '']);
    expect(r.status).toBe(0);
  }, 60_000);
});
