import { describe, expect, it } from "vitest";
import type { Grey } from "./raster";
import { receiptOnSheet } from "./sheet-receipt";

interface Sheet {
  /** the sheet's background: a grey lid, its light falling off by `fall` levels towards the right. */
  lid: number;
  fall?: number;
  /** the paper: [x0, y0, x1, y1] in pixels, at grey `paper`, printed every 12th row; a logo band its first `logo` rows. */
  doc: [number, number, number, number];
  paper: number;
  logo?: number;
}

/** A thumbnail of a flatbed scan (436×600, as ocr/page-shape.ts thumbnail makes of an A4 sheet). */
function sheet(s: Sheet): Grey {
  const [w, h] = [436, 600];
  const data = new Uint8Array(w * h);
  const [x0, y0, x1, y1] = s.doc;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let v = Math.round(s.lid - ((s.fall ?? 0) * x) / w);
      if (x >= x0 && x < x1 && y >= y0 && y < y1) {
        v = s.paper;
        // A logo band: white letter cells on a darker band, its mean at the lid's level (as a black band with white
        // letters can be): only its unevenness tells it from the lid.
        if (y - y0 < (s.logo ?? 0)) v = (x + (y % 12 < 6 ? 0 : 6)) % 12 < 6 ? 235 : 140;
        else if (y % 12 < 2 && x > x0 + 8 && x < x1 - 8 && x % 3 === 0) v = 30; // a printed line (thin strokes)
      }
      data[y * w + x] = v;
    }
  }
  return { data, width: w, height: h };
}

describe("a till receipt on a scanner's lid", () => {
  it("is the narrow tall bright block, grown through its logo band", () => {
    const r = receiptOnSheet(sheet({ lid: 165, fall: 25, doc: [276, 0, 436, 440], paper: 222, logo: 42 }));
    expect(r).not.toBeNull();
    expect(r!.y0).toBe(0);
    expect(r!.x0).toBeGreaterThan(255);
    expect(r!.x0).toBeLessThanOrEqual(276);
    expect(r!.y1).toBeGreaterThanOrEqual(440);
    expect(r!.y1).toBeLessThan(460); // the lid's smooth fall of light below it is not receipt
  });

  it("finds the receipt away from the sheet's edges", () => {
    const r = receiptOnSheet(sheet({ lid: 170, doc: [150, 80, 300, 520], paper: 235, logo: 30 }));
    expect(r).not.toBeNull();
    expect(r!.y0).toBeLessThanOrEqual(80);
    expect(r!.y0).toBeGreaterThan(60);
    expect(r!.x1).toBeGreaterThanOrEqual(300);
    expect(r!.x1).toBeLessThan(320);
  });

  it("takes no A4 page on the lid (not narrow) and no plain white page for a receipt", () => {
    expect(receiptOnSheet(sheet({ lid: 165, doc: [20, 20, 416, 580], paper: 235 }))).toBeNull();
    expect(receiptOnSheet(sheet({ lid: 235, doc: [0, 0, 436, 600], paper: 235 }))).toBeNull();
  });

  it("takes no short slip for a till receipt", () => {
    expect(receiptOnSheet(sheet({ lid: 165, doc: [276, 0, 436, 200], paper: 230 }))).toBeNull();
  });
});
