/**
 * form.ts — the single-project form layout, and its reader.
 *
 * Owns: reading forms that stand one under another: a 项目名称 row names the project (the
 * model's project row), key/value rows give its amounts (预算数 / 年度资金总额, 其中:财政拨款 /
 * 财政资金, 其他资金) and goal (绩效目标 / 年度目标, continued on following text rows), and an
 * indicator grid (一级 / 二级 / 三级 / 指标值, merged cells filled down) gives its indicators.
 * Labels are matched despite OCR spaces (`其中:财政 资金`), typos (`财政投款`) and labels split
 * one character per cell.
 */
import { parseAmount } from '../input/amount';
import type { Cell, Grid } from '../input/grid';
import { isHeaderLike, matchHeaderRow } from '../input/header';
import { cellText, joinFragments, normalizeLabel, squeezeSpaces } from '../input/text';
import { AmountRole, ColumnMap } from '../input/vocabulary';
import { LevelState, readIndicatorRow } from '../indicators/grid-row';
import type { RunCache } from '../indicators/intern';
import type { Indicator } from '../output/model';
import type { LayoutReader } from './reader';
import { addMerged, newRow, WorkRow } from './rows';

type FormKey = AmountRole | 'goal' | 'name' | 'purpose';

const KEYS: Array<[RegExp, FormKey]> = [
  [/^项目名称$/, 'name'],
  [/^(?:预算数|年度资金总额|资金总额|项目金额|年度预算数|预算金额|总计|合计|年度本级预算金额)(?:\((?:万元|元)\))?$/, 'total'],
  [/^(?:其中:)?(?:财政拨款|财政资金|财政投款|当年财政拨款|本年财政拨款|一般公共预算拨款)(?:\((?:万元|元)\))?$/, 'fiscal'],
  [/^(?:其中:)?(?:财政专户拨款|财政专户管理资金)$/, 'specialAccount'],
  [/^(?:其中:)?其他资金(?:\((?:万元|元)\))?$/, 'other'],
  [/^(?:绩效目标|年度目标|年度绩效目标|总体目标|实施期绩效目标|项目绩效目标)$/, 'goal'],
  [/^(?:预算规模及资金用途|资金用途|项目概况|立项依据)$/, 'purpose'],
];

export function formKey(text: string): FormKey | null {
  if (text.length > 30) return null;
  const label = normalizeLabel(text);
  for (const [re, key] of KEYS) if (re.test(label)) return key;
  return null;
}

/** Join labels split one character per cell (`绩 | 效 | 目 | 标`) into their first cell. */
export function joinSplitLabels(cells: readonly Cell[]): Cell[] {
  const out = [...cells];
  let c = 0;
  while (c < out.length) {
    const one = (v: Cell) => typeof v === 'string' && v.trim().length === 1;
    if (!one(out[c])) {
      c++;
      continue;
    }
    let e = c;
    while (e < out.length && one(out[e])) e++;
    if (e - c >= 2) {
      const joined = out
        .slice(c, e)
        .map((v) => String(v).trim())
        .join('');
      if (formKey(joined) !== null || isHeaderLike(matchHeaderRow([joined]))) {
        out[c] = joined;
        for (let k = c + 1; k < e; k++) out[k] = '';
      }
    }
    c = e;
  }
  return out;
}

interface Pending {
  project: WorkRow;
  lastKey: FormKey | null;
  grid: ColumnMap | null;
  levels: LevelState;
  indicators: Indicator[];
}

export function isFormNameRow(cells: readonly Cell[]): boolean {
  const ne = cells.map((v, c) => [c, cellText(v).trim()] as const).filter(([, t]) => t !== '');
  return ne.length >= 2 && formKey(ne[0]?.[1] as string) === 'name' && formKey(ne[1]?.[1] as string) === null;
}

export function buildFormStructure(grid: Grid, cache: RunCache): WorkRow[] {
  const rows: WorkRow[] = [];
  let cur: Pending | null = null;
  const close = () => {
    if (cur) cur.project.indicators = cur.indicators;
  };
  for (let r = 0; r < grid.length; r++) {
    const row = newRow(r);
    rows.push(row);
    const cells = joinSplitLabels(grid[r] ?? []);
    const ne = cells.map((v, c) => [c, cellText(v)] as const).filter(([, t]) => t.trim() !== '');
    if (ne.length === 0) continue;
    if (isFormNameRow(cells)) {
      close();
      const [c, text] = ne[1] as readonly [number, string];
      row.kind = 'project';
      row.name = squeezeSpaces(text);
      row.nameCol = c;
      cur = { project: row, lastKey: null, grid: null, levels: { level1: '', level2: '' }, indicators: [] };
      continue;
    }
    const header = matchHeaderRow(cells);
    if (header.columns.level1 !== undefined && header.columns.level2 !== undefined) {
      row.kind = 'header';
      if (cur) {
        cur.grid = header.columns;
        cur.levels = { level1: '', level2: '' };
      }
      continue;
    }
    if (cur === null) {
      row.kind = 'title';
      continue;
    }
    if (cur.grid !== null) {
      const ind = readIndicatorRow(cells, cur.grid, cur.levels, cur.indicators.length + 1, cache);
      if (ind !== null) {
        cur.indicators.push(ind);
        row.kind = 'continuation';
        row.parent = cur.project.index;
        addMerged(cur.project, r);
      } else {
        // Text between forms (the next form's unit line, page headers).
        row.kind = 'title';
      }
      continue;
    }
    // Key/value rows of the form.
    row.kind = 'continuation';
    row.parent = cur.project.index;
    addMerged(cur.project, r);
    let sawKey = false;
    for (let k = 0; k < ne.length; k++) {
      const [c, text] = ne[k] as readonly [number, string];
      const key = formKey(text);
      if (key === null) continue;
      sawKey = true;
      cur.lastKey = key;
      const next = ne[k + 1];
      const valueCell = next !== undefined && formKey(next[1]) === null ? next : undefined;
      if (key === 'total' || key === 'fiscal' || key === 'specialAccount' || key === 'other') {
        // The value stands right of its label; an empty cell there is an empty amount.
        const at =
          cells[c + 1] !== undefined && cellText(cells[c + 1]).trim() !== ''
            ? c + 1
            : valueCell && valueCell[0] === c + 1
              ? valueCell[0]
              : null;
        cur.project.amounts[key] =
          at === null
            ? { parse: { kind: 'empty' }, col: c + 1, recovered: false, row: r }
            : { parse: parseAmount(cells[at]), col: at, recovered: false, row: r };
      } else if (key === 'goal') {
        const text = ne
          .slice(k + 1)
          .map(([, t]) => t)
          .join('');
        if (text.trim() !== '') {
          cur.project.goal = cur.project.goal === null ? squeezeSpaces(text) : joinFragments(cur.project.goal, squeezeSpaces(text));
          cur.project.goalCol = (ne[k + 1] as readonly [number, string])[0];
        }
        break;
      }
    }
    if (!sawKey && cur.lastKey === 'goal') {
      // The goal continues on a row of its own.
      const text = squeezeSpaces(ne.map(([, t]) => t).join(''));
      cur.project.goal = cur.project.goal === null ? text : joinFragments(cur.project.goal, text);
    }
  }
  close();
  return rows;
}

/**
 * Forms: a 项目名称 row starts each one, and an indicator grid header without project columns
 * (一级指标 | 二级指标 | … and no 项目名称 or amount column) belongs to a form, not a grid list.
 */
export const formReader: LayoutReader = {
  detect({ header, formRow }) {
    if (formRow >= 0) return 2;
    return header !== null && header.columns.level1 !== undefined && header.columns.level2 !== undefined ? 2 : 0;
  },
  read(cells, _survey, ctx) {
    return { rows: buildFormStructure(cells, ctx.cache), columns: {}, headerRow: null, headerMissing: false };
  },
};
