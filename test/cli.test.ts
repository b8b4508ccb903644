/** The `budget-normalize` command as a user runs it (built into lib/ by `pretest`). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ModelSchema } from '../src/core';
import { nothingAdvice } from '../src/cli/main';
import { parseCsv } from '../src/cli/read';
import { FIXTURES, fixtureGrid } from './helpers';

const BIN = join(__dirname, '..', 'bin', 'budget-normalize.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
const tmp = mkdtempSync(join(tmpdir(), 'bn-cli-'));
const fixture = join(FIXTURES, 'guangzhou-court-2024.tsv');

describe('budget-normalize INPUT --json', () => {
  test('prints the model, which satisfies the contract', () => {
    const r = run(fixture, '--json');
    expect(r.status).toBe(0);
    const model = ModelSchema.parse(JSON.parse(r.stdout));
    expect(model.summary).toMatchObject({ projects: 25, units: 2 });
    expect(model.rows[26]?.amounts.total).toBe(115.5);
  });

  test('the same table as .csv (quoted fields) and as .xlsx (named sheet) gives the same rows and flags', async () => {
    const grid = fixtureGrid();
    const csv = grid.map((row) => row.map((c) => `"${String(c ?? '').replace(/"/g, '""')}"`).join(',')).join('\r\n');
    const csvPath = join(tmp, 'table.csv');
    writeFileSync(csvPath, csv);
    expect(parseCsv(csv)).toEqual(grid);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('封面').getCell('A1').value = '封面';
    const ws = wb.addWorksheet('绩效目标表');
    grid.forEach((row) => ws.addRow(row.map((c) => (c === '' ? null : c))));
    const xlsxPath = join(tmp, 'table.xlsx');
    await wb.xlsx.writeFile(xlsxPath);
    const base = JSON.parse(run(fixture, '--json').stdout);
    for (const args of [[csvPath], [xlsxPath, '--sheet', '绩效目标表']]) {
      const r = run(...args, '--json');
      expect(r.stderr).toBe('');
      const m = JSON.parse(r.stdout);
      expect(m.rows.map((x: any) => [x.kind, x.name, x.amounts, x.indicators.length])).toEqual(
        base.rows.map((x: any) => [x.kind, x.name, x.amounts, x.indicators.length]),
      );
      expect(m.flags.map((f: any) => f.cell + f.code)).toEqual(base.flags.map((f: any) => f.cell + f.code));
    }
  });

  test('GB18030 text, as Chinese Excel saves it, is decoded', () => {
    const gbk = join(tmp, 'gbk.tsv');
    // 项目名称 总计 … encoded in GB18030: 项=cf ee 目=c4 bf
    writeFileSync(gbk, Buffer.from([0xcf, 0xee, 0xc4, 0xbf, 0x09, 0x31, 0x0a]));
    const r = run(gbk, '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).rows[0].name).toBe('项目');
  });

  test('--tolerance is applied', () => {
    const t = join(tmp, 'tol.tsv');
    writeFileSync(t, '项目名称\t总计\t财政拨款\t其他资金\n项目\t10.01\t10.00\t\n');
    expect(JSON.parse(run(t, '--json').stdout).flags.map((f: any) => f.code)).toEqual(['row-sum-mismatch']);
    expect(JSON.parse(run(t, '--json', '--tolerance', '0.01').stdout).flags).toEqual([]);
  });
});

describe('units and layouts on the command line', () => {
  test('--unit converts exactly; --table-unit states the unit the title rows do not', () => {
    const tj = join(FIXTURES, 'tianjin-hebei-court-2023.tsv');
    const yuan = JSON.parse(run(tj, '--json', '--unit', '元').stdout);
    expect(yuan.amountUnit).toBe('元');
    expect(yuan.rows[5].amounts).toMatchObject({ total: 200000, fiscal: 200000 });
    const r = run(fixture, '--json', '--unit', '元');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not stated/);
    const wan = JSON.parse(run(fixture, '--json', '--unit', '万元', '--table-unit', '元').stdout);
    expect(wan.rows[2].amounts.total).toBe(1.358601);
  });

  test('--layout overrides the detected layout', () => {
    const tj = join(FIXTURES, 'tianjin-hebei-court-2023.tsv');
    expect(JSON.parse(run(tj, '--json').stdout).layout).toBe('form');
    const gz = join(FIXTURES, 'guangzhou-court-2024.tsv');
    expect(JSON.parse(run(gz, '--json', '--layout', 'grid').stdout).layout).toBe('grid');
    // A form read as a packed list yields nothing: said, exit 2, rather than an empty result.
    const forced = run(tj, '--json', '--layout', 'packed');
    expect([forced.status, forced.stderr]).toEqual([2, expect.stringContaining('nothing was recognised')]);
    expect(run(tj, '--layout', 'table').status).toBe(2);
  });
});

describe('the readable summary', () => {
  test('shows counts, the structure and every flag with its cell', () => {
    const r = run(fixture);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('项目 projects 25');
    expect(r.stdout).toMatch(/B27\s+警告 warning · missing-amount/);
    expect(r.stdout).toContain('总计为空');
    expect(r.stdout).toContain('Total is empty');
  });
});

describe('the summary in the language asked for', () => {
  const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+/g;
  const out = join(tmp, 'lang.xlsx');
  const fixtures = [fixture, join(FIXTURES, 'tianjin-hebei-court-2023.tsv')];

  test.each(fixtures)('--lang en: no Chinese but the table`s own text (names, quoted targets) — %s', (file) => {
    // The table's text: the file, and the names as the model holds them (cleaned of line breaks and spaces).
    const model = JSON.parse(run(file, '--json').stdout) as { rows: Array<{ name: string | null }> };
    const source = readFileSync(file, 'utf8') + model.rows.map((row) => row.name ?? '').join('\n');
    const r = run(file, '--lang', 'en', '-o', out);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    const foreign = lines.flatMap((line) =>
      (line.match(CJK) ?? []).filter((run) => !source.includes(run)).map((run) => `${run} in: ${line}`),
    );
    expect(foreign).toEqual([]);
    // The labels the bilingual summary prints in Chinese are English here.
    expect(lines[0]).toBe(`Budget Normalizer · ${file}`);
    expect(lines[1]).toMatch(/^unit: [^·]+ · header row: [^·]+ · layout: [a-z]+$/);
    expect(lines[1]).not.toMatch(CJK);
    expect(lines[2]).toMatch(/^rows \d+ · units \d+ · projects \d+ · indicators \d+ · errors \d+ · warnings \d+ · infos \d+$/);
    expect(lines).toContain('Structure (total / fiscal / special account / other):');
    expect(lines.some((l) => /^Issues \(\d+\):$/.test(l))).toBe(true);
    expect(lines.filter((l) => /^ {2}\S+\s+(error|warning|info) · [a-z-]+$/.test(l)).length).toBeGreaterThan(0);
    expect(lines[lines.length - 1]).toBe(`written: ${out}`);
  });

  test.each(fixtures)('--lang zh: no English labels, only paths, flag codes and the table`s own text — %s', (file) => {
    const source = readFileSync(file, 'utf8');
    const r = run(file, '--lang', 'zh', '-o', out);
    expect(r.status).toBe(0);
    const words = r.stdout
      .split(file)
      .join('')
      .split(out)
      .join('')
      .replace(/\b[a-z]+(?:-[a-z]+)+\b/g, '') // flag codes, as --json has them
      .match(/[A-Za-z]{2,}/g);
    expect((words ?? []).filter((w) => !source.includes(w))).toEqual([]);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`预算表规范化 · ${file}`);
    expect(lines[1]).toMatch(/^金额单位: \S+ · 表头: \S+ · 版式: \S+/);
    expect(lines[2]).toMatch(/^行 \d+ · 单位 \d+ · 项目 \d+ · 指标 \d+ · 错误 \d+ · 警告 \d+ · 提示 \d+$/);
    expect(lines).toContain('结构(总计 / 财政拨款 / 财政专户拨款 / 其他资金):');
    expect(lines[lines.length - 1]).toBe(`已写入: ${out}`);
  });

  test('the default stays bilingual: each label in Chinese then English', () => {
    const lines = run(fixture, '-o', out).stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`预算表规范化 Budget Normalizer · ${fixture}`);
    expect(lines[2]).toMatch(/^行 rows 33 · 单位 units 2 · 项目 projects 25 · 指标 indicators 85 · /);
    expect(lines).toContain('结构 Structure (总计 total / 财政拨款 fiscal / 财政专户拨款 special account / 其他资金 other):');
    expect(lines.some((l) => /^ {8}总计为空/.test(l)) && lines.some((l) => /^ {8}Total is empty/.test(l))).toBe(true);
    expect(lines[lines.length - 1]).toBe(`已写入 written: ${out}`);
  });

  test('a table without flags says so in the language asked for', () => {
    const t = join(tmp, 'clean.tsv');
    writeFileSync(t, '项目名称\t总计\t财政拨款\t其他资金\n项目\t10\t10\t\n');
    const last = (lang: string) => run(t, '--lang', lang).stdout.trimEnd().split('\n').pop();
    expect(last('zh')).toBe('没有问题:每一行都已读取,所有合计均相符。');
    expect(last('en')).toBe('No issues: every row was read and every total adds up.');
    expect(last('both')).toBe('没有问题 No issues: every row was read and every total adds up.');
  });
});

describe('the advice when nothing is recognised depends on what was passed', () => {
  const t = join(tmp, 'nothing.tsv');
  writeFileSync(t, '说明\t备注\n甲\t乙\n');
  const advice = (...args: string[]) => {
    const r = run(t, ...args);
    expect([r.status, r.stdout, r.stderr.trimEnd().split('\n').length]).toEqual([2, '', 1]);
    expect(r.stderr).toMatch(/nothing was recognised/);
    return r.stderr;
  };

  test('without --layout: state the layout', () => {
    expect(advice()).toMatch(/state the layout with --layout/);
  });

  test('with --layout (or layout= in --map): never told to state it again; told what is left to try', () => {
    for (const args of [
      ['--layout', 'grid'],
      ['--map', 'layout=grid'],
    ]) {
      const text = advice(...args);
      expect(text).not.toMatch(/state the layout/);
      expect(text).toMatch(/grid layout/);
    }
    expect(advice('--layout', 'grid')).toMatch(/say what its columns are with --map/);
    // Both given: neither option is suggested as if it had not been.
    const both = advice('--layout', 'grid', '--map', 'B=name');
    expect(both).not.toMatch(/with --layout|with --map/);
    expect(both).toMatch(/check both/);
  });

  test('--layout auto is not a layout stated', () => {
    expect(advice('--layout', 'auto')).toMatch(/state the layout with --layout/);
  });

  test('nothingAdvice, for each combination', () => {
    expect(nothingAdvice({}, {})).toMatch(/^state the layout with --layout if/);
    expect(nothingAdvice({ map: 'B=name' }, { mapping: {} })).toMatch(/layout= in the mapping/);
    expect(nothingAdvice({ layout: 'tree' }, {})).not.toMatch(/--layout/);
    expect(nothingAdvice({ 'map-file': 'm.json' }, { mapping: { layout: 'form' } })).toBe(
      'it was read as the form layout with the mapping you gave; check both against the table',
    );
  });
});

describe('bad input: one line on stderr, exit code 2, no stack trace', () => {
  test.each([
    [['/no/such/file.tsv'], /no such file/],
    [[fixture, '--tolerance', 'abc'], /tolerance/],
    [[fixture, '--unit', '美元'], /unit/],
    [[fixture, '-o', 'out.txt'], /\.xlsx/],
    [[fixture, '--bogus'], /unknown option --bogus/],
    [[], /missing INPUT/],
    [[join(FIXTURES, 'guangzhou-court-2024.expected.json')], /unsupported input type/],
    [[fixture, '--sheet', 'x'], /--sheet applies to .xlsx/],
  ])('%j', (args, message) => {
    const r = run(...(args as string[]));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    const first = r.stderr.split('\n')[0] as string;
    expect(first).toMatch(/^budget-normalize: /);
    expect(first).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('a corrupt .xlsx and a missing sheet', async () => {
    const bad = join(tmp, 'bad.xlsx');
    writeFileSync(bad, 'not a zip');
    const r = run(bad);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^budget-normalize: cannot read .*bad\.xlsx as \.xlsx/);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('一');
    const ok = join(tmp, 'ok.xlsx');
    await wb.xlsx.writeFile(ok);
    const r2 = run(ok, '--sheet', '二');
    expect(r2.status).toBe(2);
    expect(r2.stderr).toContain('no sheet named "二"');
  });

  test('--help prints usage and exits 0', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: budget-normalize INPUT/);
    expect(r.stdout).toContain('--count-hidden');
  });

  test('a damaged PDF, an .xls and an image are told what they are and what to do: one line, exit 2, whatever their name', () => {
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504), Buffer.from('Workbook', 'utf16le')]);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    for (const [name, bytes, message] of [
      [
        'report.pdf',
        Buffer.from('%PDF-1.7\n'),
        'is a PDF that cannot be read (it holds no PDF objects: it was cut short): download it again',
      ],
      ['report.xls', ole, 'is an Excel 97–2003 workbook (.xls): open it in Excel or WPS and save it as .xlsx'],
      ['report.tsv', Buffer.from('%PDF-1.4\n'), 'is a PDF that cannot be read'],
      ['scan.xlsx', png, 'is an image (PNG)'],
    ] as const) {
      const path = join(tmp, name);
      writeFileSync(path, bytes);
      const r = run(path, '--json');
      expect([name, r.status, r.stdout, r.stderr.trimEnd().split('\n').length]).toEqual([name, 2, '', 1]);
      expect([name, r.stderr.startsWith(`budget-normalize: ${path} ${message}`)]).toEqual([name, true]);
      expect(r.stderr).not.toMatch(/UTF-8|GB18030/);
    }
  });
});

describe('correcting a reading: --map and --map-file', () => {
  // A list whose header the vocabulary does not know: 条目 | 金额合计 | 上级补助 | 目标说明 | 绩效指标.
  const odd = join(tmp, 'odd.tsv');
  writeFileSync(
    odd,
    [
      '条目\t金额合计\t上级补助\t目标说明\t绩效指标',
      '项目一\t10.00\t10.00\t目标一\t1、1-产出指标; 11-数量指标; 人数; 实施周期指标值:≥1人; 年度指标值:≥1人。',
      '项目二\t20.00\t20.00\t目标二\t1、1-产出指标; 11-数量指标; 次数; 实施周期指标值:≥2次; 年度指标值:≥2次。',
    ].join('\n'),
  );
  const projects = (stdout: string) =>
    ModelSchema.parse(JSON.parse(stdout))
      .rows.filter((r) => r.kind === 'project')
      .map((r) => [r.name, r.amounts.total, r.amounts.fiscal, r.goal, r.indicators.length]);

  test('unread on its own; --map gives the corrected projects, amounts and indicators, and the contract reports the mapping', () => {
    expect(projects(run(odd, '--json').stdout)).not.toEqual([
      ['项目一', 10, 10, '目标一', 1],
      ['项目二', 20, 20, '目标二', 1],
    ]);
    const r = run(odd, '--json', '--map', 'A=name,B=total,C=fiscal,D=goal');
    expect(r.status).toBe(0);
    expect(projects(r.stdout)).toEqual([
      ['项目一', 10, 10, '目标一', 1],
      ['项目二', 20, 20, '目标二', 1],
    ]);
    const reading = JSON.parse(r.stdout).reading;
    expect(reading.mapping).toEqual({
      layout: 'packed',
      headerRows: [1],
      columns: { A: 'name', B: 'total', C: 'fiscal', D: 'goal', E: 'indicators' },
      keys: {},
    });
    expect(reading.tables[0].fields.find((f: { col: number }) => f.col === 1)).toMatchObject({
      role: 'total',
      evidence: 'user',
      confidence: 'high',
    });
  });

  test('--map-file takes the mapping the contract reports: a batch job fixes a template once', () => {
    const first = JSON.parse(run(odd, '--json', '--map', 'A=name,B=total,C=fiscal,D=goal').stdout);
    const file = join(tmp, 'map.json');
    writeFileSync(file, JSON.stringify(first.reading.mapping));
    const again = run(odd, '--json', '--map-file', file);
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout).rows).toEqual(first.rows);
  });

  test('a form key named by its text', () => {
    const form = join(tmp, 'form.tsv');
    writeFileSync(
      form,
      ['项目名称\t村道维修', '核定额度\t30.00', '一级指标\t二级指标\t三级指标\t指标值', '产出指标\t数量指标\t维修里程\t≥2公里'].join('\n'),
    );
    expect(JSON.parse(run(form, '--json').stdout).rows[0].amounts.total).toBeNull();
    const r = run(form, '--json', '--map', 'key:核定额度=total');
    expect(JSON.parse(r.stdout).rows[0].amounts.total).toBe(30);
  });

  test('a bad mapping is a one-line error, exit 2: an unknown role, a column outside the table, a broken file', () => {
    for (const [args, text] of [
      [['--map', 'A=nombre'], 'unknown role'],
      [['--map', 'A=name,Z=total'], 'column Z of the mapping is outside the table (A–E)'],
      [['--map', 'A'], 'is not WHAT=ROLE'],
      [['--map-file', join(tmp, 'none.json')], 'cannot read --map-file'],
    ] as const) {
      const r = run(odd, ...args);
      expect([args.join(' '), r.status, r.stderr.trim().split('\n').length]).toEqual([args.join(' '), 2, 1]);
      expect(r.stderr).toContain(text);
    }
    expect(run('--help').stdout).toContain('indicatorBlock, ignore');
  });
});
