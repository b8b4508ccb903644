/**
 * batch-text.ts — what a batch prints: the listing, or the JSON array.
 *
 * Owns: the readable listing (each input, each table found with its pages and what became of it, then
 * each normalised table's summary as a single run prints it) and the `--json` array (one entry per table
 * found or file not read: the file, the table's number, its first page and pages, its title, its status,
 * the rows each page gave, its model), streamed piece by piece. The workbook is batch-report.ts's.
 */
import { jsonChunks, type Model } from '../core';
import { pageList } from '../pdf/sheet';
import { isFailure, type Outcome, type TableOutcome } from './batch';
import { countsText, label, summaryLines, writtenLine, type SummaryLang } from './summary';

export type Lang = SummaryLang;

/** `p.3`, `p.3–5`, `p.3, 7`: the pages of a table (as the pane writes them, src/pdf/sheet.ts). */
function pagesText(pages: readonly number[]): string {
  return pages.length === 0 ? '' : `p.${pageList(pages)}`;
}

const counts = (m: Model, lang: Lang): string => countsText(m.summary, lang, ['projects', 'indicators', 'errors', 'warnings', 'infos']);

/** A table's name in the listing: `表 5 · p.7–9 · 2024年…绩效目标表`. */
function tableLabel(o: TableOutcome, lang: Lang): string {
  if (o.table === null) return o.sheet !== undefined ? `${label(lang, '工作表', 'sheet')} ${o.sheet}` : '';
  return [`${label(lang, '表', 'table')} ${o.table}`, pagesText(o.pages), o.title].filter((s) => s !== '').join(' · ');
}

/** The listing's lines, then each normalised table's summary; no final newline. */
export function* batchText(outcomes: readonly Outcome[], lang: Lang, written?: string): Generator<string> {
  const files = [...new Set(outcomes.map((o) => o.file))];
  const tables = outcomes.filter((o): o is TableOutcome => !isFailure(o));
  const done = tables.filter((o) => o.status === 'normalized');
  const failed = outcomes.filter(isFailure);
  const L = (zh: string, en: string): string => label(lang, zh, en);
  const n = (count: number, zh: string, en: string): string =>
    lang === 'zh' ? `${count} ${zh}` : lang === 'en' ? `${count} ${en}` : `${count} ${zh} ${en}`;
  yield `${L('预算表规范化', 'Budget Normalizer')} · ${n(files.length, '个文件', 'files')} · ${n(tables.length, '张表', 'tables')} · ${L('已规范化', 'normalized')} ${done.length} · ${L('跳过', 'skipped')} ${tables.length - done.length} · ${L('无法读取', 'not read')} ${failed.length}`;
  for (const file of files) {
    yield `\n${file}`;
    for (const o of outcomes) {
      if (o.file !== file) continue;
      if (isFailure(o)) {
        yield `\n  ${L('无法读取', 'not read')}: ${o.error}`;
        continue;
      }
      const name = tableLabel(o, lang);
      const what = o.status === 'normalized' ? counts(o.model as Model, lang) : `${L('跳过', 'skipped')}: ${skipReason(o, lang)}`;
      yield `\n  ${name === '' ? '' : `${name} — `}${what}`;
    }
  }
  for (const o of done) {
    const source = o.table === null ? o.file : `${o.file} · ${tableLabel(o, lang)}`;
    yield '\n\n';
    let first = true;
    for (const line of summaryLines(o.model as Model, source, lang)) {
      yield first ? line : `\n${line}`;
      first = false;
    }
  }
  if (written !== undefined) yield `\n\n${writtenLine(lang, written)}`;
}

/** Why a table was skipped, in the listing's language (the JSON keeps the English `reason`). */
export function skipReason(o: TableOutcome, lang: Lang): string {
  const L = (zh: string, en: string): string => label(lang, zh, en);
  if (o.skip?.code === 'nothingRead') return L('未能识别出项目、金额或指标', 'no project, amount or indicator could be read');
  if (o.skip?.code === 'notTarget') {
    const why = o.skip.why === 'no indicator columns' ? L('没有指标列', 'no indicator columns') : o.skip.why;
    return `${L('不是绩效目标表', 'not a performance-target table')} (${why})`;
  }
  return o.reason ?? '';
}

/** The rows (1-based, as the model numbers them) each page gave: `[{ page: 7, from: 1, to: 30 }, …]`. */
export function pageRows(rowPages: readonly number[]): Array<{ page: number; from: number; to: number }> {
  const out: Array<{ page: number; from: number; to: number }> = [];
  rowPages.forEach((page, k) => {
    const last = out[out.length - 1];
    if (last !== undefined && last.page === page) last.to = k + 1;
    else out.push({ page, from: k + 1, to: k + 1 });
  });
  return out;
}

/** An entry's fields before its model, as JSON text at the array's level. */
function entryHead(o: Outcome): Record<string, unknown> {
  if (isFailure(o)) return { file: o.file, status: 'error', error: o.error };
  return {
    file: o.file,
    table: o.table,
    page: o.pages[0] ?? null,
    pages: o.pages,
    title: o.title,
    source: o.source,
    status: o.status,
    ...(o.reason !== undefined ? { reason: o.reason } : {}),
    ...(o.rowPages !== undefined ? { pageRows: pageRows(o.rowPages) } : {}),
  };
}

/** The `--json` array, in pieces: one entry per table found or file not read, each normalised table's model streamed. */
export function* batchJson(outcomes: readonly Outcome[]): Generator<string> {
  if (outcomes.length === 0) {
    yield '[]';
    return;
  }
  yield '[';
  let first = true;
  for (const o of outcomes) {
    yield first ? '\n  ' : ',\n  ';
    first = false;
    const head = JSON.stringify(entryHead(o), null, 2).replace(/\n/g, '\n  ');
    const model = isFailure(o) ? undefined : o.model;
    if (model === undefined) {
      yield head;
      continue;
    }
    // The head without its closing brace, then the model, indented to where it sits.
    yield `${head.slice(0, head.length - 1).replace(/\s+$/, '')},\n    "model": `;
    for (const piece of jsonChunks(model, 2)) yield piece.replace(/\n/g, '\n    ');
    yield '\n  }';
  }
  yield '\n]';
}
