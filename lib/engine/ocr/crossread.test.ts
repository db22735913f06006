import { afterAll, describe, expect, it } from "vitest";
import type { OcrPage } from "../types";
import { renderPng, svgPage } from "./__fixtures__/render";
import { crossReadRegions, readingsAgree, regionOf } from "./crossread";
import { createOnnxReader } from "./onnx";

const reader = createOnnxReader();
afterAll(() => reader.close());

const card = svgPage(640, 260, [
  { text: "Invoice 4711", x: 30, y: 60, size: 30 },
  { text: "TOTAL 12.50", x: 30, y: 200, size: 30 },
]);

describe("crossReadRegions with the real ONNX recogniser", () => {
  it("reads a box of a page again from its crop: the same words agree, a misread first reading does not", async () => {
    const img = await renderPng(card);
    // The page as the ONNX reader reads it gives the boxes; a 'first reading' is then faked right and wrong.
    const page = await reader.recognize(img, { index: 0 });
    const total = page.words.find((w) => w.text === "12.50")!;
    const right: OcrPage = { ...page, source: "tesseract" };
    const wrong: OcrPage = { ...right, words: right.words.map((w) => (w.id === total.id ? { ...w, text: "12.80" } : w)) };
    const regionRight = regionOf(right, total.box)!;
    const regionWrong = regionOf(wrong, total.box)!;
    expect(regionRight.first).toBe("12.50");
    const [a, b] = await crossReadRegions(reader, img, [regionRight, regionWrong]);
    expect(a?.text).toBe("12.50");
    expect(a!.conf).toBeGreaterThan(0.8);
    expect(readingsAgree(regionRight.first, a!.text, a!.blind).agree).toBe(true);
    expect(readingsAgree(regionWrong.first, b!.text, b!.blind).agree).toBe(false);
  });
});
