/**
 * screenshots.ts — where the system tests write their screenshots and LibreOffice renders. The README's
 * pictures in test/screenshots/ are rewritten only when asked (`UPDATE_SCREENSHOTS=1`, which
 * `npm run screenshots` sets); any other run writes the same pictures to a folder of its own in the
 * system's temp directory (so a test never passes on an older run's file), made by the first test that
 * writes there, and leaves the work tree as it was. The global setup puts the answer in BN_SCREENSHOTS
 * for the test workers.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The committed pictures the README shows. */
export const COMMITTED = join(__dirname, '..', 'screenshots');

/** The folder for this run's pictures: test/screenshots/ only when UPDATE_SCREENSHOTS is 1. */
export function screenshotDir(env: Record<string, string | undefined> = process.env): string {
  return env.UPDATE_SCREENSHOTS === '1' ? COMMITTED : join(tmpdir(), `bn-screenshots-${Date.now()}-${process.pid}`);
}
