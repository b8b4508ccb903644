/**
 * form.ts — the single-project form layout, and its reader.
 *
 * Owns: reading forms that stand one under another. A name key (项目名称, 专项资金名称, 二级项目名称,
 * 部门名称 …) starts a form, the model's project row. Key/value rows give its amounts, goal and the
 * keys that are read but not kept (主管部门, 项目概况 …), in any order, a value in the next cell or
 * glued to its key (`年度资金总额:16`, `其中 :上级资金16`). A funding block of numbered lines counts
 * each source once: `(一)财政拨款小计 4.00` is fiscal and its sub-lines `1、一般公共预算 4.00` are its
 * parts. A total cell that holds a caption (`金额(万元)`) instead of a number leaves the total empty
 * at that cell, to be inferred and flagged. An indicator grid (any of 一级 / 二级 / 三级, 指标值,
 * 指标性质, 计量单位, 权重 … in any order) gives the indicators, merged labels filled in. Title blocks
 * repeated per form are titles; a row that fits none of this is reported as unread.
 */
import { AmountParse, parseAmount } from '../input/amount';
import { AmountUnit } from '../contract/money';
import type { Cell, Grid } from '../input/grid';
import { matchHeaderRow } from '../input/header';
import { cellText, joinFragments, normalizeLabel, squeezeSpaces, trimSpaces } from '../input/text';
import { FormKeyMatch, isFiscalWhole, matchColumnLabel, matchFormKey, roleOfLabel, totalPriority } from '../input/vocabulary';
import { AMOUNT_ROLES, AmountRole, GRID_ROLES } from '../contract/roles';
import { buildIndicators, IndicatorCells, indicatorCells, IndicatorColumns } from '../indicators/grid-row';
import type { RunCache } from '../indicators/intern';
import type { FieldReading } from '../contract/model';
import type { LayoutReader, ReadResult } from './reader';
import { addMerged, AmountSlot, newRow, NO_SLOT, WorkRow } from '../rows/work-row';
import { isTitleLine } from './row-cells';

/** Join labels split one character per cell (`绩 | 效 | 目 | 标`) into their first cell. */
export function joinSplitLabels(cells: readonly Cell[]): Cell[] {
  const out = [...cells];
  let c = 0;
  while (c < out.length) {
    const one = (v: Cell) => typeof v === 'string' && trimSpaces(v).length === 1;
    if (!one(out[c])) {
      c++;
      continue;
    }
    let e = c;
    while (e < out.length && one(out[e])) e++;
    if (e - c >= 2) {
      const joined = out
        .slice(c, e)
        .map((v) => trimSpaces(String(v)))
        .join('');
      if (matchFormKey(joined) !== null || roleOfLabel(joined) !== null) {
        out[c] = joined;
        for (let k = c + 1; k < e; k++) out[k] = '';
      }
    }
    c = e;
  }
  return out;
}

/** The non-empty cells of a row: [column, text]. */
function nonEmpty(cells: readonly Cell[]): Array<readonly [number, string]> {
  const out: Array<readonly [number, string]> = [];
  for (let c = 0; c < cells.length; c++) {
    const t = trimSpaces(cellText(cells[c]));
    if (t !== '') out.push([c, t]);
  }
  return out;
}

/** A name key and its value: `项目名称 | X` or `项目名称:X`; null when the row does not start a form. */
function nameOfRow(
  cells: readonly Cell[],
  keys?: Readonly<Record<string, string>>,
): { key: FormKeyMatch; keyCol: number; name: string; col: number } | null {
  const ne = nonEmpty(cells);
  const first = ne[0];
  if (first === undefined) return null;
  const key = matchFormKey(first[1], keys);
  if (key === null || key.role !== 'name') return null;
  if (key.value !== null) return { key, keyCol: first[0], name: key.value, col: first[0] };
  const second = ne[1];
  if (second === undefined || matchFormKey(second[1], keys) !== null) return null;
  return { key, keyCol: first[0], name: second[1], col: second[0] };
}

export function isFormNameRow(cells: readonly Cell[]): boolean {
  return nameOfRow(cells) !== null;
}

/** The priority of a name key: a 二级项目 names the project more closely than its 一级项目. */
function namePriority(key: string): number {
  return key.startsWith('二级') ? 2 : key.startsWith('一级') ? 0 : 1;
}

/** The columns of an indicator grid header in a form, or null when the row is not one. */
function gridHeader(cells: readonly Cell[]): (IndicatorColumns & { fields: Array<[number, string]> }) | null {
  const m = matchHeaderRow(cells);
  const cols = m.columns;
  let gridRoles = 0;
  for (const role of GRID_ROLES) if (cols[role] !== undefined && role !== 'unitName') gridRoles++;
  if (gridRoles < 2 || (cols.level3 === undefined && cols.value === undefined && cols.description === undefined)) return null;
  // Amount or name columns make it a list's header, not a form's grid.
  if (cols.total !== undefined || cols.fiscal !== undefined || cols.name !== undefined) return null;
  const second = cols.valueSecond === undefined ? null : trimSpaces(cellText(cells[cols.valueSecond]));
  const fields: Array<[number, string]> = [];
  for (let c = 0; c < cells.length; c++) {
    const t = trimSpaces(cellText(cells[c]));
    if (t !== '') fields.push([c, t]);
  }
  return { cols, secondLabel: second, fields };
}

/** An amount as a form cell writes it: a number, `250万`, the number printed twice, or a number then an explanation. */
function formAmount(text: string): AmountParse {
  const p = parseAmount(text);
  if (p.kind !== 'unparsable') return p;
  const t = normalizeLabel(text);
  const m = /^([-+]?\d[\d,]*(?:\.\d+)?(?:万元|万|元)?)(.*)$/.exec(t);
  if (m !== null) {
    const rest = m[2] as string;
    // `854万(其中…400万元,…)`, `854万854万`.
    if (rest.startsWith('(') || rest === m[1]) {
      const lead = parseAmount(m[1]);
      if (lead.kind === 'value') return lead;
    }
  }
  return p;
}

/** Text with no digit at all where an amount belongs: a caption such as `金额(万元)`. */
const isCaption = (text: string): boolean => !/[0-9０-９]/.test(text) && !/^[\s\-—–－]*$/.test(text);

interface Entry {
  parse: AmountParse;
  col: number;
  row: number;
  key: string;
  /** A numbered line `(一)…` of a breakdown: its own lines `1、…` are its parts. */
  top: boolean;
  /** The top line a numbered sub-line `1、…` belongs to. */
  parent: Entry | null;
  caption: boolean;
}

/** One form being read. */
class FormState {
  readonly entries: Record<AmountRole, Entry[]> = { total: [], fiscal: [], specialAccount: [], other: [] };
  namePriority: number;
  /** The key of the last row with a text key (goal, purpose, info): keyless text rows below continue it. */
  lastTextKey: 'goal' | 'purpose' | 'info' | null = null;
  currentTop: Entry | null = null;
  grid: IndicatorColumns | null = null;
  readonly gridRows: IndicatorCells[] = [];
  constructor(
    readonly project: WorkRow,
    nameKey: string,
  ) {
    this.namePriority = namePriority(nameKey);
  }
}

/** Sum the entries of one role (a breakdown's sub-lines only where their top line has no number). */
function resolveSum(entries: Entry[]): AmountSlot {
  const counted: Entry[] = [];
  for (const e of entries) {
    if (e.parent !== null) continue;
    const subs = entries.filter((s) => s.parent === e);
    if (e.top && e.parse.kind === 'empty' && subs.length > 0) counted.push(...subs);
    else counted.push(e);
  }
  // Sub-lines whose top line is of another role (`1、一般公共预算` under `(一)财政拨款小计` is read as
  // fiscal either way) never count twice: only the lines counted above.
  const first = counted[0] ?? entries[0];
  if (first === undefined) return NO_SLOT;
  const bad = counted.find((e) => e.parse.kind === 'unparsable');
  if (bad !== undefined) return { parse: bad.parse, col: bad.col, recovered: false, row: bad.row };
  let sum = 0;
  let any = false;
  let unit: AmountUnit | null = null;
  for (const e of counted) {
    if (e.parse.kind !== 'value') continue;
    if (any && e.parse.unit !== unit) {
      return {
        parse: { kind: 'unparsable', raw: counted.map((x) => x.key).join('+'), reason: 'format' },
        col: e.col,
        recovered: false,
        row: e.row,
      };
    }
    sum += e.parse.scaled;
    unit = e.parse.unit;
    any = true;
  }
  if (!any) return { parse: { kind: 'empty' }, col: first.col, recovered: false, row: first.row };
  return { parse: { kind: 'value', scaled: sum, unit, dash: false }, col: first.col, recovered: false, row: first.row };
}

/** The form's amounts from its entries: the highest-priority total, the whole fiscal amount over its levels. */
function resolveAmounts(f: FormState): void {
  const a = f.project.amounts;
  const totals = f.entries.total;
  if (totals.length > 0) {
    // The highest-priority total that holds a number; a key with no number of its own (`年度预算 |
    // 资金总额 | 5,000`) is a caption over the next.
    const withValue = totals.filter((e) => e.parse.kind !== 'empty');
    const pool = withValue.length > 0 ? withValue : totals;
    const best = Math.max(...pool.map((e) => totalPriority(e.key)));
    const chosen = pool.find((e) => totalPriority(e.key) === best) as Entry;
    a.total = { parse: chosen.parse, col: chosen.col, recovered: false, row: chosen.row };
  }
  const fiscal = f.entries.fiscal;
  const wholes = fiscal.filter((e) => e.parent === null && isFiscalWhole(e.key));
  a.fiscal = resolveSum(
    wholes.length > 0 ? fiscal.filter((e) => isFiscalWhole(e.key) || (e.parent !== null && wholes.includes(e.parent))) : fiscal,
  );
  a.specialAccount = resolveSum(f.entries.specialAccount);
  a.other = resolveSum(f.entries.other);
}

interface FormStructure {
  rows: WorkRow[];
  fields: FieldReading[];
  unread: number[];
}

function keyEvidence(m: FormKeyMatch): FieldReading['evidence'] {
  if (m.value !== null) return 'glued';
  return m.how === 'exact' ? 'label' : m.how === 'pattern' ? 'label-pattern' : 'label-contains';
}

export function buildFormStructure(grid: Grid, cache: RunCache, keys?: Readonly<Record<string, string>>): FormStructure {
  const keyOf = (t: string): FormKeyMatch | null => matchFormKey(t, keys);
  const rows: WorkRow[] = [];
  const fields: FieldReading[] = [];
  const seen = new Set<string>();
  const unread: number[] = [];
  const field = (row: number, col: number, text: string, role: FieldReading['role'], evidence: FieldReading['evidence']): void => {
    const id = `${normalizeLabel(text)}|${role}`;
    if (seen.has(id)) return;
    seen.add(id);
    fields.push({ row: row + 1, col, text, role, confidence: evidence === 'label' || evidence === 'glued' ? 'high' : 'low', evidence });
  };
  let cur: FormState | null = null;
  const close = (): void => {
    if (cur === null) return;
    resolveAmounts(cur);
    cur.project.indicators = cur.grid === null ? [] : buildIndicators(cur.gridRows, cur.grid, cache);
    cur = null;
  };
  const belongs = (f: FormState, row: WorkRow): void => {
    row.kind = 'continuation';
    row.parent = f.project.index;
    addMerged(f.project, row.index);
  };

  for (let r = 0; r < grid.length; r++) {
    const row = newRow(r);
    rows.push(row);
    const cells = joinSplitLabels(grid[r] ?? []);
    const ne = nonEmpty(cells);
    if (ne.length === 0) continue;

    const named = nameOfRow(cells, keys);
    if (named !== null) {
      const f = cur as FormState | null;
      // A closer name key (二级项目名称 after 一级项目名称) in the key rows names the same form.
      if (f !== null && f.grid === null && namePriority(named.key.key) > f.namePriority) {
        f.project.name = squeezeSpaces(named.name);
        f.project.nameCol = named.col;
        f.namePriority = namePriority(named.key.key);
        belongs(f, row);
      } else {
        close();
        row.kind = 'project';
        row.name = squeezeSpaces(named.name);
        row.nameCol = named.col;
        cur = new FormState(row, named.key.key);
      }
      field(r, named.keyCol, ne[0]?.[1] ?? '', 'name', keyEvidence(named.key));
      continue;
    }

    const header = gridHeader(cells);
    if (header !== null) {
      row.kind = 'header';
      if (cur !== null) {
        if (cur.grid === null) cur.grid = header;
        belongs(cur, row);
        row.kind = 'header';
      }
      for (const [c, t] of header.fields) {
        const m = matchColumnLabel(t);
        const role = m === null ? 'ignore' : m.role === 'indicators' ? 'indicatorBlock' : m.role;
        field(r, c, t, role, m === null ? 'label' : m.how === 'exact' ? 'label' : m.how === 'pattern' ? 'label-pattern' : 'label-contains');
      }
      continue;
    }

    const firstKey = keyOf(ne[0]?.[1] ?? '');
    if (cur !== null && cur.grid !== null) {
      // A key in the first cell (the next form's 编制单位 …) ends this form's grid.
      if (firstKey !== null && firstKey.role !== 'indicatorBlock') {
        close();
      } else {
        const ind = indicatorCells(cells, cur.grid.cols);
        if (ind !== null) {
          cur.gridRows.push(ind);
          belongs(cur, row);
        } else if (isTitleLine(ne.map(([, t]) => t).join(''))) {
          row.kind = 'title';
        } else {
          row.kind = 'title';
          unread.push(r);
        }
        continue;
      }
    }

    if (cur === null) {
      // Title block and keys before a form's name (编制单位, 单位:万元, 表十二).
      row.kind = 'title';
      for (const [c, t] of ne) {
        const m = keyOf(t);
        if (m !== null) field(r, c, t, m.role === 'indicatorBlock' ? 'indicatorBlock' : m.role, keyEvidence(m));
      }
      continue;
    }

    // Key/value rows of the form.
    const f: FormState = cur;
    belongs(f, row);
    let sawKey = false;
    let rowTextKey: FormState['lastTextKey'] = null;
    const used = new Set<number>();
    for (let k = 0; k < ne.length; k++) {
      if (used.has(k)) continue;
      const [c, text] = ne[k] as readonly [number, string];
      const m = keyOf(text);
      if (m === null) continue;
      sawKey = true;
      field(r, c, text, m.role, keyEvidence(m));
      const next = ne[k + 1];
      const nextIsValue = m.value === null && next !== undefined && keyOf(next[1]) === null;
      const valueText = m.value ?? (nextIsValue ? (next as readonly [number, string])[1] : null);
      const valueCol = m.value !== null ? c : nextIsValue ? (next as readonly [number, string])[0] : c + 1;
      if (nextIsValue) used.add(k + 1);
      if (m.role === 'total' || m.role === 'fiscal' || m.role === 'specialAccount' || m.role === 'other') {
        const caption = valueText !== null && isCaption(valueText);
        const parse: AmountParse = valueText === null || caption ? { kind: 'empty' } : formAmount(valueText);
        const entry: Entry = { parse, col: valueCol, row: r, key: m.key, top: m.numbered === 'top', parent: null, caption };
        if (m.numbered === 'sub' && f.currentTop !== null) {
          // A sub-line is a part of its top line, whatever its own label says.
          entry.parent = f.currentTop;
          f.entries[roleOfTop(f, f.currentTop)].push(entry);
        } else {
          f.entries[m.role].push(entry);
          f.currentTop = m.numbered === 'top' ? entry : null;
        }
      } else if (m.role === 'goal') {
        const rest = ne
          .slice(k + 1)
          .map(([, t]) => t)
          .filter((t) => !(keyOf(t)?.role === 'goal'));
        const text = squeezeSpaces(rest.join(''));
        if (text !== '') {
          f.project.goal = f.project.goal === null ? text : joinFragments(f.project.goal, text);
          f.project.goalCol = (ne[k + 1] as readonly [number, string])[0];
        }
        rowTextKey = 'goal';
        break;
      } else if (m.role === 'purpose' || m.role === 'info') {
        rowTextKey = m.role;
      }
    }
    if (sawKey) {
      // Keyless text rows below continue the row's text key (a goal, a description), if it has one.
      f.lastTextKey = rowTextKey;
      continue;
    }
    // A keyless row: a numbered sub-line of the breakdown, the goal or a description continued, or unread.
    const subLine =
      f.currentTop !== null && ne.length >= 2 && /^\s*(?:\d{1,2}[、.]|\(\d{1,2}\))/.test(ne[0]?.[1] ?? '') ? ne[ne.length - 1] : undefined;
    if (subLine !== undefined) {
      const top = f.currentTop as Entry;
      f.entries[roleOfTop(f, top)].push({
        parse: formAmount(subLine[1]),
        col: subLine[0],
        row: r,
        key: ne[0]?.[1] ?? '',
        top: false,
        parent: top,
        caption: false,
      });
    } else if (f.lastTextKey === 'goal') {
      const text = squeezeSpaces(ne.map(([, t]) => t).join(''));
      f.project.goal = f.project.goal === null ? text : joinFragments(f.project.goal, text);
      if (f.project.goalCol === null) f.project.goalCol = ne[0]?.[0] ?? null;
    } else if (f.lastTextKey === null && isTitleLine(ne.map(([, t]) => t).join(''))) {
      row.kind = 'title';
    } else if (f.lastTextKey === null) {
      unread.push(r);
    }
  }
  close();
  return { rows, fields, unread };
}

/** The role a breakdown's top line was read as. */
function roleOfTop(f: FormState, top: Entry): AmountRole {
  for (const role of AMOUNT_ROLES) if (f.entries[role].includes(top)) return role;
  return 'other';
}

/**
 * Forms: a name key row starts each one, and an indicator grid header without project columns
 * (一级指标 | 二级指标 | … and no 项目名称 or amount column) belongs to a form, not a grid list.
 */
export const formReader: LayoutReader = {
  detect({ header, formRow }) {
    if (formRow >= 0) return 2;
    return header !== null && header.columns.level1 !== undefined && header.columns.level2 !== undefined ? 2 : 0;
  },
  read(cells, _survey, ctx): ReadResult {
    const read = buildFormStructure(cells, ctx.cache, ctx.keyRoles);
    return {
      rows: read.rows,
      columns: {},
      headerRow: null,
      headerMissing: false,
      headerRows: [],
      fields: read.fields,
      unread: read.unread,
      findings: [],
    };
  },
};
