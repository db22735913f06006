import { describe, expect, it } from "vitest";
import { evenPaperShare, paperShare } from "./index";
import type { Grey } from "./raster";

/** A `w`×`h` page of paper at grey `paper` with a band of `bg` down its left `bgShare` and a light gradient of `fall` levels. */
function page(w: number, h: number, paper: number, o: { bg?: number; bgShare?: number; fall?: number } = {}): Grey {
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const lit = paper - ((o.fall ?? 0) * (x + y)) / (w + h);
      data[y * w + x] = x < (o.bgShare ?? 0) * w ? (o.bg ?? 40) : Math.round(lit);
      // Print: every 7th row of the paper holds ink.
      if (y % 7 === 0 && x >= (o.bgShare ?? 0) * w + 4 && x % 5 !== 0) data[y * w + x] = 20;
    }
  }
  return { data, width: w, height: h };
}

describe("paper at its own level", () => {
  it("finds grey thermal paper scanned evenly, which has no near-white pixel", () => {
    const grey = page(120, 300, 212, { bg: 60, bgShare: 0.05 });
    expect(paperShare(grey)).toBe(0);
    expect(evenPaperShare(grey)).toBeGreaterThan(0.6);
  });

  it("leaves near-white paper to paperShare", () => {
    expect(evenPaperShare(page(120, 300, 245, { bg: 60, bgShare: 0.35 }))).toBe(0);
  });

  it("does not take a photo's background and light gradient for paper", () => {
    const photo = page(300, 400, 235, { bg: 120, bgShare: 0.3, fall: 90 });
    expect(evenPaperShare(photo)).toBeLessThan(0.6);
  });
});
