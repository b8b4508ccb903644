/**
 * sniff.ts — what a file is, by its bytes, not by its name.
 *
 * Owns: telling a workbook (an .xlsx/.xlsm zip), a PDF, text, and everything else apart before any text
 * is decoded, and the one line that says what a file we do not read is and what to do with it: an
 * Office 97–2003 file (.xls, .doc, .et …, named by its streams or its extension), a password-protected
 * workbook, a zip that is not a workbook (.docx, .pptx, .ods, .xlsb, a plain archive), an image, an RTF
 * or HTML document, another archive.
 */
import { zipParts } from './zip-sizes';

export type Sniffed =
  /** An .xlsx/.xlsm (or a zip whose parts are a workbook's, to be read and judged by the reader). */
  | { kind: 'workbook' }
  /** A PDF: its tables are read by the PDF reader (pdf.ts). */
  | { kind: 'pdf' }
  /** Anything else: decoded as text. */
  | { kind: 'text' }
  /** Not read: what it is and what to do, said after the file's name. */
  | { kind: 'refused'; what: string };

const startsWith = (buf: Uint8Array, bytes: readonly number[], at = 0): boolean =>
  buf.length >= at + bytes.length && bytes.every((b, k) => buf[at + k] === b);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const SAVE_AS_XLSX = 'open it in Excel or WPS and save it as .xlsx';
const COPY_TABLE = 'open it, copy the table into Excel, and save it as .xlsx';

/** A stream's name in an OLE directory (UTF-16LE). */
const holdsStream = (buf: Uint8Array, name: string): boolean => Buffer.from(buf).indexOf(Buffer.from(name, 'utf16le')) >= 0;

function ole(buf: Uint8Array, ext: string): string {
  if (holdsStream(buf, 'EncryptedPackage'))
    return 'a password-protected workbook: open it in Excel or WPS, remove the password (File › Info › Protect Workbook), and save it as .xlsx';
  if (ext === '.et' || ext === '.ett') return `a WPS Spreadsheets workbook (${ext}): open it in WPS and save it as .xlsx`;
  if (ext === '.xls' || ext === '.xlt' || holdsStream(buf, 'Workbook') || holdsStream(buf, 'Book'))
    return `an Excel 97–2003 workbook (.xls): ${SAVE_AS_XLSX}`;
  if (ext === '.wps') return `a WPS Writer document (.wps): ${COPY_TABLE}`;
  if (ext === '.doc' || ext === '.dot' || holdsStream(buf, 'WordDocument')) return `a Word 97–2003 document (.doc): ${COPY_TABLE}`;
  if (ext === '.ppt' || ext === '.dps' || holdsStream(buf, 'PowerPoint Document'))
    return `a PowerPoint 97–2003 presentation (.ppt): ${COPY_TABLE}`;
  return 'an Office 97–2003 file: open it in the program that made it and save the table as .xlsx';
}

/** The OpenDocument type of a zip, from its uncompressed `mimetype` entry (stored first, by the standard). */
function odfType(buf: Uint8Array): string | null {
  const head = Buffer.from(buf.subarray(0, 200)).toString('latin1');
  const m = /application\/vnd\.oasis\.opendocument\.([a-z-]+)/.exec(head);
  return m ? (m[1] as string) : null;
}

function zip(buf: Uint8Array): Sniffed {
  const parts = zipParts(buf);
  // A zip whose directory is missing: cut short. Judged (and refused) by the workbook reader.
  if (parts === null) return { kind: 'workbook' };
  const names = parts.map((p) => p.name);
  const has = (prefix: string) => names.some((n) => n.startsWith(prefix));
  if (names.includes('xl/workbook.xml')) return { kind: 'workbook' };
  if (names.includes('xl/workbook.bin'))
    return { kind: 'refused', what: 'an Excel binary workbook (.xlsb): open it in Excel and save it as .xlsx (Excel Workbook)' };
  if (has('word/')) return { kind: 'refused', what: `a Word document (.docx): ${COPY_TABLE}` };
  if (has('ppt/')) return { kind: 'refused', what: `a PowerPoint presentation (.pptx): ${COPY_TABLE}` };
  const odf = odfType(buf);
  if (odf === 'spreadsheet')
    return { kind: 'refused', what: 'an OpenDocument spreadsheet (.ods): open it in LibreOffice, WPS or Excel and save it as .xlsx' };
  if (odf !== null) return { kind: 'refused', what: `an OpenDocument ${odf} (.od${odf[0] ?? ''}): ${COPY_TABLE}` };
  // A workbook's parts without its workbook part: a damaged workbook, for the reader to judge.
  if (has('xl/')) return { kind: 'workbook' };
  return { kind: 'refused', what: 'a zip archive, not a workbook: unpack it and give the table inside (.xlsx, .txt or .csv)' };
}

const IMAGES: ReadonlyArray<[string, (b: Uint8Array) => boolean]> = [
  ['PNG', (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ['JPEG', (b) => startsWith(b, [0xff, 0xd8, 0xff])],
  ['GIF', (b) => startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a'))],
  ['TIFF', (b) => startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])],
  ['WebP', (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)],
  ['HEIC', (b) => startsWith(b, ascii('ftyp'), 4) && /^(heic|heix|hevc|mif1|msf1)$/.test(String.fromCharCode(...b.subarray(8, 12)))],
  // "BM" alone could start a line of text: the DIB header's size must be one of the known ones too.
  [
    'BMP',
    (b) =>
      startsWith(b, ascii('BM')) &&
      b.length >= 26 &&
      [12, 40, 52, 56, 64, 108, 124].includes(new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(14, true)),
  ],
];

const ARCHIVES: ReadonlyArray<[string, readonly number[]]> = [
  ['a RAR archive', ascii('Rar!\x1a\x07')],
  ['a 7-Zip archive', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['a gzip archive', [0x1f, 0x8b]],
];

/** Markup at the start of a text file: an HTML page or an Excel 2003 XML spreadsheet (often named .xls). */
function markup(buf: Uint8Array): string | null {
  let head = Buffer.from(buf.subarray(0, 2048)).toString('utf8');
  head = head.replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('<')) return null;
  const lower = head.toLowerCase();
  if (lower.includes('urn:schemas-microsoft-com:office:spreadsheet') && !lower.includes('<html'))
    return `an Excel 2003 XML spreadsheet: ${SAVE_AS_XLSX}`;
  if (/^<(!doctype html|html|table|meta|head|body)\b/.test(lower) || (lower.startsWith('<?xml') && lower.includes('<html')))
    return `a web page (HTML), as some systems export a table under an .xls name: ${SAVE_AS_XLSX}`;
  return null;
}

/** What the bytes are; `ext` (lower case, with its dot) names an Office 97–2003 file where its streams do not. */
export function sniff(buf: Uint8Array, ext: string): Sniffed {
  // A PDF may have a few bytes before its header (the standard allows 1,024).
  if (Buffer.from(buf.subarray(0, 1024)).indexOf('%PDF-') >= 0) return { kind: 'pdf' };
  if (startsWith(buf, OLE)) return { kind: 'refused', what: ole(buf, ext) };
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04]) || startsWith(buf, [0x50, 0x4b, 0x05, 0x06])) return zip(buf);
  for (const [name, test] of IMAGES)
    if (test(buf))
      return {
        kind: 'refused',
        what: `an image (${name}): a picture of a table cannot be read; use the PDF or workbook it came from, or type the table into Excel and save it as .xlsx`,
      };
  for (const [name, magic] of ARCHIVES)
    if (startsWith(buf, magic)) return { kind: 'refused', what: `${name}: unpack it and give the table inside (.xlsx, .txt or .csv)` };
  if (startsWith(buf, ascii('{\\rtf'))) return { kind: 'refused', what: `a rich-text document (.rtf): ${COPY_TABLE}` };
  const page = markup(buf);
  if (page !== null) return { kind: 'refused', what: page };
  return { kind: 'text' };
}
