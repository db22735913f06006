import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { ocrPage } from "../__fixtures__/ocr-page";
import { pageFromTextLayer } from "../ocr/textlayer";
import type { FieldValue, OcrPage, OcrWord, TextLayerPage } from "../types";
import { imageTextIssues, withImageText, withLines } from "./image-text";
import type { OcrAdapter } from "./index";

const word = (id: string, text: string, x0: number, y0: number, conf = 1): OcrWord => {
  const box = { x0, y0, x1: x0 + 8 * text.length, y1: y0 + 12 };
  return {
    id,
    text,
    box,
    conf,
    lineId: "",
    quad: [
      { x: box.x0, y: box.y0 },
      { x: box.x1, y: box.y0 },
      { x: box.x1, y: box.y1 },
      { x: box.x0, y: box.y1 },
    ],
    symbols: [],
  };
};

/** A 1000 × 800 px page: a text-layer line at the top, a block of letter-like rings (an image's text) lower down. */
async function pageImage(): Promise<{ png: Buffer; layer: TextLayerPage }> {
  const [w, h] = [1000, 800];
  const data = Buffer.alloc(w * h, 255);
  const fill = (x0: number, y0: number, fw: number, fh: number) => {
    for (let y = y0; y < y0 + fh; y++) data.fill(0, y * w + x0, y * w + x0 + fw);
  };
  for (const y of [600, 622])
    for (let i = 0; i < 8; i++) {
      const x = 100 + i * 13;
      fill(x, y, 10, 2);
      fill(x, y + 12, 10, 2);
      fill(x, y, 2, 14);
      fill(x + 8, y, 2, 14);
    }
  fill(100, 100, 200, 14); // the text layer's own line, as ink
  const png = await sharp(data, { raw: { width: w, height: h, channels: 1 } })
    .png()
    .toBuffer();
  return { png, layer: { width: w, height: h, items: [{ text: "Invoice 2024-17", x: 100, y: 100, width: 200, height: 14 }] } };
}

/** An OCR adapter that reads one sure line and one unsure scribble in every crop, and counts its calls. */
function fakeOcr() {
  const calls: { width: number; height: number; lang?: string }[] = [];
  const adapter: OcrAdapter = {
    async recognize(img, opts) {
      calls.push({ width: img.width, height: img.height, ...(opts.lang ? { lang: opts.lang } : {}) });
      const sure = { ...word("w0", "IBAN", 100, 100, 0.93), lineId: "l0" };
      const value = { ...word("w1", "XX0012345678", 200, 100, 0.55), lineId: "l0" };
      const scribble = { ...word("w2", "~%", 100, 600, 0.2), lineId: "l1" };
      return ocrPage({
        words: [sure, value, scribble],
        lines: [
          { id: "l0", wordIds: ["w0", "w1"], box: { x0: 100, y0: 100, x1: 300, y1: 112 }, angle: 0 },
          { id: "l1", wordIds: ["w2"], box: { x0: 100, y0: 600, x1: 116, y1: 612 }, angle: 0 },
        ],
      });
    },
  };
  return { adapter, calls };
}

describe("withImageText", () => {
  it("reads the ink the text layer lacks and adds its sure lines, marked and placed on the page", async () => {
    const { png, layer } = await pageImage();
    const base = pageFromTextLayer(layer, 0)!;
    const { adapter, calls } = fakeOcr();
    const page = await withImageText(base, png, layer, async () => adapter);
    expect(calls).toHaveLength(1);
    const added = page.words.filter((w) => w.fromImage);
    expect(added.map((w) => w.text)).toEqual(["IBAN", "XX0012345678"]);
    // Inside the crop of the ring block (x ≈ 100–200 px of 1000, y ≈ 600–636 px of 800), not at the crop's own origin.
    const iban = added[0]!;
    expect(iban.box.x0).toBeGreaterThan(80);
    expect(iban.box.x0).toBeLessThan(200);
    expect(iban.box.y0).toBeGreaterThan(700);
    expect(page.words.filter((w) => !w.fromImage).map((w) => w.text)).toEqual(["Invoice", "2024-17"]);
  });

  it("takes a second reader's sure reading of an unsure word, the first kept as its doubt", async () => {
    const { png, layer } = await pageImage();
    const base = pageFromTextLayer(layer, 0)!;
    const { adapter } = fakeOcr();
    const seen: string[] = [];
    const second = (text: string, conf: number): OcrAdapter => ({
      ...adapter,
      crossRead: async (_img, _page, regions) => {
        seen.push(...regions.map((r) => r.first));
        return regions.map(() => ({ text, conf, blind: "", chars: [], reader: "onnx" as const }));
      },
    });
    // The line crop caught the label's colon: the token like the first reading is taken.
    const sure = await withImageText(base, png, layer, async () => second(": XX0012345679", 0.97));
    expect(seen).toEqual(["XX0012345678"]);
    const value = sure.words.find((w) => w.fromImage && w.alt);
    expect(value).toMatchObject({ text: "XX0012345679", alt: "XX0012345678" });
    expect(value?.symbols.map((x) => x.text).join("")).toBe("XX0012345679");
    // Unsure, or another word altogether: the first reading stays.
    for (const other of [second("XX0012345679", 0.6), second("Kundendienst", 0.99)]) {
      const page = await withImageText(base, png, layer, async () => other);
      expect(page.words.filter((w) => w.fromImage).map((w) => w.text)).toEqual(["IBAN", "XX0012345678"]);
    }
  });

  it("keeps the text layer alone when the reader fails", async () => {
    const { png, layer } = await pageImage();
    const base = pageFromTextLayer(layer, 0)!;
    const failing: OcrAdapter = { recognize: () => Promise.reject(new Error("page 1 is too complex")) };
    const page = await withImageText(base, png, layer, async () => failing);
    expect(page.words.map((w) => w.text)).toEqual(["Invoice", "2024-17"]);
  });

  it("keeps the text layer alone when the page image cannot be decoded", async () => {
    const { layer } = await pageImage();
    const base = pageFromTextLayer(layer, 0)!;
    const { adapter, calls } = fakeOcr();
    const page = await withImageText(base, new Uint8Array([1, 2, 3]), layer, async () => adapter);
    expect(calls).toHaveLength(0);
    expect(page).toBe(base);
  });

  it("never decodes or reads a page whose PDF paints no image", async () => {
    const { png, layer } = await pageImage();
    const base = pageFromTextLayer(layer, 0)!;
    const { adapter, calls } = fakeOcr();
    const page = await withImageText(base, png, { ...layer, images: [] }, async () => adapter);
    expect(calls).toHaveLength(0);
    expect(page).toBe(base);
  });
});

describe("withLines", () => {
  it("puts added lines among the page's lines by height and numbers every word again", () => {
    const page = ocrPage({
      source: "textlayer",
      words: [
        { ...word("w0", "Top", 100, 100), lineId: "l0" },
        { ...word("w1", "Bottom", 100, 900), lineId: "l1" },
      ],
      lines: [
        { id: "l0", wordIds: ["w0"], box: { x0: 100, y0: 100, x1: 124, y1: 112 }, angle: 0 },
        { id: "l1", wordIds: ["w1"], box: { x0: 100, y0: 900, x1: 148, y1: 912 }, angle: 0 },
      ],
    });
    const out = withLines(page, [[{ ...word("x", "Middle", 100, 500, 0.9), blockId: "b3" }]]);
    expect(out.words.map((w) => `${w.id}:${w.text}:${w.lineId}`)).toEqual(["w0:Top:l0", "w1:Middle:l1", "w2:Bottom:l2"]);
    expect(out.words[1]).toMatchObject({ fromImage: true, conf: 0.9 });
    expect(out.words[1]).not.toHaveProperty("blockId");
    expect(out.lines.map((l) => l.wordIds)).toEqual([["w0"], ["w1"], ["w2"]]);
  });
});

describe("imageTextIssues", () => {
  const fv = (value: string): FieldValue => ({ value, bbox: null, vertices: null, match_ratio: 1, bbox_source: "vision_symbol_match", page: 0 });
  const page: OcrPage = ocrPage({
    source: "textlayer",
    words: [
      { ...word("w0", "Total", 100, 100), lineId: "l0" },
      { ...word("w1", "Acme", 100, 900, 0.95), lineId: "l1", fromImage: true },
    ],
  });

  it("sends a value read from image text to review and leaves the text layer's values alone", () => {
    const issues = imageTextIssues(
      [page],
      { vendor: fv("Acme"), total: fv("Total") },
      {
        vendor: { box: { x0: 98, y0: 898, x1: 134, y1: 914 } },
        total: { box: { x0: 98, y0: 98, x1: 142, y1: 114 } },
      },
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "ocr_confidence", severity: "warning", fields: ["vendor"] });
  });
});
