import type { CheckIssue, FieldResult, FieldValue } from "../types";
import { isArrayValue } from "../types";
import { ACCEPT_RISK } from "./gate";
import { OCR_CODES, RISK_CODE } from "./document";
import { type RiskInput, riskFeatures, valuesOf } from "./features";
import { contributions, type RiskModel, scoreRisk } from "./model";
import shipped from "./weights.json";

/**
 * The risk stage (data in: the located, checked result and everything the matcher and the
 * extractor knew; data out: every value with its `risk`, the estimated probability that it
 * is wrong, and a review issue in words for each value too risky to pass unreviewed).
 * The probability comes from a logistic model fitted on the dev sets (weights.json,
 * `npm run train -- risk …`); the gate is the contract's promise: a value is auto-accepted
 * only when its risk is below ACCEPT_RISK.
 */

export { arithmeticSupport } from "./arith";
export { derive } from "./derive";
export { RISK_CODE } from "./document";
export { type RiskInput, riskFeatures, valuesOf } from "./features";
export {
  contributions,
  DOUBT_FEATURES,
  fitCalibratedRisk,
  fitModel,
  fitRisk,
  LIGHT_PRIOR,
  type RiskExample,
  type RiskModel,
  rawLogit,
  scoreRisk,
} from "./model";
export { type Family, familyOf, fitPlatt } from "./calibrate";
export { type Boosted, type BoostOptions, boostLogit, DEFAULT_BOOST, type Tree } from "./boost";

export { ACCEPT_RISK } from "./gate";

/** The model the engine ships (fitted on the dev sets). */
export const SHIPPED_RISK_MODEL = shipped as RiskModel;

/**
 * The risk the gate reads: the model's, held at the gate for a value restored from a misread print
 * (feature `repaired`) and for one holding a sign printed in two widths on a CJK page (`width_twin`: neither
 * reader can tell "¥" from "￥", so half of such values are right letter for letter, whatever the model learnt
 * from the layouts it saw) — the same rule assessRisk applies, so the trainer's and the bench's tables count
 * what the engine would pass.
 */
export function gatedRisk(model: RiskModel, features: Record<string, number>): number {
  const r = scoreRisk(model, features);
  return (features.repaired ?? 0) > 0 || (features.width_twin ?? 0) > 0 ? Math.max(r, ACCEPT_RISK) : r;
}

/** Plain words for the features that raise a value's risk (the largest contributions are quoted). */
const WORDS: Record<string, (f: Record<string, number>) => string> = {
  unmatched: (f) => `only ${Math.round((1 - (f.unmatched ?? 0)) * 100)} % of it was found on the page`,
  below_anchor: (f) => `only ${Math.round((1 - (f.unmatched ?? 0)) * 100)} % of it was found on the page`,
  not_located: () => "it was not found on the page",
  ocr_doubt: (f) => `the OCR is unsure of it (word confidence ${Math.round((1 - (f.ocr_doubt ?? 0)) * 100)} %)`,
  ocr_weak: (f) => `the OCR is unsure of it (word confidence ${Math.round((1 - (f.ocr_doubt ?? 0)) * 100)} %)`,
  ocr_below_80: (f) => `the OCR is unsure of it (word confidence ${Math.round((1 - (f.ocr_doubt ?? 0)) * 100)} %)`,
  ocr_below_90: (f) => `the OCR is not fully sure of it (word confidence ${Math.round((1 - (f.ocr_doubt ?? 0)) * 100)} %)`,
  // cjk_page/cjk_number follow the script printed on the OCR'd page (features.ts cjkScript), not the model that read it
  cjk_number: () => "numbers on a Chinese, Japanese or Korean page are misread more often",
  cjk_value: () => "Chinese, Japanese and Korean text is often misread",
  cjk_page: () => "Chinese, Japanese and Korean pages read less reliably",
  long_value: () => "long values are more often cut or joined wrongly",
  role_total: () => "totals are often misread or taken from the wrong line",
  role_party: () => "names are often taken from the wrong line",
  role_address: () => "addresses are often cut or joined wrongly",
  doc_errors: () => "other checks of this document fail",
  doc_warnings: () => "this document raised several warnings",
  doc_ocr_warnings: () => "the OCR is unsure of many other words of this document",
  doc_unconfirmed: () => "not all of the document's amounts are confirmed by its arithmetic",
  doc_lines_unconfirmed: () => "no line of the table adds up",
  ambiguous: () => "it is printed in more than one place",
  check_error: () => "a check on it fails",
  check_warning: () => "a check on it warns",
  ocr_warning: () => "the OCR readings of it disagree or look malformed",
  unconfirmed_number: () => "no arithmetic of the document confirms it",
  extractor_doubt: () => "the extractor was not sure which value to take",
  ev_close: () => "another candidate was almost as likely",
  ev_doubt: () => "the ranking model was not sure of its pick",
  ev_round_twin: () => "an amount less than 0.05 from it is printed too (a rounded and an unrounded total)",
  arith_fails: () => "the document's arithmetic does not add up around it",
  ocr_below_page: (f) => `the OCR read it worse than the rest of the page (word confidence ${Math.round((1 - (f.ocr_doubt ?? 0)) * 100)} %)`,
  free_text: () => "no arithmetic or checksum can confirm free text",
  multi_line: () => "it spans several lines",
  short_value: () => "it is very short",
  not_normalized: () => "it could not be read as a clean number or date",
  page_doubt: () => "the page reads poorly (a photo or faint print)",
  page_weak_words: () => "many words of the page read poorly",
  receipt_shape: () => "till receipts are often misread",
  rcpt_role_party: () => "a receipt's shop name is often taken from the wrong line",
  rcpt_role_total: () => "a receipt's total is often misread or taken from the wrong line",
  rcpt_type_date: () => "a receipt's date is often misread",
  rcpt_role_address: () => "a receipt's address is often cut or joined wrongly",
  ocr_string: () => "no arithmetic or checksum can confirm free text",
  ocr_line_cell: () => "table cells read by OCR are often misplaced",
  line_cell: () => "table cells are often misplaced",
  xr_differ: () => "a second OCR reader read it differently",
  char_doubt: (f) => `the OCR is unsure of a letter in it (character confidence ${Math.round((1 - (f.char_doubt ?? 0)) * 100)} %)`,
  char_below_90: (f) => `the OCR is unsure of a letter in it (character confidence ${Math.round((1 - (f.char_doubt ?? 0)) * 100)} %)`,
  holds_figure: () => "it holds an amount, a percentage or a date, as if a neighbouring column or line were joined to it",
  tight_space: () => "a space in it is narrower than a letter: it may not be printed",
  width_twin: () => "it holds a sign printed in two widths (¥ or ￥), which reading cannot tell apart",
  orphan_below: () => "print right under it belongs to no value: it may be cut short (a wrapped line left out)",
  orphan_beside: () => "print right beside it belongs to no value: it may be cut short",
  mixed_size: () => "it joins print of two sizes (a detail line or a watermark may be joined to it)",
  under_large: () => "larger print (a watermark or a stamp) crosses it",
  form_odd: () => "its sign spacing or thousands separator differs from the document's other amounts: a space may be misread",
};

/** The reasons behind a risk, riskiest first (at most three, distinct). */
export function riskReasons(model: RiskModel, features: Record<string, number>): string[] {
  const out: string[] = [];
  for (const [name] of contributions(model, features)
    .filter(([, c]) => c >= 0.4)
    .sort((a, b) => b[1] - a[1])) {
    const w = WORDS[name]?.(features);
    if (w && !out.includes(w)) out.push(w);
    if (out.length === 3) break;
  }
  return out;
}

const pct = (r: number) => (r < 0.01 ? `${(r * 100).toFixed(1)} %` : `${Math.round(r * 100)} %`);

/** The stage's output. */
export interface RiskOutput {
  data: Record<string, FieldResult>;
  /** one review issue per value whose risk is too high and that no other issue names. */
  issues: CheckIssue[];
  /** the feature vectors by path (only when asked: the bench and the trainer read them). */
  features?: Record<string, Record<string, number>>;
}

/** Attach a risk to every value and queue the risky ones, saying why in words. */
export function assessRisk(input: RiskInput, opts: { model?: RiskModel; explain?: boolean } = {}): RiskOutput {
  const model = opts.model ?? SHIPPED_RISK_MODEL;
  const feats = riskFeatures(input);
  // A value the OCR itself doubts (unsure word, the readings disagree, a malformed shape) is never
  // below the gate, whatever the model makes of its other signals: its risk alone says "review".
  const ocrDoubted = new Set(input.issues.filter((i) => OCR_CODES.has(i.code)).flatMap((i) => i.fields));
  // So is a value the extractor restored from a misread print (extract/rank/misread.ts): it is not what the page says.
  const repaired = new Set(
    valuesOf(input.fields, input.data, input.raw)
      .filter((v) => (v.raw?.evidence?.repaired ?? 0) > 0 || input.cross?.[v.path]?.restored)
      .map((v) => v.path),
  );
  // … or is an amount whose "." the normalize stage read as a thousands group against the page's own grouping.
  const regrouped = input.regrouped ?? new Set<string>();
  // … or holds a character the glyphs stage replaced from its geometry (read/glyphs.ts).
  const glyphs = new Set([...feats].filter(([p, f]) => (f.repaired ?? 0) > 0 && !repaired.has(p) && !regrouped.has(p)).map(([p]) => p));
  const twins = new Set([...feats].filter(([, f]) => (f.width_twin ?? 0) > 0).map(([p]) => p));
  const risks = new Map<string, number>();
  for (const [path, f] of feats) {
    const r = Math.round(gatedRisk(model, f) * 1e5) / 1e5;
    risks.set(path, ocrDoubted.has(path) || repaired.has(path) || twins.has(path) ? Math.max(r, ACCEPT_RISK) : r);
  }
  const named = new Set(input.issues.filter((i) => i.code !== RISK_CODE).flatMap((i) => i.fields));
  const issues: CheckIssue[] = [];
  for (const v of valuesOf(input.fields, input.data, input.raw)) {
    const risk = risks.get(v.path);
    if (risk === undefined || risk < ACCEPT_RISK || named.has(v.path)) continue;
    const why = [
      ...(repaired.has(v.path) ? ["it is not printed as such: it is restored from a misread print by arithmetic or a digit confusion"] : []),
      ...(regrouped.has(v.path) ? ['its "." is read as a thousands separator (the currency has no decimals) where the page groups with ","'] : []),
      ...(glyphs.has(v.path) ? ["a character of it is not what the reader read: it is told from its position on the line (a × read as x)"] : []),
      ...(twins.has(v.path) ? [WORDS.width_twin!({})] : []),
      ...riskReasons(model, feats.get(v.path)!),
    ]
      .filter((w, i, all) => all.indexOf(w) === i)
      .slice(0, 3);
    issues.push({
      code: RISK_CODE,
      severity: "warning",
      message: `estimated ${pct(risk)} chance that "${v.fv.value}" is wrong${why.length ? `: ${why.join("; ")}` : ""}`,
      fields: [v.path],
    });
  }
  const withRisk = (path: string, fv: FieldValue): FieldValue => {
    const r = risks.get(path);
    return r === undefined ? fv : { ...fv, risk: r };
  };
  const data: Record<string, FieldResult> = {};
  for (const [name, r] of Object.entries(input.data)) {
    data[name] = isArrayValue(r)
      ? {
          value: r.value.map((row, i) => ({
            field_bboxes: Object.fromEntries(Object.entries(row.field_bboxes).map(([k, fv]) => [k, withRisk(`${name}.${i}.${k}`, fv)])),
          })),
        }
      : withRisk(name, r);
  }
  return { data, issues, ...(opts.explain ? { features: Object.fromEntries(feats) } : {}) };
}
