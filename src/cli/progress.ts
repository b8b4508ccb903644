/**
 * progress.ts — what the CLI says on stderr while a long table is read, normalised and written.
 *
 * Owns: one status line, rewritten in place at most every 200 ms on a terminal (each step on its own
 * line elsewhere, e.g. with --progress into a log), and when to show it at all: a terminal and a table
 * of more than 5,000 rows, or --progress. The counts come from the core's steps and the sink's rows.
 */
import { type NormalizeProgress } from '../core';

/** Tables longer than this show progress on a terminal. */
export const PROGRESS_MIN_ROWS = 5_000;

const STEP_LABEL: Record<NormalizeProgress['step'], string> = {
  reading: '识别结构 reading the table',
  indicators: '拆分指标 splitting indicators',
  checks: '核对 checking sums',
};

const count = (n: number): string => n.toLocaleString('en-US');

export interface ProgressReporter {
  read(rows: number): void;
  /** A PDF's pages read so far. */
  pages(file: string, done: number, total: number): void;
  normalize(p: NormalizeProgress): void;
  write(sheet: string, done: number, total: number): void;
  done(): void;
}

export const silentProgress: ProgressReporter = { read() {}, pages() {}, normalize() {}, write() {}, done() {} };

/** Progress written to `stream`; on a terminal one line rewritten in place, elsewhere one line per step. */
export function streamProgress(stream: NodeJS.WriteStream, now: () => number = Date.now): ProgressReporter {
  const tty = stream.isTTY === true;
  let last = 0;
  let lastKey = '';
  let shown = false;
  const say = (key: string, text: string, force = false): void => {
    const t = now();
    if (tty) {
      if (!force && key === lastKey && t - last < 200) return;
      stream.write(`\r\x1b[2Kbudget-normalize: ${text}`);
      shown = true;
    } else {
      // A log gets each step once, at its start and at its end.
      if (!force && key === lastKey) return;
      stream.write(`budget-normalize: ${text}\n`);
    }
    last = t;
    lastKey = key;
  };
  return {
    read: (rows) => say('read', `读取 read ${count(rows)} rows`, true),
    pages: (file, done, total) => say(`p:${file}`, `读取 reading ${file} page ${count(done)} / ${count(total)}`, done === total),
    normalize: (p) => say(`n:${p.step}`, `${STEP_LABEL[p.step]} ${count(p.done)} / ${count(p.total)}`),
    write: (sheet, done, total) => say(`w:${sheet}`, `写入 writing ${sheet} ${count(done)} / ${count(total)} rows`, done === total),
    done: () => {
      if (tty && shown) stream.write('\r\x1b[2K');
    },
  };
}
