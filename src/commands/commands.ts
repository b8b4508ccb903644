/**
 * commands.ts — the ribbon's commands (the function file): Normalize and Clear flags run on every
 * click, whether the task pane is open or not, and a message is shown in a small dialog.
 */
import { officeHost } from '../excel/host';
import type { SettingsStore } from '../settings/settings';
import { ribbonClear, ribbonNormalize, RibbonContext } from './ribbon';

/** A message in a small dialog served from the add-in's own origin. */
function show(message: string): Promise<void> {
  return new Promise((resolve) => {
    const url = `${window.location.origin}${window.location.pathname.replace(/[^/]*$/, '')}message.html?text=${encodeURIComponent(message)}`;
    Office.context.ui.displayDialogAsync(url, { height: 25, width: 30, displayInIframe: true }, () => resolve());
  });
}

function context(): RibbonContext {
  return {
    host: officeHost(),
    store: Office.context.document?.settings as SettingsStore | undefined,
    displayLanguage: Office.context.displayLanguage,
    show,
  };
}

Office.onReady(() => {
  Office.actions.associate('normalize', (event: Office.AddinCommands.Event) => {
    void ribbonNormalize(context()).finally(() => event.completed());
  });
  Office.actions.associate('clearFlags', (event: Office.AddinCommands.Event) => {
    void ribbonClear(context()).finally(() => event.completed());
  });
});
