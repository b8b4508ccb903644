/**
 * global-setup.ts — before the system tests run (jest.config.js: the system project only): every tool
 * they need is found, and its path is put in the environment variable the README names, so that the
 * test workers use the same one. A missing tool stops the run with one line saying what to install.
 * It also puts in BN_SCREENSHOTS the folder the screenshots go to (screenshots.ts).
 */
import { findTool, missingMessage, TOOLS, ToolName } from './find';
import { screenshotDir } from './screenshots';
import { realSystem } from './system';

export default function globalSetup(): void {
  for (const name of Object.keys(TOOLS) as ToolName[]) {
    const p = findTool(name, realSystem);
    if (p === null) {
      process.stderr.write(`\n${missingMessage(name, realSystem)}\n`);
      process.exit(1);
    }
    process.env[TOOLS[name].envVar] = p;
  }
  process.env.BN_SCREENSHOTS = screenshotDir();
}
