/**
 * synth.ts — seeded synthetic packed-list tables with the fixture's noise, and their truth.
 *
 * Used by the benchmark (1k / 10k / 100k projects) and by tests that check the pipeline
 * against a known answer at scale. Noise: OCR spaces in amounts and words, full-width
 * digits, dashes for zero, mixed separators, `≧`, 百分比, page breaks that collapse empty
 * columns (4-, 5- and 6-cell blocks), and continuation rows that split indicator text.
 */

export type SynthCell = string;

export interface SynthTruth {
  /** 1-based row → kind. */
  kinds: Map<number, string>;
  /** 1-based row → 1-based parent row (projects and units). */
  parents: Map<number, number | null>;
  /** 1-based row → [total, fiscal, specialAccount, other] scaled (null when empty). */
  amounts: Map<number, Array<number | null>>;
  /** 1-based row → indicator count (projects). */
  indicators: Map<number, number>;
  projects: number;
  units: number;
}

export interface SynthTable {
  grid: SynthCell[][];
  truth: SynthTruth;
}

/** mulberry32: a small, fast, seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UNIT_NAMES = ['市中级人民法院', '区人民法院', '综合保障中心', '法官培训学院', '司法鉴定中心', '信息技术中心'];
const PROJECT_WORDS = [
  '信息化运维',
  '审判执行专项',
  '业务用房物业管理',
  '机构运行辅助',
  '诉讼费退费备用金',
  '司法救助',
  '智慧法院建设',
  '干警培训',
  '安保服务',
  '档案数字化',
];
const GOALS = [
  '通过开展该项目,积极推进人民法院信息化建设,进一步提升审判执行工作效率。',
  '保障我院依法履行审判职能,顺利完成各项工作任务,提升司法公正性水平。',
  '确保办公业务用房正常运转,为干警提供良好的办案环境。',
];
const INDICATORS: Array<[string, string, string, string]> = [
  ['1-产出指标', '11-数量指标', '聘用后勤人员数量', '≥30人'],
  ['1-产出指标', '11-数量指标', '信息化系统完成业务率', '100%'],
  ['1-产出指标', '12-质量指标', '工资发放合规率', '≧98百分比'],
  ['1-产出指标', '13-时效指标', '设施设备维修维护故障处理时效', '<1小时'],
  ['2-效益指标', '22-社会效益', '司法公正性水平', '与去年同比提升'],
  ['2-效益指标', '24-可持续影响', '信息化系统平均运行无故障率', '≥95%'],
  ['3-满意度指标', '31-服务对象满意度', '服务对象满意度', '≥90%'],
  ['1-产出指标', '11-数量指标', '诉讼材料数字化加工服务宗数', '≥5.4万宗'],
];
const SEPS = ['; ', ': ', ';', ',', '； ', '：'];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

/** Insert an OCR space somewhere inside a CJK word. */
function ocrSpace(r: () => number, s: string): string {
  if (s.length < 4 || r() > 0.3) return s;
  const at = 1 + Math.floor(r() * (s.length - 2));
  return s.slice(0, at) + ' ' + s.slice(at);
}

const FULL_DIGITS = '０１２３４５６７８９';

/** Format a scaled (1e-4) amount the way PDF pastes do. */
export function noisyAmount(r: () => number, scaled: number | null): string {
  if (scaled === null) return '';
  if (scaled === 0) return pick(r, ['—', '——', '-', '0.00']);
  const units = Math.floor(scaled / 10000);
  const frac = scaled % 10000;
  let fracText = String(frac).padStart(4, '0');
  fracText = fracText.endsWith('00') ? fracText.slice(0, 2) : fracText.replace(/0+$/, '');
  const grouped = String(units).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const x = r();
  if (x < 0.45) return `${grouped.replace(/,/g, ', ')}. ${fracText}`; // `13, 586. 01`
  if (x < 0.55) return `${units}.${fracText}`.replace(/\d/g, (d) => FULL_DIGITS[Number(d)] as string);
  if (x < 0.65) return `${units}.${fracText}万元`;
  return `${grouped}.${fracText}`;
}

/**
 * Most projects cover 产出, 效益 and 满意度 with distinct indicators, as real tables do; one in ten
 * picks at random (and may then miss a kind or repeat one), so the review checks have work too.
 */
function chooseIndicators(r: () => number, count: number): Array<[string, string, string, string]> {
  if (r() < 0.1) return Array.from({ length: count }, () => pick(r, INDICATORS));
  const byKind = (k: string) => INDICATORS.filter((i) => i[0].startsWith(k));
  const chosen = [pick(r, byKind('1')), pick(r, byKind('2')), pick(r, byKind('3'))];
  const rest = INDICATORS.filter((i) => !chosen.includes(i));
  while (chosen.length < count && rest.length > 0)
    chosen.push(rest.splice(Math.floor(r() * rest.length), 1)[0] as [string, string, string, string]);
  return chosen;
}

function indicatorCell(r: () => number, count: number): string {
  const parts: string[] = [];
  const chosen = chooseIndicators(r, count);
  for (let i = 1; i <= count; i++) {
    const [l1, l2, name, target] = chosen[i - 1] as [string, string, string, string];
    const sep = pick(r, SEPS);
    const annual = r() < 0.9 ? `${sep}${ocrSpace(r, '年度指标值')}:${target}` : '';
    parts.push(`${i}、${ocrSpace(r, l1)}${sep}${l2}${sep}${ocrSpace(r, name)}${sep}实施周期指标值:${target}${annual}。`);
  }
  return parts.join('');
}

function randomAmount(r: () => number): number {
  // 0.01 to 5,000.00 万元, sometimes with 3–4 decimals.
  const cents = 1 + Math.floor(r() * 500_000);
  const extra = r() < 0.1 ? Math.floor(r() * 100) : 0;
  return cents * 100 + extra;
}

/** A packed-list table of `projects` projects, deterministic for a seed. */
export function synthTable(projects: number, seed = 1): SynthTable {
  const r = rng(seed);
  const grid: SynthCell[][] = [];
  const truth: SynthTruth = { kinds: new Map(), parents: new Map(), amounts: new Map(), indicators: new Map(), projects, units: 0 };
  grid.push(['部门名称: 某省高级人民法院', '', '', '', '', '', '']);
  truth.kinds.set(1, 'title');
  grid.push(['项目名称(资金使用单位)', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标']);
  truth.kinds.set(2, 'header');
  const grandRow = grid.length;
  grid.push([]); // filled in at the end
  truth.kinds.set(grandRow + 1, 'grandTotal');
  const grand = [0, 0, 0, 0];
  let made = 0;
  let layout = 7; // cells per row on the current "page"
  let rowsOnPage = 0;
  while (made < projects) {
    const size = Math.min(projects - made, 5 + Math.floor(r() * 36));
    const unitRow = grid.length;
    grid.push([]);
    truth.kinds.set(unitRow + 1, 'unit');
    truth.parents.set(unitRow + 1, grandRow + 1);
    truth.units++;
    const unitSum: [number, number, number, number] = [0, 0, 0, 0];
    for (let p = 0; p < size; p++) {
      if (++rowsOnPage > 25) {
        // A page break: a blank row, and the next page may collapse its empty columns.
        grid.push(['']);
        truth.kinds.set(grid.length, 'blank');
        layout = pick(r, [7, 7, 6, 5, 4]);
        rowsOnPage = 0;
      }
      const fiscal = randomAmount(r);
      const other = r() < 0.1 ? randomAmount(r) : null;
      const total = fiscal + (other ?? 0);
      const n = 4 + Math.floor(r() * 2);
      const name = ocrSpace(r, `${pick(r, PROJECT_WORDS)}经费${made + 1}号`);
      const goal = pick(r, GOALS);
      const ind = indicatorCell(r, n);
      const row = grid.length + 1;
      truth.kinds.set(row, 'project');
      truth.parents.set(row, unitRow + 1);
      truth.indicators.set(row, n);
      truth.amounts.set(row, [total, fiscal, null, other]);
      const t = noisyAmount(r, total);
      const f = noisyAmount(r, fiscal);
      const o = noisyAmount(r, other);
      // Collapsed layouts only on pages whose collapsed columns are empty.
      const lay = other !== null && layout < 7 ? 7 : layout;
      if (lay === 7) {
        const split = r() < 0.05 && rowsOnPage < 25;
        if (split) {
          // The indicator text continues on the next row, after a page break.
          const cut = Math.floor(ind.length / 2);
          grid.push([name, t, f, '', o, goal, ind.slice(0, cut)]);
          grid.push(['', '', '', '', '', '', ind.slice(cut)]);
          truth.kinds.set(row + 1, 'continuation');
          rowsOnPage++;
        } else grid.push([name, t, f, '', o, goal, ind]);
      } else if (lay === 6) grid.push([name, t, f, '', goal, ind]);
      else if (lay === 5) grid.push([name, t, f, goal, ind]);
      else grid.push([name, t, f, goal + ' ' + ind]);
      unitSum[0] += total;
      unitSum[1] += fiscal;
      unitSum[3] += other ?? 0;
      made++;
    }
    const uname = `某省${pick(r, UNIT_NAMES)}${truth.units}`;
    grid[unitRow] = [
      uname,
      noisyAmount(r, unitSum[0]),
      noisyAmount(r, unitSum[1]),
      '',
      unitSum[3] ? noisyAmount(r, unitSum[3]) : '',
      '',
      '',
    ];
    truth.amounts.set(unitRow + 1, [unitSum[0], unitSum[1], null, unitSum[3] || null]);
    for (let k = 0; k < 4; k++) grand[k] = (grand[k] as number) + (unitSum[k] as number);
  }
  grid[grandRow] = [
    '合计',
    noisyAmount(r, grand[0] as number),
    noisyAmount(r, grand[1] as number),
    '',
    grand[3] ? noisyAmount(r, grand[3]) : '',
    '',
    '',
  ];
  truth.amounts.set(grandRow + 1, [grand[0] as number, grand[1] as number, null, grand[3] || null]);
  return { grid, truth };
}

/** The grid as tab-separated text, as a paste would produce. */
export function toTsv(grid: SynthCell[][]): string {
  return grid.map((row) => row.join('\t')).join('\n');
}
