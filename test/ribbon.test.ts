/**
 * The ribbon's buttons against the Excel fake: Normalize runs on every click with the options and the
 * corrections the workbook stores (the part of the document the pane writes), pane open or not; a failure
 * or a notice is shown, never swallowed, in the same sentence the pane shows (src/ui/user-message.ts), and
 * the command ends only when the message is closed; a table too large for a command's 5 minutes is sent to
 * the pane before anything is written.
 */
import { COMMAND_MS, RIBBON_MAX_CELLS, ribbonClear, ribbonNormalize, RibbonContext } from '../src/commands/ribbon';
import { MappingSchema, type Lang, type Mapping } from '../src/core';
import { normalizeSelection, readSettings } from '../src/excel/run';
import { UserError } from '../src/excel/selection';
import { settingsXml } from '../src/excel/store';
import { readDocumentSettings } from '../src/settings/settings';
import { userMessage } from '../src/ui/user-message';
import { FakeExcel, FakeSheet } from './fake-excel/fake';
import { fixtureGrid } from './helpers';

/** The ribbon on a workbook whose settings part holds these options (as the pane saved them). */
function contextFor(
  fake: FakeExcel,
  options: Record<string, unknown> = {},
  displayLanguage = 'zh-CN',
): { ctx: RibbonContext; shown: string[] } {
  fake.xmlParts.push({ id: fake.newId('xml'), xml: settingsXml(readDocumentSettings({ options })) });
  const shown: string[] = [];
  const ctx: RibbonContext = {
    host: fake.host(),
    displayLanguage,
    show: async (m) => void shown.push(m),
    now: () => fake.clock,
    started: fake.clock,
  };
  return { ctx, shown };
}

function fixtureBook(): FakeExcel {
  const fake = new FakeExcel('预算表');
  fake.setGrid(fixtureGrid());
  fake.select('A1:G33');
  return fake;
}

function setup(settings: Record<string, unknown> = {}): { fake: FakeExcel; ctx: RibbonContext; shown: string[] } {
  const fake = fixtureBook();
  return { fake, ...contextFor(fake, settings) };
}

test('every click runs Normalize, with the options saved in the workbook', async () => {
  const { fake, ctx, shown } = setup({ outputs: { normalized: true, indicators: false, flags: true } });
  await ribbonNormalize(ctx);
  expect(fake.sheet('规范化')).toBeDefined();
  expect(fake.sheet('绩效指标')).toBeUndefined();
  const runs = fake.runs;
  fake.select('A1:G33', fake.sheet('预算表') as FakeSheet);
  await ribbonNormalize(ctx);
  expect(fake.runs).toBe(runs * 2);
  // The fixture has warnings: the range read and the counts are shown.
  expect(shown[0]).toMatch(/^完成。已读取 A1:G33。项目 25 · 指标 85 · 错误 0 · 警告 \d+$/);
});

test('the table from one cell, hidden rows counted or not as the pane saved it, and a table that may go on said', async () => {
  // One cell: the whole table, across its page breaks.
  const one = fixtureBook();
  one.select('A1');
  const a = contextFor(one, {}, 'en-US');
  await ribbonNormalize(a.ctx);
  expect(a.shown[0]).toMatch(/^Done\. Read A1:G33\. Projects 25 · /);
  // A hidden row: left out by default, counted with the pane's option.
  for (const countHidden of [false, true]) {
    const fake = fixtureBook();
    fake.hide('5');
    const { ctx, shown } = contextFor(fake, { countHidden });
    await ribbonNormalize(ctx);
    expect(shown[0]).toContain(countHidden ? '1 行隐藏行已按选项计入。' : '1 行隐藏行未计入。');
    expect(shown[0]).toContain(countHidden ? '项目 25' : '项目 24');
  }
  // Content below the selection: said even when the table has no finding.
  const clean = new FakeExcel();
  clean.setGrid([
    ['项目名称', '总计', '财政拨款', '绩效指标'],
    ['项目一', '1.00', '1.00', '1、1-产出指标; 11-数量指标; 人数; 年度指标值:≥1人。'],
    [],
    ['项目二', '2.00', '2.00', ''],
  ]);
  clean.select('A1:D2');
  const c = contextFor(clean);
  await ribbonNormalize(c.ctx);
  expect(c.shown).toEqual([expect.stringContaining('表格在第 3 行以下似乎还有内容')]);
});

test('a failure is shown, not swallowed: several areas selected, a Clear with nothing to clear', async () => {
  const { fake, ctx, shown } = setup();
  fake.select('A1:B2,D4:E5');
  await ribbonNormalize(ctx);
  expect(shown).toEqual([expect.stringContaining('选中了多个区域')]);
  await ribbonClear(ctx);
  expect(shown[1]).toBe('没有需要清除的标记。');
});

test('Clear from the ribbon puts the table back', async () => {
  const { fake, ctx, shown } = setup();
  const src = fake.sheet('预算表') as FakeSheet;
  const before = fake.snapshot(src);
  await ribbonNormalize(ctx);
  await ribbonClear(ctx);
  expect(fake.snapshot(src)).toEqual(before);
  expect(shown).toHaveLength(1);
});

describe('a refusal is said in the sentence the pane says for it (one function, src/ui/user-message.ts)', () => {
  /** Each refusal the Office layer raises, arranged on the Excel fake. */
  const refusals: Array<[UserError['key'], () => Promise<FakeExcel>]> = [
    [
      'multiArea',
      async () => {
        const fake = fixtureBook();
        fake.select('A1:B2,D4:E5');
        return fake;
      },
    ],
    [
      'selectTable',
      async () => {
        const fake = new FakeExcel('预算表');
        fake.select('C3');
        return fake;
      },
    ],
    [
      'oneCell',
      async () => {
        const fake = new FakeExcel('预算表');
        fake.setGrid([['2024年部门项目支出绩效目标表']], 'C3');
        fake.select('C3');
        return fake;
      },
    ],
    [
      'tooLarge',
      async () => {
        const fake = fixtureBook();
        fake.select('A1:Z100000');
        return fake;
      },
    ],
    [
      'cellEdit',
      async () => {
        const fake = fixtureBook();
        fake.apiVersion = 10;
        fake.cellEditMode = true;
        return fake;
      },
    ],
    [
      'ownSheet',
      async () => {
        const fake = fixtureBook();
        await normalizeSelection(fake.host(), { lang: 'zh' });
        fake.select('A1:O29', fake.sheet('规范化') as FakeSheet);
        return fake;
      },
    ],
  ];
  const langs: Array<[string, Lang]> = [
    ['zh-CN', 'zh'],
    ['en-US', 'en'],
  ];

  test.each(refusals)('%s', async (key, arrange) => {
    for (const [displayLanguage, lang] of langs) {
      // What the pane catches for this workbook, and what the ribbon shows for the same workbook.
      const caught: unknown = await normalizeSelection((await arrange()).host(), { lang }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(caught).toBeInstanceOf(UserError);
      expect((caught as UserError).key).toBe(key);
      const { ctx, shown } = contextFor(await arrange(), {}, displayLanguage);
      await ribbonNormalize(ctx);
      expect(shown).toEqual([userMessage(caught, lang)]);
    }
  });

  test('an invalid saved option is refused before anything is written, with the pane`s wording', async () => {
    const fake = fixtureBook();
    const { ctx, shown } = contextFor(fake, { tolerance: 'abc' }, 'en-US');
    const before = fake.book();
    await ribbonNormalize(ctx);
    expect(shown).toEqual([expect.stringMatching(/^Invalid option: /)]);
    expect(fake.book()).toEqual(before);
  });
});

describe('one store for the pane and the ribbon', () => {
  /** A table the engine cannot read on its own (no header it knows): the pane's browser test corrects it. */
  function oddTable(): FakeExcel {
    const ind = (n: string) => `1、1-产出指标; 11-数量指标; ${n}; 实施周期指标值:≥1人; 年度指标值:≥1人。`;
    const fake = new FakeExcel('预算表');
    fake.setGrid([
      ['条目', '金额合计', '上级补助', '目标说明', '绩效指标'],
      ['项目一', '10.00', '10.00', '目标一', ind('人数')],
      ['项目二', '20.00', '20.00', '目标二', ind('次数')],
    ]);
    fake.select('A1:E3');
    return fake;
  }
  const mapping: Mapping = MappingSchema.parse({
    layout: 'packed',
    headerRows: [1],
    columns: { A: 'name', B: 'total', C: 'fiscal', D: 'goal', E: 'indicators' },
    keys: {},
  });

  test('a ribbon run uses the correction remembered in the pane (in the workbook, not in the pane`s settings)', async () => {
    const fake = oddTable();
    // The ribbon alone reads the table the default way.
    const plain = oddTable();
    const p = contextFor(plain);
    await ribbonNormalize(p.ctx);
    expect(plain.sheet('规范化')?.get(1, 14)?.value ?? '').not.toBe('目标一');
    // The pane applies a correction: it is remembered in the workbook, with the run.
    await normalizeSelection(fake.host(), { lang: 'zh', mapping });
    expect(Object.values((await readSettings(fake.host())).settings.mappings)).toEqual([mapping]);
    // The ribbon, in its own runtime, reads the same part of the document and applies it.
    const shown: string[] = [];
    fake.select('A1:E3', fake.sheet('预算表') as FakeSheet);
    await ribbonNormalize({ host: fake.host(), displayLanguage: 'zh-CN', show: async (m) => void shown.push(m) });
    const norm = fake.sheet('规范化') as FakeSheet;
    expect([norm.get(1, 4)?.value, norm.get(1, 5)?.value, norm.get(1, 14)?.value]).toEqual(['项目一', 10, '目标一']);
  });

  test('the options the pane saves are the ribbon`s', async () => {
    const fake = fixtureBook();
    await normalizeSelection(fake.host(), {
      lang: 'zh',
      save: readDocumentSettings({ options: { outputs: { normalized: true, indicators: false, flags: true } } }).options,
    });
    const shown: string[] = [];
    fake.select('A1:G33', fake.sheet('预算表') as FakeSheet);
    await ribbonNormalize({ host: fake.host(), displayLanguage: 'zh-CN', show: async (m) => void shown.push(m) });
    expect(fake.sheets.map((s) => s.name)).toEqual(['预算表', '规范化', '绩效指标', '全部项目']);
    // 绩效指标 was made by the first run (all outputs); the ribbon, with the saved options, left it empty.
    expect((fake.sheet('绩效指标') as FakeSheet).cells.size).toBe(0);
  });
});

describe('a ribbon command has 5 minutes', () => {
  /** A table of `rows` projects, on a host where a request takes `ms` (Excel on the web, a slow network). */
  function large(rows: number, ms = 0): FakeExcel {
    const fake = new FakeExcel('预算表');
    const grid = [['项目名称', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标']];
    for (let i = 0; i < rows; i++)
      grid.push([`项目${i}`, '1.00', '1.00', '', '', '目标', '1、1-产出指标; 11-数量指标; 人数; 年度指标值:≥1人。']);
    fake.setGrid(grid);
    fake.select(`A1:G${rows + 1}`);
    fake.msPerRequest = ms;
    return fake;
  }

  test('the fake closes a command`s runtime after 5 minutes: a headless run that passes them is cut off half written', async () => {
    // Five requests of 75 s each: the fifth, the write, starts at the 5-minute mark.
    const fake = large(2_000, 75_000);
    fake.commandDeadline = COMMAND_MS;
    await expect(normalizeSelection(fake.host(), { lang: 'zh' })).rejects.toMatchObject({ code: 'RuntimeClosed' });
    // Sheets made, nothing written in them, no record: what the issue saw on the web.
    expect(fake.sheets.length).toBeGreaterThan(1);
    expect(fake.xmlParts).toEqual([]);
  });

  test('a table too large, by its size: the user is sent to the pane, and nothing is written', async () => {
    const rows = Math.ceil(RIBBON_MAX_CELLS / 7);
    const fake = large(rows);
    const { ctx, shown } = contextFor(fake, {}, 'en-US');
    const before = fake.book();
    await ribbonNormalize(ctx);
    expect(shown).toEqual([
      expect.stringMatching(
        /^This table has [\d,]+ cells: run from the ribbon it could pass the 5-minute limit .* Open the pane \(Home → Issues and options\) and click Normalize there/,
      ),
    ]);
    expect(fake.book()).toEqual(before);
  });

  test('a table too slow, by the time its reading took: sent to the pane before writing; a fast one runs', async () => {
    const slow = large(300, 70_000);
    slow.commandDeadline = COMMAND_MS;
    const s = contextFor(slow);
    const before = slow.book();
    await ribbonNormalize(s.ctx);
    expect(s.shown).toEqual([expect.stringMatching(/^这张表有 2,\d{3} 个单元格,从功能区运行可能超过功能区命令 5 分钟的限制/)]);
    expect(slow.book()).toEqual(before);
    const fast = large(300, 1_000);
    fast.commandDeadline = COMMAND_MS;
    const f = contextFor(fast);
    await ribbonNormalize(f.ctx);
    expect(f.shown).toEqual([expect.stringMatching(/^完成。已读取 A1:G301。/)]);
    expect(fast.sheet('规范化')).toBeDefined();
  });

  test('a message stays until the user closes it: the command is not done before', async () => {
    const fake = fixtureBook();
    let close: () => void = () => undefined;
    const closed = new Promise<void>((r) => (close = r));
    let opened: () => void = () => undefined;
    const isOpen = new Promise<void>((r) => (opened = r));
    let done = false;
    const shown: string[] = [];
    const run = ribbonNormalize({
      host: fake.host(),
      displayLanguage: 'zh-CN',
      show: (m) => {
        shown.push(m);
        opened();
        return closed;
      },
    }).then(() => (done = true));
    await isOpen;
    await new Promise((r) => setTimeout(r, 50));
    expect(shown).toHaveLength(1);
    expect(done).toBe(false);
    close();
    await run;
    expect(done).toBe(true);
  });
});
