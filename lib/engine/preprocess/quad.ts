/**
 * Page quad detection for photos: the four corners of the sheet of paper, so the sheet can
 * be warped to an upright rectangle (deskew + perspective correction in one step).
 *
 * 1. Coarse: the flood-filled paper mask (paper.ts); its extreme cells along the two
 *    diagonals (x+y, x−y) are the corners to within a grid cell or two.
 * 2. Fine: along each coarse edge, profiles across the edge at full resolution locate the
 *    paper→background step; a trimmed total-least-squares line through those points is
 *    the edge, and adjacent edges intersect at the corners.
 * 3. Sanity: convex, big enough, near-right angles, fine corners near the coarse ones, and
 *    each edge found along most of its length. Otherwise null (callers fall back).
 */
import type { Point, Quad } from "../types";
import { paperMask } from "./paper";
import type { Grey } from "./raster";

export interface PageQuad {
  /** tl, tr, br, bl in image pixels (continuous coordinates). */
  corners: Quad;
  /** share of edge profiles that agreed with the fitted edges (0–1). */
  support: number;
}

export interface QuadOptions {
  /** profiles per edge (default 48). */
  samples?: number;
  /** minimum paper−background step in grey levels (default 10). */
  minStep?: number;
  /** interior angles must lie within 90° ± this (default 25). */
  maxAngleDev?: number;
  /** coarse mask: paper is at least this share of the brightest cell nearby (default 0.88). */
  localRatio?: number;
  /** minimum share of the image the sheet covers (default 0.2). */
  minArea?: number;
}

interface Line {
  /** a point on the line and its unit direction. */
  c: Point;
  d: Point;
}

/** The sheet's corners in a photo, or null when not clearly found. */
export function findPageQuad(img: Grey, opts: QuadOptions = {}): PageQuad | null {
  const m = paperMask(img, { localRatio: opts.localRatio ?? 0.88 });
  if (!m) return null;
  const { cell, gw, gh, mask } = m;
  // 1. Coarse corners: extreme paper cells along the diagonals (cell corners, outermost).
  let tl = { v: Infinity, p: { x: 0, y: 0 } };
  let br = { v: -Infinity, p: { x: 0, y: 0 } };
  let tr = { v: -Infinity, p: { x: 0, y: 0 } };
  let bl = { v: Infinity, p: { x: 0, y: 0 } };
  for (let gy = 0; gy < gh; gy++) {
    for (let gx = 0; gx < gw; gx++) {
      if (!mask[gy * gw + gx]) continue;
      const x = (gx + 0.5) * cell;
      const y = (gy + 0.5) * cell;
      if (x + y < tl.v) tl = { v: x + y, p: { x: gx * cell, y: gy * cell } };
      if (x + y > br.v) br = { v: x + y, p: { x: (gx + 1) * cell, y: (gy + 1) * cell } };
      if (x - y > tr.v) tr = { v: x - y, p: { x: (gx + 1) * cell, y: gy * cell } };
      if (x - y < bl.v) bl = { v: x - y, p: { x: gx * cell, y: (gy + 1) * cell } };
    }
  }
  const coarse: Quad = [tl.p, tr.p, br.p, bl.p];
  if (!isConvex(coarse)) return null;

  // 2. Fine edges.
  const centre = {
    x: (coarse[0].x + coarse[1].x + coarse[2].x + coarse[3].x) / 4,
    y: (coarse[0].y + coarse[1].y + coarse[2].y + coarse[3].y) / 4,
  };
  const reach = Math.max(8, Math.round(cell * 2.5));
  const lines: Line[] = [];
  let support = 0;
  for (let e = 0; e < 4; e++) {
    const a = coarse[e]!;
    const b = coarse[(e + 1) % 4]!;
    const fit = refineEdge(img, a, b, centre, reach, opts);
    if (!fit) return null;
    lines.push(fit.line);
    support += fit.support / 4;
  }
  const corners: Point[] = [];
  for (let e = 0; e < 4; e++) {
    // corner e joins edge e−1 (ending there) and edge e (starting there).
    const p = intersect(lines[(e + 3) % 4]!, lines[e]!);
    if (!p) return null;
    corners.push(p);
  }
  const quad = corners as Quad;

  // 3. Sanity.
  const maxDev = opts.maxAngleDev ?? 25;
  if (!isConvex(quad)) return null;
  for (let i = 0; i < 4; i++) {
    if (Math.hypot(quad[i]!.x - coarse[i]!.x, quad[i]!.y - coarse[i]!.y) > reach + 2 * cell) return null;
    const ang = cornerAngle(quad[(i + 3) % 4]!, quad[i]!, quad[(i + 1) % 4]!);
    if (Math.abs(ang - 90) > maxDev) return null;
    // A corner beyond the frame means the sheet is cut off: the edge there is the frame.
    const tol = 0.01 * Math.max(img.width, img.height);
    if (quad[i]!.x < -tol || quad[i]!.y < -tol || quad[i]!.x > img.width + tol || quad[i]!.y > img.height + tol) return null;
  }
  const area = polygonArea(quad);
  if (area < (opts.minArea ?? 0.2) * img.width * img.height) return null;
  return { corners: quad, support };
}

/** Locate one edge of the sheet between coarse corners a → b (paper on `inside`'s side). */
function refineEdge(img: Grey, a: Point, b: Point, inside: Point, reach: number, opts: QuadOptions): { line: Line; support: number } | null {
  const n = opts.samples ?? 48;
  const minStep = opts.minStep ?? 10;
  const len = Math.hypot(b.x - a.x, b.y - a.y);
  if (len < 20) return null;
  const t = { x: (b.x - a.x) / len, y: (b.y - a.y) / len };
  let nrm = { x: -t.y, y: t.x };
  const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  if ((inside.x - mid.x) * nrm.x + (inside.y - mid.y) * nrm.y > 0) nrm = { x: -nrm.x, y: -nrm.y };
  // nrm points outward (from paper to background).
  const kin = 3;
  const kout = 8;
  const half = 4; // tangential averaging: ±half px smooths text and noise
  const prof = new Float64Array(2 * reach + 1);
  const valid = new Uint8Array(2 * reach + 1);
  const pts: Point[] = [];
  const { data, width, height } = img;
  for (let k = 0; k < n; k++) {
    const u = 0.06 + (0.88 * k) / (n - 1);
    const p = { x: a.x + (b.x - a.x) * u, y: a.y + (b.y - a.y) * u };
    for (let s = -reach; s <= reach; s++) {
      let sum = 0;
      let cnt = 0;
      for (let w = -half; w <= half; w++) {
        const x = Math.floor(p.x + nrm.x * s + t.x * w);
        const y = Math.floor(p.y + nrm.y * s + t.y * w);
        if (x < 0 || y < 0 || x >= width || y >= height) continue;
        sum += data[y * width + x]!;
        cnt++;
      }
      prof[s + reach] = cnt ? sum / cnt : 0;
      valid[s + reach] = cnt > half ? 1 : 0;
    }
    // The step: bright just inside, dark over a longer stretch outside (text strokes are
    // thin, so paper follows them again; the background does not).
    let best = minStep;
    let at = Number.NaN;
    for (let i = kin; i + kout < prof.length; i++) {
      let inS = 0;
      let outS = 0;
      let ok = true;
      for (let j = 1; j <= kin && ok; j++) {
        ok = valid[i - j] === 1;
        inS += prof[i - j]!;
      }
      for (let j = 1; j <= kout && ok; j++) {
        ok = valid[i + j] === 1;
        outS += prof[i + j]!;
      }
      if (!ok) continue;
      const step = inS / kin - outS / kout;
      if (step > best) {
        best = step;
        at = i;
      }
    }
    if (Number.isNaN(at)) continue;
    // Sub-pixel: the middle of the transition pixel.
    const s = at - reach + 0.5;
    pts.push({ x: p.x + nrm.x * s, y: p.y + nrm.y * s });
  }
  if (pts.length < n * 0.4) return null;
  // Trimmed total least squares.
  let kept = pts;
  let line = fitLine(kept);
  for (let it = 0; it < 4; it++) {
    const res = pts.map((q) => Math.abs((q.x - line.c.x) * line.d.y - (q.y - line.c.y) * line.d.x));
    const sorted = [...res].sort((x, y) => x - y);
    const mad = sorted[Math.floor(sorted.length / 2)]!;
    const tol = Math.max(1.5, 3 * 1.4826 * mad);
    const next = pts.filter((_, i) => res[i]! <= tol);
    if (next.length < 2) return null;
    kept = next;
    line = fitLine(kept);
  }
  if (kept.length < n * 0.4) return null;
  return { line, support: kept.length / n };
}

function fitLine(pts: Point[]): Line {
  let cx = 0;
  let cy = 0;
  for (const p of pts) {
    cx += p.x;
    cy += p.y;
  }
  cx /= pts.length;
  cy /= pts.length;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const p of pts) {
    const dx = p.x - cx;
    const dy = p.y - cy;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  // Principal axis of the scatter.
  const theta = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  return { c: { x: cx, y: cy }, d: { x: Math.cos(theta), y: Math.sin(theta) } };
}

function intersect(l1: Line, l2: Line): Point | null {
  const den = l1.d.x * l2.d.y - l1.d.y * l2.d.x;
  if (Math.abs(den) < 1e-9) return null;
  const t = ((l2.c.x - l1.c.x) * l2.d.y - (l2.c.y - l1.c.y) * l2.d.x) / den;
  return { x: l1.c.x + t * l1.d.x, y: l1.c.y + t * l1.d.y };
}

/** Interior angle at b (degrees) of the corner a–b–c. */
function cornerAngle(a: Point, b: Point, c: Point): number {
  const v1 = { x: a.x - b.x, y: a.y - b.y };
  const v2 = { x: c.x - b.x, y: c.y - b.y };
  const cos = (v1.x * v2.x + v1.y * v2.y) / (Math.hypot(v1.x, v1.y) * Math.hypot(v2.x, v2.y) || 1);
  return (Math.acos(Math.max(-1, Math.min(1, cos))) * 180) / Math.PI;
}

/** Clockwise on screen (y down) and convex: all cross products positive. */
function isConvex(q: Quad): boolean {
  for (let i = 0; i < 4; i++) {
    const a = q[i]!;
    const b = q[(i + 1) % 4]!;
    const c = q[(i + 2) % 4]!;
    const cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
    if (!(cross > 0)) return false;
  }
  return true;
}

export function polygonArea(q: readonly Point[]): number {
  let s = 0;
  for (let i = 0; i < q.length; i++) {
    const a = q[i]!;
    const b = q[(i + 1) % q.length]!;
    s += a.x * b.y - b.x * a.y;
  }
  return Math.abs(s) / 2;
}
