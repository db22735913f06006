/**
 * Image input (Node shell): sniff the format from magic bytes, refuse bombs from the
 * header before decoding, apply EXIF orientation and hand back an RGB PNG.
 */
import sharp from "sharp";
import { EngineError } from "../types";
import { bmpDimensions, decodeBmp } from "./bmp";

// libvips keeps decoded images and open files in a process-wide cache (by default up to 50 MB and
// 100 operations, but every cached pixel-bomb decode stays resident): the engine reads each
// image once, so the cache only holds memory after large images.
sharp.cache(false);

export type ImageFormat = "jpeg" | "png" | "gif" | "bmp" | "tiff" | "webp";

/** A decoded page image: RGB PNG, upright (EXIF orientation applied). */
export interface DecodedImage {
  png: Buffer;
  width: number;
  height: number;
  format: ImageFormat;
}

export interface DecodeOptions {
  /** pixel ceiling checked from the header before decoding (decompression bombs). */
  maxPixels?: number;
  maxBytes?: number;
}

/** The image format named by the file's magic bytes, or null. */
export function sniffImageFormat(b: Uint8Array): ImageFormat | null {
  const at = (i: number) => b[i] ?? -1;
  const ascii = (from: number, s: string) => [...s].every((c, i) => at(from + i) === c.charCodeAt(0));
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return "jpeg";
  if (at(0) === 0x89 && ascii(1, "PNG\r\n\x1a\n")) return "png";
  if (ascii(0, "GIF87a") || ascii(0, "GIF89a")) return "gif";
  if (ascii(0, "BM") && b.length >= 26) return "bmp";
  if (ascii(0, "II") && at(2) === 42 && at(3) === 0) return "tiff";
  if (ascii(0, "MM") && at(2) === 0 && at(3) === 42) return "tiff";
  if (ascii(0, "RIFF") && ascii(8, "WEBP")) return "webp";
  return null;
}

/** Decode an uploaded image to an upright RGB PNG, with typed errors for hostile input. */
export async function decodeImage(bytes: Uint8Array, opts: DecodeOptions = {}): Promise<DecodedImage> {
  const maxPixels = opts.maxPixels ?? 40e6;
  if (opts.maxBytes !== undefined && bytes.length > opts.maxBytes) {
    throw new EngineError("payload_too_large", `image is ${bytes.length} bytes; the limit is ${opts.maxBytes}`);
  }
  const format = sniffImageFormat(bytes);
  if (!format) throw new EngineError("unsupported_media_type", "not a supported image (JPEG, PNG, GIF, BMP, TIFF, WebP)");

  let width: number;
  let height: number;
  try {
    if (format === "bmp") {
      ({ width, height } = bmpDimensions(bytes));
    } else {
      // metadata() reads the header only: no pixels are decoded yet.
      const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
      width = meta.width ?? 0;
      height = meta.height ?? 0;
    }
  } catch (err) {
    throw asUnprocessable(err, format);
  }
  if (!(width > 0 && height > 0)) throw new EngineError("unprocessable_image", `${format} image has no size`);
  if (width * height > maxPixels) {
    throw new EngineError(
      "unprocessable_image",
      `image is ${width}×${height} = ${Math.round((width * height) / 1e6)} MP; the limit is ${Math.round(maxPixels / 1e6)} MP`,
    );
  }

  try {
    const input =
      format === "bmp"
        ? (() => {
            const d = decodeBmp(bytes);
            return sharp(d.data, { raw: { width: d.width, height: d.height, channels: 3 } });
          })()
        : sharp(bytes, { limitInputPixels: maxPixels, failOn: "error" });
    const { data, info } = await input
      .rotate() // EXIF orientation
      .flatten({ background: "#ffffff" })
      .toColourspace("srgb")
      .png({ compressionLevel: 1 })
      .toBuffer({ resolveWithObject: true });
    return { png: data, width: info.width, height: info.height, format };
  } catch (err) {
    throw asUnprocessable(err, format);
  }
}

function asUnprocessable(err: unknown, format: ImageFormat): EngineError {
  if (err instanceof EngineError) return err;
  const msg = err instanceof Error ? err.message.split("\n")[0] : String(err);
  return new EngineError("unprocessable_image", `${format} image could not be decoded: ${msg}`);
}
