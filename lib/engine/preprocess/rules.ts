/**
 * Table-rule removal. Ruled forms (Japanese invoices draw every cell border) make
 * Tesseract read rules as `|`, `I`, `[`, merge rows and slow down; dark header cells with
 * white text read as nothing. Long straight dark runs are painted white; thick dark fills
 * are inverted so their white text becomes dark text on white.
 */
import type { Grey } from "./raster";

export interface RuleOptions {
  /** luminance below which a pixel is ink (0–255). */
  threshold?: number;
  /** minimum run length counted as a rule, as a share of the image width/height. */
  minRunShare?: number;
}

interface Rect {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Remove horizontal/vertical rules and invert dark filled cells, in place. */
export function removeRules(img: Grey, opts: RuleOptions = {}): { rules: number; fills: number } {
  const { data, width, height } = img;
  // Light grey rules (#999–#bbb) are read as "|" too; 200 still leaves light cell fills alone.
  const thr = opts.threshold ?? 200;
  const share = opts.minRunShare ?? 0.035;
  // Glyph strokes (a T's bar, "ff") stay well under 40 px at scan resolutions.
  const minH = Math.max(40, Math.round(width * share));
  const minV = Math.max(40, Math.round(height * share * 0.6));
  // Text strokes are thinner than this; thicker horizontal dark bands are fills (or bars).
  const thick = Math.max(6, Math.round(Math.min(width, height) / 180));

  // 1. Horizontal runs → grouped into rectangles across consecutive rows.
  const rects = horizontalRects(img, thr, minH);

  // 2. Vertical runs, found before fills are inverted and horizontal rules whitened
  // (either would cut column rules into cell-high pieces).
  const vertical = verticalRuns(img, thr, minV);

  let fills = 0;
  let rules = 0;
  const thin: Rect[] = [];
  const filled: Rect[] = [];
  for (const r of rects) {
    if (r.y1 - r.y0 < thick) {
      thin.push(r);
      continue;
    }
    growFill(img, r, thr);
    fills++;
    filled.push(r);
    invertFill(img, r, thr);
  }

  // 3. Whiten: each rule plus its anti-aliased fringe, sparing darker glyph pixels.
  for (const r of thin) {
    rules++;
    for (let y = Math.max(0, r.y0 - 1); y < Math.min(height, r.y1 + 1); y++) {
      const core = y >= r.y0 && y < r.y1;
      for (let x = r.x0; x < r.x1; x++) {
        const i = y * width + x;
        const v = data[i] ?? 255;
        if (core ? v < thr || v < 235 : v < 235 && v > thr * 0.5) data[i] = 255;
      }
    }
  }
  const inFill = (x: number, y: number) => filled.some((f) => x >= f.x0 && x < f.x1 && y >= f.y0 && y < f.y1);
  for (const [x, y0, y1] of vertical) {
    rules++;
    for (let y = y0; y < y1; y++) {
      if (inFill(x, y)) continue;
      for (let xx = Math.max(0, x - 1); xx <= Math.min(width - 1, x + 1); xx++) {
        const i = y * width + xx;
        const v = data[i] ?? 255;
        if (xx === x || (v < 235 && v > thr * 0.5)) data[i] = 255;
      }
    }
  }
  whitenFaintRules(img, minH, minV);
  return { rules, fills };
}

/** A dark fill's rows through its white text have broken runs: grow it over neighbouring rows still mostly dark. */
function growFill(img: Grey, r: Rect, thr: number): void {
  const { data, width, height } = img;
  const darkShare = (y: number) => {
    let n = 0;
    for (let x = r.x0; x < r.x1; x++) if ((data[y * width + x] ?? 255) < thr) n++;
    return n / (r.x1 - r.x0);
  };
  while (r.y1 < height && darkShare(r.y1) >= 0.5) r.y1++;
  while (r.y0 > 0 && darkShare(r.y0 - 1) >= 0.5) r.y0--;
}

/** Invert a dark fill in place, stretched so the fill's own colour becomes white paper and its white text dark. */
function invertFill(img: Grey, r: Rect, thr: number): void {
  const { data, width } = img;
  let sum = 0;
  let n = 0;
  for (let y = r.y0; y < r.y1; y++) {
    for (let x = r.x0; x < r.x1; x++) {
      const v = data[y * width + x] ?? 0;
      if (v < thr) {
        sum += v;
        n++;
      }
    }
  }
  const paper = 255 - (n ? sum / n : 0);
  for (let y = r.y0; y < r.y1; y++) {
    for (let x = r.x0; x < r.x1; x++) {
      const i = y * width + x;
      data[i] = Math.min(255, Math.round(((255 - (data[i] ?? 0)) * 255) / Math.max(1, paper)));
    }
  }
}

export interface FillOptions {
  /** luminance below which a pixel is part of a fill (default 96: after a photo's contrast stretch fills are near 0). */
  threshold?: number;
  /** minimum width of a fill as a share of the image width (default 0.1). */
  minWidthShare?: number;
  /** minimum height of a fill in px (default: the image's short side / 100, ≥ 8). */
  minHeight?: number;
}

/**
 * Invert dark filled cells (white text on a dark header row) in place, leaving rules and text alone: the photo
 * preparation, where rule removal is off (a blurred text line reads as a rule). Such a fill also costs the text
 * around it: tesseract's global Otsu threshold falls between the fill's black and the paper, below the grey of
 * blurred strokes, and whole tables of a photo come out blank. Stricter than removeRules' fills (darker, wider,
 * taller, at least 3× as wide as tall), so a blurred bold heading, a logo or a stamp is no fill.
 */
export function invertDarkFills(img: Grey, opts: FillOptions = {}): number {
  const thr = opts.threshold ?? 96;
  const minW = Math.max(40, Math.round(img.width * (opts.minWidthShare ?? 0.1)));
  const minH = opts.minHeight ?? Math.max(8, Math.round(Math.min(img.width, img.height) / 100));
  let fills = 0;
  for (const r of horizontalRects(img, thr, minW)) {
    if (r.y1 - r.y0 < minH) continue;
    growFill(img, r, thr);
    // A header row or cell is a wide strip; a logo or a stamp's dark block is not.
    if (r.x1 - r.x0 < 3 * (r.y1 - r.y0)) continue;
    invertFill(img, r, thr);
    fills++;
  }
  return fills;
}

/** Horizontal runs of ink of at least `minLen`, grouped into rectangles across rows. */
function horizontalRects(img: Grey, thr: number, minLen: number): Rect[] {
  const { data, width, height } = img;
  const open: Rect[] = [];
  const rects: Rect[] = [];
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const runs: [number, number][] = [];
    let start = -1;
    for (let x = 0; x <= width; x++) {
      const ink = x < width && (data[row + x] ?? 255) < thr;
      if (ink && start < 0) start = x;
      else if (!ink && start >= 0) {
        if (x - start >= minLen) runs.push([start, x]);
        start = -1;
      }
    }
    const still: Rect[] = [];
    for (const [a, b] of runs) {
      // Runs split by a gap in the same row (a white glyph in a dark fill) join one rect.
      const r = open.find((o) => (o.y1 === y || (o.y1 === y + 1 && still.includes(o))) && a < o.x1 && b > o.x0);
      if (r) {
        r.x0 = Math.min(r.x0, a);
        r.x1 = Math.max(r.x1, b);
        r.y1 = y + 1;
        still.push(r);
      } else {
        const n = { x0: a, x1: b, y0: y, y1: y + 1 };
        rects.push(n);
        still.push(n);
      }
    }
    open.length = 0;
    open.push(...still);
  }
  return rects;
}

/** Vertical runs of ink of at least `minLen`, as [x, y0, y1]. */
function verticalRuns(img: Grey, thr: number, minLen: number): [number, number, number][] {
  const { data, width, height } = img;
  const out: [number, number, number][] = [];
  for (let x = 0; x < width; x++) {
    let start = -1;
    for (let y = 0; y <= height; y++) {
      const ink = y < height && (data[y * width + x] ?? 255) < thr;
      if (ink && start < 0) start = y;
      else if (!ink && start >= 0) {
        if (y - start >= minLen) out.push([x, start, y]);
        start = -1;
      }
    }
  }
  return out;
}

/**
 * Faint leftovers (anti-aliased rule edges, light borders, fill outlines turned grey by
 * inversion) still split Tesseract's text lines: whiten long runs of anything not white
 * that are at most 3 px thick.
 */
function whitenFaintRules(img: Grey, minH: number, minV: number): void {
  const { data, width } = img;
  for (const r of horizontalRects(img, 250, minH)) {
    if (r.y1 - r.y0 > 3) continue;
    for (let y = r.y0; y < r.y1; y++) for (let x = r.x0; x < r.x1; x++) data[y * width + x] = 255;
  }
  const runs = verticalRuns(img, 250, minV);
  const byX = new Map<number, number>();
  for (const [x] of runs) byX.set(x, (byX.get(x) ?? 0) + 1);
  for (const [x, y0, y1] of runs) {
    // A thin run has no long neighbours more than one column away on both sides.
    if ((byX.get(x - 2) ?? 0) > 0 && (byX.get(x + 2) ?? 0) > 0) continue;
    for (let y = y0; y < y1; y++) data[y * width + x] = 255;
  }
}
