/**
 * system.ts — the real system for `find.ts`, and the paths the tests use: `tool('browser')` is the
 * path the global setup found (or the lookup's answer when a test file runs on its own).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { findTool, missingMessage, System, ToolName } from './find';

export const realSystem: System = {
  platform: process.platform,
  env: process.env,
  exists(path: string): boolean {
    try {
      if (!statSync(path).isFile()) return false;
      if (process.platform !== 'win32') accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
};

/** The tool's path; throws the one-line message when it is missing. */
export function tool(name: ToolName): string {
  const p = findTool(name, realSystem);
  if (p === null) throw new Error(missingMessage(name, realSystem));
  return p;
}
