/**
 * column-evidence.ts — the roles of an indicator grid's columns, weighed on their labels and on what
 * their cells hold.
 *
 * Owns: one classifier per role, in a table (`EVIDENCE`: the cells a column of the role can hold, and
 * the cells that say the role — comparators, 正向/反向, units alone, weights, targets, 一级 / 二级 names
 * from the taxonomy); a column's profile over the grid's rows; the weighing of label and cells; the
 * choice among several target columns by their header's words; and the choice among repeated column
 * sets (`二级指标(长期) … 指标值(年度)`) by which one is filled.
 *
 * The weighing: a label the cells fit stands. Where the cells do not fit the label's role and do say
 * another one (80 % of them at least), the cells win: the column gets that role, with evidence `cells`,
 * certain when the label is one departments use for that role too (指标性质 holding 正向/反向, 指标方向
 * holding 大于等于), uncertain otherwise (said at the header cell). A column without a label gets a role
 * only from its cells, uncertain. Fewer than two filled cells are no evidence: the label stands.
 */
import type { FieldReading } from '../contract/model';
import type { Role } from '../contract/roles';
import type { Cell } from '../input/grid';
import { cellText, squeezeSpaces, stripSpaces, toHalfWidth } from '../input/text';
import { ColumnMap, labelAlsoNames, matchColumnLabel, TargetClass, targetClassOf } from '../input/vocabulary';
import { parseTarget } from './target';
import { level1Std, level2Std, splitWeight } from './taxonomy';

/** The roles of a grid's columns that are weighed; the others (name, amounts, goal …) keep their labels. */
const WEIGHED: readonly Role[] = [
  'level1',
  'level2',
  'level3',
  'description',
  'op',
  'direction',
  'value',
  'valuePeriod',
  'valueSecond',
  'measureUnit',
  'weight',
];
const TARGETS: readonly Role[] = ['value', 'valuePeriod', 'valueSecond'];
/** Roles whose columns a grid has one of each; the name roles decide which of two column sets is read. */
const NAME_ROLES: readonly Role[] = ['level3', 'description', 'level2'];

// ---------------------------------------------------------------------------------------------
// Cell shapes.

/** A cell's text as compared: half-width, no spaces, 百分比 as %. */
export function evidenceText(v: Cell | string): string {
  return stripSpaces(toHalfWidth(squeezeSpaces(cellText(v))))
    .replace(/百分比/g, '%')
    .replace(/％/g, '%');
}

const COMPARATOR =
  /^(?:≥|≧|⩾|>=|=>|≤|≦|⩽|<=|=<|>|<|=|大于或等于|大于等于|小于或等于|小于等于|不低于|不少于|不小于|不超过|不高于|不多于|不大于|大于|小于|高于|低于|等于|至少|最多)$/;
const NATURE = /^(?:正向|反向|中性)(?:指标)?$/;
const QUALITATIVE = /^(?:定性|定量)(?:指标)?$/;
const NOT_APPLICABLE = /^(?:无|\/|—+|-+|N\/?A|不适用|本项目不适用此指标)$/i;
const NUMBER = /^[-+]?\d+(?:\.\d+)?$/;
const POINTS = /^\d+(?:\.\d+)?分$/;
const DATE = /\d{1,2}月|\d{4}年|年底|年末|月底|季度|上半年|下半年|\d{4}[.\-/]\d{1,2}/;

/** Units a measure-unit column holds. */
const UNITS: readonly string[] = (
  '% ‰ 元 万元 亿元 千元 个 人 人次 万人次 次 件 套 台 台套 辆 所 户 户次 家 家次 项 项次 批 批次 场 场次 期 天 日 周 月 年 小时 ' +
  '分钟 学时 课时 人天 人月 工日 平方米 ㎡ m² m2 平米 亩 公顷 公里 千米 km 米 m 立方米 m³ 方 吨 千克 公斤 kg 册 本 份 篇 条 ' +
  '张 株 棵 头 只 座 间 处 宗 笔 名 位 班 节 部 架 艘 盏 块 根 支 卷 页 例 床 床位 单 分 倍 个百分点 百分点 千瓦 kW 度 GB TB M Mbps'
).split(' ');

/** A unit alone: `个`, `%`, `人次`, `元/人`, `次/年`. */
export function isUnitText(t: string): boolean {
  if (UNITS.includes(t)) return true;
  const slash = /^([^/\d]{1,4})\/([^/\d]{1,3})$/.exec(t);
  return slash !== null && (UNITS.includes(slash[1] as string) || UNITS.includes(slash[2] as string));
}

/** A comparator alone: `≥`, `大于等于`, `不低于`. */
export const isComparatorText = (t: string): boolean => COMPARATOR.test(t);

const isLevel1 = (t: string): boolean => level1Std(splitWeight(t).name) !== null;
const isLevel2 = (t: string): boolean => level2Std(splitWeight(t).name) !== null;
const isWord = (t: string): boolean => COMPARATOR.test(t) || NATURE.test(t) || QUALITATIVE.test(t);
/** A target with a number (`≥95%`, `280人次`, `12`) or a date (`11月底之前`). */
const isQuantity = (t: string): boolean => {
  if (t.length > 40 || isWord(t)) return false;
  const p = parseTarget(t);
  return (p !== null && p.value !== null) || DATE.test(t);
};
const isWeight = (t: string): boolean => {
  const v = t.replace(/[分%]$/, '');
  return NUMBER.test(v) && Number(v) > 0 && Number(v) <= 100;
};
const isName = (t: string): boolean => t.length >= 2 && /[\u4e00-\u9fff]/.test(t) && !isWord(t) && !isUnitText(t);

/** What a column of a role holds, and what says the role. One entry per role, as date-fns lists its parsers. */
interface RoleEvidence {
  /** A cell a column of this role can hold. */
  fits(t: string): boolean;
  /** A cell that says this role: few columns of another role hold it. */
  marks(t: string): boolean;
}

const TARGET: RoleEvidence = { fits: (t) => !isWord(t) && !isUnitText(t), marks: isQuantity };
const NAME: RoleEvidence = { fits: isName, marks: () => false };

const EVIDENCE: Readonly<Partial<Record<Role, RoleEvidence>>> = {
  op: { fits: (t) => COMPARATOR.test(t) || QUALITATIVE.test(t), marks: (t) => COMPARATOR.test(t) },
  direction: { fits: (t) => NATURE.test(t) || QUALITATIVE.test(t), marks: (t) => NATURE.test(t) },
  measureUnit: { fits: (t) => isUnitText(t) || (t.length <= 3 && !/\d/.test(t) && !isWord(t)), marks: isUnitText },
  weight: { fits: isWeight, marks: (t) => POINTS.test(t) },
  value: TARGET,
  valuePeriod: TARGET,
  valueSecond: TARGET,
  level1: { fits: isLevel1, marks: isLevel1 },
  level2: { fits: isLevel2, marks: isLevel2 },
  level3: NAME,
  description: NAME,
};

/** Roles the cells can give a column against its label, in order of precedence on a tie. */
const SAID_BY_CELLS: readonly Role[] = ['op', 'direction', 'measureUnit', 'level1', 'level2', 'value'];

// ---------------------------------------------------------------------------------------------
// Column profiles.

const MIN_CELLS = 2;
const FITS = 0.5;
const MARKS = 0.8;

interface Profile {
  /** Filled cells. */
  n: number;
  /** Filled cells that say nothing of the role: 定性, 无, `/`. */
  neutral: number;
  /** Of the cells that say anything, the share each role's column can hold, and the share that says the role. */
  fit: Partial<Record<Role, number>>;
  mark: Partial<Record<Role, number>>;
  /** Its numbers add up to 100 in every group (project) that has any: weights. */
  weights: boolean;
}

function profile(texts: readonly string[], groups: readonly (readonly number[])[]): Profile {
  // Cells repeat (`100%`, `%`, `正向`): each distinct text is classified once.
  const counts = new Map<string, number>();
  for (const t of texts) if (t !== '') counts.set(t, (counts.get(t) ?? 0) + 1);
  let n = 0;
  let neutral = 0;
  for (const [t, k] of counts) {
    n += k;
    if (QUALITATIVE.test(t) || NOT_APPLICABLE.test(t)) neutral += k;
  }
  const fit: Partial<Record<Role, number>> = {};
  const mark: Partial<Record<Role, number>> = {};
  const seen = new Map<RoleEvidence, [number, number]>();
  for (const [role, e] of Object.entries(EVIDENCE) as Array<[Role, RoleEvidence]>) {
    let fm = seen.get(e);
    if (fm === undefined) {
      let f = 0;
      let m = 0;
      for (const [t, k] of counts) {
        if (QUALITATIVE.test(t) || NOT_APPLICABLE.test(t)) continue;
        if (e.fits(t)) f += k;
        if (e.marks(t)) m += k;
      }
      fm = [f, m];
      seen.set(e, fm);
    }
    // Of the cells that say anything: 定性 and 无 fit a comparator column and a 正向/反向 one alike.
    fit[role] = n - neutral === 0 ? 1 : fm[0] / (n - neutral);
    mark[role] = n - neutral === 0 ? 0 : fm[1] / (n - neutral);
  }
  return { n, neutral, fit, mark, weights: addsUpTo100(texts, groups) };
}

/** A column's numbers add up to 100 in every group that has any, two numbers at least in one of them: weights. */
function addsUpTo100(texts: readonly string[], groups: readonly (readonly number[])[]): boolean {
  let sums = 0;
  for (const g of groups) {
    const nums = g.map((r) => texts[r] ?? '').filter((t) => t !== '');
    if (nums.length === 0) continue;
    if (!nums.every(isWeight)) return false;
    const total = nums.reduce((s, t) => s + Number(t.replace(/[分%]$/, '')), 0);
    if (Math.abs(total - 100) > 0.5) return false;
    if (nums.length >= 2) sums++;
  }
  return sums > 0;
}

// ---------------------------------------------------------------------------------------------
// The weighing.

/** A grid's header: each column's texts (top row first) and the roles the vocabulary gave them. */
export interface GridHeader {
  texts: ReadonlyMap<number, readonly string[]>;
  cols: ColumnMap;
}

/** One column as weighed: its role (or `ignore`), and why. */
export interface ColumnReading {
  col: number;
  text: string;
  role: Role | 'ignore';
  confidence: FieldReading['confidence'];
  evidence: FieldReading['evidence'];
}

export interface WeighedColumns {
  cols: ColumnMap;
  /** The header of the column read as the second target (`2021年实际实现值`), or null. */
  secondLabel: string | null;
  /** Every weighed column, with its role and evidence. */
  readings: ColumnReading[];
  /** Whether the weighing changed any role the labels gave. */
  changed: boolean;
}

interface Column {
  col: number;
  texts: readonly string[];
  label: Role | null;
  how: FieldReading['evidence'];
  exact: boolean;
  /** Its cells, row by row, as compared. */
  cells: readonly string[];
  profile: Profile;
  cls: TargetClass | null;
  /** The role decided, why, and whether it is certain. */
  role: Role | null;
  by: 'label' | 'words' | 'cells';
  certain: boolean;
  /** A filled target column not read (another set's indicators', or beyond three): set aside, and said. */
  aside: boolean;
}

const last = (texts: readonly string[]): string => [...texts].reverse().find((t) => t !== '') ?? '';

/**
 * The roles of an indicator grid's columns from its header and its rows' cells. `groups` lists the rows of
 * each project (weights add up to 100 in each); by default all rows are one group.
 */
export function weighGridColumns(
  header: GridHeader,
  body: readonly (readonly Cell[])[],
  groups: readonly (readonly number[])[] = [body.map((_, i) => i)],
): WeighedColumns {
  const base = header.cols;
  const roleAt = new Map<number, Role>();
  for (const [role, c] of Object.entries(base) as Array<[Role, number]>) roleAt.set(c, role);
  const gridCols = WEIGHED.map((r) => base[r]).filter((c): c is number => c !== undefined);
  if (gridCols.length === 0) return { cols: base, secondLabel: null, readings: [], changed: false };
  const start = Math.min(...gridCols);
  let width = 0;
  for (const row of body) width = Math.max(width, row.length);
  for (const c of header.texts.keys()) width = Math.max(width, c + 1);

  const columns: Column[] = [];
  for (let c = start; c < width; c++) {
    const texts = header.texts.get(c) ?? [];
    const text = last(texts);
    const given = roleAt.get(c);
    const m = text === '' ? null : matchColumnLabel(text);
    const label = given ?? m?.role ?? null;
    // Columns the vocabulary gave another role (a name, an amount, a note) are not the grid's.
    if (label !== null && !WEIGHED.includes(label)) continue;
    const how: FieldReading['evidence'] =
      m === null || m.how === 'exact' ? 'label' : m.how === 'pattern' ? 'label-pattern' : 'label-contains';
    const cells = body.map((row) => evidenceText(row[c]));
    columns.push({
      col: c,
      texts,
      label,
      how,
      exact: m !== null && m.how === 'exact',
      cells,
      profile: profile(cells, groups),
      cls: texts.map((t) => targetClassOf(t)).find((k) => k !== null) ?? null,
      role: label,
      by: 'label',
      certain: m !== null && m.how === 'exact',
      aside: false,
    });
  }

  // Each column on its own: the label stands where its cells fit it; cells that say another role win.
  for (const k of columns) {
    const p = k.profile;
    if (p.n - p.neutral < MIN_CELLS) continue;
    if (k.label !== null && (p.fit[k.label] ?? 0) >= FITS) continue;
    // Numbers that add up to 100 in every project are weights; otherwise what most cells mark.
    const said = p.weights ? 'weight' : saidByCells(p);
    if (said === null || said === k.label || (k.label !== null && TARGETS.includes(k.label) && TARGETS.includes(said))) continue;
    // Targets are never taken from a column labelled otherwise; an unlabelled one is a target only where
    // no labelled target column is filled (below).
    if (said === 'value') continue;
    k.role = said;
    k.by = 'cells';
    k.certain = k.label !== null && labelAlsoNames(last(k.texts), said);
  }

  // A role given to several columns: two column sets side by side (`二级指标(长期)` … `二级指标(年度)`) are
  // read as the one whose names are filled, the year's on a tie; other repeats keep the first filled.
  const sets = chooseSets(columns);
  const setClass = sets?.read ?? null;
  for (const role of WEIGHED) {
    if (TARGETS.includes(role)) continue;
    const holders = columns.filter((k) => k.role === role);
    if (holders.length < 2) continue;
    const inSet = setClass === null ? [] : holders.filter((k) => k.cls === setClass);
    const keep =
      inSet[0] ??
      holders.find((k) => k.by === 'label' && k.profile.n > 0) ??
      holders.find((k) => k.profile.n > 0) ??
      (holders[0] as Column);
    for (const k of holders) {
      if (k === keep) continue;
      k.role = null;
      k.by = setClass !== null ? 'words' : 'cells';
      k.certain = setClass !== null || k.profile.n === 0;
    }
  }

  chooseTargets(columns, sets);

  const cols: ColumnMap = {};
  for (const [role, c] of Object.entries(base) as Array<[Role, number]>) if (!WEIGHED.includes(role)) cols[role] = c;
  for (const k of columns) if (k.role !== null && cols[k.role] === undefined) cols[k.role] = k.col;
  const second = columns.find((k) => k.col === cols.valueSecond);
  let changed = false;
  const readings: ColumnReading[] = [];
  for (const k of columns) {
    const role: Role | 'ignore' = k.role !== null && cols[k.role] === k.col ? k.role : 'ignore';
    if (role !== (roleAt.get(k.col) ?? 'ignore')) changed = true;
    if (k.texts.every((t) => t === '') && role === 'ignore' && !k.aside) continue;
    const text = k.texts.filter((t) => t !== '').join(' / ');
    if (k.aside) {
      // Read as a note (kept out of the model), uncertain: the reading says so at its header cell.
      readings.push({ col: k.col, text, role: 'note', confidence: 'low', evidence: 'cells' });
      continue;
    }
    const evidence = k.by === 'cells' ? 'cells' : k.how;
    const confidence = k.by === 'cells' ? (k.certain ? 'high' : 'low') : k.exact || role === 'ignore' ? 'high' : 'low';
    readings.push({ col: k.col, text, role, confidence, evidence });
  }
  return { cols, secondLabel: second === undefined ? null : last(second.texts) || null, readings, changed };
}

/** The role a column's cells say, or null: the first of `SAID_BY_CELLS` that most of its cells mark. */
function saidByCells(p: Profile): Role | null {
  if (p.n - p.neutral < MIN_CELLS) return null;
  let best: Role | null = null;
  let score = MARKS;
  for (const role of SAID_BY_CELLS) {
    const m = p.mark[role] ?? 0;
    if (m >= score + (best === null ? 0 : 1e-9)) {
      best = role;
      score = m;
    }
  }
  return best;
}

/** Column sets side by side: the class read, and the classes whose own indicator names are filled. */
interface ColumnSets {
  read: TargetClass;
  /** Other sets whose names are filled and are not the read set's: their targets are other indicators'. */
  others: ReadonlySet<TargetClass>;
}

/** The column set to read where name columns repeat with 长期 / 年度 words (the filled one, the year's on a tie), or null. */
function chooseSets(columns: readonly Column[]): ColumnSets | null {
  for (const role of NAME_ROLES) {
    const holders = columns.filter((k) => k.role === role && k.cls !== null);
    if (new Set(holders.map((k) => k.cls)).size < 2) continue;
    const rank = (k: Column): number => k.profile.n * 4 + (k.cls === 'annual' ? 2 : k.cls === 'period' ? 1 : 0);
    const chosen = [...holders].sort((a, b) => rank(b) - rank(a))[0] as Column;
    const same = (k: Column): boolean => k.cells.every((t, i) => t === chosen.cells[i]);
    const others = holders.filter((k) => k.cls !== chosen.cls && k.profile.n > 0 && !same(k)).map((k) => k.cls as TargetClass);
    return { read: chosen.cls as TargetClass, others: new Set(others) };
  }
  return null;
}

/**
 * Several target columns: the year's (预期/目标/计划/本年/年度) is the annual target, 长期/中期/实施期 the
 * period's, 实际/上年/完成/历史 the second one kept beside them; empty ones are left out. Without words, a
 * later year over an earlier one; a column without a label is a target only when no labelled one is filled.
 */
function chooseTargets(columns: Column[], sets: ColumnSets | null): void {
  const labelled = columns.filter((k) => k.role !== null && TARGETS.includes(k.role));
  // The target of another column set whose own names are filled belongs to other indicators: not read, said.
  const otherSet = (k: Column): boolean => sets !== null && k.cls !== null && sets.others.has(k.cls);
  for (const k of labelled) {
    if (!otherSet(k)) continue;
    k.role = null;
    k.by = k.profile.n > 0 ? 'cells' : 'words';
    k.certain = k.profile.n === 0;
    k.aside = k.profile.n > 0;
  }
  let pool = labelled.filter((k) => k.role !== null && k.profile.n > 0);
  if (pool.length === 0) {
    // Most of its cells fit a target, half of them at least with a number or a date.
    const unlabelled = columns.filter(
      (k) =>
        k.label === null &&
        k.role === null &&
        k.profile.n >= MIN_CELLS &&
        (k.profile.fit.value ?? 0) >= MARKS &&
        (k.profile.mark.value ?? 0) >= FITS,
    );
    if (unlabelled.length > 0) {
      pool = unlabelled;
      for (const k of unlabelled) {
        k.role = 'value';
        k.by = 'cells';
        k.certain = false;
      }
    }
  }
  if (pool.length === 0) return;
  const years = (k: Column): number => Math.max(0, ...k.texts.flatMap((t) => [...t.matchAll(/(?:19|20)\d{2}/g)].map((m) => Number(m[0]))));
  const latest = Math.max(...pool.map(years));
  const clsOf = (k: Column): TargetClass | null => {
    if (k.cls !== null) return k.cls;
    if (k.label === 'valuePeriod') return 'period';
    if (k.label === 'valueSecond') return 'past';
    const y = years(k);
    return y > 0 && y < latest ? 'past' : null;
  };
  const taken = new Set<Column>();
  const pick = (want: ReadonlyArray<TargetClass | null>): Column | null => {
    for (const w of want) {
      const k = pool.find((c) => !taken.has(c) && clsOf(c) === w);
      if (k !== undefined) {
        taken.add(k);
        return k;
      }
    }
    return null;
  };
  const annual = pick(['annual', null]);
  const period = pick(['period']);
  const second = pick(['past', 'annual', null, 'period']);
  for (const k of [...labelled, ...pool]) {
    if (otherSet(k)) continue;
    const role: Role | null = k === annual ? 'value' : k === period ? 'valuePeriod' : k === second ? 'valueSecond' : null;
    if (role === k.role && k.by !== 'cells') continue;
    if (k.by !== 'cells') {
      if (role !== null) {
        // Chosen among the label's kind by the header's words: as certain as the label.
        k.by = 'words';
        k.certain = k.exact;
      } else if (k.profile.n === 0) {
        // An empty target column left out: nothing is lost.
        k.by = 'words';
        k.certain = true;
      } else {
        // A filled target column beyond the three a model keeps: said.
        k.by = 'cells';
        k.certain = false;
        k.aside = true;
      }
    }
    k.role = role;
  }
}
