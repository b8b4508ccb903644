import { parseTarget } from '../src/core/indicators/target';

const t = (s: string) => parseTarget(s);

describe('parseTarget: quantified targets', () => {
  test.each([
    ['≥95%', '≥', 95, '%'],
    ['12', '=', 12, ''],
    ['100%', '=', 100, '%'],
    ['≥30人', '≥', 30, '人'],
    ['≥96件/套', '≥', 96, '件/套'],
    ['3台', '=', 3, '台'],
    ['≥5.4万宗', '≥', 5.4, '万宗'],
    ['≥3件/年/法官', '≥', 3, '件/年/法官'],
    ['83000平方米', '=', 83000, '平方米'],
    ['22504.24平方米', '=', 22504.24, '平方米'],
    ['<1小时', '<', 1, '小时'],
    ['≤10次', '≤', 10, '次'],
    ['1次/月', '=', 1, '次/月'],
    ['≤620万/月', '≤', 620, '万/月'],
    ['0', '=', 0, ''],
  ])('%s', (raw, op, value, unit) => {
    expect(t(raw)).toEqual({ raw, op, value, unit });
  });

  test.each([
    ['≧98百分比', '≥', 98, '%'],
    ['≥98百分比', '≥', 98, '%'],
    ['100百分比', '=', 100, '%'],
    ['＞５', '>', 5, ''],
    ['＜1小时', '<', 1, '小时'],
    ['＝12', '=', 12, ''],
    ['≦3次', '≤', 3, '次'],
    ['>=90%', '≥', 90, '%'],
    ['大于等于90%', '≥', 90, '%'],
    ['不低于95%', '≥', 95, '%'],
    ['不少于30人', '≥', 30, '人'],
    ['不超过10次', '≤', 10, '次'],
    ['不高于5%', '≤', 5, '%'],
    ['95%以上', '≥', 95, '%'],
    ['≥ 95 %', '≥', 95, '%'],
  ])('comparator and percent variants: %s', (raw, op, value, unit) => {
    const r = t(raw);
    expect(r).toMatchObject({ op, value, unit });
    expect(r?.raw).toBe(raw.replace(/^ +| +$/g, ''));
  });

  test('a tolerance keeps its raw text and reads as a bound', () => {
    expect(t('±3%以内')).toEqual({ raw: '±3%以内', op: '≤', value: 3, unit: '%' });
  });
});

describe('parseTarget: qualitative targets keep the raw text with op, value and unit null', () => {
  test.each([
    '安全',
    '提升',
    '下降',
    '逐步完善',
    '与去年同比提升',
    '前三名',
    '安全无事故',
    '优良',
    '及时',
    '合规',
    '是',
    '效果明显',
    '持续影响',
    '保密项目',
    '2023.07-2024.01',
    '12月底到位',
    '2025年年底前',
    '对公司工作完成情况进行定期考核',
  ])('%s', (raw) => {
    expect(t(raw)).toEqual({ raw, op: null, value: null, unit: null });
  });

  test('a long unit means prose, not a quantity', () => {
    expect(t('12个月内完成全部系统的升级改造工作')?.op).toBeNull();
  });

  test('empty text is no target', () => {
    expect(t('')).toBeNull();
    expect(t('   ')).toBeNull();
  });
});

test('OCR `二` for `=` before a digit is `=`; a 二 in words is not', () => {
  expect(parseTarget('二100百分比')).toEqual({ raw: '二100百分比', op: '=', value: 100, unit: '%' });
  expect(parseTarget('二30000人次')).toMatchObject({ op: '=', value: 30000, unit: '人次' });
  expect(parseTarget('二级达标')).toMatchObject({ op: null, value: null });
});
