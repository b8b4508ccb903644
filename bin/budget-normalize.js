#!/usr/bin/env node
'use strict';
// The built CLI lives in lib/ (npm run build). See src/cli/main.ts.
let main;
try {
  ({ main } = require('../lib/cli/main.js'));
} catch (e) {
  process.stderr.write('budget-normalize: not built yet; run `npm run build` first\n');
  process.exit(2);
}
main(process.argv.slice(2));
