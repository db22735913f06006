/**
 * A payment line's amount on a page that prints cents has cents: "CASH 10" under "TOTAL 9.50" is a stray number
 * (a year split off a date, a count, a house number), not the cash handed over. On a page whose money amounts mostly
 * print cents, a whole number is no candidate for a payment field; a page whose currency has no minor unit (yen, won)
 * or whose amounts never print cents keeps its whole numbers. Data in (candidates, the page's money pool), data out.
 */
import { findCurrency } from "../parse/amount";
import { minorUnits } from "../parse/minor-units";
import type { Cand } from "./candidates";

/** An amount printed with cents ("1.234,56", "9 551,18 €", "$12.50"). */
export const CENTS = /\d[.,]\d{2}(?!\d)/;
/** A value with a decimal part, however short (".00", "10.5" whose last digit the reader lost). */
const FRACTION = /[.,]\d{1,2}(?!\d)/;

/** True when most of these money amounts (the page's pool) print cents: at least three, and 80 % of them. */
export function printsCents(pool: Cand[]): boolean {
  const cents = pool.filter((c) => CENTS.test(c.text));
  return cents.length >= 3 && cents.length >= 0.8 * pool.length;
}

/** The candidates less the whole numbers, on each page whose amounts print cents (zero stays: "CHANGE 000"). */
export function withoutWholeAmounts(cands: Cand[], pool: Cand[], pageText: (page: number) => string): Cand[] {
  const cents = new Map<number, boolean>();
  const pageCents = (page: number) => {
    let v = cents.get(page);
    if (v === undefined) {
      const code = findCurrency(pageText(page))?.code;
      v = !(code && minorUnits(code) === 0) && printsCents(pool.filter((c) => c.page === page));
      cents.set(page, v);
    }
    return v;
  };
  return cands.filter((c) => FRACTION.test(c.text) || c.value === 0 || !pageCents(c.page));
}
