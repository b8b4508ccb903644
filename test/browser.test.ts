/**
 * End to end in a real browser: the built task pane (dist/) served on localhost, opened in
 * headless Chromium (Debian's, driven by playwright-core) with a stub Office host holding the
 * fixture; office.js from the CDN is routed to the stub. Needs `npm run build` (pretest) and
 * /usr/bin/chromium (.ci/run installs both).
 */
import { readFileSync, existsSync, mkdirSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { chromium, Browser, Page } from 'playwright-core';
import webpack from 'webpack';
import { ribbonNormalize } from '../src/commands/ribbon';
import { documentPdf, writePdf } from '../src/pdf/write';
import { FakeExcel } from './fake-excel/fake';
import { FIXTURE_SLIPS, TIANJIN_MERGES, fixtureGrid, withCells } from './helpers';
import { tool } from './tools/system';

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
const OUT = process.env.BN_SCREENSHOTS as string; // test/screenshots/ only with UPDATE_SCREENSHOTS=1, else a temp folder: test/tools/screenshots.ts
const BROWSER = tool('browser');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.wasm': 'application/wasm',
};

let server: Server;
let base: string;
let browser: Browser;
let stub: string;
/** Every path the server was asked for (the worker's fetches are not in the page's resource timing). */
const served: string[] = [];

function buildStub(): Promise<string> {
  return new Promise((resolve, reject) => {
    webpack(
      {
        mode: 'development',
        devtool: false,
        entry: join(__dirname, 'e2e', 'office-stub.ts'),
        output: { path: join(ROOT, 'lib', 'e2e'), filename: 'office-stub.js' },
        resolve: { extensions: ['.ts', '.js'] },
        module: {
          rules: [
            { test: /\.ts$/, use: { loader: 'ts-loader', options: { transpileOnly: true, configFile: join(ROOT, 'tsconfig.web.json') } } },
          ],
        },
      },
      (err, stats) => {
        if (err || stats?.hasErrors()) return reject(err ?? new Error(stats?.toString('errors-only')));
        resolve(readFileSync(join(ROOT, 'lib', 'e2e', 'office-stub.js'), 'utf8'));
      },
    );
  });
}

beforeAll(async () => {
  if (!existsSync(join(DIST, 'taskpane.html'))) throw new Error('dist/ is missing: run `npm run build` first');
  stub = await buildStub();
  server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] as string);
    served.push(path);
    const file = join(DIST, path === '/' ? 'taskpane.html' : path);
    if (!file.startsWith(DIST) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: BROWSER,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

async function open(init: Record<string, unknown>, width = 360): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.route('https://appsforoffice.microsoft.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'application/javascript', body: stub }),
  );
  await page.addInitScript((vars) => Object.assign(window, vars), init);
  await page.goto(`${base}/taskpane.html`);
  await page.waitForSelector('body[data-state="ready"]');
  expect(errors).toEqual([]);
  return page;
}

/** Each problem group's key and the addresses of its cells, as the pane shows them. */
const problemGroups = (page: Page) =>
  page.$$eval('#problems .problem-group', (gs) =>
    gs.map((g) => [(g as HTMLElement).dataset.group, Array.from(g.querySelectorAll('button'), (b) => (b as HTMLElement).dataset.address)]),
  );

test('Normalize on the fixture: writes, summary, problems, and a problem selects its cell', async () => {
  const page = await open({ __BN_FIXTURE__: fixtureGrid(), __BN_SELECT__: 'A1:G33', __BN_LANG__: 'zh-CN' });
  expect(await page.textContent('#normalize')).toBe('规范化');
  // The pane read the workbook's settings when it opened (one request: there are none yet).
  const atReady = await page.evaluate(() => (window as any).__fake.syncs);
  expect(atReady).toBe(1);
  await page.click('#normalize');
  await page.waitForSelector('body[data-state="done"]');
  expect(await page.textContent('#status')).toBe('完成');

  const counts = await page.$$eval('#counts div', (divs) =>
    divs.map((d) => [d.querySelector('dt')?.textContent, d.querySelector('dd')?.textContent]),
  );
  expect(counts).toEqual([
    ['行', '33'],
    ['单位', '2'],
    ['项目', '25'],
    ['指标', '85'],
    ['错误', '0'],
    ['警告', '20'],
  ]);
  expect(await page.textContent('#layout-detected')).toBe('识别为: 项目列表(指标在同一单元格)');
  expect(await page.textContent('#answer')).toBe('0 个错误、20 个警告(其中 14 个是审核提示)、1 条提示。每一行都已读取。');
  expect(await problemGroups(page)).toEqual([
    ['fill', ['D12', 'B27']],
    ['check', ['D13', 'D14', 'D15', 'D16', 'D29']],
  ]);
  // Per project, what its review found.
  const reviews = await page.$$eval('#reviews button', (bs) => bs.map((b) => b.textContent));
  expect(reviews[0]).toBe('A5 · 其他机构运行经费缺少效益指标数量、质量、时效指标只有定性目标:绩效考核评价结果');
  expect(reviews).toHaveLength(11);

  // The stub workbook received the writes.
  const wrote = await page.evaluate(() => {
    const fake = (window as any).__fake;
    const src = fake.sheet('预算表');
    return {
      sheets: fake.sheets.map((s: any) => [s.name, s.visibility]),
      tables: fake.tables.map((t: any) => t.name).sort(),
      b27: src.get(26, 1)?.fill,
      note: src.notes.get('B27'),
      syncs: fake.syncs,
      settings: (window as any).__stored()?.options,
    };
  });
  expect(wrote.sheets).toEqual([
    ['预算表', 'Visible'],
    ['规范化', 'Visible'],
    ['绩效指标', 'Visible'],
    ['全部项目', 'Visible'],
  ]);
  expect(wrote.tables).toEqual(['BN_Indicators', 'BN_Normalized']);
  expect(wrote.b27).toBe('#FFEB9C');
  expect(wrote.note).toContain('总计为空');
  expect(wrote.syncs - atReady).toBeLessThanOrEqual(4);
  expect(wrote.settings).toMatchObject({ tolerance: '0', amountUnit: 'auto' });

  // Clicking a problem selects its cell.
  await page.click('#problems button[data-address="B27"]');
  await page.waitForFunction((n) => (window as any).__fake.syncs >= n, wrote.syncs + 1);
  const sel = await page.evaluate(() => {
    const f = (window as any).__fake;
    return [f.sheet(f.selection.sheetId).name, f.selection.rect];
  });
  expect(sel).toEqual(['预算表', { r0: 26, c0: 1, rows: 1, cols: 1 }]);
  mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: join(OUT, 'taskpane-zh.png'), fullPage: true });

  // Clear flags puts the table back.
  await page.click('#clear');
  await page.waitForFunction(() => document.getElementById('status')?.textContent === '已清除本加载项的标记。');
  expect(await page.evaluate(() => (window as any).__fake.sheet('预算表').notes.size)).toBe(0);
  await page.close();
}, 120_000);

test('at 320 px, keyboard only: the answer is focused after Normalize, the first problem 1–3 Tabs on, every group a Tab further', async () => {
  const page = await open({ __BN_FIXTURE__: fixtureGrid(), __BN_SELECT__: 'A1:G33', __BN_LANG__: 'zh-CN' }, 320);
  await page.focus('#normalize');
  await page.keyboard.press('Enter');
  await page.waitForSelector('body[data-state="done"]');
  // Focus is on the sentence, which leads the results and is announced.
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('answer');
  expect(await page.getAttribute('#answer', 'aria-live')).toBe('polite');
  expect(await page.getAttribute('#answer', 'tabindex')).toBe('-1');
  const first = await page.$eval('#problems button', (b) => (b as HTMLElement).dataset.address);
  expect(first).toBe('D12');
  // Tab until the first problem's go-to button: at most 3 presses.
  const focused = () =>
    page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return {
        address: a?.dataset.address ?? null,
        group: a?.closest('.problem-group')?.getAttribute('data-group') ?? a?.closest('ul')?.id ?? null,
      };
    });
  let tabs = 0;
  while (tabs < 3) {
    await page.keyboard.press('Tab');
    tabs++;
    if ((await focused()).address === first) break;
  }
  expect(await focused()).toEqual({ address: 'D12', group: 'fill' });
  expect(tabs).toBeLessThanOrEqual(3);
  // Each group is one Tab further, whatever its length; ↓ moves within a group, Enter selects the cell.
  await page.keyboard.press('ArrowDown');
  expect(await focused()).toEqual({ address: 'B27', group: 'fill' });
  await page.keyboard.press('Tab');
  expect(await focused()).toEqual({ address: 'D13', group: 'check' });
  await page.keyboard.press('Tab');
  expect(await focused()).toEqual({ address: 'A5', group: 'reviews' });
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  expect(await focused()).toEqual({ address: 'B27', group: 'fill' });
  const before = await page.evaluate(() => (window as any).__fake.syncs);
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => (window as any).__fake.syncs > n, before);
  expect(await page.evaluate(() => (window as any).__fake.selection.rect)).toEqual({ r0: 26, c0: 1, rows: 1, cols: 1 });
  // The review card of a project without 满意度 indicators names what is missing.
  const card = await page.textContent('#reviews button[data-address="A19"]');
  expect(card).toContain('缺少满意度指标');
  expect(await page.getAttribute('#reviews button[data-address="A19"]', 'aria-label')).toBe('转到单元格 A19 · 国家赔偿金: 缺少满意度指标');
  // In order: the answer, the problems, the review findings, then the reading.
  const order = await page.$$eval('#answer, #problems-box, #review-box, #reading-box', (es) => es.map((e) => e.id));
  expect(order).toEqual(['answer', 'problems-box', 'review-box', 'reading-box']);
  // Nothing wider than the pane.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.close();
}, 120_000);

test('the Office theme: dark where Office reports it, with Office`s colours; the light palette where it reports none', async () => {
  const dark = {
    bodyBackgroundColor: '#262626',
    bodyForegroundColor: '#FFFFFF',
    controlBackgroundColor: '#333333',
    controlForegroundColor: '#F0F0F0',
    isDarkTheme: true,
  };
  const page = await open({ __BN_FIXTURE__: fixtureGrid(), __BN_SELECT__: 'A1:G33', __BN_LANG__: 'en-US', __BN_THEME__: dark }, 320);
  await page.click('#normalize');
  await page.waitForSelector('body[data-state="done"]');
  const style = await page.evaluate(() => {
    const css = (sel: string) => getComputedStyle(document.querySelector(sel) as Element);
    return {
      theme: document.documentElement.dataset.theme,
      bg: css(':root').backgroundColor,
      fg: css(':root').color,
      button: css('#clear').backgroundColor,
      warning: css('#counts div:nth-child(6) dd').color,
      scheme: css(':root').colorScheme,
    };
  });
  expect(style).toEqual({
    theme: 'dark',
    bg: 'rgb(38, 38, 38)',
    fg: 'rgb(255, 255, 255)',
    button: 'rgb(51, 51, 51)',
    warning: 'rgb(246, 201, 88)',
    scheme: 'dark',
  });
  await page.close();
  // The stub without a theme (a host that reports none): the light palette, nothing set.
  const plain = await open({ __BN_FIXTURE__: fixtureGrid(), __BN_SELECT__: 'A1:G33' });
  expect(
    await plain.evaluate(() => [
      document.documentElement.dataset.theme ?? null,
      getComputedStyle(document.documentElement).backgroundColor,
    ]),
  ).toEqual([null, 'rgb(255, 255, 255)']);
  await plain.close();
}, 60_000);

test('forced colours: every box keeps a border and the focus stays visible', async () => {
  const page = await open({ __BN_FIXTURE__: fixtureGrid(), __BN_SELECT__: 'A1:G33', __BN_LANG__: 'zh-CN' }, 320);
  await page.emulateMedia({ forcedColors: 'active' });
  await page.focus('#normalize');
  await page.keyboard.press('Enter');
  await page.waitForSelector('body[data-state="done"]');
  await page.keyboard.press('Tab');
  const look = await page.evaluate(() => {
    const css = (e: Element | null) => getComputedStyle(e as Element);
    const focused = css(document.activeElement);
    return {
      focusOutline: focused.outlineStyle,
      focusWidth: focused.outlineWidth,
      countBorder: css(document.querySelector('#counts div')).borderTopStyle,
      answerBorder: css(document.querySelector('#answer')).borderTopStyle,
      buttonBorder: css(document.querySelector('#problems button')).borderTopStyle,
    };
  });
  expect(look).toEqual({ focusOutline: 'solid', focusWidth: '2px', countBorder: 'solid', answerBorder: 'solid', buttonBorder: 'solid' });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.close();
}, 60_000);

test('one click on A1: the whole table across its page breaks, and the range read shown', async () => {
  const page = await open({ __BN_FIXTURE__: fixtureGrid(), __BN_SELECT__: 'A1', __BN_LANG__: 'zh-CN' });
  await page.click('#normalize');
  await page.waitForSelector('body[data-state="done"]');
  expect(await page.textContent('#status')).toBe('完成');
  expect(await page.textContent('#read-range')).toBe('已读取 A1:G33');
  // One table: nothing beyond the range read.
  expect(await page.isVisible('#tables-found')).toBe(false);
  expect(await page.$$eval('#counts dd', (dds) => dds.map((d) => d.textContent))).toEqual(['33', '2', '25', '85', '0', '20']);
  expect(await page.textContent('#reading-sentence')).toBe('整张表都已读取。如有读错,可在下面修改后重新规范化。');
  // One request when the pane opened (the settings), then the 4 of a Normalize.
  expect(await page.evaluate(() => (window as any).__fake.syncs)).toBe(5);
  await page.close();
}, 60_000);

test('two departments one under the other: the pane lists both tables, each range a click away', async () => {
  const head = ['项目名称', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标'];
  const ind = (n: string) =>
    `1、1-产出指标;11-数量指标;${n}数量;实施周期指标值:≥1项;年度指标值:≥1项。2、2-效益指标;22-社会效益;${n}效益;实施周期指标值:提升;年度指标值:提升。3、3-满意度指标;31-服务对象满意度;满意度;实施周期指标值:≥90%;年度指标值:≥90%。`;
  const dept = (name: string, amounts: string[]): string[][] => {
    const sum = amounts.reduce((a, b) => a + Number(b), 0).toFixed(2);
    return [
      [`${name}项目支出绩效目标表`, '', '', '', '', '', ''],
      ['单位:万元', '', '', '', '', '', ''],
      head,
      ['合计', sum, sum, '', '', '', ''],
      [name, sum, sum, '', '', '', ''],
      ...amounts.map((a, i) => [`${name}项目${i + 1}`, a, a, '', '', `${name}项目${i + 1}目标`, ind(`${name}项目${i + 1}`)]),
    ];
  };
  const grid = [...dept('甲局', ['100.00', '30.00', '20.00']), ['', '', '', '', '', '', ''], ...dept('乙局', ['30.00', '20.00'])];
  for (const [tag, line] of [
    ['zh-CN', '2 张表: A1:G8, A10:G16'],
    ['en-US', '2 tables: A1:G8, A10:G16'],
  ] as const) {
    const page = await open({ __BN_FIXTURE__: grid, __BN_SELECT__: 'A1:G16', __BN_LANG__: tag });
    await page.click('#normalize');
    await page.waitForSelector('body[data-state="done"]');
    expect(await page.isVisible('#tables-found')).toBe(true);
    expect(await page.textContent('#tables-found')).toBe(line);
    expect(await page.$$eval('#tables-found button', (bs) => bs.map((b) => (b as HTMLElement).dataset.address))).toEqual([
      'A1:G8',
      'A10:G16',
    ]);
    // A range's button selects the table on the sheet.
    const before = await page.evaluate(() => (window as any).__fake.syncs);
    await page.click('#tables-found button[data-address="A10:G16"]');
    await page.waitForFunction((n) => (window as any).__fake.syncs > n, before);
    expect(await page.evaluate(() => (window as any).__fake.selection.rect)).toEqual({ r0: 9, c0: 0, rows: 7, cols: 7 });
    await page.close();
  }
}, 120_000);

test('a hidden row is left out and said; the option counts it, and is remembered', async () => {
  // Row 5, 其他机构运行经费 (119.00), hidden: the unit's total no longer adds up without it.
  const page = await open({ __BN_FIXTURE__: fixtureGrid(), __BN_SELECT__: 'A1', __BN_HIDE__: ['5'], __BN_LANG__: 'en-US' });
  await page.click('#normalize');
  await page.waitForSelector('body[data-state="done"]');
  expect(await page.textContent('#status')).toBe('Done. 1 hidden row was not counted.');
  expect(await page.$$eval('#counts dd', (dds) => dds.map((d) => d.textContent)).then((c) => c[2])).toBe('24');
  await page.click('#options summary');
  expect(await page.textContent('#count-hidden-label')).toBe('Count hidden rows and columns');
  await page.check('#count-hidden');
  await page.click('#normalize');
  await page.waitForFunction(() => document.body.dataset.state === 'done' && (window as any).__fake.runs >= 4);
  expect(await page.textContent('#status')).toBe('Done. 1 hidden row was counted, as the options ask.');
  expect(await page.$$eval('#counts dd', (dds) => dds.map((d) => d.textContent)).then((c) => c[2])).toBe('25');
  expect(await page.evaluate(() => (window as any).__stored().options.countHidden)).toBe(true);
  await page.close();
}, 60_000);

test('slips in the fixture: each cell to fix first, with its likely cause, a click away; 规范化 shows the cause', async () => {
  // B5: 119.00 typed in 元; B30, C30: a project counted twice.
  const grid = withCells(fixtureGrid(), [...FIXTURE_SLIPS['unit-slip'].edits, ...FIXTURE_SLIPS['double-count'].edits]);
  const page = await open({ __BN_FIXTURE__: grid, __BN_SELECT__: 'A1:G33', __BN_LANG__: 'zh-CN' });
  await page.click('#normalize');
  await page.waitForSelector('body[data-state="done"]');
  expect(await page.textContent('#answer')).toMatch(/^6 个错误、20 个警告/);
  expect(await page.getAttribute('#answer', 'data-tone')).toBe('error');
  expect(await page.textContent('.problem-group[data-group="fix"] h3')).toBe('改正数字 (3)');
  expect((await problemGroups(page))[0]).toEqual(['fix', ['B5', 'B30', 'C30']]);
  const heads = await page.$$eval('.problem-group[data-group="fix"] .issue-head', (hs) => hs.map((h) => h.textContent));
  expect(heads).toEqual(['B5 · 错误 · 万元/元错位', 'B30 · 错误 · 重复计入', 'C30 · 错误 · 重复计入']);
  const slip = await page.textContent('#problems button[data-address="B5"]');
  expect(slip).toContain('请改为 119.00');
  expect(slip).toContain('改正后同时消除:B4');
  // The counts are one size; the errors in the error colour.
  const dds = await page.$$eval('#counts dd', (ds) => ds.map((d) => [getComputedStyle(d).fontSize, getComputedStyle(d).color]));
  expect(new Set(dds.map(([size]) => size))).toEqual(new Set(['18px']));
  expect(dds[4]?.[1]).toBe('rgb(197, 15, 31)');
  // 规范化 shows the cause beside the live differences.
  const hints = await page.evaluate(() => {
    const ws = (window as any).__fake.sheet('规范化');
    let col = -1;
    for (let c = 0; c < 30; c++) if (ws.get(0, c)?.value === '差额提示') col = c;
    const out: string[] = [];
    for (let r = 1; r < 40; r++) {
      const v = ws.get(r, col)?.value;
      if (v) out.push(`${ws.get(r, 0)?.value}=${v}`);
    }
    return out;
  });
  expect(hints).toEqual(
    expect.arrayContaining([expect.stringMatching(/A5.*=万元\/元错位$/), expect.stringMatching(/A4.*=万元\/元错位 → B5$/)]),
  );
  await page.click('#problems button[data-address="B30"]');
  await page.waitForFunction(() => (window as any).__fake.selection?.rect?.r0 === 29);
  await page.close();
}, 120_000);

test('English Office gets an English pane; a bad option is refused with a message', async () => {
  const page = await open({ __BN_FIXTURE__: fixtureGrid(), __BN_SELECT__: 'A1:G33', __BN_LANG__: 'en-US' });
  expect(await page.textContent('#normalize')).toBe('Normalize');
  // Both layout selects (options, and the reading's correction) name every layout in English.
  for (const id of ['#layout-packed', '#map-layout-packed'])
    expect(await page.textContent(id)).toBe('Packed list (indicators in one cell)');
  for (const id of ['#layout-tree', '#map-layout-tree', '#layout-form', '#map-layout-form'])
    expect(await page.textContent(id)).not.toMatch(/[\u4e00-\u9fff]/);
  await page.click('#options summary');
  await page.fill('#tolerance', 'abc');
  await page.click('#normalize');
  await page.waitForFunction(() => document.getElementById('status')?.classList.contains('failed'));
  expect(await page.textContent('#status')).toMatch(/^Invalid option/);
  expect(await page.getAttribute('#tolerance', 'aria-invalid')).toBe('true');
  expect(await page.evaluate(() => (window as any).__fake.runs)).toBe(1);
  await page.fill('#tolerance', '0.01');
  await page.keyboard.press('Tab');
  // Keyboard only: focus the Normalize button and press Enter.
  await page.focus('#normalize');
  await page.keyboard.press('Enter');
  await page.waitForSelector('body[data-state="done"]');
  expect(await page.textContent('#problems .problem-group:first-child li:first-child .issue-head')).toBe('D12 · Warning');
  await page.screenshot({ path: join(OUT, 'taskpane-en.png'), fullPage: true });
  await page.close();
}, 120_000);

test('a single-project form: the layout is detected and shown, and its issues listed', async () => {
  const page = await open({ __BN_FIXTURE__: fixtureGrid('tianjin-hebei-court-2023.tsv'), __BN_SELECT__: 'A1', __BN_LANG__: 'zh-CN' });
  await page.click('#normalize');
  await page.waitForSelector('body[data-state="done"]');
  expect(await page.textContent('#layout-detected')).toBe('识别为: 单个项目表');
  const counts = await page.$$eval('#counts dd', (dds) => dds.map((d) => d.textContent));
  expect(counts.slice(0, 4)).toEqual(['27', '0', '2', '11']);
  expect(await page.$$eval('#reviews button', (bs) => bs.map((b) => (b as HTMLElement).dataset.address))).toEqual(['B18']);
  expect(await page.evaluate(() => (window as any).__fake.sheet('规范化').get(1, 4).value)).toBe('安全隐患维修');
  await page.close();
}, 60_000);

test('a grid list, with the layout overridden in the options', async () => {
  const grid = [
    ['单位名称', '项目名称', '预算数', '一级指标', '二级指标', '三级指标', '指标值'],
    ['单位甲', '项目一', '10.00', '产出指标', '数量指标', '数量', '≥1件'],
    ['', '', '', '效益指标', '社会效益指标', '效益', '提升'],
    ['', '', '', '满意度指标', '服务对象满意度指标', '满意度', '≥90%'],
  ];
  const page = await open({ __BN_FIXTURE__: grid, __BN_SELECT__: 'A1:G4', __BN_LANG__: 'en-US' });
  await page.click('#normalize');
  await page.waitForSelector('body[data-state="done"]');
  expect(await page.textContent('#layout-detected')).toBe('Detected: Grid list (one row per indicator)');
  expect(await page.$$eval('#counts dd', (dds) => dds.map((d) => d.textContent))).toEqual(['4', '0', '1', '3', '0', '0']);
  await page.click('#options summary');
  await page.selectOption('#layout', 'packed');
  await page.click('#normalize');
  await page.waitForSelector('body[data-state="done"]');
  expect(await page.textContent('#layout-detected')).toBe('Layout: Packed list (indicators in one cell)');
  expect(await page.evaluate(() => (window as any).__stored().options.layout)).toBe('packed');
  await page.close();
}, 60_000);

test('a table the engine cannot read on its own: a role corrected in the pane, normalized again, remembered after a reload', async () => {
  const ind = (n: string) => `1、1-产出指标; 11-数量指标; ${n}; 实施周期指标值:≥1人; 年度指标值:≥1人。`;
  const grid = [
    ['条目', '金额合计', '上级补助', '目标说明', '绩效指标'],
    ['项目一', '10.00', '10.00', '目标一', ind('人数')],
    ['项目二', '20.00', '20.00', '目标二', ind('次数')],
  ];
  const page = await open({ __BN_FIXTURE__: grid, __BN_SELECT__: 'A1:E3', __BN_LANG__: 'zh-CN' });
  await page.click('#normalize');
  await page.waitForSelector('body[data-state="done"]');
  // Read wrong: no header found, the default column order assumed; the pane shows how, uncertain first.
  expect(await page.isVisible('#reading-box')).toBe(true);
  const labels = await page.$$eval('#reading-fields label', (ls) => ls.map((l) => l.textContent));
  expect(labels[0]).toBe('列 A · 条目 (依据: 默认列顺序(不确定))');
  // Correct it from the lists, with the keyboard-usable native controls.
  await page.fill('#map-header', '1');
  await page.selectOption('#reading-fields select[data-col="3"]', 'goal');
  await page.selectOption('#reading-fields select[data-col="4"]', 'indicators');
  await page.click('#map-apply');
  await page.waitForFunction(() => document.body.dataset.state === 'done' && (window as any).__fake.runs >= 4);
  const sheet = () =>
    page.evaluate(() => {
      const s = (window as any).__fake.sheet('规范化');
      return [s.get(1, 4)?.value, s.get(1, 5)?.value, s.get(1, 6)?.value, s.get(1, 13)?.value, s.get(1, 14)?.value];
    });
  expect(await sheet()).toEqual(['项目一', 10, 10, 1, '目标一']);
  expect(await page.$$eval('#counts dd', (dds) => dds.map((d) => d.textContent))).toEqual(['3', '0', '2', '2', '0', '2']);
  const stored = await page.evaluate(() => (window as any).__stored().mappings);
  expect(Object.values(stored)).toEqual([
    { layout: 'packed', headerRows: [1], columns: { A: 'name', B: 'total', C: 'fiscal', D: 'goal', E: 'indicators' }, keys: {} },
  ]);
  await page.screenshot({ path: join(OUT, 'taskpane-reading-zh.png'), fullPage: true });
  // A reload of the pane (the workbook keeps its settings): Normalize applies the remembered correction, visibly.
  await page.reload();
  await page.waitForSelector('body[data-state="ready"]');
  await page.click('#normalize');
  await page.waitForSelector('body[data-state="done"]');
  expect(await page.isVisible('#reading-remembered')).toBe(true);
  expect(await sheet()).toEqual(['项目一', 10, 10, 1, '目标一']);
  // It can be forgotten.
  await page.click('#map-forget');
  await page.waitForFunction(() => Object.keys((window as any).__stored().mappings).length === 0);
  await page.close();
}, 120_000);

test('the pane never runs Normalize by itself when it loads (the ribbon runs it)', async () => {
  const page = await browser.newPage();
  await page.route('https://appsforoffice.microsoft.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'application/javascript', body: stub }),
  );
  await page.addInitScript((vars) => Object.assign(window, vars), { __BN_FIXTURE__: fixtureGrid(), __BN_SELECT__: 'A1:G33' });
  await page.goto(`${base}/taskpane.html?run=normalize`);
  await page.waitForSelector('body[data-state="ready"]');
  await page.waitForTimeout(300);
  // Only the settings were read: no Normalize ran.
  expect(await page.evaluate(() => (window as any).__fake.runs)).toBe(1);
  expect(await page.evaluate(() => (window as any).__fake.sheets.length)).toBe(1);
  await page.close();
}, 60_000);

test('an empty selection gets a clear message', async () => {
  const page = await open({ __BN_FIXTURE__: [], __BN_SELECT__: 'C3' });
  await page.click('#normalize');
  await page.waitForSelector('body[data-state="done"]');
  expect(await page.textContent('#status')).toBe('请先选中要规范化的表格。');
  await page.close();
}, 60_000);

test('a refusal: the pane says what the ribbon says for the same selection, in each language', async () => {
  for (const tag of ['zh-CN', 'en-US']) {
    const page = await open({ __BN_FIXTURE__: fixtureGrid(), __BN_SELECT__: 'A1:B2,D4:E5', __BN_LANG__: tag });
    await page.click('#normalize');
    await page.waitForSelector('body[data-state="done"]');
    expect(await page.getAttribute('#status', 'class')).toBe('failed');
    // The ribbon, on the same workbook and selection.
    const fake = new FakeExcel('预算表');
    fake.setGrid(fixtureGrid());
    fake.select('A1:B2,D4:E5');
    const shown: string[] = [];
    await ribbonNormalize({ host: fake.host(), displayLanguage: tag, show: async (m) => void shown.push(m) });
    expect(shown).toEqual([expect.stringMatching(tag === 'zh-CN' ? /^选中了多个区域/ : /^More than one area is selected/)]);
    expect(await page.textContent('#status')).toBe(shown[0]);
    await page.close();
  }
}, 60_000);

test('a webview without BigInt (Safari before 14): the pane says what the add-in needs, never a blank pane', async () => {
  const page = await browser.newPage();
  await page.route('https://appsforoffice.microsoft.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'application/javascript', body: stub }),
  );
  await page.addInitScript(() => {
    delete (window as any).BigInt;
  });
  await page.addInitScript((vars) => Object.assign(window, vars), { __BN_FIXTURE__: fixtureGrid(), __BN_SELECT__: 'A1:G33' });
  await page.goto(`${base}/taskpane.html`);
  await page.waitForSelector('body[data-state="unsupported"]');
  expect(await page.textContent('#unsupported')).toMatch(/Safari 14/);
  expect(await page.isVisible('#normalize')).toBe(false);
  await page.close();
}, 60_000);

test('Clear all flags clears every table; Clear the one at the selection', async () => {
  const page = await open({ __BN_FIXTURE__: fixtureGrid(), __BN_SELECT__: 'A1:G33', __BN_LANG__: 'en-US' });
  expect(await page.textContent('#clear-all')).toBe('Clear all flags');
  await page.click('#normalize');
  await page.waitForSelector('body[data-state="done"]');
  await page.click('#clear-all');
  await page.waitForFunction(() => document.getElementById('status')?.textContent === "The add-in's flags were removed.");
  expect(await page.evaluate(() => (window as any).__fake.sheet('预算表').notes.size)).toBe(0);
  await page.close();
}, 60_000);

/** The cells of a fixture as text, as a PDF prints them. */
const printed = (name?: string): string[][] => fixtureGrid(name).map((r) => r.map((c) => String(c ?? '')));

/** A department's disclosure: a budget table (merged header cells), the tianjin forms (merged cells), the sample table over pages. */
function disclosurePdf(): Buffer {
  return Buffer.from(
    writePdf(
      documentPdf([
        {
          title: ['2024年部门收支总表', '单位:万元'],
          rows: [
            ['收入', '', '支出', ''],
            ['项目', '预算数', '项目', '预算数'],
            ['一般公共预算拨款收入', '13,541.65', '公共安全支出', '13,586.01'],
          ],
          merges: [
            [0, 0, 0, 1],
            [0, 2, 0, 3],
          ],
        },
        { rows: printed('tianjin-hebei-court-2023.tsv'), merges: TIANJIN_MERGES },
        { title: ['2024年部门预算项目支出绩效目标表', '单位:万元'], rows: printed().slice(1), repeatRows: 1, rowsPerPage: 12 },
      ]),
    ),
  );
}

test('Import PDF: read in the worker, each 绩效目标表 on a new sheet as published, normalized; a click shows each', async () => {
  const page = await open({ __BN_FIXTURE__: [['用户的数据']], __BN_SELECT__: 'A1', __BN_LANG__: 'zh-CN' });
  expect(await page.textContent('#import-pdf')).toBe('从 PDF 导入');
  expect(await page.isDisabled('#import-pdf')).toBe(false);
  // pdf.js is not loaded until a file is imported.
  const from = served.length;
  // The pane has loaded: pdf.js has not (its worker script is fetched only when a file is chosen).
  expect(served).toContain('/taskpane.js');
  expect(served).not.toContain('/pdf-worker.js');
  await page.setInputFiles('#import-file', { name: '法院2024部门预算.pdf', mimeType: 'application/pdf', buffer: disclosurePdf() });
  await page.waitForSelector('body[data-state="done"]', { timeout: 90_000 });
  expect(await page.textContent('#status')).toBe('法院2024部门预算.pdf:找到 3 张表,2 张绩效目标表已写入新工作表并规范化。');
  expect(served.slice(from)).toContain('/pdf-worker.js');
  // The CMap of the Chinese font the PDF does not embed came from the add-in, not a CDN.
  expect(served.slice(from)).toContain('/pdfjs/cmaps/UniGB-UCS2-H.bcmap');
  const items = await page.$$eval('#imported li', (lis) =>
    lis.map((li) => [li.querySelector('.issue-head')?.textContent, li.querySelector('button')?.dataset.sheet ?? null]),
  );
  expect(items.map((i) => i[0])).toEqual([
    '2024年部门收支总表 · 第 1 页',
    '项目支出绩效目标表 · 第 1–2 页',
    expect.stringMatching(/^2024年部门预算项目支出绩效目标表 · 第 \d–\d+ 页$/),
  ]);
  expect(items[0]?.[1]).toBeNull();
  const [tjSheet, gzSheet] = [items[1]?.[1] as string, items[2]?.[1] as string];
  expect(tjSheet).toBe('p1-2 项目支出绩效目标表');
  expect(gzSheet).toMatch(/^p\d-\d+ 2024年部门预算项目支出绩效目标表$/);
  // The first table's results are shown: the tianjin forms, 2 projects.
  const count = async (label: string) =>
    page.$$eval(
      '#counts div',
      (divs, l) => divs.find((d) => d.querySelector('dt')?.textContent === l)?.querySelector('dd')?.textContent,
      label,
    );
  expect(await count('项目')).toBe('2');

  // The workbook: the user's sheet untouched; each table on its sheet as published, then its outputs.
  const book = await page.evaluate(
    ([tj, gz]) => {
      const fake = (window as any).__fake;
      const cell = (s: any, r: number, c: number) => s.get(r, c)?.value ?? '';
      const t = fake.sheet(tj);
      const g = fake.sheet(gz);
      return {
        sheets: fake.sheets.map((s: any) => s.name),
        user: cell(fake.sheet('预算表'), 0, 0),
        source: cell(t, 0, 0),
        tjTop: [cell(t, 2, 0), cell(t, 12, 0), t.get(12, 0)?.numberFormat],
        tjMerged: t.merged.map((m: any) => [m.r0, m.c0, m.rows, m.cols]),
        tjBorder: t.border(12, 1, 'top')?.style ?? null,
        gzSource: cell(g, 0, 0),
        gzAmount: cell(g, 5, 1),
      };
    },
    [tjSheet, gzSheet],
  );
  expect(book.sheets).toEqual(expect.arrayContaining(['预算表', tjSheet, gzSheet, '规范化', '绩效指标', '全部项目']));
  expect(book.user).toBe('用户的数据');
  expect(book.source).toMatch(/^来源:法院2024部门预算\.pdf,第 1–2 页\(第 1 页:第 3–\d+ 行;第 2 页:第 \d+–29 行\)。$/);
  const tj = printed('tianjin-hebei-court-2023.tsv');
  expect(book.tjTop).toEqual([tj[0]?.[0], tj[10]?.[0], '@']);
  expect(book.tjMerged).toEqual(
    expect.arrayContaining([
      [12, 0, 4, 1],
      [7, 1, 1, 6],
    ]),
  );
  expect(book.tjBorder).toBe('Continuous');
  expect(book.gzSource).toMatch(/^来源:法院2024部门预算\.pdf,第 \d–\d+ 页\(第 \d+ 页:第 3–\d+ 行;/);
  // The amount as the PDF printed it (the sample's own `13, 586. 01`), text: the core reads it.
  expect(book.gzAmount).toBe(printed()[2]?.[1]);

  // The first table's results are the ones shown, and the list says so.
  expect(await page.getAttribute(`#imported button[data-sheet="${tjSheet}"]`, 'aria-current')).toBe('true');
  // A click on the second table: its sheet, and its results (the sample table's 25 projects).
  await page.click(`#imported button[data-sheet="${gzSheet}"]`);
  await page.waitForFunction(() => document.querySelector('#counts div:nth-child(3) dd')?.textContent === '25');
  await page.waitForFunction((name) => {
    const f = (window as any).__fake;
    return f.sheet(f.selection.sheetId)?.name === name;
  }, gzSheet);
  expect(await page.getAttribute(`#imported button[data-sheet="${gzSheet}"]`, 'aria-current')).toBe('true');
  expect(await page.getAttribute(`#imported button[data-sheet="${tjSheet}"]`, 'aria-current')).toBeNull();
  mkdirSync(OUT, { recursive: true });
  // The top of the pane: the import's sentence, its tables, the first results.
  await page.screenshot({ path: join(OUT, 'taskpane-import-zh.png') });

  // The same file again: found on its sheets, nothing written twice.
  const sheetsBefore = await page.evaluate(() => (window as any).__fake.sheets.length);
  await page.setInputFiles('#import-file', { name: '法院2024部门预算.pdf', mimeType: 'application/pdf', buffer: disclosurePdf() });
  await page.waitForFunction(() => /此前已从同一文件导入/.test(document.getElementById('status')?.textContent ?? ''), null, {
    timeout: 90_000,
  });
  expect(await page.evaluate(() => (window as any).__fake.sheets.length)).toBe(sheetsBefore);
  await page.close();
}, 180_000);

test('Import PDF: a scan is said in one line, nothing written; a webview without workers gets the button off, saying why', async () => {
  const page = await open({ __BN_FIXTURE__: [['x']], __BN_SELECT__: 'A1', __BN_LANG__: 'zh-CN' });
  const scan = Buffer.from(writePdf([{ width: 595, height: 842, ops: [{ kind: 'image', x: 0, y: 0, w: 595, h: 842 }] }]));
  await page.setInputFiles('#import-file', { name: 'scan.pdf', mimeType: 'application/pdf', buffer: scan });
  await page.waitForSelector('body[data-state="done"]', { timeout: 60_000 });
  expect(await page.textContent('#status')).toMatch(/^scan\.pdf 没有文字层/);
  expect(await page.evaluate(() => (window as any).__fake.sheets.length)).toBe(1);
  await page.close();

  const old = await browser.newPage();
  await old.route('https://appsforoffice.microsoft.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'application/javascript', body: stub }),
  );
  await old.addInitScript(() => {
    Object.assign(window, { __BN_FIXTURE__: [['x']], __BN_LANG__: 'en-US' });
    delete (window as { Worker?: unknown }).Worker;
  });
  await old.goto(`${base}/taskpane.html`);
  await old.waitForSelector('body[data-state="ready"]');
  expect(await old.getAttribute('#import-pdf', 'aria-disabled')).toBe('true');
  expect(await old.textContent('#import-help')).toMatch(/cannot run add-in work in the background/);
  await old.close();
}, 120_000);
