/**
 * money.ts — amounts as the model shows them: in the table's unit, or converted exactly.
 *
 * Owns: turning scaled integers (1/10,000 of the table's unit) into JSON numbers and message
 * text, either as they are or in another unit (`--unit`). 万元 → 元 multiplies by 10,000; 元 → 万元
 * moves the decimal point four places, keeping up to 8 decimals, so no conversion rounds.
 */
/** An amount is an integer number of 1/10,000 of the table's unit: 4 decimal places. */
export const SCALE = 10_000;
export const SCALE_DIGITS = 4;

/** The amount units a table is written in; the zod enums of the options and the contract are built from this list. */
export const AMOUNT_UNITS = ['万元', '元'] as const;
export type AmountUnit = (typeof AMOUNT_UNITS)[number];

/**
 * An exact integer: a double while it is a safe integer (the common case, no allocation), a bigint
 * beyond 2^53.
 */
export type Int = number | bigint;

export interface Money {
  /** The unit amounts are shown in (null when the table's unit is not known). */
  unit: AmountUnit | null;
  num(scaled: number | bigint): number;
  text(scaled: number | bigint): string;
}

/** Decimal text of `value / 10^decimals`: thousands separators, 2 to `decimals` decimals. */
export function decimalText(value: bigint, decimals: number, minDecimals = 2): string {
  const neg = value < 0n;
  const digits = (neg ? -value : value).toString().padStart(decimals + 1, '0');
  const int = digits.slice(0, digits.length - decimals).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  let frac = digits.slice(digits.length - decimals);
  while (frac.length > minDecimals && frac.endsWith('0')) frac = frac.slice(0, -1);
  return `${neg ? '-' : ''}${int}${frac.length > 0 ? `.${frac}` : ''}`;
}

export function money(table: AmountUnit | null, out: AmountUnit | null): Money {
  // Decimal places of the shown value relative to the scaled integer.
  let decimals = SCALE_DIGITS;
  let factor = 1n;
  if (table !== null && out !== null && table !== out) {
    if (table === '万元') factor = 10_000n;
    else decimals = SCALE_DIGITS * 2;
  }
  const big = (x: number | bigint) => (typeof x === 'bigint' ? x : BigInt(x)) * factor;
  const same = factor === 1n && decimals === SCALE_DIGITS;
  return {
    unit: out ?? table,
    // In the table's own unit, dividing the scaled integer gives the nearest double directly.
    num: (x) => (same && typeof x === 'number' ? x / 10 ** SCALE_DIGITS : Number(decimalText(big(x), decimals, 0).replace(/,/g, ''))),
    text: (x) => decimalText(big(x), decimals),
  };
}
