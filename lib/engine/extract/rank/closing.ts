/**
 * The closing block's arithmetic for the total ranking, label-free: relations among the printed
 * amounts (see addClosingArithmetic) and the total the payment lines imply when the print of it
 * was misread or is the unrounded amount (paymentDerived).
 */
import type { TotalCandidate } from "./total";

/** Equal to the cent (the one-cent slack of `near` would make 80.91 repeat 80.90). */
const same = (a: number, b: number) => Math.abs(a - b) < 0.005;
const round05 = (v: number) => Math.round(v * 20) / 20;
const r2 = (v: number) => Math.round(v * 100) / 100;

/**
 * Arithmetic of the closing block that needs no label: a zero is no bill's total; the next amount
 * repeats it (the payment line); two of the six amounts above add up to it (subtotal + tax with a discount or rounding line
 * between); it is an amount above that the sum or the payment lines support, adjusted by a
 * small amount printed between them (a rounding or discount line), or it is the amount before
 * such an adjustment.
 */
export function addClosingArithmetic(out: TotalCandidate[], rowOf?: string[]): void {
  // Two amounts that can make a bill: both above zero, or one of them negative (a credit section's total, a
  // discount) as on a delivery receipt whose returns section totals below zero; two negatives make a credit, not a bill.
  const pairs = (a: number, b: number) => Math.abs(a) >= 0.005 && Math.abs(b) >= 0.005 && (a > 0 || b > 0);
  const supported = (c: TotalCandidate) =>
    ["s_sum_above", "eq_subtax", "eq_lines", "eq_paid", "eq_card", "s_cash_change", "s_pay_next", "pair_sum_above"].some((n) => (c.features[n] ?? 0) > 0);
  for (const [i, c] of out.entries()) {
    const v = c.value;
    const f = c.features;
    f.zero = Math.abs(v) < 0.005 ? 1 : 0;
    f.derived = 0;
    f.next_eq = Math.abs(v) >= 0.005 && out[i + 1] && same(out[i + 1]!.value, v) ? 1 : 0;
    const above = out.slice(Math.max(0, i - 6), i).map((x) => x.value);
    let pair = 0;
    for (let x = 0; x < above.length && !pair; x++)
      for (let y = x + 1; y < above.length; y++) if (pairs(above[x]!, above[y]!) && same(above[x]! + above[y]!, v)) pair = 1;
    f.pair_sum_above = Math.abs(v) >= 0.005 ? pair : 0;
  }
  if (rowOf) {
    const parts = breakdownRows(out, rowOf);
    for (const i of parts) Object.assign(out[i]!.features, { s_sum_above: 0, pair_sum_above: 0 });
    // the rows' grosses added up are the bill: its print elsewhere (above the breakdown, as a rule) is the sum they close on
    const gross = parts.length >= 2 ? r2(parts.reduce((t, i) => t + out[i]!.value, 0)) : undefined;
    const partRows = new Set(parts.map((i) => rowOf[i]));
    for (const [i, c] of out.entries()) if (gross !== undefined && same(c.value, gross) && !partRows.has(rowOf[i])) c.features.s_sum_above = 1;
  }
  // An adjustment printed between two amounts (a rounding or a discount line: 14.64, 0.01, 14.65): the lower
  // amount is the adjusted one, the upper the amount before the adjustment.
  const adjusted = (j: number, i: number) => {
    const d = Math.abs(out[i]!.value - out[j]!.value);
    // small beside both amounts (a cent's adjustment of $0.02 is no rounding of a bill)
    const small = d * 10 <= Math.min(Math.abs(out[i]!.value), Math.abs(out[j]!.value));
    return d > 0.005 && d <= 0.5 && small && out.slice(j + 1, i).some((m) => same(Math.abs(m.value), d));
  };
  for (const [i, c] of out.entries()) {
    const live = Math.abs(c.value) >= 0.005;
    c.features.tender_over = tendered(out, i) ? 1 : 0;
    // cash rounding with no difference read: it is the 0.05 rounding of an amount just above, or an amount just below is its rounding
    c.features.round_above = live && out.slice(Math.max(0, i - 4), i).some((_, k) => roundedPair(out, Math.max(0, i - 4) + k, i)) ? 1 : 0;
    c.features.round_below = live && out.slice(i + 1, i + 5).some((_, k) => roundedPair(out, i, i + 1 + k)) ? 1 : 0;
    c.features.rounded_of = live && out.slice(Math.max(0, i - 4), i).some((o, k) => supported(o) && adjusted(Math.max(0, i - 4) + k, i)) ? 1 : 0;
    c.features.unrounded = live && out.slice(i + 1, i + 5).some((_, k) => adjusted(i, i + 1 + k)) ? 1 : 0;
  }
}

/**
 * The amounts that close their own row across it (27,45 + 1,92 = 29,37) where at least two rows do so: the grosses of
 * a breakdown's rows (net, tax and gross per tax rate, or per line), each row's sum its own, not the bill's. One such
 * row alone may be the totals line itself ("net 10.00 tax 1.90 total 11.90"), and the breakdown's own sum row (its
 * gross the grosses of the rows above added up, rows of zeros left out) is the bill's total: neither is returned.
 */
export function breakdownRows(out: TotalCandidate[], rowOf: string[]): number[] {
  const closing: number[] = [];
  for (const [i, c] of out.entries()) {
    if (Math.abs(c.value) < 0.005) continue;
    let sum = 0;
    // the run of two or more amounts just before it, all on its row
    for (let j = i - 1, run = 1; j >= 0 && rowOf[j] === rowOf[i]; j--, run++) {
      sum += out[j]!.value;
      if (run >= 2 && same(sum, c.value)) {
        closing.push(i);
        break;
      }
    }
  }
  if (new Set(closing.map((i) => rowOf[i])).size < 2) return [];
  const sumRow = (i: number) => {
    const above = closing.filter((j) => j < i && rowOf[j] !== rowOf[i]);
    return above.length >= 1 && same(r2(above.reduce((t, j) => t + out[j]!.value, 0)), out[i]!.value);
  };
  return closing.filter((i) => !sumRow(i));
}

/** Whole units only ("50.00", "RM30"): the shape of cash handed over. */
const wholeUnits = (v: number) => v >= 1 && Math.abs(v - Math.round(v)) < 0.005;

/**
 * Whether the amount at `i` looks like the cash handed over for an amount just above it: whole units, above a
 * non-whole amount among the three before it, by less than that amount again (a note that covers the bill). The
 * change line that would prove it is often missing or misread; the print of the bill is then not the largest.
 */
function tendered(out: TotalCandidate[], i: number): boolean {
  const v = out[i]!.value;
  if (!wholeUnits(v)) return false;
  return out.slice(Math.max(0, i - 3), i).some((o) => o.value > 0.005 && !wholeUnits(o.value) && o.value < v && v < 2 * o.value);
}

/**
 * Whether the amount at `j` is the 0.05 cash rounding of the amount at `i` above it (41.43 → 41.45, 31.02 → 31.00) —
 * and not the cash handed over for it: a round note followed by the change it leaves (19.99, 20.00, 0.01).
 */
function roundedPair(out: TotalCandidate[], i: number, j: number): boolean {
  const [x, v] = [out[i]!.value, out[j]!.value];
  if (same(x, v) || !same(round05(x), v) || Math.abs(v - x) >= 0.05) return false;
  return !out.slice(j + 1, j + 3).some((o) => same(Math.abs(o.value), Math.abs(v - x)));
}

/** Support a misread print has for its own value, not for the value restored in its place. */
const UNSHARED = [
  "tender_over",
  "unrounded",
  "rounded_of",
  "round_above",
  "round_below",
  "next_eq",
  "s_repeat_below",
  "s_repeat_above",
  "s_sum_above",
  "pair_sum_above",
];

/** The digits of an amount, without marks ("1,234.50" → "123450"). */
const digitsOf = (v: number) => Math.abs(v).toFixed(2).replace(".", "");

/** One digit differs, the same number of digits (an OCR misread: "14.85" for "14.65"). */
function oneDigitOff(a: number, b: number): boolean {
  const [x, y] = [digitsOf(a), digitsOf(b)];
  if (x.length !== y.length) return false;
  let diff = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) diff++;
  return diff === 1;
}

/**
 * The total the payment implies: two amounts in a row, the larger first (tendered, change),
 * leave P = tendered − change, and P is printed nowhere while an amount just above them is P
 * read one digit off ("14.85" where 50.00 − 35.35 = 14.65) or P before its 0.05 cash rounding
 * ("11.28" where 20.00 − 8.75 = 11.25). P becomes a candidate, written like that amount and
 * standing on its words (the matcher then finds the print differs, so the value is never sure).
 */
export function paymentDerived(out: TotalCandidate[]): TotalCandidate[] {
  const derived: TotalCandidate[] = [];
  for (let i = 1; i + 1 < out.length; i++) {
    const [x, y] = [Math.abs(out[i]!.value), Math.abs(out[i + 1]!.value)];
    if (!(x > y && y > 0)) continue;
    const p = Math.round((x - y) * 100) / 100;
    if (p <= 0 || out.some((o) => Math.abs(Math.abs(o.value) - p) < 0.005)) continue;
    for (let j = i - 1; j >= Math.max(0, i - 4); j--) {
      const a = out[j]!;
      // the misread print is a total-like amount: no amount above it or below the payment larger, the tendered above it
      if ((a.features.ge_above ?? 0) < 1 || x < a.value || out.slice(i + 2).some((o) => Math.abs(o.value) > a.value + 0.005)) continue;
      // a print the page repeats elsewhere is confirmed by a second reading: two prints are not misread alike
      if ((a.features.s_repeat_below ?? 0) + (a.features.s_repeat_above ?? 0) > 0) continue;
      if (Math.abs(a.value - p) < 0.005 || !(Math.abs(a.value - p) < 0.05 || oneDigitOff(a.value, p))) continue;
      if (derived.some((d) => d.wordIds.join() === a.wordIds.join())) break;
      const mark = /,\d{2}(?!\d)/.test(a.text) ? "," : ".";
      const text = a.text.replace(/\d[\d.,'\s]*\d/u, p.toFixed(2).replace(".", mark));
      // the misread print's own support (its repeats, the sum it closes) is no support of the value the payment implies
      const features = {
        ...a.features,
        derived: 1,
        s_pay_next: 1,
        s_cash_change: 1,
        ...Object.fromEntries(UNSHARED.map((n) => [n, 0])),
      };
      derived.push({ ...a, text, value: p, features });
      break;
    }
  }
  return derived;
}

/**
 * A total labelled as such but read below zero ("TOTAL INCL. GST | RM-38.80", a dash the reader put between the
 * currency and the digits) whose magnitude the payment lines under it close (50.00 − 11.20 = 38.80): the bill is that
 * magnitude (the next two amounts: tendered and change). It becomes a candidate standing on the print's words, marked derived (the print differs, so the value is
 * never sure), with the size features of the magnitude. A credit's total is below zero and nothing pays it.
 */
export function signDerived(out: TotalCandidate[]): TotalCandidate[] {
  const derived: TotalCandidate[] = [];
  const values = out.map((o) => o.value);
  for (const [i, c] of out.entries()) {
    const m = -c.value;
    if (m < 0.005 || (c.features.lab_total ?? 0) <= 0) continue;
    // the next two amounts are the cash handed over (whole units) and the change it leaves; not a sales total and the
    // net after a returns section, which close on the returns' total alike
    const [x, y] = [Math.abs(out[i + 1]?.value ?? 0), Math.abs(out[i + 2]?.value ?? 0)];
    if (!(x > m && y > 0.005 && wholeUnits(x) && same(x - y, m))) continue;
    const text = c.text.replace(/[-−–]\s?(?=\p{N})/u, "");
    if (text === c.text) continue;
    const above = values.slice(0, i).filter((v) => v > 0.005);
    const features = {
      ...c.features,
      ...Object.fromEntries(UNSHARED.map((n) => [n, 0])),
      neg: 0,
      derived: 1,
      s_cash_change: 1,
      s_pay_next: 1,
      is_max: values.every((v) => v <= m + 0.005) ? 1 : 0,
      ge_above: above.length ? above.filter((v) => v <= m + 0.001).length / above.length : 1,
      ge_all: values.filter((v) => v <= m + 0.001).length / values.length,
      log_v: Math.log10(1 + m),
    };
    derived.push({ ...c, text, value: m, features });
  }
  return derived;
}
