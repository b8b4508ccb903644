/**
 * vocabulary.ts — the roles a column can have and the names each goes by.
 *
 * Owns: the list of roles (domain.md, "Column roles"), the header names of each, as data, and
 * matching one header cell to a role despite OCR spaces, full-width forms and unit suffixes
 * such as `(万元)`.
 */
import { normalizeLabel } from './text';

export const AMOUNT_ROLES = ['total', 'fiscal', 'specialAccount', 'other'] as const;
export type AmountRole = (typeof AMOUNT_ROLES)[number];
export const GRID_ROLES = [
  'unitName',
  'level1',
  'level2',
  'level3',
  'description',
  'op',
  'value',
  'valuePeriod',
  'measureUnit',
  'weight',
  'direction',
] as const;
export type GridRole = (typeof GRID_ROLES)[number];
export type Role = 'name' | AmountRole | 'goal' | 'indicators' | GridRole;
export type ColumnMap = Partial<Record<Role, number>>;

/** Names a header cell goes by, per role, in normalised form (no spaces, half-width). */
const ROLE_NAMES: Record<Role, readonly string[]> = {
  name: ['项目名称(资金使用单位)', '项目名称', '项目支出名称', '单位名称'],
  total: ['总计', '合计', '预算数', '年度资金总额', '项目金额', '年度本级预算金额', '资金总额', '预算金额'],
  fiscal: ['财政拨款', '其中:财政拨款', '财政资金', '当年财政拨款', '本年财政拨款', '财政投款', '一般公共预算拨款'],
  specialAccount: ['财政专户拨款', '财政专户管理资金'],
  other: ['其他资金'],
  goal: ['绩效目标', '年度目标', '年度绩效目标', '总体目标', '实施期绩效目标'],
  indicators: ['绩效指标'],
  unitName: [],
  level1: ['一级指标'],
  level2: ['二级指标'],
  level3: ['三级指标', '指标名称'],
  description: ['绩效指标描述', '指标解释', '指标说明', '指标描述'],
  op: ['指标性质', '运算符号', '符号', '比较符'],
  value: ['指标值', '年度指标值', '目标值', '年度目标值', '预期目标值', '指标目标值'],
  valuePeriod: ['实施周期指标值', '实施期指标值'],
  measureUnit: ['度量单位', '计量单位', '单位'],
  weight: ['权重', '分值', '指标权重', '权重(%)'],
  direction: ['指标方向性', '指标方向', '方向'],
};

const ROLE_ORDER: readonly Role[] = ['name', 'total', 'fiscal', 'specialAccount', 'other', 'goal', 'indicators', ...GRID_ROLES];

/** Strip a trailing unit or note in parentheses: `总计(万元)` → `总计`. */
function stripSuffix(label: string): string {
  return label.replace(/\((?:万元|元|单位:?[^)]*)\)$/, '');
}

/** The role a header cell names, or null. Exact names win over contained names. */
export function roleOfLabel(text: string): Role | null {
  if (text.length > 40) return null;
  const label = stripSuffix(normalizeLabel(text));
  if (label === '') return null;
  for (const role of ROLE_ORDER) if (ROLE_NAMES[role].includes(label)) return role;
  if (label.length > 14) return null;
  for (const role of ROLE_ORDER) {
    for (const name of ROLE_NAMES[role]) {
      if (name.length >= 3 && label.includes(name)) return role;
    }
  }
  return null;
}
