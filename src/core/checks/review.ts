/**
 * review.ts — the checks budget reviewers apply to performance targets (domain.md, "Review rules"), as
 * warnings, each one switchable, written once as a table (`REVIEW_RULES`): each rule's option key, flag
 * code, default, the pane's label, its short name and its check with its message. The options schema,
 * the pane's checkboxes, the labels and the tests' "no review" options all derive from the table, so a
 * new rule is one entry here.
 *  - coverage: a project has 产出, 效益 and 满意度 indicators (and, for 2021+ frameworks, 成本);
 *  - measurability: 数量 / 质量 / 时效 indicators have quantified targets;
 *  - consistency: 年度指标值 promises no more than 实施周期指标值 for the same indicator and unit;
 *  - both values: every indicator has both values, where the table has both;
 *  - rates: a rate (率, %, 满意度) promises no more than 100 %;
 *  - targets: a quantitative indicator has a value (a template published unfilled has only a unit or
 *    `≥ %`); a qualitative one with an empty value is not asked for one;
 *  - duplicates: no indicator appears twice in one project.
 */
import { z } from 'zod';
import type { Indicator, ReviewCode, Target } from '../contract/model';
import type { Bilingual } from '../findings/messages';

/** A rate: its unit is %, or its name says 率 or 满意度. Growth (增长率, 增幅) may pass 100 %. */
const isRate = (i: Indicator, t: Target): boolean =>
  !/增/.test(i.name) && (t.unit === '%' || t.unit === '％' || ((t.unit === null || t.unit === '') && /率|满意度/.test(i.name)));

/** A rate target over 100 %: a floor or an exact value above it (a ceiling above 100 % promises nothing wrong). */
export function rateOver100(i: Indicator, t: Target | null): boolean {
  if (t === null || t.value === null || t.op === null || t.op === '≤' || t.op === '<') return false;
  return isRate(i, t) && (t.value > 100 || (t.value === 100 && t.op === '>'));
}

/** Units a template prints beside an empty target (个, %, 元/人 …). */
const UNITS =
  /^(?:%|％|‰|个|件|人|人次|次|天|日|周|月|年|季度|小时|分钟|分|元|万元|亿元|台|套|项|所|家|户|本|份|场|篇|册|辆|平方米|㎡|米|公里|千米|吨|学时|课时|期|批|条|处|座|张|株|亩|公顷|床|节|门|种|类|名|位|部|间|栋|个百分点|百分点|km|m|m2)$/;
/**
 * A target left unfilled: only an operator, a unit, or both (`≥ %`, `≧%`, `个`, `元/人`), no number.
 * Words (好, 提升, 达标) are a qualitative target, not a missing one.
 */
export function unfilledTarget(t: Target | null): boolean {
  if (t === null || t.value !== null) return false;
  const rest = t.raw.replace(/\s+/g, '').replace(/^(?:[≥≤><=≧≦＞＜＝]|大于等于|小于等于|不低于|不高于|不少于|不超过|大于|小于|达到)+/, '');
  if (rest === '') return t.raw.replace(/\s+/g, '') !== '';
  return rest.split('/').every((u) => UNITS.test(u));
}

export interface ReviewFinding {
  code: ReviewCode;
  message: Bilingual;
  /** How many indicators the finding names (1 for a project-level finding). */
  count: number;
}

/** What one pass over a project's indicators found, for every rule to judge. */
interface ProjectFacts {
  indicators: readonly Indicator[];
  /** The table gives both a period and an annual value somewhere. */
  tableHasBoth: boolean;
  output: boolean;
  benefit: boolean;
  satisfaction: boolean;
  cost: boolean;
  /** Some 一级 is outside the taxonomy: it might be any kind, so coverage is not judged. */
  unknownLevel1: boolean;
  /** 数量 / 质量 / 时效 indicators with only qualitative targets, and whether each was left unfilled. */
  vague: Array<[Indicator, boolean]> | null;
  over: Indicator[] | null;
  one: Indicator[] | null;
  rates: Indicator[] | null;
  unfilled: Indicator[] | null;
}

/** One reviewers' check: its option, its flag code, the pane's label and short name, and the check itself. */
export interface ReviewRule {
  key: string;
  code: ReviewCode;
  /** On unless the user turns it off. */
  default: boolean;
  /** The option, as the pane's checkbox says it. */
  label: Bilingual;
  /** Short name, for per-project counts (`覆盖 1 · 量化 2`). */
  short: Bilingual;
  /** The finding on one project, or null. `options` is every rule's switch (one rule may defer to another). */
  check(f: ProjectFacts, options: Readonly<Record<string, boolean>>): Omit<ReviewFinding, 'code'> | null;
}

const list = (names: string[]) => ({ zh: names.join('、'), en: names.join(', ') });

const measurable = (level2: string): boolean => level2 === '数量指标' || level2 === '质量指标' || level2 === '时效指标';
const up = (op: string): boolean => op === '≥' || op === '>' || op === '=';
const down = (op: string): boolean => op === '≤' || op === '<';

/** The annual target promises more than the period's: a higher floor, or a lower ceiling. */
export function annualExceeds(period: Target | null, annual: Target | null): boolean {
  if (!period || !annual || period.op === null || annual.op === null || period.value === null || annual.value === null) return false;
  if ((period.unit ?? '') !== (annual.unit ?? '')) return false;
  if (up(period.op) && up(annual.op)) return annual.value > period.value;
  if (down(period.op) && down(annual.op)) return annual.value < period.value;
  return false;
}

const qualitative = (t: Target | null) => t === null || t.op === null;

function sameIndicator(a: Indicator, b: Indicator): boolean {
  return (
    a.name === b.name && (a.level1Std ?? a.level1) === (b.level1Std ?? b.level1) && (a.level2Std ?? a.level2) === (b.level2Std ?? b.level2)
  );
}

/**
 * Indicators that appear more than once (same 一级, 二级 and name), with their counts, in order
 * of first appearance; null when there are none. A project has a handful of indicators, so
 * they are compared pairwise, without building keys; a long list is counted by key.
 */
function duplicates(indicators: readonly Indicator[]): Array<[string, number]> | null {
  if (indicators.length > 24) {
    const seen = new Map<string, { name: string; n: number }>();
    for (const i of indicators) {
      const key = `${i.level1Std ?? i.level1}|${i.level2Std ?? i.level2}|${i.name}`;
      const hit = seen.get(key);
      if (hit) hit.n++;
      else seen.set(key, { name: i.name, n: 1 });
    }
    const dups = [...seen.values()].filter((d) => d.n > 1).map((d): [string, number] => [d.name, d.n]);
    return dups.length > 0 ? dups : null;
  }
  let out: Array<[string, number]> | null = null;
  for (let i = 0; i < indicators.length; i++) {
    const a = indicators[i] as Indicator;
    let earlier = false;
    for (let j = 0; j < i && !earlier; j++) earlier = sameIndicator(indicators[j] as Indicator, a);
    if (earlier) continue;
    let n = 1;
    for (let j = i + 1; j < indicators.length; j++) if (sameIndicator(indicators[j] as Indicator, a)) n++;
    if (n > 1) (out ??= []).push([a.name, n]);
  }
  return out;
}

/** The rules, in the order their findings are reported. */
export const REVIEW_RULES = [
  {
    key: 'coverage',
    code: 'review-coverage',
    default: true,
    label: { zh: '覆盖产出、效益、满意度', en: 'Covers output, benefit, satisfaction' },
    short: { zh: '覆盖', en: 'coverage' },
    check: (f) => {
      if (f.unknownLevel1 || (f.output && f.benefit && f.satisfaction)) return null;
      const missing = (['产出指标', '效益指标', '满意度指标'] as const).filter((l, k) => ![f.output, f.benefit, f.satisfaction][k]);
      const zh = missing.map((m) => m.replace('指标', '')).join('、');
      const en = missing.map((m) => ({ 产出指标: 'output', 效益指标: 'benefit', 满意度指标: 'satisfaction' })[m]).join(', ');
      return {
        count: 1,
        message: {
          zh: `缺少${zh}指标。绩效指标应覆盖产出、效益和满意度。`,
          en: `No ${en} indicator. Performance targets should cover output, benefit and satisfaction.`,
        },
      };
    },
  },
  {
    key: 'cost',
    code: 'review-cost',
    // 2021+ frameworks also expect a 成本 (cost) indicator; older tables do not, so it is off by default.
    default: false,
    label: { zh: '要求成本指标(2021 年起)', en: 'Expects a cost indicator (2021+)' },
    short: { zh: '成本', en: 'cost' },
    check: (f) =>
      f.unknownLevel1 || f.cost
        ? null
        : {
            count: 1,
            message: {
              zh: '缺少成本指标(2021 年起的绩效指标框架要求设置成本指标)。',
              en: 'No cost indicator (frameworks from 2021 on expect one).',
            },
          },
  },
  {
    key: 'measurability',
    code: 'review-qualitative',
    default: true,
    label: { zh: '数量、质量、时效应量化', en: 'Quantity, quality, timeliness are quantified' },
    short: { zh: '量化', en: 'measurability' },
    check: (f, on) => {
      // A target left unfilled is said once, as such (when that check is on), not as a qualitative one.
      const vague = f.vague?.filter(([, blank]) => !(blank && on.targets)).map(([i]) => i) ?? [];
      if (vague.length === 0) return null;
      const names = list(vague.map((i) => i.name));
      return {
        count: vague.length,
        message: {
          zh: `数量、质量、时效指标只有定性目标:${names.zh}。指标值应尽量细化、量化。`,
          en: `Quantity, quality or timeliness indicators with only a qualitative target: ${names.en}. Targets should be quantified where possible.`,
        },
      };
    },
  },
  {
    key: 'consistency',
    code: 'review-annual-exceeds',
    default: true,
    label: { zh: '年度值不超过实施周期值', en: 'Annual does not exceed period' },
    short: { zh: '年度超周期', en: 'annual > period' },
    check: ({ over }) => {
      if (over === null) return null;
      const zh = over.map((i) => `${i.name}(年度 ${i.annual?.raw} 对 实施周期 ${i.period?.raw})`).join('、');
      const en = over.map((i) => `${i.name} (annual ${i.annual?.raw} vs period ${i.period?.raw})`).join(', ');
      return {
        count: over.length,
        message: {
          zh: `年度指标值高于实施周期指标值:${zh}。年度目标不应超过整个实施周期的目标。`,
          en: `The annual target promises more than the period's: ${en}. A year's target should not exceed the whole period's.`,
        },
      };
    },
  },
  {
    key: 'bothValues',
    code: 'review-one-value',
    default: true,
    label: { zh: '两个指标值都应填写', en: 'Both values are given' },
    short: { zh: '缺值', en: 'one value' },
    check: ({ one, tableHasBoth }) => {
      // A grid with one 指标值 column gives one value everywhere, and is not asked for two.
      if (!tableHasBoth || one === null) return null;
      const zh = one.map((i) => `${i.name}(${i.period === null ? '缺实施周期' : '缺年度'})`).join('、');
      const en = one.map((i) => `${i.name} (${i.period === null ? 'no period value' : 'no annual value'})`).join(', ');
      return {
        count: one.length,
        message: {
          zh: `只填了实施周期指标值或年度指标值之一:${zh}。每个指标应同时填写两者。`,
          en: `Only one of the period and annual values is given: ${en}. Every indicator should have both.`,
        },
      };
    },
  },
  {
    key: 'rates',
    code: 'review-rate-over-100',
    default: true,
    label: { zh: '比率不超过 100%', en: 'Rates at most 100%' },
    short: { zh: '比率超100%', en: 'rate > 100%' },
    check: ({ rates }) => {
      if (rates === null) return null;
      const zh = rates.map((i) => `${i.name}(${(rateOver100(i, i.annual) ? i.annual : i.period)?.raw})`).join('、');
      const en = rates.map((i) => `${i.name} (${(rateOver100(i, i.annual) ? i.annual : i.period)?.raw})`).join(', ');
      return {
        count: rates.length,
        message: { zh: `比率指标超过 100%:${zh}。请核对指标值或单位。`, en: `A rate above 100 %: ${en}. Check the target or its unit.` },
      };
    },
  },
  {
    key: 'targets',
    code: 'review-no-target',
    default: true,
    label: { zh: '定量指标已填指标值', en: 'Quantitative targets filled in' },
    short: { zh: '未填指标值', en: 'no target' },
    check: ({ unfilled }) => {
      if (unfilled === null) return null;
      const names = list(unfilled.map((i) => `${i.name}「${(unfilledTarget(i.annual) ? i.annual : i.period)?.raw}」`));
      return {
        count: unfilled.length,
        message: {
          zh: `指标值未填写(只有单位或符号):${names.zh}。请补填数值。`,
          en: `Targets left unfilled (only a unit or a sign): ${names.en}. Fill in the values.`,
        },
      };
    },
  },
  {
    key: 'duplicates',
    code: 'review-duplicate',
    default: true,
    label: { zh: '指标不重复', en: 'No duplicate indicators' },
    short: { zh: '重复', en: 'duplicate' },
    check: ({ indicators }) => {
      const dups = indicators.length > 1 ? duplicates(indicators) : null;
      if (dups === null) return null;
      const zh = dups.map(([name, n]) => `${name}(${n} 次)`).join('、');
      const en = dups.map(([name, n]) => `${name} (${n} times)`).join(', ');
      return {
        count: dups.length,
        message: { zh: `同一项目中指标重复:${zh}。`, en: `The same indicator appears more than once in this project: ${en}.` },
      };
    },
  },
] as const satisfies readonly ReviewRule[];

export type ReviewKey = (typeof REVIEW_RULES)[number]['key'];

/** Each rule on or off; what a rule is not given takes its default. */
export const ReviewOptionsSchema = z
  .object(
    Object.fromEntries(REVIEW_RULES.map((r) => [r.key, z.boolean().default(r.default)])) as {
      [K in ReviewKey]: z.ZodDefault<z.ZodBoolean>;
    },
  )
  .strict();
export type ReviewOptions = z.output<typeof ReviewOptionsSchema>;

/** Every rule off: the options of a run that checks amounts and structure alone. */
export const NO_REVIEW: ReviewOptions = Object.freeze(Object.fromEntries(REVIEW_RULES.map((r) => [r.key, false])) as ReviewOptions);

/** Each review code's rule. */
export function reviewRuleOf(code: string): ReviewRule | undefined {
  return REVIEW_RULES.find((r) => r.code === code);
}

const NO_FINDINGS: ReviewFinding[] = Object.freeze([]) as unknown as ReviewFinding[];

/**
 * Review one project's indicators. `tableHasBoth` says whether the table gives both a period and
 * an annual value anywhere (a grid with one 指标值 column does not, and is not asked to).
 */
export function reviewProject(indicators: readonly Indicator[], opts: ReviewOptions, tableHasBoth: boolean): ReviewFinding[] {
  if (indicators.length === 0) return NO_FINDINGS;
  // One pass collects what every rule needs; lists are made only when something is found.
  const f: ProjectFacts = {
    indicators,
    tableHasBoth,
    output: false,
    benefit: false,
    satisfaction: false,
    cost: false,
    unknownLevel1: false,
    vague: null,
    over: null,
    one: null,
    rates: null,
    unfilled: null,
  };
  for (const i of indicators) {
    if (rateOver100(i, i.period) || rateOver100(i, i.annual)) (f.rates ??= []).push(i);
    const blank = unfilledTarget(i.period) || unfilledTarget(i.annual);
    if (blank) (f.unfilled ??= []).push(i);
    if (i.level1Std === null) f.unknownLevel1 = true;
    if (i.level1Std === '产出指标') f.output = true;
    else if (i.level1Std === '效益指标') f.benefit = true;
    else if (i.level1Std === '满意度指标') f.satisfaction = true;
    // Older templates file satisfaction as a 二级 under 效益指标.
    if (i.level2Std === '服务对象满意度') f.satisfaction = true;
    if (i.level1Std === '成本指标' || i.level2Std === '成本指标') f.cost = true;
    if (
      i.level2Std !== null &&
      measurable(i.level2Std) &&
      (i.period !== null || i.annual !== null) &&
      qualitative(i.period) &&
      qualitative(i.annual)
    )
      (f.vague ??= []).push([i, blank]);
    if (annualExceeds(i.period, i.annual)) (f.over ??= []).push(i);
    if ((i.period === null) !== (i.annual === null)) (f.one ??= []).push(i);
  }
  const out: ReviewFinding[] = [];
  for (const rule of REVIEW_RULES as readonly ReviewRule[]) {
    if (!opts[rule.key as ReviewKey]) continue;
    const found = rule.check(f, opts);
    if (found !== null) out.push({ code: rule.code, ...found });
  }
  return out.length > 0 ? out : NO_FINDINGS;
}
