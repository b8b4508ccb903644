/**
 * pane-pdf.ts — the PDF section's figure for the task pane (issue 25): the same PDFs read by the pane's
 * worker (dist/pdf-worker.js) in headless Chromium.
 *
 * Owns: making sure dist/ holds a worker as new as its sources (`npm run build:web` when it is missing or
 * older than src/pdf-worker, src/pdf, src/core or the build's configuration), serving dist/ on 127.0.0.1
 * (with Last-Modified, as a static host does), finding the browser (as the tests do: BN_BROWSER, then
 * PATH, then where installers put it), and timing in a blank page beside the pane's files, from
 * `new Worker('pdf-worker.js')` to its 'done': the first run in a fresh browser context (pdf.js fetched
 * and compiled), then 3 runs with a new worker each (the pane starts one per import), their median. No
 * browser, or a build that fails, is said in one line and the section goes on without the figure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, delimiter, extname, join, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const WORKER = join(DIST, 'pdf-worker.js');
/** What the worker's bundle is made from: a change to any of these rebuilds dist/. */
const INPUTS = ['src/pdf-worker', 'src/pdf', 'src/core', 'webpack.config.js', 'tsconfig.web.json', 'node_modules/pdfjs-dist/package.json'];
const WARM_RUNS = 3;

export interface PanePdf {
  label: string;
  file: string;
  pages: number;
}

/** One worker's read, timed in the page from `new Worker` (ms). */
interface PaneRun {
  /** pdf.js loaded and the file open ('open'). */
  openMs: number;
  /** The first page read (its fonts and CMaps fetched). */
  firstPageMs: number;
  /** The reading posted back ('done'). */
  doneMs: number;
  pagesRead: number;
  tables: number;
}

/** The newest modification time (ms) of a file, or of the files under a folder. */
function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** null when dist/pdf-worker.js is up to date (built now if it was not), else why it cannot be had. */
function ensureWorker(): string | null {
  const inputs = INPUTS.map((p) => join(ROOT, p)).filter((p) => existsSync(p));
  const built = existsSync(WORKER) ? statSync(WORKER).mtimeMs : -Infinity;
  if (built >= Math.max(...inputs.map(newest))) return null;
  const t0 = performance.now();
  process.stdout.write(`(dist/pdf-worker.js is ${built === -Infinity ? 'missing' : 'older than its sources'}: npm run build:web … `);
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'webpack', 'bin', 'webpack.js'), '--mode', 'production'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0 || !existsSync(WORKER)) {
    console.log('failed)');
    const why = `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').find((l) => /error/i.test(l)) ?? r.error?.message ?? `exit ${r.status}`;
    return `the web build failed (${why.trim()})`;
  }
  // webpack leaves an output whose bytes did not change as it was: dated now, so that the next run does not build again.
  const now = new Date();
  utimesSync(WORKER, now, now);
  console.log(`${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  return null;
}

/** The browser, found as test/tools/find.ts finds it (not imported: the bench builds from src/ alone). */
function browserPath(): string | null {
  const exists = (p: string) => {
    try {
      return statSync(p).isFile();
    } catch {
      return false;
    }
  };
  const stated = process.env.BN_BROWSER;
  if (stated !== undefined && stated !== '') return exists(stated) ? stated : null;
  const win = process.platform === 'win32';
  const names = [
    'chromium',
    'chromium-browser',
    'google-chrome',
    'google-chrome-stable',
    'microsoft-edge',
    'microsoft-edge-stable',
    'chrome',
    'msedge',
  ];
  for (const dir of (process.env.PATH ?? process.env.Path ?? '').split(delimiter))
    for (const name of names) if (dir !== '' && exists(join(dir, win ? `${name}.exe` : name))) return join(dir, win ? `${name}.exe` : name);
  const places: Partial<Record<NodeJS.Platform, string[]>> = {
    linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium', '/usr/bin/microsoft-edge'],
    darwin: [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ],
    win32: [
      `${process.env.PROGRAMFILES}\\Google\\Chrome\\Application\\chrome.exe`,
      `${process.env.LOCALAPPDATA}\\Google\\Chrome\\Application\\chrome.exe`,
      `${process.env['PROGRAMFILES(X86)']}\\Microsoft\\Edge\\Application\\msedge.exe`,
      `${process.env.PROGRAMFILES}\\Microsoft\\Edge\\Application\\msedge.exe`,
    ],
  };
  return (places[process.platform] ?? []).find(exists) ?? null;
}

const TYPES: Record<string, string> = { '.js': 'application/javascript', '.wasm': 'application/wasm', '.pdf': 'application/pdf' };

/** dist/ on 127.0.0.1, a blank page at /bench.html beside the pane's files, and the PDFs at /bench-pdf/NAME. */
function serve(pdfs: PanePdf[]): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] as string);
    if (path === '/bench.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>bench</title>');
      return;
    }
    const pdf = pdfs.find((p) => path === `/bench-pdf/${basename(p.file)}`);
    const file = pdf?.file ?? resolve(DIST, `.${path}`);
    if ((pdf === undefined && !file.startsWith(DIST + sep)) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    const modified = new Date(Math.floor(statSync(file).mtimeMs / 1000) * 1000).toUTCString();
    if (req.headers['if-modified-since'] === modified) {
      res.writeHead(304).end();
      return;
    }
    res
      .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'last-modified': modified })
      .end(readFileSync(file));
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => done({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })),
  );
}

/** One read by a new worker, in the page: the PDF fetched first (not timed), then `new Worker` to 'done'. */
function readInPage(page: Page, url: string): Promise<PaneRun> {
  return page.evaluate(async (pdfUrl) => {
    const bytes = await (await fetch(pdfUrl)).arrayBuffer();
    // The page's clock (`window.`: this function runs in the page, where Node's `performance` import is not).
    const now = () => window.performance.now();
    return new Promise<PaneRun>((done, fail) => {
      const t0 = now();
      const worker = new Worker('pdf-worker.js');
      let openMs = NaN;
      let firstPageMs = NaN;
      let pagesRead = 0;
      const end = (f: () => void) => {
        clearTimeout(timer);
        worker.terminate();
        f();
      };
      const timer = setTimeout(() => end(() => fail(new Error('no answer from the worker in 300 s'))), 300_000);
      worker.addEventListener('error', (e) => end(() => fail(new Error(`the worker did not start: ${e.message}`))));
      worker.addEventListener('message', (e: MessageEvent) => {
        // pdf.js's own worker side posts on this port too ({ action: 'ready' }): only the protocol's messages count.
        const m = e.data as { type?: string; failure?: string; detail?: string; reading?: { tables: unknown[] } };
        if (m?.type === 'open') openMs = now() - t0;
        else if (m?.type === 'page') {
          if (pagesRead++ === 0) firstPageMs = now() - t0;
        } else if (m?.type === 'done') {
          const doneMs = now() - t0;
          end(() => done({ openMs, firstPageMs, doneMs, pagesRead, tables: m.reading?.tables.length ?? 0 }));
        } else if (m?.type === 'failed') end(() => fail(new Error(`the worker failed: ${m.failure} ${m.detail}`)));
      });
      worker.postMessage({ type: 'read', data: bytes }, [bytes]);
    });
  }, url);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The pane's section of the PDF bench: a table of the PDFs given, and the issue's target for 30 pages. */
export async function panePdfBench(pdfs: PanePdf[]): Promise<void> {
  console.log("\nPDF (issue 25) in the task pane's worker: headless Chromium, time from `new Worker('pdf-worker.js')` to 'done':");
  const executablePath = browserPath();
  if (executablePath === null) {
    const stated = process.env.BN_BROWSER;
    console.log(
      `(pane figure skipped: ${stated ? `BN_BROWSER=${stated} is not a program` : 'no Chromium, Chrome or Edge found'}; BN_BROWSER names one)`,
    );
    return;
  }
  const unbuilt = ensureWorker();
  if (unbuilt !== null) {
    console.log(`(pane figure skipped: ${unbuilt})`);
    return;
  }
  // Loaded here, not at the top: bench.ts's timed children load this module, and a CLI run's time counts from its start.
  const { chromium } = await import('playwright-core');
  const { server, base } = await serve(pdfs);
  let browser: Awaited<ReturnType<typeof chromium.launch>> | null = null;
  try {
    try {
      browser = await chromium.launch({
        executablePath,
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
      });
    } catch (e) {
      console.log(`(pane figure skipped: ${executablePath} did not start: ${String(e).split('\n')[0]})`);
      return;
    }
    console.log(`${executablePath} ${browser.version()} · first run in a fresh browser context, then ${WARM_RUNS} runs, a new worker each`);
    console.log('source       | pages | first run: open, page 1, done s | pages/s | warm runs: done s, median (each) | pages/s | tables');
    const targets: string[] = [];
    for (const pdf of pdfs) {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(`${base}/bench.html`);
        const url = `${base}/bench-pdf/${basename(pdf.file)}`;
        const first = await readInPage(page, url);
        const warm: PaneRun[] = [];
        for (let k = 0; k < WARM_RUNS; k++) warm.push(await readInPage(page, url));
        const runs = [first, ...warm];
        if (runs.some((r) => r.pagesRead !== pdf.pages))
          throw new Error(`${pdf.file}: pages read ${runs.map((r) => r.pagesRead)}, not ${pdf.pages}`);
        const warmMs = median(warm.map((r) => r.doneMs));
        const tables = [...new Set(runs.map((r) => r.tables))].join('/');
        console.log(
          [
            pdf.label.padEnd(12),
            fmt(pdf.pages).padStart(5),
            [first.openMs, first.firstPageMs, first.doneMs]
              .map((ms) => fmt(ms / 1000, 2))
              .join(', ')
              .padEnd(31),
            fmt(pdf.pages / (first.doneMs / 1000), 1).padStart(7),
            `${fmt(warmMs / 1000, 2)} (${warm.map((r) => fmt(r.doneMs / 1000, 2)).join(', ')})`.padEnd(32),
            fmt(pdf.pages / (warmMs / 1000), 1).padStart(7),
            tables,
          ].join(' | '),
        );
        if (pdf.pages === 30)
          targets.push(
            `30 pages at ≥ 10 pages/s in the pane's worker (Chromium): ${fmt(pdf.pages / (warmMs / 1000), 1)} pages/s (median of ${WARM_RUNS}), ` +
              `${fmt(pdf.pages / (first.doneMs / 1000), 1)} on the first run`,
          );
      } finally {
        await context.close();
      }
    }
    if (targets.length > 0) console.log(`target: ${targets.join('\n        ')}`);
  } finally {
    await browser?.close();
    await new Promise((done) => server.close(done));
  }
}
