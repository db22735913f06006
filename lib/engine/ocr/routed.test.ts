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
