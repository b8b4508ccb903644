/**
 * summary.ts — the readable report the CLI prints without --json: counts, the tree of
 * units and projects, and every flag with its cell.
 */
import { strings, type Model } from '../core';

export type SummaryLang = 'zh' | 'en' | 'both';

/** A label in the summary's language: the Chinese, the English, or both (`金额单位 unit`). */
export function label(lang: SummaryLang, zh: string, en: string): string {
  return lang === 'zh' ? zh : lang === 'en' ? en : `${zh} ${en}`;
}

const SEVERITY = {
  error: ['错误', 'error'],
  warning: ['警告', 'warning'],
  info: ['提示', 'info'],
} as const;

/** The amount unit the table states, in English words for `--lang en`. */
const UNIT_EN: Record<string, string> = { 万元: '10,000 yuan', 元: 'yuan' };

/** An amount as the model holds it, every decimal kept (up to 8, after an exact 元 → 万元), at least 2. */
function amount(v: number | null): string {
  if (v === null) return '—';
  const [int, frac = ''] = Math.abs(v).toFixed(8).split('.');
  const digits = frac.replace(/0+$/, '').padEnd(2, '0');
  return `${v < 0 ? '-' : ''}${(int as string).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${digits}`;
}

/** The summary's counts, with their labels in both languages, in the order they are printed. */
const COUNT_LABELS = [
  ['rows', '行', 'rows'],
  ['units', '单位', 'units'],
  ['projects', '项目', 'projects'],
  ['indicators', '指标', 'indicators'],
  ['errors', '错误', 'errors'],
  ['warnings', '警告', 'warnings'],
  ['infos', '提示', 'infos'],
] as const;

type CountKey = (typeof COUNT_LABELS)[number][0];

/** The counts line: `项目 projects 25 · 指标 indicators 85 · …` (those of `keys`), its labels in the summary's language. */
export function countsText(summary: Model['summary'], lang: SummaryLang, keys?: readonly CountKey[]): string {
  return COUNT_LABELS.filter(([key]) => keys === undefined || keys.includes(key))
    .map(([key, zh, en]) => `${label(lang, zh, en)} ${summary[key]}`)
    .join(' · ');
}

/** The summary's lines in order, one at a time, so that a 100,000-project table is never one string. */
export function* summaryLines(model: Model, source: string, lang: SummaryLang = 'both'): Generator<string> {
  const s = model.summary;
  const L = (zh: string, en: string): string => label(lang, zh, en);
  yield `${L('预算表规范化', 'Budget Normalizer')} · ${source}`;
  const unit =
    model.amountUnit === null
      ? L('未注明', 'not stated')
      : lang === 'en'
        ? (UNIT_EN[model.amountUnit] ?? model.amountUnit)
        : model.amountUnit;
  yield `${L('金额单位', 'unit')}: ${unit} · ${L('表头', 'header row')}: ${model.headerRow ?? '—'} · ${L('版式', 'layout')}: ${lang === 'zh' ? strings('zh').layoutNames[model.layout] : model.layout}`;
  yield countsText(s, lang);
  if (model.reading.unreadRows.length > 0) {
    const rows = model.reading.unreadRows.join(', ');
    yield lang === 'zh'
      ? `未能识别的行: ${rows}(其内容未计入结果)`
      : lang === 'en'
        ? `rows not read: ${rows} (their content is not in the results)`
        : `未能识别的行 rows not read: ${rows} (其内容未计入结果 their content is not in the results)`;
  }
  yield '';
  yield lang === 'zh'
    ? '结构(总计 / 财政拨款 / 财政专户拨款 / 其他资金):'
    : lang === 'en'
      ? 'Structure (total / fiscal / special account / other):'
      : '结构 Structure (总计 total / 财政拨款 fiscal / 财政专户拨款 special account / 其他资金 other):';
  for (const r of model.rows) {
    if (r.kind !== 'grandTotal' && r.kind !== 'unit' && r.kind !== 'project') continue;
    const indent = r.kind === 'grandTotal' ? '' : r.kind === 'unit' ? '  ' : '    ';
    const a = r.amounts;
    const tag =
      r.kind === 'grandTotal'
        ? lang === 'en'
          ? 'Total'
          : '合计'
        : r.kind === 'unit'
          ? lang === 'en'
            ? 'Unit'
            : '单位'
          : lang === 'en'
            ? 'Project'
            : '项目';
    const ind = r.kind === 'project' ? ` · ${r.indicators.length} ${lang === 'en' ? 'indicators' : '指标'}` : '';
    yield `${indent}${String(r.row).padStart(3)} ${tag} ${r.name ?? ''} | ${amount(a.total)} / ${amount(a.fiscal)} / ${amount(a.specialAccount)} / ${amount(a.other)}${ind}`;
  }
  yield '';
  if (model.flags.length === 0) {
    yield lang === 'zh'
      ? '没有问题:每一行都已读取,所有合计均相符。'
      : lang === 'en'
        ? 'No issues: every row was read and every total adds up.'
        : '没有问题 No issues: every row was read and every total adds up.';
  } else {
    yield `${L('问题', 'Issues')} (${model.flags.length}):`;
    for (const f of model.flags) {
      const [zh, en] = SEVERITY[f.severity];
      yield `  ${f.cell.padEnd(5)} ${L(zh, en)} · ${f.code}`;
      if (lang !== 'en') yield `        ${f.message.zh}`;
      if (lang !== 'zh') yield `        ${f.message.en}`;
    }
  }
}

/** Where `-o` wrote the workbook: `已写入 written: out.xlsx`, in the summary's language. */
export function writtenLine(lang: SummaryLang, written: string): string {
  return `${label(lang, '已写入', 'written')}: ${written}`;
}

/** The summary as printed, in pieces: its lines, then where `-o` wrote the workbook; no final newline. */
export function* summaryText(model: Model, source: string, lang: SummaryLang = 'both', written?: string): Generator<string> {
  let first = true;
  for (const line of summaryLines(model, source, lang)) {
    yield first ? line : `\n${line}`;
    first = false;
  }
  if (written !== undefined) yield `\n\n${writtenLine(lang, written)}`;
}
