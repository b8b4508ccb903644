/**
 * view.ts — what the task pane shows, as plain data: no DOM, no Office, so that it is tested under Node.
 *
 * Owns: the pane's static labels and review checkboxes; from a Normalize's result (the model, the range
 * read and where the table stands on the sheet, the notices) the status, the range read, the tables found
 * in a paste of several (each range a click away), the detected
 * layout, the counts, the hint groups, the review rows, the issue list and how the table was read, each
 * with the sheet addresses a click selects; the progress label; the correction the reading's controls describe. Flags are listed in the
 * model's order (by place on the sheet), never re-sorted here. taskpane.ts wires events and draws this
 * with dom.ts.
 */
import {
  EVIDENCE_NAMES,
  HINTS,
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
  reviewCounts,
  strings,
  type Flag,
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
import type { PaneSettings } from '../settings/settings';
import { noticeText } from '../ui/user-message';

/** Items listed at most in each list (issues, each hint group, reviews). */
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

/** One entry of the issue, hint and review lists: a click selects `address` on the user's sheet. */
export interface CellItem {
  address: string;
  severity: Severity;
  head: string;
  texts: string[];
  ariaLabel?: string;
}

export interface HintItem extends CellItem {
  /** The other flagged cells that fixing this one clears. */
  clears: string[];
}

export interface HintGroup {
  hint: Hint;
  /** `万元/元错位 (1)`. */
  title: string;
  items: HintItem[];
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
  notices: string[];
  /** `已读取 A1:G33`: always said, so that a range cut short is seen. */
  rangeLine: string;
  /** The tables found, when the paste holds more than one; null for one table. */
  tables: TablesView | null;
  layoutLine: string;
  counts: Count[];
  hints: HintGroup[];
  reviews: CellItem[];
  issues: { items: CellItem[]; total: number; note: string | null };
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
    'issues-title': s.issues,
    'layout-label': s.layout,
    'layout-auto': s.layoutAuto,
    'reading-title': s.readingTitle,
    'map-layout-label': s.layout,
    'map-header-label': s.headerRows,
    'map-apply': s.mapApply,
    'map-forget': s.mapForget,
    'review-label': s.reviewChecks,
    'review-title': s.review,
    'hints-title': s.hints,
    'rounding-error-label': s.roundingError,
    'count-hidden-label': s.countHidden,
    'reading-remembered': s.readingRemembered,
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
  return r.notesLeft > 0 ? `${text} ${s.notesLeft(r.notesLeft)}` : text;
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
    status: [s.done, ...notices].join(' '),
    notices,
    rangeLine: s.readRange(res.range ?? cellAddress(res.origin.row + 1, res.origin.col)),
    tables: tablesView(res, lang),
    layoutLine: sum.unknownLevels > 0 ? `${detected}. ${s.unknownLevels(sum.unknownLevels)}` : detected,
    counts: [
      count(s.rows, sum.rows, null),
      count(s.units, sum.units, null),
      count(s.projects, sum.projects, null),
      count(s.indicators, sum.indicators, null),
      count(s.errors, sum.errors, sum.errors > 0 ? 'error' : null),
      count(s.warnings, sum.warnings, sum.warnings > 0 ? 'warning' : null),
    ],
    hints: hintGroups(res, lang),
    reviews: reviewRows(res, lang),
    issues: issueList(res, lang),
    reading: readingView(res, lang),
  };
}

function count(label: string, value: number, severity: Count['severity']): Count {
  return { label, value, text: value.toLocaleString(), severity };
}

const isReview = (f: Flag): boolean => f.code.startsWith('review-');

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

/**
 * The mismatches a hint explains, grouped by hint in the order hints are tried (舍入, 万元/元错位 …): each
 * cell to fix, its message, and the other flags fixing it clears.
 */
function hintGroups(res: PaneResult, lang: Lang): HintGroup[] {
  const s = strings(lang);
  const at = addressIn(res);
  const hinted = res.model.flags.filter((f) => f.hint !== undefined);
  const groups: HintGroup[] = [];
  for (const hint of HINTS) {
    const primaries = hinted.filter((f) => f.hint === hint && f.explainedBy === undefined);
    if (primaries.length === 0) continue;
    const items = primaries.slice(0, MAX_LISTED).map((f): HintItem => {
      const address = at(f.row, f.col);
      const clears = hinted.filter((x) => x.explainedBy?.row === f.row && x.explainedBy.col === f.col).map((x) => at(x.row, x.col));
      const texts = [f.message[lang]];
      if (clears.length > 0) texts.push(s.alsoFixes(clears.join(', ')));
      return { address, severity: f.severity, head: address, texts, ariaLabel: `${s.goToCell} ${address}`, clears };
    });
    groups.push({ hint, title: `${HINT_LABEL[hint][lang]} (${primaries.length})`, items });
  }
  return groups;
}

/** Per project, its review warnings counted by kind, at the project's name cell. */
function reviewRows(res: PaneResult, lang: Lang): CellItem[] {
  const byRow = new Map<number, Flag[]>();
  for (const f of res.model.flags) {
    if (!isReview(f)) continue;
    const list = byRow.get(f.row);
    if (list) list.push(f);
    else byRow.set(f.row, [f]);
  }
  const at = addressIn(res);
  return [...byRow].slice(0, MAX_LISTED).map(([row, flags]) => {
    const r = res.model.rows[row - 1];
    const address = at(row, r?.cols.name ?? 0);
    return { address, severity: 'warning', head: `${address} · ${r?.name ?? ''}`, texts: [reviewCounts(flags, lang)] };
  });
}

/** Every flag but the review warnings, in the model's order; the first MAX_LISTED listed. */
function issueList(res: PaneResult, lang: Lang): PaneView['issues'] {
  const s = strings(lang);
  const at = addressIn(res);
  const severityName: Record<Severity, string> = { error: s.severityError, warning: s.severityWarning, info: s.severityInfo };
  const flags = res.model.flags.filter((f) => !isReview(f));
  const items = flags.slice(0, MAX_LISTED).map((f): CellItem => {
    const address = at(f.row, f.col);
    const message = f.message[lang];
    const name = severityName[f.severity];
    return {
      address,
      severity: f.severity,
      head: `${address} · ${name}`,
      texts: [message],
      ariaLabel: `${s.goToCell} ${address}: ${name}, ${message}`,
    };
  });
  const note = flags.length > MAX_LISTED ? `… +${flags.length - MAX_LISTED}` : flags.length === 0 ? s.noIssues : null;
  return { items, total: flags.length, note };
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
