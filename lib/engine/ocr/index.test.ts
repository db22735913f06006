import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { inkShare } from "./__fixtures__/ink";
import type { OcrPage } from "../types";
import { renderPng, rotatePng, svgPage } from "./__fixtures__/render";
import { createOcrEngine } from "./index";

const engine = createOcrEngine();
afterAll(() => engine.close());

const fixture = (f: string) => path.join(import.meta.dirname, "__fixtures__", f);
const text = (p: OcrPage) => p.words.map((w) => w.text).join(" ");

const invoice = svgPage(900, 260, [
  { text: "INVOICE No. INV-2026-0042", x: 40, y: 60, size: 30, weight: "bold" },
  { text: "Date: 21/11/2026", x: 40, y: 120 },
  { text: "Total due: 1,234.56 USD", x: 40, y: 180 },
]);

describe("createOcrEngine", () => {
  it("recognizes words with ids in reading order, symbols, lines and quads on the grid", async () => {
    const img = await renderPng(invoice);
    const page = await engine.recognize(img, { index: 2 });
    expect(page).toMatchObject({ index: 2, width: 900, height: 260, rotation: 0, source: "tesseract" });
    expect(text(page)).toContain("INV-2026-0042");
    expect(text(page)).toContain("1,234.56");
    expect(page.words.map((w) => w.id)).toEqual(page.words.map((_, i) => `w${i}`));
    expect(page.lines).toHaveLength(3);
    expect(page.lines.flatMap((l) => l.wordIds)).toEqual(page.words.map((w) => w.id));
    const total = page.words.find((w) => w.text === "1,234.56")!;
    expect(total.conf).toBeGreaterThan(0.8);
    expect(total.conf).toBeLessThanOrEqual(1);
    expect(total.symbols.map((s) => s.text).join("")).toBe("1,234.56");
    for (const s of total.symbols) {
      expect(s.box.x0).toBeGreaterThanOrEqual(total.box.x0 - 0.01);
      expect(s.box.x1).toBeLessThanOrEqual(total.box.x1 + 0.01);
    }
    // "Total due" sits at baseline y=180 of 260 → grid ≈ 600–700.
    expect(total.box.y0).toBeGreaterThan(560);
    expect(total.box.y1).toBeLessThan(720);
    expect(await inkShare(img, total.box)).toBeGreaterThan(0.1);
  });

  it("routes German pages to the deu model so umlauts and ß come out", async () => {
    const img = await renderPng(
      svgPage(1000, 300, [
        { text: "Rechnung für Müller GmbH", x: 40, y: 60 },
        { text: "Hauptstraße 12, 50667 Köln", x: 40, y: 120 },
        { text: "Gesamtbetrag inkl. MwSt: 1.234,56 €", x: 40, y: 180 },
        { text: "Bitte überweisen Sie den Betrag", x: 40, y: 240 },
      ]),
    );
    const page = await engine.recognize(img);
    expect(page.language).toBe("deu");
    expect(text(page)).toContain("Hauptstraße");
    expect(text(page)).toContain("Müller");
    expect(text(page)).toContain("1.234,56");
  });

  it("turns a sideways page upright and maps boxes back to the original frame", async () => {
    const img = await rotatePng(await renderPng(invoice), 90);
    expect([img.width, img.height]).toEqual([260, 900]);
    const page = await engine.recognize(img);
    expect(page.rotation).toBe(270);
    expect(text(page)).toContain("INV-2026-0042");
    const w = page.words.find((x) => x.text === "1,234.56")!;
    // In the sideways original the text runs top to bottom: a tall, thin box on the ink.
    expect(w.box.y1 - w.box.y0).toBeGreaterThan(w.box.x1 - w.box.x0);
    expect(await inkShare(img, w.box)).toBeGreaterThan(0.1);
    expect(Math.abs(page.lines[0]!.angle)).toBeCloseTo(90, -1);
  });

  it("reads a page known to be upside down (a photo's ONNX lines read turned, work.ts) once, turned 180°", async () => {
    const img = await rotatePng(await renderPng(invoice), 180);
    const page = await engine.recognize(img, { lang: "en", turned: true });
    expect(page.rotation).toBe(180);
    expect(text(page)).toContain("1,234.56");
    const w = page.words.find((x) => x.text === "1,234.56")!;
    expect(await inkShare(img, w.box)).toBeGreaterThan(0.1);
    // told upright instead, the single pass reads it as it stands: not the amount
    expect(text(await engine.recognize(img, { lang: "en", upright: true }))).not.toContain("1,234.56");
  });

  it("deskews a slightly rotated page and maps boxes back onto the ink", async () => {
    const img = await rotatePng(await renderPng(invoice), 4);
    const page = await engine.recognize(img, { lang: "en" });
    expect(text(page)).toContain("INV-2026-0042");
    expect(page.skew).toBeCloseTo(4, 0);
    const w = page.words.find((x) => x.text === "INV-2026-0042")!;
    expect(await inkShare(img, w.box)).toBeGreaterThan(0.08);
    // The quad follows the text: its top edge slopes down to the right by ~4°.
    const [tl, tr] = w.quad;
    const slope = (((tr.y - tl.y) * img.height) / 1000 / (((tr.x - tl.x) * img.width) / 1000)) * (180 / Math.PI);
    expect(slope).toBeGreaterThan(2);
    expect(slope).toBeLessThan(6);
  });

  it("reads a plain English receipt with the English model alone, no Japanese model loaded for it", async () => {
    const lines = [
      "SUNRISE MART SDN BHD",
      "NO 12 JALAN BUNGA RAYA",
      "TAX INVOICE",
      "MILK 1L        5.90",
      "BREAD          3.20",
      "EGGS 10        6.50",
      "TOTAL         15.60",
      "CASH          20.00",
      "CHANGE         4.40",
      "THANK YOU",
    ];
    const img = await renderPng(
      svgPage(
        520,
        900,
        lines.map((t, i) => ({ text: t, x: 30, y: 70 + i * 40, size: 26 })),
      ),
    );
    const page = await engine.recognize(img);
    expect(page.language).toBe("eng");
    expect(text(page)).toContain("15.60");
    expect(text(page)).toContain("SUNRISE");
  });

  it("reads a plain English receipt cut into blocks with the English model alone (blocks.ts englishFirst)", async () => {
    const head = ["NORTHWIND TRADING LTD", "12 HARBOUR ROAD", "TAX INVOICE NO 4471"];
    const body = ["WIDGET A        12.00", "WIDGET B         8.50", "SERVICE FEE      5.00", "TOTAL           25.50", "THANK YOU"];
    const items = [
      ...head.map((t, i) => ({ text: t, x: 30, y: 60 + i * 40, size: 26 })),
      // a wide gap: the X-Y cut makes the header and the body two blocks
      ...body.map((t, i) => ({ text: t, x: 30, y: 420 + i * 40, size: 26 })),
    ];
    // a till receipt's shape (tall: englishFirst is for receipts), kept on tesseract (the engine's default reads it by PP-OCR)
    const tess = createOcrEngine({ tillReader: "tesseract" });
    const page = await tess.recognize(await renderPng(svgPage(460, 900, items))).finally(() => tess.close());
    expect(page.language).toBe("eng");
    expect(text(page)).toContain("25.50");
    expect(text(page)).toContain("NORTHWIND");
  });

  it("reads a page whose largest block is plain Latin but a later block Japanese with both models (englishFirst)", async () => {
    const rows = ["ORDER SUMMARY 2026", "ITEM 1001     12,000", "ITEM 1002      8,500", "ITEM 1003      5,000", "SHIPPING NO 4471-22"];
    const latin = await renderPng(
      svgPage(
        900,
        560,
        rows.map((t, i) => ({ text: t, x: 40, y: 60 + i * 70, size: 40 })),
      ),
    );
    const png = await sharp({ create: { width: 900, height: 800, channels: 3, background: "#ffffff" } })
      .composite([
        { input: latin.png, left: 0, top: 0 },
        { input: readFileSync(fixture("ja-totals.png")), left: 40, top: 600 },
      ])
      .png()
      .toBuffer();
    // Not a receipt's shape (the fixture's ruled table is read only after rule removal, which tall pages skip):
    // English first on every page.
    const everyPage = createOcrEngine({ englishFirst: true });
    const page = await everyPage.recognize({ png, width: 900, height: 800 }).finally(() => everyPage.close());
    expect(page.language).toBe("eng+Japanese");
    expect(text(page).replace(/\s+/g, "")).toContain("合計");
    expect(text(page)).toContain("4471-22");
  });

  it("reads Japanese with the vendored script model", async () => {
    const png = readFileSync(fixture("ja-totals.png"));
    const meta = await sharp(png).metadata();
    const page = await engine.recognize({ png, width: meta.width!, height: meta.height! });
    const squashed = text(page).replace(/\s+/g, "");
    expect(page.language).toBe("eng+Japanese");
    expect(squashed).toContain("合計");
    expect(squashed).toContain("309,390");
  });
});
