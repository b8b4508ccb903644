/**
 * Progress on long work: the core's steps (what a caller drives), the pane's phases built on them, and
 * the CLI's lines on stderr (with --progress; never on a pipe unless asked).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalize, NormalizeProgress, normalizeSteps } from '../src/core/normalize';
import { synthTable, toTsv } from '../src/bench/synth';
import { normalizeSelection } from '../src/excel/run';
import { FakeExcel } from './fake-excel/fake';
import { streamProgress } from '../src/cli/progress';

const BIN = join(__dirname, '..', 'bin', 'budget-normalize.js');
const table = synthTable(5_000, 11);

describe('the core, driven one step at a time', () => {
  test('reading, then the indicators by 2,000 projects, then the checks; the model is normalize`s', () => {
    const steps = normalizeSteps(table.grid);
    const seen: NormalizeProgress[] = [];
    let next = steps.next();
    while (next.done !== true) {
      seen.push(next.value);
      next = steps.next();
    }
    const model = next.value;
    expect(seen.map((p) => p.step)).toEqual(['reading', 'indicators', 'indicators', 'indicators', 'checks']);
    const withIndicators = model.summary.projects + model.summary.units;
    expect(seen.filter((p) => p.step === 'indicators').map((p) => [p.done, p.total])).toEqual([
      [0, withIndicators],
      [2_000, withIndicators],
      [4_000, withIndicators],
    ]);
    expect(seen[0]).toEqual({ step: 'reading', done: 0, total: table.grid.length });
    expect(JSON.stringify(model)).toBe(JSON.stringify(normalize(table.grid)));
  });

  test('two runs driven in turns do not share state', () => {
    const a = normalizeSteps(table.grid);
    const b = normalizeSteps(synthTable(50, 3).grid);
    let ra = a.next();
    let rb = b.next();
    while (ra.done !== true || rb.done !== true) {
      if (ra.done !== true) ra = a.next();
      if (rb.done !== true) rb = b.next();
    }
    expect(JSON.stringify(ra.value)).toBe(JSON.stringify(normalize(table.grid)));
    expect(JSON.stringify(rb.value)).toBe(JSON.stringify(normalize(synthTable(50, 3).grid)));
  });
});

test('the pane hears reading, each normalizing step with its counts, then writing', async () => {
  const small = synthTable(2_500, 5).grid;
  const fake = new FakeExcel();
  fake.setGrid(small);
  fake.select(`A1:G${small.length}`);
  const heard: string[] = [];
  await normalizeSelection(fake.host(), { lang: 'zh' }, (phase, done, total, step) => {
    const key = phase === 'normalizing' && step !== undefined ? `normalizing:${step}` : phase;
    if (heard[heard.length - 1] !== key) heard.push(key);
    if (step === 'indicators') expect(total).toBeGreaterThanOrEqual(2_500);
    expect(done).toBeLessThanOrEqual(total);
  });
  expect(heard).toEqual(['reading', 'normalizing', 'normalizing:reading', 'normalizing:indicators', 'normalizing:checks', 'writing']);
}, 60_000);

describe('the CLI on stderr', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bn-progress-'));
    writeFileSync(join(dir, 'big.tsv'), toTsv(synthTable(6_000, 2).grid));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('--progress: read, each step and each sheet written, with counts; stdout unchanged', () => {
    const file = join(dir, 'big.tsv');
    const r = spawnSync(process.execPath, [BIN, file, '--progress', '-o', join(dir, 'out.xlsx')], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(r.status).toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^budget-normalize: 读取 read 6,\d{3} rows$/);
    expect(lines.some((l) => /拆分指标 splitting indicators 0 \/ 6,\d{3}$/.test(l))).toBe(true);
    expect(lines.some((l) => /核对 checking sums 0 \/ 6,000$/.test(l))).toBe(true);
    for (const sheet of ['big', '规范化', '绩效指标']) expect(lines.some((l) => l.includes(`写入 writing ${sheet} `))).toBe(true);
    expect(lines[lines.length - 1]).toMatch(/写入 writing 绩效指标 ([\d,]+) \/ \1 rows$/);
    const quiet = spawnSync(process.execPath, [BIN, file, '-o', join(dir, 'out2.xlsx')], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(quiet.stdout).toBe(r.stdout.replace(join(dir, 'out.xlsx'), join(dir, 'out2.xlsx')));
  }, 60_000);

  test('on a pipe, without --progress, stderr stays empty', () => {
    const r = spawnSync(process.execPath, [BIN, join(dir, 'big.tsv'), '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  }, 60_000);
});

test('on a terminal: one line rewritten in place, at most every 200 ms, cleared at the end', () => {
  const written: string[] = [];
  let t = 0;
  const tty = { isTTY: true, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
  const p = streamProgress(tty, () => t);
  p.read(10_000);
  p.normalize({ step: 'indicators', done: 0, total: 9_000 });
  t = 100;
  p.normalize({ step: 'indicators', done: 2_000, total: 9_000 }); // too soon: skipped
  t = 300;
  p.normalize({ step: 'indicators', done: 4_000, total: 9_000 });
  p.write('规范化', 9_000, 9_000); // a sheet finished is always said
  p.done();
  expect(written).toEqual([
    '\r\x1b[2Kbudget-normalize: 读取 read 10,000 rows',
    '\r\x1b[2Kbudget-normalize: 拆分指标 splitting indicators 0 / 9,000',
    '\r\x1b[2Kbudget-normalize: 拆分指标 splitting indicators 4,000 / 9,000',
    '\r\x1b[2Kbudget-normalize: 写入 writing 规范化 9,000 / 9,000 rows',
    '\r\x1b[2K',
  ]);
});
