/**
 * slips.ts — what one wrong figure does to a sum, in one place.
 *
 * Owns: the slips budget tables show — a figure typed in the other unit (元 in a 万元 table: 10,000
 * times out), two adjacent digits swapped, a typo, a row counted twice or left out — as exact integer
 * tests. Two readers use them at two tolerances: the hierarchy keeps a unit whose sum a slip broke
 * (`explainableMiss`, within 1 %, so the structure survives the slip), and checks/explain.ts names the
 * slip and the cell to fix (`slipped`, `swapped`, within the table's last decimal).
 */

/** 元 typed into a 万元 table, or the reverse. */
export const SLIP = 10_000n;

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

/** `found` read as `needed` with one pair of adjacent digits swapped (both multiples of `ulp`). */
export function swapped(found: number, needed: number, ulp: number): boolean {
  if (found % ulp !== 0 || needed % ulp !== 0 || Math.sign(found) !== Math.sign(needed)) return false;
  const a = String(Math.abs(found) / ulp);
  const b = BigInt(Math.abs(needed) / ulp);
  for (let i = 0; i + 1 < a.length; i++) {
    if (a[i] === a[i + 1]) continue;
    if (BigInt(a.slice(0, i) + a[i + 1] + a[i] + a.slice(i + 2)) === b) return true;
  }
  return false;
}

/** `found` is `needed` × 10,000, or ÷ 10,000, as the table's last decimal rounds it. */
export function slipped(found: number, needed: number, ulp: number): 'bigger' | 'smaller' | null {
  if (found === 0 || needed === 0 || Math.sign(found) !== Math.sign(needed)) return null;
  const f = BigInt(found);
  const n = BigInt(needed);
  const within = (SLIP * BigInt(ulp)) / 2n;
  if (abs(f) > abs(n) && abs(f - SLIP * n) <= within) return 'bigger';
  if (abs(f) < abs(n) && abs(SLIP * f - n) <= within) return 'smaller';
  return null;
}

/** `a` is within 1 % of `b`. */
const near = (a: bigint, b: bigint): boolean => abs(a - b) * 100n <= abs(b);

/**
 * A head that misses the sum of its run by what one slip explains (checks/explain.ts says which): within
 * 1 % (a typo), exactly one row's amount (counted twice or left out), or 10,000 times out (元 for 万元),
 * in the head or in one row of the run.
 */
export function explainableMiss(head: bigint, sum: bigint, run: readonly bigint[]): boolean {
  const diff = sum - head;
  // Within 1 % of the head, as the structural reading always accepted (a typo); or 10,000 times out.
  if (near(sum, head) || near(head * SLIP, sum) || near(head, sum * SLIP)) return true;
  for (const k of run) {
    if (k === 0n) continue;
    if (abs(diff) === abs(k)) return true;
    // One row 10,000 times too big (or small): the sum is off by 9,999/10,000 of it (or 9,999 times it).
    if (near(diff * SLIP, k * (SLIP - 1n)) || near(-diff, k * (SLIP - 1n))) return true;
  }
  return false;
}
