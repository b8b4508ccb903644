/**
 * A run leaves nothing behind: `normalize` called on several tables in one process gives the same
 * models as each table in a fresh process (caches, interning and the parser's position live in the run).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { normalize } from '../src/core';
import { FIXTURES, fixtureGrid } from './helpers';

const ROOT = join(__dirname, '..');
const TABLES = ['guangzhou-court-2024.tsv', 'tianjin-hebei-court-2023.tsv'];

/** The model of one table, from a fresh Node process running the built core. */
function fresh(name: string): unknown {
  const script = `
    const { readFileSync } = require('node:fs');
    const { normalize } = require(${JSON.stringify(join(ROOT, 'lib', 'core', 'normalize.js'))});
    const { parseTsv } = require(${JSON.stringify(join(ROOT, 'lib', 'cli', 'read.js'))});
    process.stdout.write(JSON.stringify(normalize(parseTsv(readFileSync(${JSON.stringify(join(FIXTURES, name))}, 'utf8')))));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}

test('normalize twice in one process, on different tables, gives the models of fresh processes', () => {
  const expected = TABLES.map(fresh);
  // Each table twice, interleaved, in this process.
  const runs = [...TABLES, ...TABLES].map((name) => JSON.parse(JSON.stringify(normalize(fixtureGrid(name)))));
  expect(runs[0]).toEqual(expected[0]);
  expect(runs[1]).toEqual(expected[1]);
  expect(runs[2]).toEqual(expected[0]);
  expect(runs[3]).toEqual(expected[1]);
}, 60_000);
