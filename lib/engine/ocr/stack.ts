/**
 * Blocks of a clean page read in one call: the block crops stacked top to bottom on one
 * white image, read once, and each line handed back to the crop it lies in. For the
 * native tesseract binary, whose every call is a process that loads its model (~0.25 s
 * CPU): a page of 20 blocks read block by block spent 5 s just starting. Each block still
 * reads as its own column (a crop never shares a row with another).
 */
import sharp from "sharp";
import type { TessBlock } from "./convert";

export interface Crop {
  png: Buffer;
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Stack {
  png: Buffer;
  width: number;
  height: number;
  /** where each crop's top row landed on the stack. */
  tops: number[];
}

/** The crops on one white image, `gap` px apart, left-aligned. */
export async function stackCrops(crops: Crop[], gap = 32): Promise<Stack> {
  const tops: number[] = [];
  let y = gap;
  for (const c of crops) {
    tops.push(y);
    y += c.height + gap;
  }
  const width = Math.max(...crops.map((c) => c.width)) + 2 * gap;
  // sharp composites last in a pipeline: flatten to grey in a second one.
  const rgb = await sharp({ create: { width, height: y, channels: 3, background: "#ffffff" } })
    .composite(crops.map((c, i) => ({ input: c.png, left: gap, top: tops[i]! })))
    .png({ compressionLevel: 0 })
    .toBuffer();
  const png = await sharp(rgb).flatten({ background: "#ffffff" }).greyscale().png({ compressionLevel: 0 }).toBuffer();
  return { png, width, height: y, tops };
}

/**
 * The stack's reading split back per crop, in crop coordinates: each line goes to the crop
 * holding its box's centre (lines between crops, none expected, go to the nearest).
 */
export function splitStack(blocks: TessBlock[], stack: Stack, crops: Crop[], gap = 32): TessBlock[][] {
  const out: TessBlock[][] = crops.map(() => [{ paragraphs: [{ lines: [] }] }]);
  for (const b of blocks)
    for (const p of b.paragraphs)
      for (const line of p.lines) {
        const cy = (line.bbox.y0 + line.bbox.y1) / 2;
        let best = 0;
        let dist = Number.POSITIVE_INFINITY;
        crops.forEach((c, i) => {
          const top = stack.tops[i]!;
          const d = cy < top ? top - cy : cy > top + c.height ? cy - top - c.height : 0;
          if (d < dist) [best, dist] = [i, d];
        });
        const dy = stack.tops[best]!;
        const shift = <T extends { x0: number; y0: number; x1: number; y1: number }>(r: T): T => ({
          ...r,
          x0: r.x0 - gap,
          x1: r.x1 - gap,
          y0: r.y0 - dy,
          y1: r.y1 - dy,
        });
        out[best]![0]!.paragraphs[0]!.lines.push({
          bbox: shift(line.bbox),
          baseline: shift(line.baseline),
          words: line.words.map((w) => ({ ...w, bbox: shift(w.bbox), symbols: w.symbols.map((s) => ({ ...s, bbox: shift(s.bbox) })) })),
        });
      }
  return out;
}
