/**
 * funding.ts — a form's money: its amount keys and funding block, resolved into the four amounts.
 *
 * Owns: what an amount cell of a form holds (a number, `20万元`, the number printed twice, a number then
 * its explanation, or a caption such as `金额(万元)`), the role a key outside the vocabulary takes when
 * its value is money (by the words in it), and resolving every amount a form states into one per role:
 * the current year's over the whole period's (资金总额 / 当年资金总额, 财政拨款 / 当年财政拨款), keys of
 * one role and one year added up (中央补助安排 + 省级财政安排), the whole appropriation over its levels,
 * and a breakdown's lines counted once (`(一)财政拨款小计 4.00` over `1、一般公共预算 4.00`).
 */
import { AmountParse, parseAmount } from '../input/amount';
import type { AmountUnit } from '../contract/money';
import { normalizeLabel } from '../input/text';
import { isFiscalWhole, totalPriority } from '../input/vocabulary';
import { AMOUNT_ROLES, type AmountRole } from '../contract/roles';
import { type AmountSlot, NO_SLOT, type WorkRow } from '../rows/work-row';

/** An amount as a form cell writes it: a number, `250万`, the number printed twice, or a number then an explanation. */
export function formAmount(text: string): AmountParse {
  const p = parseAmount(text);
  if (p.kind !== 'unparsable') return p;
  const t = normalizeLabel(text);
  const m = /^([-+]?\d[\d,]*(?:\.\d+)?(?:万元|万|元)?)(.*)$/.exec(t);
  if (m !== null) {
    const rest = m[2] as string;
    // `854万(其中…400万元,…)`, `854万854万`.
    if (rest.startsWith('(') || rest === m[1]) {
      const lead = parseAmount(m[1]);
      if (lead.kind === 'value') return lead;
    }
  }
  return p;
}

/** Text with no digit at all where an amount belongs: a caption such as `金额(万元)`. */
export const isCaption = (text: string): boolean => !/[0-9０-９]/.test(text) && !/^[\s\-—–－]*$/.test(text);

/** A value that is money by its shape alone: a number with its unit glued (`20万元`, `2500元`). */
export function isMoneyShaped(text: string): boolean {
  const p = formAmount(text);
  return p.kind === 'value' && p.unit !== null;
}

/** A value that is a plain number (money inside a funding block). */
export function isNumber(text: string): boolean {
  return formAmount(text).kind === 'value';
}

/** The amount role the words of a key outside the vocabulary name, when its value is money; null for none. */
export function roleByWords(key: string): AmountRole | null {
  const k = normalizeLabel(key);
  if (/专户/.test(k)) return 'specialAccount';
  if (/自筹|筹集|自有|其他|收入|社会|贷款|捐|单位资金|配套/.test(k)) return 'other';
  if (/财政|拨款|补助|上级|中央|省级|市级|县级|区级|本级|一般公共|政府性基金|国有资本/.test(k)) return 'fiscal';
  if (/总|合计|预算|投资|金额|资金|经费|申报/.test(k)) return 'total';
  return null;
}

/** One amount a form states. */
export interface Entry {
  parse: AmountParse;
  col: number;
  row: number;
  /** The key as compared. */
  key: string;
  /** A numbered line `(一)…` of a breakdown: its own lines `1、…` are its parts. */
  top: boolean;
  /** The top line a numbered sub-line `1、…` belongs to. */
  parent: Entry | null;
  caption: boolean;
  /** The user gave the key its role: keys so given add up. */
  user: boolean;
}

/** The amounts of one form, by role, as its keys state them. */
export class Funding {
  readonly entries: Record<AmountRole, Entry[]> = { total: [], fiscal: [], specialAccount: [], other: [] };
  /** The breakdown's top line whose numbered sub-lines follow. */
  currentTop: Entry | null = null;

  /** An amount stated under a key of `role`; a numbered sub-line joins its top line's role. */
  add(role: AmountRole, entry: Entry, numbered: 'top' | 'sub' | null): void {
    if (numbered === 'sub' && this.currentTop !== null) {
      entry.parent = this.currentTop;
      this.entries[this.roleOf(this.currentTop)].push(entry);
      return;
    }
    this.entries[role].push(entry);
    this.currentTop = numbered === 'top' ? entry : null;
  }

  /** A keyless numbered sub-line (`1、一般公共预算 | 4.00`) under the breakdown's top line, if one is open. */
  addSubLine(entry: Omit<Entry, 'parent' | 'top'>): boolean {
    const top = this.currentTop;
    if (top === null) return false;
    this.entries[this.roleOf(top)].push({ ...entry, top: false, parent: top });
    return true;
  }

  /** Whether any amount was stated. */
  get any(): boolean {
    return AMOUNT_ROLES.some((r) => this.entries[r].length > 0);
  }

  private roleOf(top: Entry): AmountRole {
    for (const role of AMOUNT_ROLES) if (this.entries[role].includes(top)) return role;
    return 'other';
  }

  /** The project's four amounts from what the form stated. */
  resolveInto(project: WorkRow): void {
    const a = project.amounts;
    const totals = ofYear(this.entries.total);
    if (totals.length > 0) {
      // The total of the chosen year that holds a number; keys the user gave the role add up, and a
      // key with no number of its own (`年度预算 | 资金总额 | 5,000`) is a caption over the next.
      const user = totals.filter((e) => e.user && e.parse.kind !== 'empty');
      const chosen = user.length > 1 ? user : [totals.find((e) => e.parse.kind !== 'empty') ?? (totals[0] as Entry)];
      a.total = chosen.length === 1 ? slotOf(chosen[0] as Entry) : resolveSum(chosen);
    }
    const fiscal = ofYear(this.entries.fiscal);
    const wholes = fiscal.filter((e) => e.parent === null && isFiscalWhole(e.key));
    a.fiscal = resolveSum(
      wholes.length > 0 ? fiscal.filter((e) => isFiscalWhole(e.key) || (e.parent !== null && wholes.includes(e.parent))) : fiscal,
    );
    a.specialAccount = resolveSum(ofYear(this.entries.specialAccount));
    a.other = resolveSum(ofYear(this.entries.other));
  }
}

function slotOf(e: Entry): AmountSlot {
  return { parse: e.parse, col: e.col, recovered: false, row: e.row };
}

/**
 * The entries of the year the form's amounts are for: the current year's (当年资金总额, 当年财政拨款) over
 * a plain key over the whole period's (项目总投资), among the keys that hold a number (all keys when none
 * does). A sub-line goes with its top line.
 */
function ofYear(entries: readonly Entry[]): Entry[] {
  const lines = entries.filter((e) => e.parent === null);
  if (lines.length === 0) return [...entries];
  const stated = (e: Entry): boolean => e.parse.kind !== 'empty' || entries.some((s) => s.parent === e && s.parse.kind !== 'empty');
  const withValue = lines.filter(stated);
  const pool = withValue.length > 0 ? withValue : lines;
  const best = Math.max(...pool.map((e) => totalPriority(e.key)));
  const kept = new Set(pool.filter((e) => totalPriority(e.key) === best));
  return entries.filter((e) => kept.has(e) || (e.parent !== null && kept.has(e.parent)));
}

/** Sum the entries of one role (a breakdown's sub-lines only where their top line has no number). */
function resolveSum(entries: readonly Entry[]): AmountSlot {
  const counted: Entry[] = [];
  for (const e of entries) {
    if (e.parent !== null) continue;
    const subs = entries.filter((s) => s.parent === e);
    if (e.top && e.parse.kind === 'empty' && subs.length > 0) counted.push(...subs);
    else counted.push(e);
  }
  // Sub-lines whose top line is of another role (`1、一般公共预算` under `(一)财政拨款小计` is read as
  // fiscal either way) never count twice: only the lines counted above.
  const first = counted[0] ?? entries[0];
  if (first === undefined) return NO_SLOT;
  const bad = counted.find((e) => e.parse.kind === 'unparsable');
  if (bad !== undefined) return { parse: bad.parse, col: bad.col, recovered: false, row: bad.row };
  let sum = 0;
  let any = false;
  // The unit of the parts that are not zero (a bare `0` beside `20万元` is zero in any unit).
  let unit: AmountUnit | null | undefined;
  for (const e of counted) {
    if (e.parse.kind !== 'value') continue;
    any = true;
    sum += e.parse.scaled;
    if (e.parse.scaled === 0) continue;
    if (unit !== undefined && e.parse.unit !== unit) {
      return {
        parse: { kind: 'unparsable', raw: counted.map((x) => x.key).join('+'), reason: 'format' },
        col: e.col,
        recovered: false,
        row: e.row,
      };
    }
    unit = e.parse.unit;
  }
  if (!any) return { parse: { kind: 'empty' }, col: first.col, recovered: false, row: first.row };
  return { parse: { kind: 'value', scaled: sum, unit: unit ?? null, dash: false }, col: first.col, recovered: false, row: first.row };
}
