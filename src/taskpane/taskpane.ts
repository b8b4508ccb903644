/**
 * taskpane.ts — the task pane: UI only.
 *
 * Owns: the pane's controls (Normalize, Clear flags, options), showing progress, the summary
 * and the issue list, and selecting an issue's cell when it is clicked. All work is done by
 * src/excel (Office.js) and src/core (pure); all text comes from core/i18n.
 */
import {
  EVIDENCE_NAMES,
  HINTS,
  HINT_LABEL,
  LAYOUTS,
  Lang,
  Mapping,
  MappingSchema,
  REVIEW_RULES,
  READING_ROLES,
  ROLE_NAMES,
  Strings,
  cellAddress,
  columnLetter,
  labelKey,
  langFromDisplayLanguage,
  reviewCounts,
  strings,
  type Flag,
  type NormalizeStep,
  type Severity,
} from '../core';
import { ExcelHost, LIMITS, officeHost } from '../excel/host';
import { clearFlags, normalizeSelection, NormalizeResult, Notice, Phase, selectCell } from '../excel/run';
import { UserError } from '../excel/selection';
import { loadMappings, loadSettings, PaneSettings, saveMapping, saveSettings, SettingsStore, toOptions } from './settings';

const MAX_LISTED = 500;

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

function setText(id: string, text: string): void {
  const el = document.getElementById(id);
  if (el) el.textContent = text;
}

function localize(s: Strings, lang: Lang): void {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = s.appName;
  setText('title', s.appName);
  setText('normalize', s.normalize);
  setText('clear', s.clearFlags);
  setText('options-label', s.options);
  setText('tolerance-label', s.tolerance);
  setText('unit-label', s.amountUnit);
  setText('unit-auto', s.unitAuto);
  setText('outputs-label', s.outputs);
  setText('out-normalized-label', s.outNormalized);
  setText('out-indicators-label', s.outIndicators);
  setText('out-flags-label', s.outFlags);
  setText('out-review-marks-label', s.outReviewMarks);
  setText('summary-title', s.summary);
  setText('issues-title', s.issues);
  setText('layout-label', s.layout);
  setText('layout-auto', s.layoutAuto);
  setText('reading-title', s.readingTitle);
  setText('map-layout-label', s.layout);
  // The layout names in both selects (options and reading), from the one list of layouts.
  for (const l of LAYOUTS) {
    setText(`layout-${l}`, s.layoutNames[l]);
    setText(`map-layout-${l}`, s.layoutNames[l]);
  }
  setText('map-header-label', s.headerRows);
  setText('map-apply', s.mapApply);
  setText('map-forget', s.mapForget);
  setText('review-label', s.reviewChecks);
  setText('review-title', s.review);
  setText('hints-title', s.hints);
  setText('rounding-error-label', s.roundingError);
  reviewCheckboxes(lang);
}

/** The review rules' checkboxes, one per rule of the table (checks/review.ts), before the rounding option. */
function reviewCheckboxes(lang: Lang): void {
  const box = $('review-rules');
  box.replaceChildren(
    ...REVIEW_RULES.map((r) => {
      const label = document.createElement('label');
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.id = `rv-${r.key}`;
      const span = document.createElement('span');
      span.textContent = r.label[lang];
      label.append(input, ' ', span);
      return label;
    }),
  );
}

const REVIEW_KEYS = REVIEW_RULES.map((r) => r.key);

function noticeText(s: Strings, n: Notice): string {
  if (n.key === 'protectedSheet') return s.protectedSheet;
  if (n.key === 'mergedCells') return s.mergedCells;
  if (n.key === 'unreadRows') return s.unreadRows(n.count);
  return s.errorValues(n.count);
}

/** The message of each refusal the pane can explain. */
const USER_ERROR = {
  selectTable: 'selectTable',
  ownSheet: 'ownSheet',
  nothingRead: 'nothingRead',
  multiArea: 'multiArea',
  cellEdit: 'cellEdit',
  sheetGone: 'sheetGone',
  undoRefused: 'undoRefused',
} as const satisfies Record<Exclude<UserError['key'], 'tooLarge'>, keyof Strings>;

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export class Pane {
  private readonly s: Strings;
  private settings: PaneSettings;
  private busy = false;
  last: NormalizeResult | null = null;

  constructor(
    private readonly host: ExcelHost,
    private readonly lang: Lang,
    private readonly store: SettingsStore | undefined,
  ) {
    this.s = strings(lang);
    this.settings = loadSettings(store);
  }

  start(): void {
    localize(this.s, this.lang);
    const tol = $<HTMLInputElement>('tolerance');
    const unit = $<HTMLSelectElement>('unit');
    tol.value = this.settings.tolerance;
    unit.value = this.settings.amountUnit;
    $<HTMLInputElement>('out-normalized').checked = this.settings.outputs.normalized;
    $<HTMLInputElement>('out-indicators').checked = this.settings.outputs.indicators;
    $<HTMLInputElement>('out-flags').checked = this.settings.outputs.flags;
    $<HTMLInputElement>('out-review-marks').checked = this.settings.reviewMarks;
    $<HTMLInputElement>('rounding-error').checked = this.settings.roundingError;
    $<HTMLSelectElement>('layout').value = this.settings.layout;
    for (const k of REVIEW_KEYS) $<HTMLInputElement>(`rv-${k}`).checked = this.settings.review[k];
    for (const id of [
      'tolerance',
      'unit',
      'layout',
      'out-normalized',
      'out-indicators',
      'out-flags',
      'out-review-marks',
      'rounding-error',
      ...REVIEW_KEYS.map((k) => `rv-${k}`),
    ]) {
      $(id).addEventListener('change', () => this.readControls());
    }
    $('normalize').addEventListener('click', () => void this.normalize());
    $('map-apply').addEventListener('click', () => void this.normalize(this.mappingFromControls()));
    $('map-forget').addEventListener('click', () => this.forget());
    $('clear').addEventListener('click', () => void this.clear());
    $('app').setAttribute('aria-busy', 'false');
    document.body.dataset.state = 'ready';
  }

  /** Read and validate the options; remember them in the workbook when valid. */
  private readControls(): ReturnType<typeof toOptions> {
    const next: PaneSettings = {
      tolerance: $<HTMLInputElement>('tolerance').value,
      amountUnit: $<HTMLSelectElement>('unit').value as PaneSettings['amountUnit'],
      layout: $<HTMLSelectElement>('layout').value as PaneSettings['layout'],
      review: Object.fromEntries(REVIEW_KEYS.map((k) => [k, $<HTMLInputElement>(`rv-${k}`).checked])) as PaneSettings['review'],
      outputs: {
        normalized: $<HTMLInputElement>('out-normalized').checked,
        indicators: $<HTMLInputElement>('out-indicators').checked,
        flags: $<HTMLInputElement>('out-flags').checked,
      },
      reviewMarks: $<HTMLInputElement>('out-review-marks').checked,
      roundingError: $<HTMLInputElement>('rounding-error').checked,
    };
    const checked = toOptions(next);
    const tol = $<HTMLInputElement>('tolerance');
    tol.setAttribute('aria-invalid', String(!checked.ok));
    setText('tolerance-error', checked.ok ? '' : `${this.s.invalidOption}: ${checked.message}`);
    if (checked.ok) {
      this.settings = next;
      saveSettings(this.store, next);
    }
    return checked;
  }

  private status(text: string, failed = false): void {
    const el = $('status');
    el.textContent = text;
    el.classList.toggle('failed', failed);
  }

  private progress(phase: Phase | null, done = 0, total = 1, step?: NormalizeStep): void {
    const box = $('progress-box');
    box.hidden = phase === null;
    if (phase === null) return;
    const label =
      phase === 'reading' ? this.s.reading : phase === 'writing' ? this.s.writing : step !== undefined ? this.s.step[step] : this.s.working;
    // Counts once there is something to count: rows read, projects split, rows written.
    setText('progress-label', total > 1 ? `${label} ${done.toLocaleString()} / ${total.toLocaleString()}` : label);
    const bar = $<HTMLProgressElement>('progress');
    const base = phase === 'reading' ? 0 : phase === 'normalizing' ? 40 : 50;
    const span = phase === 'reading' ? 40 : phase === 'normalizing' ? 10 : 50;
    bar.value = base + (total > 0 ? (span * done) / total : 0);
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    $<HTMLButtonElement>('normalize').disabled = busy;
    $<HTMLButtonElement>('clear').disabled = busy;
    $('app').setAttribute('aria-busy', String(busy));
    document.body.dataset.state = busy ? 'busy' : 'done';
  }

  private failure(e: unknown): void {
    if (e instanceof UserError) {
      const text = e.key === 'tooLarge' ? this.s.tooLarge(e.detail.cells ?? 0, LIMITS.maxCells) : this.s[USER_ERROR[e.key]];
      this.status(text, true);
    } else {
      const message = e instanceof Error ? e.message : String(e);
      this.status(`${this.s.failed}: ${message}`, true);
    }
  }

  async normalize(mapping?: Mapping): Promise<void> {
    if (this.busy) return;
    const checked = this.readControls();
    if (!checked.ok) {
      this.status(`${this.s.invalidOption}: ${checked.message}`, true);
      $('tolerance').focus();
      return;
    }
    this.setBusy(true);
    this.status(this.s.working);
    try {
      const res = await normalizeSelection(
        this.host,
        {
          lang: this.lang,
          options: checked.options,
          outputs: this.settings.outputs,
          reviewMarks: this.settings.reviewMarks,
          ...(mapping !== undefined ? { mapping } : {}),
          remembered: (signature) => loadMappings(this.store)[signature],
        },
        (phase, d, t, step) => this.progress(phase, d, t, step),
      );
      this.last = res;
      // A correction the user made is remembered for tables with the same header.
      if (mapping !== undefined) saveMapping(this.store, res.signature, mapping);
      this.render(res);
      this.status([this.s.done, ...res.notices.map((n) => noticeText(this.s, n))].join(' '));
    } catch (e) {
      this.failure(e);
    } finally {
      this.progress(null);
      this.setBusy(false);
    }
  }

  async clear(): Promise<void> {
    if (this.busy) return;
    this.setBusy(true);
    try {
      const r = await clearFlags(this.host);
      const text = r.restored > 0 ? this.s.cleared : this.s.nothingToClear;
      this.status(r.notesLeft > 0 ? `${text} ${this.s.notesLeft(r.notesLeft)}` : text);
    } catch (e) {
      this.failure(e);
    } finally {
      this.setBusy(false);
    }
  }

  /**
   * How the table was read: a sentence on whether all of it was, the layout, the header rows, and each
   * column or form key with the role it was given and why, the uncertain ones first; each can be changed.
   */
  private renderReading(res: NormalizeResult): void {
    const s = this.s;
    const table = res.model.reading.tables[0];
    const unread = res.model.reading.unreadRows.length;
    setText('reading-sentence', unread === 0 ? s.readingAll : s.readingSome(unread));
    const remembered = $('reading-remembered');
    remembered.hidden = res.applied?.remembered !== true;
    remembered.textContent = s.readingRemembered;
    $<HTMLSelectElement>('map-layout').value = res.model.layout;
    $<HTMLInputElement>('map-header').value = (table?.headerRows ?? []).map((r) => r + res.origin.row).join('+');
    const isForm = res.model.layout === 'form';
    const fields = [...(table?.fields ?? [])].sort((a, b) =>
      a.confidence === b.confidence ? a.col - b.col : a.confidence === 'low' ? -1 : 1,
    );
    const names = ROLE_NAMES[this.lang];
    const items = fields.map((f, i) => {
      const li = document.createElement('li');
      const id = `map-role-${i}`;
      const label = document.createElement('label');
      label.htmlFor = id;
      const where = isForm
        ? `${s.keyWord} ${f.text}`
        : `${s.columnWord} ${columnLetter(res.origin.col + f.col)}${f.text === '' ? '' : ` · ${f.text}`}`;
      label.textContent = `${where} (${s.evidence}: ${EVIDENCE_NAMES[this.lang][f.evidence]})`;
      if (f.confidence === 'low') label.className = 'uncertain';
      const select = document.createElement('select');
      select.id = id;
      select.dataset.col = String(res.origin.col + f.col);
      select.dataset.key = f.text;
      for (const role of READING_ROLES) {
        const o = document.createElement('option');
        o.value = role;
        o.textContent = names[role];
        select.append(o);
      }
      select.value = f.role;
      li.append(label, select);
      return li;
    });
    $('reading-fields').replaceChildren(...items);
    $('reading-box').hidden = false;
  }

  /** The correction the reading's controls describe, in the sheet's letters and rows. */
  private mappingFromControls(): Mapping {
    const isForm = $<HTMLSelectElement>('map-layout').value === 'form';
    const columns: Record<string, string> = {};
    const keys: Record<string, string> = {};
    for (const select of Array.from(document.querySelectorAll<HTMLSelectElement>('#reading-fields select'))) {
      if (isForm) keys[labelKey(select.dataset.key ?? '').key] = select.value;
      else columns[columnLetter(Number(select.dataset.col))] = select.value;
    }
    const header = $<HTMLInputElement>('map-header')
      .value.split('+')
      .map((t) => Number(t.trim()))
      .filter((n) => Number.isInteger(n) && n > 0);
    return MappingSchema.parse({
      layout: $<HTMLSelectElement>('map-layout').value,
      ...(header.length > 0 ? { headerRows: header.slice(0, 2) } : {}),
      columns,
      keys,
    });
  }

  /** Forget the correction remembered for the last table's header. */
  private forget(): void {
    if (this.last === null) return;
    saveMapping(this.store, this.last.signature, null);
    $('reading-remembered').hidden = true;
    this.status(this.s.mapForgotten);
  }

  /** A list item of the issue, hint and review lists: a button that selects `address` on the user's sheet. */
  private cellItem(
    res: NormalizeResult,
    address: string,
    head: { text: string; severity: Severity },
    texts: readonly string[],
    ariaLabel?: string,
  ): HTMLLIElement {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.address = address;
    if (ariaLabel !== undefined) button.setAttribute('aria-label', ariaLabel);
    const headSpan = document.createElement('span');
    headSpan.className = `issue-head ${head.severity}`;
    headSpan.textContent = head.text;
    button.append(headSpan);
    for (const t of texts) {
      const span = document.createElement('span');
      span.className = 'issue-text';
      span.textContent = t;
      button.append(span);
    }
    button.addEventListener('click', () => void selectCell(this.host, res.sheetName, address).catch((e) => this.failure(e)));
    li.append(button);
    return li;
  }

  /**
   * The mismatches a hint explains, grouped by hint (舍入, 万元/元错位 …): each cell to fix, its message,
   * and the other flags fixing it clears; a click selects the cell.
   */
  private renderHints(res: NormalizeResult): void {
    const at = (row: number, col: number) => cellAddress(res.origin.row + row, res.origin.col + col);
    const hinted = res.model.flags.filter((f) => f.hint !== undefined);
    const items: HTMLLIElement[] = [];
    for (const hint of HINTS) {
      const primaries = hinted.filter((f) => f.hint === hint && f.explainedBy === undefined);
      if (primaries.length === 0) continue;
      const li = document.createElement('li');
      li.className = 'hint-group';
      li.dataset.hint = hint;
      const title = document.createElement('h3');
      title.textContent = `${HINT_LABEL[hint][this.lang]} (${primaries.length})`;
      const list = document.createElement('ul');
      for (const f of primaries.slice(0, MAX_LISTED)) {
        const address = at(f.row, f.col);
        const cleared = hinted
          .filter((x) => x.explainedBy !== undefined && x.explainedBy.row === f.row && x.explainedBy.col === f.col)
          .map((x) => at(x.row, x.col));
        const texts = [this.lang === 'zh' ? f.message.zh : f.message.en];
        if (cleared.length > 0) texts.push(this.s.alsoFixes(cleared.join(', ')));
        list.append(this.cellItem(res, address, { text: address, severity: f.severity }, texts, `${this.s.goToCell} ${address}`));
      }
      li.append(title, list);
      items.push(li);
    }
    $('hints').replaceChildren(...items);
    $('hints-box').hidden = items.length === 0;
  }

  /** Per project, its review warnings counted by kind; a click selects the project's row. */
  private renderReviews(res: NormalizeResult): void {
    const byRow = new Map<number, Flag[]>();
    for (const f of res.model.flags) {
      if (!f.code.startsWith('review-')) continue;
      const list = byRow.get(f.row);
      if (list) list.push(f);
      else byRow.set(f.row, [f]);
    }
    const items = [...byRow].slice(0, MAX_LISTED).map(([row, flags]) => {
      const r = res.model.rows[row - 1];
      const address = cellAddress(res.origin.row + row, res.origin.col + (r?.cols.name ?? 0));
      return this.cellItem(res, address, { text: `${address} · ${r?.name ?? ''}`, severity: 'warning' }, [reviewCounts(flags, this.lang)]);
    });
    $('reviews').replaceChildren(...items);
    $('review-box').hidden = items.length === 0;
  }

  private render(res: NormalizeResult): void {
    const s = this.s;
    const sum = res.model.summary;
    const counts: Array<[string, number, string]> = [
      [s.rows, sum.rows, ''],
      [s.units, sum.units, ''],
      [s.projects, sum.projects, ''],
      [s.indicators, sum.indicators, ''],
      [s.errors, sum.errors, sum.errors > 0 ? 'error' : ''],
      [s.warnings, sum.warnings, sum.warnings > 0 ? 'warning' : ''],
    ];
    const dl = $('counts');
    dl.replaceChildren(
      ...counts.map(([label, n, cls]) => {
        const div = document.createElement('div');
        const dt = document.createElement('dt');
        dt.textContent = label;
        const dd = document.createElement('dd');
        dd.textContent = n.toLocaleString();
        if (cls) dd.className = cls;
        div.append(dt, dd);
        return div;
      }),
    );
    $('summary').hidden = false;
    // "Detected" when the pane chose the layout, "Layout" when the user did.
    const detected = `${this.settings.layout === 'auto' ? s.detected : s.layout}: ${s.layoutNames[res.model.layout]}`;
    setText('layout-detected', sum.unknownLevels > 0 ? `${detected}. ${s.unknownLevels(sum.unknownLevels)}` : detected);
    this.renderHints(res);
    this.renderReviews(res);
    this.renderReading(res);

    const flags = res.model.flags
      .filter((f) => !f.code.startsWith('review-'))
      .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.row - b.row || a.col - b.col);
    const list = $('issues');
    const label: Record<Severity, string> = { error: s.severityError, warning: s.severityWarning, info: s.severityInfo };
    const items = flags.slice(0, MAX_LISTED).map((f: Flag) => {
      const address = cellAddress(res.origin.row + f.row, res.origin.col + f.col);
      const message = this.lang === 'zh' ? f.message.zh : f.message.en;
      return this.cellItem(
        res,
        address,
        { text: `${address} · ${label[f.severity]}`, severity: f.severity },
        [message],
        `${s.goToCell} ${address}: ${label[f.severity]}, ${message}`,
      );
    });
    if (flags.length > MAX_LISTED) {
      const more = document.createElement('li');
      more.textContent = `… +${flags.length - MAX_LISTED}`;
      items.push(more);
    }
    if (flags.length === 0) {
      const ok = document.createElement('li');
      ok.textContent = s.noIssues;
      items.push(ok);
    }
    list.replaceChildren(...items);
    $('issues-box').hidden = false;
  }
}

Office.onReady(() => {
  const pane = new Pane(
    officeHost(),
    langFromDisplayLanguage(Office.context.displayLanguage),
    Office.context.document?.settings as SettingsStore | undefined,
  );
  pane.start();
  (window as unknown as { budgetNormalizerPane: Pane }).budgetNormalizerPane = pane;
});
