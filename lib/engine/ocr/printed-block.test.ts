import { afterAll, describe, expect, it } from "vitest";
import { toGrey } from "../preprocess";
import { inkBlock } from "../preprocess/ink-block";
import { page } from "./__fixtures__/page";
import { renderPng, svgPage, type TextSpec } from "./__fixtures__/render";
import { createOcrEngine } from "./index";
import { thumbnail } from "./page-shape";
import { onPage, tillBlock } from "./printed-block";

/** A till receipt printed small in the middle of an A4-shaped white page (as SROIE's 1080×1527 scans). */
const receiptLines = [
  "CORNER CAFE",
  "12 HIGH STREET",
  "Date: 14/03/2025",
  "COFFEE 3.50",
  "MUFFIN 2.75",
  "TOTAL 6.25",
  "CASH 10.00",
  "CHANGE 3.75",
  "THANK YOU",
];
const smallReceipt = () =>
  renderPng(
    svgPage(
      1080,
      1527,
      receiptLines.map((text, i): TextSpec => ({ text, x: 400, y: 330 + i * 80, size: 26 })),
      // A speck of dust and a scanner's dark edge stay out of the block.
      `<rect x="60" y="1300" width="3" height="3" fill="#000"/><rect x="1074" y="0" width="6" height="1527" fill="#333"/>`,
    ),
  );

const grid = (x: number, side: number) => (x / side) * 1000;

describe("a till receipt printed small on a white page", () => {
  it("finds the printed block, not the speck nor the edge, and takes it for a till receipt", async () => {
    const img = await smallReceipt();
    const thumb = await toGrey(await thumbnail(img.png));
    const b = inkBlock(thumb);
    expect(b?.share).toBeGreaterThan(0.8);
    const crop = tillBlock(thumb, img.width, img.height);
    expect(crop).not.toBeNull();
    // The text spans x 400–~640 and y ~310–~970; the crop holds it with a margin and no more than that.
    expect(crop!.x0).toBeGreaterThan(350);
    expect(crop!.x0).toBeLessThan(400);
    expect(crop!.x1).toBeGreaterThan(600);
    expect(crop!.x1).toBeLessThan(720);
    expect(crop!.y0).toBeLessThan(310);
    expect(crop!.y1).toBeGreaterThan(970);
  });

  it("leaves a page whose text runs in columns across it to be read whole", async () => {
    const col = (x: number) => receiptLines.map((text, i): TextSpec => ({ text, x, y: 330 + i * 80, size: 26 }));
    const img = await renderPng(svgPage(1080, 1527, [...col(80), ...col(620)]));
    expect(tillBlock(await toGrey(await thumbnail(img.png)), img.width, img.height)).toBeNull();
  });

  it("moves a reading of the crop onto the whole page's grid", () => {
    const read = page("TOTAL 6.25", 0.9, "eng");
    const r = { x0: 300, y0: 200, x1: 700, y1: 1000 };
    const moved = onPage(read, r, 1000, 2000);
    const w = read.words[0]!;
    const m = moved.words[0]!;
    expect(moved).toMatchObject({ width: 1000, height: 2000 });
    expect(m.box.x0).toBeCloseTo(grid(300 + (w.box.x0 / 1000) * 400, 1000));
    expect(m.box.y1).toBeCloseTo(grid(200 + (w.box.y1 / 1000) * 800, 2000));
    expect(m.quad[2].x).toBeCloseTo(grid(300 + (w.quad[2].x / 1000) * 400, 1000));
    expect(m.symbols[0]!.box.y0).toBeCloseTo(grid(200 + (w.symbols[0]!.box.y0 / 1000) * 800, 2000));
    expect(moved.lines[0]!.box.x1).toBeCloseTo(grid(300 + (read.lines[0]!.box.x1 / 1000) * 400, 1000));
  });
});

describe("the engine on a till receipt printed small on a white page (real OCR)", () => {
  const engine = createOcrEngine();
  afterAll(() => engine.close());

  it("reads its block with the ONNX reader and keeps every word at its place on the page", async () => {
    const img = await smallReceipt();
    const read = await engine.recognize(img);
    expect(read.reader).toBe("onnx");
    expect(read).toMatchObject({ width: 1080, height: 1527 });
    const total = read.words.find((w) => w.text === "6.25");
    expect(total).toBeDefined();
    // "TOTAL 6.25" is drawn at x 400 on, baseline y 730 (size 26): its amount right of x 480, inside 700–740.
    const b = total!.box;
    expect(b.x0).toBeGreaterThan(grid(480, 1080));
    expect(b.x1).toBeLessThan(grid(660, 1080));
    expect(b.y0).toBeGreaterThan(grid(700, 1527));
    expect(b.y1).toBeLessThan(grid(740, 1527));
  });
});

describe("the engine on a till receipt on a scanner's lid (a 300-dpi A4 sheet, real OCR)", () => {
  const engine = createOcrEngine();
  afterAll(() => engine.close());

  it("reads the receipt cut out of the sheet, words on the sheet's grid, the receipt as its flattened view", async () => {
    // 2552×3508, the receipt in the right third (x 1680–2552, y 0–2400), the rest grey lid (as receipts_de's sheets).
    const lid = `<rect x="0" y="0" width="1680" height="3508" fill="#a5a5a5"/><rect x="1680" y="2400" width="872" height="1108" fill="#a5a5a5"/>`;
    const texts = receiptLines.map((text, i): TextSpec => ({ text, x: 1780, y: 260 + i * 200, size: 44 }));
    const img = await renderPng(svgPage(2552, 3508, texts, lid));
    const read = await engine.recognize(img);
    expect(read.reader).toBe("onnx");
    expect(read).toMatchObject({ width: 2552, height: 3508 });
    const f = read.flattening!;
    expect(f.quad[0].x).toBeGreaterThan(grid(1600, 2552));
    expect(f.quad[0].x).toBeLessThanOrEqual(grid(1680, 2552));
    expect(f.quad[2].y).toBeGreaterThanOrEqual(grid(2400, 3508));
    expect(f.quad[2].y).toBeLessThan(grid(2560, 3508));
    // "TOTAL 6.25": baseline y 260 + 5·200 = 1260, size 44; its amount right of x 1900.
    const total = read.words.find((w) => w.text.includes("6.25"));
    expect(total).toBeDefined();
    const b = total!.box;
    expect(b.x0).toBeGreaterThan(grid(1900, 2552));
    expect(b.y0).toBeGreaterThan(grid(1200, 3508));
    expect(b.y1).toBeLessThan(grid(1280, 3508));
  });
});
