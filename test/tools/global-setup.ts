/**
 * global-setup.ts — before any test runs: every tool the tests need is found, and its path is put in
 * the environment variable the README names, so that the test workers use the same one. A missing
 * tool stops the run with one line saying what to install.
 */
import { findTool, missingMessage, TOOLS, ToolName } from './find';
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
}
