/**
 * Candidates for a document's total with the features the learned ranking weighs. Every
 * printed amount competes, labelled or not, so a document whose labels are in no lexicon
 * language still has its total found from structure: an amount that a run of amounts above
 * it sums to, that the payment lines below repeat or close (tendered − change), the largest
 * or tallest amount of the closing block, its place on the page.
 */
import type { PageLayout, Segment } from "../../layout/rows";
import { wordIdsInRange } from "../../layout/rows";
import { findAmounts } from "../../parse/amount";
import { findDates } from "../../parse/date";
import { addClosingArithmetic, paymentDerived, signDerived } from "./closing";
import { digitHeight, EMPHASIS_FEATURES, emphasisOf, hasGlyphs } from "./emphasis";
import { IMPLIED_FEATURES, impliedTotals } from "./implied";
import type { Features } from "./model";

/** A candidate value as the rules hold it (text, place, the label score that proposed it). */
export interface RankCand {
  text: string;
  page: number;
  wordIds: string[];
  score: number;
  value?: number;
}

/** One amount on the pages, with its features. */
export interface TotalCandidate extends RankCand {
  value: number;
  features: Features;
}

/** The feature names of the total ranking (the order of the weights in weights.json). */
export const TOTAL_FEATURES = [
  "lab_total",
  "lab_sub",
  "lab_tax",
  "lab_cash",
  "lab_change",
  "lab_paid",
  "lab_other",
  "rules",
  "eq_paid",
  "eq_card",
  "eq_subtax",
  "eq_lines",
  "s_sum_above",
  "s_cash_change",
  "s_repeat_below",
  "s_repeat_above",
  "is_max",
  "ge_above",
  "ge_all",
  "y_rel",
  "ord_rel",
  "height_rel",
  "is_tallest",
  "has_cur",
  "has_dec",
  "right_rel",
  "conf",
  "left_text",
  "left_upper",
  "row_words",
  "below_change",
  "log_v",
  "neg",
  "mark_minority",
  "s_pay_next",
  "dec3",
  "zero",
  "next_eq",
  "pair_sum_above",
  "rounded_of",
  "unrounded",
  "derived",
  "round_above",
  "round_below",
  "tender_over",
  ...IMPLIED_FEATURES,
  ...EMPHASIS_FEATURES,
];

const near = (a: number, b: number) => Math.abs(a - b) < 0.011;
const overlaps = (a: string[], b: string[]) => a.some((id) => b.includes(id));

interface Amount {
  seg: Segment;
  layout: PageLayout;
  text: string;
  value: number;
  wordIds: string[];
  hasCurrency: boolean;
  y: number;
  order: number;
}

const SPACE_GROUPED = /\d[ \u00A0\u202F\u2009]\d{3}(?!\d)/u;
const MARK_GROUPED = /\d[,.'’]\d{3}(?:[.,]\d{1,2})?(?!\d)/u;

/**
 * Whether the document groups thousands with a mark (comma, dot, apostrophe) at least as often as
 * with a space: then "2 200.00" is two numbers side by side (a quantity and an amount), not 2,200.00.
 */
function groupsWithMarks(layouts: PageLayout[]): boolean {
  let marks = 0;
  let spaces = 0;
  for (const layout of layouts) {
    for (const seg of layout.segments) {
      for (const a of findAmounts(seg.text)) {
        if (!/[.,]\d{2}$/.test(a.text)) continue;
        if (SPACE_GROUPED.test(a.text)) spaces++;
        else if (MARK_GROUPED.test(a.text)) marks++;
      }
    }
  }
  return marks > 0 && spaces <= marks;
}

/** The last space-separated number of a span ("2 200.00" → "200.00"), with its place in the segment text. */
function tailNumber(a: { text: string; start: number }): { text: string; start: number; end: number } | undefined {
  const cut = Math.max(...[" ", "\u00A0", "\u202F", "\u2009"].map((sp) => a.text.lastIndexOf(sp)));
  if (cut < 0) return undefined;
  return { text: a.text.slice(cut + 1), start: a.start + cut + 1, end: a.start + a.text.length };
}

/** Every printed money amount, in reading order (dates, times and percentages are not amounts). */
function amountsOf(layouts: PageLayout[]): Amount[] {
  const out: Amount[] = [];
  const splitSpaced = groupsWithMarks(layouts);
  for (const layout of layouts) {
    for (const seg of [...layout.segments].sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0)) {
      const dates = findDates(seg.text);
      const spans = findAmounts(seg.text).flatMap((a) => {
        if (!splitSpaced || !SPACE_GROUPED.test(a.text)) return [a];
        const tail = tailNumber(a);
        const tailAmount = tail ? findAmounts(tail.text)[0] : undefined;
        return tail && tailAmount ? [{ ...tailAmount, text: tail.text, start: tail.start, end: tail.end }] : [a];
      });
      for (const a of spans) {
        if (/^\s*%/.test(seg.text.slice(a.end)) || /^\s*[:h]\d/.test(seg.text.slice(a.end)) || /\d:\s*$/.test(seg.text.slice(0, a.start))) continue;
        if (dates.some((d) => a.start < d.end && a.end > d.start)) continue;
        if (!(a.hasCurrency || /[.,]\d{2}$/.test(a.text) || /\d[,.]\d{3}/.test(a.text))) continue;
        // ten digits or more in a row are a barcode, card or account number, whatever mark the OCR put beside them
        if (/\d{10}/.test(a.text)) continue;
        const y = layout.page.index * 1000 + seg.box.y0;
        out.push({ seg, layout, text: a.text, value: a.value, wordIds: wordIdsInRange(seg, a.start, a.end), hasCurrency: a.hasCurrency, y, order: 0 });
      }
    }
  }
  out.sort((a, b) => a.y - b.y || a.seg.box.x0 - b.seg.box.x0);
  out.forEach((a, i) => {
    a.order = i;
  });
  return out;
}

/** Context the rules already computed: labelled candidates per field, their pick and the arithmetic anchors. */
export interface TotalContext {
  labelled: Record<string, RankCand[]>;
  rulesPick?: RankCand;
  /** tendered − change from labelled payment lines. */
  paid?: number;
  lineSum?: number;
}

const OTHER_LABELS = ["rounding", "item_count", "tax_10", "tax_8", "taxable_10", "taxable_8", "unit_price", "card_last4"];

/** The amounts of the pages as total candidates with features. */
export function totalCandidates(layouts: PageLayout[], ctx: TotalContext): TotalCandidate[] {
  const amounts = amountsOf(layouts);
  if (amounts.length === 0) return [];
  const heights = layouts.flatMap((l) => l.page.words.map((w) => w.box.y1 - w.box.y0)).sort((a, b) => a - b);
  const medH = heights[Math.floor(heights.length / 2)] || 1;
  const heightOf = (a: Amount) => {
    const ws = a.seg.words.filter((w) => a.wordIds.includes(w.id));
    return Math.max(0, ...ws.map((w) => w.box.y1 - w.box.y0)) / medH;
  };
  const maxH = Math.max(...amounts.map(heightOf));
  // The page's decimal mark: an amount printed with the other one ("30.03" among "16,62") is a date or a code.
  const markOf = (t: string) => /([.,])\d{2}(?!\d)\D*$/.exec(t)?.[1];
  const marks = amounts.map((a) => markOf(a.text)).filter(Boolean);
  const commas = marks.filter((m) => m === ",").length;
  const major = commas * 2 > marks.length ? "," : commas * 2 < marks.length ? "." : undefined;
  const minority = (a: Amount) => !!major && !!markOf(a.text) && markOf(a.text) !== major;
  // Sizes compare among money-shaped amounts only: a weight ("19,416 kg") or an off-mark date is no rival of the total.
  const moneyShaped = (a: Amount) => (a.hasCurrency || /[.,]\d{2}$/.test(a.text)) && !minority(a);
  const values = amounts.filter(moneyShaped).map((a) => a.value);
  if (values.length === 0) values.push(...amounts.map((a) => a.value));
  const maxV = Math.max(...values);
  const labelScore = (field: string, a: Amount) =>
    Math.max(0, ...(ctx.labelled[field] ?? []).filter((c) => c.page === a.layout.page.index && overlaps(c.wordIds, a.wordIds)).map((c) => c.score));
  const firstOf = (f: string) => ctx.labelled[f]?.[0]?.value;
  const [S, X] = [firstOf("subtotal"), firstOf("tax")];
  // with a zero tax, subtotal + tax = total holds for the subtotal's own print: it confirms no total there
  const subWords = ctx.labelled.subtotal?.[0];
  const subPrint = (a: Amount) => !!subWords && subWords.page === a.layout.page.index && overlaps(subWords.wordIds, a.wordIds);
  const cards = (ctx.labelled.amount_paid ?? []).map((c) => c.value).filter((v): v is number => v !== undefined);
  const changeRow = (ctx.labelled.change ?? [])[0];
  const changeY = changeRow ? amounts.find((a) => overlaps(a.wordIds, changeRow.wordIds))?.y : undefined;
  // Per page: whether its reader boxed glyphs (then only glyphs are measured) and its typical digit height.
  const glyphed = new Map(layouts.map((l) => [l, hasGlyphs(l.page.words)]));
  const pageDigits = new Map(layouts.map((l) => [l, digitHeight(l.page.words, glyphed.get(l))]));
  const emphasis = emphasisOf(
    amounts.map((a) => {
      const scale = pageDigits.get(a.layout) ?? 0;
      const h = digitHeight(
        a.seg.words.filter((w) => a.wordIds.includes(w.id)),
        glyphed.get(a.layout),
      );
      // an amount with no glyph of its own (re-read) is of unknown size: the page's typical one
      return scale > 0 && h > 0 ? h / scale : 1;
    }),
    amounts.map(moneyShaped),
    amounts.map((a) => a.layout.page.index),
  );
  const out: TotalCandidate[] = [];
  const rowOf: string[] = [];
  for (const [i, a] of amounts.entries()) {
    const above = amounts.slice(0, i);
    const below = amounts.slice(i + 1);
    // A zero closes nothing: it "repeats" every zero line and is the difference of any two equal amounts.
    const live = Math.abs(a.value) >= 0.005;
    // Σ of a run of two or more amounts directly above (the lines) equals it.
    let sumAbove = 0;
    let run = 0;
    let sumHit = 0;
    for (let j = i - 1; j >= 0 && run < 40 && live; j--) {
      sumAbove += amounts[j]?.value ?? 0;
      run++;
      if (run >= 2 && near(sumAbove, a.value)) {
        sumHit = 1;
        break;
      }
    }
    // Payment lines below: tendered − change = it (any two amounts below, the larger first). A tendered amount read with a dash before it ("Cash -50.00") is still the amount handed over (the change must be
    // positive: a discount line's "-0,50" is no change).
    const mag = (x: Amount) => Math.abs(x.value);
    // Tendered and change are two lines: two amounts of one row are a tax summary's columns (gross − net = tax), not a payment.
    const apart = (x: Amount, y: Amount) => x.layout !== y.layout || x.seg.row !== y.seg.row;
    let cashChange = 0;
    for (const [k, c] of below.entries()) {
      if (!live || mag(c) <= a.value) continue;
      if (below.slice(k + 1).some((d) => d.value > 0 && apart(c, d) && near(mag(c) - d.value, a.value))) cashChange = 1;
    }
    // The payment right after it: among the next three amounts, one handed over and the change it leaves (40,00 − 15,77 = 24,23).
    const next = below.slice(0, 3);
    const payNext =
      live && next.some((c, k) => mag(c) > a.value && next.slice(k + 1).some((d) => d.value > 0 && apart(c, d) && near(mag(c) - d.value, a.value))) ? 1 : 0;
    const row = a.layout.rows[a.seg.row];
    const left = row?.segments.filter((s) => s.box.x1 <= a.seg.box.x0 + 1 && /\p{L}{2}/u.test(s.text)) ?? [];
    const leftInSeg = /\p{L}{2}/u.test(a.seg.text.slice(0, a.seg.text.indexOf(a.text)));
    const leftText = [...left.map((s) => s.text), leftInSeg ? a.seg.text.slice(0, a.seg.text.indexOf(a.text)) : ""].join(" ").trim();
    const letters = leftText.replace(/[^\p{L}]/gu, "");
    const words = a.seg.words.filter((w) => a.wordIds.includes(w.id));
    const f: Features = {
      lab_total: labelScore("total", a),
      lab_sub: labelScore("subtotal", a),
      lab_tax: labelScore("tax", a),
      lab_cash: labelScore("cash_tendered", a),
      lab_change: labelScore("change", a),
      lab_paid: labelScore("amount_paid", a),
      lab_other: Math.max(0, ...OTHER_LABELS.map((o) => labelScore(o, a))),
      rules: ctx.rulesPick && ctx.rulesPick.page === a.layout.page.index && overlaps(ctx.rulesPick.wordIds, a.wordIds) ? 1 : 0,
      eq_paid: ctx.paid !== undefined && near(ctx.paid, a.value) ? 1 : 0,
      eq_card: cards.some((v) => near(v, a.value)) ? 1 : 0,
      eq_subtax: S !== undefined && X !== undefined && near(S + X, a.value) && !(Math.abs(X) < 0.005 && subPrint(a)) ? 1 : 0,
      eq_lines: ctx.lineSum !== undefined && near(ctx.lineSum, a.value) ? 1 : 0,
      s_sum_above: sumHit,
      s_cash_change: cashChange,
      s_repeat_below: live && below.some((b) => near(b.value, a.value)) ? 1 : 0,
      s_repeat_above: live && above.some((b) => near(b.value, a.value)) ? 1 : 0,
      is_max: near(a.value, maxV) ? 1 : 0,
      ge_above: (() => {
        const m = above.filter(moneyShaped);
        return m.length ? m.filter((b) => b.value <= a.value + 0.001).length / m.length : 1;
      })(),
      ge_all: values.filter((v) => v <= a.value + 0.001).length / values.length,
      y_rel: a.seg.box.y0 / 1000,
      ord_rel: amounts.length > 1 ? i / (amounts.length - 1) : 0,
      height_rel: Math.min(3, heightOf(a)),
      is_tallest: heightOf(a) >= maxH - 1e-9 && maxH > 1.15 ? 1 : 0,
      has_cur: a.hasCurrency ? 1 : 0,
      has_dec: /[.,]\d{2}$/.test(a.text) ? 1 : 0,
      right_rel: a.seg.box.x1 / 1000,
      conf: words.length ? words.reduce((s, w) => s + w.conf, 0) / words.length : 0,
      left_text: letters.length > 0 ? 1 : 0,
      left_upper: letters.length >= 2 && letters === letters.toUpperCase() && leftText.split(/\s+/).length <= 3 ? 1 : 0,
      row_words: Math.min(10, row?.words.length ?? 0) / 10,
      below_change: changeY !== undefined && a.y > changeY ? 1 : 0,
      log_v: Math.log10(1 + Math.abs(a.value)),
      neg: a.value < 0 || /^\(|-$|^-/.test(a.text) ? 1 : 0,
      mark_minority: minority(a) ? 1 : 0,
      s_pay_next: payNext,
      // three digits after the page's own decimal mark: a weight or a unit price per kilo, not money
      dec3: major && new RegExp(`\\${major}\\d{3}$`).test(a.text.trim()) ? 1 : 0,
      ...Object.fromEntries(IMPLIED_FEATURES.map((n) => [n, 0])),
      ...emphasis[i],
    };
    rowOf.push(`${a.layout.page.index}:${a.seg.row}`);
    out.push({ text: a.text, page: a.layout.page.index, wordIds: a.wordIds, score: 0, value: a.value, features: f });
  }
  addClosingArithmetic(out, rowOf);
  const fromPayment = paymentDerived(out);
  const implied = impliedTotals(
    out,
    rowOf,
    { subtotal: S, tax: X, paid: ctx.paid },
    fromPayment.map((d) => d.value),
  );
  return [...out, ...fromPayment, ...implied, ...signDerived(out)];
}
