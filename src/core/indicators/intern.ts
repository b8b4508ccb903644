/**
 * intern.ts — what one Normalize run shares between its rows.
 *
 * Owns: the run's string interning (level names, units and common indicator names repeat across a
 * table), its table of parsed targets (`100%`, `≥95%`, `提升` repeat; targets are immutable) and its
 * table of classified 一级 / 二级 pairs. A `RunCache` is created by `normalize` and dropped with it,
 * so nothing outlives a run; each table is bounded, so a table of unique strings costs no more
 * than its own model.
 */
import type { Target } from '../contract/model';
import { classifyLevels, Levels } from './taxonomy';
import { parseTarget } from './target';

const MAX_STRINGS = 50_000;
const MAX_TARGETS = 50_000;
const MAX_LEVELS = 20_000;

/** Copy a retained substring so that it does not keep its (large) parent string alive. */
export function detach(s: string): string {
  return s.length < 13 ? s : (s + ' ').slice(0, -1);
}

export class RunCache {
  private readonly strings = new Map<string, string>();
  private readonly targets = new Map<string, Target>();
  private readonly levelPairs = new Map<string, Map<string, Map<string, Levels>>>();
  private levelCount = 0;

  /** One shared copy of a repeated string. */
  intern(s: string): string {
    const hit = this.strings.get(s);
    if (hit !== undefined) return hit;
    const d = detach(s);
    if (this.strings.size < MAX_STRINGS) this.strings.set(d, d);
    return d;
  }

  /** The target a text reads as, shared and frozen; null for empty text. */
  target(text: string): Target | null {
    const hit = this.targets.get(text);
    if (hit !== undefined) return hit;
    const t = parseTarget(text);
    if (t === null) return null;
    const shared: Target = Object.freeze({
      raw: this.intern(t.raw),
      op: t.op,
      value: t.value,
      unit: t.unit === null ? null : this.intern(t.unit),
    });
    if (this.targets.size < MAX_TARGETS) this.targets.set(text, shared);
    return shared;
  }

  /** The 一级 / 二级 as written plus their canonical names and any weight; names repeat, so this is cached. */
  levels(level1Raw: string, level2Raw: string, level2Code: string | null): Levels {
    let byL2 = this.levelPairs.get(level1Raw);
    if (byL2 === undefined) {
      byL2 = new Map();
      this.levelPairs.set(level1Raw, byL2);
    }
    let byCode = byL2.get(level2Raw);
    if (byCode === undefined) {
      byCode = new Map();
      byL2.set(level2Raw, byCode);
    }
    const hit = byCode.get(level2Code ?? '');
    if (hit !== undefined) return hit;
    const out = classifyLevels(level1Raw, level2Raw, level2Code, (s) => this.intern(s));
    if (this.levelCount++ < MAX_LEVELS) byCode.set(level2Code ?? '', out);
    return out;
  }
}
