/**
 * The risk model: a logistic regression over the named features of features.ts, stored as
 * JSON (weights.json) and refitted by `npm run train -- risk <dataset dirs>`. Small on
 * purpose: ~30 weights fitted on a few thousand dev values generalize; a deeper model would
 * learn the dev documents. Fitting is Newton's method (IRLS) with an L2 penalty.
 */

import { type Boosted, type BoostOptions, boostLogit, fitBoost } from "./boost";
import { type Family, familyOf, fitPlatt, type Platt } from "./calibrate";
import { logLossAt, sigmoid } from "./logistic";

/** A fitted model as stored in weights.json. */
export interface RiskModel {
  /** format version of this file. */
  version: 1;
  /** feature names, in the order of `weights`. */
  features: string[];
  weights: number[];
  bias: number;
  /** boosted trees added to the regression's log-odds (boost.ts); absent = the regression alone. */
  boost?: Boosted;
  /** per page family (calibrate.ts), a slope and offset on the log-odds fitted out of fold; absent = identity. */
  calibration?: Partial<Record<Family, Platt>>;
  /** what it was fitted on, for the notes: documents, values, observed error rate. */
  fitted?: { documents: number; values: number; errorRate: number; at: string; sources: string[] };
}

/** One training example: named features and whether the value was wrong. */
export interface RiskExample {
  features: Record<string, number>;
  wrong: boolean;
  /** the document it comes from: out-of-fold scores keep a document's values in one fold. */
  group?: string;
}

/** The model's log-odds before calibration; features the model does not know count 0. */
export function rawLogit(model: RiskModel, features: Record<string, number>): number {
  let z = model.bias;
  model.features.forEach((name, i) => {
    z += (model.weights[i] ?? 0) * (features[name] ?? 0);
  });
  return model.boost ? z + boostLogit(model.boost, features) : z;
}

/** Probability that the value is wrong (0–1), recalibrated for the value's page family when the model has it. */
export function scoreRisk(model: RiskModel, features: Record<string, number>): number {
  const z = rawLogit(model, features);
  const fam = familyOf(features);
  // A model fitted before photos were a family of their own calibrated them with the clean scans.
  const c = model.calibration?.[fam] ?? (fam === "photo" ? model.calibration?.scan : undefined);
  return sigmoid(c ? c[0] * z + c[1] : z);
}

/** Per-feature contribution to the log-odds (for the reasons given in words). */
export function contributions(model: RiskModel, features: Record<string, number>): Array<[string, number]> {
  return model.features.map((name, i): [string, number] => [name, (model.weights[i] ?? 0) * (features[name] ?? 0)]).filter(([, c]) => c !== 0);
}

/** Solve A x = b (A symmetric positive definite, small) by Gaussian elimination with pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const piv = m[c]![c]!;
    if (Math.abs(piv) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / piv;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
}

/** Fit options: the L2 penalty (the bias is not penalized) and Newton iterations. */
export interface FitOptions {
  l2?: number;
  iterations?: number;
  /** features that may only raise the risk: one fitted below 0 is left out and the rest refitted. */
  nonNegative?: readonly string[];
  /** per feature, a factor on `l2` (absent: 1); default LIGHT_PRIOR. */
  penalty?: Readonly<Record<string, number>>;
  /** boosted trees on the regression's residual (boost.ts); `stopFolds` K: the number of trees is the one with the
   * lowest loss on one of K folds of the groups, fitted on the others (0: all `rounds`). */
  boost?: BoostOptions & { stopFolds?: number };
}

/**
 * Confirmations of free text (features.ts, confirmedText) fitted with a tenth of the L2 penalty. The penalty (10
 * since session 11) keeps the model from trusting a layout it never saw through many small layout-specific
 * weights; but a binary confirmation held by a few hundred values that are all right cannot earn the weight it
 * needs under it (the penalty outweighs the log-loss of values already at 1 %). Sure letters and a closed extent
 * mean the same on every layout; measured with folds by layout and supplier (docs/accuracy.md, session 12). Their
 * per-family corrections (rcpt_, tl_, ph_) share the prior, so a receipt or a photo can take the confirmation back.
 * The confirmations of a date (a customary payment term to another date, a second print: dates.ts) and of a table
 * row whose chain of arithmetic closes (`row_chain`) are held by few values that are nearly all right too (session 13);
 * so is a subtotal, tax or total two relations pin, read with sure letters (`sum_sure`: 234 of 234 right, session 15),
 * and the grand total among them that the ranker's sum supports, off receipt-shaped pages (`total_sure`: 82 of 82
 * right, session 15). The same holds the other way for a doubt held by few values that are nearly all wrong: an
 * amount printed unlike the document's other amounts (`form_odd`, form.ts: 6 of 7 wrong, session 16), whose weight the
 * full penalty would keep short of its error rate, leaving such a value under the gate.
 */
export const LIGHT_PRIOR: Readonly<Record<string, number>> = Object.fromEntries(
  ["text_sure", "text_confirmed", "date_term", "date_again", "row_chain", "sum_sure", "total_sure", "form_odd"].flatMap((f) =>
    ["", "rcpt_", "tl_", "ph_"].map((p) => [`${p}${f}`, 0.1]),
  ),
);

/** Features that by their meaning can only add doubt (OCR doubt, failed checks, a weak match). */
export const DOUBT_FEATURES = [
  "unmatched",
  "below_anchor",
  "not_located",
  "ocr_doubt",
  "ocr_weak",
  "ocr_below_80",
  "ocr_below_90",
  "ambiguous",
  "check_error",
  "check_warning",
  "ocr_warning",
  "page_doubt",
  "page_weak_words",
  "ev_close",
  "ev_doubt",
  "ev_round_twin",
  "arith_fails",
  "ocr_below_page",
  "doc_errors",
  "doc_warnings",
  "doc_ocr_warnings",
  "doc_unconfirmed",
  "doc_lines_unconfirmed",
  "xr_differ",
  "width_twin",
  "char_doubt",
  "char_below_90",
  "tight_space",
  "holds_figure",
  "repaired",
  "orphan_below",
  "orphan_beside",
  "mixed_size",
  "under_large",
  "form_odd",
] as const;

/**
 * Fit a logistic regression on examples; `names` fixes the feature order (default: all seen).
 * Doubt features (DOUBT_FEATURES by default) are kept monotone: one that would lower the
 * risk is dropped (weight 0) and the others refitted, so a reason given in words always raises it.
 */
export function fitRisk(examples: RiskExample[], names?: string[], opts: FitOptions = {}): RiskModel {
  const all = names ?? [...new Set(examples.flatMap((e) => Object.keys(e.features)))].sort();
  const monotone = new Set<string>(opts.nonNegative ?? DOUBT_FEATURES);
  const dropped = new Set<string>();
  for (;;) {
    const m = fitOnce(
      examples,
      all.filter((f) => !dropped.has(f)),
      opts,
    );
    const negative = m.features.filter((f, i) => monotone.has(f) && m.weights[i]! < 0);
    if (negative.length === 0) {
      const w = new Map(m.features.map((f, i) => [f, m.weights[i]!]));
      return { ...m, features: all, weights: all.map((f) => w.get(f) ?? 0) };
    }
    for (const f of negative) dropped.add(f);
  }
}

function fitOnce(examples: RiskExample[], features: string[], opts: FitOptions): RiskModel {
  const d = features.length + 1;
  const xs = examples.map((e) => [...features.map((f) => e.features[f] ?? 0), 1]);
  const ys: number[] = examples.map((e) => (e.wrong ? 1 : 0));
  const l2 = opts.l2 ?? 1;
  const penalty = opts.penalty ?? LIGHT_PRIOR;
  const l2s = features.map((f) => l2 * (penalty[f] ?? 1));
  let w = new Array<number>(d).fill(0);
  // Start the bias at the observed log-odds: fewer iterations, and a sane model even with no features.
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, ys.reduce((s, y) => s + y, 0) / Math.max(1, ys.length)));
  w[d - 1] = Math.log(rate / (1 - rate));
  const loss = (v: number[]) => {
    let l = 0;
    xs.forEach((x, i) => {
      const z = x.reduce((s, xv, j) => s + xv * v[j]!, 0);
      l += logLossAt(z, ys[i]!);
    });
    for (let j = 0; j < d - 1; j++) l += 0.5 * l2s[j]! * v[j]! ** 2;
    return l;
  };
  for (let it = 0; it < (opts.iterations ?? 25); it++) {
    const g = new Array<number>(d).fill(0);
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    xs.forEach((x, i) => {
      const p = sigmoid(x.reduce((s, v, j) => s + v * w[j]!, 0));
      const r = p - ys[i]!;
      const s = Math.max(p * (1 - p), 1e-9);
      for (let j = 0; j < d; j++) {
        if (x[j] === 0) continue;
        g[j]! += r * x[j]!;
        for (let k = j; k < d; k++) if (x[k] !== 0) h[j]![k]! += s * x[j]! * x[k]!;
      }
    });
    for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) h[j]![k] = h[k]![j]!;
    for (let j = 0; j < d - 1; j++) {
      g[j]! += l2s[j]! * w[j]!;
      h[j]![j]! += l2s[j]!;
    }
    h[d - 1]![d - 1]! += 1e-6;
    const step = solve(h, g);
    // Damped Newton: halve the step until the penalized loss goes down (near-separable data overshoots).
    const before = loss(w);
    let t = 1;
    let next = w.map((v, j) => v - step[j]!);
    while (t > 1e-4 && loss(next) > before) {
      t /= 2;
      next = w.map((v, j) => v - t * step[j]!);
    }
    w = next;
    if (t * Math.max(...step.map(Math.abs)) < 1e-6) break;
  }
  const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
  return { version: 1, features, weights: w.slice(0, d - 1).map(r6), bias: r6(w[d - 1]!) };
}

/** The per-family copies (derive.ts) say nothing a tree cannot split on the family for: trees skip them. */
const familyCopy = /^(rcpt|tl|ph)_/;

/** The regression, and boosted trees on its residual when `opts.boost` asks for them. */
export function fitModel(examples: RiskExample[], names?: string[], opts: FitOptions = {}): RiskModel {
  const lr = fitRisk(examples, names, opts);
  const b = opts.boost;
  if (!b || b.rounds <= 0) return lr;
  const known = new Set(lr.features);
  const settings = { ...b, monotone: b.monotone ?? opts.nonNegative ?? DOUBT_FEATURES, use: b.use ?? ((f: string) => known.has(f) && !familyCopy.test(f)) };
  let rounds = b.rounds;
  if ((b.stopFolds ?? 0) > 1) {
    const k = b.stopFolds!;
    const held = (e: RiskExample, i: number) => foldOfGroup(e.group ?? String(i), k) === 0;
    const train = examples.filter((e, i) => !held(e, i));
    const valid = examples.filter(held);
    const inner = fitRisk(train, lr.features, opts);
    const { validLoss } = fitBoost(
      train.map((e) => e.features),
      train.map((e) => e.wrong),
      train.map((e) => rawLogit(inner, e.features)),
      settings,
      { xs: valid.map((e) => e.features), wrong: valid.map((e) => e.wrong), base: valid.map((e) => rawLogit(inner, e.features)) },
    );
    rounds = validLoss.indexOf(Math.min(...validLoss));
  }
  if (rounds === 0) return lr;
  const { boosted } = fitBoost(
    examples.map((e) => e.features),
    examples.map((e) => e.wrong),
    examples.map((e) => rawLogit(lr, e.features)),
    { ...settings, rounds },
  );
  return { ...lr, boost: boosted };
}

/** A stable fold of a group name (FNV-1a), the same on every run. */
export function foldOfGroup(group: string, k: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < group.length; i++) h = Math.imul(h ^ group.charCodeAt(i), 0x01000193) >>> 0;
  return h % k;
}

/**
 * Fit the model and recalibrate it per page family: the log-odds of every example come from
 * a model fitted without its document's fold (`folds`-fold), and each family's slope and
 * offset are fitted on those, so the calibration is not fitted on the model's own training fit.
 */
export function fitCalibratedRisk(examples: RiskExample[], opts: FitOptions & { folds?: number; names?: string[] } = {}): RiskModel {
  const model = fitModel(examples, opts.names, opts);
  const k = opts.folds ?? 5;
  // the inner models grow as many trees as the model did (its early stopping is not run again per fold)
  const inner: FitOptions = opts.boost ? { ...opts, boost: { ...opts.boost, rounds: model.boost?.trees.length ?? 0, stopFolds: 0 } } : opts;
  const z = new Array<number>(examples.length).fill(0);
  for (let f = 0; f < k; f++) {
    const inFold = (e: RiskExample, i: number) => foldOfGroup(e.group ?? String(i), k) === f;
    const m = fitModel(
      examples.filter((e, i) => !inFold(e, i)),
      model.features,
      inner,
    );
    examples.forEach((e, i) => {
      if (inFold(e, i)) z[i] = rawLogit(m, e.features);
    });
  }
  const calibration: Partial<Record<Family, Platt>> = {};
  for (const fam of ["text", "receipt", "photo", "scan"] as const) {
    const idx = examples.map((e, i) => (familyOf(e.features) === fam ? i : -1)).filter((i) => i >= 0);
    if (idx.length < 50) continue;
    calibration[fam] = fitPlatt(
      idx.map((i) => z[i]!),
      idx.map((i) => examples[i]!.wrong),
    );
  }
  return { ...model, calibration };
}
