import { afterAll, describe, expect, it } from "vitest";
import { EngineError } from "../../types";
import { renderPng, svgPage } from "../__fixtures__/render";
import { boxesFromMap } from "./det";
import { createOnnxReader } from "./index";

const reader = createOnnxReader();
afterAll(() => reader.close());

const receipt = svgPage(640, 260, [
  { text: "Invoice 4711", x: 30, y: 60, size: 30 },
  { text: "Coffee 7.50", x: 30, y: 130 },
  { text: "TOTAL 12.50", x: 30, y: 200, size: 30 },
]);

describe("the ONNX reader (PP-OCRv4, real inference)", () => {
  it("reads lines into words with per-character boxes and confidences on the grid", async () => {
    const img = await renderPng(receipt);
    const page = await reader.recognize(img, { index: 1 });
    expect(page).toMatchObject({ index: 1, width: 640, height: 260, rotation: 0 });
    const text = page.words.map((w) => w.text).join(" ");
    expect(text).toContain("4711");
    expect(text).toContain("12.50");
    expect(page.lines.length).toBe(3);
    expect(page.words.map((w) => w.id)).toEqual(page.words.map((_, i) => `w${i}`));
    expect(page.lines.flatMap((l) => l.wordIds)).toEqual(page.words.map((w) => w.id));
    const total = page.words.find((w) => w.text === "12.50")!;
    expect(total.conf).toBeGreaterThan(0.8);
    expect(total.conf).toBeLessThanOrEqual(1);
    expect(total.symbols.map((s) => s.text).join("")).toBe("12.50");
    // The total sits right of "TOTAL" on the last line (baseline y=200 of 260 → grid ≈ 680–790).
    expect(total.box.y0).toBeGreaterThan(600);
    expect(total.box.y1).toBeLessThan(850);
    const xs = total.symbols.map((s) => (s.box.x0 + s.box.x1) / 2);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    for (const s of total.symbols) {
      expect(s.box.x0).toBeGreaterThanOrEqual(total.box.x0 - 0.01);
      expect(s.box.x1).toBeLessThanOrEqual(total.box.x1 + 0.01);
    }
  });

  it("ends a page past its CPU budget with the 'too complex' error", async () => {
    const tight = createOnnxReader({ cpuBudgetMs: 1 });
    try {
      const err = await tight.recognize(await renderPng(receipt)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EngineError);
      expect((err as EngineError).message).toMatch(/too complex/);
    } finally {
      await tight.close();
    }
  });
});

describe("boxesFromMap", () => {
  it("never returns degenerate regions (specks, hairlines)", () => {
    const w = 40;
    const h = 20;
    const prob = new Float32Array(w * h);
    prob[5 * w + 5] = 0.9; // a speck
    for (let x = 10; x < 30; x++) prob[2 * w + x] = 0.9; // a 1-px hairline
    for (let y = 10; y < 16; y++) for (let x = 5; x < 35; x++) prob[y * w + x] = 0.9; // a text line
    const boxes = boxesFromMap(prob, w, h, 1, 1);
    expect(boxes).toHaveLength(1);
    expect(boxes[0]!.length).toBeGreaterThan(30);
    expect(boxes[0]!.height).toBeGreaterThan(6);
  });
});
