/**
 * host.ts — the edge between the add-in and Office: `Excel.run` and requirement-set checks,
 * injected so that the same code runs against Excel, the in-memory fake used by the tests,
 * and the stub host of the browser test.
 */

/** What a run asks of Excel: one undo step for its requests (ExcelApi 1.20); to wait while the user edits a cell (1.11). */
export interface RunOptions {
  mergeUndoGroup?: boolean;
  delayForCellEdit?: boolean;
}

export interface ExcelHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>, options?: RunOptions): Promise<T>;
  isSetSupported(name: string, version: string): boolean;
}

/** The real host: Office.js globals, available once `Office.onReady` has resolved. */
export function officeHost(): ExcelHost {
  return {
    run: (batch, options) =>
      options !== undefined && (options.mergeUndoGroup || options.delayForCellEdit) ? Excel.run(options, batch) : Excel.run(batch),
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
  };
}

/** Excel's and Excel on the web's limits that the add-in designs around. */
export const LIMITS = {
  /** Cells read from a selection at most. */
  maxCells: 2_000_000,
  /** Bytes written per request; Excel on the web rejects requests over 5 MB. */
  maxRequestBytes: 4_000_000,
  /** Bytes read per response; Excel on the web rejects responses over 5 MB (reads aim at half of it). */
  maxResponseBytes: 5_000_000,
  /** Characters in one address string passed to `getRanges`. */
  maxAddressChars: 8_000,
  /** Marks inspected or written per request. */
  marksPerRequest: 4_000,
} as const;
