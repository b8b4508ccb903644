/** Character-level clean-up of pasted PDF text: what `cleanText` keeps, folds and drops. */
import fc from 'fast-check';
import { cleanText } from '../src/core/input/text';

describe('cleanText', () => {
  test.each([
    ['full-width digits and punctuation fold to ASCII', '１２３．４５：＞９０％', '123.45:>90%'],
    ['OCR spaces between CJK characters go', '聘用后 勤人员 数量', '聘用后勤人员数量'],
    ['a space next to one CJK character goes', '服务 95%', '服务95%'],
    ['a space next to full-width punctuation goes, as written', 'A ：B', 'A:B'],
    ['a space between Latin words stays, as one', 'KPI   score\tA', 'KPI score A'],
    ['a space inside a number range goes', '2023- 2024, 2. 5, 1/ 2', '2023-2024, 2.5, 1/2'],
    ['…also when the first digit is full-width', 'x １- 9', 'x1-9'],
    ['…or stands before whitespace that goes too', '１ - 9, 1 - 9', '1-9, 1 - 9'],
    ['a space after a dash that follows a word stays', 'A- 2', 'A- 2'],
    ['leading and trailing whitespace goes', '\u3000 产出指标 \n', '产出指标'],
    ['other whitespace counts as whitespace', 'a\u2003\u200b\ufeff\vb 产\u00a0出', 'a b产出'],
    ['the ideographic space is whitespace, not a full-width form', '年度\u3000指标值', '年度指标值'],
  ])('%s', (_, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  test('text with nothing to change is returned as it is', () => {
    const s = '1、1-产出指标;11-数量指标;KPI A;实施周期指标值:≥95%。';
    expect(cleanText(s)).toBe(s);
    expect(cleanText('')).toBe('');
  });

  const ALPHABET = [
    ' ',
    '  ',
    '\t',
    '\n',
    '\u00a0',
    '\u2003',
    '\u200b',
    '\u3000',
    '\ufeff',
    'a',
    'Z',
    '1',
    '9',
    '-',
    '.',
    '/',
    ':',
    '产',
    '出',
    '、',
    '：',
    '１',
    'Ａ',
    '～',
    '！',
  ];
  const text = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 30 }).map((a) => a.join(''));
  const WHITESPACE = /[\s\u00a0\u3000\u200b\ufeff]/;

  test('the result has no full-width form, no run of whitespace and none at either end', () => {
    fc.assert(
      fc.property(text, (s) => {
        const out = cleanText(s);
        expect(out).not.toMatch(/[\uff01-\uff5e]/);
        expect(out).not.toMatch(/[\s\u00a0\u3000\u200b\ufeff]{2}/);
        expect(WHITESPACE.test(out.charAt(0)) || WHITESPACE.test(out.charAt(out.length - 1))).toBe(false);
        // Only whitespace is removed: the other characters stay, in order, one for one.
        const strip = (x: string) => x.replace(/[\s\u00a0\u3000\u200b\ufeff]/g, '');
        expect(strip(out)).toBe(strip(s).replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
      }),
      { numRuns: 2000 },
    );
  });

  test('cleaning twice changes nothing more', () => {
    fc.assert(
      fc.property(text, (s) => {
        const once = cleanText(s);
        expect(cleanText(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });
});
