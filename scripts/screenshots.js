#!/usr/bin/env node
/**
 * `npm run screenshots`: rewrites the README's pictures in test/screenshots/ (the task pane in Chromium,
 * the workbook rendered by LibreOffice and pdftoppm) by running the system tests that take them with
 * UPDATE_SCREENSHOTS=1. Any other test run writes them to a temp folder (test/tools/screenshots.ts).
 * `prescreenshots` builds first, as `pretest` does. Extra arguments go to jest.
 */
process.env.UPDATE_SCREENSHOTS = '1';
// Both are system tests (jest.config.js), so no project needs naming: `--selectProjects` would take the
// file names after it as more project names.
require('jest').run(['test/browser.test.ts', 'test/libreoffice.test.ts', ...process.argv.slice(2)]);
