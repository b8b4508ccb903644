/**
 * zip-sizes.ts — what an .xlsx unpacks to, read from its zip directory before anything is unpacked.
 *
 * Owns: the uncompressed size of each part, from the central directory at the end of the file, so that a
 * small file that would unpack to gigabytes (a zip bomb, or a sheet of empty XML) is refused before it
 * is read into memory.
 */

export interface ZipPart {
  name: string;
  /** Uncompressed bytes; Infinity for a ZIP64 entry whose size is not in the 32-bit field. */
  size: number;
}

/** The parts of a zip file with their uncompressed sizes, or null when the bytes are not a zip. */
export function zipParts(buf: Uint8Array): ZipPart[] | null {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  // The end-of-central-directory record: within the last 22 + 65,535 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= 0 && i >= buf.length - 22 - 0xffff; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const parts: ZipPart[] = [];
  const decoder = new TextDecoder('utf-8');
  for (let k = 0; k < entries; k++) {
    if (at + 46 > buf.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const raw = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    const name = decoder.decode(buf.subarray(at + 46, at + 46 + nameLength));
    parts.push({ name, size: raw === 0xffffffff ? Infinity : raw });
    at += 46 + nameLength + extra + comment;
  }
  return parts;
}
