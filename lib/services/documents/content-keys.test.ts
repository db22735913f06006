import { describe, expect, it } from "vitest";
import type { DocumentResult, FieldValue } from "@/lib/engine/types";
import { contentKeys, supplierName } from "./content-keys";

const v = (value: string, normalized?: number | string): FieldValue => ({
  value,
  ...(normalized !== undefined ? { normalized } : {}),
  bbox: null,
  vertices: null,
  match_ratio: 1,
  bbox_source: "vision_symbol_match",
  page: 0,
});
const result = (data: Record<string, FieldValue>): DocumentResult => ({ engineVersion: "t", extractor: "rules", data, issues: [], pages: [] });

describe("contentKeys: the same invoice whatever its bytes", () => {
  // one invoice: the PDF's text layer reads it exactly, the photo's OCR reads the VAT id with a space and no legal form
  const pdf = result({
    vendor: v("ACME Supplies Ltd"),
    vendor_tax_id: v("GB123456789"),
    invoice_number: v("INV-2049"),
    total: v("1,234.50", 1234.5),
  });
  const photo = result({ vendor: v("ACME SUPPLIES"), invoice_number: v("INV 2049"), total: v("1.234,50", 1234.5) });

  it("a photo and a PDF of one invoice share a key", () => {
    const a = contentKeys(pdf);
    const b = contentKeys(photo);
    expect(a.some((k) => b.includes(k))).toBe(true);
  });

  it("another number, another total or another supplier is another invoice", () => {
    const other = (patch: Record<string, FieldValue>) => contentKeys(result({ ...pdf.data, ...patch } as Record<string, FieldValue>));
    const base = contentKeys(pdf);
    for (const k of [other({ invoice_number: v("INV-2050") }), other({ total: v("1,234.60", 1234.6) })]) expect(k.some((x) => base.includes(x))).toBe(false);
    const otherSupplier = contentKeys(result({ vendor: v("Bolt Tools GmbH"), invoice_number: v("INV-2049"), total: v("1,234.50", 1234.5) }));
    expect(otherSupplier.some((x) => base.includes(x))).toBe(false);
  });

  it("the VAT id decides when two copies name the supplier differently", () => {
    const a = contentKeys(result({ vendor: v("Kraxi GmbH"), vendor_tax_id: v("DE 123 456 789"), invoice_number: v("2014-03"), total: v("1.005,55", 1005.55) }));
    const b = contentKeys(
      result({ vendor: v("Kraxi Flugzeugbau"), vendor_tax_id: v("DE123456789"), invoice_number: v("2014-03"), total: v("1005.55", 1005.55) }),
    );
    expect(a.some((x) => b.includes(x))).toBe(true);
  });

  it("receipts without a number are keyed by date", () => {
    const a = contentKeys(result({ vendor: v("Café Müller"), issue_date: v("03.02.2025", "2025-02-03"), total: v("7,80", 7.8) }));
    expect(a).toEqual(["name:cafemuller|date:2025-02-03|7.80"]);
  });

  it("without a total or a number and date there is no key (never flagged)", () => {
    expect(contentKeys(result({ vendor: v("ACME"), invoice_number: v("1") }))).toEqual([]);
    expect(contentKeys(result({ vendor: v("ACME"), total: v("5.00", 5) }))).toEqual([]);
  });

  it("supplier names fold case, accents, punctuation and legal forms", () => {
    expect(supplierName("Müller & Söhne GmbH")).toBe(supplierName("MULLER & SOHNE"));
  });
});
