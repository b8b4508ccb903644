/**
 * indicators.ts — the packed indicator cell of the packed-list layout.
 *
 * Owns: splitting `1、1-产出指标: 11-数量指标: 名称: 实施周期指标值:12; 年度指标值:12。2、…`
 * into indicators (seq, 一级 code/name, 二级 code/name, 三级 name, period and annual targets),
 * telling goal prose that precedes the list apart from the list, and deciding what in a
 * garbled cell is certain. A segment is certain only when it parses completely, its number
 * is not contradicted by another segment, and nothing is left over; everything else is
 * reported as a problem, never guessed at.
 */
import { Target, parseTarget } from './target';
import { squeezeSpaces, toHalfWidth } from './text';

export interface Indicator {
  seq: number;
  level1Code: string | null;
  level1: string;
  level2Code: string | null;
  level2: string;
  name: string;
  period: Target | null;
  annual: Target | null;
}

export interface IndicatorCellParse {
  /** Text before the first indicator (the goal, when goal and indicators share a cell). */
  prefix: string;
  indicators: Indicator[];
  /** True when the cell holds more or less than a clean, consecutively numbered list. */
  garbled: boolean;
  /** Sequence numbers of segments that could not be kept. */
  dropped: number[];
  /** Number of indicator segments found in the text. */
  segments: number;
}

const PERIOD_KEY = '实施周期指标值';
const ANNUAL_KEY = '年度指标值';
const LEVEL1_WORDS = /指标|产出|效益|满意|成本|效果/;

/** Where an indicator starts: `N、` then `<digit>-` then a 一级 name. */
const START = /(\d{1,3})、 ?(\d) ?[-‐－—] ?/g;
const SEP = /[:;,]/;
const LEVEL2 = /^ ?(\d{2}) ?[-‐－—] ?([^:;,。]{1,30}?) ?[:;,]/;
const TRAILING_JUNK = /[\s:;,。]+$/;
const LEADING_JUNK = /^[\s:;,]+/;
const LEVEL2_INSIDE = /(?:^|[:;,]) ?\d{2} ?-/;

/** Copy a retained substring so that it does not keep its (large) parent string alive. */
function detach(s: string): string {
  return s.length < 13 ? s : (s + ' ').slice(0, -1);
}

const interned = new Map<string, string>();
function intern(s: string): string {
  const hit = interned.get(s);
  if (hit !== undefined) return hit;
  const d = detach(s);
  if (interned.size < 10_000) interned.set(d, d);
  return d;
}

/** Prepare text for scanning: half-width, OCR spaces inside words removed. */
export function prepareIndicatorText(raw: string): string {
  return squeezeSpaces(toHalfWidth(raw));
}

/** Positions of indicator starts in prepared text. */
export function findStarts(t: string): Array<{ index: number; seq: number }> {
  const out: Array<{ index: number; seq: number }> = [];
  START.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = START.exec(t)) !== null) {
    // The 一级 name must look like one (`产出指标`, `效益指标`…), so that prose such as
    // `1、2-3年内` is not taken for an indicator.
    const after = t.slice(START.lastIndex, START.lastIndex + 12);
    const sep = after.search(SEP);
    const l1 = sep < 0 ? after : after.slice(0, sep);
    if (LEVEL1_WORDS.test(l1)) out.push({ index: m.index, seq: Number(m[1]) });
  }
  return out;
}

/** True when the text contains at least one indicator start. Linear. */
export function hasIndicatorStart(raw: string): boolean {
  return findStarts(prepareIndicatorText(raw)).length > 0;
}

interface Segment {
  seq: number;
  clean: boolean;
  indicator: Indicator | null;
}

function cleanField(s: string): string {
  return s.replace(LEADING_JUNK, '').replace(TRAILING_JUNK, '');
}

function countOf(hay: string, needle: string): number {
  let n = 0;
  let i = hay.indexOf(needle);
  while (i >= 0) {
    n++;
    i = hay.indexOf(needle, i + needle.length);
  }
  return n;
}

/** Read the target that follows a keyword: skip `:`, stop at `stop`. */
function targetAfter(seg: string, keyAt: number, key: string, stop: number): { target: Target | null; ok: boolean } {
  let i = keyAt + key.length;
  while (i < stop && (seg[i] === ' ' || seg[i] === ':')) i++;
  const text = cleanField(seg.slice(i, stop));
  if (text === '') return { target: null, ok: false };
  const t = parseTarget(text);
  if (t === null) return { target: null, ok: false };
  return { target: { raw: detach(t.raw), op: t.op, value: t.value, unit: t.unit === null ? null : intern(t.unit) }, ok: true };
}

function parseSegment(seg: string, seq: number, l1Code: string, bodyStart: number): Segment {
  const fail: Segment = { seq, clean: false, indicator: null };
  // 一级 name up to the first separator.
  const rest1 = seg.slice(bodyStart);
  const s1 = rest1.search(SEP);
  if (s1 <= 0 || s1 > 20) return fail;
  const level1 = rest1.slice(0, s1).trim();
  const rest2 = rest1.slice(s1 + 1);
  const m2 = LEVEL2.exec(rest2);
  if (m2 === null) return fail;
  const level2Code = m2[1] as string;
  const level2 = (m2[2] as string).trim();
  const rest3 = rest2.slice(m2[0].length);
  // The end of the indicator: the first `。`; anything after it is left-over text.
  const stopAt = rest3.indexOf('。');
  const body = stopAt < 0 ? rest3 : rest3.slice(0, stopAt);
  const leftover = stopAt < 0 ? '' : rest3.slice(stopAt + 1).trim();
  const pCount = countOf(body, PERIOD_KEY);
  const aCount = countOf(body, ANNUAL_KEY);
  const pAt = body.indexOf(PERIOD_KEY);
  const aAt = body.indexOf(ANNUAL_KEY);
  if (pCount + aCount === 0) return fail;
  const firstKey = pAt >= 0 ? pAt : aAt;
  const name = cleanField(body.slice(0, firstKey));
  let clean = pCount <= 1 && aCount <= 1 && leftover === '' && name !== '' && !LEVEL2_INSIDE.test(name) && !name.includes('指标值');
  if (pAt >= 0 && aAt >= 0 && aAt < pAt) clean = false;
  if (!level2Code.startsWith(l1Code)) clean = false;
  let period: Target | null = null;
  let annual: Target | null = null;
  if (pAt >= 0) {
    const r = targetAfter(body, pAt, PERIOD_KEY, aAt > pAt ? aAt : body.length);
    period = r.target;
    if (!r.ok) clean = false;
  }
  if (aAt >= 0) {
    const r = targetAfter(body, aAt, ANNUAL_KEY, body.length);
    annual = r.target;
    if (!r.ok) clean = false;
  }
  if (name === '') return fail;
  return {
    seq,
    clean,
    indicator: {
      seq,
      level1Code: l1Code,
      level1: intern(level1),
      level2Code: intern(level2Code),
      level2: intern(level2),
      name: detach(name),
      period,
      annual,
    },
  };
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

/**
 * Parse a packed indicator cell. Never throws, linear in the text length.
 * `prefix` is the text before the first indicator, cleaned of OCR spaces.
 */
export function parseIndicatorCell(raw: string): IndicatorCellParse {
  const t = prepareIndicatorText(raw);
  const starts = findStarts(t);
  if (starts.length === 0) {
    return { prefix: detach(t), indicators: [], garbled: false, dropped: [], segments: 0 };
  }
  const prefix = detach(t.slice(0, (starts[0] as { index: number }).index).trim());
  const segments: Segment[] = [];
  for (let k = 0; k < starts.length; k++) {
    const st = starts[k] as { index: number; seq: number };
    const end = k + 1 < starts.length ? (starts[k + 1] as { index: number }).index : t.length;
    const seg = t.slice(st.index, end);
    const head = /^(\d{1,3})、 ?(\d) ?[-‐－—] ?/.exec(seg) as RegExpExecArray;
    segments.push(parseSegment(seg, st.seq, head[2] as string, head[0].length));
  }
  // Group by number; keep a number only when its clean segments agree with one another.
  const bySeq = new Map<number, Segment[]>();
  for (const s of segments) {
    const list = bySeq.get(s.seq);
    if (list) list.push(s);
    else bySeq.set(s.seq, [s]);
  }
  let garbled = segments.some((s) => !s.clean) || bySeq.size !== segments.length;
  // Numbers must run 1, 2, 3… in order.
  segments.forEach((s, i) => {
    if (s.seq !== i + 1) garbled = true;
  });
  const indicators: Indicator[] = [];
  const dropped: number[] = [];
  for (const [seq, list] of bySeq) {
    const clean = list.filter((s) => s.clean).map((s) => s.indicator as Indicator);
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
  return { prefix, indicators, garbled, dropped: dropped.sort((a, b) => a - b), segments: segments.length };
}
