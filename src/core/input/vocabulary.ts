/**
 * vocabulary.ts — every role a column or a form key can have, and the names each goes by, as data.
 *
 * Owns: the column roles of lists (domain.md, "Column roles", and "The wider world"), the keys of
 * forms, the names of both as published across provinces, and matching a label to them. A label is
 * compared after normalising what pastes and templates add around the name: spaces and line breaks,
 * full-width forms, numbering (`(一)`, `1、`, `指标1:`), a leading `其中:`, a trailing colon, and
 * notes or units in brackets (`(万元)`, `(必填)`, `(50分)`, `(包含数字及文字描述)`). A match says how
 * it was made (the whole label, a pattern, or a name inside a longer label), which is the evidence
 * the reading reports.
 */
import type { AmountUnit } from '../contract/money';
import { COLUMN_ROLES, FORM_ROLES, type FormRole, type Role } from '../contract/roles';
import { normalizeLabel } from './text';

export type ColumnMap = Partial<Record<Role, number>>;

/** Names a header cell goes by, per role, normalised (see `labelKey`). The first role that lists a name wins. */
const COLUMN_NAMES: Record<Role, readonly string[]> = {
  name: [
    '项目名称(资金使用单位)',
    '项目名称',
    '项目支出名称',
    '二级项目名称',
    '专项资金名称',
    '资金名称',
    '项目',
    '名称',
    '项目及指标名称',
    '项目/指标名称',
    '项目(指标)名称',
  ],
  unitName: ['单位名称', '预算单位', '预算单位名称', '资金使用单位', '部门名称', '单位(部门)名称', '部门(单位)名称', '实施单位'],
  total: [
    '总计',
    '合计',
    '预算数',
    '年度资金总额',
    '当年资金总额',
    '项目金额',
    '年度本级预算金额',
    '资金总额',
    '预算金额',
    '当年预算',
    '年度预算',
    '年度预算数',
    '本年预算',
    '金额',
    '预算资金',
    '资金合计',
  ],
  fiscal: [
    '财政拨款',
    '财政资金',
    '当年财政拨款',
    '本年财政拨款',
    '财政投款',
    '一般公共预算拨款',
    '一般公共预算',
    '上级资金',
    '当年市级财政资金',
    '市级财政资金',
    '财政拨款小计',
    '上级补助',
    '本级财政',
    '本级财政资金',
  ],
  specialAccount: ['财政专户拨款', '财政专户管理资金', '财政专户'],
  other: ['其他资金', '自有资金', '其他收入', '自筹资金', '单位自有资金', '自有资金小计'],
  goal: [
    '绩效目标',
    '年度目标',
    '年度绩效目标',
    '总体目标',
    '实施期绩效目标',
    '当年绩效目标',
    '项目绩效目标',
    '年度总体目标',
    '整体绩效目标',
  ],
  indicators: ['绩效指标'],
  level1: ['一级指标'],
  level2: ['二级指标'],
  level3: ['三级指标', '指标名称', '指标内容', '指标', '绩效指标名称', '具体指标'],
  description: ['绩效指标描述', '指标解释', '指标说明', '指标描述', '指标定义'],
  op: ['指标性质', '运算符号', '符号', '比较符', '计算符号', '指标值符号'],
  value: [
    '指标值',
    '年度指标值',
    '目标值',
    '年度目标值',
    '预期目标值',
    '指标目标值',
    '当年指标值',
    '本年度指标值',
    '年度值',
    '数值',
    '指标数值',
    '目标数值',
    '本年目标值',
    '当年目标值',
    '本年指标值',
    '预期值',
    '计划值',
    '计划目标值',
  ],
  valuePeriod: ['实施周期指标值', '实施期指标值', '长期指标值', '中长期指标值', '实施期目标值', '长期目标值'],
  valueSecond: ['上年实际值', '上年完成值', '历史值', '上年指标值', '实际值', '实际完成值', '实际实现值', '上年实现值', '完成值', '上年值'],
  measureUnit: ['度量单位', '计量单位', '单位'],
  weight: ['权重', '分值', '指标权重', '权重分值'],
  direction: ['指标方向性', '指标方向', '方向'],
  category: ['项目类别', '项目类型', '项目分类', '资金性质', '项目属性'],
  standard: ['绩效标准', '评分标准', '评价标准', '计划标准'],
  seq: ['序号', '编号'],
  note: ['备注', '说明'],
};

/** Column names given by a pattern (years vary): `预期2022年实现值`, `2021年实际实现值`. */
const COLUMN_PATTERNS: ReadonlyArray<readonly [RegExp, Role]> = [
  [/^\d{4}年度?(?:实际|已)(?:实现|完成|达到)?值$/, 'valueSecond'],
  [/^(?:预期)?\d{4}年度?(?:预期)?(?:实现值|目标值|指标值)$/, 'value'],
];

/**
 * Column names with a year in them, the year written `N` (`预期2022年实现值` is `预期N年实现值`): the whole
 * name, only its year varies, so they match as exactly as the names above.
 */
const COLUMN_YEAR_NAMES: Partial<Record<Role, readonly string[]>> = {
  value: [
    '预期N年实现值',
    'N年预期实现值',
    'N年预期值',
    'N年目标值',
    'N年度目标值',
    'N年指标值',
    'N年度指标值',
    'N年计划值',
    '预期N年目标值',
  ],
  valueSecond: ['N年实际实现值', 'N年度实际实现值', 'N年实际完成值', 'N年实际值', 'N年度实际值', 'N年完成值', 'N年已实现值'],
};

/**
 * Names departments use for another role as well: 指标性质 holds 正向/反向/定性 in some templates and the
 * comparator in others, 指标方向 the other way round. The cells decide between them; a reading settled so is
 * certain (the label allowed it), one that goes against the label is not.
 */
const COLUMN_ALSO: Partial<Record<Role, readonly string[]>> = {
  op: ['指标方向', '指标方向性', '方向'],
  direction: ['指标性质'],
};

/** Whether a header label may also name `role` (besides the role the vocabulary gives it). */
export function labelAlsoNames(text: string, role: Role): boolean {
  const key = labelKey(text).key;
  return COLUMN_ALSO[role]?.includes(key) === true;
}

/**
 * Which target a label's words name, when a table has several target columns: the period's (长期, 中期,
 * 实施期), the year's planned one (预期, 目标, 计划, 本年, 年度), or a past or actual one (实际, 上年, 完成,
 * 历史); null when the label says none of these.
 */
export type TargetClass = 'period' | 'annual' | 'past';
export function targetClassOf(text: string): TargetClass | null {
  const t = normalizeLabel(text);
  if (/长期|中期|实施期|实施周期|项目期|全周期/.test(t)) return 'period';
  const annual = /预期|目标|计划|本年|当年|预计/.test(t);
  if (/实际|上年|去年|历史|已(?:实现|完成)/.test(t) && !/预期|计划|预计/.test(t)) return 'past';
  if (annual || /年度/.test(t)) return 'annual';
  if (/完成/.test(t)) return 'past';
  return null;
}

/** Names of a form's keys, per role. Amount keys carry a priority: the current year's total wins over the period's. */
const FORM_NAMES: Record<FormRole, readonly string[]> = {
  name: [
    '项目名称',
    '专项资金名称',
    '二级项目名称',
    '一级项目名称',
    '项目支出名称',
    '资金名称',
    '部门名称',
    '部门(单位)名称',
    '单位(部门)名称',
    '项目(单位)名称',
    '单位名称',
  ],
  total: [
    '预算数',
    '年度资金总额',
    '当年资金总额',
    '资金总额',
    '项目金额',
    '年度预算数',
    '年度预算',
    '当年预算',
    '本年预算',
    '当年年度预算',
    '预算金额',
    '总计',
    '合计',
    '年度本级预算金额',
    '项目总投资',
    '项目总预算',
    '总预算',
    '实施期资金总额',
    '年度预算资金',
    '预算申报数',
    '申报数',
    '当年预算数',
    '本年预算数',
    '项目预算',
    '项目总金额',
  ],
  fiscal: [
    ...COLUMN_NAMES.fiscal,
    '中央补助',
    '中央资金',
    '中央补助资金',
    '省级财政',
    '省级资金',
    '省级财政资金',
    '市级资金',
    '区级资金',
    '县级资金',
    '区级财政资金',
    '县级财政资金',
    '政府性基金',
    '国有资本经营预算',
    '财政补助',
    '财政补助资金',
    '中央财政',
    '中央财政资金',
    '省级补助',
    '市级补助',
    '市级财政',
    '县级财政',
    '区级财政',
  ],
  specialAccount: COLUMN_NAMES.specialAccount,
  other: [...COLUMN_NAMES.other, '事业收入', '经营收入', '经营性收入'],
  goal: [...COLUMN_NAMES.goal, '实施期目标', '部门整体绩效目标', '年度绩效目标和指标', '中期目标', '长期目标'],
  purpose: [
    '项目概况',
    '立项依据',
    '资金用途',
    '预算规模及资金用途',
    '项目内容',
    '主要内容',
    '实施内容',
    '项目立项依据',
    '项目实施内容',
    '项目简介',
    '基本情况',
    '项目基本情况',
    '立项必要性',
    '项目立项必要性',
    '项目实施计划',
    '实施计划',
    '保证项目实施的制度措施',
    '需要说明的其他问题',
  ],
  info: [
    '项目主管部门',
    '业务主管部门',
    '主管部门',
    '项目执行单位',
    '执行单位',
    '实施单位',
    '预算单位',
    '编制单位',
    '填报单位',
    '项目属性',
    '项目类型',
    '项目类别',
    '实施期限',
    '项目期限',
    '起止时间',
    '项目周期',
    '项目负责人',
    '联系人',
    '联系电话',
    '主管部门及代码',
    '实施单位及代码',
    '主管部门及编码',
    '主管部门(单位)名称',
    '主管部门名称',
    '资金性质',
    '项目分类',
    '项目开始日期',
    '项目完成日期',
    '项目起止时间',
    '项目期',
    '项目实施单位',
    '组织实施单位',
    '监督管理单位',
    '政策依据',
    '其他依据',
  ],
  funding: ['项目资金', '资金情况', '年度资金', '项目资金情况', '资金投入', '资金来源', '预算情况', '项目资金来源', '资金构成', '预算安排'],
  indicatorBlock: ['绩效指标', '年度绩效指标', '产出效益指标'],
};

/**
 * The priority of a form's total key: the current year's (2) over a plain total (1) over the whole
 * period's (0). A form that gives both keeps the higher; the other is read and not used.
 */
export function totalPriority(key: string): number {
  if (/^(?:当年|年度|本年|预算申报|申报数)/.test(key)) return 2;
  if (/^(?:项目总|总预算|实施期)/.test(key)) return 0;
  return 1;
}

/**
 * A fiscal key that names the whole appropriation (财政拨款, 财政资金) rather than one level of it
 * (中央补助, 省级财政, 一般公共预算): when a form gives both, the whole is used and the levels are its parts.
 */
export function isFiscalWhole(key: string): boolean {
  return /^(?:当年|本年)?财政(?:拨款|资金|投款)(?:小计)?$/.test(key);
}

export type MatchHow = 'exact' | 'pattern' | 'contains';

export interface LabelMatch<R> {
  role: R;
  /** The label as compared (normalised). */
  key: string;
  how: MatchHow;
  /** A unit named in the label's brackets (`预算数(万元)`). */
  unit: AmountUnit | null;
  /** The label was numbered (`(一)`, `1、`): a line of a breakdown. `top` for `(一)`, `sub` for `1、`. */
  numbered: 'top' | 'sub' | null;
}

const TOP_NUMBER = /^(?:\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}[、.])/;
const SUB_NUMBER = /^(?:\(\d{1,2}\)|\d{1,2}[、.](?!\d)|指标\d{1,2}:?)/;
const NOTE = /\((?:[^()]*)\)(?:分)?$/;
const UNIT_NOTE = /\((万元|元)\)/;

export interface LabelKey {
  key: string;
  unit: AmountUnit | null;
  numbered: 'top' | 'sub' | null;
}

/**
 * A label as compared: half-width, no whitespace, without numbering, a leading `其中`, a trailing
 * colon, and brackets at its end (notes and units, whose unit is kept).
 */
export function labelKey(text: string): LabelKey {
  let k = normalizeLabel(text).replace(/[（]/g, '(').replace(/[）]/g, ')').replace(/:$/, '');
  let numbered: LabelKey['numbered'] = null;
  if (TOP_NUMBER.test(k)) {
    numbered = 'top';
    k = k.replace(TOP_NUMBER, '');
  } else if (SUB_NUMBER.test(k)) {
    numbered = 'sub';
    k = k.replace(SUB_NUMBER, '');
  }
  k = k.replace(/^其中[:,]?/, '');
  const u = UNIT_NOTE.exec(k);
  const unit = u === null ? null : (u[1] as AmountUnit);
  for (let guard = 0; guard < 3; guard++) {
    const stripped = k.replace(NOTE, '').replace(/:$/, '');
    if (stripped === k || stripped === '') break;
    k = stripped;
  }
  return { key: k, unit, numbered };
}

function lookup<R extends string>(names: Record<R, readonly string[]>, order: readonly R[], key: string, full: string): R | null {
  for (const role of order) if (names[role].includes(full)) return role;
  for (const role of order) if (names[role].includes(key)) return role;
  return null;
}

const COLUMN_ORDER: readonly Role[] = COLUMN_ROLES;

/**
 * Each column name → its role (the first in COLUMN_ORDER that has it), built once: a header match runs for
 * every short cell of a paste, and 100,000 rows make half a million lookups.
 */
const COLUMN_INDEX: Readonly<Record<string, Role>> = Object.freeze(
  Object.fromEntries([...COLUMN_ORDER].reverse().flatMap((role) => COLUMN_NAMES[role].map((name) => [name, role] as const))),
);
/** The longest column name: no longer piece of a key needs looking up. */
const CONTAINED_MAX = Math.max(...COLUMN_ORDER.flatMap((role) => COLUMN_NAMES[role].map((n) => n.length)));
/** The first three characters of every name of three or more: a piece of a key that starts otherwise is no name. */
const CONTAINED_START: Readonly<Record<string, true>> = Object.freeze(
  Object.fromEntries(
    COLUMN_ORDER.flatMap((role) => COLUMN_NAMES[role].filter((n) => n.length >= 3).map((n) => [n.slice(0, 3), true] as const)),
  ),
);

/** The exact role of a name, by the index (an own property only: `constructor` is no name). */
const exactRole = (name: string): Role | null =>
  Object.prototype.hasOwnProperty.call(COLUMN_INDEX, name) ? (COLUMN_INDEX[name] as Role) : null;

/** The first role (in COLUMN_ORDER) with a name of three characters or more that `key` contains. */
function containedRole(key: string): Role | null {
  let best = -1;
  for (let i = 0; i + 3 <= key.length; i++) {
    if (!Object.prototype.hasOwnProperty.call(CONTAINED_START, key.slice(i, i + 3))) continue;
    for (let len = 3; len <= CONTAINED_MAX && i + len <= key.length; len++) {
      const role = exactRole(key.slice(i, i + len));
      if (role === null) continue;
      // The first role in the order that has this name: any earlier one that has it wins.
      const k = COLUMN_ORDER.findIndex((r) => COLUMN_NAMES[r].includes(key.slice(i, i + len)));
      if (best < 0 || k < best) best = k;
    }
  }
  return best < 0 ? null : (COLUMN_ORDER[best] as Role);
}

/** Text with no letters at all (an amount, a number, punctuation): never a column's name. */
const NO_LETTERS = /^[\s\d０-９,，.．。、:：;；%％+＋\-－−—()（）/／*×]*$/;

/** The role a header cell names, with how it was matched; null for none. */
export function matchColumnLabel(text: string): LabelMatch<Role> | null {
  if (text.length > 40 || NO_LETTERS.test(text)) return null;
  const full = normalizeLabel(text);
  const lk = labelKey(text);
  const key = lk.key;
  if (key === '') return null;
  const exact = exactRole(full) ?? exactRole(key);
  if (exact !== null) return { role: exact, key, how: 'exact', unit: lk.unit, numbered: lk.numbered };
  const yearless = key.replace(/(?:19|20)\d{2}/g, 'N');
  if (yearless !== key)
    for (const role of COLUMN_ORDER)
      if (COLUMN_YEAR_NAMES[role]?.includes(yearless) === true) return { role, key, how: 'exact', unit: lk.unit, numbered: lk.numbered };
  for (const [re, role] of COLUMN_PATTERNS) if (re.test(key)) return { role, key, how: 'pattern', unit: lk.unit, numbered: lk.numbered };
  if (key.length > 14) return null;
  const contained = containedRole(key);
  return contained === null ? null : { role: contained, key, how: 'contains', unit: lk.unit, numbered: lk.numbered };
}

/** The role a header cell names, or null. Exact names win over contained names. */
export function roleOfLabel(text: string): Role | null {
  return matchColumnLabel(text)?.role ?? null;
}

export interface FormKeyMatch extends LabelMatch<FormRole> {
  /** A value written in the key's own cell (`年度资金总额:16`, `其中 :上级资金16`), or null. */
  value: string | null;
  /** The role was given by the user (`--map "key:…=…"`): two such keys of one amount role add up. */
  user?: true;
}

/** Marks OCR leaves inside a key (`一*级项目名称`): removed before the key is compared. */
const KEY_NOISE = /[*＊?？#＃·•_~^`'"]/g;

/** A key as compared, without the marks OCR leaves inside it. */
export function denoiseKey(key: string): string {
  return key.replace(KEY_NOISE, '');
}

/** Name keys that name a department or unit rather than a project: the name only where a form names no project. */
const UNIT_NAME_KEY = /^(?:部门|单位|预算单位)(?:\((?:单位|部门)\))?名称$/;

/** Whether a name key names a project (项目名称, 二级项目名称 …) or a department or unit (部门名称, 单位名称). */
export function nameKeyKind(key: string): 'project' | 'unit' {
  return UNIT_NAME_KEY.test(denoiseKey(key)) ? 'unit' : 'project';
}

/**
 * How closely a name key names the project: a 二级项目 (3) more closely than a plain 项目名称 (2) or its
 * 一级项目, the programme (1); a department or unit (0) only where nothing names the project.
 */
export function namePriority(key: string): number {
  const k = denoiseKey(key);
  if (nameKeyKind(k) === 'unit') return 0;
  return k.startsWith('二级') ? 3 : k.startsWith('一级') ? 1 : 2;
}

/** Project name keys an OCR slip of one character still names (`项日名称`, `项目名祢`). */
const NAME_KEYS_FUZZY = ['项目名称', '二级项目名称', '一级项目名称', '专项资金名称', '项目支出名称'];

function oneSlipFrom(key: string): boolean {
  return NAME_KEYS_FUZZY.some((name) => {
    if (name.length !== key.length) return false;
    let diff = 0;
    for (let i = 0; i < name.length; i++) if (name[i] !== key[i]) diff++;
    return diff === 1;
  });
}

const FORM_ORDER: readonly FormRole[] = [
  'name',
  'total',
  'fiscal',
  'specialAccount',
  'other',
  'goal',
  'purpose',
  'funding',
  'indicatorBlock',
  'info',
];
/** A number (with a unit) glued to the end of a key: `上级资金16`, `预算数250万`. */
const GLUED_NUMBER = /^(.*?[^\d.,\s-])\s*([-+]?\d[\d,]*(?:\.\d+)?\s*(?:万元|万|元)?)$/;

function formRole(text: string): LabelMatch<FormRole> | null {
  const full = denoiseKey(normalizeLabel(text));
  const lk = labelKey(text);
  lk.key = denoiseKey(lk.key);
  if (lk.key === '' || lk.key.length > 24) return null;
  const role = lookup(FORM_NAMES, FORM_ORDER, lk.key, full);
  if (role !== null) return { role, key: lk.key, how: 'exact', unit: lk.unit, numbered: lk.numbered };
  // An amount key with the year before it or how it is provided after it: `当年其他资金`, `中央补助安排`.
  const arranged = lk.key.replace(/^(?:当年|本年|年度)/, '').replace(/安排(?:数|资金)?$/, '');
  if (arranged !== lk.key) {
    const r = lookup(FORM_NAMES, FORM_ORDER, arranged, arranged);
    if (r === 'total' || r === 'fiscal' || r === 'specialAccount' || r === 'other')
      return { role: r, key: lk.key, how: 'exact', unit: lk.unit, numbered: lk.numbered };
  }
  // A project name key with one character misread (`项日名称`): a name, not a certain one.
  if (oneSlipFrom(lk.key)) return { role: 'name', key: lk.key, how: 'pattern', unit: lk.unit, numbered: lk.numbered };
  // A breakdown line names its source before 小计 / 合计: `(一)财政拨款小计`.
  const sub = lk.key.replace(/(?:小计|合计)$/, '');
  if (sub !== lk.key) {
    const r = lookup(FORM_NAMES, FORM_ORDER, sub, sub);
    if (r !== null && r !== 'name' && r !== 'goal') return { role: r, key: lk.key, how: 'pattern', unit: lk.unit, numbered: lk.numbered };
  }
  return null;
}

/**
 * The form key a cell holds, with a value glued to it where there is one (`年度资金总额:16`,
 * `其中 :上级资金16`, `预算数:250万`); null when the cell is not a key.
 */
export function matchFormKey(text: string, overrides?: Readonly<Record<string, string>>): FormKeyMatch | null {
  if (text.length > 60) return null;
  if (overrides !== undefined) {
    // A key the user gave a role: that role (one a form does not use is read and left out), its value
    // glued to it or not (`年度资金总额:16`).
    const given = (label: string, value: string | null): FormKeyMatch | null => {
      const lk = labelKey(label);
      const role = overrides[lk.key];
      if (role === undefined) return null;
      const formRole = (FORM_ROLES as readonly string[]).includes(role) ? (role as FormRole) : 'info';
      return { role: formRole, key: lk.key, how: 'exact', unit: lk.unit, numbered: lk.numbered, value, user: true };
    };
    const whole = given(text, null);
    if (whole !== null) return whole;
    const t = normalizeLabel(text);
    const colon = t.indexOf(':');
    if (colon > 0 && colon < t.length - 1) {
      const left = given(t.slice(0, colon), t.slice(colon + 1));
      if (left !== null) return left;
    }
  }
  const whole = formRole(text);
  if (whole !== null) return { ...whole, value: null };
  const t = normalizeLabel(text).replace(/^其中:?/, '');
  const colon = t.indexOf(':');
  if (colon > 0) {
    const left = formRole(t.slice(0, colon));
    const value = t.slice(colon + 1);
    if (left !== null && value !== '') return { ...left, value };
  }
  const g = GLUED_NUMBER.exec(t);
  if (g !== null) {
    const left = formRole(g[1] as string);
    if (left !== null && left.role !== 'name' && left.role !== 'goal') return { ...left, value: g[2] as string };
  }
  // A value after a space in the key's cell (`项目名称 安全隐患维修`, `预算数 20.00`), where the whole is no key.
  const spaced = /^\s*(\S{3,}?)[\s\u3000]+(\S[\s\S]*)$/.exec(text);
  if (spaced !== null) {
    const left = formRole(spaced[1] as string);
    if (left !== null && left.how === 'exact') return { ...left, value: (spaced[2] as string).trim() };
  }
  return null;
}
