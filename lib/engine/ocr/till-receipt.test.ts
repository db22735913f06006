import { afterAll, describe, expect, it } from "vitest";
import type { OcrPage } from "../types";
import { page } from "./__fixtures__/page";
import { renderPng, svgPage } from "./__fixtures__/render";
import { PHOTO_PAPER_SHARE } from "./gate";
import { createOcrEngine, type RecognizeOptions } from "./index";
import type { OnnxReader, ReadLine } from "./onnx";
import { EVEN_SCAN, isTillReceipt, notEnglishYet, readTillReceipt, tesseractReason } from "./till-receipt";

const english = "CAFE 12 HIGH STREET RECEIPT 0042 COFFEE 3.50 MUFFIN 2.75 TOTAL 6.25 CASH 10.00 CHANGE 3.75 THANK YOU";

function fakeOnnx(reading: OcrPage): OnnxReader {
  return {
    recognize: async () => reading,
    readPage: async () => ({ page: reading, lines: [] }),
    charset: async () => new Set(),
    readLines: async () => [],
    close: async () => {},
  };
}

describe("till receipts and the ONNX reader", () => {
  it("takes a tall clean page for a till receipt, not a photo nor an A4 page", () => {
    expect(isTillReceipt(475, 900, 0.9)).toBe(true);
    expect(isTillReceipt(475, 900, PHOTO_PAPER_SHARE - 0.1)).toBe(false);
    expect(isTillReceipt(1241, 1755, 0.95)).toBe(false);
  });

  it("takes a tall receipt scanned on grey paper, evenly lit, for a till receipt; a tall photo stays a photo", () => {
    expect(isTillReceipt(475, 900, 0.02, EVEN_SCAN + 0.1)).toBe(true);
    expect(isTillReceipt(475, 900, 0.02, EVEN_SCAN - 0.1)).toBe(false);
    // sroie-extra's grey scans with a scanner's black margins (0.47–0.53) are scans; a receipt held on a dark ground (0.33) is not.
    expect(isTillReceipt(828, 2022, 0.015, 0.47)).toBe(true);
    expect(isTillReceipt(828, 2022, 0.015, 0.33)).toBe(false);
    expect(isTillReceipt(1241, 1755, 0.02, 0.9)).toBe(false);
  });

  it("hands a reading to tesseract when it is not upright English", () => {
    expect(tesseractReason(page(english, 0.97, "ppocr"), [])).toBeNull();
    expect(tesseractReason(page(english, 0.5, "ppocr"), [])).toBe("not-upright");
    const german = "BACKEREI MULLER BROTCHEN 2 STUCK SUMME EUR 1,20 GEGEBEN BAR 5,00 ZURUCK 3,80 VIELEN DANK FUR IHREN EINKAUF UND AUF WIEDERSEHEN";
    expect(tesseractReason(page(german, 0.97, "ppocr"), [])).toBe("language");
    expect(tesseractReason(page(`${english} 合計 小計 領収書`, 0.97, "ppocr"), [])).toBe("japanese");
  });

  it("keeps the ONNX reading as an OCR reading marked as the ONNX reader's, or reads the page with tesseract", async () => {
    const img = { png: Buffer.alloc(0), width: 475, height: 900 };
    const asked: RecognizeOptions[] = [];
    const tess = async (_: unknown, ropts: RecognizeOptions) => {
      asked.push(ropts);
      return page("TESSERACT", 0.9, "eng");
    };
    const kept = await readTillReceipt(img, {}, fakeOnnx(page(english, 0.97, "ppocr")), tess, { limitMs: 9000 });
    expect(kept).toMatchObject({ source: "tesseract", reader: "onnx", language: "eng" });
    expect(asked).toEqual([]);
    const handed = await readTillReceipt(img, { index: 2 }, fakeOnnx(page(english, 0.4, "ppocr")), tess, { limitMs: 9000 });
    expect(handed.words.map((w) => w.text)).toEqual(["TESSERACT"]);
    expect(handed.reader).toBeUndefined();
    expect(asked[0]?.index).toBe(2);
    expect(asked[0]?.cpuBudgetMs).toBeLessThanOrEqual(9000);
  });

  it("gives tesseract the page's whole budget however long the ONNX reading took", async () => {
    const asked: RecognizeOptions[] = [];
    const tess = async (_: unknown, ropts: RecognizeOptions) => {
      asked.push(ropts);
      return page("TESSERACT", 0.9, "eng");
    };
    const onnx = fakeOnnx(page(english, 0.4, "ppocr"));
    const c0 = process.cpuUsage();
    // 600 ms of CPU in the ONNX reading (a loaded machine): the tesseract reading's budget stays the page's.
    const slow: OnnxReader = {
      ...onnx,
      readPage: async (img, o) => {
        while ((process.cpuUsage(c0).user + process.cpuUsage(c0).system) / 1000 < 600);
        return onnx.readPage(img, o);
      },
    };
    await readTillReceipt({ png: Buffer.alloc(0), width: 475, height: 900 }, {}, slow, tess, { limitMs: 3000 });
    expect(asked.map((o) => o.cpuBudgetMs)).toEqual([3000]);
  });

  it("stops reading a page whose first lines are German and hands it to tesseract", async () => {
    const read = (text: string): ReadLine => ({
      quad: [
        { x: 0, y: 0 },
        { x: 100, y: 0 },
        { x: 100, y: 10 },
        { x: 0, y: 10 },
      ],
      height: 10,
      chars: [...text].map((t) => ({ text: t, conf: 0.9, u0: 0, u1: 1 })),
    });
    const german = ["BACKEREI MULLER GMBH", "HAUPTSTRASSE 12", "VIELEN DANK", "SUMME EUR 1,20"].map(read);
    expect(notEnglishYet(german)).toBe(true);
    expect(notEnglishYet(["CORNER CAFE", "12 HIGH STREET", "TOTAL 6.25", "THANK YOU"].map(read))).toBe(false);
    const asked: RecognizeOptions[] = [];
    const tess = async (_: unknown, ropts: RecognizeOptions) => {
      asked.push(ropts);
      return page("TESSERACT", 0.9, "deu");
    };
    const stopping: OnnxReader = {
      ...fakeOnnx(page(english, 0.97, "ppocr")),
      readPage: async (_, o) => ({ page: page(english, 0.97, "ppocr"), lines: german, stopped: o?.stopWhen?.(german) ?? false }),
    };
    const out = await readTillReceipt({ png: Buffer.alloc(0), width: 475, height: 900 }, {}, stopping, tess, { limitMs: 9000 });
    expect(out.words.map((w) => w.text)).toEqual(["TESSERACT"]);
    expect(asked).toHaveLength(1);
    // With its language's model at once, no detection passes of its own.
    expect(asked[0]?.lang).toBe("de");
  });
});

describe("the engine on a rendered till receipt (real OCR)", () => {
  const engine = createOcrEngine();
  afterAll(() => engine.close());
  const receipt = (sign: string) =>
    renderPng(
      svgPage(360, 900, [
        { text: "CORNER CAFE", x: 40, y: 80, size: 28 },
        { text: "12 HIGH STREET", x: 40, y: 140 },
        { text: "Date: 14/03/2025", x: 40, y: 220 },
        { text: "COFFEE 3.50", x: 40, y: 320 },
        { text: "MUFFIN 2.75", x: 40, y: 380 },
        { text: `TOTAL ${sign}6.25`, x: 40, y: 480, size: 26 },
        { text: "THANK YOU", x: 40, y: 600 },
      ]),
    );

  it("reads an English receipt with the ONNX reader, word breaks put back, and one with a pound sign with tesseract", async () => {
    const onnx = await engine.recognize(await receipt(""));
    expect(onnx.reader).toBe("onnx");
    expect(onnx.words.map((w) => w.text)).toEqual(expect.arrayContaining(["TOTAL", "6.25", "Date:", "14/03/2025"]));
    const pound = await engine.recognize(await receipt("£"));
    expect(pound.reader).toBeUndefined();
    expect(pound.words.map((w) => w.text).join(" ")).toContain("£6.25");
  });
});
