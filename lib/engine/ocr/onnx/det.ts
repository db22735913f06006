/**
 * PP-OCR text-line detection (DB): a probability map of "text here", thresholded into
 * connected regions; each region becomes an oriented rectangle (principal axes of its
 * pixels), grown by the DB "unclip" margin the model was trained to shrink away.
 */
import type { Point, Quad } from "../../types";

export interface DetOptions {
  /** pixels above this probability are text (default 0.3). */
  threshold?: number;
  /** regions whose mean probability is lower are dropped (default 0.6). */
  boxThreshold?: number;
  /** growth of the shrunk region: area × ratio / perimeter (default 1.6). */
  unclipRatio?: number;
}

/** One detected text line: corners tl, tr, br, bl in input pixels, and its score. */
export interface DetBox {
  quad: Quad;
  score: number;
  /** long side (along the text) and short side, px. */
  length: number;
  height: number;
}

/** Regions of a `w`×`h` probability map, scaled by (sx, sy) back to the input image. */
export function boxesFromMap(prob: Float32Array, w: number, h: number, sx: number, sy: number, opts: DetOptions = {}): DetBox[] {
  const thr = opts.threshold ?? 0.3;
  const seen = new Uint8Array(w * h);
  const out: DetBox[] = [];
  const stack: number[] = [];
  const xs: number[] = [];
  const ys: number[] = [];
  for (let s = 0; s < w * h; s++) {
    if (seen[s] || (prob[s] ?? 0) <= thr) continue;
    xs.length = 0;
    ys.length = 0;
    let sum = 0;
    seen[s] = 1;
    stack.push(s);
    while (stack.length > 0) {
      const i = stack.pop() ?? 0;
      const x = i % w;
      const y = (i - x) / w;
      xs.push(x);
      ys.push(y);
      sum += prob[i] ?? 0;
      const nb = [x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1];
      for (const j of nb) {
        if (j >= 0 && !seen[j] && (prob[j] ?? 0) > thr) {
          seen[j] = 1;
          stack.push(j);
        }
      }
    }
    // Degenerate regions (a few pixels, a hairline) are never read.
    if (xs.length < 6 || sum / xs.length < (opts.boxThreshold ?? 0.6)) continue;
    const box = orientedBox(xs, ys, opts.unclipRatio ?? 1.6);
    if (!box || box.height < 2) continue;
    const quad = box.quad.map((p) => ({ x: p.x * sx, y: p.y * sy })) as Quad;
    out.push({ quad, score: sum / xs.length, length: box.length * sx, height: box.height * sy });
  }
  return out;
}

/** The region's rectangle along its principal axis, grown by the unclip margin (map px). */
function orientedBox(xs: number[], ys: number[], ratio: number): { quad: Quad; length: number; height: number } | null {
  const n = xs.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i] ?? 0;
    my += ys[i] ?? 0;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    const dy = (ys[i] ?? 0) - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  // Text lines run left to right: keep the axis within ±45° of horizontal.
  let theta = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  if (Math.abs(theta) > Math.PI / 4) theta = 0;
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  let u0 = Infinity;
  let u1 = -Infinity;
  let v0 = Infinity;
  let v1 = -Infinity;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    const dy = (ys[i] ?? 0) - my;
    const u = dx * c + dy * s;
    const v = -dx * s + dy * c;
    if (u < u0) u0 = u;
    if (u > u1) u1 = u;
    if (v < v0) v0 = v;
    if (v > v1) v1 = v;
  }
  // Pixel extents are centres: the region spans half a pixel more each way.
  let len = u1 - u0 + 1;
  let hgt = v1 - v0 + 1;
  // A region one map pixel thin is a rule or a scanner edge, never a readable line.
  if (hgt < 2 || len < 3) return null;
  const d = (len * hgt * ratio) / (2 * (len + hgt));
  u0 -= d + 0.5;
  u1 += d - 0.5;
  v0 -= d + 0.5;
  v1 += d - 0.5;
  len = u1 - u0 + 1;
  hgt = v1 - v0 + 1;
  if (len < 3 || hgt < 2) return null;
  const at = (u: number, v: number): Point => ({ x: mx + 0.5 + u * c - v * s, y: my + 0.5 + u * s + v * c });
  return { quad: [at(u0, v0), at(u1 + 1, v0), at(u1 + 1, v1 + 1), at(u0, v1 + 1)], length: len, height: hgt };
}
