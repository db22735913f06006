/**
 * A cheap look for Japanese on a page the English model read poorly (language.ts plainLatin
 * said no): the lines it was least sure of — where kana and kanji would be — cropped from the
 * image it read and stacked on one strip, for one eng+Japanese read of a few lines instead of
 * the whole page. A faded Latin receipt then keeps its English reading; a page whose worst
 * lines hold Japanese is read whole with both models as before.
 */
import sharp from "sharp";
import type { TessBlock, TessLine } from "./convert";
import { type Crop, type Stack, stackCrops } from "./stack";

/** Lines probed (the least sure first) and the confidence (0–100) below which a line counts as unsure. */
export const PROBE_LINES = 8;
const UNSURE = 60;

const lineConf = (l: TessLine) => {
  let n = 0;
  let s = 0;
  for (const w of l.words) {
    n += w.text.length;
    s += w.text.length * w.confidence;
  }
  return { n, conf: n ? s / n : 100 };
};

/**
 * The unsure lines of a reading of `png` as one stacked image, or null when there is none to
 * read. Boxes are taken as read (tesseract's deskew of a receipt is a degree or two; the crops
 * are padded by half a line).
 */
export async function unsureLines(png: Buffer, blocks: TessBlock[] | null | undefined): Promise<Stack | null> {
  const crops = (await unsureCrops(png, blocks)).map((c) => c.crop);
  return crops.length ? stackCrops(crops) : null;
}

/** The unsure lines of a reading of `png` (the least sure first, at most PROBE_LINES), cropped, with their confidence. */
export async function unsureCrops(png: Buffer, blocks: TessBlock[] | null | undefined): Promise<{ crop: Crop; conf: number }[]> {
  const lines = (blocks ?? [])
    .flatMap((b) => b.paragraphs.flatMap((p) => p.lines))
    .map((l) => ({ l, ...lineConf(l) }))
    .filter((x) => x.n >= 3 && x.conf < UNSURE)
    .sort((a, b) => a.conf - b.conf)
    .slice(0, PROBE_LINES);
  if (lines.length === 0) return [];
  const meta = await sharp(png).metadata();
  const [W, H] = [meta.width ?? 0, meta.height ?? 0];
  const crops: { crop: Crop; conf: number }[] = [];
  for (const { l, conf } of lines) {
    const h = l.bbox.y1 - l.bbox.y0;
    const left = Math.max(0, Math.floor(l.bbox.x0 - h / 2));
    const top = Math.max(0, Math.floor(l.bbox.y0 - h / 2));
    const width = Math.min(W, Math.ceil(l.bbox.x1 + h / 2)) - left;
    const height = Math.min(H, Math.ceil(l.bbox.y1 + h / 2)) - top;
    if (width < 8 || height < 8) continue;
    crops.push({
      crop: { png: await sharp(png).extract({ left, top, width, height }).png({ compressionLevel: 0 }).toBuffer(), left, top, width, height },
      conf,
    });
  }
  return crops;
}
