/**
 * view.ts — what the task pane shows, as plain data: no DOM, no Office, so that it is tested under Node.
 *
 * Owns: the pane's static labels and review checkboxes; from a Normalize's result (the model, the range
 * read and where the table stands on the sheet, the notices) the answer (one sentence, true in every case),
 * the counts, the range read, the problems grouped by what to do (`PROBLEM_GROUP`), each project's review
 * findings by what they found, the tables found in a paste of several (each range a click away), the
 * detected layout and how the table was read, each with the sheet addresses a click selects; the progress
 * label; the correction the reading's controls describe; the colours of the Office theme. Flags are listed
 * in the model's order (by place on the sheet), never re-sorted here. taskpane.ts wires events and draws
 * this with dom.ts.
 */
import {
  EVIDENCE_NAMES,
  HINT_LABEL,
  LAYOUTS,
  READING_ROLES,
  REVIEW_RULES,
  ROLE_NAMES,
  MappingSchema,
  cellAddress,
  columnIndex,
  columnLetter,
  labelKey,
  strings,
  type Flag,
  type FLAG_CODES,
  type Hint,
  type Lang,
  type Layout,
  type Mapping,
  type Model,
  type NormalizeStep,
  type ReadingRole,
  type ReviewKey,
  type Severity,
} from '../core';
import type { ClearResult, Notice, Phase } from '../excel/run';
import { pageList } from '../pdf/sheet';
import type { PaneSettings } from '../settings/settings';
import { noticeText } from '../ui/user-message';

/** Items listed at most in each list (each problem group, the review cards). */
export const MAX_LISTED = 500;

/** What a Normalize gives the pane (a `NormalizeResult` of src/excel/run.ts is one). */
export interface PaneResult {
  model: Model;
  /** The range read, in the sheet's letters (`A1:G33`). */
  range?: string;
  /** 0-based sheet position of the table's first cell. */
  origin: { row: number; col: number };
  notices?: readonly Notice[];
  /** The correction applied, and whether it was one remembered in the workbook. */
  applied?: { remembered: boolean } | null;
}

/** One entry of the problem and review lists: a click selects `address` on the user's sheet. */
export interface CellItem {
  address: string;
  severity: Severity;
  head: string;
  texts: string[];
  ariaLabel?: string;
}

/**
 * What to do about a finding, the pane's three groups of problems:
 *  - fix: a figure is wrong — the sums that do not add up (with their likely cause, `hint`) and amounts that
 *    could not be read;
 *  - fill: something the table should hold is empty or half filled in — an empty total, a project with no
 *    amount, no name or no indicators, a target with only its unit or sign (`review-no-target`);
 *  - check: the reading may be wrong or incomplete — rows not read, no header found, a column's role guessed,
 *    a table pasted twice, hidden cells, a garbled indicator cell, an amount recovered from text or shown
 *    otherwise than its value, a name joined across rows, and the CLI's input notes.
 * Every other review finding (coverage, measurability …) is a project's review card, not a problem.
 */
export type ProblemGroupKey = 'fix' | 'fill' | 'check';
export const PROBLEM_GROUPS: readonly ProblemGroupKey[] = ['fix', 'fill', 'check'];

/** The group of each flag code that is not a review finding: a new code fails to compile until it has one. */
export const PROBLEM_GROUP: Record<(typeof FLAG_CODES)[number], ProblemGroupKey> = {
  'row-sum-mismatch': 'fix',
  'subtotal-mismatch': 'fix',
  'grand-total-mismatch': 'fix',
  'unparsable-amount': 'fix',
  'missing-amount': 'fill',
  'no-amount': 'fill',
  'no-name': 'fill',
  'no-indicators': 'fill',
  'unread-row': 'check',
  'reading-uncertain': 'check',
  'no-header': 'check',
  'table-repeated': 'check',
  'hidden-cells': 'check',
  'indicator-garbled': 'check',
  'amount-recovered': 'check',
  'amount-shown': 'check',
  'name-joined': 'check',
  'encoding-repaired': 'check',
  'amount-rounded': 'check',
  'columns-cut': 'check',
  'cell-cut': 'check',
};

/** The review findings that are problems to act on rather than a review card. */
const REVIEW_PROBLEMS: Readonly<Record<string, ProblemGroupKey>> = { 'review-no-target': 'fill' };

/** The group a flag goes to, or null for a review finding shown on its project's card. */
export function problemGroupOf(code: string): ProblemGroupKey | null {
  if (isReviewCode(code)) return REVIEW_PROBLEMS[code] ?? null;
  return PROBLEM_GROUP[code as keyof typeof PROBLEM_GROUP] ?? 'check';
}

export interface ProblemItem extends CellItem {
  code: string;
  /** A sum mismatch's likely cause. */
  hint?: Hint;
  /** The other flagged cells that fixing this one clears (they are not listed on their own). */
  clears: string[];
}

export interface ProblemGroup {
  key: ProblemGroupKey;
  /** `改正数字 (3)`. */
  title: string;
  /** What to do, in one line. */
  help: string;
  items: ProblemItem[];
  /** Items in the group, the listed ones and those past MAX_LISTED. */
  total: number;
  /** `… +7` when the list is cut. */
  note: string | null;
}

/** The one sentence the pane leads with. */
export interface Answer {
  text: string;
  /** clean: everything read and every total adds up, nothing flagged; problems: all read, something flagged; unread: not everything read. */
  state: 'clean' | 'problems' | 'unread';
  /** Its colour: error when something is wrong or unread, warning when only warnings, ok otherwise. */
  tone: 'ok' | 'warning' | 'error';
}

/** A project's review findings, each said by what it found (`缺少满意度指标`). */
export interface ReviewCard extends CellItem {
  /** The rule codes found, in the model's order. */
  codes: string[];
}

export interface Count {
  label: string;
  value: number;
  text: string;
  /** Shown in its severity's colour when not 0. */
  severity: 'error' | 'warning' | null;
}

/** A column (or, for a form, a key) as it was read, with the role it was given and why. */
export interface ReadingField {
  label: string;
  uncertain: boolean;
  /** 0-based sheet column. */
  col: number;
  /** The header or key text as it stands. */
  key: string;
  role: ReadingRole;
}

export interface ReadingView {
  sentence: string;
  /** A correction remembered for this header was applied. */
  remembered: boolean;
  layout: Layout;
  /** The header rows as sheet rows, `2` or `1+2`. */
  headerRows: string;
  form: boolean;
  /** Uncertain ones first, then by column. */
  fields: ReadingField[];
  /** Every role a field can be given, with its name. */
  roles: Array<{ role: ReadingRole; name: string }>;
}

/** One table of the paste: its range on the sheet, a click away. */
export interface TableItem {
  /** `A1:G8`, on the user's sheet. */
  address: string;
  /** `A1:G8`, or `A17:G23 (重复)` for a table that repeats an earlier one. */
  text: string;
  /** It repeats an earlier table (the same table pasted twice). */
  repeat: boolean;
  ariaLabel: string;
}

/** The tables of a paste that holds more than one: `2 张表: A1:G8, A10:G16`. */
export interface TablesView {
  /** `2 张表:`. */
  label: string;
  items: TableItem[];
  /** The whole line as it reads. */
  text: string;
}

export interface PaneView {
  status: string;
  /** The sentence first: all read and adds up / n errors, m warnings / not everything read. */
  answer: Answer;
  notices: string[];
  /** `已读取 A1:G33`: always said, so that a range cut short is seen. */
  rangeLine: string;
  /** The tables found, when the paste holds more than one; null for one table. */
  tables: TablesView | null;
  layoutLine: string;
  counts: Count[];
  /** The problems, by what to do; only the groups that have some, in the order fix, fill, check. */
  problems: ProblemGroup[];
  reviews: ReviewCard[];
  reading: ReadingView;
}

export interface PaneLabels {
  htmlLang: string;
  title: string;
  /** Element id → its text. */
  texts: Record<string, string>;
  /** One checkbox per review rule (checks/review.ts), in the table's order. */
  reviewRules: Array<{ key: ReviewKey; id: string; label: string }>;
}

/** The id of a review rule's checkbox. */
export const reviewCheckboxId = (key: string): string => `rv-${key}`;

/** The pane's static texts in `lang`, by element id. */
export function paneLabels(lang: Lang): PaneLabels {
  const s = strings(lang);
  const texts: Record<string, string> = {
    title: s.appName,
    normalize: s.normalize,
    clear: s.clearFlags,
    'clear-all': s.clearAll,
    'options-label': s.options,
    'tolerance-label': s.tolerance,
    'unit-label': s.amountUnit,
    'unit-auto': s.unitAuto,
    'outputs-label': s.outputs,
    'out-normalized-label': s.outNormalized,
    'out-indicators-label': s.outIndicators,
    'out-flags-label': s.outFlags,
    'out-review-marks-label': s.outReviewMarks,
    'summary-title': s.summary,
    'problems-title': s.problems,
    'problems-keys': s.problemsKeys,
    'layout-label': s.layout,
    'layout-auto': s.layoutAuto,
    'reading-title': s.readingTitle,
    'map-layout-label': s.layout,
    'map-header-label': s.headerRows,
    'map-apply': s.mapApply,
    'map-forget': s.mapForget,
    'review-label': s.reviewChecks,
    'review-title': s.reviewFound,
    'rounding-error-label': s.roundingError,
    'count-hidden-label': s.countHidden,
    'reading-remembered': s.readingRemembered,
    'import-pdf': s.importPdf,
    'import-help': s.importPdfHelp,
    'import-title': s.importTitle,
  };
  // The layout names in both selects (options and reading), from the one list of layouts.
  for (const l of LAYOUTS) {
    texts[`layout-${l}`] = s.layoutNames[l];
    texts[`map-layout-${l}`] = s.layoutNames[l];
  }
  return {
    htmlLang: lang === 'zh' ? 'zh-CN' : 'en',
    title: s.appName,
    texts,
    reviewRules: REVIEW_RULES.map((r) => ({ key: r.key, id: reviewCheckboxId(r.key), label: r.label[lang] })),
  };
}

/** The progress bar's label and value (0–100): reading 0–40, normalizing 40–50, writing 50–100. */
export function progressView(lang: Lang, phase: Phase, done = 0, total = 1, step?: NormalizeStep): { label: string; value: number } {
  const s = strings(lang);
  const label = phase === 'reading' ? s.reading : phase === 'writing' ? s.writing : step !== undefined ? s.step[step] : s.working;
  const base = phase === 'reading' ? 0 : phase === 'normalizing' ? 40 : 50;
  const span = phase === 'reading' ? 40 : phase === 'normalizing' ? 10 : 50;
  return {
    // Counts once there is something to count: rows read, projects split, rows written.
    label: total > 1 ? `${label} ${done.toLocaleString()} / ${total.toLocaleString()}` : label,
    value: base + (total > 0 ? (span * done) / total : 0),
  };
}

/** What the pane says after Clear flags. */
export function clearedStatus(r: ClearResult, lang: Lang): string {
  const s = strings(lang);
  const text = r.restored > 0 ? s.cleared : s.nothingToClear;
  return r.notesLeft > 0 ? `${text}${s.sentenceJoin}${s.notesLeft(r.notesLeft)}` : text;
}

/** Everything the pane shows after a Normalize. `settings.layout` says whether the layout was detected or chosen. */
export function paneView(res: PaneResult, lang: Lang, settings: Pick<PaneSettings, 'layout'>): PaneView {
  const s = strings(lang);
  const { model } = res;
  const sum = model.summary;
  const notices = (res.notices ?? []).map((n) => noticeText(n, lang));
  // "Detected" when the pane chose the layout, "Layout" when the user did.
  const detected = `${settings.layout === 'auto' ? s.detected : s.layout}: ${s.layoutNames[model.layout]}`;
  return {
    // The word "done", then the notices: each a sentence with its own full stop, joined as its language joins them.
    status: notices.length > 0 ? `${s.done}${s.fullStop}${notices.join(s.sentenceJoin)}` : s.done,
    answer: answerOf(model, lang),
    notices,
    rangeLine: s.readRange(res.range ?? cellAddress(res.origin.row + 1, res.origin.col)),
    tables: tablesView(res, lang),
    layoutLine: sum.unknownLevels > 0 ? `${detected}${s.stop}${s.unknownLevels(sum.unknownLevels)}` : detected,
    counts: [
      count(s.rows, sum.rows, null),
      count(s.units, sum.units, null),
      count(s.projects, sum.projects, null),
      count(s.indicators, sum.indicators, null),
      count(s.errors, sum.errors, sum.errors > 0 ? 'error' : null),
      count(s.warnings, sum.warnings, sum.warnings > 0 ? 'warning' : null),
    ],
    problems: problemGroups(res, lang),
    reviews: reviewCards(res, lang),
    reading: readingView(res, lang),
  };
}

function count(label: string, value: number, severity: Count['severity']): Count {
  return { label, value, text: value.toLocaleString(), severity };
}

const isReviewCode = (code: string): boolean => code.startsWith('review-');

/** The address on the user's sheet of a cell of the table. */
function addressIn(res: PaneResult): (row: number, col: number) => string {
  return (row, col) => cellAddress(res.origin.row + row, res.origin.col + col);
}

/** The first and last 0-based sheet columns of the range read (`A1:G33` → 0, 6), or null when it is not known. */
function rangeColumns(range: string | undefined): [number, number] | null {
  const m = /^\$?([A-Z]+)\$?\d+(?::\$?([A-Z]+)\$?\d+)?$/i.exec((range ?? '').split('!').pop() ?? '');
  if (m === null) return null;
  const a = columnIndex((m[1] as string).toUpperCase());
  const b = columnIndex((m[2] ?? (m[1] as string)).toUpperCase());
  return [Math.min(a, b), Math.max(a, b)];
}

/**
 * The tables of the paste, when there is more than one, each with the range it covers on the sheet: its rows
 * without the blank rows at its edges, and the columns its fields use (the range read's when it has none).
 */
function tablesView(res: PaneResult, lang: Lang): TablesView | null {
  const { tables } = res.model.reading;
  if (tables.length < 2) return null;
  const s = strings(lang);
  const { origin } = res;
  const readCols = rangeColumns(res.range) ?? [origin.col, origin.col];
  const addressOf = new Map<number, string>();
  const items = tables.map((t): TableItem => {
    const filled = t.blocks.filter((b) => b.kind !== 'blank');
    const first = filled[0]?.startRow ?? t.startRow;
    const last = filled[filled.length - 1]?.endRow ?? t.endRow;
    const cols = t.fields.map((f) => f.col);
    const [c0, c1] = cols.length > 0 ? [origin.col + Math.min(...cols), origin.col + Math.max(...cols)] : readCols;
    const address = `${cellAddress(origin.row + first, c0)}:${cellAddress(origin.row + last, c1)}`;
    addressOf.set(t.startRow, address);
    const repeat = t.repeatOf !== null;
    const of = t.repeatOf === null ? undefined : addressOf.get(t.repeatOf);
    return {
      address,
      text: repeat ? `${address} ${s.tableRepeat}` : address,
      repeat,
      ariaLabel: `${s.selectRange} ${address}${of !== undefined ? `: ${s.tableRepeatOf(of)}` : repeat ? ` ${s.tableRepeat}` : ''}`,
    };
  });
  const label = s.tablesFound(tables.length);
  return { label, items, text: `${label} ${items.map((i) => i.text).join(', ')}` };
}

/** The codes of the sums that do not add up. */
const MISMATCHES: ReadonlySet<string> = new Set(['row-sum-mismatch', 'subtotal-mismatch', 'grand-total-mismatch']);
/** Findings that say a total is off, or could not be checked as given. */
const SUM_FINDINGS: ReadonlySet<string> = new Set([...MISMATCHES, 'missing-amount', 'unparsable-amount', 'no-amount']);

/**
 * The sentence the pane leads with, true in each case: "没有问题" only when every row was read (none left
 * unrecognised, no hidden row or column left out) and nothing at all is flagged; otherwise the errors and
 * warnings (saying how many are review findings) and notes, then that every row was read, and that every
 * total adds up only when no sum finding says otherwise; or, when something was not read, that first.
 */
export function answerOf(model: Model, lang: Lang): Answer {
  const s = strings(lang);
  const sum = model.summary;
  const hidden = model.reading.hidden;
  const unread = model.reading.unreadRows.length;
  const parts: string[] = [];
  if (unread > 0) parts.push(s.answerUnreadRows(unread));
  if (hidden !== undefined && !hidden.counted) {
    if (hidden.rows.length > 0) parts.push(s.answerHiddenRows(hidden.rows.length));
    if (hidden.columns.length > 0) parts.push(s.answerHiddenCols(hidden.columns.length));
  }
  const counts = s.answerCounts(sum.errors, sum.warnings, sum.reviews, sum.infos);
  const space = lang === 'zh' ? '' : ' ';
  if (parts.length > 0) return { text: `${s.answerNotAllRead(parts.join(s.answerJoin))}${space}${counts}`, state: 'unread', tone: 'error' };
  if (model.flags.length === 0) return { text: s.answerClean, state: 'clean', tone: 'ok' };
  const addsUp = !model.flags.some((f) => SUM_FINDINGS.has(f.code));
  const tone = sum.errors > 0 ? 'error' : sum.warnings > 0 ? 'warning' : 'ok';
  return { text: `${counts}${space}${addsUp ? s.answerAllReadAddsUp : s.answerAllRead}`, state: 'problems', tone };
}

/**
 * The problems, grouped by what to do (PROBLEM_GROUP), each group in the model's order. A mismatch another
 * cell's hint explains is not listed on its own: the cell to fix is, with the hint's name and the cells that
 * fixing it clears (one cell to fix, not three).
 */
function problemGroups(res: PaneResult, lang: Lang): ProblemGroup[] {
  const s = strings(lang);
  const at = addressIn(res);
  const severityName: Record<Severity, string> = { error: s.severityError, warning: s.severityWarning, info: s.severityInfo };
  const key = (row: number, col: number) => `${row}:${col}`;
  const byGroup = new Map<ProblemGroupKey, Flag[]>();
  for (const f of res.model.flags) {
    const g = problemGroupOf(f.code);
    if (g === null) continue;
    const list = byGroup.get(g);
    if (list) list.push(f);
    else byGroup.set(g, [f]);
  }
  // The mismatches whose cell another flag's hint names: shown as what fixing that cell clears.
  const fix = byGroup.get('fix') ?? [];
  const hinted = new Set(fix.filter((f) => f.hint !== undefined && f.explainedBy === undefined).map((f) => key(f.row, f.col)));
  const explained = (f: Flag) => f.explainedBy !== undefined && hinted.has(key(f.explainedBy.row, f.explainedBy.col));
  const clearedBy = new Map<string, string[]>();
  for (const f of fix) {
    if (!explained(f) || f.explainedBy === undefined) continue;
    const k = key(f.explainedBy.row, f.explainedBy.col);
    clearedBy.set(k, [...(clearedBy.get(k) ?? []), at(f.row, f.col)]);
  }
  const groups: ProblemGroup[] = [];
  for (const g of PROBLEM_GROUPS) {
    const flags = (byGroup.get(g) ?? []).filter((f) => !explained(f));
    if (flags.length === 0) continue;
    const items = flags.slice(0, MAX_LISTED).map((f): ProblemItem => {
      const address = at(f.row, f.col);
      const message = f.message[lang];
      const name = severityName[f.severity];
      const clears = clearedBy.get(key(f.row, f.col)) ?? [];
      const cause = f.hint === undefined ? '' : ` · ${HINT_LABEL[f.hint][lang]}`;
      const texts = clears.length > 0 ? [message, s.alsoFixes(clears.join(', '))] : [message];
      return {
        address,
        severity: f.severity,
        head: `${address} · ${name}${cause}`,
        texts,
        ariaLabel: `${s.goToCell} ${address}: ${name}${cause}, ${texts.join(' ')}`,
        code: f.code,
        ...(f.hint !== undefined ? { hint: f.hint } : {}),
        clears,
      };
    });
    groups.push({
      key: g,
      title: `${s.groupNames[g]} (${flags.length})`,
      help: s.groupHelp[g],
      items,
      total: flags.length,
      note: flags.length > MAX_LISTED ? `… +${flags.length - MAX_LISTED}` : null,
    });
  }
  return groups;
}

/**
 * What a review finding found, in a few words: its message's first sentence (`缺少满意度指标`,
 * `数量、质量、时效指标只有定性目标:保密项目`), without the advice that follows it.
 */
export function reviewFinding(f: Pick<Flag, 'message'>, lang: Lang): string {
  const text = f.message[lang].trim();
  const end = lang === 'zh' ? text.indexOf('。') : text.search(/\.(?:\s|$)/);
  return end > 0 ? text.slice(0, end) : text;
}

/**
 * Per project, at its name cell, what its review findings found (one line each, in the model's order:
 * the rule table's); the findings that are problems to act on (PROBLEM_GROUP) are in their group instead.
 */
function reviewCards(res: PaneResult, lang: Lang): ReviewCard[] {
  const s = strings(lang);
  const byRow = new Map<number, Flag[]>();
  for (const f of res.model.flags) {
    if (!isReviewCode(f.code) || problemGroupOf(f.code) !== null) continue;
    const list = byRow.get(f.row);
    if (list) list.push(f);
    else byRow.set(f.row, [f]);
  }
  const at = addressIn(res);
  return [...byRow].slice(0, MAX_LISTED).map(([row, flags]) => {
    const r = res.model.rows[row - 1];
    const address = at(row, r?.cols.name ?? 0);
    const texts = flags.map((f) => reviewFinding(f, lang));
    const head = `${address} · ${r?.name ?? ''}`;
    return {
      address,
      severity: 'warning',
      head,
      texts,
      ariaLabel: `${s.goToCell} ${head}: ${texts.join(lang === 'zh' ? ';' : '; ')}`,
      codes: flags.map((f) => f.code),
    };
  });
}

/**
 * How the table was read: a sentence on whether all of it was, the layout, the header rows, and each
 * column or form key with the role it was given and why, the uncertain ones first.
 */
function readingView(res: PaneResult, lang: Lang): ReadingView {
  const s = strings(lang);
  const { model, origin } = res;
  const table = model.reading.tables[0];
  const unread = model.reading.unreadRows.length;
  const form = model.layout === 'form';
  const fields = [...(table?.fields ?? [])].sort((a, b) =>
    a.confidence === b.confidence ? a.col - b.col : a.confidence === 'low' ? -1 : 1,
  );
  // "The whole table" only when nothing seems to go on beyond the range read.
  const cut = (res.notices ?? []).some((n) => n.key === 'moreBelow' || n.key === 'moreRight' || n.key === 'moreLeft');
  return {
    sentence: unread > 0 ? s.readingSome(unread) : cut && res.range !== undefined ? s.readingAllOf(res.range) : s.readingAll,
    remembered: res.applied?.remembered === true,
    layout: model.layout,
    headerRows: (table?.headerRows ?? []).map((r) => r + origin.row).join('+'),
    form,
    fields: fields.map((f) => {
      const col = origin.col + f.col;
      const where = form ? `${s.keyWord} ${f.text}` : `${s.columnWord} ${columnLetter(col)}${f.text === '' ? '' : ` · ${f.text}`}`;
      return {
        label: `${where} (${s.evidence}: ${EVIDENCE_NAMES[lang][f.evidence]})`,
        uncertain: f.confidence === 'low',
        col,
        key: f.text,
        role: f.role,
      };
    }),
    roles: READING_ROLES.map((role) => ({ role, name: ROLE_NAMES[lang][role] })),
  };
}

/** What the reading's controls say: the layout, the header rows as typed, and each field's role. */
export interface ReadingControls {
  layout: string;
  header: string;
  fields: Array<{ col: number; key: string; role: string }>;
}

/** The correction the reading's controls describe, in the sheet's letters and rows. */
export function correctionOf(c: ReadingControls): Mapping {
  const form = c.layout === 'form';
  const columns: Record<string, string> = {};
  const keys: Record<string, string> = {};
  for (const f of c.fields) {
    if (form) keys[labelKey(f.key).key] = f.role;
    else columns[columnLetter(f.col)] = f.role;
  }
  const header = c.header
    .split('+')
    .map((t) => Number(t.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  return MappingSchema.parse({
    layout: c.layout,
    ...(header.length > 0 ? { headerRows: header.slice(0, 2) } : {}),
    columns,
    keys,
  });
}

/** The pane's colours as the Office theme gives them: light or dark, and Office's own colours where they read well. */
export interface ThemeView {
  dark: boolean;
  /** CSS custom properties for the root element (`--neutral-bg` …). */
  vars: Record<string, string>;
}

/**
 * The text colours of each palette (the light one is taskpane.css's `:root`; a test keeps them equal): error,
 * warning, note, an uncertain reading, secondary text; and the dark palette's backgrounds and strokes.
 */
export const PALETTES = {
  light: { '--error': '#c50f1f', '--warning': '#8a5a00', '--info': '#115ea3', '--uncertain': '#8a3700', '--neutral-fg2': '#424242' },
  dark: {
    '--error': '#ff9ba3',
    '--warning': '#f6c958',
    '--info': '#7fb7f7',
    '--uncertain': '#ffb27a',
    '--neutral-fg2': '#d6d6d6',
    '--neutral-fg': '#ffffff',
    '--neutral-bg': '#1f1f1f',
    '--neutral-bg2': '#2e2e2e',
    '--control-bg': '#292929',
    '--control-fg': '#ffffff',
    '--stroke': '#8a8a8a',
    '--focus': '#ffffff',
    '--brand': '#115ea3',
    '--brand-hover': '#0f6cbd',
  },
} as const;

/** `#RRGGBB` (or Office's `RRGGBB`) as `#rrggbb`; null for anything else. */
function hexColour(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const m = /^#?([0-9a-f]{6})$/i.exec(v.trim());
  return m === null ? null : `#${(m[1] as string).toLowerCase()}`;
}

/** WCAG relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `a` moved `t` of the way towards `b`. */
function mix(a: string, b: string, t: number): string {
  return `#${[1, 3, 5]
    .map((i) => {
      const x = parseInt(a.slice(i, i + 2), 16);
      const y = parseInt(b.slice(i, i + 2), 16);
      return Math.round(x + (y - x) * t)
        .toString(16)
        .padStart(2, '0');
    })
    .join('')}`;
}

/** Text at least this far from its background (WCAG AA for normal text). */
const READABLE = 4.5;

/**
 * The pane's colours from `Office.context.officeTheme` (`bodyBackgroundColor`, `bodyForegroundColor`,
 * `controlBackgroundColor`, `controlForegroundColor` as `#RRGGBB`, `isDarkTheme`), or null where Office
 * reports none (older hosts, the browser test's stub): the pane keeps its light palette. Dark or light is
 * `isDarkTheme` (a boolean; a function in some older hosts), or else the body background's luminance. Office's
 * body and control colours are taken only when every text colour of the palette stays readable on them;
 * otherwise the palette's own.
 */
export function themeView(theme: unknown): ThemeView | null {
  if (theme === null || typeof theme !== 'object') return null;
  const t = theme as Record<string, unknown>;
  const bodyBg = hexColour(t.bodyBackgroundColor);
  const bodyFg = hexColour(t.bodyForegroundColor);
  const flag = typeof t.isDarkTheme === 'function' ? (t.isDarkTheme as () => unknown).call(theme) : t.isDarkTheme;
  const dark = typeof flag === 'boolean' ? flag : bodyBg !== null ? luminance(bodyBg) < 0.18 : null;
  if (dark === null) return null;
  const palette = dark ? PALETTES.dark : PALETTES.light;
  const vars: Record<string, string> = { ...palette };
  if (bodyBg !== null && bodyFg !== null) {
    const bg2 = mix(bodyBg, bodyFg, 0.07);
    const texts = [bodyFg, palette['--error'], palette['--warning'], palette['--info'], palette['--uncertain'], palette['--neutral-fg2']];
    if (texts.every((c) => contrast(c, bodyBg) >= READABLE && contrast(c, bg2) >= READABLE)) {
      vars['--neutral-bg'] = bodyBg;
      vars['--neutral-fg'] = bodyFg;
      vars['--neutral-bg2'] = bg2;
    }
  }
  const controlBg = hexColour(t.controlBackgroundColor);
  const controlFg = hexColour(t.controlForegroundColor);
  // Controls as Office draws its own, when they are of the same theme (a light box in a dark pane is not).
  if (controlBg !== null && controlFg !== null && contrast(controlBg, controlFg) >= READABLE && luminance(controlBg) < 0.18 === dark) {
    vars['--control-bg'] = controlBg;
    vars['--control-fg'] = controlFg;
  }
  return { dark, vars };
}

/** One table of an imported PDF, as the pane lists it: a click goes to its sheet and shows its results. */
export interface ImportItem {
  /** The table's title (or 无标题), with its pages: `项目支出绩效目标表 · 第 3–5 页`. */
  head: string;
  /** What became of it: its counts, or why it was skipped or failed. */
  text: string;
  severity: Severity | 'ok' | 'skipped';
  /** The imported table's sheet and range (normalized ones only). */
  sheetName: string | null;
  address: string | null;
  /** Its position in the outcomes (the result to show on a click). */
  index: number;
  ariaLabel: string;
}

export interface ImportView {
  /** One sentence: what was found and kept, or why nothing was written. */
  status: string;
  /** Say it as a failure: nothing was imported, or a table could not be normalized. */
  alarm: boolean;
  items: ImportItem[];
}

/** What an outcome of an import is (src/excel/import.ts's `ImportOutcome`, without Office types). */
export interface ImportOutcomeView {
  table: { title: string; pages: number[] };
  status: 'normalized' | 'skipped' | 'failed' | 'existing';
  reason?: 'notTarget' | 'nothingRead';
  sheetName?: string;
  address?: string;
  result?: { model: Model };
  error?: unknown;
}

/** The pane after an import of `file`: the sentence, and each table found with what became of it. */
export function importView(
  file: string,
  outcomes: readonly ImportOutcomeView[],
  lang: Lang,
  failureText: (e: unknown) => string,
): ImportView {
  const s = strings(lang);
  const kept = outcomes.filter((o) => o.status !== 'skipped');
  const items = outcomes.map((o, index): ImportItem => {
    const head = `${o.table.title !== '' ? o.table.title : s.importUntitled} · ${s.importPages(pageList(o.table.pages))}`;
    let text: string;
    let severity: ImportItem['severity'];
    if (o.status === 'skipped') {
      text = o.reason === 'nothingRead' ? s.importNothingRead : s.importSkipped;
      severity = 'skipped';
    } else if (o.status === 'existing') {
      text = s.importExisting(o.sheetName ?? '');
      severity = 'skipped';
    } else if (o.status === 'failed') {
      text = failureText(o.error);
      severity = 'error';
    } else {
      const sum = (o.result as { model: Model }).model.summary;
      text = sum.errors + sum.warnings === 0 ? s.noIssues : s.answerCounts(sum.errors, sum.warnings, 0, sum.infos);
      severity = sum.errors > 0 ? 'error' : sum.warnings > 0 ? 'warning' : 'ok';
    }
    const sheetName = o.sheetName ?? null;
    return {
      head,
      text,
      severity,
      sheetName,
      address: o.address ?? null,
      index,
      ariaLabel: sheetName !== null ? `${s.importGoTo(sheetName)}: ${head}. ${text}` : `${head}. ${text}`,
    };
  });
  const normalized = outcomes.filter((o) => o.status === 'normalized').length;
  const existing = outcomes.filter((o) => o.status === 'existing').length;
  const failed = kept.length - normalized - existing;
  const unread = outcomes.filter((o) => o.reason === 'nothingRead').length;
  const status =
    kept.length > 0
      ? [
          normalized > 0 ? s.importDone(file, outcomes.length, normalized) : s.importFound(file, outcomes.length),
          existing > 0 ? s.importSomeExisting(existing) : '',
          failed > 0 ? s.importSomeFailed(failed) : '',
        ]
          .filter((t) => t !== '')
          .join(s.sentenceJoin)
      : unread > 0
        ? s.importUnread(file, outcomes.length, unread)
        : s.importNoTarget(file, outcomes.length);
  return { status, alarm: normalized + existing === 0 || failed > 0, items };
}

/** The progress of an import: reading the PDF 0–40, writing its sheets 40–50, normalizing its tables 50–100. */
export function importProgressView(
  lang: Lang,
  p:
    | { phase: 'opening'; file: string }
    | { phase: 'reading'; done: number; total: number }
    | { phase: 'writing'; done: number; total: number }
    | { phase: 'normalizing'; table: number; tables: number },
): { label: string; value: number } {
  const s = strings(lang);
  switch (p.phase) {
    case 'opening':
      return { label: s.importOpening(p.file), value: 0 };
    case 'reading':
      return { label: s.importReading(p.done, p.total), value: p.total > 0 ? (40 * p.done) / p.total : 0 };
    case 'writing':
      return { label: s.importWriting, value: 40 + (p.total > 0 ? (10 * p.done) / p.total : 0) };
    case 'normalizing':
      return { label: s.importNormalizing(p.table, p.tables), value: 50 + (50 * (p.table - 1)) / Math.max(1, p.tables) };
  }
}
