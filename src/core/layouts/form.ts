/**
 * form.ts — the single-project form layout, and its reader.
 *
 * Owns: reading forms, one or several standing one under another, as blocks: key/value rows (a key
 * and its value anywhere in the row, form-keys.ts), a funding block (funding.ts), an indicator grid
 * with its own header (one or two rows), and title, note and signature lines. Every key is kept in the
 * reading, keys outside the vocabulary as `info` with their text. The project's name is the value of
 * the key that names the project most closely (二级项目名称 over 项目名称 over 一级项目名称), never a
 * 部门/单位 key's where a project key is present; failing both, the first key/value row's value, said
 * to be uncertain. A form starts at its first key/value row (its title block above it is titles), or
 * at an indicator grid's header when nothing above it was recognised; it ends where the next one's
 * name key or key rows begin. Its project row is the row of its name.
 */
import type { Cell, Grid } from '../input/grid';
import { matchHeaderRow } from '../input/header';
import { cellText, joinFragments, normalizeLabel, squeezeSpaces, trimSpaces } from '../input/text';
import { type FormKeyMatch, labelKey, matchColumnLabel, matchFormKey, namePriority, nameKeyKind, roleOfLabel } from '../input/vocabulary';
import { AMOUNT_ROLES, GRID_ROLES, type AmountRole } from '../contract/roles';
import { buildIndicators, type IndicatorCells, indicatorCells, type IndicatorColumns } from '../indicators/grid-row';
import type { RunCache } from '../indicators/intern';
import type { FieldReading } from '../contract/model';
import type { LayoutReader, ReadFinding, ReadResult } from './reader';
import { addMerged, newRow, type WorkRow } from '../rows/work-row';
import { isTitleLine, isNoteText } from './row-cells';
import { type KeyValue, pairsOf, type Token, tokensOf } from './form-keys';
import { type Entry, Funding, formAmount, isCaption, isMoneyShaped, isNumber, roleByWords } from './funding';

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

/** A name key and its value as a row's first pair: `项目名称 | X`, `项目名称:X`, `一*级项目名称 | X`. */
export function isFormNameRow(cells: readonly Cell[]): boolean {
  const first = pairsOf(tokensOf(cells)).pairs[0];
  return first !== undefined && first.key?.role === 'name' && first.value !== null && !isNumber(first.value);
}

/** Roles of keys that make a row part of a form's body rather than its title block. */
const BODY_ROLES: readonly string[] = ['name', 'total', 'fiscal', 'specialAccount', 'other', 'goal', 'purpose', 'funding'];

/**
 * The roles of the form's body (an amount, the goal …) a row of key/value pairs gives a value to: what a
 * form is made of, whether or not its name key was recognised. A grand total's label (合计) is a list's.
 */
export function formKeyRoles(cells: readonly Cell[]): string[] {
  const roles: string[] = [];
  for (const p of pairsOf(tokensOf(joinSplitLabels(cells))).pairs) {
    if (p.key === null || p.key.role === 'name' || !BODY_ROLES.includes(p.key.role) || /^(?:合计|总计)$/.test(p.key.key)) continue;
    if (p.value !== null || p.labelOnly) roles.push(p.key.role);
  }
  return roles;
}

/** A signature or stamp line under a form (`财政资金管理科室(盖章) 年 月 日`, `填报人:`): not read as data. */
function isSignatureLine(tokens: readonly Token[]): boolean {
  return tokens.some((t) => /盖章|签字|签章|^(?:\S*\s*)?年\s+月\s+日$/.test(t.text)) || isNoteText(tokens[0]?.text ?? '');
}

/** A form's indicator grid: its columns, the header's text of a second target block, and one target column per entity. */
interface FormGrid extends IndicatorColumns {
  fields: Array<[number, string]>;
  /** Columns named after entities (a village, a school) instead of a target: one target per entity. */
  entities: Array<[number, string]>;
}

/** The columns of an indicator grid header in a form, or null when the row is not one. */
export function gridHeader(cells: readonly Cell[]): FormGrid | null {
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
  // Labels no role names, right of the indicator's name, where the grid has no target column: entities.
  const nameCol = Math.max(cols.level3 ?? -1, cols.description ?? -1);
  const entities =
    cols.value === undefined && cols.valuePeriod === undefined
      ? fields.filter(([c, t]) => c > nameCol && matchColumnLabel(t) === null && matchFormKey(t) === null)
      : [];
  return { cols, secondLabel: second, fields, entities: entities.length >= 2 ? entities : [] };
}

/**
 * The row under a grid header that completes it (`| | | | 2021年实际实现值 | 预期2022年实现值` under
 * `指标值`): target columns named under the header's cells, and no indicator name. Null when it is not one.
 */
function secondGridHeader(cells: readonly Cell[], grid: FormGrid): FormGrid | null {
  const m = matchHeaderRow(cells);
  const named = (['value', 'valuePeriod', 'valueSecond'] as const).filter((r) => m.columns[r] !== undefined);
  if (named.length === 0) return null;
  const texts = cells.map((v) => trimSpaces(cellText(v)));
  // Every text of the row names a column.
  if (texts.some((t) => t !== '' && matchColumnLabel(t) === null)) return null;
  const cols = { ...grid.cols };
  for (const r of named) cols[r] = m.columns[r] as number;
  const secondLabel = cols.valueSecond === undefined ? grid.secondLabel : (texts[cols.valueSecond] ?? null);
  const fields = [...grid.fields];
  texts.forEach((t, c) => {
    if (t !== '') fields.push([c, t]);
  });
  return { ...grid, cols, secondLabel, fields };
}

/** A name a form's keys give: the key's row and cells, and how closely it names the project. */
interface NameChoice {
  row: number;
  keyCol: number;
  keyText: string;
  valueCol: number;
  value: string;
  priority: number;
  key: FormKeyMatch | null;
}

/** A key/value row of a form, as its pairs were read. */
interface KeyRow {
  row: number;
  /** The row holds a key of the form's body (a name, an amount, the goal …), not only keys read and not kept. */
  body: boolean;
}

/** One form being read. */
class FormState {
  readonly funding = new Funding();
  /** Every row of the form, in order. */
  readonly rows: number[] = [];
  readonly keyRows: KeyRow[] = [];
  /** Name keys, in order. */
  readonly names: NameChoice[] = [];
  /** Values of keys outside the vocabulary, in order: the name when no key names one. */
  readonly fallbacks: NameChoice[] = [];
  goal: string | null = null;
  goalCol: number | null = null;
  /** The key of the last row with a text key (goal, purpose, info): keyless text rows below continue it. */
  lastTextKey: 'goal' | 'purpose' | 'info' | null = null;
  /** Goal keys captioning the row below (`总体目标 | 中期目标 | | 年度目标`): the columns, the one to read first. */
  goalColumns: Array<[number, number]> | null = null;
  /** A funding block is open: numbers in it are money. */
  inFunding = false;
  grid: FormGrid | null = null;
  /** The grid's header was the last row read (a second header row may follow). */
  justHeader = false;
  readonly gridRows: IndicatorCells[] = [];
  readonly gridRowIndexes: number[] = [];
  readonly headerRows: number[] = [];
  readonly fields: FieldReading[] = [];
  readonly titles = new Set<number>();

  /** The best project name so far (a project key over a unit key), or null. */
  best(): NameChoice | null {
    let best: NameChoice | null = null;
    for (const n of this.names) if (best === null || n.priority > best.priority) best = n;
    return best;
  }

  appendGoal(text: string, col: number): void {
    if (text === '') return;
    this.goal = this.goal === null ? text : joinFragments(this.goal, text);
    if (this.goalCol === null) this.goalCol = col;
  }
}

interface FormStructure {
  rows: WorkRow[];
  fields: FieldReading[];
  unread: number[];
  findings: ReadFinding[];
}

function keyEvidence(m: FormKeyMatch): FieldReading['evidence'] {
  if (m.value !== null && m.how === 'exact') return 'glued';
  return m.how === 'exact' ? 'label' : m.how === 'pattern' ? 'label-pattern' : 'label-contains';
}

const isAmountRole = (r: string | undefined): r is AmountRole => r !== undefined && (AMOUNT_ROLES as readonly string[]).includes(r);
/** A key that names a department or unit: its value is never the project's name. */
const UNIT_WORDS = /部门|单位|科室|机构/;
/** The year a goal key is for: the current year's (年度目标) is read before the period's (中期目标). */
const goalPriority = (key: string): number => (/^(?:年度|当年|本年)/.test(key) ? 2 : /^(?:总体|绩效)目标$/.test(key) ? 0 : 1);

export function buildFormStructure(grid: Grid, cache: RunCache, keys?: Readonly<Record<string, string>>): FormStructure {
  const rows: WorkRow[] = [];
  const fields: FieldReading[] = [];
  const findings: ReadFinding[] = [];
  const seen = new Set<string>();
  const unread: number[] = [];
  const addField = (f: FieldReading): void => {
    const id = `${normalizeLabel(f.text)}|${f.role}`;
    // A key is named by its text: numbering alone (`2、`) names none.
    if (seen.has(id) || labelKey(f.text).key === '') return;
    seen.add(id);
    fields.push(f);
  };
  const field: FieldFn = (to, row, col, text, role, evidence, confidence) => {
    to.push({
      row: row + 1,
      col,
      text,
      role,
      confidence: confidence ?? (evidence === 'label' || evidence === 'glued' ? 'high' : 'low'),
      evidence,
    });
  };

  let cur: FormState | null = null;
  const close = (): void => {
    if (cur === null) return;
    finishForm(cur, rows, cache, findings);
    for (const f of cur.fields.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || a.col - b.col)) addField(f);
    cur = null;
  };

  for (let r = 0; r < grid.length; r++) {
    const row = newRow(r);
    rows.push(row);
    const cells = joinSplitLabels(grid[r] ?? []);
    const tokens = tokensOf(cells, keys);
    if (tokens.length === 0) continue;
    const f0 = cur as FormState | null;

    // The row under a grid's header that completes it (target columns named under 指标值).
    if (f0 !== null && f0.grid !== null && f0.justHeader) {
      f0.justHeader = false;
      const completed = secondGridHeader(cells, f0.grid);
      if (completed !== null) {
        f0.grid = completed;
        row.kind = 'header';
        f0.rows.push(r);
        f0.headerRows.push(r);
        for (const t of tokens) {
          const m = matchColumnLabel(t.text);
          field(
            f0.fields,
            r,
            t.col,
            t.text,
            m?.role === 'indicators' ? 'indicatorBlock' : (m?.role ?? 'ignore'),
            m?.how === 'exact' ? 'label' : 'label-pattern',
          );
        }
        continue;
      }
    }

    // An indicator grid's header, wherever it stands: a form with nothing recognised above it starts here.
    const header = gridHeader(cells);
    if (header !== null) {
      row.kind = 'header';
      const f = f0 ?? new FormState();
      cur = f;
      if (f.grid === null) f.grid = header;
      f.rows.push(r);
      f.headerRows.push(r);
      f.justHeader = true;
      for (const [c, t] of header.fields) {
        const m = matchColumnLabel(t);
        const role = m === null ? 'ignore' : m.role === 'indicators' ? 'indicatorBlock' : m.role;
        field(
          f.fields,
          r,
          c,
          t,
          role,
          m === null ? 'label' : m.how === 'exact' ? 'label' : m.how === 'pattern' ? 'label-pattern' : 'label-contains',
        );
      }
      continue;
    }

    if (f0 !== null && f0.grid !== null) {
      const f = f0;
      const g: FormGrid = f0.grid;
      f.justHeader = false;
      const first = tokens[0] as Token;
      // A key in the first cell (the next form's 编制单位, 项目名称 …) ends this form's grid.
      if (first.key !== null && first.key.role !== 'indicatorBlock') {
        close();
      } else {
        // Entity columns are no target of this project's: their cells are left out (entity-targets.ts reads them).
        const own = g.entities.length === 0 ? cells : cells.map((v, c) => (g.entities.some(([e]) => e === c) ? '' : v));
        const ind = isSignatureLine(tokens) ? null : indicatorCells(own, g.cols);
        if (ind !== null) {
          f.gridRows.push(ind);
          f.gridRowIndexes.push(r);
          f.rows.push(r);
        } else {
          row.kind = 'title';
          if (!isTitleLine(tokens.map((t) => t.text).join('')) && !isSignatureLine(tokens)) unread.push(r);
        }
        continue;
      }
    }

    const joined = tokens.map((t) => t.text).join('');
    const { pairs, loose } = pairsOf(tokens);
    const bodyKey = pairs.some((p) => p.key !== null && BODY_ROLES.includes(p.key.role));
    // A line of a title block (`单位:万元`, `编制单位: …`, `表十二`): a title, its keys kept in the reading.
    if (!bodyKey && (isTitleLine(joined) || (cur === null && pairs.every((p) => p.value === null)))) {
      row.kind = 'title';
      const to = cur === null ? null : (cur as FormState).fields;
      for (const p of pairs) {
        if (p.key === null) continue;
        const list: FieldReading[] = [];
        field(list, r, p.col, p.text, p.key.role, keyEvidence(p.key));
        if (to === null) for (const x of list) addField(x);
        else to.push(...list);
      }
      if (cur !== null) (cur as FormState).titles.add(r);
      continue;
    }

    // A name key that names another project than the form's: the next form begins.
    const named = pairs.filter((p) => p.key?.role === 'name' && p.value !== null);
    if (cur !== null && named.length > 0) {
      const f = cur as FormState;
      const best = f.best();
      const here = Math.max(...named.map((p) => namePriority(p.key?.key ?? p.label)));
      const project = named.some((p) => nameKeyKind(p.key?.key ?? p.label) === 'project');
      if (best !== null && best.row !== r && project && nameKeyKind(best.key?.key ?? '') === 'project' && here <= best.priority) close();
    }
    const kv = pairs.some((p) => p.key !== null || p.value !== null);
    if (cur === null) {
      if (!kv) {
        row.kind = 'title';
        continue;
      }
      cur = new FormState();
    }
    const f = cur as FormState;
    f.rows.push(r);

    // Under goal captions, or continuing the goal, a row with no key of the vocabulary in one cell or under
    // the keys' column is the goal's text (`目标一:…` is no key; `保障措施 | …` in the keys' column is one).
    const goalText =
      (f.goalColumns !== null || f.lastTextKey === 'goal') &&
      pairs.every((p) => p.key === null) &&
      (tokens.length === 1 || (tokens[0] as Token).col > 0);
    if (!kv || goalText) {
      readKeylessRow(f, r, tokens, loose, unread, row);
      continue;
    }
    readKeyRow(f, r, pairs, tokens, field);
  }
  close();
  return { rows, fields, unread, findings };
}

type FieldFn = (
  to: FieldReading[],
  row: number,
  col: number,
  text: string,
  role: FieldReading['role'],
  evidence: FieldReading['evidence'],
  confidence?: FieldReading['confidence'],
) => void;

/** A row of a form that holds no key: the goal under its caption or continued, a breakdown's line, a description continued, a title, or unread. */
function readKeylessRow(f: FormState, r: number, tokens: readonly Token[], loose: readonly Token[], unread: number[], row: WorkRow): void {
  const texts = tokens.map((t) => t.text);
  if (f.goalColumns !== null) {
    // The goals under their caption: the current year's first.
    const cols = [...f.goalColumns].sort((a, b) => b[1] - a[1]);
    for (const [c] of cols) {
      const under = tokens.filter((t) => t.col === c);
      const t = under[0] ?? (cols.length === 1 ? tokens[0] : undefined);
      if (t !== undefined) {
        f.appendGoal(squeezeSpaces(t.text), t.col);
        break;
      }
    }
    f.goalColumns = null;
    f.lastTextKey = 'goal';
    return;
  }
  // A numbered line of a breakdown whose label the vocabulary does not know: a part of the line above.
  const last = tokens[tokens.length - 1] as Token;
  if (tokens.length >= 2 && /^\s*(?:\d{1,2}[、.]|\(\d{1,2}\))/.test(texts[0] as string) && loose.includes(last)) {
    if (f.funding.addSubLine({ parse: formAmount(last.text), col: last.col, row: r, key: texts[0] as string, caption: false, user: false }))
      return;
  }
  if (f.lastTextKey === 'goal') {
    f.appendGoal(squeezeSpaces(texts.join('')), tokens[0]?.col ?? 0);
  } else if (f.lastTextKey === null && isTitleLine(texts.join(''))) {
    row.kind = 'title';
    f.titles.add(r);
  } else if (f.lastTextKey === null && isSignatureLine(tokens)) {
    row.kind = 'title';
    f.titles.add(r);
  } else if (f.lastTextKey === null) {
    unread.push(r);
  }
}

/** A key/value row of a form: each pair to the form's name, money, goal or the keys kept in the reading. */
function readKeyRow(f: FormState, r: number, pairs: readonly KeyValue[], tokens: readonly Token[], field: FieldFn): void {
  let rowTextKey: FormState['lastTextKey'] = null;
  let body = false;
  const goalCaption: Array<[number, number]> = [];
  // A row that opens with a funding label (项目资金, 资金情况(万元)) or continues one under its merged cell.
  const opensFunding = pairs.some((p, k) => {
    if (p.key?.role === 'funding') return true;
    // A label of its own over money (`资金安排情况 | 合计资金 | 30万元`).
    const next = pairs[k + 1];
    return (
      p.key === null && p.labelOnly && next !== undefined && (isAmountRole(next.key?.role) || (next.value !== null && isNumber(next.value)))
    );
  });
  const continuesFunding = f.inFunding && (tokens[0]?.col ?? 0) > 0 && pairs.every((p) => p.key === null || isAmountRole(p.key.role));
  const funding = opensFunding || continuesFunding;
  for (let k = 0; k < pairs.length; k++) {
    const p = pairs[k] as KeyValue;
    const m = p.key;
    if (m === null) {
      if (readUnknownPair(f, r, p, funding, field)) rowTextKey = 'info';
      continue;
    }
    // A value glued to its key: the reading names the key alone.
    const keyText = p.value !== null && p.valueCol === p.col ? m.key : p.text;
    if (m.role === 'name') {
      // A 部门/单位 key is the form's title block unless it turns out to be the only name.
      if (nameKeyKind(m.key) === 'project') body = true;
      if (p.value !== null) {
        f.names.push({
          row: r,
          keyCol: p.col,
          keyText,
          valueCol: p.valueCol,
          value: squeezeSpaces(p.value),
          priority: namePriority(m.key),
          key: m,
        });
      } else field(f.fields, r, p.col, keyText, 'name', keyEvidence(m));
      continue;
    }
    field(f.fields, r, p.col, keyText, m.role, keyEvidence(m));
    if (isAmountRole(m.role)) {
      body = true;
      const caption = p.value !== null && isCaption(p.value);
      const entry: Entry = {
        parse: p.value === null || caption ? { kind: 'empty' } : formAmount(p.value),
        col: p.valueCol,
        row: r,
        key: m.key,
        top: m.numbered === 'top',
        parent: null,
        caption,
        user: m.user === true,
      };
      f.funding.add(m.role, entry, m.numbered);
    } else if (m.role === 'goal') {
      body = true;
      rowTextKey = 'goal';
      if (p.value === null || matchFormKey(p.value)?.role === 'goal') {
        goalCaption.push([p.col, goalPriority(m.key)]);
        continue;
      }
      // The goal's text: its value glued to the key, then the rest of the row, without goal keys.
      const rest = tokens.filter((t) => t.col > p.col && t.key?.role !== 'goal').map((t) => t.text);
      f.appendGoal(squeezeSpaces([...(p.valueCol === p.col ? [p.value] : []), ...rest].join('')), p.valueCol);
      break;
    } else if (m.role === 'purpose' || m.role === 'info') {
      if (m.role === 'purpose') body = true;
      rowTextKey = m.role;
    } else if (m.role === 'funding') {
      body = true;
    }
  }
  if (goalCaption.length > 0 && f.goal === null) {
    // Goal keys with no text: captions over the row below (a lone 总体目标 is the block's label).
    const named = goalCaption.length > 1 ? goalCaption.filter(([, pr]) => pr > 0) : goalCaption;
    f.goalColumns = named.length > 0 ? named : goalCaption;
  }
  f.inFunding = funding || (f.inFunding && pairs.every((p) => p.key === null || isAmountRole(p.key.role)));
  f.lastTextKey = rowTextKey;
  f.keyRows.push({ row: r, body: body || f.funding.entries.total.some((e) => e.row === r) });
}

/**
 * A key outside the vocabulary: kept in the reading as `info`. Its value is money by its shape
 * (`20万元`, or a number in a funding block): the words of the key then give its role, uncertain. A
 * text value may be the project's name when no key names it. True for a text key (rows of text below
 * continue it).
 */
function readUnknownPair(f: FormState, r: number, p: KeyValue, funding: boolean, field: FieldFn): boolean {
  const value = p.value;
  // A caption naming the unit where the number should be (`金额(万元)`): money missing, under a key that says whose.
  const moneyCaption = value !== null && funding && isCaption(value) && /万元|元/.test(value) && roleByWords(p.label) !== null;
  if (moneyCaption) {
    const role = roleByWords(p.label) as AmountRole;
    f.funding.add(
      role,
      { parse: { kind: 'empty' }, col: p.valueCol, row: r, key: p.label, top: false, parent: null, caption: true, user: false },
      null,
    );
    field(f.fields, r, p.col, p.text, role, 'label-contains', 'low');
    return false;
  }
  if (value !== null && (isMoneyShaped(value) || (funding && isNumber(value)))) {
    const sub = /^\s*(?:\d{1,2}[、.]|\(\d{1,2}\))/.test(p.text);
    if (
      sub &&
      funding &&
      f.funding.addSubLine({ parse: formAmount(value), col: p.valueCol, row: r, key: p.label, caption: false, user: false })
    ) {
      field(f.fields, r, p.col, p.text, 'info', 'default', 'high');
      return false;
    }
    const role = roleByWords(p.label);
    if (role !== null) {
      f.funding.add(
        role,
        { parse: formAmount(value), col: p.valueCol, row: r, key: p.label, top: false, parent: null, caption: false, user: false },
        null,
      );
      field(f.fields, r, p.col, p.text, role, 'label-contains', 'low');
    } else {
      // Money under a key that names no source: kept out of the amounts, and said.
      field(f.fields, r, p.col, p.text, 'info', 'cells', 'low');
    }
    return false;
  }
  field(f.fields, r, p.col, p.value !== null && p.valueCol === p.col ? p.label : p.text, 'info', 'default', 'high');
  if (value !== null && !isNumber(value) && !UNIT_WORDS.test(p.label) && !p.labelOnly) {
    f.fallbacks.push({
      row: r,
      keyCol: p.col,
      keyText: p.text,
      valueCol: p.valueCol,
      value: squeezeSpaces(value),
      priority: -1,
      key: null,
    });
  }
  return !p.labelOnly;
}

/**
 * A form read to its end: its name and project row chosen, its amounts resolved, its indicators built,
 * and each of its rows given its kind (the project, its continuations and header rows, the title lines
 * of its title block).
 */
function finishForm(f: FormState, rows: WorkRow[], cache: RunCache, findings: ReadFinding[]): void {
  const bodyRows = f.keyRows.filter((k) => k.body).map((k) => k.row);
  if (f.names.length === 0 && bodyRows.length === 0 && f.grid === null) {
    // Keys read and not kept, and nothing of a project (a sign-off block, notes): title lines.
    for (const r of f.rows) (rows[r] as WorkRow).kind = 'title';
    return;
  }
  const best = f.best();
  // A project key names the project. Failing that, a key outside the vocabulary that says 名称 (a damaged
  // 项目名称) before a 部门/单位 key (the name of a whole-department table), then the first value of a key
  // outside the vocabulary: uncertain.
  const fallback = bestFallback(f.fallbacks);
  const projectKey = best !== null && nameKeyKind(best.key?.key ?? '') === 'project';
  const chosen = projectKey ? best : fallback !== null && (best === null || fallbackScore(fallback) > 0) ? fallback : best;
  for (const n of f.names) {
    const used = n === chosen;
    const role = used || nameKeyKind(n.key?.key ?? '') === 'project' ? 'name' : 'info';
    const m = n.key as FormKeyMatch;
    f.fields.push({
      row: n.row + 1,
      col: n.keyCol,
      text: n.keyText,
      role,
      confidence: m.how === 'exact' ? 'high' : 'low',
      evidence: keyEvidence(m),
    });
  }
  if (chosen !== null && chosen === fallback) {
    // No key names the project: the first key/value row's value, said to be uncertain.
    const i = f.fields.findIndex((x) => x.row === chosen.row + 1 && x.col === chosen.keyCol);
    const fallbackField: FieldReading = {
      row: chosen.row + 1,
      col: chosen.keyCol,
      text: chosen.keyText,
      role: 'name',
      confidence: 'low',
      evidence: 'default',
    };
    if (i >= 0) f.fields[i] = fallbackField;
    else f.fields.push(fallbackField);
  }
  const projectIndex = chosen?.row ?? bodyRows[0] ?? f.keyRows[0]?.row ?? f.gridRowIndexes[0] ?? null;
  if (projectIndex === null) return;
  const project = rows[projectIndex] as WorkRow;
  project.kind = 'project';
  project.name = chosen === null ? null : chosen.value;
  project.nameCol = chosen === null ? null : chosen.valueCol;
  f.funding.resolveInto(project);
  project.goal = f.goal;
  project.goalCol = f.goalCol;
  project.indicators = f.grid === null ? [] : buildIndicators(f.gridRows, f.grid, cache);
  if (f.grid !== null && f.grid.entities.length > 0 && f.gridRows.length > 0) {
    // One target column per entity (西坪镇尧山村 …): not this project's targets.
    const [col, text] = f.grid.entities[0] as [number, string];
    findings.push({
      row: rows[f.headerRows[0] as number] as WorkRow,
      column: 'indicators',
      col,
      severity: 'warning',
      code: 'reading-uncertain',
      message: entityTargetsNotRead(
        f.grid.entities.map(([, t]) => t),
        text,
      ),
    });
  }
  // Rows of the title block above the project row that hold no key of the form's body are titles.
  const firstBody = Math.min(projectIndex, ...bodyRows);
  const header = new Set(f.headerRows);
  for (const r of f.rows) {
    if (r === projectIndex || f.titles.has(r)) continue;
    const row = rows[r] as WorkRow;
    if (r < firstBody && !header.has(r)) {
      row.kind = 'title';
      continue;
    }
    row.kind = header.has(r) ? 'header' : 'continuation';
    row.parent = project.index;
    addMerged(project, r);
  }
}

/** The value of a key outside the vocabulary most likely to name the project: a damaged 二级项目名称, then any 名称, then the first. */
function bestFallback(list: readonly NameChoice[]): NameChoice | null {
  let best: NameChoice | null = null;
  for (const n of list) if (best === null || fallbackScore(n) > fallbackScore(best)) best = n;
  return best;
}

function fallbackScore(n: NameChoice): number {
  const k = normalizeLabel(n.keyText);
  return /名/.test(k) ? (k.startsWith('二级') ? 2 : 1) : 0;
}

/** The targets of one column per entity were not read as the project's: said, with the entities. */
function entityTargetsNotRead(entities: readonly string[], first: string): ReadFinding['message'] {
  const list = entities.length > 3 ? `${entities.slice(0, 3).join('、')}…` : entities.join('、');
  return {
    zh: `指标表按对象分列目标值(${list},共 ${entities.length} 列),未能对应到项目,这些目标值未计入结果。请核对「${first}」等列。`,
    en: `The indicator grid gives one target column per entity (${list}; ${entities.length} columns) that could not be matched to projects; those targets are not in the results. Check the columns from "${first}".`,
  };
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
      findings: read.findings,
    };
  },
};
