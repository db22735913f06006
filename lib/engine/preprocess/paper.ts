/**
 * Find the sheet of paper in a photo: the bright connected region around the centre.
 * Cropping to it drops the desk/fabric background, which Tesseract otherwise reads as
 * rows of noise that also disturb its line finding and deskew.
 */
import type { Grey } from "./raster";
import type { Rect } from "./segment";

/**
 * Otsu's split of a 256-bin grey histogram holding `n` pixels: the cut maximising the between-class variance (pixels
 * ≤ cut are the dark class) and the two classes' means; null when every pixel has one value (no split).
 */
export function otsuSplit(hist: Float64Array, n: number): { cut: number; m0: number; m1: number } | null {
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * (hist[i] ?? 0);
  let [w0, s0, best] = [0, 0, -1];
  let split: { cut: number; m0: number; m1: number } | null = null;
  for (let t = 0; t < 255; t++) {
    w0 += hist[t] ?? 0;
    s0 += t * (hist[t] ?? 0);
    if (w0 === 0 || w0 === n) continue;
    const [m0, m1] = [s0 / w0, (sum - s0) / (n - w0)];
    const between = w0 * (n - w0) * (m1 - m0) ** 2;
    if (between > best) [best, split] = [between, { cut: t, m0, m1 }];
  }
  return split;
}

/** Otsu threshold of a greyscale image (128 for an image of one grey). */
export function otsu(img: Grey): number {
  const hist = new Float64Array(256);
  for (const v of img.data) hist[v] = (hist[v] ?? 0) + 1;
  return otsuSplit(hist, img.data.length)?.cut ?? 128;
}

/** The flood-filled paper region on a coarse grid of block means. */
export interface PaperMask {
  /** grid cell size in image pixels. */
  cell: number;
  gw: number;
  gh: number;
  /** 1 for grid cells of the paper region. */
  mask: Uint8Array;
  /** paper cells. */
  count: number;
  /** grid bounds of the region (inclusive). */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PaperMaskOptions {
  /**
   * Local threshold: a cell is paper when at least this share of the brightest cell within
   * `radius` cells (the paper nearby). Copes with lighting that makes lit background
   * brighter than shaded paper. 0 (default) = one global Otsu threshold.
   */
  localRatio?: number;
  /** neighbourhood radius in cells for the local threshold (default 12). */
  radius?: number;
}

/** Mean grey of square cells, `cells` of them along the image's long side; null when the grid is under 10×10. */
export function blockMeans(img: Grey, cells: number): { grid: Uint8Array; gw: number; gh: number; cell: number } | null {
  const cell = Math.max(1, Math.round(Math.max(img.width, img.height) / cells));
  const gw = Math.floor(img.width / cell);
  const gh = Math.floor(img.height / cell);
  if (gw < 10 || gh < 10) return null;
  const grid = new Uint8Array(gw * gh);
  for (let gy = 0; gy < gh; gy++) {
    for (let gx = 0; gx < gw; gx++) {
      let s = 0;
      for (let y = gy * cell; y < (gy + 1) * cell; y++) {
        for (let x = gx * cell; x < (gx + 1) * cell; x++) s += img.data[y * img.width + x] ?? 0;
      }
      grid[gy * gw + gx] = Math.round(s / (cell * cell));
    }
  }
  return { grid, gw, gh, cell };
}

/** The bright connected region around the centre, or null when it is not clearly found. */
export function paperMask(img: Grey, opts: PaperMaskOptions = {}): PaperMask | null {
  // Work on a coarse grid: block means smooth out the text on the paper.
  const blocks = blockMeans(img, 150);
  if (!blocks) return null;
  const { grid, gw, gh, cell } = blocks;
  const thr = otsu({ data: grid, width: gw, height: gh });
  const local = opts.localRatio ? localMax(grid, gw, gh, opts.radius ?? 12) : null;
  const ratio = opts.localRatio ?? 0;
  const bright = local ? (j: number) => (grid[j] ?? 0) >= ratio * (local[j] ?? 0) : (j: number) => (grid[j] ?? 0) > thr;
  // Flood fill the bright region that contains the brightest cell near the centre.
  let seed = -1;
  let bestV = -1;
  for (let gy = Math.floor(gh * 0.4); gy < Math.ceil(gh * 0.6); gy++) {
    for (let gx = Math.floor(gw * 0.4); gx < Math.ceil(gw * 0.6); gx++) {
      const v = grid[gy * gw + gx] ?? 0;
      if (v > bestV) {
        bestV = v;
        seed = gy * gw + gx;
      }
    }
  }
  if (seed < 0 || !bright(seed)) return null;
  const seen = new Uint8Array(gw * gh);
  const stack = [seed];
  seen[seed] = 1;
  let x0 = gw;
  let y0 = gh;
  let x1 = 0;
  let y1 = 0;
  let count = 0;
  while (stack.length > 0) {
    const i = stack.pop() ?? 0;
    const x = i % gw;
    const y = Math.floor(i / gw);
    count++;
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
    for (const [dx, dy] of [
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
    ] as const) {
      const nx = x + dx;
      const ny = y + dy;
      if (nx < 0 || ny < 0 || nx >= gw || ny >= gh) continue;
      const j = ny * gw + nx;
      if (!seen[j] && bright(j)) {
        seen[j] = 1;
        stack.push(j);
      }
    }
  }
  // Too small (a bright patch) or everything (no background): no paper.
  if (count < gw * gh * 0.2 || count > gw * gh * 0.97) return null;
  return { cell, gw, gh, mask: seen, count, x0, y0, x1, y1 };
}

/** Max filter over a (2r+1)² window, separable. */
function localMax(grid: Uint8Array, gw: number, gh: number, r: number): Uint8Array {
  const tmp = new Uint8Array(gw * gh);
  const out = new Uint8Array(gw * gh);
  for (let y = 0; y < gh; y++) {
    for (let x = 0; x < gw; x++) {
      let m = 0;
      for (let k = Math.max(0, x - r); k <= Math.min(gw - 1, x + r); k++) m = Math.max(m, grid[y * gw + k] ?? 0);
      tmp[y * gw + x] = m;
    }
  }
  for (let x = 0; x < gw; x++) {
    for (let y = 0; y < gh; y++) {
      let m = 0;
      for (let k = Math.max(0, y - r); k <= Math.min(gh - 1, y + r); k++) m = Math.max(m, tmp[k * gw + x] ?? 0);
      out[y * gw + x] = m;
    }
  }
  return out;
}

/** Bounding box of the paper (in `img` pixels), or null when it is not clearly found. */
export function findPaper(img: Grey): Rect | null {
  const m = paperMask(img);
  if (!m) return null;
  const { cell } = m;
  const pad = 2;
  return {
    x0: Math.max(0, (m.x0 - pad) * cell),
    y0: Math.max(0, (m.y0 - pad) * cell),
    x1: Math.min(img.width, (m.x1 + 1 + pad) * cell),
    y1: Math.min(img.height, (m.y1 + 1 + pad) * cell),
  };
}
