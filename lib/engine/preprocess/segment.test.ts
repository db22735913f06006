import { afterAll, describe, expect, it } from "vitest";
import { createOcrEngine } from "../ocr";
import { renderPng, svgPage } from "../ocr/__fixtures__/render";
import { toGrey } from "./raster";
import { segmentBlocks } from "./segment";

// Two columns whose baselines are offset by half a line: PSM 6 on the whole page merges
// each left line with the right line beside it.
const left = ["Ironwood Industries", "641 Elm Avenue", "Toronto, ON M5V 2T6", "Phone (445) 662-0381"];
const right = ["Invoice No.", "INV264798", "Due date", "2025-03-26"];
const page = svgPage(900, 260, [
  ...left.map((text, i) => ({ text, x: 30, y: 50 + i * 46, size: 24 })),
  ...right.map((text, i) => ({ text, x: 560, y: 72 + i * 46, size: 20 })),
]);

const engine = createOcrEngine({ detectOrientation: false });
afterAll(() => engine.close());

describe("segmentBlocks", () => {
  it("cuts a two-column page into its columns", async () => {
    const grey = await toGrey((await renderPng(page)).png);
    const blocks = segmentBlocks(grey);
    expect(blocks).toHaveLength(2);
    const [a, b] = blocks;
    expect(a!.x1).toBeLessThan(500);
    expect(b!.x0).toBeGreaterThan(540);
    expect(a!.y0).toBeLessThan(40);
    expect(a!.y1).toBeGreaterThan(190);
  });

  it("lets OCR read each column's lines intact, with block ids", async () => {
    const img = await renderPng(page);
    const ocr = await engine.recognize(img, { lang: "en" });
    const lines = ocr.lines.map((l) => l.wordIds.map((id) => ocr.words.find((w) => w.id === id)?.text).join(" "));
    const all = lines.join("\n");
    for (const t of [...left, ...right]) expect(all).toContain(t);
    const addr = ocr.words.find((w) => w.text === "Elm")!;
    const inv = ocr.words.find((w) => w.text === "INV264798")!;
    expect(addr.blockId).not.toBe(inv.blockId);
    // Ids still follow reading order: top to bottom.
    const ids = ocr.words.map((w) => Number(w.id.slice(1)));
    expect(ids).toEqual(ids.map((_, i) => i));
  });
});
