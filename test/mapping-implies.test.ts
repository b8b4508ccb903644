/**
 * A mapping implies what it does not state (issue 22): column roles alone imply the layout (an indicators
 * column: a packed list; level columns: a grid; keys alone: a form) and the header row (the row above the
 * first row with an amount in a mapped amount column).
 */
import { normalize, parseMappingText, MappingSchema } from '../src/core';
import { fixtureGrid, NO_REVIEW } from './helpers';

const options = (text: string) => ({ review: NO_REVIEW, mapping: MappingSchema.parse(parseMappingText(text)) });

describe('the sample table under a header nobody anticipated', () => {
  const original = fixtureGrid('guangzhou-court-2024.tsv');
  const renamed = original.map((row, r) => (r === 1 ? ['款项', '数额', '本级拨付', '专户', '自筹', '说明', '考核要点'] : row));
  const expected = normalize(original, { review: NO_REVIEW });

  test('unmapped, it is not read as the sample', () => {
    expect(normalize(renamed, { review: NO_REVIEW }).rows).not.toEqual(expected.rows);
  });

  test('column roles alone read it exactly: the layout and the header row are implied', () => {
    const m = normalize(renamed, options('A=name,B=total,C=fiscal,D=specialAccount,E=other,F=goal,G=indicators'));
    expect(m.layout).toBe('packed');
    expect(m.headerRow).toBe(2);
    expect(m.rows).toEqual(expected.rows);
    expect(m.flags.map((f) => [f.cell, f.code])).toEqual(expected.flags.map((f) => [f.cell, f.code]));
    expect(m.reading.mapping.headerRows).toEqual([2]);
  });

  test('what the mapping states wins over what it implies', () => {
    const m = normalize(renamed, options('A=name,B=total,C=fiscal,D=specialAccount,E=other,F=goal,G=indicators,header=2,layout=packed'));
    expect(m.rows).toEqual(expected.rows);
  });
});

test('level columns imply a grid list', () => {
  const grid = [
    ['款项', '数额', '甲', '乙', '丙', '丁'],
    ['项目一', '10.00', '产出指标', '数量指标', '人数', '≥10人'],
    ['', '', '效益指标', '社会效益', '效果', '提升'],
  ];
  const m = normalize(grid, options('A=name,B=total,C=level1,D=level2,E=level3,F=value'));
  expect(m.layout).toBe('grid');
  expect(m.headerRow).toBe(1);
  expect(m.rows[1]?.indicators.map((i) => [i.level1, i.level2, i.name, i.annual?.raw])).toEqual([
    ['产出指标', '数量指标', '人数', '≥10人'],
    ['效益指标', '社会效益', '效果', '提升'],
  ]);
});
