/**
 * Two projects (issue 19):
 *  - unit:   the core, the fake Excel, the ribbon, the pane's view and the CLI's modules, in process. No
 *            external program and no build: `npm run test:unit`.
 *  - system: the suites that drive a program or a built artifact: Chromium, LibreOffice and pdftoppm,
 *            xmllint, the built CLI (bin/ → lib/) as a child process, dist/. Its global setup finds the
 *            four programs or stops the run with one line saying what to install: `npm run test:system`.
 * `npm test` builds (pretest), then runs both.
 *
 * A test file is a unit test unless it is listed here.
 */
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const SYSTEM = [
  'browser', //      Chromium on the built pane (dist/); screenshots
  'cli', //          the built CLI as a child process
  'cli-hints', //    the hints through the built CLI
  'cli-json', //     the built CLI's --json text
  'hostile', //      hostile files through the built CLI
  'libreoffice', //  the CLI's .xlsx recalculated by LibreOffice; renders through pdftoppm
  'manifest', //     xmllint; the URLs in dist/
  'pdf', //          PDFs printed by LibreOffice and drawn by the test writer, through the built CLI
  'batch', //        folders of PDFs, workbooks and text through the built CLI
  'progress', //     its CLI block runs the built CLI
  'rerun', //        fresh Node processes running the built core (lib/)
];
// A renamed system test would otherwise fall into the unit project unnoticed.
for (const name of SYSTEM) {
  if (!existsSync(join(__dirname, 'test', `${name}.test.ts`)))
    throw new Error(`jest.config.js: test/${name}.test.ts is listed as a system test but does not exist`);
}
const systemGlob = `{${SYSTEM.join(',')}}.test.ts`;

const common = {
  rootDir: __dirname,
  transform: { '^.+\\.tsx?$': ['ts-jest', {}] },
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
};

/** @type {import('jest').Config} */
const unit = {
  ...common,
  displayName: 'unit',
  // Compiled file by file, without type-checking: twice as fast; `npm run typecheck` checks the types.
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: { isolatedModules: true } }] },
  testMatch: ['<rootDir>/test/**/*.test.ts', `!**/test/${systemGlob}`],
};

/** @type {import('jest').Config} */
const system = {
  ...common,
  displayName: 'system',
  testMatch: [`<rootDir>/test/${systemGlob}`],
  // Finds Chromium/Chrome/Edge, LibreOffice, xmllint and pdftoppm, or stops the run with one line
  // saying what to install; says where screenshots go (test/screenshots/ only when asked).
  globalSetup: '<rootDir>/test/tools/global-setup.ts',
};

// `npm run test:unit` and `test:system` run one of them through test/tools/jest-{unit,system}.config.js
// (`jest --selectProjects unit` would take the file names given after it as more project names).
module.exports = { projects: [unit, system] };
