/**
 * read.ts — a PDF document read: its tables, each as a grid, and which are performance-target tables.
 *
 * Owns: the order of the work (page by page: its operator list, which gives its paths and its text, read
 * into blocks, then let go, so that a long document never holds more than one page of pdf.js's data), progress, and what
 * the document is as a whole: a document whose pages have no text at all is a scan (images) or empty,
 * told apart so that the caller can say so in one line. Works on any pdf.js document (api.ts): the CLI's
 * under Node, a web worker's in the pane.
 */
import type { Cell } from '../core';
import type { PdfDocument } from './api';
import { coreCells, gridOf, type PdfGrid } from './grid';
import { TableJoiner } from './join';
import type { FontInfo, FontLookup } from './optext';
import { readPage } from './page';
import { classify, titleOf } from './tables';

export interface PdfTable {
  /** 1-based, in the document's order. */
  index: number;
  /** The pages it stands on, in order. */
  pages: number[];
  /** Ruled: cells from the ruling lines; aligned: rows and columns from the text's alignment (uncertain). */
  kind: 'ruled' | 'aligned';
  title: string;
  /** A performance-target table (绩效目标表), to be normalised; the others are listed and skipped. */
  target: boolean;
  /** Why it is or is not one (title, header, form key; or none). */
  why: string;
  /** The table as published: merged cells with their spans, the page of each row. */
  grid: PdfGrid;
  /** The grid as the core reads it (each value at its top-left place). */
  cells: Cell[][];
}

export interface PdfReading {
  numPages: number;
  /** The pages read (all, or those selected). */
  pages: number[];
  tables: PdfTable[];
  /** Text runs found on the pages read. */
  runs: number;
  /** Nothing to read: no text on any page read, with images on them (`scan`) or without (`empty`); else null. */
  noText: 'scan' | 'empty' | null;
}

export interface ReadOptions {
  /** 1-based pages to read, in order; all when absent. */
  pages?: readonly number[];
  /**
   * Where the text comes from: the operator list (default: pdf.js reads each page once) or pdf.js's
   * `getTextContent()` (a second pass over each page).
   */
  text?: 'operators' | 'content';
  /** Called after each page read. */
  onPage?: (done: number, total: number, page: number) => void;
}

/** Reads a document's tables. */
export async function readPdf(doc: PdfDocument, options: ReadOptions = {}): Promise<PdfReading> {
  const pages = options.pages ?? Array.from({ length: doc.numPages }, (_, k) => k + 1);
  const joiner = new TableJoiner();
  let runs = 0;
  let images = 0;
  let previous = 0;
  for (let k = 0; k < pages.length; k++) {
    const n = pages[k] as number;
    if (previous !== 0 && n !== previous + 1) joiner.skip();
    previous = n;
    const page = await doc.getPage(n);
    try {
      const fromContent = options.text === 'content';
      const [ops, content] = await Promise.all([page.getOperatorList(), fromContent ? page.getTextContent() : null]);
      const objs = page.commonObjs;
      const fonts: FontLookup = (name) => {
        try {
          return objs !== undefined && objs.has(name) ? (objs.get(name) as FontInfo) : null;
        } catch {
          return null;
        }
      };
      const reading = readPage(n, page.getViewport({ scale: 1 }), ops, content, fonts);
      runs += reading.runs;
      images += reading.images;
      joiner.add(reading);
    } finally {
      page.cleanup();
    }
    options.onPage?.(k + 1, pages.length, n);
  }
  const tables: PdfTable[] = joiner.finish().map((t, k) => {
    const grid = gridOf(t);
    const cells = coreCells(grid);
    const titleLines = t.titles.map((l) => l.segments.map((s) => s.text).join(' '));
    const title = titleOf(titleLines, cells);
    const verdict = classify(titleLines.join(' '), cells);
    return {
      index: k + 1,
      pages: [...new Set(t.parts.map((p) => p.page))],
      kind: t.parts[0]?.table.kind ?? 'ruled',
      title,
      target: verdict.target,
      why: verdict.why,
      grid,
      cells,
    };
  });
  const noText = runs > 0 ? null : images > 0 ? 'scan' : 'empty';
  return { numPages: doc.numPages, pages: [...pages], tables, runs, noText };
}
