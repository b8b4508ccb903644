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
import { REVIEW_LABEL, ReviewCode } from '../checks/review';
import { cellAddress, columnLetter } from '../input/grid';
import { HEADERS, Lang, LANGS, strings } from './i18n';
import { Flag, Model, Row, Severity } from './model';

/** A formula the plan writes on purpose (the live checks). */
export interface PlanFormula {
  formula: string;
}
export type PlanValue = string | number | boolean | null | PlanFormula;

export const TEXT_FORMAT = '@';
export const GENERAL_FORMAT = 'General';

export interface PlanColumn {
  header: string;
  /** `@` for text columns (so that text never turns into a formula), an amount format, or General. */
  numberFormat: string;
  /** Width in characters. */
  width: number;
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
  /** Data rows (the header row is `columns`). Row i of the data is sheet row i + 2. */
  rows: PlanValue[][];
}

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

function amountFormat(model: Model): string {
  for (const r of model.rows) {
    for (const v of [r.amounts.total, r.amounts.fiscal, r.amounts.specialAccount, r.amounts.other]) {
      if (v !== null && Math.round(v * 100) !== v * 100) return '#,##0.00##';
    }
  }
  return '#,##0.00';
}

/** A row's review warnings counted by kind: `覆盖 1 · 量化 2`. */
export function reviewCounts(flags: readonly Flag[], lang: Lang): string {
  const counts = new Map<string, number>();
  for (const f of flags) {
    if (!f.code.startsWith('review-')) continue;
    const label = REVIEW_LABEL[f.code as ReviewCode][lang];
    counts.set(label, (counts.get(label) ?? 0) + (typeof f.actual === 'number' ? f.actual : 1));
  }
  return [...counts].map(([k, n]) => `${k} ${n}`).join(' · ');
}

function messageOf(f: Flag, lang: Lang): string {
  return lang === 'zh' ? f.message.zh : f.message.en;
}

export function buildPlan(model: Model, input?: PlanOptionsInput): WorkbookPlan {
  const opts = PlanOptionsSchema.parse(input ?? {});
  const s = strings(opts.lang);
  const prefix = sheetPrefix(opts.sheetName);
  const byRow = new Map<number, Row>(model.rows.map((r) => [r.row, r]));
  const source = (row: number, col: number | null): string => prefix + cellAddress(opts.origin.row + row, opts.origin.col + (col ?? 0));
  const sourceOf = (r: Row): string => source(r.row, r.cols.name ?? 0);
  const flagsByRow = new Map<number, Flag[]>();
  for (const f of model.flags) {
    const list = flagsByRow.get(f.row);
    if (list) list.push(f);
    else flagsByRow.set(f.row, [f]);
  }
  const unitOf = (r: Row): string => {
    if (r.kind === 'unit') return r.name ?? '';
    const p = r.parentRow === null ? undefined : byRow.get(r.parentRow);
    return p !== undefined && p.kind === 'unit' ? (p.name ?? '') : (r.unitName ?? '');
  };

  const sheets: PlanSheet[] = [];
  const budgetRows = model.rows.filter((r) => r.kind === 'grandTotal' || r.kind === 'unit' || r.kind === 'project');

  if (opts.outputs.normalized) {
    const fmt = amountFormat(model);
    const headers = HEADERS.normalized[opts.lang];
    const widths = [14, 8, 24, 14, 36, 14, 14, 14, 14, 12, 12, 8, 48, 48, 24];
    const formats = [
      TEXT_FORMAT,
      TEXT_FORMAT,
      TEXT_FORMAT,
      TEXT_FORMAT,
      TEXT_FORMAT,
      fmt,
      fmt,
      fmt,
      fmt,
      fmt,
      fmt,
      GENERAL_FORMAT,
      TEXT_FORMAT,
      TEXT_FORMAT,
      TEXT_FORMAT,
    ];
    const last = budgetRows.length + 1;
    const col = (k: number) => columnLetter(k);
    const rows: PlanValue[][] = budgetRows.map((r, i) => {
      const n = i + 2;
      const kind = r.kind === 'grandTotal' ? s.kindGrandTotal : r.kind === 'unit' ? s.kindUnit : s.kindProject;
      const parent = r.parentRow === null ? undefined : byRow.get(r.parentRow);
      const all = flagsByRow.get(r.row) ?? [];
      const flags = all.filter((f) => !f.code.startsWith('review-'));
      const reviews = reviewCounts(all, opts.lang);
      const hasParts = [r.amounts.fiscal, r.amounts.specialAccount, r.amounts.other].some((v) => v !== null);
      const [F, G, I, D, A] = [col(5), col(6), col(8), col(3), col(0)];
      // Live checks: they update when the user corrects a number on this sheet.
      const rowCheck: PlanValue = hasParts ? { formula: `IF(COUNT(${G}${n}:${I}${n})=0,"",${F}${n}-SUM(${G}${n}:${I}${n}))` } : null;
      const childCheck: PlanValue =
        r.kind === 'project'
          ? null
          : {
              formula: `IF(COUNTIF($${D}$2:$${D}$${last},$${A}${n})=0,"",${F}${n}-SUMIFS($${F}$2:$${F}$${last},$${D}$2:$${D}$${last},$${A}${n}))`,
            };
      return [
        sourceOf(r),
        kind,
        unitOf(r),
        parent !== undefined ? sourceOf(parent) : '',
        r.name ?? '',
        r.amounts.total,
        r.amounts.fiscal,
        r.amounts.specialAccount,
        r.amounts.other,
        rowCheck,
        childCheck,
        r.kind === 'project' ? r.indicators.length : null,
        r.goal ?? '',
        flags.length === 0 ? s.checkOk : flags.map((f) => messageOf(f, opts.lang)).join('\n'),
        reviews,
      ];
    });
    sheets.push({
      role: 'normalized',
      name: s.sheetNormalized,
      tableName: 'BN_Normalized',
      columns: headers.map((header, k) => ({ header, numberFormat: formats[k] as string, width: widths[k] as number })),
      rows,
    });
  }

  if (opts.outputs.indicators) {
    const headers = HEADERS.indicators[opts.lang];
    const widths = [24, 30, 14, 6, 12, 14, 30, 16, 6, 10, 10, 16, 6, 10, 10, 12, 14, 8, 8];
    const formats = [
      TEXT_FORMAT,
      TEXT_FORMAT,
      TEXT_FORMAT,
      GENERAL_FORMAT,
      TEXT_FORMAT,
      TEXT_FORMAT,
      TEXT_FORMAT,
      TEXT_FORMAT,
      TEXT_FORMAT,
      GENERAL_FORMAT,
      TEXT_FORMAT,
      TEXT_FORMAT,
      TEXT_FORMAT,
      GENERAL_FORMAT,
      TEXT_FORMAT,
      TEXT_FORMAT,
      TEXT_FORMAT,
      TEXT_FORMAT,
      TEXT_FORMAT,
    ];
    const rows: PlanValue[][] = [];
    for (const r of budgetRows) {
      if (r.indicators.length === 0) continue;
      const unit = unitOf(r);
      const src = sourceOf(r);
      for (const ind of r.indicators) {
        const p = ind.period;
        const a = ind.annual;
        rows.push([
          unit,
          r.name ?? '',
          src,
          ind.seq,
          ind.level1,
          ind.level2,
          ind.name,
          p?.raw ?? '',
          p?.op ?? '',
          p?.value ?? null,
          p?.unit ?? '',
          a?.raw ?? '',
          a?.op ?? '',
          a?.value ?? null,
          a?.unit ?? '',
          ind.level1Std ?? '',
          ind.level2Std ?? '',
          ind.level2StdCode ?? '',
          ind.weight ?? '',
        ]);
      }
    }
    sheets.push({
      role: 'indicators',
      name: s.sheetIndicators,
      tableName: 'BN_Indicators',
      columns: headers.map((header, k) => ({ header, numberFormat: formats[k] as string, width: widths[k] as number })),
      rows,
    });
  }

  const marks: PlanMark[] = [];
  if (opts.outputs.flags) {
    const byCell = new Map<string, Flag[]>();
    for (const f of model.flags) {
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
      const lines = list.map((f) => `• [${label[f.severity]}] ${messageOf(f, opts.lang)}`);
      marks.push({
        row: first.row,
        col: first.col,
        address: cellAddress(opts.origin.row + first.row, opts.origin.col + first.col),
        severity,
        fill: FILL[severity],
        note: `${s.notePrefix}:\n${lines.join('\n')}`,
      });
    }
    marks.sort((a, b) => a.row - b.row || a.col - b.col);
  }
  return { lang: opts.lang, sheets, marks };
}
