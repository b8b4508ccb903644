/**
 * ribbon.ts — what the ribbon's buttons do, with the host, the workbook's settings and a way to show
 * a message passed in, so that it is tested against the Excel fake.
 *
 * Owns: Normalize from the ribbon (every click runs it, with the options the pane saved in the
 * workbook, whether the pane is open or not) and Clear flags from the ribbon; a failure or a
 * notice is shown to the user, never swallowed. The options come from src/settings, the message of a
 * failure from src/ui (the same sentence the pane shows).
 */
import { langFromDisplayLanguage, strings } from '../core';
import type { ExcelHost } from '../excel/host';
import { clearFlags, normalizeSelection, RANGE_NOTICES } from '../excel/run';
import { loadSettings, SettingsStore, toOptions } from '../settings/settings';
import { invalidOptionMessage, noticeText, userMessage } from '../ui/user-message';

export interface RibbonContext {
  host: ExcelHost;
  store: SettingsStore | undefined;
  displayLanguage: string | undefined;
  /** Show one message to the user (a small dialog in Office). */
  show(message: string): Promise<void>;
}

/** Normalize the selection with the workbook's saved options; say what went wrong, or what the notices are. */
export async function ribbonNormalize(ctx: RibbonContext): Promise<void> {
  const lang = langFromDisplayLanguage(ctx.displayLanguage);
  const s = strings(lang);
  const settings = loadSettings(ctx.store);
  const checked = toOptions(settings);
  if (!checked.ok) return ctx.show(invalidOptionMessage(checked.message, lang));
  try {
    const res = await normalizeSelection(ctx.host, {
      lang,
      options: checked.options,
      outputs: settings.outputs,
      reviewMarks: settings.reviewMarks,
    });
    const sum = res.model.summary;
    const stop = lang === 'zh' ? '。' : '. ';
    const counts = `${s.projects} ${sum.projects} · ${s.indicators} ${sum.indicators} · ${s.errors} ${sum.errors} · ${s.warnings} ${sum.warnings}`;
    const cut = res.notices.some((n) => RANGE_NOTICES.includes(n.key));
    if (sum.errors > 0 || sum.warnings > 0 || sum.unreadRows > 0 || cut) {
      const notices = res.notices.map((n) => noticeText(n, lang));
      await ctx.show([`${s.done}${stop}${s.readRange(res.range)}${stop}${counts}`, ...notices].join(' '));
    }
  } catch (e) {
    await ctx.show(userMessage(e, lang));
  }
}

/** Clear the add-in's marks; say what was done, or what went wrong. */
export async function ribbonClear(ctx: RibbonContext): Promise<void> {
  const lang = langFromDisplayLanguage(ctx.displayLanguage);
  const s = strings(lang);
  try {
    const r = await clearFlags(ctx.host);
    if (r.notesLeft > 0) await ctx.show(`${s.cleared} ${s.notesLeft(r.notesLeft)}`);
    else if (r.restored === 0) await ctx.show(s.nothingToClear);
  } catch (e) {
    await ctx.show(userMessage(e, lang));
  }
}
