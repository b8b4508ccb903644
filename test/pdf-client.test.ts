/**
 * The pane's side of the PDF worker (src/pdf-worker/client.ts), with a stand-in worker: progress per page,
 * the reading, pdf.js's own messages on the same port passed over, each failure as its reason, a script
 * the engine refuses said as too old (and one not loaded as not loaded), the worker ended every time; and
 * the check of the webview made when the pane opens.
 */
import type { PdfReading } from '../src/pdf/read';
import { fileDigest, pdfSupport, PdfReadError, readPdfInWorker, type PdfProgress } from '../src/pdf-worker/client';
import type { ReadRequest, WorkerMessage } from '../src/pdf-worker/protocol';

type Listener = (e: { data?: unknown; message?: string }) => void;

/** A worker that answers a read with `script` (messages, or an error event). */
class StandInWorker {
  readonly listeners: Record<string, Listener[]> = {};
  received: ReadRequest | null = null;
  transferred: unknown[] = [];
  terminated = 0;
  constructor(private readonly script: Array<{ data: unknown } | { error: string }>) {}
  addEventListener(type: string, l: Listener): void {
    (this.listeners[type] ??= []).push(l);
  }
  postMessage(m: ReadRequest, transfer: unknown[]): void {
    this.received = m;
    this.transferred = transfer;
    for (const step of this.script) {
      if ('error' in step) this.listeners.error?.forEach((l) => l({ message: step.error }));
      else this.listeners.message?.forEach((l) => l({ data: step.data }));
    }
  }
  terminate(): void {
    this.terminated++;
  }
}

const READING: PdfReading = { numPages: 2, pages: [1, 2], tables: [], runs: 10, noText: null };

async function run(script: ConstructorParameters<typeof StandInWorker>[0], pages?: number[]) {
  const worker = new StandInWorker(script);
  const seen: PdfProgress[] = [];
  const data = new ArrayBuffer(8);
  const result = await readPdfInWorker(data, { onProgress: (p) => seen.push(p), ...(pages ? { pages } : {}) }, () => worker as never).then(
    (r) => r,
    (e: unknown) => e,
  );
  return { worker, seen, result, data };
}

const msg = (m: WorkerMessage) => ({ data: m });

test('progress after each page, then the reading; the bytes handed over; the worker ended', async () => {
  const { worker, seen, result, data } = await run(
    [
      // pdf.js's worker side announces itself on the same port: not one of ours.
      { data: { sourceName: 'worker', targetName: 'main', action: 'ready', data: null } },
      msg({ type: 'open', numPages: 2 }),
      msg({ type: 'page', done: 1, total: 2, page: 3 }),
      msg({ type: 'page', done: 2, total: 2, page: 4 }),
      msg({ type: 'done', reading: READING }),
    ],
    [3, 4],
  );
  expect(result).toBe(READING);
  expect(seen).toEqual([
    { done: 0, total: 2, page: 0 },
    { done: 1, total: 2, page: 3 },
    { done: 2, total: 2, page: 4 },
  ]);
  expect(worker.received).toEqual({ type: 'read', data, pages: [3, 4] });
  expect(worker.transferred).toEqual([data]);
  expect(worker.terminated).toBe(1);
});

test.each(['password', 'damaged', 'scan', 'empty', 'other'] as const)('a file that cannot be read (%s): its reason', async (failure) => {
  const { worker, result } = await run([msg({ type: 'open', numPages: 1 }), msg({ type: 'failed', failure, detail: 'x' })]);
  expect(result).toBeInstanceOf(PdfReadError);
  expect((result as PdfReadError).failure).toBe(failure);
  expect(worker.terminated).toBe(1);
});

test('a script the engine cannot parse is "old"; one that never loaded is "load"; an error once reading is "other"', async () => {
  expect(((await run([{ error: "SyntaxError: Unexpected token '{'" }])).result as PdfReadError).failure).toBe('old');
  expect(((await run([{ error: '' }])).result as PdfReadError).failure).toBe('load');
  const late = await run([msg({ type: 'open', numPages: 3 }), { error: 'RangeError: out of memory' }]);
  expect((late.result as PdfReadError).failure).toBe('other');
  expect(late.worker.terminated).toBe(1);
});

test('a reading the browser cannot copy to the pane (messageerror) is said, not waited for', async () => {
  const worker = new StandInWorker([msg({ type: 'open', numPages: 1 })]);
  const pending = readPdfInWorker(new ArrayBuffer(1), {}, () => worker as never).catch((x: unknown) => x);
  worker.listeners.messageerror?.forEach((l) => l({}));
  expect(((await pending) as PdfReadError).failure).toBe('other');
  expect(worker.terminated).toBe(1);
});

test('a worker refused by the page (SecurityError) is "load", not the engine\'s age', async () => {
  const e = await readPdfInWorker(new ArrayBuffer(1), {}, () => {
    throw Object.assign(new Error('denied'), { name: 'SecurityError' });
  }).catch((x: unknown) => x);
  expect((e as PdfReadError).failure).toBe('load');
});

test('a worker that cannot be made at all is "old"', async () => {
  const e = await readPdfInWorker(new ArrayBuffer(1), {}, () => {
    throw new Error('Worker is not a constructor');
  }).catch((x: unknown) => x);
  expect((e as PdfReadError).failure).toBe('old');
});

test('the webview check: no worker, or a worker and the syntax pdf.js is written in', () => {
  expect(pdfSupport({})).toBe('no-worker');
  expect(pdfSupport({ Worker: 'not a function' })).toBe('no-worker');
  // Node's engine parses pdf.js's syntax (static blocks, private methods): as a current webview does.
  expect(pdfSupport({ Worker: function Worker() {} })).toBe('ok');
  // An engine before static blocks (Safari 16.3, Chromium 93) refuses the probe as it would refuse pdf.js.
  const old = function () {
    throw new SyntaxError("Unexpected token '{'");
  } as unknown as FunctionConstructor;
  expect(pdfSupport({ Worker: function Worker() {}, Function: old })).toBe('old');
  // A page whose policy forbids eval cannot tell: the worker is tried.
  const policy = function () {
    throw new EvalError('Refused to evaluate a string as JavaScript');
  } as unknown as FunctionConstructor;
  expect(pdfSupport({ Worker: function Worker() {}, Function: policy })).toBe('ok');
});

test('a file is known by the SHA-256 of its bytes; without Web Crypto, by nothing', async () => {
  const abc = new TextEncoder().encode('abc').buffer as ArrayBuffer;
  expect(await fileDigest(abc)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  expect(await fileDigest(abc, null)).toBeNull();
  expect(await fileDigest(abc, { digest: () => Promise.reject(new Error('not allowed')) })).toBeNull();
});
