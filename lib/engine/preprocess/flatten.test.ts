import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { Point } from "../types";
import { BLOCK, flatPage, PAGE_H, PAGE_W, PHOTO_H, PHOTO_W, QUAD, tiltedPhoto as photo } from "./__fixtures__/photo";
import { flatMaps } from "./flatten";
import { renderFlattened } from "./flatten-image";
import { prepareForOcr } from "./index";
import { applyH } from "./warp";

/** Bounding box of the pixels darker than 60 inside a window of a greyscale raster. */
function darkBox(data: Uint8Array | Buffer, width: number, win: { x0: number; y0: number; x1: number; y1: number }) {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (let y = win.y0; y < win.y1; y++) {
    for (let x = win.x0; x < win.x1; x++) {
      if ((data[y * width + x] ?? 255) >= 60) continue;
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x + 1);
      y1 = Math.max(y1, y + 1);
    }
  }
  return { x0, y0, x1, y1 };
}

const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
const grid = (p: Point, w: number, h: number): Point => ({ x: (p.x * 1000) / w, y: (p.y * 1000) / h });

describe("the flattened page of a warped photo", () => {
  it("is returned by the stage as data: the sheet's corners on the original grid and the upright page's size", async () => {
    const img = await photo();
    const prep = await prepareForOcr(img);
    const f = prep.flattening;
    expect(f).toBeDefined();
    // The corners found are the sheet's, within a few pixels, named as on the upright page.
    for (const [i, c] of f!.quad.entries()) expect(dist(c, grid(QUAD[i]!, PHOTO_W, PHOTO_H))).toBeLessThan(4);
    expect(f!.width / f!.height).toBeCloseTo(PAGE_W / PAGE_H, 1);
    // Sized as the OCR's warp sizes the sheet: the mean lengths of the quad's opposite edges.
    const [tl, tr, br, bl] = QUAD as [Point, Point, Point, Point];
    expect(Math.abs(f!.width - (dist(tl, tr) + dist(bl, br)) / 2)).toBeLessThan(4);
    expect(Math.abs(f!.height - (dist(tl, bl) + dist(tr, br)) / 2)).toBeLessThan(4);
  });

  it("renders upright, and a box on the original maps onto the same ink on the flattened page and back", async () => {
    const img = await photo();
    const f = (await prepareForOcr(img)).flattening!;
    const flat = await renderFlattened(img.png, f);
    const meta = await sharp(flat.jpeg).metadata();
    expect([meta.format, meta.width, meta.height, meta.channels]).toEqual(["jpeg", f.width, f.height, 3]);
    const { data } = await sharp(flat.jpeg).greyscale().raw().toBuffer({ resolveWithObject: true });
    // The block is upright again: its ink on the flattened page is an axis-aligned rectangle where the page has it.
    const k = f.width / PAGE_W;
    const found = darkBox(data, f.width, {
      x0: Math.round((BLOCK.x0 - 20) * k),
      y0: Math.round((BLOCK.y0 - 20) * k),
      x1: Math.round((BLOCK.x1 + 20) * k),
      y1: Math.round((BLOCK.y1 + 20) * k),
    });
    expect(Math.abs(found.x0 - BLOCK.x0 * k)).toBeLessThan(4);
    expect(Math.abs(found.x1 - BLOCK.x1 * k)).toBeLessThan(4);
    expect(Math.abs(found.y0 - BLOCK.y0 * (f.height / PAGE_H))).toBeLessThan(4);
    expect(Math.abs(found.y1 - BLOCK.y1 * (f.height / PAGE_H))).toBeLessThan(4);
    // The value's box as the engine reports it (original photo, 0–1000 grid) …
    const corners: Point[] = [
      { x: BLOCK.x0, y: BLOCK.y0 },
      { x: BLOCK.x1, y: BLOCK.y0 },
      { x: BLOCK.x1, y: BLOCK.y1 },
      { x: BLOCK.x0, y: BLOCK.y1 },
    ];
    const onPhoto = corners.map((c) => grid(applyH(img.pageToPhoto, c), PHOTO_W, PHOTO_H));
    // … lands on the flattened page's grid where the ink is (within 4 px) …
    const maps = flatMaps(f);
    const onFlat = onPhoto.map((p) => maps.toFlat(p));
    const inkCorners = [
      { x: found.x0, y: found.y0 },
      { x: found.x1, y: found.y0 },
      { x: found.x1, y: found.y1 },
      { x: found.x0, y: found.y1 },
    ];
    for (const [i, p] of onFlat.entries()) {
      const ink = inkCorners[i]!;
      expect(Math.abs((p.x * f.width) / 1000 - ink.x)).toBeLessThan(4);
      expect(Math.abs((p.y * f.height) / 1000 - ink.y)).toBeLessThan(4);
    }
    // … and a box drawn on the flattened page maps back onto the photo.
    for (const [i, p] of onFlat.entries()) expect(dist(maps.toOriginal(p), onPhoto[i]!)).toBeLessThan(1e-6);
  });

  it("is absent for a clean page (nothing was warped)", async () => {
    expect((await prepareForOcr(await flatPage())).flattening).toBeUndefined();
  });
});
