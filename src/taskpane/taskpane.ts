/**
 * taskpane.ts — the task pane's events: the DOM and Office side of the pane, and nothing else.
 *
 * Owns: reading the options from the form (and remembering them in the workbook, where the ribbon reads
 * them too), running Normalize, Clear flags (of the table at the selection, or of every table) and a
 * reading's correction, selecting a problem's cell when it is clicked, drawing what view.ts describes
 * with dom.ts (the answer first, and focused), and the Office theme's colours. What the pane shows is decided in view.ts (pure); the work is done by src/excel (Office.js)
 * and src/core (pure); the options live in src/settings, the messages of failures in src/ui.
 */
import {
  langFromDisplayLanguage,
  REVIEW_RULES,
  strings,
  type Lang,
  type Mapping,
  type NormalizeStep,
  type OptionsInput,
  type Strings,
} from '../core';
import { ExcelHost, officeHost } from '../excel/host';
import { importReading, type ImportOutcome } from '../excel/import';
import { fileDigest, pdfSupport, readPdfInWorker } from '../pdf-worker/client';
import { clearFlags, normalizeSelection, NormalizeResult, Phase, readSettings, selectCell, updateSettings } from '../excel/run';
import { DEFAULT_SETTINGS, legacySettings, LegacySettingsStore, PaneSettings, toOptions, withMapping } from '../settings/settings';
import { invalidOptionMessage, userMessage } from '../ui/user-message';
import { byId as $, el, rovingFocus, setText } from './dom';
import {
  CellItem,
  clearedStatus,
  ImportItem,
  importProgressView,
  importView,
  correctionOf,
  paneLabels,
  paneView,
  PaneView,
  ProblemGroup,
  progressView,
  ReadingView,
  reviewCheckboxId,
  TablesView,
  themeView,
} from './view';

const REVIEW_KEYS = REVIEW_RULES.map((r) => r.key);

/** The static texts, and the review rules' checkboxes (one per rule of the table, before the rounding option). */
function localize(lang: Lang): void {
  const labels = paneLabels(lang);
  document.documentElement.lang = labels.htmlLang;
  document.title = labels.title;
  for (const [id, text] of Object.entries(labels.texts)) setText(id, text);
  $('review-rules').replaceChildren(
    ...labels.reviewRules.map((r) => el('label', null, el('input', { type: 'checkbox', id: r.id }), ' ', el('span', null, r.label))),
  );
}

/** The options are saved this long after the last change (a Normalize saves them at once, with its results). */
const SAVE_DELAY_MS = 400;

export class Pane {
  private readonly s: Strings;
  private settings: PaneSettings = DEFAULT_SETTINGS;
  private busy = false;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  /** This webview runs the PDF reader (checked once, when the pane opens). */
  private readonly pdf = pdfSupport();
  last: NormalizeResult | null = null;
  /** The tables of the last PDF imported, with their results. */
  imported: ImportOutcome[] = [];

  constructor(
    private readonly host: ExcelHost,
    private readonly lang: Lang,
    /** Where an earlier version kept the options (`Office.context.document.settings`), taken over once. */
    private readonly legacy?: LegacySettingsStore,
  ) {
    this.s = strings(lang);
  }

  /** Read the workbook's options (or an earlier version's), then show the form. */
  async start(): Promise<void> {
    try {
      const stored = await readSettings(this.host);
      const old = stored.exists ? null : legacySettings(this.legacy);
      this.settings = (old ?? stored.settings).options;
      if (old !== null)
        await updateSettings(this.host, (s) => ({ ...s, options: old.options, mappings: { ...old.mappings, ...s.mappings } }));
    } catch {
      // The workbook could not be read (a cell being edited, say): the defaults, until the next Normalize saves the form.
      this.settings = DEFAULT_SETTINGS;
    }
    this.show();
  }

  private show(): void {
    localize(this.lang);
    $<HTMLInputElement>('tolerance').value = this.settings.tolerance;
    $<HTMLSelectElement>('unit').value = this.settings.amountUnit;
    $<HTMLInputElement>('out-normalized').checked = this.settings.outputs.normalized;
    $<HTMLInputElement>('out-indicators').checked = this.settings.outputs.indicators;
    $<HTMLInputElement>('out-flags').checked = this.settings.outputs.flags;
    $<HTMLInputElement>('out-review-marks').checked = this.settings.reviewMarks;
    $<HTMLInputElement>('rounding-error').checked = this.settings.roundingError;
    $<HTMLInputElement>('count-hidden').checked = this.settings.countHidden;
    $<HTMLSelectElement>('layout').value = this.settings.layout;
    for (const k of REVIEW_KEYS) $<HTMLInputElement>(reviewCheckboxId(k)).checked = this.settings.review[k];
    for (const id of [
      'tolerance',
      'unit',
      'layout',
      'out-normalized',
      'out-indicators',
      'out-flags',
      'out-review-marks',
      'rounding-error',
      'count-hidden',
      ...REVIEW_KEYS.map(reviewCheckboxId),
    ]) {
      $(id).addEventListener('change', () => this.readControls());
    }
    $('normalize').addEventListener('click', () => void this.normalize());
    $('map-apply').addEventListener('click', () => void this.normalize(this.mappingFromControls()));
    $('map-forget').addEventListener('click', () => this.forget());
    $('clear').addEventListener('click', () => void this.clear());
    $('clear-all').addEventListener('click', () => void this.clear(true));
    this.showImport();
    $('app').setAttribute('aria-busy', 'false');
    document.body.dataset.state = 'ready';
  }

  /** Read and validate the options; remember them in the workbook when valid. */
  private readControls(): ReturnType<typeof toOptions> {
    const next: PaneSettings = {
      tolerance: $<HTMLInputElement>('tolerance').value,
      amountUnit: $<HTMLSelectElement>('unit').value as PaneSettings['amountUnit'],
      layout: $<HTMLSelectElement>('layout').value as PaneSettings['layout'],
      review: Object.fromEntries(REVIEW_KEYS.map((k) => [k, $<HTMLInputElement>(reviewCheckboxId(k)).checked])) as PaneSettings['review'],
      outputs: {
        normalized: $<HTMLInputElement>('out-normalized').checked,
        indicators: $<HTMLInputElement>('out-indicators').checked,
        flags: $<HTMLInputElement>('out-flags').checked,
      },
      reviewMarks: $<HTMLInputElement>('out-review-marks').checked,
      roundingError: $<HTMLInputElement>('rounding-error').checked,
      countHidden: $<HTMLInputElement>('count-hidden').checked,
    };
    const checked = toOptions(next);
    $('tolerance').setAttribute('aria-invalid', String(!checked.ok));
    setText('tolerance-error', checked.ok ? '' : invalidOptionMessage(checked.message, this.lang));
    if (checked.ok && JSON.stringify(next) !== JSON.stringify(this.settings)) {
      this.settings = next;
      this.scheduleSave();
    }
    return checked;
  }

  /** Save the options in the workbook (for the ribbon too) shortly after the last change. */
  private scheduleSave(): void {
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      const options = this.settings;
      void updateSettings(this.host, (s) => ({ ...s, options })).catch((e) => this.failure(e));
    }, SAVE_DELAY_MS);
  }

  /** A save still to come is made by the Normalize that starts now. */
  private takeSave(): boolean {
    if (this.saveTimer === null) return false;
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    return true;
  }

  private status(text: string, failed = false): void {
    const status = $('status');
    status.textContent = text;
    status.classList.toggle('failed', failed);
  }

  private progress(phase: Phase | null, done = 0, total = 1, step?: NormalizeStep): void {
    this.showProgress(phase === null ? null : progressView(this.lang, phase, done, total, step));
  }

  /** The progress bar with its label, or (null) none. */
  private showProgress(p: { label: string; value: number } | null): void {
    $('progress-box').hidden = p === null;
    if (p === null) return;
    setText('progress-label', p.label);
    $<HTMLProgressElement>('progress').value = p.value;
  }

  /** The results of a run leave the pane (a new import replaces them; a table imported before has none). */
  private hideResults(): void {
    for (const id of ['summary', 'problems-box', 'review-box', 'reading-box']) $(id).hidden = true;
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    // Every button: the commands, and the go-tos and corrections of the results (a click would move the
    // selection or start a run while one works).
    document.querySelectorAll<HTMLButtonElement>('#app button').forEach((b) => (b.disabled = busy));
    $('app').setAttribute('aria-busy', String(busy));
    document.body.dataset.state = busy ? 'busy' : 'done';
  }

  private failure(e: unknown): void {
    this.status(userMessage(e, this.lang), true);
  }

  /** The form's options for a run; an invalid one is said at its field, and there is no run. */
  private optionsForRun(): OptionsInput | null {
    const checked = this.readControls();
    if (checked.ok) return checked.options;
    this.status(invalidOptionMessage(checked.message, this.lang), true);
    $('tolerance').focus();
    return null;
  }

  async normalize(mapping?: Mapping): Promise<void> {
    if (this.busy) return;
    const options = this.optionsForRun();
    if (options === null) return;
    this.setBusy(true);
    this.status(this.s.working);
    const save = this.takeSave();
    try {
      // The options are kept in the workbook with the results (a correction the user made is remembered
      // there for tables with the same header), in the run's undo step.
      const res = await normalizeSelection(
        this.host,
        {
          lang: this.lang,
          options,
          outputs: this.settings.outputs,
          reviewMarks: this.settings.reviewMarks,
          ...(save ? { save: this.settings } : {}),
          ...(mapping !== undefined ? { mapping } : {}),
        },
        (phase, d, t, step) => this.progress(phase, d, t, step),
      );
      this.status(this.showResult(res).status);
      this.forgetImport();
      // The answer is read first: focus moves to it (a keyboard user Tabs on to the first problem).
      $('answer').focus();
    } catch (e) {
      this.failure(e);
    } finally {
      this.progress(null);
      this.setBusy(false);
    }
  }

  /** The Import PDF button: it opens a file; where this webview cannot run pdf.js, it is off and says why. */
  private showImport(): void {
    const button = $<HTMLButtonElement>('import-pdf');
    if (this.pdf !== 'ok') {
      // Off, but still reachable by keyboard, so that its description (why) is heard.
      button.setAttribute('aria-disabled', 'true');
      const help = $('import-help');
      help.textContent = this.pdf === 'old' ? this.s.importPdfOld : this.s.importPdfNoWorker;
      help.classList.add('unsupported');
      return;
    }
    const input = $<HTMLInputElement>('import-file');
    button.addEventListener('click', () => input.click());
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      // Emptied, so that choosing the same file again imports it again.
      input.value = '';
      if (file !== undefined) void this.importPdf(file);
    });
  }

  /** Import a PDF: read in the worker, its 绩效目标表 written to new sheets as published, each normalized. */
  async importPdf(file: File): Promise<void> {
    if (this.busy) return;
    const options = this.optionsForRun();
    if (options === null) return;
    this.setBusy(true);
    const bar = (p: Parameters<typeof importProgressView>[1]): void => this.showProgress(importProgressView(this.lang, p));
    // What an earlier run showed goes: this import's tables and results replace it.
    this.forgetImport();
    this.hideResults();
    bar({ phase: 'opening', file: file.name });
    this.status(this.s.importOpening(file.name));
    const save = this.takeSave();
    try {
      const data = await file.arrayBuffer();
      // Before the bytes go to the worker: how this file is known again, whatever it is called.
      const hash = await fileDigest(data);
      const reading = await readPdfInWorker(data, {
        file: file.name,
        onProgress: (p) => (p.done > 0 ? bar({ phase: 'reading', done: p.done, total: p.total }) : undefined),
      });
      const outcomes = await importReading(
        this.host,
        {
          file: file.name,
          size: file.size,
          ...(hash !== null ? { hash } : {}),
          reading,
          lang: this.lang,
          normalize: {
            options,
            outputs: this.settings.outputs,
            reviewMarks: this.settings.reviewMarks,
            ...(save ? { save: this.settings } : {}),
          },
        },
        (p) => bar(p.phase === 'writing' ? p : { phase: 'normalizing', table: p.table, tables: p.tables }),
      );
      this.imported = outcomes;
      const view = importView(file.name, outcomes, this.lang, (e) => userMessage(e, this.lang));
      this.renderImport(view.items);
      const first = outcomes.find((o) => o.result !== undefined);
      if (first?.result !== undefined) {
        this.showResult(first.result);
        this.markShown(outcomes.indexOf(first));
      }
      this.status(view.status, view.alarm);
      $('import-title').focus();
    } catch (e) {
      this.failure(e);
    } finally {
      this.progress(null);
      this.setBusy(false);
    }
  }

  /** The tables of the PDF: each normalized one a button that goes to its sheet and shows its results. */
  private renderImport(items: readonly ImportItem[]): void {
    const line = (item: ImportItem) => [
      el('span', { class: `issue-head ${item.severity}` }, item.head),
      el('span', { class: 'issue-text' }, item.text),
    ];
    const list = el(
      'ul',
      { id: 'imported', class: 'cell-list', 'aria-labelledby': 'import-title' },
      ...items.map((item) =>
        el(
          'li',
          null,
          item.sheetName !== null && item.address !== null
            ? el(
                'button',
                {
                  type: 'button',
                  dataset: { sheet: item.sheetName, address: item.address, index: String(item.index) },
                  'aria-label': item.ariaLabel,
                  on: { click: () => this.showImported(item) },
                },
                ...line(item),
              )
            : el('span', null, ...line(item)),
        ),
      ),
    );
    rovingFocus(list);
    $('imported').replaceWith(list);
    $('import-box').hidden = false;
  }

  /** The list of an import's tables goes once a Normalize or Clear has made its results out of date. */
  private forgetImport(): void {
    this.imported = [];
    $('import-box').hidden = true;
  }

  /** An imported table clicked: its sheet, its range selected, and its results below. */
  private showImported(item: ImportItem): void {
    const result = this.imported[item.index]?.result;
    if (item.sheetName === null || item.address === null) return;
    this.goTo(item.sheetName, item.address)();
    if (result !== undefined) {
      this.showResult(result);
      this.markShown(item.index);
      return;
    }
    // A table imported before has no results here: none are shown rather than another table's.
    this.hideResults();
    this.markShown(-1);
  }

  /** Which imported table's results the pane shows (`aria-current`, and drawn so). */
  private markShown(index: number): void {
    document.querySelectorAll<HTMLButtonElement>('#imported button').forEach((b) => {
      if (b.dataset.index === String(index)) b.setAttribute('aria-current', 'true');
      else b.removeAttribute('aria-current');
    });
  }

  /** A Normalize's results in the pane: the answer, the problems, the reading. */
  private showResult(res: NormalizeResult): PaneView {
    this.last = res;
    const view = paneView(res, this.lang, this.settings);
    this.render(res.sheetName, view);
    return view;
  }

  /** Clear the flags of the table at the selection, or (`all`) of every normalized table. */
  async clear(all = false): Promise<void> {
    if (this.busy) return;
    this.setBusy(true);
    try {
      this.status(clearedStatus(await clearFlags(this.host, { all }), this.lang));
      this.forgetImport();
    } catch (e) {
      this.failure(e);
    } finally {
      this.setBusy(false);
    }
  }

  /** The correction the reading's controls describe, in the sheet's letters and rows. */
  private mappingFromControls(): Mapping {
    return correctionOf({
      layout: $<HTMLSelectElement>('map-layout').value,
      header: $<HTMLInputElement>('map-header').value,
      fields: Array.from(document.querySelectorAll<HTMLSelectElement>('#reading-fields select'), (select) => ({
        col: Number(select.dataset.col),
        key: select.dataset.key ?? '',
        role: select.value,
      })),
    });
  }

  /** Forget the correction remembered for the last table's header. */
  private forget(): void {
    if (this.last === null) return;
    const { signature } = this.last;
    void updateSettings(this.host, (s) => withMapping(s, signature, null))
      .then(() => {
        $('reading-remembered').hidden = true;
        this.status(this.s.mapForgotten);
      })
      .catch((e) => this.failure(e));
  }

  /** A list item of the problem and review lists: a button that selects the item's cell on the user's sheet. */
  private cellItem(sheetName: string, item: CellItem): HTMLLIElement {
    const select = this.goTo(sheetName, item.address);
    return el(
      'li',
      null,
      el(
        'button',
        { type: 'button', dataset: { address: item.address }, 'aria-label': item.ariaLabel, on: { click: select } },
        el('span', { class: `issue-head ${item.severity}` }, item.head),
        ...item.texts.map((t) => el('span', { class: 'issue-text' }, t)),
      ),
    );
  }

  /** A list of items, one Tab stop (↑ ↓ within it). */
  private cellList(sheetName: string, items: readonly CellItem[], attrs: Record<string, string> = {}): HTMLUListElement {
    const list = el('ul', { class: 'cell-list', ...attrs }, ...items.map((item) => this.cellItem(sheetName, item)));
    rovingFocus(list);
    return list;
  }

  /** A group of problems: what to do, in its title and one line, then each cell to fix, fill or check. */
  private problemGroup(sheetName: string, g: ProblemGroup): HTMLElement {
    const id = `group-${g.key}`;
    return el(
      'section',
      { class: 'problem-group', dataset: { group: g.key }, 'aria-labelledby': id },
      el('h3', { id }, g.title),
      el('p', { class: 'group-help' }, g.help),
      this.cellList(sheetName, g.items, { 'aria-labelledby': id }),
      g.note !== null && el('p', { class: 'list-note' }, g.note),
    );
  }

  /** A button that selects `address` on the user's sheet. */
  private goTo(sheetName: string, address: string): () => void {
    return () => void selectCell(this.host, sheetName, address).catch((e) => this.failure(e));
  }

  /** The tables of a paste of several: `2 张表: A1:G8, A10:G16`, each range a button that selects it. */
  private renderTables(sheetName: string, t: TablesView | null): void {
    const line = $('tables-found');
    line.hidden = t === null;
    if (t === null) {
      line.replaceChildren();
      return;
    }
    line.replaceChildren(
      `${t.label} `,
      ...t.items.flatMap((item, i) => [
        ...(i > 0 ? [', '] : []),
        el(
          'button',
          {
            type: 'button',
            class: item.repeat ? 'table-range repeat' : 'table-range',
            dataset: { address: item.address },
            'aria-label': item.ariaLabel,
            on: { click: this.goTo(sheetName, item.address) },
          },
          item.text,
        ),
      ]),
    );
  }

  /** How the table was read; each field's role a list the user can change. */
  private renderReading(r: ReadingView): void {
    setText('reading-sentence', r.sentence);
    $('reading-remembered').hidden = !r.remembered;
    $<HTMLSelectElement>('map-layout').value = r.layout;
    $<HTMLInputElement>('map-header').value = r.headerRows;
    $('reading-fields').replaceChildren(
      ...r.fields.map((f, i) => {
        const id = `map-role-${i}`;
        return el(
          'li',
          null,
          el('label', { for: id, class: f.uncertain ? 'uncertain' : null }, f.label),
          el(
            'select',
            { id, dataset: { col: String(f.col), key: f.key } },
            ...r.roles.map((o) => el('option', { value: o.role, selected: o.role === f.role }, o.name)),
          ),
        );
      }),
    );
    $('reading-box').hidden = false;
  }

  private render(sheetName: string, v: PaneView): void {
    const answer = $('answer');
    answer.textContent = v.answer.text;
    answer.dataset.state = v.answer.state;
    answer.dataset.tone = v.answer.tone;
    $('counts').replaceChildren(...v.counts.map((c) => el('div', null, el('dt', null, c.label), el('dd', { class: c.severity }, c.text))));
    setText('read-range', v.rangeLine);
    $('summary').hidden = false;
    // The problems by what to do: fix a figure, fill a blank, check the reading.
    $('problems').replaceChildren(...v.problems.map((g) => this.problemGroup(sheetName, g)));
    $('problems-box').hidden = v.problems.length === 0;
    // Per project, what its review findings found.
    const reviews = this.cellList(sheetName, v.reviews, { id: 'reviews', 'aria-labelledby': 'review-title' });
    $('reviews').replaceWith(reviews);
    $('review-box').hidden = v.reviews.length === 0;
    // How the table was read, last: the layout, the tables of the paste, each column's role.
    setText('layout-detected', v.layoutLine);
    this.renderTables(sheetName, v.tables);
    this.renderReading(v.reading);
  }
}

/** The Office theme's colours (dark included), where Office reports a theme; the light palette otherwise. */
function applyTheme(theme: unknown): void {
  const t = themeView(theme);
  if (t === null) return;
  const root = document.documentElement;
  root.dataset.theme = t.dark ? 'dark' : 'light';
  for (const [name, value] of Object.entries(t.vars)) root.style.setProperty(name, value);
}

Office.onReady(() => {
  // taskpane.html's guard found no BigInt (a webview before Safari 14) and said so: the pane stays as it said.
  if ((window as { __bnUnsupported?: boolean }).__bnUnsupported === true) return;
  try {
    applyTheme(Office.context.officeTheme);
  } catch {
    // A host that throws on the theme (not every platform has it): the light palette.
  }
  void new Pane(
    officeHost(),
    langFromDisplayLanguage(Office.context.displayLanguage),
    Office.context.document?.settings as LegacySettingsStore | undefined,
  ).start();
});
