/**
 * The learned ranking stage of the rules extractor: candidates from the rules get feature
 * vectors, the fitted model (weights.json, `npm run train -- rank`) picks the value and
 * reports its lead over the runner-up as evidence for the risk stage.
 */
import type { PageLayout } from "../../layout/rows";
import type { Evidence } from "../types";
import { type Features, type FieldRanker, pickBest, type RankModel } from "./model";
import { type DateContext, dateCandidates } from "./date";
import { type RankCand, type TotalContext, totalCandidates } from "./total";
import shipped from "./weights.json";

export { fitRanker, pickBest, rankProbabilities, type RankGroup, type RankModel } from "./model";
export { TOTAL_FEATURES, type TotalCandidate } from "./total";
export { DATE_FEATURES, type DateCandidate } from "./date";

/** The feature names of the vendor ranking (built by vendor.ts vendorCandidates). */
export const VENDOR_FEATURES = [
  "hand",
  "y_rel",
  "height_rel",
  "conf",
  "legal",
  "trade",
  "upper",
  "no_upper",
  "repeats",
  "length",
  "words",
  "digit",
  "addr_below",
  "reg_below",
  "centred",
  "noise",
  "order",
  "first",
  "tallest",
  "sentence",
  "legal_end",
  "reg_same",
  "form_below",
  "form_only",
  "footer",
  "domain",
  "first_legal",
  "legal_later",
  "to_block",
  "below_block",
  "next_reg",
  "next_addr",
  "prev_addr",
  "edge",
  "number_after",
  "h_line",
  "ext_lines",
  "ext_legal_end",
];

/** The ranking shipped with the engine. */
export const SHIPPED_RANK_MODEL = shipped as unknown as RankModel;

/** Options of the rules extractor. */
export interface RulesOptions {
  /** the learned ranking to use (default: the shipped weights; null: the hand-set scores only). */
  rank?: RankModel | null;
  /** called with each ranked field's candidates and features (training, diagnostics). */
  onCandidates?: (field: string, cands: Ranked[], rulesPick?: { page: number; wordIds: string[] }) => void;
}

/** A candidate as the training hook sees it. */
export interface Ranked {
  text: string;
  page: number;
  wordIds: string[];
  features: Record<string, number>;
  value?: number;
  /** a date candidate's ISO date (when the print is unambiguous or read day-first / month-first). */
  iso?: string;
}

/**
 * The chooser pickVendor calls with its candidates: the model's pick (undefined without a
 * vendor ranker: the hand-set score decides) and, after the call, the evidence of the choice.
 */
export function vendorChooser(model: RankModel | null | undefined, onCandidates?: RulesOptions["onCandidates"]) {
  const ranker = model === undefined ? SHIPPED_RANK_MODEL.fields.vendor : model?.fields.vendor;
  let evidence: Evidence | undefined;
  type Line = { text: string; page: number; words: { id: string }[] };
  const choose = (cands: { seg: Line; score: number; features: Record<string, number>; name?: { text: string; segs: Line[] } }[]) => {
    if (onCandidates) {
      // each candidate as the name it would give (its extent), so training judges the vendor, not the bare line
      const ranked = cands.map((c) => ({
        text: c.name?.text ?? c.seg.text.trim(),
        page: c.seg.page,
        wordIds: (c.name?.segs ?? [c.seg]).flatMap((s) => s.words.map((w) => w.id)),
        features: c.features,
      }));
      const hand = cands.reduce((b, c, i) => (b < 0 || c.score > (cands[b]?.score ?? -Infinity) ? i : b), -1);
      onCandidates("vendor", ranked, hand >= 0 ? ranked[hand] : undefined);
    }
    if (!ranker) return undefined;
    const best = pickBest(
      ranker,
      cands.map((c) => c.features),
    );
    if (best) evidence = { source: "model", score: best.p, margin: best.margin, candidates: cands.length };
    return best?.index;
  };
  return { choose, evidence: () => evidence };
}

/** The ranker's pick among a pool of candidates (undefined without a ranker or a candidate). */
function chooseFrom<C extends { features: Features }>(ranker: FieldRanker | undefined, pool: C[]) {
  const best = ranker
    ? pickBest(
        ranker,
        pool.map((c) => c.features),
      )
    : undefined;
  const chosen = best ? pool[best.index] : undefined;
  return best && chosen ? { best, chosen } : undefined;
}

/** True when two picks stand on a common word of one page (the same printed value). */
function sharesWords(c: { page: number; wordIds: string[] } | undefined, d: { page: number; wordIds: string[] }): boolean {
  return !!c && c.page === d.page && c.wordIds.some((id) => d.wordIds.includes(id));
}

/** The structure behind a total candidate, from its features (see Evidence.support). */
export function totalSupport(f: Record<string, number>, value?: number): NonNullable<Evidence["support"]> {
  // A zero "supports" itself everywhere (repeated in the tax lines, the sum of nothing): no evidence for a total.
  if (value !== undefined && Math.abs(value) < 0.005) return { payment: 0, sum: 0, repeat: 0 };
  const any = (...names: string[]) => (names.some((n) => (f[n] ?? 0) > 0) ? 1 : 0);
  return {
    payment: any("eq_paid", "eq_card", "s_cash_change"),
    sum: any("eq_subtax", "eq_lines", "s_sum_above"),
    repeat: any("s_repeat_below", "s_repeat_above"),
  };
}

/** Cash rounding to 0.05 (a till's total of an unrounded sum). */
const round05 = (v: number) => Math.round(v * 20) / 20;
const cents = (a: number, b: number) => Math.abs(a - b) < 0.006;

/**
 * The 0.05 rounding around a total candidate: `rounding` when it is the rounding of another printed
 * amount that the sum or the payment lines support (its own support kind: the arithmetic holds up to the
 * rounding), `twin` when another amount less than 0.05 away rounds to it or is its rounding. A zero never
 * takes part (it supports itself everywhere).
 */
export function roundingOf(chosen: { value?: number }, pool: { value?: number; features: Record<string, number> }[]): { rounding: number; twin: number } {
  const v = chosen.value;
  if (v === undefined || Math.abs(v) < 0.005) return { rounding: 0, twin: 0 };
  const close = pool.filter((c) => c.value !== undefined && Math.abs(c.value) >= 0.005 && !cents(c.value, v) && Math.abs(c.value - v) < 0.05);
  const twin = close.some((c) => cents(round05(c.value!), v) || cents(round05(v), c.value!)) ? 1 : 0;
  const rounding = close.some((c) => {
    if (!cents(round05(c.value!), v)) return false;
    const s = totalSupport(c.features, c.value);
    return (s.sum ?? 0) + (s.payment ?? 0) > 0;
  })
    ? 1
    : 0;
  return { rounding, twin };
}

/** The total the model picks among every printed amount (undefined: no model or no amount). */
export function rankTotal(
  layouts: PageLayout[],
  ctx: TotalContext,
  model: RankModel | null | undefined,
  onCandidates?: RulesOptions["onCandidates"],
): { value: RankCand; evidence: Evidence } | undefined {
  const ranker = model === undefined ? SHIPPED_RANK_MODEL.fields.total : model?.fields.total;
  if (!ranker && !onCandidates) return undefined;
  const pool = totalCandidates(layouts, ctx);
  onCandidates?.("total", pool, ctx.rulesPick);
  const picked = chooseFrom(ranker, pool);
  if (!picked) return undefined;
  const { best, chosen } = picked;
  const round = roundingOf(chosen, pool);
  // Keep the rules' own text (with its currency cells) when they point at the same amount.
  // (an amount the payment implies stands on a misread print's words: that print is not its text)
  const same = [ctx.rulesPick, ...(ctx.labelled.total ?? [])].find(
    (c) => sharesWords(c, chosen) && (c?.value === undefined || Math.abs(c.value - chosen.value) < 0.005),
  );
  return {
    value: same ?? { text: chosen.text, page: chosen.page, wordIds: chosen.wordIds, score: best.p, value: chosen.value },
    evidence: {
      source: "model",
      score: best.p,
      margin: best.margin,
      candidates: pool.length,
      support: { ...totalSupport(chosen.features, chosen.value), rounding: round.rounding },
      roundingTwin: round.twin,
      ...((chosen.features.derived ?? 0) > 0 ? { repaired: 1 } : {}),
    },
  };
}

/**
 * The date the model picks among every printed date (undefined: no ranker for this field, or
 * no date printed — the rules' pick stands).
 */
export function rankDate(
  layouts: PageLayout[],
  ctx: DateContext,
  model: RankModel | null | undefined,
  onCandidates?: RulesOptions["onCandidates"],
): { value: RankCand; evidence: Evidence; features: Record<string, number>; iso?: string; rulesFeatures?: Record<string, number> } | undefined {
  const ranker = model === undefined ? SHIPPED_RANK_MODEL.fields[ctx.field] : model?.fields[ctx.field];
  if (!ranker && !onCandidates) return undefined;
  const pool = dateCandidates(layouts, ctx);
  onCandidates?.(
    ctx.field,
    pool.map((c) => ({ ...c, ...(c.iso ? { iso: c.iso } : {}) })),
    ctx.rulesPick,
  );
  const picked = chooseFrom(ranker, pool);
  if (!picked) return undefined;
  const { best, chosen } = picked;
  // a repaired date stands on the misread print's words: that print is not its text
  const repaired = (chosen.features.repaired ?? 0) > 0;
  const same = !repaired && sharesWords(ctx.rulesPick, chosen) ? ctx.rulesPick : undefined;
  // the features of the rules' own pick: the caller keeps it when it stands on its own evidence (a title line)
  const rulesFeatures = pool.find((c) => sharesWords(ctx.rulesPick, c))?.features;
  return {
    ...(rulesFeatures ? { rulesFeatures } : {}),
    features: chosen.features,
    ...(chosen.iso ? { iso: chosen.iso } : {}),
    value: same ?? { text: chosen.text, page: chosen.page, wordIds: chosen.wordIds, score: best.p },
    evidence: { source: "model", score: best.p, margin: best.margin, candidates: pool.length, ...(repaired ? { repaired: 1 } : {}) },
  };
}
