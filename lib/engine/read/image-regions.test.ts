import { describe, expect, it } from "vitest";
import type { Grey } from "../preprocess/raster";
import { type PixelRect, uncoveredTextRegions } from "./image-regions";

/** A white page with shapes drawn in black. */
function page(width = 1000, height = 800) {
  const img: Grey = { data: new Uint8Array(width * height).fill(255), width, height };
  const fill = (x0: number, y0: number, w: number, h: number) => {
    for (let y = y0; y < y0 + h; y++) img.data.fill(0, y * width + x0, y * width + x0 + w);
  };
  /** A letter-like ring (an "o" drawn with a 2-px stroke). */
  const ring = (x: number, y: number, w = 10, h = 14) => {
    fill(x, y, w, 2);
    fill(x, y + h - 2, w, 2);
    fill(x, y, 2, h);
    fill(x + w - 2, y, 2, h);
  };
  /** A word of `n` letters at (x, y); returns its box. */
  const word = (x: number, y: number, n: number): PixelRect => {
    for (let i = 0; i < n; i++) ring(x + i * 13, y);
    return { x0: x, y0: y, x1: x + n * 13 - 3, y1: y + 14 };
  };
  return { img, fill, ring, word };
}

const inside = (r: PixelRect, b: PixelRect) => r.x0 <= b.x0 && r.y0 <= b.y0 && r.x1 >= b.x1 && r.y1 >= b.y1;

describe("uncoveredTextRegions", () => {
  it("finds lines of letters the text layer does not cover, one region per block of lines", () => {
    const p = page();
    const a = p.word(100, 600, 6);
    const b = p.word(100, 622, 8);
    const far = p.word(700, 100, 5);
    const regions = uncoveredTextRegions(p.img, []);
    expect(regions).toHaveLength(2);
    expect(inside(regions[1]!, a) && inside(regions[1]!, b)).toBe(true);
    expect(inside(regions[0]!, far)).toBe(true);
  });

  it("leaves out the letters the text layer's words cover", () => {
    const p = page();
    const a = p.word(100, 600, 6);
    expect(uncoveredTextRegions(p.img, [a])).toEqual([]);
  });

  it("reads only inside the images the PDF paints, when it says where they are", () => {
    const p = page();
    p.word(100, 600, 6);
    const b = p.word(600, 600, 6);
    const regions = uncoveredTextRegions(p.img, [], [{ x0: 580, y0: 580, x1: 800, y1: 650 }]);
    expect(regions).toHaveLength(1);
    expect(inside(regions[0]!, b)).toBe(true);
  });

  it("finds no text in rules, filled panels, a barcode or a lone logo mark", () => {
    const p = page();
    p.fill(50, 100, 900, 3); // a table rule
    p.fill(50, 200, 300, 40); // a filled panel
    for (let i = 0; i < 30; i++) p.fill(500 + i * 5, 300, 2, 40); // a barcode's bars
    p.ring(100, 500, 60, 60); // a logo's mark
    expect(uncoveredTextRegions(p.img, [])).toEqual([]);
  });

  it("needs a few letters side by side: two marks are no line", () => {
    const p = page();
    p.word(100, 600, 2);
    expect(uncoveredTextRegions(p.img, [])).toEqual([]);
  });
});
