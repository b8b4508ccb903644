/**
 * summary.ts — the readable report the CLI prints without --json: counts, the tree of
 * units and projects, and every flag with its cell.
 */
import { type Model } from '../core';

const SEVERITY = { error: '错误 error', warning: '警告 warning', info: '提示 info' } as const;

/** An amount as the model holds it, every decimal kept (up to 8, after an exact 元 → 万元), at least 2. */
function amount(v: number | null): string {
  if (v === null) return '—';
  const [int, frac = ''] = Math.abs(v).toFixed(8).split('.');
  const digits = frac.replace(/0+$/, '').padEnd(2, '0');
  return `${v < 0 ? '-' : ''}${(int as string).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${digits}`;
}

/** The summary's lines in order, one at a time, so that a 100,000-project table is never one string. */
export function* summaryLines(model: Model, source: string, lang: 'zh' | 'en' | 'both' = 'both'): Generator<string> {
  const s = model.summary;
  yield `预算表规范化 Budget Normalizer · ${source}`;
  yield `金额单位 unit: ${model.amountUnit ?? '未注明 not stated'} · 表头 header row: ${model.headerRow ?? '—'} · 版式 layout: ${model.layout}`;
  yield `行 rows ${s.rows} · 单位 units ${s.units} · 项目 projects ${s.projects} · 指标 indicators ${s.indicators} · 错误 errors ${s.errors} · 警告 warnings ${s.warnings} · 提示 infos ${s.infos}`;
  if (model.reading.unreadRows.length > 0) {
    yield `未能识别的行 rows not read: ${model.reading.unreadRows.join(', ')} (其内容未计入结果 their content is not in the results)`;
  }
  yield '';
  yield '结构 Structure (总计 total / 财政拨款 fiscal / 财政专户拨款 special account / 其他资金 other):';
  for (const r of model.rows) {
    if (r.kind !== 'grandTotal' && r.kind !== 'unit' && r.kind !== 'project') continue;
    const indent = r.kind === 'grandTotal' ? '' : r.kind === 'unit' ? '  ' : '    ';
    const a = r.amounts;
    const tag = r.kind === 'grandTotal' ? '合计' : r.kind === 'unit' ? '单位' : '项目';
    const ind = r.kind === 'project' ? ` · ${r.indicators.length} 指标` : '';
    yield `${indent}${String(r.row).padStart(3)} ${tag} ${r.name ?? ''} | ${amount(a.total)} / ${amount(a.fiscal)} / ${amount(a.specialAccount)} / ${amount(a.other)}${ind}`;
  }
  yield '';
  if (model.flags.length === 0) {
    yield '没有问题 No issues: every row was read and every total adds up.';
  } else {
    yield `问题 Issues (${model.flags.length}):`;
    for (const f of model.flags) {
      yield `  ${f.cell.padEnd(5)} ${SEVERITY[f.severity]} · ${f.code}`;
      if (lang !== 'en') yield `        ${f.message.zh}`;
      if (lang !== 'zh') yield `        ${f.message.en}`;
    }
  }
}

/** The summary as printed, in pieces: its lines, then where `-o` wrote the workbook; no final newline. */
export function* summaryText(model: Model, source: string, lang: 'zh' | 'en' | 'both' = 'both', written?: string): Generator<string> {
  let first = true;
  for (const line of summaryLines(model, source, lang)) {
    yield first ? line : `\n${line}`;
    first = false;
  }
  if (written !== undefined) yield `\n\n已写入 written: ${written}`;
}
