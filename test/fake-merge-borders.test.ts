/**
 * The Excel fake's merged cells, borders, alignment, row heights and sheet order, driven through the proxy
 * API as an add-in drives Office.js: what each call leaves in the workbook, what Excel refuses and with which
 * code, the ExcelApi 1.2 gate, Ctrl+Z putting everything back, and the 5 MB request limit still counted.
 */
import { BorderSide, FakeExcel, FakeSheet, MAX_REQUEST_BYTES, parseAddress, rectAddress } from './fake-excel/fake';

type Ctx = Excel.RequestContext;

/** A cell's row and column by its address. */
const cell = (address: string) => parseAddress(address).rect;
const value = (s: FakeSheet, address: string) => {
  const { r0, c0 } = cell(address);
  return s.get(r0, c0)?.value ?? '';
};
const border = (s: FakeSheet, address: string, side: BorderSide) => {
  const { r0, c0 } = cell(address);
  return s.border(r0, c0, side);
};
const alignment = (s: FakeSheet, address: string) => {
  const { r0, c0 } = cell(address);
  return s.alignment(r0, c0);
};
const merged = (s: FakeSheet) => s.merged.map(rectAddress).sort();

/** A workbook with one sheet, Data, its A1:D4 holding the values A1 … D4. */
function workbook(api = 18): { fake: FakeExcel; sheet: FakeSheet } {
  const fake = new FakeExcel('Data');
  fake.apiVersion = api;
  fake.setGrid([
    ['A1', 'B1', 'C1', 'D1'],
    ['A2', 'B2', 'C2', 'D2'],
    ['A3', 'B3', 'C3', 'D3'],
    ['A4', 'B4', 'C4', 'D4'],
  ]);
  return { fake, sheet: fake.active };
}

/** One request on the sheet Data: `act` queues, then one sync. */
function request(fake: FakeExcel, act: (ws: Excel.Worksheet, ctx: Ctx) => void): Promise<void> {
  return fake.run(async (ctx) => {
    act(ctx.workbook.worksheets.getItem('Data'), ctx);
    await ctx.sync();
  });
}

const BLACK_THIN = { style: 'Continuous', weight: 'Thin', color: '#000000' };
/** A value Office.js's types do not allow, as a script passes it. */
const invalid = (v: string): never => v as never;

describe('Range.merge and unmerge (ExcelApi 1.2)', () => {
  test('merge: one area, read back by getMergedAreasOrNullObject; the top-left value stays, the others go, their formats stay', async () => {
    const { fake, sheet } = workbook();
    fake.setFormat('B1', '0.00');
    await request(fake, (ws) => ws.getRange('A1:C2').merge());
    expect(merged(sheet)).toEqual(['A1:C2']);
    expect(['A1', 'B1', 'C1', 'A2', 'B2', 'C2', 'D1', 'A3'].map((a) => value(sheet, a))).toEqual(['A1', '', '', '', '', '', 'D1', 'A3']);
    expect(sheet.get(0, 1)?.numberFormat).toBe('0.00');
    expect(sheet.mergedAreaAt(1, 2)).toEqual(parseAddress('A1:C2').rect);
    expect(sheet.mergedAreaAt(2, 0)).toBeNull();
    const address = await fake.run(async (ctx) => {
      const areas = ctx.workbook.worksheets.getItem('Data').getRange('A1:D4').getMergedAreasOrNullObject().load('address');
      await ctx.sync();
      return areas.address;
    });
    expect(address).toBe('Data!A1:C2');
  });

  test('merge(true): each row a merged area of its own, each keeping its first value', async () => {
    const { fake, sheet } = workbook();
    await request(fake, (ws) => ws.getRange('A2:C4').merge(true));
    expect(merged(sheet)).toEqual(['A2:C2', 'A3:C3', 'A4:C4']);
    expect(['A2', 'B2', 'C2', 'A3', 'B3', 'A4', 'C4', 'D4', 'A1', 'B1'].map((a) => value(sheet, a))).toEqual([
      'A2',
      '',
      '',
      'A3',
      '',
      'A4',
      '',
      'D4',
      'A1',
      'B1',
    ]);
  });

  test('a one-cell area is no merge: one cell, or one column merged across', async () => {
    const { fake, sheet } = workbook();
    const before = fake.snapshot();
    await request(fake, (ws) => {
      ws.getRange('B2').merge();
      ws.getRange('A1:A4').merge(true);
    });
    expect(merged(sheet)).toEqual([]);
    expect(fake.snapshot()).toEqual(before);
  });

  test('merging over merged areas: those inside are absorbed; one overlapped in part fails the request (InvalidOperation)', async () => {
    const { fake, sheet } = workbook();
    await request(fake, (ws) => {
      ws.getRange('B2:C2').merge();
      ws.getRange('A4:B4').merge();
    });
    await request(fake, (ws) => ws.getRange('A1:D3').merge());
    expect(merged(sheet)).toEqual(['A1:D3', 'A4:B4']);
    // B4:C4 takes half of A4:B4.
    const before = fake.snapshot();
    await expect(request(fake, (ws) => ws.getRange('B4:C4').merge())).rejects.toMatchObject({ code: 'InvalidOperation' });
    expect(fake.snapshot()).toEqual(before);
    // Across, a merged area of two rows lies in no one row.
    const { fake: f2, sheet: s2 } = workbook();
    await request(f2, (ws) => ws.getRange('B1:B2').merge());
    await expect(request(f2, (ws) => ws.getRange('A1:C2').merge(true))).rejects.toMatchObject({ code: 'InvalidOperation' });
    expect(merged(s2)).toEqual(['B1:B2']);
    await request(f2, (ws) => ws.getRange('A1:C2').merge());
    expect(merged(s2)).toEqual(['A1:C2']);
  });

  test('unmerge removes every merged area the range touches, and only those; the cleared values stay cleared', async () => {
    const { fake, sheet } = workbook();
    await request(fake, (ws) => {
      ws.getRange('A1:B1').merge();
      ws.getRange('C1:D2').merge();
      ws.getRange('A4:D4').merge();
    });
    await request(fake, (ws) => ws.getRange('B1:C1').unmerge());
    expect(merged(sheet)).toEqual(['A4:D4']);
    expect(value(sheet, 'B1')).toBe('');
    expect(value(sheet, 'C1')).toBe('C1');
  });

  test('a table and merged cells do not overlap, whichever comes second (MergedRangeConflict)', async () => {
    const { fake, sheet } = workbook();
    await request(fake, (ws) => void ws.tables.add('A1:D3', true));
    await expect(request(fake, (ws) => ws.getRange('C3:D4').merge())).rejects.toMatchObject({ code: 'MergedRangeConflict' });
    expect(merged(sheet)).toEqual([]);
    const { fake: f2 } = workbook();
    await request(f2, (ws) => ws.getRange('C3:D4').merge());
    await expect(request(f2, (ws) => void ws.tables.add('A1:D3', true))).rejects.toMatchObject({ code: 'MergedRangeConflict' });
    expect(f2.tables).toEqual([]);
    // Beside the merged area, a table is made.
    await request(f2, (ws) => void ws.tables.add('A1:B3', true));
    expect(f2.tables.map((t) => rectAddress(t.rect))).toEqual(['A1:B3']);
  });

  test('below ExcelApi 1.2, merge and unmerge are not there (ApiNotFound), and isSetSupported says so', async () => {
    const { fake, sheet } = workbook(1);
    expect(fake.isSetSupported('ExcelApi', '1.2')).toBe(false);
    expect(fake.isSetSupported('ExcelApi', '1.1')).toBe(true);
    await expect(request(fake, (ws) => ws.getRange('A1:B1').merge())).rejects.toMatchObject({ code: 'ApiNotFound' });
    await expect(request(fake, (ws) => ws.getRange('A1:B1').unmerge())).rejects.toMatchObject({ code: 'ApiNotFound' });
    await expect(request(fake, (ws) => (ws.getRange('1:1').format.rowHeight = 20))).rejects.toMatchObject({ code: 'ApiNotFound' });
    expect(merged(sheet)).toEqual([]);
    fake.apiVersion = 2;
    expect(fake.isSetSupported('ExcelApi', '1.2')).toBe(true);
    await request(fake, (ws) => ws.getRange('A1:B1').merge());
    expect(merged(sheet)).toEqual(['A1:B1']);
  });

  test('a protected sheet refuses merging, unmerging, borders and alignment (AccessDenied)', async () => {
    const { fake, sheet } = workbook();
    await request(fake, (ws) => ws.getRange('A1:B1').merge());
    sheet.protected = true;
    const before = fake.snapshot();
    for (const act of [
      (ws: Excel.Worksheet) => ws.getRange('C1:D1').merge(),
      (ws: Excel.Worksheet) => ws.getRange('A1:B1').unmerge(),
      (ws: Excel.Worksheet) => (ws.getRange('A1').format.borders.getItem('EdgeTop').style = 'Continuous'),
      (ws: Excel.Worksheet) => (ws.getRange('A1').format.horizontalAlignment = 'Center'),
    ])
      await expect(request(fake, act)).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(fake.snapshot()).toEqual(before);
  });
});

describe('RangeFormat.borders (ExcelApi 1.1)', () => {
  test('each BorderIndex draws its edges of the range, and nothing else', async () => {
    const { fake, sheet } = workbook();
    await request(fake, (ws) => {
      const b = ws.getRange('B2:C3').format.borders;
      b.getItem('EdgeTop').style = 'Continuous';
      b.getItem('EdgeBottom').style = 'Double';
      b.getItem('EdgeLeft').style = 'Dash';
      b.getItem('EdgeRight').style = 'Dot';
      b.getItem('InsideHorizontal').style = 'DashDot';
      b.getItem('InsideVertical').style = 'DashDotDot';
      b.getItem('DiagonalDown').style = 'SlantDashDot';
    });
    const style = (a: string, side: BorderSide) => border(sheet, a, side)?.style ?? null;
    expect(['B2', 'C2'].map((a) => style(a, 'top'))).toEqual(['Continuous', 'Continuous']);
    expect(['B3', 'C3'].map((a) => style(a, 'bottom'))).toEqual(['Double', 'Double']);
    expect(['B2', 'B3'].map((a) => style(a, 'left'))).toEqual(['Dash', 'Dash']);
    expect(['C2', 'C3'].map((a) => style(a, 'right'))).toEqual(['Dot', 'Dot']);
    // Between rows 2 and 3, between columns B and C: one edge seen from either cell.
    expect([style('B2', 'bottom'), style('B3', 'top'), style('C2', 'bottom')]).toEqual(['DashDot', 'DashDot', 'DashDot']);
    expect([style('B2', 'right'), style('C2', 'left'), style('C3', 'left')]).toEqual(['DashDotDot', 'DashDotDot', 'DashDotDot']);
    expect(['B2', 'C2', 'B3', 'C3'].map((a) => style(a, 'diagonalDown'))).toEqual(Array(4).fill('SlantDashDot'));
    expect(style('B2', 'diagonalUp')).toBeNull();
    // Outside the range: the edges it shares are drawn (B1's bottom is B2's top), the others are not.
    expect([style('B1', 'bottom'), style('A2', 'right'), style('D2', 'left'), style('B4', 'top')]).toEqual([
      'Continuous',
      'Dash',
      'Dot',
      'Double',
    ]);
    expect([style('B1', 'top'), style('A2', 'left'), style('D2', 'right'), style('B4', 'bottom'), style('A1', 'bottom')]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  test('the bottom of C4 is the top of C5: either range draws it, the later one wins', async () => {
    const { fake, sheet } = workbook();
    await request(fake, (ws) => {
      ws.getRange('C4').format.borders.getItem('EdgeBottom').style = 'Continuous';
      ws.getRange('C5:D5').format.borders.getItem('EdgeTop').weight = 'Thick';
    });
    expect(border(sheet, 'C5', 'top')).toEqual({ ...BLACK_THIN, weight: 'Thick' });
    expect(border(sheet, 'C4', 'bottom')).toEqual({ ...BLACK_THIN, weight: 'Thick' });
    expect(border(sheet, 'D5', 'top')).toEqual({ ...BLACK_THIN, weight: 'Thick' });
    expect(border(sheet, 'C5', 'bottom')).toBeNull();
  });

  test('style, weight and color: set together, each alone draws a thin black continuous line but for itself; None removes it', async () => {
    const { fake, sheet } = workbook();
    await request(fake, (ws) => {
      const top = ws.getRange('A1:B1').format.borders.getItem('EdgeTop');
      top.style = 'Dash';
      top.weight = 'Medium';
      top.color = '#ff0000';
      ws.getRange('A3').format.borders.getItem('EdgeLeft').color = 'FFA500';
      ws.getRange('A4').format.borders.getItem('EdgeLeft').color = 'Orange';
      ws.getRange('B3').format.borders.getItem('EdgeRight').weight = 'Hairline';
    });
    expect(border(sheet, 'B1', 'top')).toEqual({ style: 'Dash', weight: 'Medium', color: '#FF0000' });
    expect(border(sheet, 'A3', 'left')).toEqual({ ...BLACK_THIN, color: '#FFA500' });
    expect(border(sheet, 'A4', 'left')).toEqual({ ...BLACK_THIN, color: 'orange' });
    expect(border(sheet, 'B3', 'right')).toEqual({ ...BLACK_THIN, weight: 'Hairline' });
    await request(fake, (ws) => (ws.getRange('B1').format.borders.getItem('EdgeTop').style = 'None'));
    expect(border(sheet, 'B1', 'top')).toBeNull();
    expect(border(sheet, 'A1', 'top')).toEqual({ style: 'Dash', weight: 'Medium', color: '#FF0000' });
  });

  test('a border loads as the one of every edge it covers, null where they differ, None where none is drawn', async () => {
    const { fake } = workbook();
    await request(fake, (ws) => {
      ws.getRange('A1:C1').format.borders.getItem('EdgeTop').style = 'Continuous';
      ws.getRange('C1').format.borders.getItem('EdgeTop').color = '#00FF00';
    });
    const loaded = await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Data');
      const ab = ws.getRange('A1:B1').format.borders.getItem('EdgeTop').load('style,weight,color,sideIndex');
      const ac = ws.getRange('A1:C1').format.borders.getItem('EdgeTop').load('style,color');
      const none = ws.getRange('A2:C4').format.borders.getItem('InsideHorizontal').load('style');
      await ctx.sync();
      return [ab.style, ab.weight, ab.color, ab.sideIndex, ac.style, ac.color, none.style];
    });
    expect(loaded).toEqual(['Continuous', 'Thin', '#000000', 'EdgeTop', 'Continuous', null, 'None']);
  });

  test('a border of several areas (RangeAreas) draws on each', async () => {
    const { fake, sheet } = workbook();
    await request(fake, (ws) => (ws.getRanges('A1:B1,D3').format.borders.getItem('EdgeBottom').style = 'Continuous'));
    expect(['A1', 'B1', 'D3'].map((a) => border(sheet, a, 'bottom'))).toEqual([BLACK_THIN, BLACK_THIN, BLACK_THIN]);
    expect(border(sheet, 'C1', 'bottom')).toBeNull();
  });

  test('an index, style, weight or color that Office.js does not have fails the request (InvalidArgument), nothing drawn', async () => {
    const { fake } = workbook();
    const before = fake.snapshot();
    const bad: Array<(b: Excel.RangeBorderCollection) => void> = [
      (b) => (b.getItem(invalid('EdgeMiddle')).style = 'Continuous'),
      (b) => (b.getItem('EdgeTop').style = invalid('Thick')),
      (b) => (b.getItem('EdgeTop').weight = invalid('Bold')),
      (b) => (b.getItem('EdgeTop').color = '#12345'),
      (b) => void b.getItem(invalid('Outline')).load('style'),
    ];
    for (const act of bad)
      await expect(request(fake, (ws) => act(ws.getRange('A1:B2').format.borders))).rejects.toMatchObject({ code: 'InvalidArgument' });
    expect(fake.snapshot()).toEqual(before);
  });

  test('Range.clear takes the borders around and across its cells, and their alignment; merged areas stay', async () => {
    const { fake, sheet } = workbook();
    await request(fake, (ws) => {
      const b = ws.getRange('A1:D4').format.borders;
      for (const i of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal', 'InsideVertical'] as const)
        b.getItem(i).style = 'Continuous';
      ws.getRange('A1:D4').format.horizontalAlignment = 'Center';
      ws.getRange('A1:B1').merge();
    });
    await request(fake, (ws) => ws.getRange('B2:C3').clear());
    expect(['top', 'bottom', 'left', 'right'].map((side) => border(sheet, 'B2', side as BorderSide))).toEqual([null, null, null, null]);
    // The edges of the cleared cells go (B1's bottom is B2's top); the others stay.
    expect([border(sheet, 'B1', 'bottom'), border(sheet, 'D2', 'left'), border(sheet, 'B1', 'top'), border(sheet, 'A2', 'left')]).toEqual([
      null,
      null,
      BLACK_THIN,
      BLACK_THIN,
    ]);
    expect([alignment(sheet, 'B2').horizontal, alignment(sheet, 'D4').horizontal]).toEqual(['General', 'Center']);
    expect([value(sheet, 'B2'), value(sheet, 'D2')]).toEqual(['', 'D2']);
    expect(merged(sheet)).toEqual(['A1:B1']);
  });
});

describe('alignment and row height', () => {
  test('horizontalAlignment and verticalAlignment per cell, the later setting winning; Excel`s defaults elsewhere', async () => {
    const { fake, sheet } = workbook();
    await request(fake, (ws) => {
      ws.getRange('A1:B2').format.horizontalAlignment = 'Center';
      ws.getRange('B2:C3').format.verticalAlignment = 'Top';
      ws.getRange('B:B').format.horizontalAlignment = 'Right';
    });
    expect(alignment(sheet, 'A1')).toEqual({ horizontal: 'Center', vertical: 'Bottom' });
    expect(alignment(sheet, 'B2')).toEqual({ horizontal: 'Right', vertical: 'Top' });
    expect(alignment(sheet, 'C3')).toEqual({ horizontal: 'General', vertical: 'Top' });
    expect(alignment(sheet, 'B1048576')).toEqual({ horizontal: 'Right', vertical: 'Bottom' });
    expect(alignment(sheet, 'D4')).toEqual({ horizontal: 'General', vertical: 'Bottom' });
    for (const act of [
      (ws: Excel.Worksheet) => (ws.getRange('A1').format.horizontalAlignment = invalid('Middle')),
      (ws: Excel.Worksheet) => (ws.getRange('A1').format.verticalAlignment = invalid('Left')),
    ])
      await expect(request(fake, act)).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  test('rowHeight sets every row of the range (ExcelApi 1.2); the others keep none', async () => {
    const { fake, sheet } = workbook();
    await request(fake, (ws) => {
      ws.getRange('A2:D3').format.rowHeight = 30;
      ws.getRange('3:3').format.rowHeight = 42.5;
    });
    expect([0, 1, 2, 3].map((r) => sheet.rowHeight(r))).toEqual([null, 30, 42.5, null]);
    await expect(request(fake, (ws) => (ws.getRange('A1').format.rowHeight = -1))).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
});

describe('whole columns and rows', () => {
  test('getEntireColumn and getEntireRow (ExcelApi 1.1): B2:C3 gives B:C and 2:3; a column width and a row height set through them', async () => {
    const { fake, sheet } = workbook();
    const addresses = await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Data').getRange('B2:C3');
      const col = r.getEntireColumn().load('address,isEntireColumn');
      const row = r.getEntireRow().load('address,isEntireRow');
      r.getEntireColumn().format.columnWidth = 90;
      r.getEntireRow().format.rowHeight = 33;
      r.getEntireColumn().format.autofitRows();
      await ctx.sync();
      return [col.address, col.isEntireColumn, row.address, row.isEntireRow];
    });
    expect(addresses).toEqual(['Data!B1:C1048576', true, 'Data!A2:XFD3', true]);
    expect([0, 1, 2, 3].map((c) => sheet.columnWidths.get(c) ?? null)).toEqual([null, 90, 90, null]);
    expect([0, 1, 2, 3].map((r) => sheet.rowHeight(r))).toEqual([null, 33, 33, null]);
    fake.apiVersion = 1;
    await expect(request(fake, (ws) => ws.getRange('A:A').format.autofitRows())).rejects.toMatchObject({ code: 'ApiNotFound' });
  });
});

describe('Worksheet.position (ExcelApi 1.1)', () => {
  test('loads the zero-based position; setting it moves the sheet, clears the undo stack on Windows, fails out of range', async () => {
    const { fake } = workbook();
    fake.addSheet('Second');
    fake.addSheet('Third');
    await request(fake, (ws) => (ws.getRange('A1').format.horizontalAlignment = 'Left'));
    expect(fake.undoStack.length).toBe(1);
    const position = await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Third');
      ws.load('position');
      await ctx.sync();
      const p = ws.position;
      ws.position = 0;
      await ctx.sync();
      return p;
    });
    expect(position).toBe(2);
    expect(fake.sheets.map((s) => s.name)).toEqual(['Third', 'Data', 'Second']);
    expect(fake.undoStack.length).toBe(0);
    expect(fake.undoClears.map((c) => c.api)).toEqual(['Worksheet.position']);
    const items = await fake.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets.load('items/name,items/position');
      await ctx.sync();
      return sheets.items.map((w) => [w.name, w.position]);
    });
    expect(items).toEqual([
      ['Third', 0],
      ['Data', 1],
      ['Second', 2],
    ]);
    await expect(request(fake, (ws) => (ws.position = 3))).rejects.toMatchObject({ code: 'InvalidArgument' });
    fake.structureProtected = true;
    await expect(request(fake, (ws) => (ws.position = 0))).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(fake.sheets.map((s) => s.name)).toEqual(['Third', 'Data', 'Second']);
  });
});

describe('undo and the request limit', () => {
  test('Ctrl+Z puts back the merged areas, values, borders, alignment and row heights of the request', async () => {
    const { fake, sheet } = workbook();
    await request(fake, (ws) => {
      ws.getRange('A1:D1').format.borders.getItem('EdgeBottom').style = 'Continuous';
      ws.getRange('C3:D4').merge();
    });
    const before = fake.snapshot();
    const book = fake.book();
    await request(fake, (ws) => {
      ws.getRange('A1:B2').merge();
      ws.getRange('C3:D4').unmerge();
      const b = ws.getRange('A1:D4').format.borders;
      b.getItem('InsideHorizontal').style = 'Dash';
      b.getItem('EdgeBottom').style = 'None';
      ws.getRange('A1:D4').format.verticalAlignment = 'Center';
      ws.getRange('A1:D4').format.rowHeight = 24;
    });
    expect(merged(sheet)).toEqual(['A1:B2']);
    expect(border(sheet, 'A1', 'bottom')?.style).toBe('Dash');
    expect(fake.snapshot()).not.toEqual(before);
    expect(fake.undo()).toBe(true);
    expect(fake.snapshot()).toEqual(before);
    expect(fake.book()).toEqual(book);
    expect(merged(sheet)).toEqual(['C3:D4']);
    expect(['A1', 'B1', 'A2', 'B2'].map((a) => value(sheet, a))).toEqual(['A1', 'B1', 'A2', 'B2']);
    expect([border(sheet, 'A1', 'bottom'), border(sheet, 'A4', 'bottom')]).toEqual([BLACK_THIN, null]);
    expect([alignment(sheet, 'A1').vertical, sheet.rowHeight(0)]).toEqual(['Bottom', null]);
    // One step further back: the workbook as it was made.
    expect(fake.undo()).toBe(true);
    expect(merged(sheet)).toEqual([]);
    expect(border(sheet, 'A1', 'bottom')).toBeNull();
  });

  test('every merge and format is counted in the request: one over 5 MB fails whole (RequestPayloadSizeLimitExceeded)', async () => {
    const { fake, sheet } = workbook();
    await request(fake, (ws) => {
      ws.getRange('A1:B1').merge();
      ws.getRange('A1').format.borders.getItem('EdgeTop').style = 'Continuous';
      ws.getRange('A1').format.horizontalAlignment = 'Center';
    });
    // Each operation: 40 bytes, and what it carries (a merge 16; a border its value and index as JSON; an alignment its value).
    expect(fake.requests.at(-1)).toEqual({ bytes: 56 + 61 + 48, ops: 3, largestOp: 61 });
    const before = fake.snapshot();
    const n = 90_000;
    await expect(
      request(fake, (ws) => {
        for (let r = 0; r < n; r++) {
          const range = ws.getRangeByIndexes(r, 0, 1, 2);
          range.merge();
          range.format.borders.getItem('EdgeBottom').style = 'Continuous';
        }
      }),
    ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(fake.requests.at(-1)).toEqual({ bytes: n * (56 + 64), ops: 2 * n, largestOp: 64 });
    expect(n * (56 + 64)).toBeGreaterThan(MAX_REQUEST_BYTES);
    expect(fake.snapshot()).toEqual(before);
    expect(merged(sheet)).toEqual(['A1:B1']);
    // Under the limit, the same kind of work goes through.
    await request(fake, (ws) => {
      for (let r = 1; r < 20_000; r++) ws.getRangeByIndexes(r, 0, 1, 2).format.borders.getItem('EdgeBottom').style = 'Continuous';
    });
    expect(fake.requests.at(-1)?.bytes).toBe(19_999 * 64);
    expect([border(sheet, 'B20000', 'bottom'), border(sheet, 'C20000', 'bottom')]).toEqual([BLACK_THIN, null]);
  });
});
