import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { Point, Quad } from "../types";
import { PAGE_H, PAGE_W, PHOTO_H, PHOTO_W, QUAD, tiltedPhoto } from "./__fixtures__/photo";
import { flatMaps } from "./flatten";
import type { Grey } from "./raster";
import { downscaledGrey, edgeContrast, largePageFlattening, quadDistortion, sheetFlattening } from "./sheet-flattening";

const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
const grid = (p: Point, w: number, h: number): Point => ({ x: (p.x * 1000) / w, y: (p.y * 1000) / h });

/** A grey raster: `bg` everywhere, a level `fg` rectangle (x0, y0, x1, y1) with dark text-like bars on it. */
function sheetOn(width: number, height: number, bg: number, r?: { x0: number; y0: number; x1: number; y1: number }, fg = 235): Grey {
  const data = new Uint8Array(width * height).fill(bg);
  if (r) {
    for (let y = r.y0; y < r.y1; y++) {
      for (let x = r.x0; x < r.x1; x++) {
        const u = (x - r.x0) / (r.x1 - r.x0);
        const v = (y - r.y0) / (r.y1 - r.y0);
        // text lines: a bar every ~4 % of the height, in the middle 80 % of the width
        const ink = u > 0.1 && u < 0.9 && v > 0.08 && v < 0.92 && Math.floor(v * 50) % 2 === 0 && Math.floor(u * 40) % 5 !== 4;
        data[y * width + x] = ink ? 40 : fg;
      }
    }
  }
  return { data, width, height };
}

describe("the display flattening of a large page (read by the ONNX reader, not warped)", () => {
  it("finds a tilted, keystoned sheet on a 12-MP photo from a downscaled copy: corners on the original grid, the page's proportions", async () => {
    // The tilted photo enlarged ×3.6 to 3240×3600 (11.7 MP): the corners scale with it.
    const small = await tiltedPhoto();
    const k = 3.6;
    const W = Math.round(PHOTO_W * k);
    const H = Math.round(PHOTO_H * k);
    const png = await sharp(small.png).resize(W, H, { kernel: "cubic" }).png({ compressionLevel: 1 }).toBuffer();
    const f = await largePageFlattening({ png, width: W, height: H });
    expect(f).not.toBeNull();
    // The same grid as the small photo: within 4 grid units of the true corners.
    for (const [i, c] of f!.quad.entries()) expect(dist(c, grid(QUAD[i]!, PHOTO_W, PHOTO_H))).toBeLessThan(4);
    expect(f!.width / f!.height).toBeCloseTo(PAGE_W / PAGE_H, 1);
    // A view: capped at 2400 px on its long side (the sheet is ~2900 px tall on the original).
    expect(Math.max(f!.width, f!.height)).toBe(2400);
    // The flattened grid's corners are the sheet's corners.
    const m = flatMaps(f!);
    expect(dist(m.toFlat(f!.quad[2]), { x: 1000, y: 1000 })).toBeLessThan(1e-6);
  });

  it("crops to a level receipt lying on a flatbed scan's lid (10 % of the sheet)", () => {
    // 2480×3508 (A4 at 300 dpi) as a 1/2.2 copy; the receipt is 80 mm wide.
    const g = sheetOn(1127, 1594, 175, { x0: 300, y0: 200, x1: 660, y1: 1100 });
    const f = sheetFlattening(g, 2480, 3508);
    expect(f).not.toBeNull();
    const want = [
      { x: 300, y: 200 },
      { x: 660, y: 200 },
      { x: 660, y: 1100 },
      { x: 300, y: 1100 },
    ].map((p) => grid(p, g.width, g.height));
    for (const [i, c] of f!.quad.entries()) expect(dist(c, want[i]!)).toBeLessThan(3);
    expect(quadDistortion(f!.quad).tilt).toBeLessThan(0.5);
  });

  it("hands out nothing degenerate: no sheet, a sheet that is the frame, a tiny sheet", () => {
    // No sheet: a plain page (all paper) and a plain dark background.
    expect(sheetFlattening(sheetOn(1200, 1600, 235), 3000, 4000)).toBeNull();
    expect(sheetFlattening(sheetOn(1200, 1600, 60), 3000, 4000)).toBeNull();
    // A level sheet filling the frame but for a dark border: flattening would show the same page.
    const frame = sheetOn(1200, 1600, 60, { x0: 60, y0: 70, x1: 1140, y1: 1530 });
    expect(sheetFlattening(frame, 3000, 4000)).toBeNull();
    // (the finder does find that sheet: it is the frame test that leaves it out)
    expect(sheetFlattening(frame, 3000, 4000, { cropShare: 1 })).not.toBeNull();
    // … while the same sheet at 60 % of the frame is worth cropping to (the finder does find it).
    expect(sheetFlattening(sheetOn(1200, 1600, 60, { x0: 150, y0: 160, x1: 1050, y1: 1440 }), 3000, 4000)).not.toBeNull();
    // A tiny bright card (< 2 % of the frame, < 300 px a side on the original).
    expect(sheetFlattening(sheetOn(1200, 1600, 60, { x0: 560, y0: 740, x1: 640, y1: 860 }), 3000, 4000)).toBeNull();
  });

  it("takes no crease for an edge: paper again beyond it", () => {
    // A receipt on a lid with a dark crease down its right part: the finder may stop at the crease.
    const g = sheetOn(1127, 1594, 175, { x0: 300, y0: 200, x1: 760, y1: 1100 });
    for (let y = 200; y < 1100; y++) for (let x = 640; x < 646; x++) g.data[y * g.width + x] = 120;
    const q: Quad = [
      { x: 300, y: 200 },
      { x: 643, y: 200 },
      { x: 643, y: 1100 },
      { x: 300, y: 1100 },
    ];
    const [top, right, bottom, left] = edgeContrast(g, q);
    expect(Math.min(top!, bottom!, left!)).toBeGreaterThan(40);
    expect(right).toBeLessThan(20);
    expect(Math.min(...edgeContrast(g, [q[0], { x: 760, y: 200 }, { x: 760, y: 1100 }, q[3]]))).toBeGreaterThan(40);
  });

  it("measures tilt and keystone of a quad", () => {
    const level = quadDistortion([
      { x: 0, y: 0 },
      { x: 100, y: 0 },
      { x: 100, y: 200 },
      { x: 0, y: 200 },
    ]);
    expect(level).toEqual({ tilt: 0, keystone: 0 });
    const q = quadDistortion(QUAD as [Point, Point, Point, Point]);
    expect(q.tilt).toBeGreaterThan(3);
    expect(q.keystone).toBeGreaterThan(1.5);
  });

  it("downscales to the asked long side and never enlarges", async () => {
    const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#fff" } })
      .png()
      .toBuffer();
    expect(await downscaledGrey(png, 200)).toMatchObject({ width: 200, height: 150 });
    const g = await downscaledGrey(png, 1600);
    expect([g.width, g.height, g.data.length]).toEqual([400, 300, 120000]);
  });
});
