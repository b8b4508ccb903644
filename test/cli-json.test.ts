/**
 * The built CLI prints the model exactly as `JSON.stringify(model, null, 2)` (a system test; the streamed
 * pieces are tested in process in streaming.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { normalize } from '../src/core';
import { FIXTURES, fixtureGrid } from './helpers';

const BIN = join(__dirname, '..', 'bin', 'budget-normalize.js');

test('the CLI prints exactly that text, with a final newline', () => {
  const name = 'tianjin-hebei-court-2023.tsv';
  const r = spawnSync(process.execPath, [BIN, join(FIXTURES, name), '--json'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(r.stdout).toBe(JSON.stringify(normalize(fixtureGrid(name)), null, 2) + '\n');
});
