/**
 * text-sink.ts — text written to a stream in pieces, with back-pressure.
 *
 * Owns: gathering small pieces (a JSON row, a summary line) into blocks of about 256 KB and
 * waiting for the stream to drain when it asks, so that printing a 1 GB model never holds it whole
 * and never queues it whole in the stream's buffer either.
 */
import type { Writable } from 'node:stream';

const BLOCK_CHARS = 256 * 1024;

export interface TextSink {
  /** Gathers a piece; returns a promise only when the caller must wait (the stream is full). */
  write(piece: string): Promise<void> | undefined;
  /** Writes what is still gathered. */
  flush(): Promise<void> | undefined;
}

export function streamSink(stream: Writable): TextSink {
  let parts: string[] = [];
  let size = 0;
  const flush = (): Promise<void> | undefined => {
    if (size === 0) return undefined;
    const text = parts.join('');
    parts = [];
    size = 0;
    if (stream.write(text)) return undefined;
    return new Promise<void>((resolve) => stream.once('drain', resolve));
  };
  return {
    write(piece) {
      parts.push(piece);
      size += piece.length;
      return size >= BLOCK_CHARS ? flush() : undefined;
    },
    flush,
  };
}

/** Every piece of a generator written to a sink, waiting only when the stream asks. */
export async function writeAll(sink: TextSink, pieces: Iterable<string>): Promise<void> {
  for (const p of pieces) {
    const wait = sink.write(p);
    if (wait !== undefined) await wait;
  }
}
