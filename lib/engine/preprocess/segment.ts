/**
 * Block segmentation by recursive X-Y cut on whitespace. Tesseract's single-block mode
 * (PSM 6) merges lines of side-by-side columns whose baselines differ by a few pixels
 * into one garbled line; recognizing each block on its own avoids that.
 */
import type { Grey } from "./raster";

/** A block in pixels of the segmented image. */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface SegmentOptions {
  threshold?: number;
  /** blank rows that separate blocks, in text-line heights (default 2: table rows stay together). */
  rowGap?: number;
  /** blank columns that separate blocks, in text-line heights (default 1.5). */
  colGap?: number;
  /** stop splitting beyond this many blocks (default 40). */
  maxBlocks?: number;
}

/** Median height of inked row runs: a robust text-line height estimate. */
export function lineHeight(img: Grey, threshold = 160): number {
  const rows = inkProfile(img, { x0: 0, y0: 0, x1: img.width, y1: img.height }, "rows", threshold);
  const runs: number[] = [];
  let run = 0;
  for (const v of rows) {
    if (v > 0) run++;
    else if (run > 0) {
      runs.push(run);
      run = 0;
    }
  }
  if (run > 0) runs.push(run);
  runs.sort((a, b) => a - b);
  const median = runs[Math.floor(runs.length / 2)] ?? 20;
  return Math.max(8, Math.min(80, median));
}

function inkProfile(img: Grey, r: Rect, axis: "rows" | "cols", threshold: number): Uint32Array {
  const out = new Uint32Array(axis === "rows" ? r.y1 - r.y0 : r.x1 - r.x0);
  for (let y = r.y0; y < r.y1; y++) {
    const row = y * img.width;
    for (let x = r.x0; x < r.x1; x++) {
      if ((img.data[row + x] ?? 255) < threshold) {
        const i = axis === "rows" ? y - r.y0 : x - r.x0;
        out[i] = (out[i] ?? 0) + 1;
      }
    }
  }
  return out;
}

/** Split [0, n) at blank runs of at least `gap`; returns inked spans. */
function spans(profile: Uint32Array, gap: number): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  let blank = 0;
  for (let i = 0; i < profile.length; i++) {
    if ((profile[i] ?? 0) > 0) {
      if (start < 0) start = i;
      else if (blank >= gap) {
        out.push([start, i - blank]);
        start = i;
      }
      blank = 0;
    } else if (start >= 0) blank++;
  }
  if (start >= 0) out.push([start, profile.length - blank]);
  return out;
}

/** Text blocks of a page in reading order (top to bottom, then left to right). */
export function segmentBlocks(img: Grey, opts: SegmentOptions = {}): Rect[] {
  const thr = opts.threshold ?? 160;
  const lh = lineHeight(img, thr);
  const rowGap = Math.round(lh * (opts.rowGap ?? 2));
  const colGap = Math.round(lh * (opts.colGap ?? 1.5));
  const max = opts.maxBlocks ?? 40;
  const out: Rect[] = [];
  const cut = (r: Rect, depth: number): void => {
    const rows = spans(inkProfile(img, r, "rows", thr), rowGap);
    const bands = rows.map(([a, b]) => ({ ...r, y0: r.y0 + a, y1: r.y0 + b }));
    for (const band of bands) {
      const cols = spans(inkProfile(img, band, "cols", thr), colGap);
      const pieces = cols.map(([a, b]) => ({ ...band, x0: band.x0 + a, x1: band.x0 + b }));
      for (const p of pieces) {
        const split = bands.length > 1 || pieces.length > 1;
        if (split && depth < 6 && out.length < max) cut(p, depth + 1);
        else out.push(tighten(img, p, thr));
      }
    }
  };
  cut({ x0: 0, y0: 0, x1: img.width, y1: img.height }, 0);
  return out.filter((b) => b.x1 - b.x0 >= 4 && b.y1 - b.y0 >= 4);
}

function tighten(img: Grey, r: Rect, thr: number): Rect {
  const rows = spans(inkProfile(img, r, "rows", thr), Number.POSITIVE_INFINITY);
  const cols = spans(inkProfile(img, r, "cols", thr), Number.POSITIVE_INFINITY);
  const [ry0 = 0, ry1 = 0] = rows[0] ?? [];
  const [cx0 = 0, cx1 = 0] = cols[0] ?? [];
  return { x0: r.x0 + cx0, x1: r.x0 + cx1, y0: r.y0 + ry0, y1: r.y0 + ry1 };
}
