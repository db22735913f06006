/**
 * Minimal BMP decoder (sharp/libvips cannot read BMP): uncompressed 1/4/8/24/32-bit and
 * BI_BITFIELDS 16/32-bit, bottom-up and top-down. Returns packed RGB.
 */
import { EngineError } from "../types";

/** Width/height from a BMP header without decoding pixels (for the pixel ceiling). */
export function bmpDimensions(buf: Uint8Array): { width: number; height: number } {
  if (buf.length < 26 || buf[0] !== 0x42 || buf[1] !== 0x4d) throw bad("not a BMP file");
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const headerSize = dv.getUint32(14, true);
  if (headerSize === 12) return { width: dv.getUint16(18, true), height: dv.getUint16(20, true) };
  if (buf.length < 54 || headerSize < 40) throw bad("unsupported BMP header");
  return { width: Math.abs(dv.getInt32(18, true)), height: Math.abs(dv.getInt32(22, true)) };
}

function bad(msg: string): EngineError {
  return new EngineError("unprocessable_image", `BMP: ${msg}`);
}

/** Decode a BMP into packed 8-bit RGB. */
export function decodeBmp(buf: Uint8Array): { data: Buffer; width: number; height: number } {
  const { width, height } = bmpDimensions(buf);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const dataOffset = dv.getUint32(10, true);
  const headerSize = dv.getUint32(14, true);
  const core = headerSize === 12;
  const topDown = !core && dv.getInt32(22, true) < 0;
  const bpp = core ? dv.getUint16(24, true) : dv.getUint16(28, true);
  const compression = core ? 0 : dv.getUint32(30, true);
  if (width === 0 || height === 0) throw bad("empty image");
  if (compression !== 0 && compression !== 3) throw bad("compressed BMPs (RLE/JPEG/PNG) are not supported");
  if (![1, 4, 8, 16, 24, 32].includes(bpp)) throw bad(`unsupported bit depth ${bpp}`);

  // Palette entries follow the header: BGR triples (core) or BGRx quads.
  const palette: number[][] = [];
  if (bpp <= 8) {
    const used = core ? 0 : dv.getUint32(46, true);
    const count = used || 1 << bpp;
    const entry = core ? 3 : 4;
    const start = 14 + headerSize + (compression === 3 && headerSize === 40 ? 12 : 0);
    for (let i = 0; i < count; i++) {
      const o = start + i * entry;
      if (o + 3 > buf.length) throw bad("truncated palette");
      palette.push([buf[o + 2] ?? 0, buf[o + 1] ?? 0, buf[o] ?? 0]);
    }
  }

  // Channel masks: explicit for BI_BITFIELDS, defaults otherwise.
  let masks = bpp === 16 ? [0x7c00, 0x03e0, 0x001f] : [0xff0000, 0x00ff00, 0x0000ff];
  if (compression === 3) {
    if (bpp !== 16 && bpp !== 32) throw bad("bitfields need 16 or 32 bits");
    // Masks follow a 40-byte header, or sit inside V4/V5 headers at the same offset.
    const mo = 54;
    if (mo + 12 > buf.length) throw bad("truncated masks");
    masks = [dv.getUint32(mo, true), dv.getUint32(mo + 4, true), dv.getUint32(mo + 8, true)];
  }
  const shifts = masks.map(maskShift);

  const stride = Math.floor((bpp * width + 31) / 32) * 4;
  if (dataOffset + stride * height > buf.length) throw bad("truncated pixel data");
  const out = Buffer.alloc(width * height * 3);
  for (let row = 0; row < height; row++) {
    const src = dataOffset + (topDown ? row : height - 1 - row) * stride;
    let o = row * width * 3;
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      if (bpp <= 8) {
        const bitPos = x * bpp;
        const byte = buf[src + (bitPos >> 3)] ?? 0;
        const idx = (byte >> (8 - bpp - (bitPos & 7))) & ((1 << bpp) - 1);
        const c = palette[idx] ?? [0, 0, 0];
        [r = 0, g = 0, b = 0] = c;
      } else if (bpp === 24) {
        const p = src + x * 3;
        b = buf[p] ?? 0;
        g = buf[p + 1] ?? 0;
        r = buf[p + 2] ?? 0;
      } else {
        const v = bpp === 16 ? dv.getUint16(src + x * 2, true) : dv.getUint32(src + x * 4, true);
        [r, g, b] = masks.map((m, i) => scaleChannel(v, m, shifts[i] ?? { shift: 0, bits: 0 })) as [number, number, number];
      }
      out[o++] = r;
      out[o++] = g;
      out[o++] = b;
    }
  }
  return { data: out, width, height };
}

function maskShift(mask: number): { shift: number; bits: number } {
  if (mask === 0) return { shift: 0, bits: 0 };
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  let bits = 0;
  while (((mask >>> (shift + bits)) & 1) === 1) bits++;
  return { shift, bits };
}

function scaleChannel(v: number, mask: number, s: { shift: number; bits: number }): number {
  if (s.bits === 0) return 0;
  const c = (v & mask) >>> s.shift;
  return Math.round((c * 255) / (2 ** s.bits - 1));
}
