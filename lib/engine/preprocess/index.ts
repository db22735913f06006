/**
 * Image preparation before OCR. Every step returns the image Tesseract will see and a
 * mapping from its pixels back to the original image, so boxes land on the original.
 */
import sharp from "sharp";
import type { PageFlattening, Point, Quad } from "../types";
import { normalizeIllumination } from "./illumination";
import { type Grey, greyToPng, stripPngResolution, toGrey } from "./raster";
import { invertDarkFills, removeRules } from "./rules";
import { cropGrey, findDocument, textHeight } from "./document";
import { flatteningOf } from "./flatten";
import { findPaper } from "./paper";
import { findPageQuad } from "./quad";
import { lineHeight } from "./segment";
import { warpSheet } from "./warp";

export { normalizeIllumination } from "./illumination";
export { greyToPng, stripPngResolution, toGrey } from "./raster";
export { invertDarkFills, removeRules } from "./rules";
export { findPageQuad } from "./quad";
export { findDocument, textHeight } from "./document";
export { applyH, homography, invertH, warpPerspective, warpSheet } from "./warp";
export { flatMaps, flatteningOf } from "./flatten";

/** An image ready for OCR and the way back to the original's pixels. */
export interface Prepared {
  png: Buffer;
  width: number;
  height: number;
  toOriginal: (p: Point) => Point;
  /** the cleaned upright page before upscaling, for layout analysis. */
  grey: Grey;
  /** upscale factor from `grey` to `png`. */
  scale: number;
  /** true for render/scan-like pages (mostly white paper). */
  clean: boolean;
  /** the sheet's corners (tl, tr, br, bl) in upright-image pixels when a photo was warped to it. */
  quad?: Quad;
  /**
   * Rotation (radians) preprocessing already took out of the page, in the sense of
   * Tesseract's rotateRadians (a page whose text slopes clockwise by θ gets −θ): the OCR
   * frame's total deskew is rotateRadians + deskew. 0 unless a photo was warped.
   */
  deskew: number;
  /** when a photo was warped to its sheet: the sheet on the original image, for showing the flattened page. */
  flattening?: PageFlattening;
}

export interface PrepareOptions {
  /** clockwise quarter turn that makes the original upright. */
  rotation?: 0 | 90 | 180 | 270;
  /** upscale until the short side reaches this many pixels (0 = never). */
  minShortSide?: number;
  /** explicit upscale factor (overrides minShortSide), capped at 4. */
  scale?: number;
  /** crop photo-like pages to the sheet of paper (default true). */
  cropPaper?: boolean;
  /** warp photo-like pages to the sheet's quad (deskew + perspective; default true); falls back to the crop. */
  warpPaper?: boolean;
  /** sheet pixels along its border left out of the warp (default: 0.3 % of its width, ≥ 2). */
  warpInset?: number;
  /** contrast stretch of photos after flattening the light: this grey level and below → black (default 40). */
  photoBlack?: number;
  /** … and this level and above → white (default 230). */
  photoWhite?: number;
  /** upscale factor for photo-like pages (default 2, capped by maxPixels). */
  photoScale?: number;
  /** fixed upscale factor for clean renders/scans (photos keep photoScale). */
  cleanScale?: number;
  /** upscale clean renders/scans until text lines are this many px (default 0 = off). */
  cleanLineHeight?: number;
  /** text height (px) the readers want: large text is scaled down to it, photos not upscaled past it (default 36). */
  textHeight?: number;
  /** text taller than this (px) is scaled down to `textHeight` (default 48; 300-dpi scans). */
  maxTextHeight?: number;
  /** sheets of at least this many pixels are searched for a document on them and never upscaled (default 5e6). */
  largePixels?: number;
  /** pixel ceiling after upscaling (default 8e6). */
  maxPixels?: number;
  /** paint table rules white and invert dark cells; "auto" (default) = on clean pages only. */
  removeRules?: boolean | "auto";
  /** invert dark filled cells on photo-like pages, where rules stay (default true; rules.ts invertDarkFills). */
  invertFills?: boolean;
  /** flatten uneven lighting and stretch contrast; "auto" (default) = on photo-like pages only. */
  normalizeIllumination?: boolean | "auto";
}

/** Grey level from which a pixel is near-white paper (paperShare). */
const NEAR_WHITE = 235;

/** Share of near-white pixels (sampled): high for renders and scans, low for photos. */
export function paperShare(img: Grey): number {
  const step = Math.max(1, Math.floor(img.data.length / 200_000));
  let white = 0;
  let n = 0;
  for (let i = 0; i < img.data.length; i += step) {
    n++;
    if ((img.data[i] ?? 0) >= NEAR_WHITE) white++;
  }
  return n ? white / n : 0;
}

/**
 * Share of pixels (sampled) within `band` grey levels of the page's paper level (its 95th percentile) when that level
 * is below near-white: grey paper as the scanner saw it. A receipt scanned on grey thermal paper has few near-white
 * pixels (paperShare 0.01–0.03 on eight SROIE-50 scans, paper level 217–223) but is evenly lit (0.62–0.83 here); a
 * phone photo is not (0.21–0.60 on the 25 synthetic-dev photos: background, shadows, a light gradient). 0 when the
 * paper is near-white: paperShare already measures that paper, and what keeps it low is not the paper's shade
 * (receipts_de's tall scans at paper level 239–251 with paperShare 0.48–0.68 stay photos).
 */
export function evenPaperShare(img: Grey, band = 25): number {
  const step = Math.max(1, Math.floor(img.data.length / 200_000));
  const hist = new Float64Array(256);
  let n = 0;
  for (let i = 0; i < img.data.length; i += step) {
    hist[img.data[i] ?? 0]!++;
    n++;
  }
  if (n === 0) return 0;
  let level = 255;
  for (let v = 0, seen = 0; v < 256; v++) {
    seen += hist[v]!;
    if (seen >= 0.95 * n) {
      level = v;
      break;
    }
  }
  if (level >= NEAR_WHITE) return 0;
  let even = 0;
  for (let v = Math.max(0, level - band); v < 256; v++) even += hist[v]!;
  return even / n;
}

/** Turn upright, upscale, clean; returns the OCR input and its mapping to the original. */
export async function prepareForOcr(img: { png: Buffer; width: number; height: number }, opts: PrepareOptions = {}): Promise<Prepared> {
  const rotation = opts.rotation ?? 0;
  const upright = rotation ? await sharp(img.png).rotate(rotation).png({ compressionLevel: 0 }).toBuffer() : img.png;
  // Clean at the original resolution (rule lengths are judged against real text sizes),
  // then upscale.
  let grey = await toGrey(upright);
  // Renders and flatbed scans are mostly white paper; photos are not. Rule removal reads
  // a blurred, low-resolution text line as a rule, so it only runs on clean pages.
  const clean = paperShare(grey) >= 0.7;
  // 300-dpi scans and 12-MP photos: enough pixels per text line, never upscaled.
  const large = grey.width * grey.height >= (opts.largePixels ?? 5e6);
  // `grey` pixels → upright-image pixels.
  let toUpright = (p: Point): Point => p;
  let quad: Quad | undefined;
  let deskew = 0;
  if (!clean && opts.cropPaper !== false) {
    // A document on a plain background (a receipt on a flatbed scan's lid): only it is read.
    // Only on large sheets (300-dpi scans): on the small dev photos the tighter box cost the
    // corner finder its background margin.
    const doc = large ? findDocument(grey) : null;
    if (doc) {
      grey = cropGrey(grey, doc);
      toUpright = (p) => ({ x: p.x + doc.x0, y: p.y + doc.y0 });
    }
    const found = opts.warpPaper !== false ? findPageQuad(grey) : null;
    if (found) {
      // One homography from the sheet's corners undoes rotation and keystone together. The
      // sheet's blurred edge is left out: a dark hairline Tesseract reads as a row of dashes.
      const [tl, tr] = found.corners;
      const inset = opts.warpInset ?? Math.max(2, 0.003 * Math.hypot(tr.x - tl.x, tr.y - tl.y));
      const sheet = warpSheet(grey, found.corners, { inset });
      grey = sheet.grey;
      const base = toUpright;
      toUpright = (p) => base(sheet.toSource(p));
      const [c0, c1, c2, c3] = found.corners;
      quad = [base(c0), base(c1), base(c2), base(c3)];
      deskew = -sheet.angle;
    } else {
      const paper = doc ? null : findPaper(grey);
      if (paper) {
        grey = cropGrey(grey, paper);
        toUpright = (p) => ({ x: p.x + paper.x0, y: p.y + paper.y0 });
      }
    }
  }
  const illum = opts.normalizeIllumination ?? "auto";
  if (illum === true || (illum === "auto" && !clean)) {
    // A steeper stretch (120/220) darkens blurred strokes and finds more true values in the
    // OCR text of synthetic-dev photos (67.2 → 68.4 %), but extraction reads them worse
    // (field exact 44.9 → 40.4 %, line-item F1 0.396 → 0.366): the default stays 40/230.
    normalizeIllumination(grey, { black: opts.photoBlack ?? 40, white: opts.photoWhite ?? 230 });
  }
  const rules = opts.removeRules ?? "auto";
  if (rules === true || (rules === "auto" && clean)) removeRules(grey);
  else if (!clean && opts.invertFills !== false) invertDarkFills(grey);

  const uw = grey.width;
  const uh = grey.height;
  let scale = opts.scale ?? (opts.minShortSide ? opts.minShortSide / Math.min(uw, uh) : 1);
  let down = false;
  if (opts.scale === undefined && !opts.minShortSide && !(clean && opts.cleanScale)) {
    // Tesseract wants text lines ≳ 30 px. Photos are 100 DPI-ish with 8–15 px lines, but
    // noise and skew defeat a whole-width line-height estimate there: measured in strips it
    // holds (synthetic photos 8–18 px, 300-dpi receipts 33–40 px).
    const th = textHeight(grey, (g) => lineHeight(g));
    const want = opts.textHeight ?? 36;
    if (th > (opts.maxTextHeight ?? 48)) {
      // 300-dpi scans: CPU grows with the pixels, accuracy does not.
      scale = want / th;
      down = true;
    } else if (!clean) scale = th >= 20 ? Math.min(opts.photoScale ?? 2, want / th) : (opts.photoScale ?? 2);
    else if (opts.cleanLineHeight) scale = opts.cleanLineHeight / lineHeight(grey);
  } else if (clean && opts.cleanScale && opts.scale === undefined && !opts.minShortSide) scale = opts.cleanScale;
  // Cap the pixels: Tesseract's WASM heap grows with the image and never shrinks.
  const maxScale = Math.sqrt((opts.maxPixels ?? 8e6) / (uw * uh));
  if (large && !down && opts.scale === undefined && !opts.minShortSide) scale = 1;
  if (down) scale = Math.min(scale, maxScale);
  else {
    scale = Math.min(3, maxScale, Math.max(1, scale));
    if (scale < 1.15) scale = 1;
  }
  const width = Math.round(uw * scale);
  const height = Math.round(uh * scale);
  let png = await greyToPng(grey);
  if (scale !== 1) png = await sharp(png).resize(width, height, { kernel: "lanczos3" }).png({ compressionLevel: 1 }).toBuffer();
  png = stripPngResolution(png);

  const sx = uw / width;
  const sy = uh / height;
  const upToOriginal = (p: Point): Point => {
    const { x: u, y: v } = p;
    switch (rotation) {
      case 90:
        return { x: v, y: img.height - u };
      case 180:
        return { x: img.width - u, y: img.height - v };
      case 270:
        return { x: img.width - v, y: u };
      default:
        return { x: u, y: v };
    }
  };
  const toOriginal = (p: Point): Point => upToOriginal(toUpright({ x: p.x * sx, y: p.y * sy }));
  // The whole sheet (not the OCR's inset), its corners still named as on the upright page.
  const flattening = quad ? flatteningOf(quad.map(upToOriginal), img.width, img.height) : undefined;
  return { png, width, height, toOriginal, grey, scale: width / uw, clean, ...(quad ? { quad } : {}), deskew, ...(flattening ? { flattening } : {}) };
}
