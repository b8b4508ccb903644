/**
 * The ribbon's buttons against the Excel fake: Normalize runs on every click with the options the pane
 * saved in the workbook, pane open or not; a failure or a notice is shown, never swallowed, in the same
 * sentence the pane shows (src/ui/user-message.ts).
 */
import { ribbonClear, ribbonNormalize, RibbonContext } from '../src/commands/ribbon';
import { type Lang } from '../src/core';
import { normalizeSelection } from '../src/excel/run';
import { UserError } from '../src/excel/selection';
import { SETTINGS_KEY } from '../src/settings/settings';
import { userMessage } from '../src/ui/user-message';
import { FakeExcel, FakeSheet } from './fake-excel/fake';
import { fixtureGrid } from './helpers';

function contextFor(
  fake: FakeExcel,
  settings: Record<string, unknown> = {},
  displayLanguage = 'zh-CN',
): { ctx: RibbonContext; shown: string[] } {
  const stored = new Map<string, unknown>([[SETTINGS_KEY, settings]]);
  const shown: string[] = [];
  const ctx: RibbonContext = {
    host: fake.host(),
    store: { get: (k) => stored.get(k) ?? null, set: (k, v) => void stored.set(k, v), saveAsync: () => undefined },
    displayLanguage,
    show: async (m) => void shown.push(m),
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

  test('an invalid saved option is refused before anything runs, with the pane`s wording', async () => {
    const fake = fixtureBook();
    const { ctx, shown } = contextFor(fake, { tolerance: 'abc' }, 'en-US');
    await ribbonNormalize(ctx);
    expect(shown).toEqual([expect.stringMatching(/^Invalid option: /)]);
    expect(fake.syncs).toBe(0);
  });
});
