import { describe, expect, it } from "vitest";
import { knownFace } from "./faces";
import { type FontMetrics, fontExtent, rasterSize, toTextLayerItem, withFontNames } from "./item";

describe("toTextLayerItem", () => {
  it("spans the font's ascent and descent when the style gives them", () => {
    // 20 px font at baseline (100, 200): Open Sans-like metrics 1.069 / -0.293 em, settled 0.05 em.
    const item = toTextLayerItem("Total", [20, 0, 0, 20, 100, 200], 30, 2, { ascent: 1.069, descent: -0.293 });
    expect(item?.y).toBeCloseTo(200 - 20.38);
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
    // A run rotated 90° (reading downwards): the extent lies along x (descent 0.25 + 0.05 settled).
    const item = toTextLayerItem("ab", [0, 10, -10, 0, 50, 100], 20, 1, { ascent: 1, descent: -0.25 });
    expect(item?.angle).toBeCloseTo(90);
    expect(item?.x).toBeCloseTo(50 - 3);
    expect(item?.width).toBeCloseTo(12.5);
    expect(item?.y).toBeCloseTo(100);
    expect(item?.height).toBeCloseTo(20);
  });
});

describe("faces without metrics", () => {
  it("recognises common faces by PDF font name, subset tag and style aside", () => {
    expect(knownFace("BAAAAA+TeXGyreHeros-Regular")).toEqual({ ascent: 1.148, descent: 0.284 });
    expect(knownFace("TeXGyreHerosCondensed-Bold")).toEqual({ ascent: 1.089, descent: 0.282 });
    expect(knownFace("CAAAAA+NotoSansCJKjp-Bold")).toEqual({ ascent: 1.16, descent: 0.288 });
    expect(knownFace("Helvetica")).toBeUndefined();
    expect(knownFace(undefined)).toBeUndefined();
    // pdfjs reports NaN for Type3 fonts: the name decides, settled like measured metrics.
    const ext = fontExtent({ ascent: Number.NaN, descent: Number.NaN, name: "AAAAAA+URWBookman-Light" });
    expect(ext.ascent).toBeCloseTo(0.667);
    expect(ext.descent).toBeCloseTo(0.333);
  });

  it("adds the loaded fonts' names to pdfjs styles, leaving unloaded ones alone", () => {
    const loaded = new Map<string, unknown>([["f1", { name: "BAAAAA+TeXGyreTermes-Regular" }]]);
    const fonts = { has: (id: string) => loaded.has(id), get: (id: string) => loaded.get(id) };
    const styles = withFontNames<FontMetrics>({ f1: { ascent: Number.NaN }, f2: { ascent: 0.9, descent: -0.2 } }, fonts);
    expect(styles.f1?.name).toBe("BAAAAA+TeXGyreTermes-Regular");
    expect(styles.f2).toEqual({ ascent: 0.9, descent: -0.2 });
  });

  it("floors the raster size of a viewport", () => {
    expect(rasterSize({ width: 1241.5, height: 1650.0000001 })).toEqual({ width: 1241, height: 1650 });
  });
});
