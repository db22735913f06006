import { describe, expect, it } from "vitest";
import { ocrPage } from "../__fixtures__/ocr-page";
import type { OcrPage, OcrWord } from "../types";
import { boxToQuad } from "./geometry";
import { cjkShare, latinLanguage, modelsForHint } from "./language";
import { mergeBlockPages } from "./merge";

function page(lines: { text: string; x: number; y: number }[]): OcrPage {
  const words: OcrWord[] = [];
  const out = lines.map((l, li) => {
    const ids = l.text.split(" ").map((t, i) => {
      const box = { x0: l.x + i * 60, y0: l.y, x1: l.x + i * 60 + 50, y1: l.y + 20 };
      const id = `w${words.length}`;
      words.push({ id, text: t, box, quad: boxToQuad(box), conf: 0.9, symbols: [], lineId: `l${li}` });
      return id;
    });
    return { id: `l${li}`, wordIds: ids, box: { x0: l.x, y0: l.y, x1: l.x + ids.length * 60, y1: l.y + 20 }, angle: 0 };
  });
  return ocrPage({ words, lines: out });
}

describe("mergeBlockPages", () => {
  it("re-joins a label and its right-aligned value from different blocks into one line", () => {
    const labels = page([
      { text: "Subtotal", x: 100, y: 500 },
      { text: "Total", x: 100, y: 540 },
    ]);
    const values = page([
      { text: "90.00", x: 800, y: 502 },
      { text: "99.00", x: 800, y: 541 },
    ]);
    const address = page([{ text: "1 Main St", x: 100, y: 100 }]);
    const merged = mergeBlockPages([labels, values, address], ocrPage());
    const text = merged.lines.map((l) => l.wordIds.map((id) => merged.words.find((w) => w.id === id)?.text).join(" "));
    expect(text).toEqual(["1 Main St", "Subtotal 90.00", "Total 99.00"]);
    expect(merged.words.map((w) => w.id)).toEqual(merged.words.map((_, i) => `w${i}`));
    expect(merged.words.find((w) => w.text === "90.00")!.blockId).toBe("b1");
    expect(merged.words.every((w) => merged.lines.find((l) => l.id === w.lineId)?.wordIds.includes(w.id))).toBe(true);
  });
});

describe("language detection", () => {
  it("routes by script share and Latin function words", () => {
    expect(cjkShare("請求書 合計 ¥12,345")).toBeGreaterThan(0.3);
    expect(latinLanguage("Rechnung Nr. 42 Gesamtbetrag inkl. MwSt bitte überweisen")).toBe("deu");
    expect(latinLanguage("FACTURE N° 12 Total TTC TVA 20 % montant à payer")).toBe("fra");
    expect(latinLanguage("Invoice number 42 total amount due")).toBe("eng");
    expect(modelsForHint("ja")).toBe("eng+Japanese");
    expect(modelsForHint("de")).toBe("deu");
    // Latvian, Polish, Czech receipts as an English first pass reads them (letters without their marks).
    expect(latinLanguage("SIA Rimi Latvija Brivibas iela 12 Riga PVN 21% KOPA EUR 12,34 Samaksai karte Paldies")).toBe("lav");
    expect(latinLanguage("PARAGON FISKALNY SUMA PTU 1,84 SUMA PLN 24,50 Gotowka Reszta NIP 123-456-32-18")).toBe("pol");
    expect(latinLanguage("Uctenka c. 42 Celkem Kc 125,00 DPH 21% Zaklad 103,31 Hotovost Dekujeme ICO 12345678 DIC CZ12345678")).toBe("ces");
    expect(latinLanguage("Total amount due, thank you for your payment. Cash 20.00 Change 1.50")).toBe("eng");
    expect(modelsForHint("lv")).toBe("lav");
  });
});
