/**
 * index.ts — the core's one door: everything the adapters (`excel/`, `cli/`, `taskpane/`, `commands/`, `settings/`, `ui/`)
 * use of the core, and nothing they must not depend on. A test checks that no adapter imports a core
 * module by its path.
 */
// The contract: the model, money, layouts, roles and the mapping, as zod schemas and types.
export * from './contract/model';
export * from './contract/money';
export * from './contract/layouts';
export * from './contract/roles';
export * from './contract/mapping';
// Input: cells, amounts, labels.
export * from './input/grid';
export { formatNumber, shownCell } from './input/number-format';
export * from './input/amount';
export * from './input/vocabulary';
export * from './input/header';
export { parseTarget } from './indicators/target';
export { hasIndicatorStart, parseIndicatorCell, PackedCellParser } from './indicators/packed-cell';
export type { IndicatorCellParse } from './indicators/packed-cell';
// Mappings: the text form, signatures, moving a mapping between the input's letters and the sheet's.
export { columnIndex, MAPPABLE_ROLES, parseMappingText, shiftMapping, signatureOf } from './layouts/mapping';
// Messages an adapter raises itself (the CLI's input notes) and the hints' labels.
export { amountRounded, cellCut, columnsCut, COLUMN_LABEL, encodingRepaired, HINT_LABEL } from './findings/messages';
export { NO_REVIEW, REVIEW_RULES, reviewRuleOf, ReviewOptionsSchema } from './checks/review';
export type { ReviewKey, ReviewOptions, ReviewRule } from './checks/review';
// The pipeline and its options.
export * from './normalize';
export { nothingRecognised, withInputFindings } from './to-model';
export type { InputFinding } from './to-model';
export * from './options';
// Renderers: the workbook plan, the UI strings, the JSON text.
export {
  ALL_OUTPUTS,
  buildPlan,
  CELL_CHARS,
  fitCell,
  OutputsSchema,
  reviewCounts,
  SHEET_ROLES,
  sheetPrefix,
  TEXT_FORMAT,
} from './render/plan';
export type { Outputs, PlanMark, PlanSheet, PlanValue, SheetRole, WorkbookPlan } from './render/plan';
export { EVIDENCE_NAMES, langFromDisplayLanguage, ROLE_NAMES, strings } from './render/i18n';
export type { Lang, Strings } from './render/i18n';
export { jsonChunks } from './render/json-chunks';
export { displayWidth } from './render/columns';
