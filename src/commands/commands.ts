/**
 * commands.ts — the ribbon's commands (the function file): Normalize and Clear flags run on every
 * click, whether the task pane is open or not, and a message is shown in a small dialog.
 *
 * The actions are associated at the top level of the file, as Microsoft's samples do (not inside
 * `Office.onReady`). A command completes only when its message has been closed: a function command's
 * runtime "closes when either the function completes or 5 minutes have passed", and a dialog it opened
 * closes with it (office-js #428, #1452), so `event.completed()` waits for the dialog to answer (its Close
 * button, `messageParent`) or to be closed (DialogEventReceived), or for the command's 5 minutes to end.
 */
import { strings, langFromDisplayLanguage } from '../core';
import { officeHost } from '../excel/host';
import { COMMAND_MS, ribbonClear, ribbonNormalize, RibbonContext } from './ribbon';

/** Time kept back from the command's 5 minutes, to complete the event before the runtime is closed. */
const MARGIN_MS = 10_000;

/** A message in a small dialog served from the add-in's own origin; resolves when it is closed, or at `deadline`. */
function show(message: string, deadline: number): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(finish, Math.max(0, deadline - Date.now()));
    const close = strings(langFromDisplayLanguage(Office.context.displayLanguage)).close;
    const base = `${window.location.origin}${window.location.pathname.replace(/[^/]*$/, '')}message.html`;
    const url = `${base}?text=${encodeURIComponent(message)}&close=${encodeURIComponent(close)}`;
    Office.context.ui.displayDialogAsync(url, { height: 25, width: 30, displayInIframe: true }, (result) => {
      if (result.status === Office.AsyncResultStatus.Failed) {
        finish();
        return;
      }
      const dialog = result.value;
      // The Close button: the dialog says so, and is closed.
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => {
        dialog.close();
        finish();
      });
      // Closed by the user (12006), or gone (12002, 12003): the command is done.
      dialog.addEventHandler(Office.EventType.DialogEventReceived, () => finish());
    });
  });
}

function context(started: number): RibbonContext {
  const deadline = started + COMMAND_MS - MARGIN_MS;
  return {
    host: officeHost(),
    displayLanguage: Office.context.displayLanguage,
    show: (message) => show(message, deadline),
    now: Date.now,
    started,
  };
}

Office.onReady(() => undefined);

Office.actions.associate('normalize', (event: Office.AddinCommands.Event) => {
  void ribbonNormalize(context(Date.now())).finally(() => event.completed());
});
Office.actions.associate('clearFlags', (event: Office.AddinCommands.Event) => {
  void ribbonClear(context(Date.now())).finally(() => event.completed());
});
