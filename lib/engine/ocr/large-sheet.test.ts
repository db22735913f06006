import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { PHOTO_H, PHOTO_W, QUAD, tiltedPhoto } from "../preprocess/__fixtures__/photo";
import { flatMaps } from "../preprocess/flatten";
import { applyH } from "../preprocess/warp";
import { createOcrEngine } from "./index";

const engine = createOcrEngine({ max: 1 });
afterAll(() => engine.close());

describe("a large photo (≥ 5 MP) read by the ONNX reader", () => {
  it("carries the flattening of its sheet for the flattened view, with the reader's boxes on the original grid", async () => {
    // The tilted invoice photo enlarged ×3.6 (3240×3600, 11.7 MP): the large-sheet path.
    const small = await tiltedPhoto();
    const k = 3.6;
    const W = Math.round(PHOTO_W * k);
    const H = Math.round(PHOTO_H * k);
    const png = await sharp(small.png).resize(W, H, { kernel: "cubic" }).png({ compressionLevel: 1 }).toBuffer();
    const page = await engine.recognize({ png, width: W, height: H });
    expect(page.language).not.toBe("ppocr"); // read by the ONNX reader (it names the page's Latin model)
    const f = page.flattening;
    expect(f).toBeDefined();
    for (const [i, c] of f!.quad.entries()) {
      expect(Math.hypot(c.x - (QUAD[i]!.x * 1000) / PHOTO_W, c.y - (QUAD[i]!.y * 1000) / PHOTO_H)).toBeLessThan(4);
    }
    // "TOTAL" is printed at page (40, 420–26) – its box is on the original's grid, where the photo has it …
    const total = page.words.find((w) => /TOTAL/i.test(w.text));
    expect(total).toBeDefined();
    const at = applyH(small.pageToPhoto, { x: 80, y: 410 });
    const g = { x: (at.x * 1000) / PHOTO_W, y: (at.y * 1000) / PHOTO_H };
    expect(g.x).toBeGreaterThan(total!.box.x0 - 5);
    expect(g.x).toBeLessThan(total!.box.x1 + 5);
    expect(g.y).toBeGreaterThan(total!.box.y0 - 5);
    expect(g.y).toBeLessThan(total!.box.y1 + 5);
    // … and mapped onto the flattened page it is level (the photo is turned ~4°: ~20 grid units over the word).
    const m = flatMaps(f!);
    const q = total!.quad ?? [
      { x: total!.box.x0, y: total!.box.y0 },
      { x: total!.box.x1, y: total!.box.y0 },
      { x: total!.box.x1, y: total!.box.y1 },
      { x: total!.box.x0, y: total!.box.y1 },
    ];
    const [tl, tr] = q.map(m.toFlat);
    expect(Math.abs(tr!.y - tl!.y)).toBeLessThan(4);
    // On the flattened grid the word is where the page prints it (x 40 of 600, baseline 420 of 780).
    expect(Math.abs(tl!.x - (40 * 1000) / 600)).toBeLessThan(15);
  }, 60_000);
});
