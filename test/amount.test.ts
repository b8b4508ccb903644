import fc from 'fast-check';
import { convertScaled, formatAmount, parseAmount, unitFromLabel } from '../src/core/input/amount';
import { money } from '../src/core/contract/money';

const value = (v: unknown) => {
  const p = parseAmount(v);
  if (p.kind !== 'value') throw new Error(`expected a value for ${JSON.stringify(v)}, got ${JSON.stringify(p)}`);
  return p;
};

describe('parseAmount: the forms PDF pastes produce', () => {
  test.each([
    ['13, 586. 01', 135_860_100],
    ['2, 572. 96', 25_729_600],
    ['119. 00', 1_190_000],
    ['8,827,620.53', 88_276_205_300],
    ['１２３．４５', 1_234_500],
    ['１，２３４．５', 12_345_000],
    ['2279.048', 22_790_480],
    ['0.0001', 1],
    ['.5', 5_000],
    ['12.', 120_000],
    ['¥1,000.00', 10_000_000],
    ['-12.50', -125_000],
    ['1.500000', 15_000],
  ])('%s → %d', (text, scaled) => {
    expect(value(text).scaled).toBe(scaled);
  });

  test.each([
    ['250万', 2_500_000, '万元'],
    ['164万元', 1_640_000, '万元'],
    ['2279.048 万元', 22_790_480, '万元'],
    ['3,000元', 30_000_000, '元'],
    ['12 万 元', 120_000, '万元'],
  ])('glued unit %s', (text, scaled, unit) => {
    const p = value(text);
    expect(p.scaled).toBe(scaled);
    expect(p.unit).toBe(unit);
  });

  test.each(['—', '——', '-—', '—-', '-', '－', ' — '])('dash %j is an explicit zero', (text) => {
    const p = value(text);
    expect(p.scaled).toBe(0);
    expect(p.dash).toBe(true);
  });

  test.each(['', '   ', null, undefined, '\u3000'])('empty %j', (v) => {
    expect(parseAmount(v).kind).toBe('empty');
  });

  test('0.00 is a zero, not empty', () => {
    expect(value('0.00').scaled).toBe(0);
    expect(value('0.00').dash).toBe(false);
  });

  test('numbers from cells are exact to four decimals despite binary floats', () => {
    expect(value(13586.01).scaled).toBe(135_860_100);
    expect(value(0.1 + 0.2).scaled).toBe(3_000);
    expect(value(2279.048).scaled).toBe(22_790_480);
    expect(value(-0).scaled).toBe(0);
  });

  test.each([
    ['12.3.4', 'format'],
    ['1,2345.00', 'format'],
    ['12,34', 'format'],
    ['abc', 'format'],
    ['12元5', 'format'],
    ['1.23456', 'precision'],
    ['99999999999999', 'range'],
    ['约100', 'format'],
    ['+', 'format'],
  ])('unparsable %j keeps its raw text (%s), never 0', (text, reason) => {
    const p = parseAmount(text);
    expect(p).toEqual({ kind: 'unparsable', raw: text, reason });
  });

  test('a number with digits past the fourth decimal is not rounded away', () => {
    expect(parseAmount(0.12345)).toMatchObject({ kind: 'unparsable', reason: 'precision' });
    expect(parseAmount(Number.NaN)).toMatchObject({ kind: 'unparsable' });
    expect(parseAmount(true)).toMatchObject({ kind: 'unparsable' });
  });
});

describe('formatAmount', () => {
  test('groups thousands, keeps 2 decimals minimum and every significant decimal', () => {
    expect(formatAmount(135_860_100)).toBe('13,586.01');
    expect(formatAmount(22_790_480)).toBe('2,279.048');
    expect(formatAmount(1)).toBe('0.0001');
    expect(formatAmount(-10_000)).toBe('-1.00');
    expect(formatAmount(0)).toBe('0.00');
    expect(formatAmount(135_860_100, 2, false)).toBe('13586.01');
  });
});

describe('units', () => {
  test('unit labels in title rows and header cells', () => {
    expect(unitFromLabel('单位:万元')).toBe('万元');
    expect(unitFromLabel('金额单位：元')).toBe('元');
    expect(unitFromLabel('单位 : 万 元')).toBe('万元');
    expect(unitFromLabel('总计(万元)')).toBe('万元');
    expect(unitFromLabel('总计（元）')).toBe('元');
    expect(unitFromLabel('部门名称: 广州市中级人民法院')).toBeNull();
  });

  test('conversion is exact or refused', () => {
    expect(convertScaled(1_234_500, '万元', '元')).toBe(12_345_000_000);
    expect(convertScaled(20_000_000, '元', '万元')).toBe(2_000);
    expect(convertScaled(12_345, '元', '万元')).toBeNull();
    expect(money('元', '万元').num(88_276_205_300)).toBe(882.762053);
    expect(money('元', '万元').text(88_276_205_300)).toBe('882.762053');
    expect(money('万元', '元').num(1_234_500)).toBe(1_234_500);
    expect(money('万元', null).text(22_790_480)).toBe('2,279.048');
  });
});

describe('properties', () => {
  const scaled = fc.integer({ min: -9e13, max: 9e13 });

  test('the parser never throws on any string or value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.double(), fc.constant(null), fc.boolean()), (v) => {
        const p = parseAmount(v);
        expect(['empty', 'value', 'unparsable']).toContain(p.kind);
        if (p.kind === 'value') expect(Number.isSafeInteger(p.scaled)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  test('every formatted amount parses back to itself, grouped or not, with any minimum of decimals', () => {
    fc.assert(
      fc.property(scaled, fc.integer({ min: 0, max: 4 }), fc.boolean(), (x, min, grouping) => {
        expect(value(formatAmount(x, min, grouping)).scaled).toBe(x);
      }),
      { numRuns: 3000 },
    );
  });

  test('OCR spaces next to a separator and full-width digits do not change the value', () => {
    const full = (s: string) => s.replace(/[0-9.,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9e12 }), fc.integer({ min: 0, max: 20 }), (x, at) => {
        const text = formatAmount(x);
        const k = Math.min(at, text.length);
        // Where a space lands between two digits, the grouping decides (next test).
        fc.pre(!(/\d/.test(text[k - 1] ?? '') && /\d/.test(text[k] ?? '')));
        const spaced = text.slice(0, k) + ' ' + text.slice(k);
        expect(value(spaced).scaled).toBe(x);
        expect(value(full(text)).scaled).toBe(x);
      }),
      { numRuns: 1000 },
    );
  });

  test('digits separated by a space are one number only where the groups are right', () => {
    expect(value('13, 586. 01').scaled).toBe(135_860_100);
    expect(value('1 234.50').scaled).toBe(12_345_000);
    expect(value('1 234 567.00').scaled).toBe(12_345_670_000);
    for (const t of ['12 34', '119 119', '1 23.00', '12 345.6 7', '1,0 00.00']) expect([t, parseAmount(t).kind]).toEqual([t, 'unparsable']);
  });
});
