/**
 * Test helper: a phone photo made in the test — a 600×780 invoice page turned ~4° clockwise with a
 * keystone, on a dark striped desk (900×1000 px). A solid block stands where a value is printed, so
 * its box on the page is known exactly.
 */
import { renderPng, svgPage } from "../../ocr/__fixtures__/render";
import type { Point } from "../../types";
import { greyToPng, toGrey } from "../raster";
import { applyH, homography, warpPerspective } from "../warp";

export const PAGE_W = 600;
export const PAGE_H = 780;
/** the printed block (page pixels). */
export const BLOCK = { x0: 300, y0: 390, x1: 420, y1: 426 };
const texts = [
  { text: "INVOICE 4711", x: 40, y: 70, size: 30, weight: "bold" as const },
  { text: "Date 2026-03-14", x: 40, y: 130, size: 22 },
  { text: "Coffee beans 2 x 7.50", x: 40, y: 220, size: 22 },
  { text: "Milk 1 x 1.20", x: 40, y: 270, size: 22 },
  { text: "TOTAL", x: 40, y: 420, size: 26, weight: "bold" as const },
  { text: "Thank you for your order", x: 40, y: 700, size: 20 },
];
const block = `<rect x="${BLOCK.x0}" y="${BLOCK.y0}" width="${BLOCK.x1 - BLOCK.x0}" height="${BLOCK.y1 - BLOCK.y0}" fill="#000"/>`;
/** where the page's corners (tl, tr, br, bl) land on the photo. */
export const QUAD: Point[] = [
  { x: 160.4, y: 90.2 },
  { x: 752.7, y: 131.6 },
  { x: 781.3, y: 932.9 },
  { x: 110.8, y: 887.5 },
];
export const PHOTO_W = 900;
export const PHOTO_H = 1000;
const pageCorners: Point[] = [
  { x: 0, y: 0 },
  { x: PAGE_W, y: 0 },
  { x: PAGE_W, y: PAGE_H },
  { x: 0, y: PAGE_H },
];

/** The clean page itself (what a flattened photo should look like). */
export async function flatPage() {
  return renderPng(svgPage(PAGE_W, PAGE_H, texts, block));
}

/** The photo (greyscale PNG) and the homography from page pixels to photo pixels. */
export async function tiltedPhoto() {
  const page = await toGrey((await flatPage()).png);
  const photoToPage = homography(QUAD, pageCorners);
  const img = warpPerspective(page, photoToPage, PHOTO_W, PHOTO_H);
  for (let y = 0; y < PHOTO_H; y++) {
    for (let x = 0; x < PHOTO_W; x++) {
      const p = applyH(photoToPage, { x: x + 0.5, y: y + 0.5 });
      const inside = p.x >= 0 && p.y >= 0 && p.x <= PAGE_W && p.y <= PAGE_H;
      if (!inside) img.data[y * PHOTO_W + x] = 70 + (Math.floor(y / 12) % 2) * 25;
    }
  }
  const png = await greyToPng(img);
  return { png, width: PHOTO_W, height: PHOTO_H, pageToPhoto: homography(pageCorners, QUAD) };
}
