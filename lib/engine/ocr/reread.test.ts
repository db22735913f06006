import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { inkShare } from "./__fixtures__/ink";
import type { OcrPage } from "../types";
import { renderPng, svgPage } from "./__fixtures__/render";
import { createOcrEngine } from "./index";

const engine = createOcrEngine();
afterAll(() => engine.close());

const wordBox = (page: OcrPage, text: string) => page.words.find((w) => w.text.includes(text))!.box;

const lines = [
  { text: "INVOICE No. INV-2026-0042", x: 20, y: 50, size: 24 },
  { text: "Date: 21/11/2026 Terms: Net 30", x: 20, y: 110, size: 20 },
  { text: "Qty 22.5 Total 1,234.56", x: 20, y: 172, size: 15 },
];

describe("rereadRegions (real OCR)", () => {
  it("reads small numbers again as one line, without the table rule beside them, onto the page grid", async () => {
    // 11 px digits; a table rule 4 px left of "7.24" that the page pass reads as "[7.24".
    const rule = '<rect x="396" y="150" width="2" height="34" fill="#000"/>';
    const img = await renderPng(svgPage(700, 260, [...lines, { text: "7.24", x: 402, y: 172, size: 15 }], rule));
    const page = await engine.recognize(img, { lang: "en" });
    const regions = [
      { box: wordBox(page, "1,234"), charset: "number" as const },
      { box: wordBox(page, "22.5"), charset: "number" as const },
      { box: wordBox(page, "7.24"), charset: "number" as const },
    ];
    const got = await engine.reread(img, page, regions);
    expect(got.map((r) => r?.words.map((w) => w.text).join(" "))).toEqual(["1,234.56", "22.5", "7.24"]);
    for (const [i, r] of got.entries()) {
      const region = regions[i]!.box;
      expect(r!.conf).toBeGreaterThan(0.8);
      for (const w of r!.words) {
        expect(w.symbols.map((s) => s.text).join("")).toBe(w.text);
        // Boxes come back on the page grid, on the region's ink.
        expect(w.box.x0).toBeGreaterThan(region.x0 - 15);
        expect(w.box.x1).toBeLessThan(region.x1 + 15);
        expect(w.box.y0).toBeGreaterThan(region.y0 - 40);
        expect(w.box.y1).toBeLessThan(region.y1 + 40);
        expect(await inkShare(img, w.box)).toBeGreaterThan(0.1);
      }
    }
  });

  it("maps boxes back from a sideways page", async () => {
    const flat = await renderPng(svgPage(700, 260, lines));
    const { data, info } = await sharp(flat.png).rotate(90).png().toBuffer({ resolveWithObject: true });
    const img = { png: data, width: info.width, height: info.height };
    const page = await engine.recognize(img, { lang: "en" });
    expect(page.rotation).toBe(270);
    const [r] = await engine.reread(img, page, [{ box: wordBox(page, "1,234"), charset: "number" }]);
    expect(r!.words.map((w) => w.text).join("")).toBe("1,234.56");
    // Sideways the number runs down the page: a tall box on the ink.
    const w = r!.words[0]!;
    expect(w.box.y1 - w.box.y0).toBeGreaterThan(w.box.x1 - w.box.x0);
    expect(await inkShare(img, w.box)).toBeGreaterThan(0.1);
  });
});

describe("a re-read past its CPU budget (the safety net)", () => {
  // A budget no re-read can meet: the pool terminates the worker mid-way through the regions.
  const starved = createOcrEngine({ rereadBudgetMs: 1 });
  afterAll(() => starved.close());

  it("rejects with the budget's error instead of calling the terminated worker, and the engine reads on", async () => {
    const img = await renderPng(svgPage(700, 260, lines));
    const page = await engine.recognize(img, { lang: "en" });
    const regions = ["INV-2026", "21/11/2026", "22.5", "1,234"].flatMap((t) => [
      { box: wordBox(page, t), charset: "number" as const },
      { box: wordBox(page, t), charset: "any" as const },
    ]);
    // Twice: the second call must get a fresh worker, not the one the first abort terminated.
    for (let i = 0; i < 2; i++) {
      // Not a silent half-reading: the second-pass stage turns this into a warning on the first result.
      await expect(starved.reread(img, page, regions)).rejects.toMatchObject({ name: "EngineError", code: "unprocessable_image" });
    }
    const again = await starved.recognize(img, { lang: "en" });
    expect(again.words.map((w) => w.text).join(" ")).toContain("1,234.56");
  });
});
