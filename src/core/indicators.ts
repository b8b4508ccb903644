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
import { level1Std, level2Std, splitWeight } from './taxonomy';
import { cleanText } from './text';

export interface Indicator {
  seq: number;
  level1Code: string | null;
  /** 一级 as written (a weight such as `(50分)` moved to `weight`). */
  level1: string;
  level2Code: string | null;
  level2: string;
  name: string;
  period: Target | null;
  annual: Target | null;
  /** Canonical 一级 / 二级 (domain.md), or null when the name is not a known one. */
  level1Std: string | null;
  level2Std: string | null;
  level2StdCode: string | null;
  /** A weight written into a level name or a 权重 column, e.g. `50分`. */
  weight: string | null;
}

interface Levels {
  level1: string;
  level2: string;
  level1Std: string | null;
  level2Std: string | null;
  level2StdCode: string | null;
  weight: string | null;
}

const levelCache = new Map<string, Map<string, Map<string, Levels>>>();
let cachedLevels = 0;
/** The 一级 / 二级 as written plus their canonical names and any weight; cached, names repeat. */
export function classifyLevels(level1Raw: string, level2Raw: string, level2Code: string | null): Levels {
  let byL2 = levelCache.get(level1Raw);
  if (byL2 === undefined) {
    byL2 = new Map();
    levelCache.set(level1Raw, byL2);
  }
  let byCode = byL2.get(level2Raw);
  if (byCode === undefined) {
    byCode = new Map();
    byL2.set(level2Raw, byCode);
  }
  const hit = byCode.get(level2Code ?? '');
  if (hit !== undefined) return hit;
  const w1 = splitWeight(level1Raw);
  const w2 = splitWeight(level2Raw);
  const s1 = level1Std(w1.name);
  const s2 = level2Std(w2.name, level2Code);
  const out: Levels = {
    level1: intern(w1.name),
    level2: intern(w2.name),
    level1Std: s1?.name ?? (s2 && w1.name === '' ? s2.level1 : null),
    level2Std: s2?.name ?? null,
    level2StdCode: s2?.code ?? null,
    weight: w1.weight ?? w2.weight,
  };
  if (cachedLevels++ < 20_000) byCode.set(level2Code ?? '', out);
  return out;
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

/*
 * The cell is cleaned once (full-width folded, OCR spaces between CJK characters removed),
 * so the patterns below allow at most one space where Latin text keeps one.
 */
const PERIOD_KEY = '实施周期指标值';
const ANNUAL_KEY = '年度指标值';
/** …followed by something that reads as a 一级 name (`产出指标`, `效益指标`…) before a separator. */
const LEVEL1_AHEAD = /[^:;,]{0,14}?(?:指标|产出|效益|满意|成本|效果)/y;
const LEVEL2_INSIDE = /(?:^|[:;,]) ?\d{2} ?-/;

/** Copy a retained substring so that it does not keep its (large) parent string alive. */
function detach(s: string): string {
  return s.length < 13 ? s : (s + ' ').slice(0, -1);
}

const interned = new Map<string, string>();
/** Share repeated strings (level names, units, common indicator names) across the model. */
export function intern(s: string): string {
  const hit = interned.get(s);
  if (hit !== undefined) return hit;
  const d = detach(s);
  if (interned.size < 50_000) interned.set(d, d);
  return d;
}

const internedTargets = new Map<string, Target>();
/** Targets are immutable and repeat (`100%`, `≥95%`, `提升`): share one object per text. */
export function internTarget(text: string): Target | null {
  const hit = internedTargets.get(text);
  if (hit !== undefined) return hit;
  const t = parseTarget(text);
  if (t === null) return null;
  const shared: Target = Object.freeze({ raw: intern(t.raw), op: t.op, value: t.value, unit: t.unit === null ? null : intern(t.unit) });
  if (internedTargets.size < 50_000) internedTargets.set(text, shared);
  return shared;
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
/** - ‐ － — */
const isDash = (c: number): boolean => c === 0x2d || c === 0x2010 || c === 0xff0d || c === 0x2014;

/*
 * The start found last by `nextStart`. Module state rather than an object per start: a 100k-project
 * table has half a million of them, and the parser is not re-entrant anyway.
 */
let startSeq = 0;
let startBody = 0;
let startCode = '';

/**
 * The next indicator start in cleaned text (see `cleanText`) at or after `from`: `N、` (N of 1–3
 * digits), an optional space, `<digit>`, ` ?-- ?`, then a 一级 name that looks like one, so that
 * prose such as `1、2-3年内` is not an indicator. Returns its index (where N begins), or -1,
 * and sets `startSeq`, `startBody` (where the 一级 name begins) and `startCode`.
 */
function nextStart(t: string, from: number): number {
  for (let k = t.indexOf('、', from); k >= 0; k = t.indexOf('、', k + 1)) {
    let d = k;
    while (d > from && k - d < 3 && isDigit(t.charCodeAt(d - 1))) d--;
    if (d === k) continue;
    let p = k + 1;
    if (t.charCodeAt(p) === 0x20) p++;
    const code = t.charCodeAt(p);
    if (!isDigit(code)) continue;
    p++;
    if (t.charCodeAt(p) === 0x20) p++;
    if (!isDash(t.charCodeAt(p))) continue;
    p++;
    if (t.charCodeAt(p) === 0x20) p++;
    LEVEL1_AHEAD.lastIndex = p;
    if (!LEVEL1_AHEAD.test(t)) continue;
    let seq = 0;
    for (let i = d; i < k; i++) seq = seq * 10 + t.charCodeAt(i) - 0x30;
    startSeq = seq;
    startBody = p;
    startCode = DIGITS[code - 0x30] as string;
    return d;
  }
  return -1;
}
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** The same test on raw text (spaces and full-width digits allowed), without copying it. */
const RAW_START = /[0-9０-９]{1,3}\s*、\s*[0-9０-９]\s*[-‐－—]\s*[^:;,：；，]{0,14}?(?:指\s*标|产\s*出|效\s*益|满\s*意|成\s*本|效\s*果)/;

/** True when raw text contains an indicator start. */
export function hasIndicatorStart(raw: string): boolean {
  return RAW_START.test(raw);
}

interface Segment {
  seq: number;
  /** The indicator, when the segment is certain; null otherwise. */
  indicator: Indicator | null;
}

function isSep(c: number): boolean {
  return c === 0x3a || c === 0x3b || c === 0x2c; // : ; , (full-width forms are folded by cleanText)
}
function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0 || c === 0x3000;
}

/** t[from, to) without separators and spaces at either end (nor `。` at the end). */
function field(t: string, from: number, to: number): string {
  while (from < to && (isSep(t.charCodeAt(from)) || isBlank(t.charCodeAt(from)))) from++;
  while (to > from) {
    const c = t.charCodeAt(to - 1);
    if (!(isSep(c) || isBlank(c) || c === 0x3002)) break;
    to--;
  }
  return t.slice(from, to);
}

/**
 * Finds the next occurrence of a needle at or after a position, remembering the last answer.
 * Segments are read left to right, so every search starts at or after the previous one and a
 * cell is scanned once per needle however many segments it has: linear, not quadratic, even
 * when a needle never occurs.
 */
class NextIndex {
  private at = -2; // -2: not searched yet; -1: none at or after `from`
  private from = 0;
  constructor(
    private readonly t: string,
    private readonly needle: string,
  ) {}
  find(from: number): number {
    if (this.at === -2 || from < this.from || (this.at >= 0 && this.at < from)) {
      this.at = this.t.indexOf(this.needle, from);
      this.from = from;
    }
    return this.at;
  }
  /** The first occurrence in [from, to − needle length], or -1. */
  within(from: number, to: number): number {
    const i = this.find(from);
    return i < 0 || i + this.needle.length > to ? -1 : i;
  }
}

interface Scan {
  t: string;
  stop: NextIndex;
  period: NextIndex;
  annual: NextIndex;
}

/** Read the target after a keyword ending at `from`, up to `stop`. */
function targetAt(t: string, from: number, stop: number): Target | null {
  let i = from;
  while (i < stop && (isBlank(t.charCodeAt(i)) || t.charCodeAt(i) === 0x3a)) i++;
  const text = field(t, i, stop);
  return text === '' ? null : internTarget(text);
}

/**
 * Where the 二级 part `<sp>dd<sp>-<sp>name<sp><sep>` that starts at `from` ends (just past its
 * separator), or -1; its code and name are left in `level2Code` / `level2Name`. The name is 1–40
 * characters without `:;,。`, ending at the first separator (a space before it is not part of it).
 */
let level2Code = '';
let level2Name = '';
/** '00'…'99', shared. */
const CODES = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
function readLevel2(t: string, from: number, end: number): number {
  let p = from;
  if (t.charCodeAt(p) === 0x20) p++;
  if (!isDigit(t.charCodeAt(p)) || !isDigit(t.charCodeAt(p + 1))) return -1;
  const code = p;
  p += 2;
  if (t.charCodeAt(p) === 0x20) p++;
  if (!isDash(t.charCodeAt(p))) return -1;
  p++;
  let q = p;
  if (t.charCodeAt(q) === 0x20 && !isSep(t.charCodeAt(q + 1))) q++; // else the space is the name
  let e = q;
  const limit = Math.min(end, q + 42);
  while (e < limit) {
    const c = t.charCodeAt(e);
    if (isSep(c)) break;
    if (c === 0x3002) return -1;
    e++;
  }
  if (e >= limit) return -1;
  const nameEnd = e - 1 > q && t.charCodeAt(e - 1) === 0x20 ? e - 1 : e;
  if (nameEnd === q || nameEnd - q > 40) return -1;
  level2Code = CODES[(t.charCodeAt(code) - 0x30) * 10 + t.charCodeAt(code + 1) - 0x30] as string;
  level2Name = t.slice(q, nameEnd).trim();
  return e + 1;
}

/**
 * Parse the indicator in t[start, end), whose 一级 name begins at `body`:
 * `N、d-一级<sep>dd-二级<sep>三级<sep>实施周期指标值:…<sep>年度指标值:…。`.
 * Returns the indicator when the segment is certain: it reads completely, with no keyword twice,
 * no 二级 outside its 一级 and nothing left over. Otherwise null.
 */
function parseSegment(scan: Scan, body: number, seq: number, code: string, end: number): Indicator | null {
  const t = scan.t;
  // 一级 name up to the first separator.
  let s1 = body;
  const s1Limit = Math.min(end, body + 24);
  while (s1 < s1Limit && !isSep(t.charCodeAt(s1))) s1++;
  if (s1 === body || s1 >= s1Limit) return null;
  const p3 = readLevel2(t, s1 + 1, end);
  if (p3 < 0) return null;
  // The end of the indicator is the first `。`; anything after it is left-over text.
  let stopAt = scan.stop.find(p3);
  if (stopAt >= end) stopAt = -1;
  const bodyEnd = stopAt < 0 ? end : stopAt;
  let leftover = false;
  for (let i = stopAt < 0 ? end : stopAt + 1; i < end; i++) {
    if (!isBlank(t.charCodeAt(i))) {
      leftover = true;
      break;
    }
  }
  const p = scan.period.within(p3, bodyEnd);
  const a = scan.annual.within(p3, bodyEnd);
  if (p < 0 && a < 0) return null;
  const name = field(t, p3, p >= 0 ? p : a);
  if (name === '') return null;
  const clean =
    !leftover &&
    (p < 0 || scan.period.within(p + PERIOD_KEY.length, bodyEnd) < 0) &&
    (a < 0 || scan.annual.within(a + ANNUAL_KEY.length, bodyEnd) < 0) &&
    !(p >= 0 && a >= 0 && a < p) &&
    level2Code.charCodeAt(0) === code.charCodeAt(0) &&
    !LEVEL2_INSIDE.test(name) &&
    !name.includes('指标值');
  if (!clean) return null;
  const period = p >= 0 ? targetAt(t, p + PERIOD_KEY.length, a > p ? a : bodyEnd) : null;
  const annual = a >= 0 ? targetAt(t, a + ANNUAL_KEY.length, bodyEnd) : null;
  // A keyword with no value after it.
  if ((p >= 0 && period === null) || (a >= 0 && annual === null)) return null;
  const levels = classifyLevels(field(t, body, s1), level2Name, level2Code);
  return {
    seq,
    level1Code: code,
    level1: levels.level1,
    level2Code,
    level2: levels.level2,
    name: intern(name),
    period,
    annual,
    level1Std: levels.level1Std,
    level2Std: levels.level2Std,
    level2StdCode: levels.level2StdCode,
    weight: levels.weight,
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
  const t = cleanText(raw);
  const first = nextStart(t, 0);
  if (first < 0) {
    return { prefix: detach(t), indicators: NONE, garbled: false, dropped: NONE, segments: 0 };
  }
  const prefix = detach(t.slice(0, first).trim());
  const scan: Scan = { t, stop: new NextIndex(t, '。'), period: new NextIndex(t, PERIOD_KEY), annual: new NextIndex(t, ANNUAL_KEY) };
  // Fast path: a clean list numbered 1, 2, 3… is read straight into indicators, collected in a
  // reused array and copied out at its exact size (an array grown by push keeps room for 17
  // elements, and a table keeps one list per project).
  collected.length = 0;
  const simple = eachSegment(scan, first, collectSimple);
  const list = collected.slice();
  collected.length = 0;
  if (!simple) return parseGarbled(scan, prefix);
  return { prefix, indicators: list, garbled: false, dropped: NONE, segments: list.length };
}

/**
 * Read the cell's segments in order from `first`, the start `nextStart` found last, handing each
 * one's number and indicator (null when uncertain) to `visit` until it returns false. Returns
 * whether every segment was visited.
 */
function eachSegment(scan: Scan, first: number, visit: (seq: number, indicator: Indicator | null) => boolean): boolean {
  const t = scan.t;
  for (let at = first; at >= 0;) {
    const body = startBody;
    const seq = startSeq;
    const code = startCode;
    const next = nextStart(t, body);
    if (!visit(seq, parseSegment(scan, body, seq, code, next < 0 ? t.length : next))) return false;
    at = next;
  }
  return true;
}

/** The fast path's working list (the parser is not re-entrant). */
const collected: Indicator[] = [];

/** Collects the indicators of a clean list numbered 1, 2, 3…; stops at anything else. */
function collectSimple(seq: number, indicator: Indicator | null): boolean {
  if (indicator === null || seq !== collected.length + 1) return false;
  collected.push(indicator);
  return true;
}

/** The empty list, shared (the model's lists are never mutated). */
const NONE = Object.freeze([]) as unknown as never[];

/** A cell that is not a clean, consecutively numbered list: keep what is certain. */
function parseGarbled(scan: Scan, prefix: string): IndicatorCellParse {
  const segments: Segment[] = [];
  eachSegment(scan, nextStart(scan.t, 0), (seq, indicator) => {
    segments.push({ seq, indicator });
    return true;
  });
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
  return { prefix, indicators, garbled, dropped: dropped.sort((a, b) => a - b), segments: segments.length };
}
