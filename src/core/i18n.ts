/**
 * i18n.ts — every static string the add-in shows or writes, in Chinese and English.
 *
 * Owns: the task pane's labels, the names and headers of the sheets the plan writes, row
 * kinds, severities and status texts. Chinese is the default; Excel's display language
 * (`Office.context.displayLanguage`) picks English when it is English. Flag messages, which
 * carry numbers, are built in messages.ts.
 */

export type Lang = 'zh' | 'en';

/** Pick the UI language from an Office display language tag such as `zh-CN` or `en-US`. */
export function langFromDisplayLanguage(tag: string | null | undefined): Lang {
  return typeof tag === 'string' && /^en\b/i.test(tag) ? 'en' : 'zh';
}

export const STRINGS = {
  zh: {
    appName: '预算表规范化',
    normalize: '规范化',
    clearFlags: '清除标记',
    options: '选项',
    tolerance: '容差(表内单位)',
    amountUnit: '金额单位',
    unitAuto: '自动识别',
    outputs: '输出内容',
    outNormalized: '规范化表',
    outIndicators: '绩效指标表',
    outFlags: '在原表标记问题',
    summary: '结果',
    rows: '行',
    units: '单位',
    projects: '项目',
    indicators: '指标',
    errors: '错误',
    warnings: '警告',
    infos: '提示',
    issues: '问题',
    noIssues: '没有问题:所有合计均相符。',
    working: '正在处理…',
    reading: '正在读取所选区域…',
    writing: '正在写入结果…',
    done: '完成',
    cleared: '已清除本加载项的标记。',
    nothingToClear: '没有需要清除的标记。',
    selectTable: '请先选中要规范化的表格。',
    ownSheet: '这是本加载项生成的工作表。请在原始预算表上选中表格后再规范化。',
    invalidOption: '选项无效',
    tooLarge: (cells: number, max: number) => `所选区域有 ${cells.toLocaleString()} 个单元格,超过可安全处理的 ${max.toLocaleString()} 个。请只选中预算表本身。`,
    protectedSheet: '工作表受保护,无法写入标记。请先撤销工作表保护,或在选项中关闭“在原表标记问题”。',
    mergedCells: '所选区域含有合并单元格,已按左上角单元格的值读取。',
    errorValues: (n: number) => `所选区域有 ${n} 个错误值(如 #N/A),已按空单元格处理。`,
    failed: '出错了',
    goToCell: '转到单元格',
    unitLabel: '单位',
    sheetNormalized: '规范化',
    sheetIndicators: '绩效指标',
    kindGrandTotal: '合计',
    kindUnit: '单位',
    kindProject: '项目',
    severityError: '错误',
    severityWarning: '警告',
    severityInfo: '提示',
    checkOk: '通过',
    notePrefix: '预算表规范化',
    layoutPacked: '版式:每个项目一行,指标在同一单元格',
    layout: '版式',
    layoutAuto: '自动识别',
    layoutNames: { packed: '项目列表(指标在同一单元格)', grid: '指标列表(每行一个指标)', form: '单个项目表' },
    detected: '识别为',
    review: '审核',
    reviewChecks: '审核规则',
    reviewCoverage: '覆盖产出、效益、满意度',
    reviewCost: '要求成本指标(2021 年起)',
    reviewMeasurability: '数量、质量、时效应量化',
    reviewConsistency: '年度值不超过实施周期值',
    reviewBothValues: '两个指标值都应填写',
    reviewDuplicates: '指标不重复',
    unknownLevels: (n: number) => `${n} 个指标的一级或二级名称不在标准分类中,已按原样保留。`,
  },
  en: {
    appName: 'Budget Normalizer',
    normalize: 'Normalize',
    clearFlags: 'Clear flags',
    options: 'Options',
    tolerance: "Tolerance (table's unit)",
    amountUnit: 'Amount unit',
    unitAuto: 'Detect',
    outputs: 'Outputs',
    outNormalized: 'Normalized table',
    outIndicators: 'Indicators table',
    outFlags: 'Flag issues in the table',
    summary: 'Result',
    rows: 'Rows',
    units: 'Units',
    projects: 'Projects',
    indicators: 'Indicators',
    errors: 'Errors',
    warnings: 'Warnings',
    infos: 'Notes',
    issues: 'Issues',
    noIssues: 'No issues: every total adds up.',
    working: 'Working…',
    reading: 'Reading the selection…',
    writing: 'Writing the results…',
    done: 'Done',
    cleared: "The add-in's flags were removed.",
    nothingToClear: 'There are no flags to clear.',
    selectTable: 'Select the table to normalize first.',
    ownSheet: "This sheet is the add-in's own output. Select the table on the original budget sheet and normalize that.",
    invalidOption: 'Invalid option',
    tooLarge: (cells: number, max: number) => `The selection has ${cells.toLocaleString()} cells, more than the ${max.toLocaleString()} the add-in can safely handle. Select just the budget table.`,
    protectedSheet: 'The sheet is protected, so flags cannot be written. Unprotect it, or turn off "Flag issues in the table".',
    mergedCells: 'The selection contains merged cells; each merged area was read from its top-left cell.',
    errorValues: (n: number) => `The selection has ${n} error value${n === 1 ? '' : 's'} (such as #N/A); they were read as empty cells.`,
    failed: 'Something went wrong',
    goToCell: 'Go to cell',
    unitLabel: 'Unit',
    sheetNormalized: 'Normalized',
    sheetIndicators: 'Indicators',
    kindGrandTotal: 'Grand total',
    kindUnit: 'Unit',
    kindProject: 'Project',
    severityError: 'Error',
    severityWarning: 'Warning',
    severityInfo: 'Note',
    checkOk: 'OK',
    notePrefix: 'Budget Normalizer',
    layoutPacked: 'Layout: one row per project, indicators packed in one cell',
    layout: 'Layout',
    layoutAuto: 'Detect',
    layoutNames: { packed: 'Packed list (indicators in one cell)', grid: 'Grid list (one row per indicator)', form: 'Single-project form' },
    detected: 'Detected',
    review: 'Review',
    reviewChecks: 'Review checks',
    reviewCoverage: 'Covers output, benefit, satisfaction',
    reviewCost: 'Expects a cost indicator (2021+)',
    reviewMeasurability: 'Quantity, quality, timeliness are quantified',
    reviewConsistency: 'Annual does not exceed period',
    reviewBothValues: 'Both values are given',
    reviewDuplicates: 'No duplicate indicators',
    unknownLevels: (n: number) => `${n} indicator${n === 1 ? '' : 's'} with a 一级 or 二级 name outside the standard taxonomy, kept as written.`,
  },
} as const;

export type Strings = (typeof STRINGS)['zh'];

export function strings(lang: Lang): Strings {
  return STRINGS[lang] as Strings;
}

/** Column headers of the sheets the plan writes. */
export const HEADERS = {
  normalized: {
    zh: ['源单元格', '类型', '所属单位', '上级单元格', '名称', '总计', '财政拨款', '财政专户拨款', '其他资金', '本行差额', '下级差额', '指标数', '绩效目标', '检查结果', '审核提示'],
    en: ['Source cell', 'Kind', 'Unit', 'Parent cell', 'Name', 'Total', 'Fiscal', 'Special account', 'Other funds', 'Row difference', 'Children difference', 'Indicators', 'Goal', 'Check result', 'Review'],
  },
  indicators: {
    zh: ['所属单位', '项目', '源单元格', '序号', '一级指标', '二级指标', '三级指标', '实施周期指标值', '实施周期·符号', '实施周期·数值', '实施周期·单位', '年度指标值', '年度·符号', '年度·数值', '年度·单位', '一级(标准)', '二级(标准)', '二级代码', '权重'],
    en: ['Unit', 'Project', 'Source cell', 'No.', 'Level 1', 'Level 2', 'Level 3', 'Period target', 'Period op', 'Period value', 'Period unit', 'Annual target', 'Annual op', 'Annual value', 'Annual unit', 'Level 1 (standard)', 'Level 2 (standard)', 'Level 2 code', 'Weight'],
  },
} as const;
