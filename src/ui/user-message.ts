/**
 * user-message.ts — what the user is told when a command fails or has something to say, the same
 * sentence whether the task pane or the ribbon ran it.
 *
 * Owns: turning an error (a refusal the Office layer explains as a `UserError`, or anything else thrown)
 * and an invalid option into one message in the user's language, and each notice of a Normalize (the
 * table may go on below the range read, hidden rows left out, …) into its sentence. Below both the pane
 * (src/taskpane) and the ribbon (src/commands); enters the core by its one door. No DOM, no Office.
 */
import { strings, type Lang } from '../core';
import { LIMITS } from '../excel/host';
import { InvalidStoredOptions, type Notice } from '../excel/run';
import { UserError } from '../excel/selection';
import { PdfReadError } from '../pdf-worker/client';

/** The message of an error: each refusal in words a user can act on; anything else as "failed: …". */
export function userMessage(e: unknown, lang: Lang): string {
  const s = strings(lang);
  if (e instanceof UserError) {
    switch (e.key) {
      case 'tooLarge':
        return s.tooLarge(e.detail.cells ?? 0, LIMITS.maxCells);
      case 'oneCell':
        return s.oneCell(e.detail.address ?? '');
      case 'clearProtected':
        return s.clearProtected(e.detail.sheet ?? '');
      case 'outputProtected':
        return s.outputProtected(e.detail.sheet ?? '');
      case 'ribbonTooLarge':
        return s.ribbonTooLarge(e.detail.cells ?? 0);
      case 'importStopped':
        return s.importStopped(e.detail.sheet ?? '');
      default:
        return s[e.key];
    }
  }
  if (e instanceof InvalidStoredOptions) return invalidOptionMessage(e.message, lang);
  // A PDF the worker could not read: why, and what to do (src/pdf-worker/client.ts).
  if (e instanceof PdfReadError) return s.importFailed[e.failure](e.file !== '' ? e.file : 'PDF');
  return `${s.failed}: ${e instanceof Error ? e.message : String(e)}`;
}

/** The message of options that do not validate (`message` is the validator's reason). */
export function invalidOptionMessage(message: string, lang: Lang): string {
  return `${strings(lang).invalidOption}: ${message}`;
}

/** A notice of a Normalize, as a sentence. */
export function noticeText(n: Notice, lang: Lang): string {
  const s = strings(lang);
  switch (n.key) {
    case 'protectedSheet':
      return s.protectedSheet;
    case 'mergedCells':
      return s.mergedCells;
    case 'unreadRows':
      return s.unreadRows(n.count);
    case 'errorValues':
      return s.errorValues(n.count);
    case 'moreBelow':
      return s.moreBelow(n.row);
    case 'moreRight':
      return s.moreRight(n.column);
    case 'moreLeft':
      return s.moreLeft(n.column);
    case 'hiddenRows':
      return s.hiddenRows(n.count, n.counted);
    case 'hiddenCols':
      return s.hiddenCols(n.count, n.counted);
    case 'structureProtected':
      return s.structureProtected;
    case 'commentCells':
      return s.commentCells(n.count);
  }
}
