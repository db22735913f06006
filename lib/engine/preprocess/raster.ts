/** Raw greyscale rasters for pixel-level preprocessing, to and from PNG via sharp. */
import sharp from "sharp";

/** An 8-bit greyscale image, row-major. */
export interface Grey {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Decode any image sharp reads to 8-bit greyscale. */
export async function toGrey(png: Buffer): Promise<Grey> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/** Encode a greyscale raster as a (fast, lightly compressed) PNG. */
export function greyToPng(img: Grey): Promise<Buffer> {
  return sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length), {
    raw: { width: img.width, height: img.height, channels: 1 },
  })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/**
 * Drop a PNG's pHYs (resolution) chunk. sharp writes 72 or 25 dpi for images that never
 * had a resolution; Tesseract trusts it and sizes its noise filters wrongly, whereas
 * without one it estimates the resolution from the text height.
 */
export function stripPngResolution(png: Buffer): Buffer {
  const parts: Buffer[] = [png.subarray(0, 8)];
  let o = 8;
  while (o + 12 <= png.length) {
    const len = png.readUInt32BE(o);
    const type = png.toString("latin1", o + 4, o + 8);
    const end = o + 12 + len;
    if (type !== "pHYs") parts.push(png.subarray(o, end));
    o = end;
  }
  return Buffer.concat(parts);
}
