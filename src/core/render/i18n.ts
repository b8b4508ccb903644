/**
 * i18n.ts — every static string the add-in shows or writes, in Chinese and English.
 *
 * Owns: the task pane's labels, the names and headers of the sheets the plan writes, row
 * kinds, severities and status texts. Chinese is the default; Excel's display language
 * (`Office.context.displayLanguage`) picks English when it is English. Flag messages, which
 * carry numbers, are built in messages.ts.
 */

import type { ReadingRole } from '../contract/roles';

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

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
    outReviewMarks: '审核提示也标在原表',
    summary: '结果',
    rows: '行',
    units: '单位',
    projects: '项目',
    indicators: '指标',
    errors: '错误',
    warnings: '警告',
    infos: '提示',
    issues: '问题',
    noIssues: '没有问题:每一行都已读取,所有合计均相符。',
    nothingRead: '所选区域中没有识别出任何项目、金额或指标。请确认选中的是绩效目标表,或在选项中指定版式。',
    multiArea: '选中了多个区域。请只选中一个连续的表格区域(筛选后的表格请先取消筛选)再规范化。',
    cellEdit: '正在编辑单元格。请按 Enter 或 Esc 结束编辑后再试。',
    sheetGone: '处理期间原工作表被删除、改名或已切换到其他工作簿。请回到原表重新规范化。',
    undoRefused: '此版本的 Excel 不允许把这次写入合并为一步撤消,未写入任何内容。请更新 Excel 后重试。',
    otherWorkbook: '处理期间切换到了另一个工作簿,Excel 拒绝了操作。请回到有表格的工作簿,重新选中表格后再试。',
    excelStopped: 'Excel 中止了这次操作(处理期间切换到其他工作簿时会这样)。请回到有表格的工作簿再运行一次,新的结果会替换不完整的结果。',
    clearProtected: (sheet: string) =>
      `工作表“${sheet}”受保护,无法清除其中的标记,未做任何更改。请先撤销工作表保护(审阅 → 撤销工作表保护),再清除标记。`,
    clearWhich: '此工作表上有多张已规范化的表格。请选中要清除标记的那张表中的任一单元格,或在任务窗格中点击“清除全部标记”。',
    outputProtected: (sheet: string) => `结果工作表“${sheet}”受保护,无法重写,未做任何更改。请先撤销该工作表的保护,再规范化。`,
    ribbonTooLarge: (cells: number) =>
      `这张表有 ${cells.toLocaleString()} 个单元格,从功能区运行可能超过功能区命令 5 分钟的限制而被中断,因此未做任何更改。请打开任务窗格(开始 → 问题与选项)并在其中点击“规范化”:窗格会显示进度,且没有时间限制。`,
    accessDenied: 'Excel 拒绝了更改:工作表或工作簿可能受保护。请撤销保护后再试。',
    structureProtected: '工作簿结构受保护,无法添加结果工作表。如需结果工作表,请撤销工作簿保护(审阅 → 保护工作簿)后重新规范化。',
    commentCells: (n: number) => `${n} 个有问题的单元格已有批注,只标了底色;说明见“规范化”表和问题列表。`,
    clearAll: '清除全部标记',
    close: '关闭',
    notesLeft: (n: number) => `另有 ${n} 条本加载项的批注由支持“备注”的 Excel 写入,此版本无法删除,请在新版 Excel 中清除。`,
    unreadRows: (n: number) => `${n} 行未能识别,其内容未计入结果(见问题列表)。`,
    working: '正在处理…',
    reading: '正在读取所选区域…',
    writing: '正在写入结果…',
    hints: '差额提示',
    alsoFixes: (cells: string) => `改正后同时消除:${cells}`,
    step: { reading: '正在识别表格结构…', indicators: '正在拆分绩效指标…', checks: '正在核对合计…' },
    done: '完成',
    /** After a sentence that has no stop of its own (`完成`), before the next. */
    fullStop: '。',
    cleared: '已清除本加载项的标记。',
    nothingToClear: '没有需要清除的标记。',
    selectTable: '请先选中要规范化的表格。',
    oneCell: (address: string) =>
      `只读取了一个单元格(${address}),其中没有识别出表格。请选中整张表格,或选中表格中有内容的任一单元格,再规范化。`,
    readRange: (address: string) => `已读取 ${address}`,
    tablesFound: (n: number) => `${n} 张表:`,
    tableRepeat: '(重复)',
    tableRepeatOf: (address: string) => `重复 ${address} 的表`,
    selectRange: '选中区域',
    moreBelow: (row: number) => `表格在第 ${row + 1} 行以下似乎还有内容。如属同一表格,请选中整张表格后再规范化。`,
    moreRight: (column: string) => `表格在 ${column} 列右侧似乎还有内容。如属同一表格,请选中整张表格后再规范化。`,
    moreLeft: (column: string) => `表格在 ${column} 列左侧似乎还有内容。如属同一表格,请选中整张表格后再规范化。`,
    hiddenRows: (n: number, counted: boolean) => `${n} 行隐藏行${counted ? '已按选项计入' : '未计入'}。`,
    hiddenCols: (n: number, counted: boolean) => `${n} 列隐藏列${counted ? '已按选项计入' : '未计入'}。`,
    countHidden: '计入隐藏行列',
    ownSheet: '这是本加载项生成的工作表。请在原始预算表上选中表格后再规范化。',
    invalidOption: '选项无效',
    tooLarge: (cells: number, max: number) =>
      `所选区域有 ${cells.toLocaleString()} 个单元格,超过可安全处理的 ${max.toLocaleString()} 个。请只选中预算表本身。`,
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
    layoutNames: {
      packed: '项目列表(指标在同一单元格)',
      grid: '指标列表(每行一个指标)',
      form: '单个项目表',
      tree: '树形导出(缩进表示层级)',
    },
    detected: '识别为',
    /** Ends a short phrase (such as the layout line's) before another sentence follows. */
    stop: '。',
    /** Between two sentences that each end with their own full stop. */
    sentenceJoin: '',
    review: '审核',
    reviewChecks: '审核规则',
    roundingError: '舍入差额也按错误处理',
    unknownLevels: (n: number) => `${n} 个指标的一级或二级名称不在标准分类中,已按原样保留。`,
    readingTitle: '读取方式',
    readingAll: '整张表都已读取。如有读错,可在下面修改后重新规范化。',
    readingSome: (n: number) => `有 ${n} 行未能读取。请检查下面各列的用途,修改后重新规范化。`,
    readingAllOf: (address: string) => `${address} 的每一行都已读取。如有读错,可在下面修改后重新规范化。`,
    readingRemembered: '已应用此工作簿为同样表头保存的修正。',
    headerRows: '表头行',
    mapApply: '按此修正重新规范化',
    mapForget: '忘记此修正',
    mapForgotten: '已忘记此表头的修正。',
    columnWord: '列',
    keyWord: '项',
    evidence: '依据',
    // The pane's answer after a Normalize: one sentence, true in every case (view.ts decides which).
    answerClean: '没有问题:每一行都已读取,所有合计均相符。',
    answerCounts: (errors: number, warnings: number, reviews: number, infos: number) =>
      `${errors} 个错误、${warnings} 个警告${reviews > 0 ? (reviews === warnings ? '(均为审核提示)' : `(其中 ${reviews} 个是审核提示)`) : ''}${
        infos > 0 ? `、${infos} 条提示` : ''
      }。`,
    answerAllRead: '每一行都已读取。',
    answerAllReadAddsUp: '每一行都已读取,所有合计均相符。',
    answerNotAllRead: (parts: string) => `未能全部读取:${parts}。`,
    answerUnreadRows: (n: number) => `${n} 行未能识别`,
    answerHiddenRows: (n: number) => `${n} 行隐藏行未计入`,
    answerHiddenCols: (n: number) => `${n} 列隐藏列未计入`,
    answerJoin: '、',
    problems: '要处理的问题',
    problemsKeys: 'Tab 键在各组之间移动,↑ ↓ 键在组内移动,Enter 转到单元格。',
    groupNames: { fix: '改正数字', fill: '补填空白', check: '核对读取' },
    groupHelp: {
      fix: '这些合计不符或金额无法识别:改正所指的单元格。',
      fill: '这些内容缺失或只填了一半:补填所指的单元格。',
      check: '这些地方可能读错或未计入:对照原表核对。',
    },
    reviewFound: '审核发现',
    // Importing a PDF (the pane's 从 PDF 导入; the sheet's source line: src/pdf/sheet.ts).
    importPdf: '从 PDF 导入',
    importStopped: (sheets: string) =>
      `Excel 在写入导入的工作表时中断了操作;工作表 ${sheets} 可能不完整。按 Ctrl+Z 可撤消导入,或删除这些工作表后重新导入(重新导入会另建工作表)。`,
    importProtected: '此工作簿的结构受保护,不能添加工作表,因此没有导入任何内容。请先取消保护工作簿(审阅 → 保护工作簿),再导入。',
    importPdfHelp: '读取部门公开的 PDF,把其中的绩效目标表按原样写入新工作表并规范化。',
    importPdfOld:
      '此版本 Excel 运行加载项所用的浏览器过旧,无法读取 PDF(需要 Mac 上的 Safari 16.4 或更高版本,或 Windows 上的 Microsoft Edge WebView2)。请更新 Excel 或 macOS,或在网页版 Excel 中导入;也可以用命令行工具读取 PDF。',
    importPdfNoWorker: '此版本 Excel 的加载项不能在后台线程中运行,无法读取 PDF。请更新 Excel,或在网页版 Excel 中导入。',
    importOpening: (file: string) => `正在打开 ${file}…`,
    importReading: (done: number, total: number) => `正在读取 PDF:第 ${done} / ${total} 页`,
    importWriting: '正在写入工作表…',
    importNormalizing: (k: number, n: number) => `正在规范化第 ${k} / ${n} 张表…`,
    importFailed: {
      password: (file: string) => `${file} 设有打开密码,无法读取。请用密码打开后另存为无密码的 PDF,再导入。`,
      damaged: (file: string) => `${file} 已损坏或不完整,无法读取。请重新下载,或打开后另存一份再导入。`,
      scan: (file: string) =>
        `${file} 没有文字层:其页面是图片(扫描件),本工具不做文字识别(OCR)。请使用部门发布的原始 PDF,或先做 OCR 再导入。`,
      empty: (file: string) => `${file} 的页面上没有文字,没有可读取的表格。`,
      other: (file: string) => `${file} 无法读取。`,
      load: () => 'PDF 读取组件未能加载(加载项的文件无法访问)。请检查网络后重试。',
      old: () => '此版本 Excel 运行加载项所用的浏览器过旧,无法读取 PDF。请更新 Excel 或 macOS,或在网页版 Excel 中导入。',
    },
    importNoTarget: (file: string, tables: number) =>
      tables === 0 ? `${file} 中没有找到表格。` : `${file} 中找到 ${tables} 张表,但没有绩效目标表;没有写入任何内容。`,
    importDone: (file: string, tables: number, kept: number) => `${file}:找到 ${tables} 张表,${kept} 张绩效目标表已写入新工作表并规范化。`,
    importUnread: (file: string, tables: number, targets: number) =>
      `${file} 中找到 ${tables} 张表,其中 ${targets} 张绩效目标表未能识别出项目、金额或指标;没有写入任何内容。`,
    importSomeFailed: (n: number) => `${n} 张表已写入新工作表,但未能规范化,原因见下面的列表。`,
    importFound: (file: string, tables: number) => `${file}:找到 ${tables} 张表。`,
    importSomeExisting: (n: number) => `${n} 张表此前已从同一文件导入,未重复导入(否则“全部项目”中会重复计入)。`,
    importExisting: (sheet: string) => `此前已导入到工作表 ${sheet},未重复导入。要重新导入,请先删除该工作表。`,
    importTitle: '导入的表',
    importSkipped: '不是绩效目标表,已跳过',
    importNothingRead: '未能识别出项目、金额或指标',
    importUntitled: '(无标题)',
    importPages: (pages: string) => `第 ${pages} 页`,
    importSource: (file: string, pages: string, parts: string) => `来源:${file},第 ${pages} 页${parts !== '' ? `(${parts})` : ''}。`,
    importPagePart: (page: number, from: number, to: number) => `第 ${page} 页:第 ${from === to ? from : `${from}–${to}`} 行`,
    importPartJoin: ';',
    importMoreParts: (n: number) => `另 ${n} 页`,
    importAligned: '此表没有表格线,按文字对齐读取,列的划分可能有误,请核对。',
    importGoTo: (sheet: string) => `转到工作表 ${sheet}`,
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
    outReviewMarks: 'Mark review findings on the sheet',
    summary: 'Result',
    rows: 'Rows',
    units: 'Units',
    projects: 'Projects',
    indicators: 'Indicators',
    errors: 'Errors',
    warnings: 'Warnings',
    infos: 'Notes',
    issues: 'Issues',
    noIssues: 'No issues: every row was read and every total adds up.',
    nothingRead:
      'No project, amount or indicator was recognised in the selection. Check that it is a performance-target table, or state the layout in the options.',
    multiArea: 'More than one area is selected. Select one continuous table (clear a filter first) and normalize again.',
    cellEdit: 'A cell is being edited. Press Enter or Esc to finish editing, then try again.',
    sheetGone:
      'The sheet was deleted, renamed or another workbook became active while the add-in worked. Go back to the table and normalize again.',
    undoRefused: 'This version of Excel cannot make these writes one undo step; nothing was written. Update Excel, then try again.',
    otherWorkbook:
      'Another workbook became active while the add-in worked, and Excel refused the operation. Go back to the workbook with the table, select the table and try again.',
    excelStopped:
      'Excel stopped the operation, as it does when another workbook becomes active while the add-in works. Go back to the workbook with the table and run it again; the new run replaces any partial result.',
    clearProtected: (sheet: string) =>
      `The sheet "${sheet}" is protected, so its flags cannot be removed; nothing was changed. Unprotect it (Review → Unprotect Sheet), then clear the flags again.`,
    clearWhich:
      'This sheet has several normalized tables. Select a cell of the table whose flags you want to clear, or click "Clear all flags" in the pane.',
    outputProtected: (sheet: string) =>
      `The output sheet "${sheet}" is protected and cannot be rewritten; nothing was changed. Unprotect it, then normalize again.`,
    ribbonTooLarge: (cells: number) =>
      `This table has ${cells.toLocaleString()} cells: run from the ribbon it could pass the 5-minute limit of a ribbon command and be cut off, so nothing was changed. Open the pane (Home → Issues and options) and click Normalize there: the pane shows its progress and has no time limit.`,
    accessDenied: 'Excel refused a change: a sheet or the workbook may be protected. Unprotect it, then try again.',
    structureProtected:
      'The workbook structure is protected, so output sheets could not be added. To get them, unprotect the workbook (Review → Protect Workbook) and normalize again.',
    commentCells: (n: number) =>
      `${n} flagged cell${n === 1 ? ' holds' : 's hold'} a comment, so ${n === 1 ? 'it got' : 'they got'} a fill only; the explanation is in the Normalized sheet and the issue list.`,
    clearAll: 'Clear all flags',
    close: 'Close',
    notesLeft: (n: number) =>
      `${n} note${n === 1 ? '' : 's'} of the add-in were written by an Excel with notes and cannot be removed here; clear them in a version of Excel that has notes (Microsoft 365).`,
    unreadRows: (n: number) => `${n} row${n === 1 ? '' : 's'} could not be read; their content is not in the results (see the issues).`,
    working: 'Working…',
    reading: 'Reading the selection…',
    writing: 'Writing the results…',
    hints: 'Likely causes',
    alsoFixes: (cells: string) => `Fixing it also clears: ${cells}`,
    step: { reading: 'Reading the table’s structure…', indicators: 'Splitting the indicators…', checks: 'Checking the sums…' },
    done: 'Done',
    fullStop: '. ',
    cleared: "The add-in's flags were removed.",
    nothingToClear: 'There are no flags to clear.',
    selectTable: 'Select the table to normalize first.',
    oneCell: (address: string) =>
      `Only one cell (${address}) was read, and no table was recognised in it. Select the whole table, or any cell of it that holds something, and normalize again.`,
    readRange: (address: string) => `Read ${address}`,
    tablesFound: (n: number) => `${n} table${n === 1 ? '' : 's'}:`,
    tableRepeat: '(repeat)',
    tableRepeatOf: (address: string) => `repeats the table at ${address}`,
    selectRange: 'Select range',
    moreBelow: (row: number) =>
      `There seems to be more below row ${row}. If it belongs to the table, select the whole table and normalize again.`,
    moreRight: (column: string) =>
      `There seems to be more right of column ${column}. If it belongs to the table, select the whole table and normalize again.`,
    moreLeft: (column: string) =>
      `There seems to be more left of column ${column}. If it belongs to the table, select the whole table and normalize again.`,
    hiddenRows: (n: number, counted: boolean) =>
      `${n} hidden row${n === 1 ? ' was' : 's were'} ${counted ? 'counted, as the options ask' : 'not counted'}.`,
    hiddenCols: (n: number, counted: boolean) =>
      `${n} hidden column${n === 1 ? ' was' : 's were'} ${counted ? 'counted, as the options ask' : 'not counted'}.`,
    countHidden: 'Count hidden rows and columns',
    ownSheet: "This sheet is the add-in's own output. Select the table on the original budget sheet and normalize that.",
    invalidOption: 'Invalid option',
    tooLarge: (cells: number, max: number) =>
      `The selection has ${cells.toLocaleString()} cells, more than the ${max.toLocaleString()} the add-in can safely handle. Select just the budget table.`,
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
    layoutNames: {
      packed: 'Packed list (indicators in one cell)',
      grid: 'Grid list (one row per indicator)',
      form: 'Single-project form',
      tree: 'Tree export (levels by indentation)',
    },
    detected: 'Detected',
    stop: '. ',
    sentenceJoin: ' ',
    review: 'Review',
    reviewChecks: 'Review checks',
    roundingError: 'Count rounding differences as errors',
    unknownLevels: (n: number) =>
      `${n} indicator${n === 1 ? '' : 's'} with a 一级 or 二级 name outside the standard taxonomy, kept as written.`,
    readingTitle: 'How the table was read',
    readingAll: 'The whole table was read. If something was read wrong, change it below and normalize again.',
    readingSome: (n: number) =>
      `${n} row${n === 1 ? ' was' : 's were'} not read. Check what each column is below, change it and normalize again.`,
    readingAllOf: (address: string) =>
      `Every row of ${address} was read. If something was read wrong, change it below and normalize again.`,
    readingRemembered: 'A correction saved in this workbook for the same header was applied.',
    headerRows: 'Header rows',
    mapApply: 'Normalize again with this correction',
    mapForget: 'Forget this correction',
    mapForgotten: 'The correction for this header was forgotten.',
    columnWord: 'column',
    keyWord: 'key',
    evidence: 'because',
    answerClean: 'No issues: every row was read and every total adds up.',
    answerCounts: (errors: number, warnings: number, reviews: number, infos: number) =>
      `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${
        reviews > 0 ? (reviews === warnings ? ` (all review findings)` : ` (${reviews} of them review findings)`) : ''
      }${infos > 0 ? `, ${infos} note${infos === 1 ? '' : 's'}` : ''}.`,
    answerAllRead: 'Every row was read.',
    answerAllReadAddsUp: 'Every row was read and every total adds up.',
    answerNotAllRead: (parts: string) => `Not everything was read: ${parts}.`,
    answerUnreadRows: (n: number) => `${n} row${n === 1 ? '' : 's'} could not be read`,
    answerHiddenRows: (n: number) => `${n} hidden row${n === 1 ? '' : 's'} left out`,
    answerHiddenCols: (n: number) => `${n} hidden column${n === 1 ? '' : 's'} left out`,
    answerJoin: ', ',
    problems: 'What to do',
    problemsKeys: 'Tab moves between the groups, ↑ ↓ within a group, Enter goes to the cell.',
    groupNames: { fix: 'Fix a figure', fill: 'Fill in a blank', check: 'Check the reading' },
    groupHelp: {
      fix: 'These totals do not add up or these amounts could not be read: correct the cell named.',
      fill: 'Something is missing or half filled in: fill in the cell named.',
      check: 'These may have been read wrong or left out: compare them with the table.',
    },
    reviewFound: 'Review findings',
    // Importing a PDF (the pane's Import PDF; the sheet's source line: src/pdf/sheet.ts).
    importPdf: 'Import PDF',
    importStopped: (sheets: string) =>
      `Excel stopped the import while it wrote the sheets ${sheets}, which may be incomplete. Press Ctrl+Z to undo the import, or delete those sheets and import again (a new import makes new sheets).`,
    importProtected:
      "This workbook's structure is protected, so no sheet can be added; nothing was imported. Unprotect the workbook (Review → Protect Workbook), then import again.",
    importPdfHelp:
      "Reads a department's published PDF, writes its performance-target tables to new sheets as published, and normalizes them.",
    importPdfOld:
      'This version of Excel runs add-ins in a browser too old to read PDFs (it needs Safari 16.4 or later on a Mac, or Microsoft Edge WebView2 on Windows). Update Excel or macOS, or import in Excel on the web; the command-line tool reads PDFs too.',
    importPdfNoWorker:
      'This version of Excel cannot run add-in work in the background, which reading a PDF needs. Update Excel, or import in Excel on the web.',
    importOpening: (file: string) => `Opening ${file}…`,
    importReading: (done: number, total: number) => `Reading the PDF: page ${done} of ${total}`,
    importWriting: 'Writing the sheets…',
    importNormalizing: (k: number, n: number) => `Normalizing table ${k} of ${n}…`,
    importFailed: {
      password: (file: string) => `${file} is password-protected. Open it with its password, save it without one, and import it again.`,
      damaged: (file: string) => `${file} is damaged or cut short. Download it again, or open it and save a copy, then import that.`,
      scan: (file: string) =>
        `${file} has no text layer: its pages are images (a scan), and this tool does not run OCR. Use the department's original PDF, or run OCR on it first.`,
      empty: (file: string) => `${file} has no text on its pages: there is no table to read.`,
      other: (file: string) => `${file} could not be read.`,
      load: () => "The PDF reader could not be loaded (the add-in's files could not be fetched). Check the network and try again.",
      old: () =>
        'This version of Excel runs add-ins in a browser too old to read PDFs. Update Excel or macOS, or import in Excel on the web.',
    },
    importNoTarget: (file: string, tables: number) =>
      tables === 0
        ? `No table was found in ${file}.`
        : `${file} holds ${tables} table${tables === 1 ? '' : 's'}, none of them a performance-target table; nothing was written.`,
    importDone: (file: string, tables: number, kept: number) =>
      `${file}: ${tables} table${tables === 1 ? '' : 's'} found; ${kept} performance-target table${kept === 1 ? '' : 's'} written to new sheets and normalized.`,
    importUnread: (file: string, tables: number, targets: number) =>
      `${file} holds ${tables} table${tables === 1 ? '' : 's'}; in ${targets === 1 ? 'its' : `its ${targets}`} performance-target table${targets === 1 ? '' : 's'} no project, amount or indicator could be recognised. Nothing was written.`,
    importSomeFailed: (n: number) =>
      `${n} table${n === 1 ? ' was' : 's were'} written to new sheets but could not be normalized: see the list below.`,
    importFound: (file: string, tables: number) => `${file}: ${tables} table${tables === 1 ? '' : 's'} found.`,
    importSomeExisting: (n: number) =>
      `${n} table${n === 1 ? ' was' : 's were'} imported from this file before and not imported again (All projects would count ${n === 1 ? 'it' : 'them'} twice).`,
    importExisting: (sheet: string) =>
      `Imported before, to the sheet ${sheet}; not imported again. To import it anew, delete that sheet first.`,
    importTitle: 'Imported tables',
    importSkipped: 'not a performance-target table: skipped',
    importNothingRead: 'no project, amount or indicator could be read',
    importUntitled: '(untitled)',
    importPages: (pages: string) => `${pages.includes(',') || pages.includes('–') ? 'pages' : 'page'} ${pages}`,
    importSource: (file: string, pages: string, parts: string) =>
      `Source: ${file}, ${pages.includes(',') || pages.includes('–') ? 'pages' : 'page'} ${pages}${parts !== '' ? ` (${parts})` : ''}.`,
    importPagePart: (page: number, from: number, to: number) => `page ${page}: ${from === to ? `row ${from}` : `rows ${from}–${to}`}`,
    importPartJoin: '; ',
    importMoreParts: (n: number) => `${n} more page${n === 1 ? '' : 's'}`,
    importAligned: ' This table has no ruling lines and was read by the alignment of its text: its columns may be wrong; check them.',
    importGoTo: (sheet: string) => `Go to the sheet ${sheet}`,
  },
} as const;

export type Strings = (typeof STRINGS)['zh'];

export function strings(lang: Lang): Strings {
  return STRINGS[lang] as Strings;
}

/** The role of a column or form key, as the pane names it. */
export const ROLE_NAMES: Record<Lang, Record<ReadingRole, string>> = {
  zh: {
    name: '项目名称',
    total: '总计',
    fiscal: '财政拨款',
    specialAccount: '财政专户拨款',
    other: '其他资金',
    goal: '绩效目标',
    indicators: '绩效指标(一格多条)',
    unitName: '单位名称',
    level1: '一级指标',
    level2: '二级指标',
    level3: '三级指标',
    description: '指标描述',
    op: '符号',
    value: '指标值',
    valuePeriod: '实施周期指标值',
    valueSecond: '另一组指标值',
    measureUnit: '计量单位',
    weight: '权重',
    direction: '指标方向',
    category: '项目类别',
    standard: '绩效标准',
    seq: '序号',
    note: '备注',
    purpose: '项目概况',
    info: '其他信息',
    funding: '资金栏标题',
    indicatorBlock: '绩效指标栏标题',
    ignore: '忽略',
  },
  en: {
    name: 'Name',
    total: 'Total',
    fiscal: 'Fiscal',
    specialAccount: 'Special account',
    other: 'Other funds',
    goal: 'Goal',
    indicators: 'Indicators (packed)',
    unitName: 'Unit name',
    level1: 'Level 1',
    level2: 'Level 2',
    level3: 'Level 3',
    description: 'Description',
    op: 'Comparator',
    value: 'Target',
    valuePeriod: 'Period target',
    valueSecond: 'Second target',
    measureUnit: 'Measure unit',
    weight: 'Weight',
    direction: 'Direction',
    category: 'Category',
    standard: 'Standard',
    seq: 'No.',
    note: 'Note',
    purpose: 'Description of the project',
    info: 'Other information',
    funding: 'Funding caption',
    indicatorBlock: 'Indicators caption',
    ignore: 'Ignore',
  },
};

/** Why a role was given, as the pane says it. */
export const EVIDENCE_NAMES: Record<
  Lang,
  Record<'label' | 'label-pattern' | 'label-contains' | 'cells' | 'default' | 'glued' | 'user', string>
> = {
  zh: {
    label: '表头名称相符',
    'label-pattern': '表头名称符合格式',
    'label-contains': '表头名称相近(不确定)',
    cells: '单元格内容',
    default: '默认列顺序(不确定)',
    glued: '键与值同格',
    user: '您的修正',
  },
  en: {
    label: 'the header names it',
    'label-pattern': 'the header fits the pattern',
    'label-contains': 'the header resembles it (uncertain)',
    cells: 'the cells look like it',
    default: 'the default column order (uncertain)',
    glued: 'key and value in one cell',
    user: 'your correction',
  },
};
