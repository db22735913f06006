/** Evidence for values the hand-set scores chose (the risk stage reads source, score and margin). */
import type { Evidence } from "../types";

interface Scored {
  text: string;
  score: number;
  value?: number;
  label?: unknown;
}

/** Labelled or by position, and the winner's lead over the best rival of another text (0–1). */
export function candidateEvidence(cands: Scored[], chosen: Scored | undefined = cands[0]): Evidence {
  if (!chosen) return { source: "label", candidates: cands.length };
  const rival = Math.max(0, ...cands.filter((o) => o.text !== chosen.text).map((o) => o.score));
  const margin = chosen.score > 0 ? Math.max(0, Math.min(1, (chosen.score - rival) / chosen.score)) : 0;
  return { source: chosen.label ? "label" : "position", score: Math.max(0, Math.min(1, chosen.score)), margin, candidates: cands.length };
}

/** Subtotal, tax and total that close subtotal + tax = total are confirmed by arithmetic. */
export function totalsEvidence(totals: Record<string, Scored | undefined>, cands: Scored[], chosen: Scored | undefined): Evidence {
  const [S, X, T] = [totals.subtotal?.value, totals.tax?.value, totals.total?.value];
  if (S !== undefined && X !== undefined && T !== undefined && Math.abs(S + X - T) < 0.011)
    return { source: "arithmetic", margin: 1, candidates: cands.length };
  return candidateEvidence(cands, chosen);
}

/** How many independent structures (payment lines, the sum, a repeat, the cash rounding) back a total's pick. */
export function supportCount(ev: Evidence | undefined): number {
  const s = ev?.support;
  return s ? (s.payment ?? 0) + (s.sum ?? 0) + (s.repeat ?? 0) + (s.rounding ?? 0) : 0;
}

/**
 * Whether a re-extraction (after the second pass re-read some words) moved the total to another
 * amount that fewer structures back than the first pick: a re-read that turns "12.00" into
 * "712.00" or drops the digits of the amount the payment lines confirmed is a worse reading, even
 * when no check fails (on a receipt no check covers the total).
 */
export function totalWorse(
  first: { text: string; evidence?: Evidence } | null | undefined,
  next: { text: string; evidence?: Evidence } | null | undefined,
  parse: (t: string) => number | undefined,
): boolean {
  if (!first) return false;
  const [a, b] = [parse(first.text), next ? parse(next.text) : undefined];
  if (a !== undefined && b !== undefined && Math.abs(a - b) < 0.005) return false;
  return supportCount(first.evidence) > supportCount(next?.evidence);
}
