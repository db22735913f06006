/**
 * Illumination normalisation for photos: divide by a smooth estimate of the paper's
 * brightness (per-block high percentile, bilinearly interpolated), then stretch contrast.
 * Uneven lighting, vignettes and tinted paper become white; ink stays dark.
 */
import type { Grey } from "./raster";

/** Flatten uneven lighting in place; returns the block size used. */
export function normalizeIllumination(img: Grey, opts: { block?: number; percentile?: number; black?: number; white?: number } = {}): number {
  const { data, width, height } = img;
  const block = opts.block ?? Math.max(16, Math.round(Math.min(width, height) / 30));
  const pct = opts.percentile ?? 0.9;
  // Contrast stretch after flattening: `black` and below → 0, `white` and above → 255.
  const black = opts.black ?? 40;
  const white = opts.white ?? 230;
  const gain = 255 / Math.max(1, white - black);
  const bw = Math.ceil(width / block);
  const bh = Math.ceil(height / block);
  const bg = new Float32Array(bw * bh);
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
      // The paper is the bright majority of a block; a high percentile ignores the ink.
      let acc = 0;
      let v = 255;
      for (let i = 0; i < 256; i++) {
        acc += hist[i] ?? 0;
        if (acc >= n * pct) {
          v = i;
          break;
        }
      }
      bg[by * bw + bx] = Math.max(v, 24);
    }
  }
  // Dark blocks that are all ink (a dark fill, a big bold word) would be turned white:
  // let each block borrow the brightest of its neighbours.
  const smooth = new Float32Array(bg.length);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let m = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const yy = by + dy;
          const xx = bx + dx;
          if (yy >= 0 && yy < bh && xx >= 0 && xx < bw) m = Math.max(m, bg[yy * bw + xx] ?? 0);
        }
      }
      smooth[by * bw + bx] = m;
    }
  }
  const at = (bx: number, by: number) => smooth[Math.min(bh - 1, Math.max(0, by)) * bw + Math.min(bw - 1, Math.max(0, bx))] ?? 255;
  for (let y = 0; y < height; y++) {
    const fy = y / block - 0.5;
    const y0 = Math.floor(fy);
    const ty = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = x / block - 0.5;
      const x0 = Math.floor(fx);
      const tx = fx - x0;
      const b = (at(x0, y0) * (1 - tx) + at(x0 + 1, y0) * tx) * (1 - ty) + (at(x0, y0 + 1) * (1 - tx) + at(x0 + 1, y0 + 1) * tx) * ty;
      const i = y * width + x;
      const v = ((data[i] ?? 0) / b) * 255;
      // Stretch: paper (≥ 0.9 of background) to white, ink towards black.
      data[i] = Math.max(0, Math.min(255, Math.round((v - black) * gain)));
    }
  }
  return block;
}
