import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { scanWithReceipt } from "../preprocess/__fixtures__/scan";
import { EngineError } from "../types";
import { renderPng, svgPage } from "./__fixtures__/render";
import { createOcrEngine } from "./index";

/** A page of pure noise: Tesseract finds thousands of blobs and no lines. */
async function noisePage(width: number, height: number) {
  const px = Buffer.alloc(width * height);
  let seed = 1;
  for (let i = 0; i < px.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    px[i] = seed % 3 === 0 ? 0 : 255;
  }
  const png = await sharp(px, { raw: { width, height, channels: 1 } })
    .png()
    .toBuffer();
  return { png, width, height };
}

describe("the per-page CPU budget", () => {
  const tight = createOcrEngine({ cpuBudgetMs: 300, detectOrientation: false });
  afterAll(() => tight.close());

  it("ends a page past its budget with a 'too complex' EngineError, and the engine reads on", async () => {
    const err = await tight.recognize(await noisePage(2200, 2200), { lang: "en" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).code).toBe("unprocessable_image");
    expect((err as EngineError).message).toMatch(/too complex/);
    // The terminated worker is replaced: a small page reads within the same budget's reach.
    const roomy = createOcrEngine({ detectOrientation: false });
    try {
      const page = await roomy.recognize(await renderPng(svgPage(500, 120, [{ text: "TOTAL 12.50", x: 30, y: 70 }])), { lang: "en" });
      expect(page.words.map((w) => w.text).join(" ")).toContain("12.50");
    } finally {
      await roomy.close();
    }
  });
});

describe("a receipt on a large flatbed scan", () => {
  const engine = createOcrEngine();
  const tesseractOnly = createOcrEngine({ largeSheetReader: "tesseract" });
  afterAll(() => Promise.all([engine.close(), tesseractOnly.close()]));

  it("is found on the sheet by tesseract's preparation, read, and its boxes land on the receipt", async () => {
    const scan = await scanWithReceipt(2000, 2600, 1400, 300);
    const page = await tesseractOnly.recognize(scan);
    expect(page.source).toBe("tesseract");
    const text = page.words.map((w) => w.text).join(" ");
    expect(text).toContain("3.68");
    const total = page.words.find((w) => w.text === "3.68")!;
    expect(total.box.x0).toBeGreaterThan((1400 / 2000) * 1000);
    expect(total.box.y0).toBeGreaterThan((300 / 2600) * 1000);
  });

  it("is read by the ONNX reader, its boxes on the receipt in sheet coordinates", async () => {
    const scan = await scanWithReceipt(2000, 2600, 1400, 300);
    const page = await engine.recognize(scan);
    const text = page.words.map((w) => w.text).join(" ");
    expect(text).toContain("3.68");
    expect(text).toContain("16.05.2020");
    // A large sheet that is not a clean page goes to the ONNX reader (see largeSheetReader); its
    // words keep the recogniser's confidences and the page is an OCR reading, never a text layer
    // (a text layer's values count as sure: confidence 1, no re-read, the gate's text-layer weights).
    expect(page.source).toBe("tesseract");
    expect(page.words.every((w) => w.conf >= 0 && w.conf <= 1)).toBe(true);
    expect(page.words.some((w) => w.conf < 1)).toBe(true);
    const total = page.words.find((w) => w.text === "3.68")!;
    // Boxes are on the 0–1000 grid of the whole sheet: the receipt's columns are x ≥ 700.
    expect(total.box.x0).toBeGreaterThan((1400 / 2000) * 1000);
    expect(total.box.y0).toBeGreaterThan((300 / 2600) * 1000);
  });
});
