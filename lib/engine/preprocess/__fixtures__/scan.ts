/** Test helper: a flatbed-like scan made in the test — a receipt on a grey, speckled lid. */
import sharp from "sharp";
import { renderPng, svgPage } from "../../ocr/__fixtures__/render";

export const receiptLines = [
  { text: "CORNER SHOP", x: 40, y: 70, size: 34, weight: "bold" as const },
  { text: "Bread 2.49", x: 40, y: 150 },
  { text: "Milk 1.19", x: 40, y: 210 },
  { text: "TOTAL 3.68", x: 40, y: 290, size: 34, weight: "bold" as const },
  { text: "Date 16.05.2020", x: 40, y: 360 },
];

/** A `width`×`height` sheet (grey lid, level ~165 with speckle) with a receipt at (left, top). */
export async function scanWithReceipt(width: number, height: number, left: number, top: number) {
  const receipt = await renderPng(svgPage(420, 420, receiptLines));
  const lid = Buffer.alloc(width * height);
  let seed = 7;
  for (let i = 0; i < lid.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    lid[i] = 160 + (seed % 12);
  }
  const { data, info } = await sharp(lid, { raw: { width, height, channels: 1 } })
    .composite([{ input: receipt.png, left, top }])
    .png()
    .toBuffer({ resolveWithObject: true });
  return { png: data, width: info.width, height: info.height, receipt: { x0: left, y0: top, x1: left + receipt.width, y1: top + receipt.height } };
}
