import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveFields } from "..";
import { EngineError, type FieldValue, isArrayValue } from "../types";
import { looksLikeEInvoiceXml, mapFields, parseXml, readEInvoice } from ".";
import { embeddedInvoiceXml } from "./embedded";
import { eInvoiceData } from "./result";
import { ciiXml, SAMPLE, ublXml } from "./samples.test-helpers";

const invoiceFields = resolveFields({ templateId: "invoice" });
const enc = (s: string) => new TextEncoder().encode(s);

describe("readEInvoice: standalone CII and UBL", () => {
  for (const [syntax, xml] of [
    ["cii", ciiXml()],
    ["ubl", ublXml()],
  ] as const) {
    it(`reads a ${syntax.toUpperCase()} invoice's header and lines exactly`, () => {
      expect(looksLikeEInvoiceXml(enc(xml))).toBe(true);
      const inv = readEInvoice(enc(xml));
      expect(inv.syntax).toBe(syntax);
      expect(inv.header).toMatchObject({
        invoice_number: SAMPLE.number,
        issue_date: SAMPLE.date,
        due_date: "2025-04-13",
        vendor: SAMPLE.seller,
        vendor_tax_id: SAMPLE.sellerVat,
        customer: SAMPLE.buyer,
        currency: "EUR",
        subtotal: SAMPLE.net,
        tax: SAMPLE.tax,
        total: SAMPLE.total,
        tax_rate: "19",
        iban: "DE02120300000000202051",
        buyer_reference: "04011000-12345-67",
      });
      expect(inv.header.vendor_address).toContain("Hafenstraße 7");
      expect(inv.lines).toEqual(
        SAMPLE.lines.map((l, i) =>
          expect.objectContaining({ description: l.name, quantity: l.qty, unit: "H87", unit_price: l.price, amount: l.amount, item_code: `A-${i + 1}` }),
        ),
      );
    });
  }

  it("leaves out lines that bill nothing (section headings and notes written as zero lines)", () => {
    const withHeading = { ...SAMPLE, lines: [{ name: "--- Section ---", qty: "0.00", price: "0.00", amount: "0.00" }, ...SAMPLE.lines] };
    for (const xml of [ciiXml(withHeading), ublXml(withHeading)]) {
      const inv = readEInvoice(enc(xml));
      expect(inv.lines.map((l) => l.description)).toEqual(SAMPLE.lines.map((l) => l.name));
    }
    // A free item (quantity 1, price 0) bills something: it stays.
    const free = { ...SAMPLE, lines: [...SAMPLE.lines, { name: "Free sample", qty: "1", price: "0.00", amount: "0.00" }] };
    expect(readEInvoice(enc(ublXml(free))).lines).toHaveLength(SAMPLE.lines.length + 1);
  });

  it("maps onto template fields and custom fields by name or description", () => {
    const inv = readEInvoice(ciiXml());
    const fields = [
      ...invoiceFields,
      { name: "leitweg_id", type: "string" as const, description: "Leitweg-ID of the public buyer" },
      { name: "kostenstelle", type: "string" as const, description: "internal cost centre" },
    ];
    const { scalars, rows } = mapFields(inv, fields);
    expect(scalars.leitweg_id?.xml).toBe("04011000-12345-67");
    expect(scalars.kostenstelle).toBeUndefined();
    expect(scalars.total).toMatchObject({ xml: "238.00", kind: "number" });
    expect(rows.line_items?.[1]?.item_code?.xml).toBe("A-2");
  });

  it("gives exact normalized values without a printed page", () => {
    const inv = readEInvoice(ublXml());
    const { data, issues } = eInvoiceData(inv, invoiceFields, []);
    expect(issues).toEqual([]);
    const total = data.total as FieldValue;
    expect(total).toMatchObject({ value: "238.00", normalized: 238, bbox_source: "e_invoice_xml", match_ratio: 1 });
    expect((data.issue_date as FieldValue).normalized).toBe("2025-03-14");
    const items = data.line_items!;
    expect(isArrayValue(items) && items.value.map((r) => r.field_bboxes.amount?.normalized)).toEqual([45, 155]);
  });

  it("the engine shell reads a standalone XML without pages", async () => {
    const { createEngine } = await import("..");
    const engine = createEngine();
    const res = await engine.processDocument({ pages: [], templateId: "invoice", eInvoice: enc(ciiXml()) });
    await engine.close();
    expect(res.extractor).toBe("e_invoice");
    expect(res.eInvoice).toMatchObject({ syntax: "cii", profile: expect.stringContaining("xrechnung") });
    expect(res.data.invoice_number).toMatchObject({ value: SAMPLE.number, bbox_source: "e_invoice_xml", risk: 0 });
  });

  it("is not fooled by a document that is XML but no invoice", () => {
    expect(looksLikeEInvoiceXml(enc("<note><to>x</to></note>"))).toBe(false);
    expect(() => readEInvoice("<note><to>x</to></note>")).toThrow(EngineError);
  });
});

describe("parseXml refuses what an e-invoice never needs", () => {
  it("refuses an external entity (XXE)", () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>`;
    expect(() => parseXml(xxe)).toThrow(/DOCTYPE/);
    expect(() =>
      readEInvoice(ciiXml().replace('<?xml version="1.0" encoding="UTF-8"?>', `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>`)),
    ).toThrow(EngineError);
  });

  it("refuses entity expansion (billion laughs)", () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><lolz>&lol3;</lolz>`;
    expect(() => parseXml(lol)).toThrow(EngineError);
    // an entity declaration smuggled in lower case is refused as well
    expect(() => parseXml(`<!doctype r [<!entity a "b">]><r>&a;</r>`)).toThrow(EngineError);
  });

  it("refuses oversized documents and absurd nesting", () => {
    const big = `<r>${"x".repeat(2000)}</r>`;
    expect(() => parseXml(big, 1000)).toThrow(expect.objectContaining({ code: "payload_too_large" }));
    const deep = `${"<a>".repeat(500)}x${"</a>".repeat(500)}`;
    expect(() => parseXml(deep)).toThrow(EngineError);
  });

  it("decodes the predefined entities and character references", () => {
    const root = parseXml(`<r><a>A &amp; B &#228;&#x20AC;</a></r>`);
    expect((root.r as { a: string }).a).toBe("A & B ä€");
  });
});

describe("Factur-X / ZUGFeRD PDF: the embedded XML, cross-checked with the printed page", () => {
  const pdf = readFileSync(path.join(import.meta.dirname, "__fixtures__", "zugferd-kraxi.pdf"));

  async function printedPages(alter?: (text: string) => string) {
    const { rasterizePdf } = await import("../pdf");
    const { pageFromTextLayer } = await import("../ocr/textlayer");
    const raster = await rasterizePdf(pdf);
    return raster.map((p, i) => {
      const items = p.textLayer.items.map((it) => ({ ...it, text: alter ? alter(it.text) : it.text }));
      return pageFromTextLayer({ ...p.textLayer, items }, i)!;
    });
  }

  it("finds the XML attachment and reads it", async () => {
    const att = await embeddedInvoiceXml(pdf);
    expect(att?.name).toMatch(/\.xml$/);
    const inv = readEInvoice(att!.xml);
    expect(inv.header).toMatchObject({ invoice_number: "2014-03", total: "1005.55", vendor: "Kraxi GmbH" });
    expect(inv.lines).toHaveLength(7);
  });

  it("locates every checked value on the printed page and flags nothing", async () => {
    const inv = readEInvoice((await embeddedInvoiceXml(pdf))!.xml);
    const { data, issues } = eInvoiceData(inv, invoiceFields, await printedPages());
    expect(issues).toEqual([]);
    const total = data.total as FieldValue;
    expect(total).toMatchObject({ value: "1.005,55", normalized: 1005.55, bbox_source: "e_invoice_xml", page: 0 });
    expect(total.bbox).not.toBeNull();
    expect(data.issue_date as FieldValue).toMatchObject({ value: "11. Juli 2014", normalized: "2014-07-11" });
    const rows = data.line_items!;
    expect(isArrayValue(rows) && rows.value.every((r) => r.field_bboxes.amount?.bbox)).toBe(true);
  }, 60_000);

  it("flags a printed total that differs from the XML, with both readings", async () => {
    const inv = readEInvoice((await embeddedInvoiceXml(pdf))!.xml);
    const pages = await printedPages((t) => t.replace("1.005,55", "1.095,55"));
    const { extractFromPages } = await import("..");
    const printed = await extractFromPages(pages, { fields: invoiceFields });
    const { data, issues } = eInvoiceData(inv, invoiceFields, pages, { printed: printed.data });
    const flagged = issues.find((i) => i.fields.includes("total"));
    expect(flagged).toMatchObject({ code: "e_invoice_print_mismatch", severity: "error" });
    expect(flagged!.message).toContain("1005.55");
    expect(flagged!.message).toContain("1.095,55");
    // the XML's value stands; it has no box since the page does not print it
    expect(data.total).toMatchObject({ value: "1005.55", normalized: 1005.55, bbox: null });
  }, 60_000);

  it("flags a line the page does not print", async () => {
    const inv = readEInvoice((await embeddedInvoiceXml(pdf))!.xml);
    const pages = await printedPages((t) => t.replace("180,00", "").replace("Sturzflug-Geier", ""));
    const { issues } = eInvoiceData(inv, invoiceFields, pages);
    expect(issues.some((i) => i.fields.includes("line_items.2.amount"))).toBe(true);
  }, 60_000);

  it("a PDF without attachments has no embedded invoice", async () => {
    const { rasterizePdf } = await import("../pdf");
    expect(rasterizePdf).toBeTypeOf("function");
    expect(await embeddedInvoiceXml(enc("%PDF-1.4 not really a pdf"))).toBeNull();
  });
});
