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
