import { describe, expect, it } from "vitest";
import { extractFromPages } from "..";
import { pageFromTextLayer } from "../ocr/textlayer";
import type { FieldValue, TextLayerItem } from "../types";
import { type OwnCompany, ownMatcher } from ".";

/** A text-layer page: one item per line, ~0.55 em per character. */
function page(lines: Array<[string, number, number, number?]>) {
  const items: TextLayerItem[] = lines.map(([text, x, y, size = 22]) => ({ text, x, y, width: text.length * size * 0.55, height: size }));
  return pageFromTextLayer({ width: 1240, height: 1754, items }, 0)!;
}

// The buyer block comes first on the page (a window envelope layout), the supplier's letterhead under it.
const BUYER_FIRST = page([
  ["Stadtwerke Musterstadt GmbH", 100, 120, 30],
  ["Am Markt 1", 100, 160],
  ["12345 Musterstadt", 100, 190],
  ["Nordlicht Bürobedarf GmbH", 100, 320, 26],
  ["Hafenstraße 7, 20095 Hamburg", 100, 356],
  ["USt-IdNr.: DE811907980", 100, 386],
  ["Rechnung", 100, 480, 34],
  ["Rechnungsnummer: RE-2025-0042", 100, 540],
  ["Rechnungsdatum: 14.03.2025", 100, 570],
  ["Ihre USt-IdNr.: DE129273398", 100, 600],
  ["Gesamtbetrag: 238,00 EUR", 700, 900],
]);

const US: OwnCompany = {
  names: ["Stadtwerke Musterstadt"],
  taxIds: ["DE 129 273 398"],
  ibans: ["DE02 1203 0000 0000 2020 51"],
  addresses: ["Am Markt 1, 12345 Musterstadt"],
};
const value = (r: unknown) => (r as FieldValue | undefined)?.value ?? null;

describe("my company: our names identify the buyer block, never the vendor", () => {
  it("the matcher folds case, accents, spacing and legal forms", () => {
    const m = ownMatcher(US);
    expect(m.isOwnName("STADTWERKE MUSTERSTADT GMBH")).toBe(true);
    expect(m.isOwnId("DE129273398")).toBe(true);
    expect(m.isOwn("Nordlicht Bürobedarf GmbH")).toBe(false);
    expect(ownMatcher().any).toBe(false);
  });

  it("without our names, the buyer block printed first is taken for the vendor", async () => {
    const res = await extractFromPages([BUYER_FIRST], { templateId: "invoice" });
    expect(value(res.data.vendor)).toBe("Stadtwerke Musterstadt GmbH");
  });

  it("with our names given, the supplier is the vendor and we are the customer", async () => {
    const res = await extractFromPages([BUYER_FIRST], { templateId: "invoice" }, { own: US });
    expect(value(res.data.vendor)).toBe("Nordlicht Bürobedarf GmbH");
    expect(value(res.data.customer)).toBe("Stadtwerke Musterstadt GmbH");
    expect(value(res.data.vendor_tax_id)).toBe("DE811907980");
    expect(res.issues.some((i) => i.code === "not_addressed_to_us")).toBe(false);
  });

  it("a document naming none of us gets a warning", async () => {
    const other: OwnCompany = { names: ["Hafenbetriebe Kiel"], taxIds: ["DE 111 222 333"], ibans: [], addresses: [] };
    const res = await extractFromPages([BUYER_FIRST], { templateId: "invoice" }, { own: other });
    expect(res.issues.find((i) => i.code === "not_addressed_to_us")).toMatchObject({ severity: "warning", fields: ["customer"] });
  });

  it("an extractor that still names us as the vendor (an LLM) is overruled: missing, not us", async () => {
    const liar = {
      name: "llm" as const,
      extract: async () => ({ fields: { vendor: { text: "Stadtwerke Musterstadt GmbH", page: 0 }, vendor_tax_id: { text: "DE129273398", page: 0 } } }),
    };
    const res = await extractFromPages([BUYER_FIRST], { templateId: "invoice" }, { own: US, extractor: liar });
    expect(value(res.data.vendor)).toBeNull();
    expect(value(res.data.vendor_tax_id)).toBeNull();
  });
});
