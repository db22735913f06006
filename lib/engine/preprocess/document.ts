/**
 * Find a document lying on a larger sheet: a receipt on a flatbed scan (the rest is the
 * scanner lid), a page photographed on a desk. Reading the whole sheet costs Tesseract
 * minutes on the lid's texture and show-through for nothing; the document is the largest
 * bright connected region, wherever it lies (the paper finder only looks at the centre).
 */
import { otsu } from "./paper";
import type { Grey } from "./raster";
import type { Rect } from "./segment";

export interface FindDocumentOptions {
  /** cells along the long side of the coarse grid (default 200). */
  cells?: number;
  /** minimum grey-level gap between paper and background (default 8: a bright lid is ~10 below receipt paper). */
  minContrast?: number;
  /** a region covering more than this share of the sheet is the whole sheet: no crop (default 0.8). */
  maxShare?: number;
  /** … and one under this share is a bright patch, not a document (default 0.02). */
  minShare?: number;
}

interface Box {
  count: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Bounding box (image pixels, padded) of the document on the sheet, or null when none stands out. */
export function findDocument(img: Grey, opts: FindDocumentOptions = {}): Rect | null {
  const cell = Math.max(1, Math.round(Math.max(img.width, img.height) / (opts.cells ?? 200)));
  const gw = Math.floor(img.width / cell);
  const gh = Math.floor(img.height / cell);
  if (gw < 10 || gh < 10) return null;
  // Block means smooth the text out of the paper; a block whose darkest pixel is far below
  // its mean holds ink (text), which a lid or a desk rarely does.
  const grid = new Uint8Array(gw * gh);
  const ink = new Uint8Array(gw * gh);
  for (let gy = 0; gy < gh; gy++) {
    for (let gx = 0; gx < gw; gx++) {
      let s = 0;
      let min = 255;
      for (let y = gy * cell; y < (gy + 1) * cell; y++) {
        const row = y * img.width;
        for (let x = gx * cell; x < (gx + 1) * cell; x++) {
          const v = img.data[row + x] ?? 0;
          s += v;
          if (v < min) min = v;
        }
      }
      const mean = s / (cell * cell);
      grid[gy * gw + gx] = Math.round(mean);
      if (mean - min < 60) continue;
      // Strokes, not a speck of dust: a few percent of the block well below its mean.
      let dark = 0;
      for (let y = gy * cell; y < (gy + 1) * cell; y++) {
        const row = y * img.width;
        for (let x = gx * cell; x < (gx + 1) * cell; x++) if ((img.data[row + x] ?? 0) < mean - 50) dark++;
      }
      ink[gy * gw + gx] = dark >= 0.04 * cell * cell ? 1 : 0;
    }
  }
  // Candidate paper levels: Otsu, then Otsu again inside the bright class (the scanner's
  // dark edge can take the first split, a bright lid the second).
  const thresholds: number[] = [otsu({ data: grid, width: gw, height: gh })];
  for (let k = 0; k < 2; k++) {
    const above = grid.filter((v) => v > (thresholds[k] ?? 255));
    if (above.length < grid.length * (opts.minShare ?? 0.02)) break;
    thresholds.push(otsu({ data: above, width: above.length, height: 1 }));
  }
  // Ink next to the darkest class is the edge of the scanner's lid or a desk, not text.
  const t0 = thresholds[0] ?? 0;
  for (let gy = 0; gy < gh; gy++) {
    for (let gx = 0; gx < gw; gx++) {
      const i = gy * gw + gx;
      if (!ink[i]) continue;
      const nb = [gx > 0 ? i - 1 : i, gx < gw - 1 ? i + 1 : i, gy > 0 ? i - gw : i, gy < gh - 1 ? i + gw : i];
      if (nb.some((j) => (grid[j] ?? 0) <= t0)) ink[i] = 0;
    }
  }
  const found: { box: Box; ink: number }[] = [];
  for (const thr of thresholds) {
    const box = documentAt(grid, gw, gh, thr, opts);
    if (!box) continue;
    let n = 0;
    for (let gy = box.y0; gy <= box.y1; gy++) for (let gx = box.x0; gx <= box.x1; gx++) n += ink[gy * gw + gx] ?? 0;
    found.push({ box, ink: n });
  }
  if (found.length === 0) return null;
  // The tightest candidate that still holds (nearly) all the ink the loosest one holds:
  // a lid is left out, a page's own shading never cuts text off.
  const most = Math.max(...found.map((f) => f.ink));
  const area = (b: Box) => (b.x1 - b.x0 + 1) * (b.y1 - b.y0 + 1);
  const best = found.filter((f) => f.ink >= 0.97 * most).sort((a, b) => area(a.box) - area(b.box))[0]!.box;
  // A margin of background stays around the sheet: the photo path finds its corners there.
  const pad = 2 + Math.round(0.08 * Math.max(best.x1 - best.x0, best.y1 - best.y0));
  return {
    x0: Math.max(0, (best.x0 - pad) * cell),
    y0: Math.max(0, (best.y0 - pad) * cell),
    x1: Math.min(img.width, (best.x1 + 1 + pad) * cell),
    y1: Math.min(img.height, (best.y1 + 1 + pad) * cell),
  };
}

/** The largest bright component above `thr` when it looks like a document on a background. */
export function documentAt(grid: Uint8Array, gw: number, gh: number, thr: number, opts: FindDocumentOptions): Box | null {
  let sumB = 0;
  let nB = 0;
  let sumD = 0;
  for (const v of grid) {
    if (v > thr) {
      sumB += v;
      nB++;
    } else sumD += v;
  }
  const nD = grid.length - nB;
  if (nB === 0 || nD === 0 || sumB / nB - sumD / nD < (opts.minContrast ?? 8)) return null;
  // Largest 4-connected bright component.
  const seen = new Uint8Array(gw * gh);
  let best: Box = { count: 0, x0: 0, y0: 0, x1: 0, y1: 0 };
  const stack: number[] = [];
  for (let s = 0; s < grid.length; s++) {
    if (seen[s] || (grid[s] ?? 0) <= thr) continue;
    const c: Box = { count: 0, x0: gw, y0: gh, x1: 0, y1: 0 };
    seen[s] = 1;
    stack.push(s);
    while (stack.length > 0) {
      const i = stack.pop() ?? 0;
      const x = i % gw;
      const y = (i - x) / gw;
      c.count++;
      if (x < c.x0) c.x0 = x;
      if (x > c.x1) c.x1 = x;
      if (y < c.y0) c.y0 = y;
      if (y > c.y1) c.y1 = y;
      const nb = [x > 0 ? i - 1 : -1, x < gw - 1 ? i + 1 : -1, y > 0 ? i - gw : -1, y < gh - 1 ? i + gw : -1];
      for (const j of nb) {
        if (j >= 0 && !seen[j] && (grid[j] ?? 0) > thr) {
          seen[j] = 1;
          stack.push(j);
        }
      }
    }
    if (c.count > best.count) best = c;
  }
  const total = gw * gh;
  const boxArea = (best.x1 - best.x0 + 1) * (best.y1 - best.y0 + 1);
  if (best.count < total * (opts.minShare ?? 0.02) || boxArea > total * (opts.maxShare ?? 0.8)) return null;
  // A document is a solid sheet (text lines leave holes, not most of its box empty) …
  if (best.count < 0.5 * boxArea) return null;
  // … on a background: the sheet outside its box is mostly dark.
  let darkOutside = 0;
  for (let gy = 0; gy < gh; gy++) {
    for (let gx = 0; gx < gw; gx++) {
      const inside = gx >= best.x0 && gx <= best.x1 && gy >= best.y0 && gy <= best.y1;
      if (!inside && (grid[gy * gw + gx] ?? 0) <= thr) darkOutside++;
    }
  }
  return darkOutside < 0.6 * (total - boxArea) ? null : best;
}

/** The image's pixels inside `r`. */
export function cropGrey(img: Grey, r: Rect): Grey {
  const w = r.x1 - r.x0;
  const h = r.y1 - r.y0;
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) data.set(img.data.subarray((r.y0 + y) * img.width + r.x0, (r.y0 + y) * img.width + r.x1), y * w);
  return { data, width: w, height: h };
}

/**
 * Text height in pixels: the median of line heights measured in vertical strips. A skewed
 * or noisy photo merges rows across the full width; narrow strips keep them apart.
 */
export function textHeight(img: Grey, lineHeight: (g: Grey) => number, strips = 6): number {
  const hs: number[] = [];
  const n = Math.max(1, Math.min(strips, Math.floor(img.width / 40)));
  for (let i = 0; i < n; i++) {
    const x0 = Math.floor((i * img.width) / n);
    const x1 = Math.floor(((i + 1) * img.width) / n);
    hs.push(lineHeight(cropGrey(img, { x0, y0: 0, x1, y1: img.height })));
  }
  hs.sort((a, b) => a - b);
  return hs[Math.floor(hs.length / 2)] ?? lineHeight(img);
}
