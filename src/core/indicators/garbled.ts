/**
 * garbled.ts — what is certain in a packed cell that is not a clean, numbered list.
 *
 * Owns: the recovery rules for cells where two text layers interleaved (domain.md, "Garbled
 * cells"): sequence numbers that repeat, restart or skip. A number is kept only when every clean
 * segment with that number agrees with the others; the most complete of them is kept; everything
 * else is reported as dropped, never guessed at.
 */
import type { Indicator, Target } from '../contract/model';

/** One segment of a packed cell: its number, and its indicator when the segment read completely. */
export interface Segment {
  seq: number;
  indicator: Indicator | null;
}

export interface Recovered {
  indicators: Indicator[];
  /** True when the cell holds more or less than a clean, consecutively numbered list. */
  garbled: boolean;
  /** Sequence numbers of segments that could not be kept. */
  dropped: number[];
}

function sameTarget(a: Target | null, b: Target | null): boolean {
  return a === null || b === null || a.raw === b.raw;
}

function agree(a: Indicator, b: Indicator): boolean {
  return (
    a.level1Code === b.level1Code &&
    a.level2Code === b.level2Code &&
    a.name === b.name &&
    sameTarget(a.period, b.period) &&
    sameTarget(a.annual, b.annual)
  );
}

function completeness(i: Indicator): number {
  return (i.period ? 1 : 0) + (i.annual ? 1 : 0);
}

/** Keep what is certain among a cell's segments, in order of their numbers. */
export function recoverSegments(segments: readonly Segment[]): Recovered {
  // Group by number; keep a number only when its clean segments agree with one another.
  const bySeq = new Map<number, Segment[]>();
  for (const s of segments) {
    const list = bySeq.get(s.seq);
    if (list) list.push(s);
    else bySeq.set(s.seq, [s]);
  }
  let garbled = segments.some((s) => s.indicator === null) || bySeq.size !== segments.length;
  // Numbers must run 1, 2, 3… in order.
  segments.forEach((s, i) => {
    if (s.seq !== i + 1) garbled = true;
  });
  const indicators: Indicator[] = [];
  const dropped: number[] = [];
  for (const [seq, list] of bySeq) {
    const clean = list.flatMap((s) => (s.indicator === null ? [] : [s.indicator]));
    const first = clean[0];
    if (first === undefined || !clean.every((c) => agree(first, c))) {
      dropped.push(seq);
      continue;
    }
    let best = first;
    for (const c of clean) if (completeness(c) > completeness(best)) best = c;
    indicators.push(best);
    if (list.length > clean.length) {
      // A broken duplicate of a clean segment: the clean one is kept, the cell is still garbled.
      garbled = true;
    }
  }
  indicators.sort((a, b) => a.seq - b.seq);
  return { indicators, garbled, dropped: dropped.sort((a, b) => a - b) };
}
