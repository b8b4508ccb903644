/**
 * batch-report.ts — what a batch writes with `-o`: one workbook.
 *
 * Owns: a summary sheet (each input, each table found, its pages, status, layout, projects, errors and
 * warnings, a link to its sheet, why it was skipped or not read) and, per normalised table, the table as
 * read (a PDF's merged cells merged and ruled cells bordered) with its issues marked, its 规范化 and its
 * 绩效指标, the sheets numbered by table (`2 report p7`, `2 规范化`, `2 绩效指标`). Loaded only when a
 * workbook is written (exceljs takes a quarter of a second to load).
 */
import { basename, extname } from 'node:path';
import { buildPlan, type Model, type PlanValue, sheetPrefix } from '../core';
import { isFailure, type Outcome, type TableOutcome } from './batch';
import { pageList } from '../pdf/sheet';
import { type Lang, skipReason } from './batch-text';
import { batchSheetNames, type BatchTable, type SummarySheet, writeBatchWorkbook, type WriteProgress } from './xlsx';

const link = (sheet: string, shown: string): PlanValue => {
  const q = (t: string) => `"${t.replace(/"/g, '""')}"`;
  return { formula: `HYPERLINK(${q(`#${sheetPrefix(sheet)}A1`)},${q(shown)})`, value: shown };
};

const STATUS = {
  zh: { normalized: '已规范化', skipped: '跳过', error: '无法读取' },
  en: { normalized: 'normalized', skipped: 'skipped', error: 'not read' },
} as const;

/** The summary sheet's columns, in the workbook's language. */
function summaryColumns(lang: 'zh' | 'en'): SummarySheet['columns'] {
  const zh = lang === 'zh';
  return [
    { header: zh ? '文件' : 'File', width: 30 },
    { header: zh ? '表' : 'Table', width: 6 },
    { header: zh ? '页' : 'Pages', width: 10 },
    { header: zh ? '标题' : 'Title', width: 36 },
    { header: zh ? '状态' : 'Status', width: 10 },
    { header: zh ? '版式' : 'Layout', width: 8 },
    { header: zh ? '项目' : 'Projects', width: 8 },
    { header: zh ? '指标' : 'Indicators', width: 8 },
    { header: zh ? '错误' : 'Errors', width: 8 },
    { header: zh ? '警告' : 'Warnings', width: 8 },
    { header: zh ? '提示' : 'Infos', width: 8 },
    { header: zh ? '工作表' : 'Sheet', width: 22 },
    { header: zh ? '说明' : 'Note', width: 60 },
  ];
}

/** The name of a table's sheet as read: `3 report p7` (its number among the workbook's tables, its file, its first page). */
function sourceSheetName(k: number, o: TableOutcome): string {
  const base = basename(o.file, extname(o.file));
  const page = o.pages[0] === undefined ? '' : ` p${o.pages[0]}`;
  return `${k} ${base.slice(0, 31 - String(k).length - 1 - page.length)}${page}`;
}

/** Writes a batch's workbook. */
export async function writeBatch(path: string, outcomes: readonly Outcome[], lang: Lang, onProgress?: WriteProgress): Promise<void> {
  const sheetLang = lang === 'en' ? 'en' : 'zh';
  const done = outcomes.filter((o): o is TableOutcome => !isFailure(o) && o.status === 'normalized');
  const reserved = batchSheetNames(
    sheetLang === 'zh' ? '汇总' : 'Summary',
    done.map((o, k) => sourceSheetName(k + 1, o)),
  );
  const sheetOf = new Map<TableOutcome, string>(done.map((o, k) => [o, reserved.sources[k] as string]));
  const status = STATUS[sheetLang];
  const rows: PlanValue[][] = outcomes.map((o) => {
    if (isFailure(o)) return [o.file, null, null, null, status.error, null, null, null, null, null, null, null, o.error];
    const m = o.model;
    const sheet = sheetOf.get(o);
    return [
      o.file,
      o.table,
      pageList(o.pages),
      o.title,
      status[o.status],
      m?.layout ?? null,
      m?.summary.projects ?? null,
      m?.summary.indicators ?? null,
      m?.summary.errors ?? null,
      m?.summary.warnings ?? null,
      m?.summary.infos ?? null,
      sheet === undefined ? null : link(sheet, sheet),
      (o.status === 'skipped' ? skipReason(o, sheetLang) : null) ??
        (o.source === 'aligned' ? (sheetLang === 'zh' ? '无表格线,按文字对齐读取' : 'no ruling lines: read by text alignment') : null),
    ];
  });
  const tables: BatchTable[] = done.map((o, k) => {
    const sourceName = reserved.sources[k] as string;
    const plan = buildPlan(o.model as Model, {
      lang: sheetLang,
      bilingual: lang === 'both',
      sheetName: sourceName,
      ...(o.origin !== undefined ? { origin: o.origin } : {}),
    });
    return {
      grid: o.grid ?? [],
      plan,
      sourceName,
      prefix: `${k + 1} `,
      ...(o.origin !== undefined ? { origin: o.origin } : {}),
      ...(o.look !== undefined ? { look: o.look } : {}),
    };
  });
  await writeBatchWorkbook(path, { name: reserved.summary, columns: summaryColumns(sheetLang), rows }, tables, reserved.names, onProgress);
}
