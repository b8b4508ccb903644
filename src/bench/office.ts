/**
 * office.ts — `npm run bench` (second part): what a Normalize costs in Office.js round trips.
 *
 * For 1k, 10k and 50k projects (the same synthetic tables as the pipeline bench) it runs
 * Normalize against the in-memory Excel fake and prints the number of `context.sync()` calls,
 * the largest request in bytes (Excel on the web rejects requests over 5 MB; the add-in aims
 * for 4 MB), the largest response (also 5 MB on the web), the total bytes sent, and the wall time of the
 * whole run in the fake.
 */
import { performance } from 'node:perf_hooks';
import { FakeExcel } from '../../test/fake-excel/fake';
import { normalizeSelection } from '../excel/run';
import { synthTable } from './synth';

async function main(): Promise<void> {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const list = sizes.length > 0 ? sizes : [1_000, 10_000, 50_000];
  console.log('projects | cells read | syncs | largest request | largest response | total sent | marks | time in fake');
  for (const size of list) {
    const { grid } = synthTable(size, 2024);
    // Two wrong amounts per 1,000 projects, so that the table has marks to write.
    for (let r = 10; r < grid.length; r += 500) {
      const row = grid[r] as string[];
      if (row.length === 7 && row[1] !== '') row[1] = '1.23';
    }
    const fake = new FakeExcel('绩效目标表');
    // No copy of the workbook per undoable step: the benchmark measures the add-in, not the fake's undo stack.
    fake.undoHistory = false;
    fake.setGrid(grid);
    fake.select(`A1:G${grid.length}`);
    const t0 = performance.now();
    const res = await normalizeSelection(fake.host(), { lang: 'zh' });
    const ms = performance.now() - t0;
    const total = fake.requests.reduce((n, r) => n + r.bytes, 0);
    console.log(
      [
        size.toLocaleString('en-US').padStart(8),
        (grid.length * 7).toLocaleString('en-US').padStart(10),
        String(fake.syncs).padStart(5),
        `${(fake.largestRequest() / 1e6).toFixed(2)} MB`.padStart(15),
        `${(Math.max(...fake.responses) / 1e6).toFixed(2)} MB`.padStart(16),
        `${(total / 1e6).toFixed(1)} MB`.padStart(10),
        String(res.plan.marks.length).padStart(5),
        `${Math.round(ms).toLocaleString('en-US')} ms`.padStart(12),
      ].join(' | '),
    );
  }
}

void main();
