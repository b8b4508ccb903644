/**
 * commands.ts — ribbon commands that run without the task pane (the function file).
 * Clear flags on the Home tab restores every cell the add-in marked.
 */
import { officeHost } from '../excel/host';
import { clearFlags } from '../excel/run';

async function clearFlagsCommand(event: Office.AddinCommands.Event): Promise<void> {
  try {
    await clearFlags(officeHost());
  } finally {
    event.completed();
  }
}

Office.onReady(() => {
  Office.actions.associate('clearFlags', clearFlagsCommand);
});
