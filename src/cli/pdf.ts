/**
 * pdf.ts — a PDF file read under Node: pdf.js opened as the CLI needs it, the reader (src/pdf/) run.
 *
 * Owns: loading pdf.js (pdfjs-dist 5.4, its legacy build, the one its authors ship for Node) only when a
 * PDF is read, with the package's own `cmaps/` (Chinese text in fonts that are not embedded is mapped to
 * Unicode through them), `standard_fonts/` and `wasm/` folders, never a CDN; keeping pdf.js's console
 * warnings off stdout (which carries --json); working without its optional native canvas package
 * (@napi-rs/canvas, used only to render, which the reader never does); and a PDF that cannot be opened
 * (damaged, cut short, password-protected) said in one line.
 */
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PdfDocument, PdfReading } from '../pdf';
import { readPdf, selectPages, PageSpecError } from '../pdf';
import { openOptions } from '../pdf/open';
import { InputError } from './read';

/** What the CLI uses of pdf.js's module. */
interface PdfJs {
  getDocument(src: Record<string, unknown>): { promise: Promise<PdfDocument & { destroy(): Promise<void> }>; destroy(): Promise<void> };
  setVerbosityLevel?(level: number): void;
}

let loaded: Promise<PdfJs> | null = null;

/** Where pdfjs-dist is installed. */
export function pdfjsDir(): string {
  return dirname(require.resolve('pdfjs-dist/package.json'));
}

/**
 * The constructors pdf.js's legacy build takes from @napi-rs/canvas at load time and uses only to render
 * (one of them when its module loads). Without that package (an optional dependency with prebuilt
 * binaries for the usual platforms only), inert stand-ins let it load; text and paths need none of them.
 */
function standIns(): void {
  const g = globalThis as Record<string, unknown>;
  for (const name of ['DOMMatrix', 'ImageData', 'Path2D'])
    if (g[name] === undefined)
      g[name] = class {
        constructor(..._args: unknown[]) {}
      };
}

function canvasLoads(): boolean {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('@napi-rs/canvas');
    return true;
  } catch {
    return false;
  }
}

/**
 * The built-ins the legacy build's core-js replaces although Node 20 has them: `Array.prototype.push` and
 * `JSON.parse` (for spec corner cases pdf.js never meets: a non-writable array length, JSON.parse's
 * source-text access) and `Function.prototype.toString`. Its replacements are several times slower, and
 * they would slow the whole process, the core's normalising included: the natives are put back once pdf.js
 * has loaded. (What it adds, such as `Promise.withResolvers` and `Uint8Array.prototype.toHex`, stays.)
 */
function nativeBuiltins(): { restore(): void } {
  const slots: Array<[object, string]> = [
    [Array.prototype, 'push'],
    [JSON, 'parse'],
    [Function.prototype, 'toString'],
  ];
  const saved = slots.map(([o, k]) => Object.getOwnPropertyDescriptor(o, k));
  return {
    restore() {
      slots.forEach(([o, k], i) => {
        const d = saved[i];
        if (d !== undefined && Object.getOwnPropertyDescriptor(o, k)?.value !== d.value) Object.defineProperty(o, k, d);
      });
    },
  };
}

/** A real `import()` (TypeScript compiles `import()` to `require()` under CommonJS, which cannot load pdf.js's ES modules on every Node 20). */
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/** pdf.js, loaded once. Its load-time warnings (console.warn and console.log, before its verbosity can be set) are held back. */
export function loadPdfJs(): Promise<PdfJs> {
  if (loaded === null) {
    loaded = (async () => {
      if (!canvasLoads()) standIns();
      const { log, warn } = console;
      const quiet =
        (to: (...args: unknown[]) => void) =>
        (...args: unknown[]): void => {
          if (typeof args[0] === 'string' && args[0].startsWith('Warning:')) return;
          to(...args);
        };
      console.log = quiet(log);
      console.warn = quiet(warn);
      const natives = nativeBuiltins();
      try {
        const build = join(pdfjsDir(), 'legacy', 'build');
        const mod = (await importModule(pathToFileURL(join(build, 'pdf.mjs')).href)) as PdfJs;
        // Its worker, which runs in this thread under Node, loaded now (pdf.js takes it from here), so that
        // the built-ins its own core-js replaces are put back too.
        const g = globalThis as { pdfjsWorker?: unknown };
        g.pdfjsWorker ??= await importModule(pathToFileURL(join(build, 'pdf.worker.mjs')).href);
        mod.setVerbosityLevel?.(0);
        return mod;
      } finally {
        console.log = log;
        console.warn = warn;
        natives.restore();
      }
    })();
  }
  return loaded;
}

/** The one line for a PDF pdf.js cannot open. */
function openError(path: string, e: unknown): InputError {
  const name = (e as { name?: string } | null)?.name ?? '';
  const message = (((e as Error | null)?.message ?? String(e)).split('\n')[0] ?? '').replace(/\.$/, '');
  if (name === 'PasswordException')
    return new InputError(`${path} is a password-protected PDF: open it with its password, print or save it without one, and try again`);
  if (name === 'InvalidPDFException')
    return new InputError(
      `${path} is a PDF that cannot be read (${message || 'damaged or cut short'}): download it again, or open and save it anew`,
    );
  return new InputError(`${path} is a PDF that cannot be read: ${message}`);
}

export interface PdfFileOptions {
  /** `--pages`: e.g. `3-7,9`. */
  pages?: string;
  onPage?: (done: number, total: number, page: number) => void;
}

/** Reads a PDF file's tables; a file that cannot be read, or has no text layer, is an InputError. */
export async function readPdfFile(path: string, bytes: Uint8Array, options: PdfFileOptions = {}): Promise<PdfReading> {
  // Not one object: a header and nothing else (a download cut short), said before pdf.js is loaded.
  if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf('obj') < 0)
    throw new InputError(`${path} is a PDF that cannot be read (it holds no PDF objects: it was cut short): download it again`);
  const pdfjs = await loadPdfJs();
  const dir = pdfjsDir();
  const task = pdfjs.getDocument(
    // A copy: pdf.js takes the bytes over (and refuses a Node Buffer).
    openOptions(new Uint8Array(bytes), {
      cmaps: join(dir, 'cmaps') + '/',
      standardFonts: join(dir, 'standard_fonts') + '/',
      wasm: join(dir, 'wasm') + '/',
    }),
  );
  let doc: PdfDocument & { destroy(): Promise<void> };
  try {
    // pdf.js's loading task, not an Office.js proxy (the Office rule takes any `get…()` result for one).
    // eslint-disable-next-line office-addins/call-sync-before-read
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    throw openError(path, e);
  }
  try {
    let pages: number[] | undefined;
    if (options.pages !== undefined) {
      try {
        pages = selectPages(options.pages, doc.numPages);
      } catch (e) {
        if (e instanceof PageSpecError) throw new InputError(`${path}: ${e.message}`);
        throw e;
      }
    }
    let reading: PdfReading;
    try {
      reading = await readPdf(doc, { ...(pages !== undefined ? { pages } : {}), ...(options.onPage ? { onPage: options.onPage } : {}) });
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw openError(path, e);
    }
    if (reading.noText === 'scan')
      throw new InputError(
        `${path} has no text layer: its pages are images (a scan), which this tool does not read (no OCR); use the department's original PDF, or run OCR on it first`,
      );
    if (reading.noText === 'empty') throw new InputError(`${path} has no text on the pages read: there is no table to read`);
    return reading;
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
