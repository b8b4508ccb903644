/**
 * client.ts — the task pane's side of the PDF worker: whether this webview can run it, and a read.
 *
 * Owns: the check made when the pane opens (a dedicated worker, and the syntax pdf.js 5.4 is written in:
 * class static blocks and private methods, which Safari has from 16.4 and Chromium from 94, so the
 * webviews of older Macs and of Office before WebView2 cannot parse it), starting the worker only when a
 * file is imported (`pdf-worker.js`, its own script beside the pane's), its progress, and its answer: the
 * reading, or a `PdfReadError` whose `failure` the pane words in the user's language. One worker per
 * read, ended when the read ends, so that pdf.js's memory goes with it.
 */
import type { PdfReading } from '../pdf/read';
import type { PdfFailure, ReadRequest, WorkerMessage } from './protocol';

/** The worker's script, beside the pane's (dist/). */
export const WORKER_SCRIPT = 'pdf-worker.js';

/** Whether this webview runs the PDF reader: yes, no worker at all, or a JavaScript engine too old for pdf.js. */
export type PdfSupport = 'ok' | 'no-worker' | 'old';

/** The syntax of pdf.js 5.4 that older engines cannot parse (a check, run once, never the reader itself). */
const PROBE =
  'class A { static #n = 0; static { A.#n++; } #m() { return this; } n() { return this.#m(); } } let x = null; x ??= 1; return x?.toFixed(0);';

export function pdfSupport(g: { Worker?: unknown; Function?: FunctionConstructor } = globalThis): PdfSupport {
  if (typeof g.Worker !== 'function') return 'no-worker';
  try {
    new (g.Function ?? Function)(PROBE)();
  } catch (e) {
    // A page whose policy forbids `new Function` cannot tell: the worker is tried, and its failure said then.
    if (e instanceof SyntaxError) return 'old';
  }
  return 'ok';
}

/**
 * Why a file was not read: the worker's reason; or the worker itself did not start, its script refused by
 * the engine (`old`) or not loaded at all (`load`: the add-in's files could not be fetched).
 */
export class PdfReadError extends Error {
  constructor(
    readonly failure: PdfFailure | 'old' | 'load',
    readonly detail: string,
    /** The file's name, as the message names it. */
    readonly file = '',
  ) {
    super(`${failure}${detail !== '' ? `: ${detail}` : ''}`);
    this.name = 'PdfReadError';
  }
}

export interface PdfProgress {
  /** Pages read so far, of `total`; `page` the last one read (0 while pdf.js opens the file). */
  done: number;
  total: number;
  page: number;
}

interface WorkerLike {
  postMessage(message: ReadRequest, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<WorkerMessage>) => void): void;
  addEventListener(type: 'error', listener: (e: ErrorEvent) => void): void;
  addEventListener(type: 'messageerror', listener: (e: MessageEvent) => void): void;
  terminate(): void;
}

const OUR_TYPES: ReadonlySet<string> = new Set<WorkerMessage['type']>(['open', 'page', 'done', 'failed']);
const isOurs = (m: unknown): m is WorkerMessage =>
  typeof m === 'object' && m !== null && OUR_TYPES.has(String((m as { type?: unknown }).type));

/** Reads a PDF's tables in a worker (`makeWorker` for tests; the pane's by default). The bytes are handed over. */
export function readPdfInWorker(
  data: ArrayBuffer,
  options: { pages?: number[]; onProgress?: (p: PdfProgress) => void; file?: string } = {},
  makeWorker: () => WorkerLike = () => new Worker(WORKER_SCRIPT) as unknown as WorkerLike,
): Promise<PdfReading> {
  return new Promise<PdfReading>((resolve, reject) => {
    let worker: WorkerLike;
    try {
      worker = makeWorker();
    } catch (e) {
      // A page's policy refusing the script (SecurityError) is not the engine's age.
      const name = typeof e === 'object' && e !== null ? String((e as { name?: unknown }).name) : '';
      reject(new PdfReadError(name === 'SecurityError' ? 'load' : 'old', e instanceof Error ? e.message : String(e), options.file));
      return;
    }
    let started = false;
    const end = (settle: () => void): void => {
      worker.terminate();
      settle();
    };
    worker.addEventListener('message', (e) => {
      const m = e.data;
      // pdf.js's own worker side announces itself on the same port ({ sourceName, action }): not ours.
      if (!isOurs(m)) return;
      started = true;
      if (m.type === 'open') options.onProgress?.({ done: 0, total: m.numPages, page: 0 });
      else if (m.type === 'page') options.onProgress?.({ done: m.done, total: m.total, page: m.page });
      else if (m.type === 'done') end(() => resolve(m.reading));
      else end(() => reject(new PdfReadError(m.failure, m.detail, options.file)));
    });
    // A script that fails to parse (an engine too old for it) or to load reports here, before any message.
    worker.addEventListener('error', (e) => {
      const message = typeof e.message === 'string' ? e.message : '';
      const failure = started ? 'other' : /syntaxerror|unexpected token/i.test(message) ? 'old' : 'load';
      end(() => reject(new PdfReadError(failure, message, options.file)));
    });
    // A reading that could not be copied to the pane.
    worker.addEventListener('messageerror', () => end(() => reject(new PdfReadError('other', 'messageerror', options.file))));
    worker.postMessage({ type: 'read', data, ...(options.pages !== undefined ? { pages: options.pages } : {}) }, [data]);
  });
}

/** The SHA-256 of a file's bytes, in hex, to know the same file again under another name; null where the page has no Web Crypto. */
export async function fileDigest(
  data: ArrayBuffer,
  subtle: Pick<SubtleCrypto, 'digest'> | null = globalThis.crypto?.subtle ?? null,
): Promise<string | null> {
  if (subtle === null) return null;
  try {
    const d = new Uint8Array(await subtle.digest('SHA-256', data));
    return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
  } catch {
    return null;
  }
}
