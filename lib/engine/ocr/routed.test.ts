import { afterAll, describe, expect, it } from "vitest";
import { renderPng, svgPage } from "./__fixtures__/render";
import { createRoutedReader, routeFromOnnx } from "./routed";

describe("routeFromOnnx", () => {
  it("keeps English and Japanese readings and sends German and French pages to tesseract", () => {
    expect(routeFromOnnx("INVOICE Total due 1,234.56 Thank you")).toBeNull();
    expect(routeFromOnnx("請求書 合計 12,000 円 お支払い Summe Datum Betrag")).toBeNull();
    expect(routeFromOnnx("Rechnung Datum Summe Betrag Vielen Dank fur Ihren Einkauf")).toBe("de");
    expect(routeFromOnnx("Facture Montant TTC TVA Merci pour votre paiement")).toBe("fr");
    expect(routeFromOnnx("SIA Rimi Latvija Brivibas iela 12 Riga PVN 21% KOPA EUR 12,34 Samaksai karte Paldies")).toBe("lv");
  });
});

describe("createRoutedReader", () => {
  const reader = createRoutedReader({ tesseract: { detectOrientation: false } });
  afterAll(() => reader.close());

  it("reads an English page with the ONNX reader and a German one with tesseract", async () => {
    const en = await reader.recognize(
      await renderPng(
        svgPage(700, 200, [
          { text: "Invoice total due 12.50", x: 30, y: 70 },
          { text: "Thank you for your payment", x: 30, y: 150 },
        ]),
      ),
    );
    expect(en.source).toBe("other");
    expect(en.words.map((w) => w.text).join(" ")).toContain("12.50");
    const de = await reader.recognize(
      await renderPng(
        svgPage(800, 260, [
          { text: "Rechnung Datum 16.05.2020", x: 30, y: 70 },
          { text: "Summe Betrag 14,16 Euro", x: 30, y: 140 },
          { text: "Vielen Dank und bis bald", x: 30, y: 210 },
        ]),
      ),
    );
    expect(de.source).toBe("tesseract");
    expect(de.language).toBe("deu");
    expect(de.words.map((w) => w.text).join(" ")).toContain("14,16");
  });
});

describe("createRoutedReader({ fuse: true })", () => {
  const reader = createRoutedReader({ tesseract: { detectOrientation: false }, fuse: true });
  afterAll(() => reader.close());

  it("fuses a German page: tesseract's € and umlauts, both readings' agreement on the rest", async () => {
    const de = await reader.recognize(
      await renderPng(
        svgPage(820, 260, [
          { text: "Rechnung Datum 16.05.2020", x: 30, y: 70 },
          { text: "Gesamtbetrag 1 234,50 €", x: 30, y: 140 },
          { text: "Vielen Dank für Ihren Einkauf", x: 30, y: 210 },
        ]),
      ),
    );
    expect(de.language).toBe("deu");
    const text = de.words.map((w) => w.text).join(" ");
    expect(text).toContain("€");
    expect(text).toContain("für");
    expect(text.replace(/\s/g, "")).toContain("1234,50€");
    expect(de.words.map((w) => w.id)).toEqual(de.words.map((_, i) => `w${i}`));
  });

  it("fuses an English page on the ONNX reading, completed with tesseract's € and spaces", async () => {
    const en = await reader.recognize(
      await renderPng(
        svgPage(760, 200, [
          { text: "Invoice total due", x: 30, y: 70 },
          { text: "Amount 1 234.50 €", x: 30, y: 150 },
        ]),
      ),
    );
    expect(en.language).toBe("eng");
    const text = en.words.map((w) => w.text).join(" ");
    expect(text).toContain("Invoice");
    expect(text.replace(/\s/g, "")).toContain("1234.50€");
  });
});
