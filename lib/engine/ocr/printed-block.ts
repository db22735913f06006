/**
 * A till receipt printed small on a white page (a receipt scanned onto an A4-shaped page: SROIE's 1080×1527 scans):
 * the page is not tall, so it would go to tesseract whole (1.5–8 s CPU), but its printed block is. The block is cut
 * out and read as a till receipt (till-receipt.ts); the words' boxes go back onto the whole page, where the matcher
 * and the overlay place them.
 */
import sharp from "sharp";
import { stripPngResolution } from "../preprocess";
import { flatteningOf } from "../preprocess/flatten";
import { inkBlock } from "../preprocess/ink-block";
import { receiptOnSheet } from "../preprocess/sheet-receipt";
import type { Grey } from "../preprocess/raster";
import type { Rect } from "../preprocess/segment";
import type { Box, OcrPage, PageFlattening, Point } from "../types";

/**
 * Height / width from which the printed block is a till receipt. Lower than TILL_TALL, which measures a page with its
 * paper margins: the ink alone of SROIE-50's nine receipts on A4-shaped pages is 1.71–2.65 tall.
 */
export const BLOCK_TALL = 1.5;
/**
 * Largest share of the page's width the block takes: a receipt on an A4 page is a third of it (SROIE-50's nine
 * 0.30–0.34); the ink of a page that is the document itself spans 0.86–1.0 of it (SROIE-50 and sroie-extra).
 */
export const BLOCK_NARROW = 0.5;
/**
 * Least share of the page's ink inside the block (a scanner's dark edge aside, ink-block.ts): the receipt is all there
 * is on its page (SROIE-50's nine 0.993–1.0). A column of an A4 invoice is narrow and tall too, but other print shares
 * its page: synthetic-dev's fourteen such pages 0.22–0.65, the ZUGFeRD sets' rendered pages up to 0.981.
 */
export const BLOCK_INK = 0.99;
/** Paper kept around the block, as a share of the page's width: the reader's detector needs a white margin. */
const PAD = 0.02;

/** The till receipt's crop (page pixels) on a `width`×`height` page whose thumbnail is `thumb`, or null. */
export function tillBlock(thumb: Grey, width: number, height: number): Rect | null {
  const b = inkBlock(thumb);
  if (!b) return null;
  const [bw, bh] = [b.x1 - b.x0, b.y1 - b.y0];
  if (bh / bw < BLOCK_TALL || bw / thumb.width > BLOCK_NARROW || b.share < BLOCK_INK) return null;
  const [sx, sy] = [width / thumb.width, height / thumb.height];
  const pad = Math.round(PAD * width);
  const x0 = Math.max(0, Math.floor(b.x0 * sx) - pad);
  const y0 = Math.max(0, Math.floor(b.y0 * sy) - pad);
  return { x0, y0, x1: Math.min(width, Math.ceil(b.x1 * sx) + pad), y1: Math.min(height, Math.ceil(b.y1 * sy) + pad) };
}

/** The till receipt's crop (page pixels) on a large `width`×`height` sheet (a flatbed scan) whose thumbnail is `thumb`, or null. */
export function receiptRect(thumb: Grey, width: number, height: number): Rect | null {
  const r = receiptOnSheet(thumb);
  if (!r) return null;
  const [sx, sy] = [width / thumb.width, height / thumb.height];
  return { x0: Math.floor(r.x0 * sx), y0: Math.floor(r.y0 * sy), x1: Math.min(width, Math.ceil(r.x1 * sx)), y1: Math.min(height, Math.ceil(r.y1 * sy)) };
}

/** The flattened view of a crop `r` of a `width`×`height` page: the receipt alone, its long side at most `maxSide`. */
export function cropFlattening(r: Rect, width: number, height: number, maxSide = 2400): PageFlattening {
  const f = flatteningOf(
    [
      { x: r.x0, y: r.y0 },
      { x: r.x1, y: r.y0 },
      { x: r.x1, y: r.y1 },
      { x: r.x0, y: r.y1 },
    ],
    width,
    height,
  );
  const k = Math.min(1, maxSide / Math.max(f.width, f.height));
  return k < 1 ? { ...f, width: Math.max(1, Math.round(f.width * k)), height: Math.max(1, Math.round(f.height * k)) } : f;
}

/** The crop `r` of a page image. */
export async function cropImage(png: Buffer, r: Rect): Promise<{ png: Buffer; width: number; height: number }> {
  const [width, height] = [r.x1 - r.x0, r.y1 - r.y0];
  const out = await sharp(png).extract({ left: r.x0, top: r.y0, width, height }).png({ compressionLevel: 0 }).toBuffer();
  return { png: stripPngResolution(out), width, height };
}

/** A reading of the crop `r` moved onto the whole `width`×`height` page's 0–1000 grid (every box, quad and symbol). */
export function onPage(page: OcrPage, r: Rect, width: number, height: number): OcrPage {
  const [cw, ch] = [r.x1 - r.x0, r.y1 - r.y0];
  const pt = (p: Point): Point => ({ x: ((r.x0 + (p.x / 1000) * cw) / width) * 1000, y: ((r.y0 + (p.y / 1000) * ch) / height) * 1000 });
  const box = (b: Box): Box => {
    const [a, c] = [pt({ x: b.x0, y: b.y0 }), pt({ x: b.x1, y: b.y1 })];
    return { x0: a.x, y0: a.y, x1: c.x, y1: c.y };
  };
  return {
    ...page,
    width,
    height,
    words: page.words.map((w) => ({
      ...w,
      box: box(w.box),
      quad: [pt(w.quad[0]), pt(w.quad[1]), pt(w.quad[2]), pt(w.quad[3])],
      symbols: w.symbols.map((s) => ({ ...s, box: box(s.box) })),
    })),
    lines: page.lines.map((l) => ({ ...l, box: box(l.box) })),
  };
}
