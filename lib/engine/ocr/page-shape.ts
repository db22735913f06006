/**
 * Whole-page looks the OCR shell decides its passes by (which way the lines run, whether the
 * image is a large sheet with a document on it) and the block crops it reads one by one.
 */
import sharp from "sharp";
import { paperShare, type Prepared, stripPngResolution, toGrey } from "../preprocess";
import { cropGrey, findDocument } from "../preprocess/document";
import { textDirection } from "../preprocess/orientation";
import type { Grey } from "../preprocess/raster";
import type { Rect } from "../preprocess/segment";

type PageImage = { png: Buffer; width: number; height: number };

/** Crops of the prepared image around each block (block rects are in `grey` pixels). */
export async function cropBlocks(prep: Prepared, blocks: Rect[]) {
  const { data, info } = await sharp(prep.png).raw().toBuffer({ resolveWithObject: true });
  const pad = Math.round(6 * prep.scale);
  const out: { png: Buffer; left: number; top: number; width: number; height: number }[] = [];
  for (const b of blocks) {
    const left = Math.max(0, Math.floor(b.x0 * prep.scale) - pad);
    const top = Math.max(0, Math.floor(b.y0 * prep.scale) - pad);
    const width = Math.min(info.width, Math.ceil(b.x1 * prep.scale) + pad) - left;
    const height = Math.min(info.height, Math.ceil(b.y1 * prep.scale) + pad) - top;
    if (width < 4 || height < 4) continue;
    const png = stripPngResolution(
      await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
        .extract({ left, top, width, height })
        .png({ compressionLevel: 0 })
        .toBuffer(),
    );
    out.push({ png, left, top, width, height });
  }
  return out;
}

/** A small greyscale copy for whole-page statistics. */
export function thumbnail(png: Buffer): Promise<Buffer> {
  return sharp(png).resize({ width: 600, height: 600, fit: "inside" }).png({ compressionLevel: 0 }).toBuffer();
}

/**
 * Whether the page's lines run top to bottom. On a large sheet (a flatbed scan) only the
 * document on it is judged: the lid's texture reads as vertical lines. Till receipts roll
 * out lengthwise, so a tall narrow document found on a sheet is never sideways (its profile
 * is unreliable there: a few short lines in a long strip beside the lid).
 */
export async function looksSideways(img: PageImage, largePixels = 5e6): Promise<boolean> {
  const thumb = await toGrey(await thumbnail(img.png));
  const doc = img.width * img.height >= largePixels ? findDocument(thumb, { cells: 60 }) : null;
  const g = doc ? cropGrey(thumb, doc) : thumb;
  if (doc && g.height / g.width >= 1.6) return false;
  return textDirection(g) === "vertical";
}

/** A large sheet that is not a clean page: a flatbed scan of a receipt on its lid, a 12-MP photo. */
export async function isLargeSheet(img: PageImage, largePixels = 5e6, thumb?: Grey): Promise<boolean> {
  if (img.width * img.height < largePixels) return false;
  return paperShare(thumb ?? (await toGrey(await thumbnail(img.png)))) < 0.7;
}
