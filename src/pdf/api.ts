/**
 * api.ts — the part of pdf.js's API the reader uses, as plain structural types.
 *
 * Owns: what the reader needs of a document and its pages (pdf.js 5.4's `PDFDocumentProxy` and
 * `PDFPageProxy` satisfy these types as they are), so that the reader never imports pdf.js itself: the
 * CLI hands it a document opened with the legacy build under Node (src/cli/pdf.ts), a web worker one
 * opened with the modern build, and the unit tests hand-made pages. Nothing here touches Node or the DOM.
 */

/** A text item of `getTextContent()`: a string drawn with one font along one baseline. */
export interface PdfTextItem {
  str: string;
  /** [a, b, c, d, e, f]: the text's matrix in the page's user space (font size included), origin on the baseline. */
  transform: readonly number[];
  /** Advance of the whole string along its baseline, in user space units. */
  width: number;
  height: number;
  fontName?: string;
  hasEOL?: boolean;
}

/** A marked-content boundary, which `getTextContent()` may put between the items. */
export interface PdfMarkedContent {
  type: string;
}

export interface PdfTextContent {
  items: ReadonlyArray<PdfTextItem | PdfMarkedContent>;
}

/** `getOperatorList()`: one function code per operation, with its arguments. */
export interface PdfOperatorList {
  fnArray: ArrayLike<number>;
  argsArray: ArrayLike<unknown>;
}

export interface PdfViewport {
  /** The matrix from the page's user space (y up) to the display (y down, rotation applied), at scale 1. */
  transform: readonly number[];
  width: number;
  height: number;
}

/** pdf.js's objects shared by a document's pages: the loaded fonts, by the name `setFont` gives. */
export interface PdfCommonObjects {
  has(id: string): boolean;
  get(id: string): unknown;
}

export interface PdfPage {
  getViewport(params: { scale: number }): PdfViewport;
  getOperatorList(): Promise<PdfOperatorList>;
  getTextContent(): Promise<PdfTextContent>;
  /** The loaded fonts (their matrix and writing direction), for the text read from the operator list. */
  commonObjs?: PdfCommonObjects;
  /** Lets pdf.js free what the page held (fonts and images stay cached on the document). */
  cleanup(): unknown;
}

export interface PdfDocument {
  numPages: number;
  getPage(pageNumber: number): Promise<PdfPage>;
}

/** True for a text item (not a marked-content boundary). */
export function isTextItem(item: PdfTextItem | PdfMarkedContent): item is PdfTextItem {
  return typeof (item as PdfTextItem).str === 'string';
}
