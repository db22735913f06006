import { describe, expect, it } from "vitest";
import { fontExtent, toTextLayerItem } from "./item";

describe("toTextLayerItem", () => {
  it("spans the font's ascent and descent when the style gives them", () => {
    // 20 px font at baseline (100, 200): Open Sans-like metrics 1.069 / -0.293 em.
    const item = toTextLayerItem("Total", [20, 0, 0, 20, 100, 200], 30, 2, { ascent: 1.069, descent: -0.293 });
    expect(item?.y).toBeCloseTo(200 - 21.38);
    expect(item?.height).toBeCloseTo(27.24);
    expect(item?.width).toBe(60);
  });

  it("keeps the bare em box without a style and guesses without usable metrics", () => {
    expect(toTextLayerItem("x", [10, 0, 0, 10, 0, 50], 5, 1)).toEqual({ text: "x", x: 0, y: 42, width: 5, height: 10 });
    expect(fontExtent({ ascent: Number.NaN, descent: Number.NaN })).toEqual({ ascent: 0.82, descent: 0.3 });
    expect(fontExtent({ ascent: 0, descent: 0 })).toEqual({ ascent: 0.82, descent: 0.3 });
    expect(fontExtent({ ascent: 1000, descent: -0.2 })).toEqual({ ascent: 0.82, descent: 0.2 });
  });

  it("rotates the ascent/descent extent with the run", () => {
    // A run rotated 90° (reading downwards): the extent lies along x.
    const item = toTextLayerItem("ab", [0, 10, -10, 0, 50, 100], 20, 1, { ascent: 1, descent: -0.25 });
    expect(item?.angle).toBeCloseTo(90);
    expect(item?.x).toBeCloseTo(50 - 2.5);
    expect(item?.width).toBeCloseTo(12.5);
    expect(item?.y).toBeCloseTo(100);
    expect(item?.height).toBeCloseTo(20);
  });
});
