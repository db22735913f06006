import { afterAll, describe, expect, it } from "vitest";
import { createOcrEngine } from "../ocr";
import { renderPng, svgPage } from "../ocr/__fixtures__/render";
import type { Point } from "../types";
import { prepareForOcr } from "./index";
import { findPageQuad } from "./quad";
import { greyToPng, toGrey } from "./raster";
import { applyH, homography, invertH, warpPerspective, warpSheet } from "./warp";

const engine = createOcrEngine({ detectOrientation: false });
afterAll(() => engine.close());

// A small invoice page (600×780) …
const PAGE_W = 600;
const PAGE_H = 780;
const texts = [
  { text: "INVOICE 4711", x: 40, y: 70, size: 30, weight: "bold" as const },
  { text: "Date 2026-03-14", x: 40, y: 130, size: 22 },
  { text: "Coffee beans 2 x 7.50", x: 40, y: 220, size: 22 },
  { text: "Milk 1 x 1.20", x: 40, y: 270, size: 22 },
  { text: "Sugar 3 x 0.90", x: 40, y: 320, size: 22 },
  { text: "TOTAL", x: 40, y: 420, size: 26, weight: "bold" as const },
  { text: "19.90", x: 300, y: 420, size: 26, weight: "bold" as const },
  { text: "Thank you for your order", x: 40, y: 700, size: 20 },
];
// … photographed: turned about 4° clockwise with a keystone (the top edge is narrower),
// on a dark desk. These are where the page's corners land in the 900×1000 photo.
const QUAD: Point[] = [
  { x: 160.4, y: 90.2 },
  { x: 752.7, y: 131.6 },
  { x: 781.3, y: 932.9 },
  { x: 110.8, y: 887.5 },
];
const PHOTO_W = 900;
const PHOTO_H = 1000;
const pageCorners: Point[] = [
  { x: 0, y: 0 },
  { x: PAGE_W, y: 0 },
  { x: PAGE_W, y: PAGE_H },
  { x: 0, y: PAGE_H },
];

/** The photo: page warped by the known homography, dark desk with a brighter stripe. */
async function photo() {
  const page = await toGrey((await renderPng(svgPage(PAGE_W, PAGE_H, texts))).png);
  const photoToPage = homography(QUAD, pageCorners);
  const img = warpPerspective(page, photoToPage, PHOTO_W, PHOTO_H);
  // Desk (outside the sheet) with texture, and lighting falling off to the right.
  const inside = (x: number, y: number) => {
    const p = applyH(photoToPage, { x: x + 0.5, y: y + 0.5 });
    return p.x >= 0 && p.y >= 0 && p.x <= PAGE_W && p.y <= PAGE_H;
  };
  for (let y = 0; y < PHOTO_H; y++) {
    for (let x = 0; x < PHOTO_W; x++) {
      const i = y * PHOTO_W + x;
      const light = 1 - (0.25 * x) / PHOTO_W;
      const v = inside(x, y) ? (img.data[i] ?? 0) * 0.92 : 70 + (Math.floor(y / 12) % 2) * 25;
      img.data[i] = Math.round(v * light);
    }
  }
  return { grey: img, pageToPhoto: homography(pageCorners, QUAD) };
}

const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

describe("homography", () => {
  it("maps four points exactly and round-trips through its inverse", () => {
    const h = homography(pageCorners, QUAD);
    for (const [i, p] of pageCorners.entries()) expect(dist(applyH(h, p), QUAD[i]!)).toBeLessThan(1e-6);
    const inv = invertH(h);
    for (const p of [
      { x: 12.5, y: 700 },
      { x: 300, y: 390 },
      { x: 599, y: 1 },
    ]) {
      expect(dist(applyH(inv, applyH(h, p)), p)).toBeLessThan(1e-6);
    }
  });

  it("warps a sheet upright and maps sheet pixels back onto the source", async () => {
    const { grey } = await photo();
    const sheet = warpSheet(grey, QUAD);
    // Side lengths: means of the quad's opposite edges; the aspect ratio is the page's.
    const [tl, tr, br, bl] = QUAD as [Point, Point, Point, Point];
    expect(sheet.grey.width).toBe(Math.round((dist(tl, tr) + dist(bl, br)) / 2));
    expect(sheet.grey.height).toBe(Math.round((dist(tl, bl) + dist(tr, br)) / 2));
    expect(sheet.grey.width / sheet.grey.height).toBeCloseTo(PAGE_W / PAGE_H, 1);
    // Upright: the page's bold title is ink in the sheet where the page had it.
    const at = (x: number, y: number) => sheet.grey.data[Math.round(y) * sheet.grey.width + Math.round(x)] ?? 255;
    const k = sheet.grey.width / PAGE_W;
    let ink = 0;
    for (let x = 45; x < 250; x++) if (at(x * k, 60 * k) < 128) ink++;
    expect(ink).toBeGreaterThan(20);
    expect(dist(sheet.toSource({ x: 0, y: 0 }), QUAD[0]!)).toBeLessThan(1e-6);
    expect(dist(sheet.toSource({ x: sheet.grey.width, y: sheet.grey.height }), QUAD[2]!)).toBeLessThan(1);
    expect((sheet.angle * 180) / Math.PI).toBeCloseTo(3.7, 0);
  });
});

describe("findPageQuad", () => {
  it("finds a rotated, keystoned sheet on a dark desk to within a few pixels", async () => {
    const { grey } = await photo();
    const q = findPageQuad(grey);
    expect(q).not.toBeNull();
    for (const [i, c] of q!.corners.entries()) expect(dist(c, QUAD[i]!)).toBeLessThan(3);
  });

  it("gives up when the sheet runs off the frame", async () => {
    const { grey } = await photo();
    // Keep the top 600 rows: the sheet's bottom edge is cut off.
    const top = { data: grey.data.slice(0, PHOTO_W * 600), width: PHOTO_W, height: 600 };
    expect(findPageQuad(top)).toBeNull();
  });

  it("gives up on a page that is all paper", async () => {
    const grey = await toGrey((await renderPng(svgPage(PAGE_W, PAGE_H, texts))).png);
    expect(findPageQuad(grey)).toBeNull();
  });
});

describe("prepareForOcr on a photo", () => {
  it("warps the sheet upright, and its corners map back onto the photo's quad", async () => {
    const { grey } = await photo();
    const png = await greyToPng(grey);
    const prep = await prepareForOcr({ png, width: PHOTO_W, height: PHOTO_H }, { warpInset: 0 });
    expect(prep.clean).toBe(false);
    expect(prep.quad).toBeDefined();
    expect(dist(prep.toOriginal({ x: 0, y: 0 }), QUAD[0]!)).toBeLessThan(3);
    expect(dist(prep.toOriginal({ x: prep.width, y: 0 }), QUAD[1]!)).toBeLessThan(3);
    expect(dist(prep.toOriginal({ x: prep.width, y: prep.height }), QUAD[2]!)).toBeLessThan(3);
    expect(dist(prep.toOriginal({ x: 0, y: prep.height }), QUAD[3]!)).toBeLessThan(3);
    // Tesseract's convention: text sloping clockwise by θ is deskewed by −θ.
    expect((prep.deskew * 180) / Math.PI).toBeCloseTo(-3.7, 0);
  });

  it("reads the text and puts every box back on the photo", async () => {
    const { grey, pageToPhoto } = await photo();
    const png = await greyToPng(grey);
    const page = await engine.recognize({ png, width: PHOTO_W, height: PHOTO_H }, { lang: "en" });
    const text = page.words.map((w) => w.text).join(" ");
    expect(text).toContain("INVOICE 4711");
    expect(text).toContain("Coffee beans 2 x 7.50");
    expect(text).toMatch(/TOTAL\s+19\.90/);
    // "19.90" is drawn from x = 300 on the baseline y = 420 of the page (about 80 px wide):
    // points on its ink, mapped into the photo, must lie in the word's box.
    const w = page.words.find((x) => x.text === "19.90")!;
    const box = { x0: (w.box.x0 * PHOTO_W) / 1000, x1: (w.box.x1 * PHOTO_W) / 1000, y0: (w.box.y0 * PHOTO_H) / 1000, y1: (w.box.y1 * PHOTO_H) / 1000 };
    const start = applyH(pageToPhoto, { x: 308, y: 410 });
    const end = applyH(pageToPhoto, { x: 370, y: 410 });
    for (const p of [start, end]) {
      expect(p.x).toBeGreaterThan(box.x0 - 4);
      expect(p.x).toBeLessThan(box.x1 + 4);
      expect(p.y).toBeGreaterThan(box.y0 - 4);
      expect(p.y).toBeLessThan(box.y1 + 4);
    }
    // The quad follows the sheet's slope in the photo, and so do the line angles.
    const [tl, tr] = w.quad;
    const slope = (Math.atan2(((tr.y - tl.y) * PHOTO_H) / 1000, ((tr.x - tl.x) * PHOTO_W) / 1000) * 180) / Math.PI;
    expect(slope).toBeGreaterThan(2);
    expect(slope).toBeLessThan(6);
    const line = page.lines.find((l) => l.wordIds.includes(w.id))!;
    expect(line.angle).toBeGreaterThan(2);
    expect(line.angle).toBeLessThan(6);
  });
});
