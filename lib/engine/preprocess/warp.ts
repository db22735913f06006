/**
 * Plane projective geometry for photos: the homography between the upright sheet and the
 * photo, and a perspective warp over greyscale rasters (sharp has none).
 *
 * Coordinates are continuous pixel coordinates: pixel (i, j) covers [i, i+1) × [j, j+1),
 * its centre is (i + 0.5, j + 0.5). Every mapping in preprocess uses this convention.
 */
import type { Point } from "../types";
import type { Grey } from "./raster";

/** A 3×3 matrix, row-major. */
export type Mat3 = [number, number, number, number, number, number, number, number, number];

/** Apply a homography to a point. */
export function applyH(h: Mat3, p: Point): Point {
  const w = h[6] * p.x + h[7] * p.y + h[8];
  return { x: (h[0] * p.x + h[1] * p.y + h[2]) / w, y: (h[3] * p.x + h[4] * p.y + h[5]) / w };
}

/** The homography that maps each `from[i]` to `to[i]` (four point pairs, no three collinear). */
export function homography(from: readonly Point[], to: readonly Point[]): Mat3 {
  // h8 = 1: eight unknowns, two equations per pair.
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = from[i]!;
    const { x: u, y: v } = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  const s = solve(a);
  return [s[0]!, s[1]!, s[2]!, s[3]!, s[4]!, s[5]!, s[6]!, s[7]!, 1];
}

/** Inverse of a 3×3 matrix (adjugate / determinant), normalised so h[8] = 1 when possible. */
export function invertH(m: Mat3): Mat3 {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  const r: Mat3 = [A, -(b * i - c * h), b * f - c * e, B, a * i - c * g, -(a * f - c * d), C, -(a * h - b * g), a * e - b * d];
  const k = Math.abs(r[8]) > 1e-12 ? r[8] : det;
  return r.map((v) => v / k) as Mat3;
}

/** Gaussian elimination with partial pivoting on an augmented n×(n+1) matrix. */
function solve(m: number[][]): number[] {
  const n = m.length;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const piv = m[c]![c]!;
    if (Math.abs(piv) < 1e-12) throw new Error("homography: degenerate points");
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / piv;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

export interface WarpOptions {
  /** grey level for samples outside the source (default 255: paper). */
  fill?: number;
  /** "bilinear" (default) or "bicubic" (Catmull-Rom: sharper when upscaling). */
  kernel?: "bilinear" | "bicubic";
}

/**
 * Resample `src` into a `width`×`height` raster: output pixel centre q is read from the
 * source at `toSrc(q)` (a homography from output to source coordinates).
 */
export function warpPerspective(src: Grey, toSrc: Mat3, width: number, height: number, opts: WarpOptions = {}): Grey {
  const fill = opts.fill ?? 255;
  const cubic = opts.kernel === "bicubic";
  const { data: s, width: sw, height: sh } = src;
  const out = new Uint8Array(width * height);
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = toSrc;
  const wx = new Float64Array(4);
  const wy = new Float64Array(4);
  for (let j = 0; j < height; j++) {
    const y = j + 0.5;
    for (let i = 0; i < width; i++) {
      const x = i + 0.5;
      const w = h6 * x + h7 * y + h8;
      // Source pixel-index coordinates (centre of pixel k at k).
      const fx = (h0 * x + h1 * y + h2) / w - 0.5;
      const fy = (h3 * x + h4 * y + h5) / w - 0.5;
      const ix = Math.floor(fx);
      const iy = Math.floor(fy);
      const tx = fx - ix;
      const ty = fy - iy;
      let v: number;
      if (ix < -1 || iy < -1 || ix >= sw || iy >= sh) {
        v = fill;
      } else if (!cubic || ix < 1 || iy < 1 || ix + 2 >= sw || iy + 2 >= sh) {
        const x0 = Math.max(0, ix);
        const x1 = Math.min(sw - 1, ix + 1);
        const y0 = Math.max(0, iy);
        const y1 = Math.min(sh - 1, iy + 1);
        const r0 = y0 * sw;
        const r1 = y1 * sw;
        const a = s[r0 + x0]! + (s[r0 + x1]! - s[r0 + x0]!) * tx;
        const b = s[r1 + x0]! + (s[r1 + x1]! - s[r1 + x0]!) * tx;
        v = a + (b - a) * ty;
      } else {
        catmullRom(tx, wx);
        catmullRom(ty, wy);
        let acc = 0;
        for (let k = 0; k < 4; k++) {
          const row = (iy - 1 + k) * sw + ix - 1;
          acc += wy[k]! * (wx[0]! * s[row]! + wx[1]! * s[row + 1]! + wx[2]! * s[row + 2]! + wx[3]! * s[row + 3]!);
        }
        v = acc;
      }
      out[j * width + i] = v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
    }
  }
  return { data: out, width, height };
}

/** Catmull-Rom weights for the four taps around a sample at fraction t. */
function catmullRom(t: number, w: Float64Array): void {
  const t2 = t * t;
  const t3 = t2 * t;
  w[0] = -0.5 * t3 + t2 - 0.5 * t;
  w[1] = 1.5 * t3 - 2.5 * t2 + 1;
  w[2] = -1.5 * t3 + 2 * t2 + 0.5 * t;
  w[3] = 0.5 * t3 - 0.5 * t2;
}

/** The sheet inside `quad` warped to an upright rectangle, and the way back. */
export interface Sheet {
  grey: Grey;
  /** sheet pixels → source pixels. */
  toSource: (p: Point) => Point;
  /** output → source homography. */
  h: Mat3;
  /** mean clockwise angle (radians) of the sheet's top and bottom edges in the source. */
  angle: number;
}

export interface SheetOptions extends WarpOptions {
  /** pixels of the sheet's border to leave out (default 0). */
  inset?: number;
  /** output pixels per source pixel of the sheet (default 1). */
  scale?: number;
}

/**
 * Warp the quadrilateral `quad` (tl, tr, br, bl in `src` pixels) to an upright rectangle
 * whose sides are the mean lengths of the quad's opposite edges (× scale).
 */
export function warpSheet(src: Grey, quad: readonly Point[], opts: SheetOptions = {}): Sheet {
  const [tl, tr, br, bl] = quad as [Point, Point, Point, Point];
  const dist = (a: Point, b: Point) => Math.hypot(b.x - a.x, b.y - a.y);
  const k = opts.scale ?? 1;
  const w = ((dist(tl, tr) + dist(bl, br)) / 2) * k;
  const h = ((dist(tl, bl) + dist(tr, br)) / 2) * k;
  const m = (opts.inset ?? 0) * k;
  const width = Math.max(1, Math.round(w - 2 * m));
  const height = Math.max(1, Math.round(h - 2 * m));
  const hm = homography(
    [
      { x: -m, y: -m },
      { x: w - m, y: -m },
      { x: w - m, y: h - m },
      { x: -m, y: h - m },
    ],
    [tl, tr, br, bl],
  );
  const grey = warpPerspective(src, hm, width, height, opts);
  const angle = (Math.atan2(tr.y - tl.y, tr.x - tl.x) + Math.atan2(br.y - bl.y, br.x - bl.x)) / 2;
  return { grey, toSource: (p) => applyH(hm, p), h: hm, angle };
}
