/**
 * request-size.ts — keeping every request and response within Excel's limits.
 *
 * Owns: the size of what a request carries (values as JSON), one way to write in chunks (split a
 * list by bytes, sync before a request would pass the limit), address lists for `getRanges` under
 * their character limit, and the size of a response to come, estimated from what was read so far,
 * so that reads are split before Excel on the web refuses them (5 MB responses).
 */
import { LIMITS } from './host';

/** Approximate size of a value in a request or response, in bytes (JSON, UTF-8). */
export function valueBytes(v: unknown): number {
  if (v === null || v === undefined) return 4;
  if (typeof v === 'number' || typeof v === 'boolean') return 12;
  const s = String(v);
  let n = 3;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // JSON escapes quotes, backslashes and control characters.
    n += c === 0x22 || c === 0x5c ? 2 : c < 0x20 ? 6 : c < 0x80 ? 1 : 3;
  }
  return n;
}

/** Split addresses into comma-joined lists no longer than `max` characters. */
export function addressLists(addresses: readonly string[], max: number = LIMITS.maxAddressChars): string[] {
  const out: string[] = [];
  let cur = '';
  for (const a of addresses) {
    if (cur !== '' && cur.length + 1 + a.length > max) {
      out.push(cur);
      cur = '';
    }
    cur = cur === '' ? a : `${cur},${a}`;
  }
  if (cur !== '') out.push(cur);
  return out;
}

/**
 * Consecutive blocks of items, each at most `max` bytes (and at least one item), gathered as the items
 * come (a plan sheet's rows are made one at a time), so that a long list is never held whole.
 */
export function* blocksByBytes<T>(items: Iterable<T>, bytesOf: (item: T) => number, max: number): Generator<{ items: T[]; bytes: number }> {
  let block: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const b = bytesOf(item);
    if (block.length > 0 && bytes + b > max) {
      yield { items: block, bytes };
      block = [];
      bytes = 0;
    }
    block.push(item);
    bytes += b;
  }
  if (block.length > 0) yield { items: block, bytes };
}

/** Counts the bytes queued for the next request and syncs before they would pass the limit. */
export class Batch {
  bytes = 0;
  syncs = 0;
  constructor(private readonly context: Excel.RequestContext) {}
  async reserve(bytes: number): Promise<void> {
    if (this.bytes > 0 && this.bytes + bytes > LIMITS.maxRequestBytes) await this.flush();
    this.bytes += bytes;
  }
  async flush(): Promise<void> {
    await this.context.sync();
    this.syncs++;
    this.bytes = 0;
  }
}

/**
 * Rows per read request for a range `columns` wide: from the bytes per cell seen so far (or a
 * first guess), so that a response stays under half of Excel on the web's 5 MB. A cell's bytes are
 * all that is loaded for it — its value, its type and its number format — and a block's share of the
 * addresses of its visible and merged areas.
 */
export function rowsPerRead(columns: number, bytesPerCell: number): number {
  const perRow = Math.max(1, columns) * Math.max(8, bytesPerCell);
  return Math.max(1, Math.floor(LIMITS.maxResponseBytes / 2 / perRow));
}
