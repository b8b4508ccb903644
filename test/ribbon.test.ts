/**
 * The ribbon's buttons against the Excel fake: Normalize runs on every click with the options the pane
 * saved in the workbook, pane open or not; a failure or a notice is shown, never swallowed.
 */
import { ribbonClear, ribbonNormalize, RibbonContext } from '../src/commands/ribbon';
import { SETTINGS_KEY } from '../src/taskpane/settings';
import { FakeExcel, FakeSheet } from './fake-excel/fake';
import { fixtureGrid } from './helpers';

function setup(settings: Record<string, unknown> = {}): { fake: FakeExcel; ctx: RibbonContext; shown: string[] } {
  const fake = new FakeExcel('预算表');
  fake.setGrid(fixtureGrid());
  fake.select('A1:G33');
  const stored = new Map<string, unknown>([[SETTINGS_KEY, settings]]);
  const shown: string[] = [];
  const ctx: RibbonContext = {
    host: fake.host(),
    store: { get: (k) => stored.get(k) ?? null, set: (k, v) => void stored.set(k, v), saveAsync: () => undefined },
    displayLanguage: 'zh-CN',
    show: async (m) => void shown.push(m),
  };
  return { fake, ctx, shown };
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
  // The fixture has warnings: the counts are shown.
  expect(shown[0]).toMatch(/^完成。项目 25 · 指标 85 · 错误 0 · 警告 \d+$/);
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
