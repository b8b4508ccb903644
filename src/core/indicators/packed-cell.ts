/**
 * packed-cell.ts — the packed indicator cell of the packed-list layout: its grammar.
 *
 * Owns: splitting `1、1-产出指标: 11-数量指标: 名称: 实施周期指标值:12; 年度指标值:12。2、…`
 * into indicators (seq, 一级 code/name, 二级 code/name, 三级 name, period and annual targets) and
 * telling goal prose that precedes the list apart from the list. A segment is read as an indicator
 * only when it parses completely, with nothing left over; a cell that is not a clean, numbered list
 * goes to the recovery in garbled.ts, which keeps only what is certain.
 *
 * The parser's position lives in the parser object (one per run, see `normalize`), never in the module.
 */
import type { Indicator, Target } from '../contract/model';
import { cleanText, isCodeDash, isDigit, isFieldSeparator, isSpace } from '../input/text';
import { recoverSegments, Segment } from './garbled';
import { detach, RunCache } from './intern';

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
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
/** '00'…'99', shared. */
const CODES = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

/** The same test as the parser's start on raw text (spaces and full-width digits allowed), without copying it. */
const RAW_START = /[0-9０-９]{1,3}\s*、\s*[0-9０-９]\s*[-‐－—]\s*[^:;,：；，]{0,14}?(?:指\s*标|产\s*出|效\s*益|满\s*意|成\s*本|效\s*果)/;

/** True when raw text contains an indicator start. */
export function hasIndicatorStart(raw: string): boolean {
  return RAW_START.test(raw);
}

/** t[from, to) without separators and spaces at either end (nor `。` at the end). */
function field(t: string, from: number, to: number): string {
  while (from < to && (isFieldSeparator(t.charCodeAt(from)) || isSpace(t.charCodeAt(from)))) from++;
  while (to > from) {
    const c = t.charCodeAt(to - 1);
    if (!(isFieldSeparator(c) || isSpace(c) || c === 0x3002)) break;
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

/** The empty list, shared (the model's lists are never mutated). */
const NONE = Object.freeze([]) as unknown as never[];

/**
 * Parses packed cells. One parser serves a whole run: it holds the position of the start found
 * last and the 二级 part read last (half a million starts in a 100k-project table, so they are
 * fields rather than objects), and the run's cache of shared strings and targets.
 */
export class PackedCellParser {
  private startSeq = 0;
  private startBody = 0;
  private startCode = '';
  private level2Code = '';
  private level2Name = '';
  /** The fast path's working list. */
  private readonly collected: Indicator[] = [];
  /** Collects the indicators of a clean list numbered 1, 2, 3…; stops at anything else. */
  private readonly collectSimple = (seq: number, indicator: Indicator | null): boolean => {
    if (indicator === null || seq !== this.collected.length + 1) return false;
    this.collected.push(indicator);
    return true;
  };

  constructor(private readonly cache: RunCache) {}

  /**
   * Parse a packed indicator cell. Never throws, linear in the text length.
   * `prefix` is the text before the first indicator, cleaned of OCR spaces.
   */
  parse(raw: string): IndicatorCellParse {
    const t = cleanText(raw);
    const first = this.nextStart(t, 0);
    if (first < 0) {
      return { prefix: detach(t), indicators: NONE, garbled: false, dropped: NONE, segments: 0 };
    }
    const prefix = detach(t.slice(0, first).trim());
    const scan: Scan = { t, stop: new NextIndex(t, '。'), period: new NextIndex(t, PERIOD_KEY), annual: new NextIndex(t, ANNUAL_KEY) };
    // Fast path: a clean list numbered 1, 2, 3… is read straight into indicators, collected in a
    // reused array and copied out at its exact size (an array grown by push keeps room for 17
    // elements, and a table keeps one list per project).
    const collected = this.collected;
    collected.length = 0;
    const simple = this.eachSegment(scan, this.collectSimple);
    const list = collected.slice();
    collected.length = 0;
    if (!simple) {
      const segments: Segment[] = [];
      this.nextStart(t, 0);
      this.eachSegment(scan, (seq, indicator) => {
        segments.push({ seq, indicator });
        return true;
      });
      return { prefix, segments: segments.length, ...recoverSegments(segments) };
    }
    return { prefix, indicators: list, garbled: false, dropped: NONE, segments: list.length };
  }

  /**
   * The next indicator start in cleaned text (see `cleanText`) at or after `from`: `N、` (N of 1–3
   * digits), an optional space, `<digit>`, ` ?-- ?`, then a 一级 name that looks like one, so that
   * prose such as `1、2-3年内` is not an indicator. Returns its index (where N begins), or -1,
   * and sets `startSeq`, `startBody` (where the 一级 name begins) and `startCode`.
   */
  private nextStart(t: string, from: number): number {
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
      if (!isCodeDash(t.charCodeAt(p))) continue;
      p++;
      if (t.charCodeAt(p) === 0x20) p++;
      LEVEL1_AHEAD.lastIndex = p;
      if (!LEVEL1_AHEAD.test(t)) continue;
      let seq = 0;
      for (let i = d; i < k; i++) seq = seq * 10 + t.charCodeAt(i) - 0x30;
      this.startSeq = seq;
      this.startBody = p;
      this.startCode = DIGITS[code - 0x30] as string;
      return d;
    }
    return -1;
  }

  /**
   * Read the cell's segments in order from the start `nextStart` found last, handing each one's
   * number and indicator (null when uncertain) to `visit` until it returns false. Returns whether
   * every segment was visited.
   */
  private eachSegment(scan: Scan, visit: (seq: number, indicator: Indicator | null) => boolean): boolean {
    const t = scan.t;
    for (;;) {
      const body = this.startBody;
      const seq = this.startSeq;
      const code = this.startCode;
      const next = this.nextStart(t, body);
      if (!visit(seq, this.parseSegment(scan, body, seq, code, next < 0 ? t.length : next))) return false;
      if (next < 0) return true;
    }
  }

  /**
   * Where the 二级 part `<sp>dd<sp>-<sp>name<sp><sep>` that starts at `from` ends (just past its
   * separator), or -1; its code and name are left in `level2Code` / `level2Name`. The name is 1–40
   * characters without `:;,。`, ending at the first separator (a space before it is not part of it).
   */
  private readLevel2(t: string, from: number, end: number): number {
    let p = from;
    if (t.charCodeAt(p) === 0x20) p++;
    if (!isDigit(t.charCodeAt(p)) || !isDigit(t.charCodeAt(p + 1))) return -1;
    const code = p;
    p += 2;
    if (t.charCodeAt(p) === 0x20) p++;
    if (!isCodeDash(t.charCodeAt(p))) return -1;
    p++;
    let q = p;
    if (t.charCodeAt(q) === 0x20 && !isFieldSeparator(t.charCodeAt(q + 1))) q++; // else the space is the name
    let e = q;
    const limit = Math.min(end, q + 42);
    while (e < limit) {
      const c = t.charCodeAt(e);
      if (isFieldSeparator(c)) break;
      if (c === 0x3002) return -1;
      e++;
    }
    if (e >= limit) return -1;
    const nameEnd = e - 1 > q && t.charCodeAt(e - 1) === 0x20 ? e - 1 : e;
    if (nameEnd === q || nameEnd - q > 40) return -1;
    this.level2Code = CODES[(t.charCodeAt(code) - 0x30) * 10 + t.charCodeAt(code + 1) - 0x30] as string;
    this.level2Name = t.slice(q, nameEnd).trim();
    return e + 1;
  }

  /** Read the target after a keyword ending at `from`, up to `stop`. */
  private targetAt(t: string, from: number, stop: number): Target | null {
    let i = from;
    while (i < stop && (isSpace(t.charCodeAt(i)) || t.charCodeAt(i) === 0x3a)) i++;
    const text = field(t, i, stop);
    return text === '' ? null : this.cache.target(text);
  }

  /**
   * Parse the indicator in t[start, end), whose 一级 name begins at `body`:
   * `N、d-一级<sep>dd-二级<sep>三级<sep>实施周期指标值:…<sep>年度指标值:…。`.
   * Returns the indicator when the segment is certain: it reads completely, with no keyword twice,
   * no 二级 outside its 一级 and nothing left over. Otherwise null.
   */
  private parseSegment(scan: Scan, body: number, seq: number, code: string, end: number): Indicator | null {
    const t = scan.t;
    // 一级 name up to the first separator.
    let s1 = body;
    const s1Limit = Math.min(end, body + 24);
    while (s1 < s1Limit && !isFieldSeparator(t.charCodeAt(s1))) s1++;
    if (s1 === body || s1 >= s1Limit) return null;
    const p3 = this.readLevel2(t, s1 + 1, end);
    if (p3 < 0) return null;
    const level2Code = this.level2Code;
    // The end of the indicator is the first `。`; anything after it is left-over text.
    let stopAt = scan.stop.find(p3);
    if (stopAt >= end) stopAt = -1;
    const bodyEnd = stopAt < 0 ? end : stopAt;
    let leftover = false;
    for (let i = stopAt < 0 ? end : stopAt + 1; i < end; i++) {
      if (!isSpace(t.charCodeAt(i))) {
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
    const period = p >= 0 ? this.targetAt(t, p + PERIOD_KEY.length, a > p ? a : bodyEnd) : null;
    const annual = a >= 0 ? this.targetAt(t, a + ANNUAL_KEY.length, bodyEnd) : null;
    // A keyword with no value after it.
    if ((p >= 0 && period === null) || (a >= 0 && annual === null)) return null;
    const levels = this.cache.levels(field(t, body, s1), this.level2Name, level2Code);
    return {
      seq,
      level1Code: code,
      level1: levels.level1,
      level2Code,
      level2: levels.level2,
      name: this.cache.intern(name),
      period,
      annual,
      second: null,
      level1Std: levels.level1Std,
      level2Std: levels.level2Std,
      level2StdCode: levels.level2StdCode,
      weight: levels.weight,
    };
  }
}

/** Parse one packed cell with a parser of its own (callers outside a run: tests, tools). */
export function parseIndicatorCell(raw: string): IndicatorCellParse {
  return new PackedCellParser(new RunCache()).parse(raw);
}
