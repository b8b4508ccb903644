/**
 * taxonomy.ts — the indicator taxonomy of domain.md.
 *
 * Owns: mapping the 一级 and 二级 names as written (with OCR spaces, variants such as
 * 环境效益指标 or 服务对象或受益者满意度指标, and weights such as `产出指标(50分)`) to the
 * canonical names and codes of the provinces' budget systems. A name that is not known stays
 * as written and gets no canonical name: nothing is forced into a category.
 */
import { stripSpaces, toHalfWidth } from '../input/text';

export interface Level1Std {
  name: '产出指标' | '效益指标' | '满意度指标' | '成本指标';
  code: string | null;
}

export interface Level2Std {
  name: string;
  code: string | null;
  level1: Level1Std['name'];
}

const L1: Record<string, Level1Std> = {
  产出: { name: '产出指标', code: '1' },
  项目完成: { name: '产出指标', code: '1' },
  预期产出: { name: '产出指标', code: '1' },
  效益: { name: '效益指标', code: '2' },
  项目效益: { name: '效益指标', code: '2' },
  效果: { name: '效益指标', code: '2' },
  满意度: { name: '满意度指标', code: '3' },
  成本: { name: '成本指标', code: null },
};

const l2 = (name: string, code: string | null, level1: Level1Std['name']): Level2Std => ({ name, code, level1 });
const QUANTITY = l2('数量指标', '11', '产出指标');
const QUALITY = l2('质量指标', '12', '产出指标');
const TIMELINESS = l2('时效指标', '13', '产出指标');
const COST = l2('成本指标', '14', '产出指标');
const ECONOMIC = l2('经济效益', '21', '效益指标');
const SOCIAL = l2('社会效益', '22', '效益指标');
const ECOLOGICAL = l2('生态效益', '23', '效益指标');
const SUSTAINABLE = l2('可持续影响', '24', '效益指标');
const SATISFACTION = l2('服务对象满意度', '31', '满意度指标');

const L2: Record<string, Level2Std> = {
  数量: QUANTITY,
  质量: QUALITY,
  时效: TIMELINESS,
  成本: COST,
  预算控制: COST,
  投资规模控制: COST,
  经济效益: ECONOMIC,
  社会效益: SOCIAL,
  生态效益: ECOLOGICAL,
  环境效益: ECOLOGICAL,
  可持续影响: SUSTAINABLE,
  可持续性影响: SUSTAINABLE,
  可持续发展影响: SUSTAINABLE,
  可持续性发展影响: SUSTAINABLE,
  服务对象满意度: SATISFACTION,
  服务对象或受益者满意度: SATISFACTION,
  社会公众或服务对象满意度: SATISFACTION,
  受益对象满意度: SATISFACTION,
  满意度: SATISFACTION,
  社会满意度: SATISFACTION,
  // 2021+ frameworks: 成本 is a 一级 of its own.
  经济成本: l2('经济成本指标', null, '成本指标'),
  社会成本: l2('社会成本指标', null, '成本指标'),
  生态环境成本: l2('生态环境成本指标', null, '成本指标'),
};

const L2_BY_CODE: Record<string, Level2Std> = Object.fromEntries(
  [QUANTITY, QUALITY, TIMELINESS, COST, ECONOMIC, SOCIAL, ECOLOGICAL, SUSTAINABLE, SATISFACTION].map((s) => [s.code as string, s]),
);

/** A weight written into a level name: `产出指标(50分)`, `成本指标(0-20)分`, `效益指标 30分`. */
const WEIGHT = /\s*[(（]?\s*(\d+(?:\.\d+)?(?:\s*[-~～]\s*\d+(?:\.\d+)?)?)\s*(?:分\s*[)）]|[)）]\s*分|分)\s*$/;

/** Split a weight off a level name. */
export function splitWeight(text: string): { name: string; weight: string | null } {
  const m = WEIGHT.exec(text);
  if (m === null || m.index === 0) return { name: text, weight: null };
  return { name: text.slice(0, m.index).trim(), weight: `${stripSpaces(m[1] as string)}分` };
}

/** The core of a level name: no spaces, no 指标, no parenthesised notes. */
function core(name: string): string {
  return stripSpaces(toHalfWidth(name))
    .replace(/\([^)]*\)/g, '')
    .replace(/[（][^）]*[）]/g, '')
    .replace(/指标/g, '')
    .replace(/^\d+\s*-\s*/, '');
}

export function level1Std(name: string): Level1Std | null {
  return L1[core(name)] ?? null;
}

/** The canonical 二级 for a name (and, failing that, a 2-digit code). */
export function level2Std(name: string, code?: string | null): Level2Std | null {
  const byName = L2[core(name)];
  if (byName) return byName;
  if (code !== undefined && code !== null) return L2_BY_CODE[code] ?? null;
  return null;
}

/** A 一级 / 二级 pair as written (weights moved out), with its canonical names and any weight. */
export interface Levels {
  level1: string;
  level2: string;
  level1Std: string | null;
  level2Std: string | null;
  level2StdCode: string | null;
  weight: string | null;
}

/** Classify a 一级 / 二级 pair; `share` interns the names kept (see intern.ts). */
export function classifyLevels(level1Raw: string, level2Raw: string, level2Code: string | null, share: (s: string) => string): Levels {
  const w1 = splitWeight(level1Raw);
  const w2 = splitWeight(level2Raw);
  const s1 = level1Std(w1.name);
  const s2 = level2Std(w2.name, level2Code);
  return {
    level1: share(w1.name),
    level2: share(w2.name),
    level1Std: s1?.name ?? (s2 && w1.name === '' ? s2.level1 : null),
    level2Std: s2?.name ?? null,
    level2StdCode: s2?.code ?? null,
    weight: w1.weight ?? w2.weight,
  };
}
