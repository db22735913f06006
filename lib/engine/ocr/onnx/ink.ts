/**
 * Where the ink of a recognised line is. The detector's line box is padded (PaddleOCR's unclip) and as high as the
 * tallest glyph of the whole line, so a word box cut from it along the line is the line's full height: the golden
 * receipt's number box overlapped its truth at 0.585. The strip the recogniser reads is at hand (48 px high), so the
 * dark pixels' rows within a word's columns tighten it to its ink at almost no cost.
 */
import { otsuSplit } from "../../preprocess/paper";
import { REC_HEIGHT } from "./rec";

/** A line strip's dark pixels: `mask[v * width + u]` is 1 where the strip is ink. */
export interface LineInk {
  width: number;
  height: number;
  mask: Uint8Array;
}

/** Bright minus dark (grey levels 0–255) below which a strip holds no ink to tighten to. */
const MIN_CONTRAST = 48;
/** Blank rows an ink band may span (an i's dot over its stem; a colon) before the rows beyond are another band. */
const BAND_GAP = 2;

/**
 * The dark pixels of a recogniser strip (CHW planes normalised to [-1, 1], `height` rows): darker than Otsu's cut of
 * its grey histogram (a word of two letters in a long box is a few per cent of the strip: percentiles miss it). Null
 * when the two classes' means lie less than MIN_CONTRAST apart (no ink).
 */
export function lineInk(strip: Float32Array, width: number, height = REC_HEIGHT): LineInk | null {
  const n = width * height;
  const grey = new Uint8Array(n);
  const hist = new Float64Array(256);
  for (let i = 0; i < n; i++) {
    const g = Math.round((((strip[i] ?? 0) + (strip[n + i] ?? 0) + (strip[2 * n + i] ?? 0)) / 3 + 1) * 127.5);
    const v = g < 0 ? 0 : g > 255 ? 255 : g;
    grey[i] = v;
    hist[v]!++;
  }
  const split = otsuSplit(hist, n);
  if (!split || split.m1 - split.m0 < MIN_CONTRAST) return null;
  const { cut } = split;
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) mask[i] = grey[i]! <= cut ? 1 : 0;
  return { width, height, mask };
}

/**
 * The rows (fractions 0–1 of the strip's height) holding the ink between strip fractions `u0` and `u1`: the band of
 * inked rows (gaps up to BAND_GAP rows) with the most dark pixels, so a neighbour line's descender reaching into the
 * padded box is left out. Null when those columns hold no ink.
 */
export function inkRows(ink: LineInk, u0: number, u1: number): { v0: number; v1: number } | null {
  const c0 = Math.max(0, Math.floor(u0 * ink.width));
  const c1 = Math.min(ink.width, Math.ceil(u1 * ink.width));
  let best: { r0: number; r1: number; sum: number } | null = null;
  let cur: { r0: number; r1: number; sum: number } | null = null;
  for (let v = 0; v < ink.height; v++) {
    let count = 0;
    const row = v * ink.width;
    for (let u = c0; u < c1; u++) count += ink.mask[row + u]!;
    if (count > 0) {
      if (cur && v - cur.r1 - 1 <= BAND_GAP) {
        cur.r1 = v;
        cur.sum += count;
      } else cur = { r0: v, r1: v, sum: count };
      if (!best || cur.sum > best.sum) best = cur;
    }
  }
  return best ? { v0: best.r0 / ink.height, v1: (best.r1 + 1) / ink.height } : null;
}

/**
 * The ink's extent between strip fractions `u0` and `u1`: its rows (inkRows) and, within them, its first and last
 * inked column (a character's span reaches halfway to its neighbours). The span itself when it holds no ink.
 */
export function inkSpan(ink: LineInk | null | undefined, u0: number, u1: number): { u0: number; u1: number; v0: number; v1: number } {
  const rows = ink ? inkRows(ink, u0, u1) : null;
  if (!ink || !rows) return { u0, u1, v0: 0, v1: 1 };
  const r0 = Math.round(rows.v0 * ink.height);
  const r1 = Math.round(rows.v1 * ink.height);
  const c0 = Math.max(0, Math.floor(u0 * ink.width));
  const c1 = Math.min(ink.width, Math.ceil(u1 * ink.width));
  let first = -1;
  let last = -1;
  for (let u = c0; u < c1; u++) {
    for (let v = r0; v < r1; v++) {
      if (ink.mask[v * ink.width + u]) {
        if (first < 0) first = u;
        last = u;
        break;
      }
    }
  }
  return first < 0 ? { u0, u1, ...rows } : { u0: first / ink.width, u1: (last + 1) / ink.width, ...rows };
}
