/**
 * The hints through the built CLI (a system test): one slip of each kind in the fixture, the hint in
 * `--json` on its cell; `--rounding error` keeps a rounding difference an error; a row typed in 元 marks
 * each of its cells. The hints themselves are tested in process in hints.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalize } from '../src/core';
import { ModelSchema, type Hint } from '../src/core/contract/model';
import { FIXTURE_SLIPS, fixtureGrid, withCells } from './helpers';

const base = fixtureGrid();
const clean = normalize(base);

describe('the CLI', () => {
  const BIN = join(__dirname, '..', 'bin', 'budget-normalize.js');
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'bn-hints-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each(Object.entries(FIXTURE_SLIPS) as Array<[Hint, (typeof FIXTURE_SLIPS)[Hint]]>)(
    '%s: the hint in --json, on its cell; --rounding error keeps errors',
    (hint, { edits, at: cell }) => {
      const file = join(dir, `${hint}.tsv`);
      writeFileSync(
        file,
        withCells(base, edits)
          .map((r) => r.join('\t'))
          .join('\n'),
      );
      const r = spawnSync(process.execPath, [BIN, file, '--json'], { encoding: 'utf8' });
      expect(r.status).toBe(0);
      const model = ModelSchema.parse(JSON.parse(r.stdout));
      const primary = model.flags.filter((f) => f.hint !== undefined && f.explainedBy === undefined);
      expect(primary.map((f) => f.hint)).toContain(hint);
      expect(primary.filter((f) => f.hint === hint).map((f) => f.cell)).toContain(cell);
      if (hint === 'rounding') {
        expect(model.summary.errors).toBe(clean.summary.errors);
        const strict = JSON.parse(spawnSync(process.execPath, [BIN, file, '--json', '--rounding', 'error'], { encoding: 'utf8' }).stdout);
        expect(strict.summary.errors).toBe(clean.summary.errors + 3);
      }
    },
  );

  test('a row typed in 元: each cell of the row flagged in --json, the others explained by the first', () => {
    const file = join(dir, 'row.tsv');
    const grid = withCells(base, [
      [5, 1, '1,190,000.00'],
      [5, 2, '1,190,000.00'],
    ]);
    writeFileSync(file, grid.map((r) => r.join('\t')).join('\n'));
    const r = spawnSync(process.execPath, [BIN, file, '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const model = ModelSchema.parse(JSON.parse(r.stdout));
    expect(model.flags.filter((f) => f.hint !== undefined).map((f) => [f.cell, f.hint, f.explainedBy?.cell ?? null])).toEqual([
      ['B5', 'unit-slip', null],
      ['C5', 'unit-slip', 'B5'],
    ]);
  });
});
