/**
 * Amounts whose separators the reader lost ("191024€" for "1 910,24 €", "2338941 €" for "23 389,41 €"): on a page
 * whose amounts print cents, a subtotal or tax candidate printed with a currency mark and no cents may be its hundredth. The twin is written
 * the way the page writes its amounts and scored low, so that only the page's arithmetic (subtotal + tax = total,
 * consistentTotals) lifts it; it is never the print, so it is marked `repaired` and never auto-accepted.
 */
import { findAmounts } from "../parse/amount";
import type { Cand } from "./candidates";
import { CENTS, printsCents } from "./whole-amounts";

/** The parts of a printed amount: what comes before the number, its thousands separator, decimal mark and what follows. */
const PARTS = /^(\D*?)(\d{1,3}(?:([.,\s\u00A0\u202F'’])\d{3})+|\d+)([.,])(\d{2})(\D*)$/u;

/** `v` written the way `like` writes its amount: its currency mark and spacing, thousands separator and decimal mark. */
export function writtenLike(like: string, v: number): string | undefined {
  const m = PARTS.exec(like.trim());
  if (!m) return undefined;
  const [, before = "", , group, mark = ".", , after = ""] = m;
  const [int = "0", cents = "00"] = v.toFixed(2).split(".");
  const grouped = group ? int.replace(/\B(?=(\d{3})+(?!\d))/g, group) : int;
  return `${before}${grouped}${mark}${cents}${after}`;
}

/**
 * The lost-cents twins of `cands` (each right after its original; the others unchanged), written like the largest
 * amount with cents among `like` (the page's other totals), when most of the page's amounts (`pool`) print cents.
 */
export function withLostCents(cands: Cand[], like: Cand[], pool: Cand[]): Cand[] {
  if (!printsCents(pool)) return cands;
  const cents = pool.filter((c) => CENTS.test(c.text));
  const model = [...like, ...cents].filter((c) => CENTS.test(c.text)).sort((a, b) => (b.value ?? 0) - (a.value ?? 0))[0];
  if (!model) return cands;
  return cands.flatMap((c) => {
    // one run of digits, no mark inside it: "191024€", "2338941 €"
    const digits = c.text.replace(/[^\d.,\s\u00A0\u202F]/gu, "").trim();
    // with its currency mark: a bare number is as often a house number or a count ("410 Terry Ave")
    if (c.repaired || c.value === undefined || !/^\d{3,}$/.test(digits) || c.value !== Number(digits) || !findAmounts(c.text)[0]?.hasCurrency) return [c];
    const value = Math.round(c.value) / 100;
    const text = writtenLike(model.text, value);
    return text ? [c, { ...c, text, value, score: 0.3 * c.score, repaired: true }] : [c];
  });
}
