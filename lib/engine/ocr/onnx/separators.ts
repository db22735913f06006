/**
 * Number separators from the CTC output. On a blurred photo PP-OCR's recogniser often drops the decimal point or
 * the thousands comma of an amount ("15099" for "150.99", "110550" for "1,105.50"): the greedy path stays on the
 * digits, though the separator's class clearly rises between them. Put back where that class reaches `minProb`
 * between two digits and the digits after it are an amount's group (two or three, then no digit).
 */
import type { CtcChar, CtcRun } from "./rec";
import type { CtcMatrix } from "./spaces";

/**
 * Separator probability between two digits from which it is put back. 25 synthetic-dev photos' amounts: a dropped
 * separator peaks at 0.15–0.48 (a few at 0.06–0.10), digits with none between them (ids, quantities, dates) stay below
 * 0.02 — measured on the English photos whose amounts the ONNX reading leads (dev-001-0011, -0032, -0047, -0072).
 */
export const SEP_PROB = 0.1;

const digit = (s: string | undefined) => s !== undefined && s >= "0" && s <= "9";

/**
 * `chars` (decoded from `runs`, one each, in order) with a "." or "," (the likelier) put between two digits where
 * its class reaches `minProb` over their steps and two or three digits follow before a non-digit; returns the
 * runs to match. A put-back separator of the same kind as the number's decimal one (the last, before two digits)
 * is its group separator, the other kind ("1.105.50" → "1,105.50").
 */
export function withSeparators(
  chars: CtcChar[],
  runs: CtcRun[],
  m: Omit<CtcMatrix, "spaceCls">,
  cls: { dot: number; comma: number },
  minProb = SEP_PROB,
): { chars: CtcChar[]; runs: CtcRun[] } {
  // The likeliest separator between each two digits, then accepted from the right: two or three digits must follow
  // it before a non-digit or the separator accepted after it ("1{.}105{.}50": both).
  const found: ({ p: number; t: number; cls: number } | null)[] = chars.map((c, k) => {
    const [r, s] = [runs[k], runs[k + 1]];
    if (!r || !s || !digit(c.text) || !digit(chars[k + 1]?.text)) return null;
    let best = { p: 0, t: r.t1, cls: cls.dot };
    for (let t = r.t0; t <= s.t1; t++) {
      for (const c of [cls.dot, cls.comma]) {
        const p = m.probs[t * m.classes + c] ?? 0;
        if (p > best.p) best = { p, t, cls: c };
      }
    }
    return best.p >= minProb ? best : null;
  });
  let follow = 0;
  for (let k = chars.length - 1; k >= 0; k--) {
    if (found[k] && follow !== 2 && follow !== 3) found[k] = null;
    follow = !digit(chars[k]!.text) ? 0 : found[k] ? 1 : follow + 1;
  }
  const outC: CtcChar[] = [];
  const outR: CtcRun[] = [];
  const added: number[] = [];
  for (let k = 0; k < chars.length; k++) {
    outC.push(chars[k]!);
    outR.push(runs[k]!);
    const best = found[k];
    if (!best) continue;
    added.push(outC.length);
    outC.push({ text: best.cls === cls.dot ? "." : ",", conf: best.p, u0: chars[k]!.u1, u1: chars[k + 1]!.u0, peak: (best.t + 0.5) / m.steps });
    outR.push({ cls: best.cls, t0: best.t, t1: best.t, conf: best.p });
  }
  // Within one number: a put-back separator before the decimal one, of its kind, is the group separator.
  for (const i of added) {
    let j = i + 1;
    let dec: string | undefined;
    while (j < outC.length && (digit(outC[j]!.text) || outC[j]!.text === "." || outC[j]!.text === ",")) {
      const t = outC[j]!.text;
      if ((t === "." || t === ",") && digit(outC[j + 1]?.text) && digit(outC[j + 2]?.text) && !digit(outC[j + 3]?.text)) dec = t;
      j++;
    }
    if (dec && outC[i]!.text === dec) {
      const other = dec === "." ? "," : ".";
      outC[i] = { ...outC[i]!, text: other };
      outR[i] = { ...outR[i]!, cls: other === "." ? cls.dot : cls.comma };
    }
  }
  return { chars: outC, runs: outR };
}
