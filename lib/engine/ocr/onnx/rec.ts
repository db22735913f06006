/**
 * PP-OCR line recognition: the line's quad is sampled into a 48-px-high strip, the CTC
 * recogniser gives a character distribution per time step, greedy decoding keeps the
 * peaks, and each character's position along the strip comes from its time steps —
 * mapped back through the line's corners to the page (so every symbol has a box).
 */
import type { Point, Quad } from "../../types";
import { withSeparators } from "./separators";
import { withWordBreaks } from "./spaces";

/** An RGB image in memory (3 bytes a pixel). */
export interface Rgb {
  data: Uint8Array;
  width: number;
  height: number;
}

export const REC_HEIGHT = 48;

/**
 * The quad's pixels as a CHW float tensor of `REC_HEIGHT`×`width`, BGR (PaddleOCR's
 * order), normalized to [-1, 1]; bilinear sampling along the quad's edges.
 */
export function sampleLine(img: Rgb, quad: Quad, width: number): Float32Array {
  const [tl, tr, , bl] = quad;
  const h = REC_HEIGHT;
  const out = new Float32Array(3 * h * width);
  const plane = h * width;
  const { data, width: iw, height: ih } = img;
  // No closures in the pixel loop: this runs ~50k times a line (it was a third of the
  // reader's JS time, mostly allocating and naming per-pixel helpers).
  for (let v = 0; v < h; v++) {
    const fv = (v + 0.5) / h;
    for (let u = 0; u < width; u++) {
      const fu = (u + 0.5) / width;
      const x = tl.x + fu * (tr.x - tl.x) + fv * (bl.x - tl.x) - 0.5;
      const y = tl.y + fu * (tr.y - tl.y) + fv * (bl.y - tl.y) - 0.5;
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      const ax = x - x0;
      const ay = y - y0;
      const xa = x0 < 0 ? 0 : x0 >= iw ? iw - 1 : x0;
      const xb = x0 + 1 < 0 ? 0 : x0 + 1 >= iw ? iw - 1 : x0 + 1;
      const ya = y0 < 0 ? 0 : y0 >= ih ? ih - 1 : y0;
      const yb = y0 + 1 < 0 ? 0 : y0 + 1 >= ih ? ih - 1 : y0 + 1;
      const i00 = (ya * iw + xa) * 3;
      const i10 = (ya * iw + xb) * 3;
      const i01 = (yb * iw + xa) * 3;
      const i11 = (yb * iw + xb) * 3;
      const w00 = (1 - ax) * (1 - ay);
      const w10 = ax * (1 - ay);
      const w01 = (1 - ax) * ay;
      const w11 = ax * ay;
      const o = v * width + u;
      for (let ch = 0; ch < 3; ch++) {
        const val = data[i00 + ch]! * w00 + data[i10 + ch]! * w10 + data[i01 + ch]! * w01 + data[i11 + ch]! * w11;
        // RGB source → BGR planes.
        out[(2 - ch) * plane + o] = val / 127.5 - 1;
      }
    }
  }
  return out;
}

/** One decoded character: its text, probability and span along the strip (0–1). */
export interface CtcChar {
  text: string;
  conf: number;
  u0: number;
  u1: number;
  /** the centre of its peak time steps along the strip (0–1): where the recogniser saw the glyph. */
  peak?: number;
}

/** A run of one class on the greedy CTC path: its first and last time step and its peak probability. */
export interface CtcRun {
  cls: number;
  t0: number;
  t1: number;
  conf: number;
}

/**
 * Greedy CTC decoding of a [T, C] probability matrix (class 0 = blank; class i = dict[i-1]).
 * A character spans from its first peak's time step to its last, widened by half a step
 * each side; neighbours share the gap between them. `spaceProb`: put back word breaks the
 * greedy path left out (spaces.ts; the dictionary's last class is the space). `sepProb`: put back the decimal and
 * group separators of amounts the greedy path dropped (separators.ts).
 */
export function decodeCtc(probs: Float32Array, steps: number, classes: number, dict: string[], o: { spaceProb?: number; sepProb?: number } = {}): CtcChar[] {
  const runs: CtcRun[] = [];
  let prev = 0;
  for (let t = 0; t < steps; t++) {
    let best = 0;
    let bp = -1;
    const row = t * classes;
    for (let c = 0; c < classes; c++) {
      const p = probs[row + c] ?? 0;
      if (p > bp) {
        bp = p;
        best = c;
      }
    }
    if (best !== 0 && best === prev) {
      const r = runs[runs.length - 1]!;
      r.t1 = t;
      r.conf = Math.max(r.conf, bp);
    } else if (best !== 0) runs.push({ cls: best, t0: t, t1: t, conf: bp });
    prev = best;
  }
  let out: CtcChar[] = [];
  for (let k = 0; k < runs.length; k++) {
    const r = runs[k]!;
    const before = runs[k - 1];
    const after = runs[k + 1];
    // Peaks sit near a glyph's centre: extend to halfway to the neighbours (≤ 2 steps).
    const lo = before ? Math.max((before.t1 + r.t0 + 1) / 2, r.t0 - 2) : Math.max(0, r.t0 - 1.5);
    const hi = after ? Math.min((r.t1 + 1 + after.t0) / 2, r.t1 + 3) : Math.min(steps, r.t1 + 2.5);
    out.push({ text: dict[r.cls - 1] ?? "", conf: r.conf, u0: lo / steps, u1: hi / steps, peak: (r.t0 + r.t1 + 1) / 2 / steps });
  }
  let runsOut = runs;
  const [dot, comma] = [dict.indexOf(".") + 1, dict.indexOf(",") + 1];
  if (o.sepProb !== undefined && dot > 0 && comma > 0)
    ({ chars: out, runs: runsOut } = withSeparators(out, runs, { probs, steps, classes }, { dot, comma }, o.sepProb));
  return o.spaceProb === undefined ? out : withWordBreaks(out, runsOut, { probs, steps, classes, spaceCls: dict.length }, o.spaceProb);
}

/** A point at fractions (fu along, fv across) of a quad tl, tr, br, bl. */
export function onQuad(q: Quad, fu: number, fv: number): Point {
  const [tl, tr, br, bl] = q;
  const top = { x: tl.x + fu * (tr.x - tl.x), y: tl.y + fu * (tr.y - tl.y) };
  const bot = { x: bl.x + fu * (br.x - bl.x), y: bl.y + fu * (br.y - bl.y) };
  return { x: top.x + fv * (bot.x - top.x), y: top.y + fv * (bot.y - top.y) };
}
