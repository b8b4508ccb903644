/**
 * json-chunks.ts — a value as JSON text in pieces, the same bytes as `JSON.stringify(value, null, indent)`.
 *
 * Owns: serialising a large model without ever holding its whole text. The outer levels (the model,
 * its `rows` and `flags` arrays, each row) are walked here; anything deeper is small and is given to
 * `JSON.stringify` with its lines indented to where it sits. The caller writes the pieces as they come
 * (the CLI to stdout, with back-pressure), so memory holds one row's text at a time.
 */

/** How many levels are walked here before `JSON.stringify` takes over (the model, then its arrays' items). */
const WALKED_DEPTH = 2;

type Json = unknown;

/** JSON.stringify's rule for a value it leaves out of an object (and writes as null in an array). */
const omitted = (v: Json): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/**
 * A value's JSON at `depth` levels in: stringified inside `depth` arrays, which indents it exactly as
 * `JSON.stringify` would where it sits, and the arrays' own brackets cut off again.
 */
function leaf(v: Json, space: string, depth: number): string {
  if (depth === 0 || space === '' || v === null || typeof v !== 'object')
    return (JSON.stringify(v, null, space) as string | undefined) ?? 'null';
  let wrapped: unknown = v;
  let head = 0;
  let tail = 0;
  for (let d = 1; d <= depth; d++) {
    wrapped = [wrapped];
    head += 2 + space.length * d;
    tail += 2 + space.length * (d - 1);
  }
  const text = JSON.stringify(wrapped, null, space);
  return text.slice(head, text.length - tail);
}

/**
 * The JSON text of `value` in order, in pieces: joined, they equal `JSON.stringify(value, null, space)`
 * for plain data (objects, arrays, strings, numbers, booleans, null; `toJSON` is honoured).
 */
export function* jsonChunks(value: Json, space = 2, indent = '', depth = 0): Generator<string> {
  const pad = ' '.repeat(space);
  let v = value;
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    v = (v as { toJSON: () => unknown }).toJSON();
  }
  if (depth >= WALKED_DEPTH || v === null || typeof v !== 'object') {
    yield leaf(v, pad, depth);
    return;
  }
  const inner = indent + pad;
  const sep = space > 0 ? `,\n${inner}` : ',';
  const open = space > 0 ? `\n${inner}` : '';
  const close = space > 0 ? `\n${indent}` : '';
  if (Array.isArray(v)) {
    if (v.length === 0) {
      yield '[]';
      return;
    }
    yield `[${open}`;
    for (let i = 0; i < v.length; i++) {
      if (i > 0) yield sep;
      const item: Json = v[i];
      if (omitted(item)) yield 'null';
      else yield* jsonChunks(item, space, inner, depth + 1);
    }
    yield `${close}]`;
    return;
  }
  const entries = Object.entries(v as Record<string, Json>).filter(([, x]) => !omitted(x));
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield `{${open}`;
  const colon = space > 0 ? ': ' : ':';
  let first = true;
  for (const [k, x] of entries) {
    if (!first) yield sep;
    first = false;
    yield `${JSON.stringify(k)}${colon}`;
    yield* jsonChunks(x, space, inner, depth + 1);
  }
  yield `${close}}`;
}
