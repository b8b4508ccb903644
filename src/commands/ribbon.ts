/**
 * ribbon.ts — what the ribbon's buttons do, with the host, the clock and a way to show a message passed in,
 * so that it is tested against the Excel fake.
 *
 * Owns: Normalize from the ribbon (every click runs it, with the options and the corrections the workbook
 * stores — the same part of the document the pane writes — whether the pane is open or not) and Clear
 * flags from the ribbon; a failure or a notice is shown to the user, never swallowed. A function command
 * is closed after 5 minutes ("the runtime closes when either the function completes or 5 minutes have
 * passed"): a table too large for that is judged before anything is written, and the user is sent to the
 * pane, which shows its progress and has no such limit. The message of a failure comes from src/ui (the
 * same sentence the pane shows).
 */
import { langFromDisplayLanguage, strings } from '../core';
import type { ExcelHost } from '../excel/host';
import { clearFlags, normalizeSelection, RANGE_NOTICES } from '../excel/run';
import { noticeText, userMessage } from '../ui/user-message';

/** A function command's life: "the runtime closes when either the function completes or 5 minutes have passed". */
export const COMMAND_MS = 5 * 60_000;
/**
 * The largest table the ribbon normalizes headless, in cells read (about 6,000 projects of the sample's
 * layout): beyond it a run, reading and writing in requests of a few MB, could pass the 5 minutes on Excel
 * on the web. The pane runs any size.
 */
export const RIBBON_MAX_CELLS = 150_000;
/** Reading and normalizing must be done within this time after the click, so that writing, about as long, still fits. */
export const RIBBON_READ_MS = 2 * 60_000;

export interface RibbonContext {
  host: ExcelHost;
  displayLanguage: string | undefined;
  /** Show one message to the user (a dialog in Office); resolves when the user has closed it. */
  show(message: string): Promise<void>;
  /** The clock, in ms (Date.now in Office); the command started at `started`. */
  now?: () => number;
  started?: number;
}

/** Normalize the selection with the workbook's stored options; say what went wrong, or what the notices are. */
export async function ribbonNormalize(ctx: RibbonContext): Promise<void> {
  const lang = langFromDisplayLanguage(ctx.displayLanguage);
  const s = strings(lang);
  const now = ctx.now ?? Date.now;
  const started = ctx.started ?? now();
  try {
    const res = await normalizeSelection(ctx.host, {
      lang,
      stored: true,
      limit: { cells: RIBBON_MAX_CELLS, deadline: started + RIBBON_READ_MS, now },
    });
    const sum = res.model.summary;
    const stop = s.fullStop;
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

/** Clear the flags of the table at the selection; say what was done, or what went wrong. */
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
