/**
 * plan.ts — the workbook plan: what a Normalize writes, as plain data.
 *
 * Owns: turning a model into sheets (the clean table 「规范化」 with live check formulas and
 * the indicator table 「绩效指标」, each an Excel table with headers, number formats and
 * widths) and marks on the user's own range (fill colour by severity plus a note saying what
 * was expected and what was found). Both sinks apply the same plan: `src/excel/` through
 * Office.js, `src/cli/` to an .xlsx file. Text in a plan is always text: sinks must never let
 * a value such as `=1+1` or the op `=` become a formula.
 */
import { z } from 'zod';
import { COLUMN_LABEL, HINT_LABEL } from '../findings/messages';
import { reviewRuleOf } from '../checks/review';
import { SCALE } from '../contract/money';
import { cellAddress } from '../input/grid';
import {
  BudgetLine,
  ColumnKind,
  ColumnSpec,
  columnWidth,
  displayWidth,
  IndicatorLine,
  INDICATOR_COLUMNS,
  letters,
  NORMALIZED_COLUMNS,
  PlanValue,
} from './columns';
import { Lang, LANGS, strings } from './i18n';
import { Flag, Model, Row, Severity } from '../contract/model';

export type { PlanFormula, PlanValue } from './columns';

export const TEXT_FORMAT = '@';
export const GENERAL_FORMAT = 'General';

export interface PlanColumn {
  key: string;
  header: string;
  /** `@` for text columns (so that text never turns into a formula), an amount format, or General. */
  numberFormat: string;
  /** Width in characters: at least the header's. */
  width: number;
  /** Long text wraps. */
  wrap: boolean;
}

/** A highlight that follows a live value: the cells of a column where `formula` (for its first data row) is true. */
export interface PlanConditional {
  /** The column's key. */
  key: string;
  /** An Excel formula relative to the first data row, e.g. `AND(ISNUMBER(L2),L2<>0)`. */
  formula: string;
  fill: string;
}

/** The sheets a plan writes, and with the marks on the user's table, the outputs a user can switch. */
export const SHEET_ROLES = ['normalized', 'indicators'] as const;
export type SheetRole = (typeof SHEET_ROLES)[number];
export const OUTPUT_KINDS = [...SHEET_ROLES, 'flags'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

/** Which outputs to write; every one by default. */
export const OutputsSchema = z.object({
  normalized: z.boolean().default(true),
  indicators: z.boolean().default(true),
  flags: z.boolean().default(true),
} satisfies Record<OutputKind, z.ZodType>);
export type Outputs = z.output<typeof OutputsSchema>;
export const ALL_OUTPUTS: Outputs = { normalized: true, indicators: true, flags: true };

export interface PlanSheet {
  role: SheetRole;
  /** Preferred sheet name; a sink that finds a user's sheet of that name picks another. */
  name: string;
  tableName: string;
  columns: PlanColumn[];
  /** How many data rows `rows()` gives. */
  rowCount: number;
  /**
   * The data rows (the header row is `columns`), made afresh each time they are iterated: row i of
   * the data is sheet row i + 2. Sinks write them as they come, so that no sink holds a sheet whole.
   */
  rows(): IterableIterator<PlanValue[]>;
  conditionals: PlanConditional[];
  /** How the sheet prints. */
  page: PlanPageSetup;
}

/** How a sheet prints: plain data, applied by both sinks (exceljs `pageSetup`, Office.js `pageLayout`). */
export interface PlanPageSetup {
  orientation: 'landscape' | 'portrait';
  /** Pages wide the sheet is fitted to. */
  fitToWidth: number;
  /** Pages tall it is fitted to; 0: as many as it takes. */
  fitToHeight: number;
  /** Rows (1-based, inclusive) repeated at the top of every page: the header; null for none. */
  titleRows: { first: number; last: number } | null;
  /** Margins in inches. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
}

/** Landscape, one page wide, the header row on every page, narrow margins. */
export const PAGE_SETUP: PlanPageSetup = Object.freeze({
  orientation: 'landscape',
  fitToWidth: 1,
  fitToHeight: 0,
  titleRows: Object.freeze({ first: 1, last: 1 }),
  margins: Object.freeze({ left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 }),
}) as PlanPageSetup;

export interface PlanMark {
  /** 1-based row and 0-based column in the user's grid (the model's coordinates). */
  row: number;
  col: number;
  /** A1 address on the user's sheet (the grid's origin applied), without the sheet name. */
  address: string;
  severity: Severity;
  fill: string;
  note: string;
}

export interface WorkbookPlan {
  lang: Lang;
  sheets: PlanSheet[];
  marks: PlanMark[];
  /** How any sheet a sink adds prints (the copy of the user's table, a batch's summary): as the plan's sheets. */
  page: PlanPageSetup;
}

export const FILL: Record<Severity, string> = {
  error: '#FFC7CE',
  warning: '#FFEB9C',
  info: '#DDEBF7',
};

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export const PlanOptionsSchema = z
  .object({
    lang: z.enum(LANGS).default('zh'),
    outputs: OutputsSchema.default(ALL_OUTPUTS),
    /** The user's sheet, used in source addresses (`Sheet1!A5`). */
    sheetName: z.string().default(''),
    /** 0-based sheet position of the grid's first cell. */
    origin: z.object({ row: z.number().int().nonnegative(), col: z.number().int().nonnegative() }).default({ row: 0, col: 0 }),
    /** Review findings (`review-*`) marked on the user's sheet too; by default they go to the pane and the 审核提示 column only. */
    reviewMarks: z.boolean().default(false),
    /** Messages (check column, notes) in both languages, Chinese first; headers stay in `lang`. */
    bilingual: z.boolean().default(false),
  })
  .strict();
export type PlanOptions = z.output<typeof PlanOptionsSchema>;
export type PlanOptionsInput = z.input<typeof PlanOptionsSchema>;

/** `Sheet1!` or `'My sheet'!`, as Excel writes a reference to another sheet. */
export function sheetPrefix(name: string): string {
  if (name === '') return '';
  return /^[A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? `${name}!`
    : `'${name.replace(/'/g, "''")}'!`;
}

/** The amounts' number format: 2 decimals, or as many as the amounts have (up to 8, after an exact 元 → 万元). */
function amountFormat(model: Model): string {
  let decimals = 2;
  for (const r of model.rows) {
    for (const v of [r.amounts.total, r.amounts.fiscal, r.amounts.specialAccount, r.amounts.other]) {
      if (v === null) continue;
      const d = (Math.abs(v).toFixed(8).replace(/0+$/, '').split('.')[1] ?? '').length;
      if (d > decimals) decimals = Math.min(8, d);
    }
  }
  return `#,##0.00${'#'.repeat(decimals - 2)}`;
}

/** A row's review warnings counted by kind: `覆盖 1 · 量化 2`. */
export function reviewCounts(flags: readonly Flag[], lang: Lang): string {
  const counts = new Map<string, number>();
  for (const f of flags) {
    if (!f.code.startsWith('review-')) continue;
    const label = reviewRuleOf(f.code)?.short[lang] ?? f.code;
    counts.set(label, (counts.get(label) ?? 0) + (typeof f.actual === 'number' ? f.actual : 1));
  }
  return [...counts].map(([k, n]) => `${k} ${n}`).join(' · ');
}

/** Whether a row is a budget row of the 规范化 sheet. */
const isBudgetRow = (r: Row): boolean => r.kind === 'grandTotal' || r.kind === 'unit' || r.kind === 'project';

/**
 * The budget row each row's flags belong to: a budget row's own, its merged rows' and those of the rows
 * that continue it (continuation and blank rows up to the next row of another kind).
 */
export function budgetRowOwners(rows: readonly Row[]): Map<number, number> {
  const owner = new Map<number, number>();
  let current: number | null = null;
  for (const r of [...rows].sort((a, b) => a.row - b.row)) {
    if (isBudgetRow(r)) {
      current = r.row;
      owner.set(r.row, r.row);
      for (const m of r.mergedRows) if (!owner.has(m)) owner.set(m, r.row);
    } else if ((r.kind === 'continuation' || r.kind === 'blank') && current !== null) {
      if (!owner.has(r.row)) owner.set(r.row, current);
    } else current = null;
  }
  return owner;
}

/**
 * A row's review findings, each as what was found: the first sentence of its message (`缺少满意度指标`,
 * `数量、质量、时效指标只有定性目标:保密项目`), one a line, without the advice that follows it.
 */
export function reviewText(flags: readonly Flag[], lang: Lang, bilingual = false): string {
  const found = (text: string, zh: boolean): string => {
    const cut = zh ? text.indexOf('。') : text.search(/\.(\s|$)/);
    return (cut < 0 ? text : text.slice(0, cut)).trim();
  };
  const seen = new Set<string>();
  for (const f of flags) {
    if (!f.code.startsWith('review-')) continue;
    const zh = found(f.message.zh, true);
    const en = found(f.message.en, false);
    seen.add(bilingual ? `${zh}\n${en}` : lang === 'zh' ? zh : en);
  }
  return [...seen].join('\n');
}

/** A row's hints: `万元/元错位` on the cell to fix, `万元/元错位 → B5` on a flag that cell explains. */
export function hintText(flags: readonly Flag[], lang: Lang, addressOf = (row: number, col: number) => cellAddress(row, col)): string {
  const seen = new Set<string>();
  for (const f of flags) {
    if (f.hint === undefined) continue;
    const label = HINT_LABEL[f.hint][lang];
    seen.add(f.explainedBy === undefined ? label : `${label} → ${addressOf(f.explainedBy.row, f.explainedBy.col)}`);
  }
  return [...seen].join(lang === 'zh' ? '、' : ', ');
}

function messageOf(f: Flag, lang: Lang, bilingual = false): string {
  if (bilingual) return `${f.message.zh}\n${f.message.en}`;
  return lang === 'zh' ? f.message.zh : f.message.en;
}

/** A link to a cell of the user's sheet: shows `Sheet 1!A5`, jumps there when clicked. */
export function cellLink(sheetName: string, address: string): PlanValue {
  const shown = sheetName === '' ? address : `${sheetName}!${address}`;
  if (sheetName === '') return shown;
  const target = `#${sheetPrefix(sheetName)}${address}`;
  const q = (t: string) => `"${t.replace(/"/g, '""')}"`;
  return { formula: `HYPERLINK(${q(target)},${q(shown)})`, value: shown };
}

const FORMAT: Record<Exclude<ColumnKind, 'amount' | 'check'>, string> = { text: TEXT_FORMAT, link: GENERAL_FORMAT, count: GENERAL_FORMAT };

/** Text a value shows, for widths. */
const shown = (v: PlanValue): string => (v === null ? '' : typeof v === 'object' ? String(v.value ?? '') : String(v));

/**
 * A sheet's columns and rows from its lines. The columns are each at least as wide as their header,
 * and as their widest value up to 60 characters (a column that wraps keeps its own width: its text
 * wraps instead), measured on the values of the columns that do not wrap. The rows are made from the
 * lines each time they are iterated (by the sink that writes them), never kept.
 */
function sheetOf<R>(
  specs: ReadonlyArray<ColumnSpec<R>>,
  lang: Lang,
  amountFmt: string,
  lines: readonly R[],
): Pick<PlanSheet, 'columns' | 'rowCount' | 'rows'> {
  const col = letters(specs);
  const last = lines.length + 1;
  const valueOf = (spec: ColumnSpec<R>, line: R, i: number): PlanValue => fitCell(spec.value(line, { n: i + 2, last, col }));
  function* rows(): IterableIterator<PlanValue[]> {
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as R;
      yield specs.map((s) => valueOf(s, line, i));
    }
  }
  const columns = specs.map((c): PlanColumn => {
    const header = c.header[lang];
    let widest = 0;
    if (c.wrap !== true) lines.forEach((line, i) => (widest = Math.max(widest, displayWidth(shown(valueOf(c, line, i))) + 2)));
    return {
      key: c.key,
      header,
      numberFormat: c.kind === 'amount' || c.kind === 'check' ? amountFmt : FORMAT[c.kind],
      width: Math.max(columnWidth(c, header), Math.min(60, widest)),
      wrap: c.wrap === true,
    };
  });
  return { columns, rowCount: lines.length, rows };
}

/** A sheet's rows as one array: for tests and small tables; sinks iterate `rows()` instead. */
export const sheetRows = (sheet: PlanSheet): PlanValue[][] => [...sheet.rows()];

/** Excel's cell holds 32,767 characters: a longer text is cut, and ends with "…" to show it. */
export const CELL_CHARS = 32_767;
export function fitCell(v: PlanValue): PlanValue {
  return typeof v === 'string' && v.length > CELL_CHARS ? `${v.slice(0, CELL_CHARS - 1)}…` : v;
}

const scaled = (v: number | null): number => (v === null ? 0 : Math.round(v * SCALE));

export function buildPlan(model: Model, input?: PlanOptionsInput): WorkbookPlan {
  const opts = PlanOptionsSchema.parse(input ?? {});
  const s = strings(opts.lang);
  const byRow = new Map<number, Row>(model.rows.map((r) => [r.row, r]));
  const address = (row: number, col: number | null): string => cellAddress(opts.origin.row + row, opts.origin.col + (col ?? 0));
  const sourceOf = (r: Row): PlanValue => cellLink(opts.sheetName, address(r.row, r.cols.name ?? 0));
  // A budget row's flags: those on its own row and on the rows that continue it (a form's funding lines, rows
  // merged into it after a page break), so that its 检查结果 says what its cells' marks say.
  const ownerOf = budgetRowOwners(model.rows);
  const flagsByRow = new Map<number, Flag[]>();
  for (const f of model.flags) {
    const owner = ownerOf.get(f.row) ?? f.row;
    const list = flagsByRow.get(owner);
    if (list) list.push(f);
    else flagsByRow.set(owner, [f]);
  }
  const unitOf = (r: Row): string => {
    if (r.kind === 'unit') return r.name ?? '';
    const p = r.parentRow === null ? undefined : byRow.get(r.parentRow);
    return p !== undefined && p.kind === 'unit' ? (p.name ?? '') : (r.unitName ?? '');
  };

  const sheets: PlanSheet[] = [];
  const budgetRows = model.rows.filter(isBudgetRow);
  const amountFmt = amountFormat(model);

  if (opts.outputs.normalized) {
    const children = new Map<number, Row[]>();
    for (const r of budgetRows) {
      if (r.parentRow === null) continue;
      const list = children.get(r.parentRow);
      if (list) list.push(r);
      else children.set(r.parentRow, [r]);
    }
    const lines: BudgetLine[] = budgetRows.map((r) => {
      const parent = r.parentRow === null ? undefined : byRow.get(r.parentRow);
      const all = flagsByRow.get(r.row) ?? [];
      const flags = all.filter((f) => !f.code.startsWith('review-'));
      const parts = [r.amounts.fiscal, r.amounts.specialAccount, r.amounts.other];
      const kids = children.get(r.row) ?? [];
      return {
        row: r,
        kindLabel: r.kind === 'grandTotal' ? s.kindGrandTotal : r.kind === 'unit' ? s.kindUnit : s.kindProject,
        unit: unitOf(r),
        source: sourceOf(r),
        parent: parent !== undefined ? sourceOf(parent) : '',
        inferred: r.inferred.map((k) => COLUMN_LABEL[k][opts.lang]).join(opts.lang === 'zh' ? '、' : ', '),
        indicatorCount: r.kind === 'project' ? r.indicators.length : null,
        check: flags.length === 0 ? s.checkOk : flags.map((f) => messageOf(f, opts.lang, opts.bilingual)).join('\n'),
        review: reviewText(all, opts.lang, opts.bilingual),
        hint: hintText(flags, opts.lang, address),
        rowDiff: parts.every((v) => v === null)
          ? null
          : (scaled(r.amounts.total) - parts.reduce<number>((n, v) => n + scaled(v), 0)) / SCALE,
        childDiff:
          r.kind === 'project' || kids.length === 0
            ? null
            : (scaled(r.amounts.total) - kids.reduce((n, k) => n + scaled(k.amounts.total), 0)) / SCALE,
      };
    });
    const col = letters(NORMALIZED_COLUMNS);
    const nonZero = (key: string): PlanConditional => ({ key, formula: `AND(ISNUMBER(${col(key)}2),${col(key)}2<>0)`, fill: FILL.error });
    sheets.push({
      role: 'normalized',
      name: s.sheetNormalized,
      tableName: 'BN_Normalized',
      ...sheetOf(NORMALIZED_COLUMNS, opts.lang, amountFmt, lines),
      conditionals: [nonZero('rowDiff'), nonZero('childDiff')],
      page: PAGE_SETUP,
    });
  }

  if (opts.outputs.indicators) {
    const lines: IndicatorLine[] = [];
    for (const r of budgetRows) {
      if (r.indicators.length === 0) continue;
      const unit = unitOf(r);
      const source = sourceOf(r);
      for (const indicator of r.indicators) lines.push({ unit, project: r.name ?? '', source, indicator });
    }
    sheets.push({
      role: 'indicators',
      name: s.sheetIndicators,
      tableName: 'BN_Indicators',
      ...sheetOf(INDICATOR_COLUMNS, opts.lang, amountFmt, lines),
      conditionals: [],
      page: PAGE_SETUP,
    });
  }

  const marks: PlanMark[] = [];
  if (opts.outputs.flags) {
    const byCell = new Map<string, Flag[]>();
    for (const f of model.flags) {
      // Review findings go to the pane and the 审核提示 column; the user's sheet shows what is wrong
      // with its numbers and its reading, unless the user asks for them there too.
      if (!opts.reviewMarks && f.code.startsWith('review-')) continue;
      const key = `${f.row},${f.col}`;
      const list = byCell.get(key);
      if (list) list.push(f);
      else byCell.set(key, [f]);
    }
    const label: Record<Severity, string> = { error: s.severityError, warning: s.severityWarning, info: s.severityInfo };
    for (const list of byCell.values()) {
      const first = list[0] as Flag;
      let severity: Severity = 'info';
      for (const f of list) if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[severity]) severity = f.severity;
      const lines = list.map((f) => `• [${label[f.severity]}] ${messageOf(f, opts.lang, opts.bilingual)}`);
      marks.push({
        row: first.row,
        col: first.col,
        address: address(first.row, first.col),
        severity,
        fill: FILL[severity],
        note: `${s.notePrefix}:\n${lines.join('\n')}`,
      });
    }
    marks.sort((a, b) => a.row - b.row || a.col - b.col);
  }
  return { lang: opts.lang, sheets, marks, page: PAGE_SETUP };
}
