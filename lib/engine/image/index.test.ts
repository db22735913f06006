import { deflateSync } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { EngineError } from "../types";
import { decodeBmp } from "./bmp";
import { decodeImage, sniffImageFormat } from "./index";

const red = { r: 255, g: 0, b: 0 };

async function pixel(png: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const o = (y * info.width + x) * info.channels;
  return [data[o] ?? -1, data[o + 1] ?? -1, data[o + 2] ?? -1];
}

/** A BMP built byte by byte: 24/32-bit direct colour or 1/4/8-bit palette. */
function makeBmp(w: number, h: number, bpp: number, px: (x: number, y: number) => number[] | number, topDown = false, palette: number[][] = []): Uint8Array {
  const stride = Math.floor((bpp * w + 31) / 32) * 4;
  const palBytes = palette.length * 4;
  const off = 54 + palBytes;
  const buf = Buffer.alloc(off + stride * h);
  buf.write("BM", 0, "latin1");
  buf.writeUInt32LE(buf.length, 2);
  buf.writeUInt32LE(off, 10);
  buf.writeUInt32LE(40, 14);
  buf.writeInt32LE(w, 18);
  buf.writeInt32LE(topDown ? -h : h, 22);
  buf.writeUInt16LE(1, 26);
  buf.writeUInt16LE(bpp, 28);
  buf.writeUInt32LE(palette.length, 46);
  palette.forEach(([r = 0, g = 0, b = 0], i) => {
    buf.set([b, g, r, 0], 54 + i * 4);
  });
  for (let y = 0; y < h; y++) {
    const row = off + (topDown ? y : h - 1 - y) * stride;
    for (let x = 0; x < w; x++) {
      const v = px(x, y);
      if (Array.isArray(v)) {
        const [r = 0, g = 0, b = 0] = v;
        buf.set(bpp === 24 ? [b, g, r] : [b, g, r, 255], row + x * (bpp / 8));
      } else {
        const bit = x * bpp;
        const i = row + (bit >> 3);
        buf[i] = (buf[i] ?? 0) | (v << (8 - bpp - (bit & 7)));
      }
    }
  }
  return buf;
}

describe("decodeImage", () => {
  it("decodes every format sharp writes, to RGB PNG", async () => {
    const base = sharp({ create: { width: 30, height: 20, channels: 3, background: red } });
    for (const [fmt, bytes] of [
      ["png", await base.clone().png().toBuffer()],
      ["jpeg", await base.clone().jpeg().toBuffer()],
      ["webp", await base.clone().webp({ lossless: true }).toBuffer()],
      ["tiff", await base.clone().tiff().toBuffer()],
      ["gif", await base.clone().gif().toBuffer()],
    ] as const) {
      const img = await decodeImage(bytes);
      expect(img.format).toBe(fmt);
      expect([img.width, img.height]).toEqual([30, 20]);
      const meta = await sharp(img.png).metadata();
      expect([meta.format, meta.channels]).toEqual(["png", 3]);
      const [r = 0, g = 0, b = 0] = await pixel(img.png, 5, 5);
      expect(r).toBeGreaterThan(200);
      expect(g + b).toBeLessThan(60);
    }
  });

  it("applies EXIF orientation and flattens greyscale+alpha onto white RGB", async () => {
    // Orientation 6 = stored rotated; upright is 20 wide × 30 high.
    const jpg = await sharp({ create: { width: 30, height: 20, channels: 3, background: red } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const img = await decodeImage(jpg);
    expect([img.width, img.height]).toEqual([20, 30]);
    const ga = await sharp({ create: { width: 4, height: 4, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();
    expect(await pixel((await decodeImage(ga)).png, 1, 1)).toEqual([255, 255, 255]);
  });

  it("decodes BMPs: 24-bit bottom-up, 32-bit top-down, 1/4/8-bit palettes", async () => {
    const grad = (x: number, y: number) => [x * 10, y * 20, 77];
    for (const [bpp, topDown] of [
      [24, false],
      [32, true],
      [24, true],
    ] as const) {
      const img = await decodeImage(makeBmp(5, 3, bpp, grad, topDown));
      expect(img.format).toBe("bmp");
      expect(await pixel(img.png, 3, 2)).toEqual([30, 40, 77]);
      expect(await pixel(img.png, 0, 0)).toEqual([0, 0, 77]);
    }
    const pal = [
      [0, 0, 0],
      [255, 255, 255],
      [255, 0, 0],
      [0, 0, 255],
    ];
    const checker = (x: number, y: number) => (x + y) % 2;
    const one = decodeBmp(makeBmp(9, 2, 1, checker, false, pal.slice(0, 2)));
    expect([...one.data.subarray(0, 6)]).toEqual([0, 0, 0, 255, 255, 255]);
    expect([...one.data.subarray(27, 30)]).toEqual([255, 255, 255]); // row 1, x 0
    const four = decodeBmp(makeBmp(3, 1, 4, (x) => x + 1, false, pal));
    expect([...four.data]).toEqual([255, 255, 255, 255, 0, 0, 0, 0, 255]);
    const eight = decodeBmp(makeBmp(2, 2, 8, (x, y) => 2 * y + x, true, pal));
    expect([...eight.data.subarray(9, 12)]).toEqual([0, 0, 255]);
  });

  it("gives typed errors for hostile input and never crashes", async () => {
    const code = async (b: Uint8Array, o?: Parameters<typeof decodeImage>[1]) => {
      try {
        await decodeImage(b, o);
        return "ok";
      } catch (e) {
        expect(e).toBeInstanceOf(EngineError);
        return `${(e as EngineError).code}: ${(e as EngineError).message}`;
      }
    };
    const jpg = await sharp({ create: { width: 200, height: 200, channels: 3, background: red } })
      .jpeg()
      .toBuffer();
    expect(await code(jpg.subarray(0, 300))).toMatch(/^unprocessable_image/);
    expect(await code(new TextEncoder().encode("%PDF-1.7\n..."))).toMatch(/^unsupported_media_type/);
    expect(await code(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]))).toMatch(/^unsupported_media_type/);
    expect(await code(new TextEncoder().encode("hello"))).toMatch(/^unsupported_media_type/);
    expect(await code(new Uint8Array())).toMatch(/^unsupported_media_type/);
    expect(await code(jpg, { maxBytes: 100 })).toMatch(/^payload_too_large/);
    expect(await code(makeBmp(4, 4, 24, () => [1, 2, 3]).subarray(0, 70))).toMatch(/^unprocessable_image: BMP: truncated/);
    expect(await code(Buffer.from(`BM${"\0".repeat(60)}`, "latin1"))).toMatch(/^unprocessable_image/);
    // A PNG whose header claims 30000×30000: refused from the header, before any decoding.
    expect(await code(pngHeaderClaim(30000, 30000))).toMatch(/^unprocessable_image: .*900 MP; the limit is 40 MP/);
    expect(
      await code(
        makeBmp(10, 10, 24, () => [0, 0, 0]),
        { maxPixels: 50 },
      ),
    ).toMatch(/limit/);
  });

  it("sniffs formats by magic bytes only", () => {
    expect(sniffImageFormat(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("jpeg");
    expect(sniffImageFormat(new TextEncoder().encode("RIFF\0\0\0\0WAVE"))).toBeNull();
  });
});

/** A tiny PNG: valid signature + IHDR claiming w×h, and a 1-row IDAT. */
function pngHeaderClaim(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type, "latin1"), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.alloc(w + 1))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
