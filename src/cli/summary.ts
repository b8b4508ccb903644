/**
 * summary.ts — the readable report the CLI prints without --json: counts, the tree of
 * units and projects, and every flag with its cell.
 */
import type { Model } from '../core/output/model';

const SEVERITY = { error: '错误 error', warning: '警告 warning', info: '提示 info' } as const;

/** An amount as the model holds it, every decimal kept (up to 8, after an exact 元 → 万元), at least 2. */
function amount(v: number | null): string {
  if (v === null) return '—';
  const [int, frac = ''] = Math.abs(v).toFixed(8).split('.');
  const digits = frac.replace(/0+$/, '').padEnd(2, '0');
  return `${v < 0 ? '-' : ''}${(int as string).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${digits}`;
}

export function renderSummary(model: Model, source: string, lang: 'zh' | 'en' | 'both' = 'both'): string {
  const s = model.summary;
  const out: string[] = [];
  out.push(`预算表规范化 Budget Normalizer · ${source}`);
  out.push(
    `金额单位 unit: ${model.amountUnit ?? '未注明 not stated'} · 表头 header row: ${model.headerRow ?? '—'} · 版式 layout: ${model.layout}`,
  );
  out.push(
    `行 rows ${s.rows} · 单位 units ${s.units} · 项目 projects ${s.projects} · 指标 indicators ${s.indicators} · 错误 errors ${s.errors} · 警告 warnings ${s.warnings} · 提示 infos ${s.infos}`,
  );
  if (model.reading.unreadRows.length > 0) {
    out.push(`未能识别的行 rows not read: ${model.reading.unreadRows.join(', ')} (其内容未计入结果 their content is not in the results)`);
  }
  out.push('');
  out.push('结构 Structure (总计 total / 财政拨款 fiscal / 财政专户拨款 special account / 其他资金 other):');
  for (const r of model.rows) {
    if (r.kind !== 'grandTotal' && r.kind !== 'unit' && r.kind !== 'project') continue;
    const indent = r.kind === 'grandTotal' ? '' : r.kind === 'unit' ? '  ' : '    ';
    const a = r.amounts;
    const tag = r.kind === 'grandTotal' ? '合计' : r.kind === 'unit' ? '单位' : '项目';
    const ind = r.kind === 'project' ? ` · ${r.indicators.length} 指标` : '';
    out.push(
      `${indent}${String(r.row).padStart(3)} ${tag} ${r.name ?? ''} | ${amount(a.total)} / ${amount(a.fiscal)} / ${amount(a.specialAccount)} / ${amount(a.other)}${ind}`,
    );
  }
  out.push('');
  if (model.flags.length === 0) {
    out.push('没有问题 No issues: every row was read and every total adds up.');
  } else {
    out.push(`问题 Issues (${model.flags.length}):`);
    for (const f of model.flags) {
      out.push(`  ${f.cell.padEnd(5)} ${SEVERITY[f.severity]} · ${f.code}`);
      if (lang !== 'en') out.push(`        ${f.message.zh}`);
      if (lang !== 'zh') out.push(`        ${f.message.en}`);
    }
  }
  return out.join('\n');
}
