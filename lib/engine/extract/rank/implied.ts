/**
 * Totals that the other printed amounts imply where no amount prints them (the OCR misread or
 * lost the total's print), as derived candidates for the total ranking. Each needs independent
 * arithmetic, and each stands on the words of the print it replaces or of the payment that implies
 * it, so the matcher sees the print differ and the risk stage never lets it pass (Evidence.repaired):
 * - `d_sum`: a total-like amount one digit confusion away from an amount other printed amounts add up to (the
 *   labelled subtotal + tax, the two amounts of one row: a tax summary's net and tax, or a run of amounts
 *   directly above it: subtotal, tax, rounding), on a page where no printed amount closes the arithmetic;
 * - `d_round`: a total-like amount's 0.05 cash rounding, when the rounding difference is printed beside it;
 * - `d_agree`: a bill no amount prints (a double-height total the reader turned into noise) on which two independent
 *   sums agree: tendered − change of the payment lines, and a run of amounts just above them (the item lines).
 */
import { parseAmount } from "../../parse/amount";
import { amountTwins } from "./misread";
import type { TotalCandidate } from "./total";

/** Equal to the cent. */
const same = (a: number, b: number) => Math.abs(a - b) < 0.005;
const round05 = (v: number) => Math.round(v * 20) / 20;
const r2 = (v: number) => Math.round(v * 100) / 100;

/** The derived features every implied candidate sets (0 on printed amounts). */
export const IMPLIED_FEATURES = ["d_sum", "d_round", "d_agree"] as const;

/** Features that say the sum or the payment lines close on an amount. */
const CLOSING = ["s_sum_above", "pair_sum_above", "eq_subtax", "eq_lines", "s_cash_change", "s_pay_next", "eq_paid", "eq_card"];

/** What the tendered amount's words say of the tendered amount, not of the bill d_agree stands on them for. */
const TENDERED_ONLY = ["lab_total", "lab_sub", "lab_tax", "lab_cash", "lab_change", "lab_paid", "lab_other", "rules", "eq_card", "eq_lines", "below_change"];

/** `v` written the way `like` prints its amount (its currency mark, its decimal mark). */
export function writtenLike(like: string, v: number): string {
  const mark = /,\d{2}(?!\d)/.test(like) ? "," : ".";
  return like.replace(/\d[\d.,'\s]*\d|\d/u, v.toFixed(2).replace(".", mark));
}

/** Whether tendered − change among the amounts after index `i` (two in a row, the larger first) is `v`. */
function paymentCloses(out: TotalCandidate[], i: number, v: number): boolean {
  for (let k = i + 1; k + 1 < out.length && k <= i + 4; k++) {
    const [x, y] = [out[k]!.value, out[k + 1]!.value];
    if (x > y && y >= 0 && same(x - y, v)) return true;
  }
  return false;
}

/** Candidates for totals implied by the arithmetic of the printed amounts (see the file's header). */
export function impliedTotals(
  out: TotalCandidate[],
  rowOf: string[],
  ctx: { subtotal?: number; tax?: number; paid?: number },
  /** values other derivations already propose (closing.ts paymentDerived). */
  taken: number[] = [],
): TotalCandidate[] {
  const printed = (v: number) => out.some((o) => same(Math.abs(o.value), v)) || taken.some((t) => same(t, v));
  const derived: TotalCandidate[] = [];
  const seen = new Set<number>();
  const push = (base: TotalCandidate, v: number, text: string, kind: (typeof IMPLIED_FEATURES)[number], i: number, extra: Record<string, number> = {}) => {
    const key = Math.round(v * 100);
    if (seen.has(key)) return;
    seen.add(key);
    const features = {
      ...base.features,
      derived: 1,
      ...Object.fromEntries(IMPLIED_FEATURES.map((n) => [n, 0])),
      [kind]: 1,
      next_eq: 0,
      s_repeat_below: 0,
      s_repeat_above: 0,
      unrounded: 0,
      rounded_of: 0,
      round_above: 0,
      round_below: 0,
      tender_over: 0,
      zero: 0,
      eq_paid: ctx.paid !== undefined && same(ctx.paid, v) ? 1 : 0,
      eq_subtax: ctx.subtotal !== undefined && ctx.tax !== undefined && same(ctx.subtotal + ctx.tax, v) ? 1 : 0,
      s_cash_change: paymentCloses(out, i, v) ? 1 : 0,
      s_pay_next: paymentCloses(out, i, v) ? 1 : 0,
      ...extra,
    };
    derived.push({ ...base, text, value: v, features });
  };
  // Sums printed amounts make: the labelled subtotal + tax, and the two amounts of a row of exactly two.
  const sums: number[] = [];
  // …and runs of two to four amounts directly above an amount (its subtotal, tax and rounding lines).
  const runsAbove = (i: number) => {
    const r: number[] = [];
    let s = 0;
    for (let j = i - 1; j >= Math.max(0, i - 4); j--) {
      s += out[j]!.value;
      if (j < i - 1) r.push(r2(s));
    }
    return r;
  };
  if (ctx.subtotal !== undefined && ctx.tax !== undefined && ctx.tax > 0) sums.push(r2(ctx.subtotal + ctx.tax));
  const byRow = new Map<string, number[]>();
  for (const i of out.keys()) byRow.set(rowOf[i]!, [...(byRow.get(rowOf[i]!) ?? []), i]);
  for (const idx of byRow.values()) {
    if (idx.length !== 2) continue;
    const [a, b] = [out[idx[0]!]!.value, out[idx[1]!]!.value];
    if (a > 0 && b > 0) sums.push(r2(a + b));
  }
  const maxAbove = (i: number) => Math.max(0, ...out.slice(0, i).map((o) => o.value));
  // A printed amount the sum or the payment lines already close on needs no restoring, nor does the page.
  const closed = (c: TotalCandidate) => Math.abs(c.value) >= 0.005 && CLOSING.some((n) => (c.features[n] ?? 0) > 0);
  const pageClosed = out.some((c) => closed(c) && (c.features.ge_above ?? 0) >= 1);
  for (const [i, a] of out.entries()) {
    if (Math.abs(a.value) < 0.005 || (a.features.ge_above ?? 0) < 1) continue;
    if (!pageClosed && (a.features.has_dec ?? 0) > 0 && !a.features.dec3) {
      // d_sum: the print is one confusion away from a sum two other amounts make, and that sum is printed nowhere.
      for (const t of amountTwins(a.text, (s) => parseAmount(s))) {
        if (printed(t.value) || maxAbove(i) > t.value + 0.005) continue;
        if (![...sums, ...runsAbove(i)].some((s) => same(s, t.value))) continue;
        push(a, t.value, t.text, "d_sum", i, { eq_subtax: 1 });
      }
    }
    // d_round: the 0.05 rounding of the amount, the difference printed within two amounts of it.
    const v = round05(a.value);
    const d = r2(Math.abs(v - a.value));
    if (d > 0.005 && !printed(v)) {
      const near = out.slice(Math.max(0, i - 2), i + 3).filter((o) => o !== a);
      if (near.some((o) => same(Math.abs(o.value), d))) push(a, v, writtenLike(a.text, v), "d_round", i);
    }
  }
  for (const k of out.keys()) {
    const p = agreedBill(out, rowOf, k);
    if (p === undefined || printed(p)) continue;
    // it stands on the tendered amount's words (the print of the bill was not read); the tendered's own labels and size are not its
    const values = out.map((o) => o.value);
    push(out[k]!, p, writtenLike(out[k]!.text, p), "d_agree", k, {
      ...Object.fromEntries(TENDERED_ONLY.map((n) => [n, 0])),
      s_sum_above: 1,
      s_cash_change: 1,
      s_pay_next: 1,
      is_max: p >= Math.max(...values) - 0.005 ? 1 : 0,
      ge_above: 1,
      ge_all: values.filter((v) => v <= p + 0.001).length / values.length,
      log_v: Math.log10(1 + p),
    });
  }
  return derived;
}

/**
 * The bill two sums agree on with the amount at `k` as the cash handed over: it and the next amount on another line,
 * the larger first, leave P = tendered − change; a run of two or more amounts ending at most two places above the
 * tendered adds up to P; every amount above the tendered is below P (the bill is the largest of the purchase).
 */
function agreedBill(out: TotalCandidate[], rowOf: string[], k: number): number | undefined {
  const [x, y] = [out[k]?.value ?? 0, out[k + 1]?.value ?? 0];
  if (!(x > y && y > 0) || rowOf[k] === rowOf[k + 1]) return undefined;
  const p = r2(x - y);
  if (out.slice(0, k).some((o) => o.value > p - 0.005)) return undefined;
  for (let end = k - 1; end >= Math.max(1, k - 3); end--) {
    let sum = 0;
    for (let j = end; j >= Math.max(0, end - 40); j--) {
      sum += out[j]!.value;
      if (j < end && same(sum, p)) return p;
    }
  }
  return undefined;
}
