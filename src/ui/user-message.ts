/**
 * user-message.ts — what the user is told when a command fails, the same sentence whether the task pane
 * or the ribbon ran it.
 *
 * Owns: turning an error (a refusal the Office layer explains as a `UserError`, or anything else thrown)
 * and an invalid option into one message in the user's language. Below both the pane (src/taskpane) and
 * the ribbon (src/commands); enters the core by its one door. No DOM, no Office.
 */
import { strings, type Lang } from '../core';
import { LIMITS } from '../excel/host';
import { UserError } from '../excel/selection';

/** The message of an error: each refusal in words a user can act on; anything else as "failed: …". */
export function userMessage(e: unknown, lang: Lang): string {
  const s = strings(lang);
  if (e instanceof UserError) return e.key === 'tooLarge' ? s.tooLarge(e.detail.cells ?? 0, LIMITS.maxCells) : s[e.key];
  return `${s.failed}: ${e instanceof Error ? e.message : String(e)}`;
}

/** The message of options that do not validate (`message` is the validator's reason). */
export function invalidOptionMessage(message: string, lang: Lang): string {
  return `${strings(lang).invalidOption}: ${message}`;
}
