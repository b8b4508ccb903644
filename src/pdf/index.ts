/**
 * index.ts — the PDF reader's door: what the CLI (src/cli/pdf.ts) and the pane's worker use.
 *
 * The reader is pure TypeScript over pdf.js's API (api.ts): it never imports pdf.js, Node or the DOM.
 * Its host opens the document (pdf.js's `getDocument`, with the package's own `cmaps/` and
 * `standard_fonts/`) and hands it to `readPdf`; what comes back is plain data (structured-cloneable,
 * so a web worker can post it): each table's grid with merged cells as `{ value, span }`, the page of
 * each row, the grid the core reads, and whether it is a performance-target table.
 *
 * Modules, one idea each: api.ts (the pdf.js API used), geometry.ts (matrices and boxes), ops.ts (paths
 * from the operator list), rulings.ts (lines → cells), text.ts (items → runs → cell text), align.ts
 * (a table without lines, by alignment), page.ts (one page: tables and lines), join.ts (tables over
 * pages, titles and notes), grid.ts (a table → the grid a paste would give), tables.ts (which tables are
 * 绩效目标表), pages.ts (`3-7,9`), open.ts (the options every host opens a document with), sheet.ts (a table as the
 * pane writes it), findings.ts (what the reading adds to a model), read.ts (the whole
 * document), write.ts (a small PDF writer for tests and the benchmark).
 */
export type { PdfDocument, PdfOperatorList, PdfPage, PdfTextContent, PdfTextItem, PdfViewport } from './api';
export type { GridCell, GridRow, PdfGrid } from './grid';
export { coreCells } from './grid';
export { readPdf } from './read';
export type { PdfReading, PdfTable, ReadOptions } from './read';
export { PageSpecError, parsePageSpec, selectPages } from './pages';
export { alignedMessage, readingFlags, withReadingFindings } from './findings';
export { classify } from './tables';
