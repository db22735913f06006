/**
 * A learned ranking of candidate values: a conditional logit (softmax over the candidates of
 * one field in one document) on named features. The rules propose candidates with feature
 * vectors; the model's weights (a JSON file in the repo, refitted by `npm run train -- rank`)
 * decide which candidate is the value. Features are standardised with the fit's mean/std,
 * so weights are comparable and a missing feature counts as its mean.
 */

/** The fitted weights of one field's ranking. */
export interface FieldRanker {
  features: string[];
  weights: number[];
  mean: number[];
  std: number[];
}

/** A ranking model: one ranker per field name, plus how it was fitted. */
export interface RankModel {
  version: 1;
  fields: Record<string, FieldRanker>;
  fitted?: { documents: number; candidates: number; at: string; sources: string[]; cv?: Record<string, unknown> };
}

/** One candidate's features (name → value; absent = the fit's mean). */
export type Features = Record<string, number>;

/** One training group: the candidates of one field in one document and which are right. */
export interface RankGroup {
  doc: string;
  candidates: Features[];
  correct: boolean[];
}

/** Linear scores of the candidates (higher = more likely the value). */
export function rankScores(r: FieldRanker, cands: Features[]): number[] {
  return cands.map((c) => r.features.reduce((s, f, i) => s + (r.weights[i] ?? 0) * (((c[f] ?? r.mean[i] ?? 0) - (r.mean[i] ?? 0)) / (r.std[i] || 1)), 0));
}

/** Softmax probabilities of the candidates. */
export function rankProbabilities(r: FieldRanker, cands: Features[]): number[] {
  const s = rankScores(r, cands);
  const m = Math.max(...s);
  const e = s.map((x) => Math.exp(x - m));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / z);
}

/** The best candidate, its probability and its lead over the runner-up. */
export function pickBest(r: FieldRanker, cands: Features[]): { index: number; p: number; margin: number } | undefined {
  if (cands.length === 0) return undefined;
  const p = rankProbabilities(r, cands);
  let best = 0;
  for (let i = 1; i < p.length; i++) if ((p[i] ?? 0) > (p[best] ?? 0)) best = i;
  const second = Math.max(0, ...p.filter((_, i) => i !== best));
  return { index: best, p: p[best] ?? 0, margin: (p[best] ?? 0) - second };
}

/**
 * Fit one field's ranker: maximise the log-likelihood that the right candidates win their
 * group (groups without a right candidate teach nothing and are skipped), with an L2 penalty.
 * Plain full-batch gradient ascent: a few thousand candidates, a few dozen features.
 */
export function fitRanker(groups: RankGroup[], features: string[], opts: { l2?: number; iterations?: number; rate?: number } = {}): FieldRanker {
  const usable = groups.filter((g) => g.correct.some(Boolean) && g.candidates.length > 1);
  const all = usable.flatMap((g) => g.candidates);
  const mean = features.map((f) => all.reduce((s, c) => s + (c[f] ?? 0), 0) / Math.max(1, all.length));
  const std = features.map((f, i) => Math.sqrt(all.reduce((s, c) => s + ((c[f] ?? 0) - (mean[i] ?? 0)) ** 2, 0) / Math.max(1, all.length)) || 1);
  const X = usable.map((g) => g.candidates.map((c) => features.map((f, i) => ((c[f] ?? 0) - (mean[i] ?? 0)) / (std[i] ?? 1))));
  const w = features.map(() => 0);
  const l2 = opts.l2 ?? 0.01;
  const rate = opts.rate ?? 0.5;
  for (let it = 0; it < (opts.iterations ?? 400); it++) {
    const grad = features.map(() => 0);
    for (const [gi, g] of usable.entries()) {
      const xs = X[gi] ?? [];
      const s = xs.map((x) => x.reduce((a, v, i) => a + v * (w[i] ?? 0), 0));
      const m = Math.max(...s);
      const e = s.map((v) => Math.exp(v - m));
      const z = e.reduce((a, b) => a + b, 0);
      const zc = e.reduce((a, v, i) => a + (g.correct[i] ? v : 0), 0);
      // d/dw log(Σ_right e^s / Σ_all e^s) = E_right[x] − E_all[x]
      for (const [ci, x] of xs.entries()) {
        const coef = (g.correct[ci] ? (e[ci] ?? 0) / zc : 0) - (e[ci] ?? 0) / z;
        for (let i = 0; i < x.length; i++) grad[i] = (grad[i] ?? 0) + coef * (x[i] ?? 0);
      }
    }
    const n = Math.max(1, usable.length);
    for (let i = 0; i < w.length; i++) w[i] = (w[i] ?? 0) + rate * ((grad[i] ?? 0) / n - l2 * (w[i] ?? 0));
  }
  return {
    features,
    weights: w.map((v) => Math.round(v * 1e4) / 1e4),
    mean: mean.map((v) => Math.round(v * 1e4) / 1e4),
    std: std.map((v) => Math.round(v * 1e4) / 1e4),
  };
}
