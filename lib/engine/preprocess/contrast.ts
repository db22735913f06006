/**
 * Local ink stretch for photos (after illumination normalisation, paper ≈ 255): thin or
 * blurred strokes never get darker than mid-grey, and Tesseract's global Otsu threshold —
 * pulled down by dark fills and logos — drops them. Per block, the darkest ink level
 * becomes black; blocks without ink are left alone.
 */
import type { Grey } from "./raster";

export interface InkStretchOptions {
  /** block size in pixels (default: short side / 30, ≥ 16). */
  block?: number;
  /** share of a block's pixels taken as its darkest ink (default 0.01). */
  share?: number;
  /** never map levels above this to black (default 170). */
  maxBlack?: number;
  /** grey level mapped to white (default 230). */
  white?: number;
}

/** Stretch each region so its ink reaches black, in place. */
export function stretchInk(img: Grey, opts: InkStretchOptions = {}): void {
  const { data, width, height } = img;
  const block = opts.block ?? Math.max(16, Math.round(Math.min(width, height) / 30));
  const share = opts.share ?? 0.01;
  const maxBlack = opts.maxBlack ?? 170;
  const white = opts.white ?? 230;
  const bw = Math.ceil(width / block);
  const bh = Math.ceil(height / block);
  const level = new Float32Array(bw * bh);
  const hist = new Uint32Array(256);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      hist.fill(0);
      let n = 0;
      for (let y = by * block; y < Math.min(height, (by + 1) * block); y++) {
        for (let x = bx * block; x < Math.min(width, (bx + 1) * block); x++) {
          hist[data[y * width + x] ?? 0]!++;
          n++;
        }
      }
      const k = Math.max(3, n * share);
      let acc = 0;
      let v = 255;
      for (let i = 0; i < 256; i++) {
        acc += hist[i] ?? 0;
        if (acc >= k) {
          v = i;
          break;
        }
      }
      level[by * bw + bx] = v;
    }
  }
  // A block's black point: the darkest ink level among it and its neighbours (a block that
  // only grazes a stroke sees a light "ink" level that would blacken paper noise and
  // glyph fringes), never above maxBlack; blocks with no ink around are left alone.
  const black = new Float32Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let m = 255;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const yy = by + dy;
          const xx = bx + dx;
          if (yy < 0 || yy >= bh || xx < 0 || xx >= bw) continue;
          m = Math.min(m, level[yy * bw + xx] ?? 255);
        }
      }
      black[by * bw + bx] = m < white - 30 ? Math.min(maxBlack, m) : 0;
    }
  }
  const at = (bx: number, by: number) => black[Math.min(bh - 1, Math.max(0, by)) * bw + Math.min(bw - 1, Math.max(0, bx))] ?? 0;
  for (let y = 0; y < height; y++) {
    const fy = y / block - 0.5;
    const y0 = Math.floor(fy);
    const ty = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = x / block - 0.5;
      const x0 = Math.floor(fx);
      const tx = fx - x0;
      const b =
        (at(x0, y0) * (1 - tx) + at(x0 + 1, y0) * tx) * (1 - ty) + (at(x0, y0 + 1) * (1 - tx) + at(x0 + 1, y0 + 1) * tx) * ty;
      if (b <= 0) continue;
      const i = y * width + x;
      const v = data[i] ?? 255;
      data[i] = v <= b ? 0 : v >= white ? 255 : Math.round(((v - b) * 255) / (white - b));
    }
  }
}
