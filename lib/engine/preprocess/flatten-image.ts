/**
 * The flattened page as an image, for people: the sheet of a photo warped upright, in colour
 * and at the photo's own resolution (the OCR input is grey, contrast-stretched and upscaled).
 */
import sharp from "sharp";
import type { PageFlattening, Point } from "../types";
import type { Grey } from "./raster";
import { homography, warpPerspective } from "./warp";

/** A rendered flattened page: JPEG bytes and their pixel size (the flattening's). */
export interface FlatImage {
  jpeg: Buffer;
  width: number;
  height: number;
}

/** Warp the sheet of `image` (any format sharp reads, upright as the engine read it) to its flattened page. */
export async function renderFlattened(image: Uint8Array, f: PageFlattening, opts: { quality?: number } = {}): Promise<FlatImage> {
  const { data, info } = await sharp(image).removeAlpha().toColourspace("srgb").raw().toBuffer({ resolveWithObject: true });
  const { width: sw, height: sh, channels } = info;
  const px = (p: Point): Point => ({ x: (p.x * sw) / 1000, y: (p.y * sh) / 1000 });
  const { width, height } = f;
  const toSource = homography(
    [
      { x: 0, y: 0 },
      { x: width, y: 0 },
      { x: width, y: height },
      { x: 0, y: height },
    ],
    f.quad.map(px),
  );
  const out = Buffer.alloc(width * height * channels);
  const plane: Grey = { data: new Uint8Array(sw * sh), width: sw, height: sh };
  for (let c = 0; c < channels; c++) {
    for (let i = 0; i < sw * sh; i++) plane.data[i] = data[i * channels + c] ?? 0;
    const warped = warpPerspective(plane, toSource, width, height);
    for (let i = 0; i < width * height; i++) out[i * channels + c] = warped.data[i] ?? 0;
  }
  const jpeg = await sharp(out, { raw: { width, height, channels } })
    .jpeg({ quality: opts.quality ?? 85, mozjpeg: true })
    .toBuffer();
  return { jpeg, width, height };
}
