/**
 * open.ts — how every host asks pdf.js to open a document: the one set of `getDocument` options.
 *
 * Owns: where pdf.js finds its data (the CMaps for Chinese in fonts a PDF does not embed, the standard
 * fonts, the image decoders: folders the host ships, never a CDN) and what the reader does without: no
 * system fonts, no font faces, no eval, no canvas or image decoder (text and paths only). The CLI passes
 * folders of pdfjs-dist (Node), the pane's worker the add-in's own URLs (`worker: true`: a worker has no
 * `document` from which pdf.js could decide to fetch the data itself).
 */

/** The folders (or URLs) of pdf.js's data, each ending in `/`. */
export interface PdfJsData {
  cmaps: string;
  standardFonts: string;
  wasm: string;
}

export function openOptions(data: Uint8Array, at: PdfJsData, worker = false): Record<string, unknown> {
  return {
    data,
    cMapUrl: at.cmaps,
    cMapPacked: true,
    standardFontDataUrl: at.standardFonts,
    wasmUrl: at.wasm,
    ...(worker ? { useWorkerFetch: true } : {}),
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    verbosity: 0,
  };
}
