import { describe, expect, it } from "vitest";
import { renderPng, svgPage } from "../ocr/__fixtures__/render";
import { scanWithReceipt } from "./__fixtures__/scan";
import { findDocument, textHeight } from "./document";
import { prepareForOcr } from "./index";
import { toGrey } from "./raster";
import { lineHeight } from "./segment";

describe("findDocument", () => {
  it("finds a receipt lying anywhere on a scanner lid", async () => {
    const scan = await scanWithReceipt(1400, 1800, 900, 200);
    const box = findDocument(await toGrey(scan.png));
    expect(box).not.toBeNull();
    // It holds the whole receipt and leaves most of the lid out.
    expect(box!.x0).toBeLessThanOrEqual(scan.receipt.x0);
    expect(box!.y0).toBeLessThanOrEqual(scan.receipt.y0);
    expect(box!.x1).toBeGreaterThanOrEqual(scan.receipt.x1);
    expect(box!.y1).toBeGreaterThanOrEqual(scan.receipt.y1);
    expect((box!.x1 - box!.x0) * (box!.y1 - box!.y0)).toBeLessThan(0.25 * 1400 * 1800);
  });

  it("finds nothing on a page that is all paper", async () => {
    const page = await renderPng(
      svgPage(900, 1200, [
        { text: "Invoice 42", x: 60, y: 100 },
        { text: "Total 10.00", x: 60, y: 400 },
      ]),
    );
    expect(findDocument(await toGrey(page.png))).toBeNull();
  });
});

describe("prepareForOcr on a large scan", () => {
  it("reads only the document on the sheet and maps back onto the sheet", async () => {
    // ≥ 5 MP, like a 300-dpi flatbed scan (small here: a real one is 9 MP).
    const scan = await scanWithReceipt(2000, 2600, 1400, 300);
    const prep = await prepareForOcr(scan);
    expect(prep.width * prep.height).toBeLessThan(0.2 * 2000 * 2600);
    expect(prep.scale).toBeLessThanOrEqual(1);
    const o = prep.toOriginal({ x: 0, y: 0 });
    expect(o.x).toBeGreaterThan(1000);
    expect(o.x).toBeLessThanOrEqual(scan.receipt.x0 + 10);
  });

  it("scales tall text down to the height the readers want", async () => {
    const big = await renderPng(
      svgPage(
        1200,
        900,
        [0, 1, 2, 3, 4, 5].map((i) => ({ text: `Line ${i} of large text 12.50`, x: 40, y: 120 + i * 130, size: 80 })),
      ),
    );
    const g = await toGrey(big.png);
    expect(textHeight(g, (x) => lineHeight(x))).toBeGreaterThan(48);
    const prep = await prepareForOcr(big);
    expect(prep.scale).toBeLessThan(0.8);
  });
});
