/**
 * protocol.ts — the messages between the task pane and its PDF worker (worker.ts).
 *
 * Owns: what the pane asks (a file's bytes, the pages to read) and what the worker answers (progress
 * after each page, the reading, or why the file cannot be read, as a code the pane words in the user's
 * language). Everything here is plain data, copied by `postMessage`; the file's bytes are transferred.
 */
import type { PdfReading } from '../pdf/read';

export interface ReadRequest {
  type: 'read';
  /** The PDF's bytes (transferred to the worker). */
  data: ArrayBuffer;
  /** 1-based pages to read; all when absent. */
  pages?: number[];
}

/** Why a file cannot be read: a password, a damaged file, a scan (no text layer), no text at all, anything else. */
export type PdfFailure = 'password' | 'damaged' | 'scan' | 'empty' | 'other';

export type WorkerMessage =
  /** pdf.js and its fonts are loaded: the reading starts. */
  | { type: 'open'; numPages: number }
  | { type: 'page'; done: number; total: number; page: number }
  | { type: 'done'; reading: PdfReading }
  | { type: 'failed'; failure: PdfFailure; detail: string };
