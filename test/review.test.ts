/**
 * The reviewers' checks: each fires where it should, stays silent where it should not, and
 * can be switched off.
 */
import { FlagSchema, normalize, REVIEW_RULES, ReviewOptionsSchema } from '../src/core';
import { annualExceeds } from '../src/core/checks/review';
import { parseTarget } from '../src/core/indicators/target';
import { NO_REVIEW, tsv } from './helpers';

/** A packed row from indicator specs: [一级, 二级, 三级, 实施周期, 年度]. */
function table(...projects: Array<Array<[string, string, string, string | null, string | null]>>) {
  const rows = projects.map((inds, p) => {
    const text = inds
      .map(
        ([l1, l2, name, period, annual], k) =>
          `${k + 1}、${l1}; ${l2}; ${name}; ${period !== null ? `实施周期指标值:${period}; ` : ''}${annual !== null ? `年度指标值:${annual}` : ''}。`,
      )
      .join('');
    return `项目${p + 1}\t1.00\t1.00\t\t\t目标\t${text}`;
  });
  return tsv(`项目名称\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n${rows.join('\n')}`);
}
const OUT: [string, string] = ['1-产出指标', '11-数量指标'];
const BEN: [string, string] = ['2-效益指标', '22-社会效益'];
const SAT: [string, string] = ['3-满意度指标', '31-服务对象满意度'];
const COST: [string, string] = ['1-产出指标', '14-成本指标'];
const full = (): Array<[string, string, string, string | null, string | null]> => [
  [...OUT, '数量', '≥10人', '≥10人'],
  [...BEN, '效益', '提升', '提升'],
  [...SAT, '满意度', '≥90%', '≥90%'],
];
const codes = (g: ReturnType<typeof table>, review = {}) => normalize(g, { review }).flags.map((f) => f.code);

test('a complete, consistent project raises no review warning', () => {
  expect(codes(table(full()))).toEqual([]);
});

describe('coverage', () => {
  test('fires for a missing 效益 or 满意度, naming what is missing', () => {
    const m = normalize(table([[...OUT, '数量', '10', '10']]));
    expect(m.flags.map((f) => f.code)).toEqual(['review-coverage']);
    expect(m.flags[0]?.message.zh).toBe('缺少效益、满意度指标。绩效指标应覆盖产出、效益和满意度。');
    expect(m.flags[0]?.message.en).toContain('No benefit, satisfaction indicator');
  });
  test('stays silent when a 一级 is outside the taxonomy (it might be any kind)', () => {
    expect(
      codes(
        table([
          [...OUT, '数量', '10', '10'],
          ['2-社会影响指标', '21-长远影响', '影响', '提升', '提升'],
        ]),
      ),
    ).toEqual([]);
  });
  test('can be switched off', () => {
    expect(codes(table([[...OUT, '数量', '10', '10']]), { coverage: false })).toEqual([]);
  });
  test('the cost check is off by default, and on for 2021+ frameworks', () => {
    expect(codes(table(full()))).toEqual([]);
    expect(codes(table(full()), { cost: true })).toEqual(['review-cost']);
    expect(codes(table([...full(), [...COST, '成本', '≤100万元', '≤100万元']]), { cost: true })).toEqual([]);
  });
});

describe('measurability', () => {
  test('fires for a qualitative 数量 / 质量 / 时效 target, not for a qualitative 效益 target', () => {
    const m = normalize(table([[...OUT, '数量', '逐步完善', '逐步完善'], full()[1] as never, full()[2] as never]));
    expect(m.flags.map((f) => f.code)).toEqual(['review-qualitative']);
    expect(m.flags[0]?.message.zh).toContain('数量');
    expect(codes(table(full()))).toEqual([]);
    expect(
      codes(table([[...OUT, '数量', '逐步完善', '逐步完善'], full()[1] as never, full()[2] as never]), { measurability: false }),
    ).toEqual([]);
  });
});

describe('consistency: annual against period', () => {
  test('fires when the annual target promises more than the period (same unit)', () => {
    const inds = full();
    inds[0] = [...OUT, '培训人次', '≥200人', '≥300人'];
    const m = normalize(table(inds));
    expect(m.flags.map((f) => f.code)).toEqual(['review-annual-exceeds']);
    expect(m.flags[0]?.message.zh).toContain('培训人次(年度 ≥300人 对 实施周期 ≥200人)');
  });
  test('stays silent for equal or smaller annual targets, other units, and reverse targets that are looser', () => {
    const t = (s: string) => parseTarget(s);
    expect(annualExceeds(t('≥200人'), t('≥200人'))).toBe(false);
    expect(annualExceeds(t('≥200人'), t('≥100人'))).toBe(false);
    expect(annualExceeds(t('≥200人'), t('≥300次'))).toBe(false);
    expect(annualExceeds(t('≤10次'), t('≤12次'))).toBe(false);
    expect(annualExceeds(t('≤10次'), t('≤5次'))).toBe(true);
    expect(annualExceeds(t('提升'), t('≥5%'))).toBe(false);
  });
});

describe('both values', () => {
  test('fires when one value is missing where the table gives both', () => {
    const inds = full();
    inds[0] = [...OUT, '数量', '≥10人', null];
    const m = normalize(table(inds));
    expect(m.flags.map((f) => f.code)).toEqual(['review-one-value']);
    expect(m.flags[0]?.message.zh).toContain('数量(缺年度)');
    expect(codes(table(inds), { bothValues: false })).toEqual([]);
  });
  test('stays silent in a grid with a single 指标值 column', () => {
    const g = tsv(`项目名称\t预算数\t一级指标\t二级指标\t三级指标\t指标值
    项目\t1.00\t产出指标\t数量指标\t数量\t≥10人
    \t\t效益指标\t社会效益指标\t效益\t提升
    \t\t满意度指标\t服务对象满意度指标\t满意度\t≥90%`);
    expect(normalize(g).flags).toEqual([]);
  });
});

describe('duplicates', () => {
  test('fires for the same indicator twice in one project, not across projects', () => {
    const inds = full();
    inds.push([...SAT, '满意度', '≥95%', '≥95%']);
    const m = normalize(table(inds));
    expect(m.flags.map((f) => f.code)).toEqual(['review-duplicate']);
    expect(m.flags[0]?.message.zh).toContain('满意度(2 次)');
    expect(codes(table(full(), full()))).toEqual([]);
    expect(codes(table(inds), { duplicates: false })).toEqual([]);
  });

  test('the same name under another 二级 is not a duplicate; short and long lists count alike', () => {
    const differentLevel = full();
    differentLevel.push([...OUT.slice(0, 1), '12-质量指标', '数量', '≥10人', '≥10人'] as [string, string, string, string, string]);
    expect(codes(table(differentLevel))).toEqual([]);
    // 30 indicators: 数量 three times, 效益 twice, the rest distinct.
    const long = full();
    long.push([...OUT, '数量', '≥10人', '≥10人'], [...OUT, '数量', '≥10人', '≥10人'], [...BEN, '效益', '提升', '提升']);
    for (let k = long.length; k < 30; k++) long.push([...OUT, `数量${k}`, '≥1人', '≥1人']);
    for (const list of [long, long.slice(0, 6)]) {
      const m = normalize(table(list));
      expect(m.flags.map((f) => f.code)).toEqual(['review-duplicate']);
      expect(m.flags[0]?.message.zh).toBe('同一项目中指标重复:数量(3 次)、效益(2 次)。');
      expect(m.flags[0]?.actual).toBe(2);
    }
  });
});

test('all checks off gives the model without review warnings', () => {
  const inds: Array<[string, string, string, string | null, string | null]> = [[...OUT, '数量', '逐步完善', null]];
  expect(codes(table(inds), NO_REVIEW)).toEqual([]);
  // Coverage and measurability; no indicator in this table has both values, so none is asked for.
  expect(normalize(table(inds)).flags.map((f) => f.code)).toEqual(['review-coverage', 'review-qualitative']);
  expect(normalize(table(inds)).summary.reviews).toBe(2);
});

describe('rates over 100%', () => {
  test('fires for a % floor or value above 100, and a 率 or 满意度 without a unit; not for growth, a ceiling or 100%', () => {
    const over = full();
    over.push([...OUT, '验收合格率', '≥120%', '≥120%'], [...OUT, '覆盖率', '105', '105']);
    const m = normalize(table(over));
    expect(m.flags.map((f) => f.code)).toEqual(['review-rate-over-100']);
    expect(m.flags[0]?.message.zh).toBe('比率指标超过 100%:验收合格率(≥120%)、覆盖率(105)。请核对指标值或单位。');
    expect(m.flags[0]?.actual).toBe(2);
    const fine = full();
    fine.push([...OUT, '合格率', '100%', '100%'], [...OUT, '收入增长率', '≥150%', '≥150%'], [...OUT, '误差率', '≤120%', '≤120%']);
    fine.push([...OUT, '培训人次', '≥300人次', '≥300人次']);
    expect(codes(table(fine))).toEqual([]);
    expect(codes(table(over), { rates: false })).toEqual([]);
  });
});

describe('targets left unfilled', () => {
  test('fires for a quantitative indicator with only a unit or a sign, not for a qualitative or empty value', () => {
    const unfilled = full();
    unfilled.push([...OUT, '培训人数', '≥ 人', '≥ 人'], [...OUT, '完成率', '≧ %', '≧ %'], [...OUT, '补助标准', '元/人', '元/人']);
    const m = normalize(table(unfilled));
    expect(m.flags.map((f) => f.code)).toEqual(['review-no-target']);
    expect(m.flags[0]?.actual).toBe(3);
    expect(m.flags[0]?.message.zh).toContain('培训人数「≥人」');
    const qualitative = full();
    qualitative.push([...BEN, '社会影响', '好', '好'], [...BEN, '群众获得感', '明显提升', '明显提升']);
    expect(codes(table(qualitative))).toEqual([]);
    // Switched off, they are what they look like to the measurability check: targets without a number.
    expect(codes(table(unfilled), { targets: false })).toEqual(['review-qualitative']);
  });
});

describe('the rule table', () => {
  /** A project that trips every rule: no 效益/满意度, a qualitative 数量, annual over period, one value, a rate over 100 %, an unfilled target, a duplicate. */
  const everything = () =>
    table([
      [...OUT, '数量', '提升', '提升'],
      [...OUT, '人数', '≥10人', '≥20人'],
      [...OUT, '完成率', '≥120%', null],
      [...OUT, '个数', '≥10个', '个'],
      [...OUT, '人数', '≥10人', '≥20人'],
    ]);
  const KEYS = ['coverage', 'cost', 'measurability', 'consistency', 'bothValues', 'rates', 'targets', 'duplicates'];

  test('each rule is an option with its default; unknown options are refused', () => {
    expect(REVIEW_RULES.map((r) => r.key)).toEqual(KEYS);
    expect(ReviewOptionsSchema.parse({})).toEqual({ ...Object.fromEntries(KEYS.map((k) => [k, true])), cost: false });
    expect(Object.values(NO_REVIEW).every((v) => v === false)).toBe(true);
    expect(() => ReviewOptionsSchema.parse({ speling: true })).toThrow();
  });

  test('each rule switched on alone raises its own code and no other', () => {
    const grid = everything();
    for (const rule of REVIEW_RULES) {
      const only = { ...NO_REVIEW, [rule.key]: true };
      expect([rule.key, codes(grid, only)]).toEqual([rule.key, [rule.code]]);
    }
  });

  test('the contract takes any review code of the rules, and no other review-looking code', () => {
    const flag = {
      row: 1,
      column: 'name',
      cell: 'A1',
      col: 0,
      severity: 'warning',
      expected: null,
      actual: null,
      message: { zh: '', en: '' },
    };
    for (const rule of REVIEW_RULES) expect(FlagSchema.safeParse({ ...flag, code: rule.code }).success).toBe(true);
    expect(FlagSchema.safeParse({ ...flag, code: 'review-' }).success).toBe(false);
    expect(FlagSchema.safeParse({ ...flag, code: 'review-Bad Code' }).success).toBe(false);
    expect(FlagSchema.safeParse({ ...flag, code: 'no-such-code' }).success).toBe(false);
  });
});
