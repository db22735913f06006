/**
 * How well letterheads tell suppliers apart (bench --memory): every pair of documents, same
 * supplier or not, by their letterhead similarity. Printed per threshold: the share of
 * same-supplier pairs at or above it (recognised) and of other-supplier pairs (confused).
 * LETTERHEAD_MATCH (lib/engine/memory/types.ts) is chosen from one dataset's table and
 * judged on another's.
 */
import { LETTERHEAD_MATCH, letterheadSimilarity, letterheadSpread } from "../../lib/engine/memory";

const THRESHOLDS = [0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7];

export function identityReport(heads: Array<{ owner: string; head: string[] }>) {
  // Weighted by spread as findSupplier does, over every supplier of the set (a space that knows them all).
  const byOwner = new Map<string, string[][]>();
  for (const h of heads) byOwner.set(h.owner, [...(byOwner.get(h.owner) ?? []), h.head]);
  const spread = letterheadSpread([...byOwner.values()]);
  const out: Record<string, unknown> = {};
  for (const [name, weights] of [
    ["plain", undefined],
    ["weighted by spread", spread],
  ] as const) {
    const same: number[] = [];
    const other: number[] = [];
    for (let i = 0; i < heads.length; i++) {
      for (let j = i + 1; j < heads.length; j++) {
        const s = letterheadSimilarity(heads[i]!.head, heads[j]!.head, weights);
        (heads[i]!.owner === heads[j]!.owner ? same : other).push(s);
      }
    }
    const share = (xs: number[], t: number) => (xs.length ? xs.filter((x) => x >= t).length / xs.length : 0);
    const table = THRESHOLDS.map((t) => ({ t, recognised: share(same, t), confused: share(other, t) }));
    console.log(`  letterheads (${name}): ${same.length} same-supplier pairs, ${other.length} other-supplier pairs (shipped threshold ${LETTERHEAD_MATCH})`);
    console.log(`  threshold  ${table.map((r) => r.t.toFixed(2).padStart(6)).join(" ")}`);
    console.log(`  same ≥ t   ${table.map((r) => `${(100 * r.recognised).toFixed(1).padStart(5)}%`).join(" ")}`);
    console.log(`  other ≥ t  ${table.map((r) => `${(100 * r.confused).toFixed(2).padStart(5)}%`).join(" ")}`);
    out[name] = { samePairs: same.length, otherPairs: other.length, table };
  }
  return out;
}
