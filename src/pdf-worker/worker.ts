/**
 * worker.ts — the task pane's PDF worker: pdf.js and the reader (src/pdf), off the pane's thread.
 *
 * Owns: loading pdf.js (pdfjs-dist 5.4's legacy build: the one whose built-ins are polyfilled, so that
 * the webviews of Excel on older Macs run it; its own worker code runs in this same worker thread, as
 * pdf.js's "fake worker" does, so no nested worker is needed), opening the file with the CMaps, standard
 * fonts and image decoders the add-in ships (`pdfjs/` beside this script; never a CDN), reading it page
 * by page with `readPdf` and posting progress after each page, then the reading; a file that cannot be
 * read is answered with its reason (protocol.ts). This script is its own webpack entry, loaded only when
 * the user imports a PDF: the pane's own script carries none of pdf.js.
 */
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import * as pdfjsWorker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import { readPdf, type PdfDocument } from '../pdf';
import { openOptions } from '../pdf/open';
import type { PdfFailure, ReadRequest, WorkerMessage } from './protocol';

/** The part of a dedicated worker's global scope used here (the project's types are the DOM's). */
interface WorkerScope {
  location: { href: string };
  postMessage(message: WorkerMessage): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<ReadRequest>) => void): void;
}
const scope = self as unknown as WorkerScope;

// pdf.js runs its worker side in this thread when it finds it here (no `new Worker` inside a worker).
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfjsWorker;

/** The folders of pdf.js's data, copied beside the add-in's scripts (webpack.config.js). */
const asset = (folder: string): string => new URL(`pdfjs/${folder}/`, scope.location.href).href;

function failureOf(e: unknown): { failure: PdfFailure; detail: string } {
  const name = typeof e === 'object' && e !== null ? String((e as { name?: unknown }).name ?? '') : '';
  const detail = e instanceof Error ? e.message : String(e);
  if (name === 'PasswordException') return { failure: 'password', detail };
  if (name === 'InvalidPDFException' || name === 'FormatError') return { failure: 'damaged', detail };
  return { failure: 'other', detail };
}

async function read(request: ReadRequest): Promise<WorkerMessage> {
  const task = pdfjs.getDocument(
    openOptions(new Uint8Array(request.data), { cmaps: asset('cmaps'), standardFonts: asset('standard_fonts'), wasm: asset('wasm') }, true),
  );
  let doc: PdfDocument & { destroy(): Promise<void> };
  try {
    // pdf.js's loading task, not an Office.js proxy (the Office rule takes any `get…()` result for one).
    // eslint-disable-next-line office-addins/call-sync-before-read
    doc = (await task.promise) as unknown as PdfDocument & { destroy(): Promise<void> };
  } catch (e) {
    await task.destroy().catch(() => undefined);
    return { type: 'failed', ...failureOf(e) };
  }
  try {
    scope.postMessage({ type: 'open', numPages: doc.numPages });
    const pages = request.pages?.filter((p) => p >= 1 && p <= doc.numPages);
    const reading = await readPdf(doc, {
      ...(pages !== undefined ? { pages } : {}),
      onPage: (done, total, page) => scope.postMessage({ type: 'page', done, total, page }),
    });
    if (reading.noText !== null) return { type: 'failed', failure: reading.noText, detail: '' };
    return { type: 'done', reading };
  } catch (e) {
    return { type: 'failed', ...failureOf(e) };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

/** The answer posted; one that cannot be (a reading the browser cannot copy) or a read that throws is a failure said. */
function answer(m: WorkerMessage): void {
  try {
    scope.postMessage(m);
  } catch (e) {
    scope.postMessage({ type: 'failed', ...failureOf(e) });
  }
}

scope.addEventListener('message', (e) => {
  if (e.data?.type !== 'read') return;
  read(e.data).then(answer, (e: unknown) => answer({ type: 'failed', ...failureOf(e) }));
});
