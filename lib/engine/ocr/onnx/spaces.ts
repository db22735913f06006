/**
 * Word breaks from the CTC output. PP-OCR's recogniser reads a narrow space on a till receipt
 * ("TOTAL 12.50", "Date: 01/02/2018") as blank time steps: the greedy path puts no space there,
 * though the space class clearly rises in those steps. A break is put back between two
 * characters where the space class's probability reaches `minProb` in a blank step between them.
 */
import type { CtcChar } from "./rec";

/**
 * Space-class probability in a blank step between two characters from which they are two words. Fitted on 15
 * SROIE-extra lines (spaces found vs wrongly put); on held-out SROIE lines spaces found 163 → 249 of 269, wrong
 * 4 → 7 (session 11's measurement, docs/accuracy.md #18).
 */
export const SPACE_PROB = 0.05;

/** The recogniser's output matrix [steps, classes] and the space's class index. */
export interface CtcMatrix {
  probs: Float32Array;
  steps: number;
  classes: number;
  spaceCls: number;
}

/** The highest space-class probability in the steps strictly between steps `a` and `b` (between two greedy runs: blanks). */
export function spaceBetween(m: CtcMatrix, a: number, b: number): number {
  let best = 0;
  for (let t = a + 1; t < b; t++) best = Math.max(best, m.probs[t * m.classes + m.spaceCls] ?? 0);
  return best;
}

/**
 * `chars` (decoded from `runs`, one each, in order) with a space put between two non-space characters where the
 * space class reaches `minProb` in the blank steps between their runs. The space spans the gap between them.
 */
export function withWordBreaks(chars: CtcChar[], runs: { cls: number; t0: number; t1: number }[], m: CtcMatrix, minProb = SPACE_PROB): CtcChar[] {
  const out: CtcChar[] = [];
  for (let k = 0; k < chars.length; k++) {
    const c = chars[k]!;
    out.push(c);
    const next = chars[k + 1];
    const [r, s] = [runs[k], runs[k + 1]];
    if (!next || !r || !s || !c.text.trim() || !next.text.trim() || s.t0 - r.t1 < 2) continue;
    const p = spaceBetween(m, r.t1, s.t0);
    if (p >= minProb) out.push({ text: " ", conf: p, u0: c.u1, u1: next.u0 });
  }
  return out;
}
