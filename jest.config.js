/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Finds Chromium/Chrome/Edge, LibreOffice and xmllint, or stops the run with one line saying what to install.
  globalSetup: '<rootDir>/test/tools/global-setup.ts',
};
