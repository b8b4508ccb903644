import { hasIndicatorStart, parseIndicatorCell } from '../src/core/indicators/packed-cell';
import { fixtureGrid } from './helpers';

const ROW5 =
  '1、1-产出指标: 11-数量指标: 聘用后勤人员数量: 实施周期指标值:12; 年度指标值:12。2、1-产出指标: 11-数量指标: 聘用话务人员数量: 实施周期指标值:5; 年度指标值:5。3、1-产出指标: 12-质量指标: 12368热线人工服务接通率: 实施周期指标值:≥95%, 年度指标值:≥95%。';

describe('a clean packed cell', () => {
  test('splits into indicators with every field', () => {
    const p = parseIndicatorCell(ROW5);
    expect(p.garbled).toBe(false);
    expect(p.prefix).toBe('');
    expect(p.indicators).toHaveLength(3);
    expect(p.indicators[0]).toEqual({
      seq: 1,
      level1Code: '1',
      level1: '产出指标',
      level2Code: '11',
      level2: '数量指标',
      name: '聘用后勤人员数量',
      period: { raw: '12', op: '=', value: 12, unit: '' },
      annual: { raw: '12', op: '=', value: 12, unit: '' },
      second: null,
      level1Std: '产出指标',
      level2Std: '数量指标',
      level2StdCode: '11',
      weight: null,
    });
    expect(p.indicators[2]).toMatchObject({
      level2Code: '12',
      level2: '质量指标',
      name: '12368热线人工服务接通率',
      period: { op: '≥', value: 95, unit: '%' },
    });
  });

  test('OCR spaces inside words, mixed and full-width separators', () => {
    const p = parseIndicatorCell(
      '1、2-效益 指标； 22-社会效益，司法公正性 水平： 实施周期指标 值：提升; 年度指 标值:提升。2、3-满意度指标: 31-服务对象满意度;干警培训满意 度; 实施周期指标值:≧95百分比; 年度指标值:＞90%。',
    );
    expect(p.garbled).toBe(false);
    expect(p.indicators.map((i) => [i.level1, i.level2, i.name])).toEqual([
      ['效益指标', '社会效益', '司法公正性水平'],
      ['满意度指标', '服务对象满意度', '干警培训满意度'],
    ]);
    expect(p.indicators[1]?.period).toEqual({ raw: '≧95百分比', op: '≥', value: 95, unit: '%' });
    expect(p.indicators[1]?.annual).toEqual({ raw: '>90%', op: '>', value: 90, unit: '%' });
  });

  test('年度指标值 may be missing', () => {
    const p = parseIndicatorCell('1、1-产出指标;11-数量指标;资助受害人数;实施周期指标值:20。');
    expect(p.garbled).toBe(false);
    expect(p.indicators[0]?.annual).toBeNull();
    expect(p.indicators[0]?.period?.value).toBe(20);
  });

  test('goal prose before the list is returned as the prefix', () => {
    const p = parseIndicatorCell('通过开展该项目,提升水平。 1、1-产出指标;11-数量指标;资助立案数;实施周期指标值:50;年度指标值:50。');
    expect(p.prefix).toBe('通过开展该项目,提升水平。');
    expect(p.indicators).toHaveLength(1);
  });

  test('prose that merely looks numbered is not an indicator', () => {
    expect(hasIndicatorStart('1、2-3年内完成建设')).toBe(false);
    expect(parseIndicatorCell('1、2-3年内完成建设').segments).toBe(0);
    expect(hasIndicatorStart('1 、 1 - 产出 指标')).toBe(true);
  });
});

describe('the shape of a start and of the 二级 part', () => {
  const one = (level2: string) => `1、1-产出指标;${level2};甲;实施周期指标值:1。`;

  test('full-width digits, dashes and colons read as their ASCII forms', () => {
    const p = parseIndicatorCell('１、１－产出指标：１１－数量指标：甲：实施周期指标值：１。');
    expect(p.garbled).toBe(false);
    expect(p.indicators[0]).toMatchObject({
      seq: 1,
      level1Code: '1',
      level2Code: '11',
      level2: '数量指标',
      name: '甲',
      period: { raw: '1' },
    });
  });

  test('a 二级 name of up to 40 characters; a space before its separator is not part of it', () => {
    expect(parseIndicatorCell(one(`11-${'数'.repeat(40)}`)).indicators[0]?.level2).toBe('数'.repeat(40));
    expect(parseIndicatorCell(one('11-KPI A ')).indicators[0]?.level2).toBe('KPI A');
    const long = parseIndicatorCell(one(`11-${'数'.repeat(41)}`));
    expect([long.garbled, long.indicators, long.dropped]).toEqual([true, [], [1]]);
  });

  test('a 二级 code outside its 一级 (21 under 1-) makes the segment uncertain', () => {
    const p = parseIndicatorCell(one('21-社会效益'));
    expect([p.garbled, p.indicators, p.dropped]).toEqual([true, [], [1]]);
  });

  test('a number of more than three digits before 、 is read from its last three', () => {
    const p = parseIndicatorCell(`2021、1-产出指标;11-数量指标;甲;实施周期指标值:1。`);
    expect(p.garbled).toBe(true); // numbering must start at 1
    expect(p.indicators.map((i) => i.seq)).toEqual([21]);
  });
});

describe('garbled cells: keep what is certain, flag the rest, never invent', () => {
  const grid = fixtureGrid();
  const cell = (row: number) => (grid[row - 1] as string[])[3] as string;

  test('row 13: two different indicators numbered 2 are both dropped; 3 and 4 are kept', () => {
    const p = parseIndicatorCell(cell(13));
    expect(p.garbled).toBe(true);
    expect(p.dropped).toEqual([2]);
    expect(p.indicators.map((i) => [i.seq, i.name])).toEqual([
      [3, '车辆购置数'],
      [4, '法院干警形象'],
    ]);
  });

  test('row 14: a duplicate that agrees is kept once; an unreadable segment is dropped', () => {
    const p = parseIndicatorCell(cell(14));
    expect(p.garbled).toBe(true);
    expect(p.indicators.map((i) => i.seq)).toEqual([1, 3, 4]);
    expect(p.indicators[0]).toMatchObject({ name: '合同签订合规率', annual: { raw: '100%' } });
    expect(p.dropped).toEqual([2]);
  });

  test('row 15: text after an indicator`s end and repeated keywords make segments uncertain', () => {
    const p = parseIndicatorCell(cell(15));
    expect(p.garbled).toBe(true);
    expect(p.indicators.map((i) => i.name)).toEqual(['主流媒体及平台刊发报道数量', '诉讼材料数字化加工服务宗数']);
    expect(p.dropped).toEqual([3, 5]);
  });

  test('row 16: repeated 年度指标值 / 实施周期指标值 inside one indicator drop it', () => {
    const p = parseIndicatorCell(cell(16));
    expect(p.indicators.map((i) => i.seq)).toEqual([3, 4]);
    expect(p.dropped).toEqual([1, 2]);
  });

  test('every kept indicator appears verbatim in the source text', () => {
    for (const row of [13, 14, 15, 16]) {
      const source = cell(row).replace(/\s/g, '');
      for (const i of parseIndicatorCell(cell(row)).indicators) {
        expect(source).toContain(i.name);
        if (i.period) expect(source).toContain(`实施周期指标值:${i.period.raw}`);
      }
    }
  });

  test('numbering that skips or restarts is garbled even when each segment parses', () => {
    const skip = parseIndicatorCell('1、1-产出指标;11-数量指标;甲;实施周期指标值:1。3、1-产出指标;11-数量指标;乙;实施周期指标值:2。');
    expect(skip.garbled).toBe(true);
    expect(skip.indicators).toHaveLength(2);
  });

  test('a segment with no target keyword is never turned into an indicator', () => {
    const p = parseIndicatorCell('1、1-产出指标;11-数量指标;甲;实施周期指标值:1。2、1-产出指标;11-数量指标;乙。');
    expect(p.garbled).toBe(true);
    expect(p.indicators.map((i) => i.name)).toEqual(['甲']);
    expect(p.dropped).toEqual([2]);
  });
});

describe('linear time on adversarial text', () => {
  const time = (s: string) => {
    const t0 = performance.now();
    parseIndicatorCell(s);
    hasIndicatorStart(s);
    return performance.now() - t0;
  };
  const adversarial: Array<[string, (n: number) => string]> = [
    ['repeated starts', (n) => '1、1-'.repeat(n / 4)],
    ['starts with 指标 and no separator', (n) => '1、1-产出指标'.repeat(n / 8)],
    ['digits and dashes', (n) => '1、1 - 1 - 1 、'.repeat(n / 12)],
    ['keywords without values', (n) => '1、1-产出指标;11-数量指标;实施周期指标值'.repeat(n / 25)],
    ['spaces', (n) => ' '.repeat(n)],
    ['alternating CJK and spaces', (n) => '指 '.repeat(n / 2)],
  ];
  test.each(adversarial)('%s: 1 MB is not much slower per byte than 128 kB', (_name, make) => {
    const small = make(128 * 1024);
    const big = make(1024 * 1024);
    time(small); // warm up
    const ts = Math.min(time(small), time(small));
    const tb = time(big);
    // Linear: 8× the text should take about 8× the time; backtracking would take 64× or more.
    expect(tb).toBeLessThan(Math.max(ts * 8 * 4, 250));
  });
});
