import { describe, expect, it } from "vitest";
import { resolveFields } from "..";
import { ocrPage } from "../__fixtures__/ocr-page";
import type { OcrPage } from "../types";
import { mapFields, readEInvoice } from ".";
import { printedForms } from "./printed";
import { eInvoiceData } from "./result";
import { ciiXml, SAMPLE } from "./samples.test-helpers";

/** One line per text, one word per token, stacked down the page: enough geometry for the matcher. */
function linesPage(lines: string[]): OcrPage {
  const words: OcrPage["words"] = [];
  const out: OcrPage["lines"] = [];
  lines.forEach((line, li) => {
    const ids = line.split(" ").map((t, wi) => {
      const id = `w${li}-${wi}`;
      const [x0, y0] = [10 + wi * 60, 10 + li * 20];
      words.push({ id, text: t, box: { x0, y0, x1: x0 + 50, y1: y0 + 12 }, quad: [] as never, conf: 99, symbols: [], lineId: `l${li}` });
      return id;
    });
    out.push({ id: `l${li}`, wordIds: ids, box: { x0: 10, y0: 10 + li * 20, x1: 10 + ids.length * 60, y1: 22 + li * 20 } } as OcrPage["lines"][number]);
  });
  return ocrPage({ width: 600, height: 400, language: "deu", source: "textlayer", words, lines: out });
}

describe("e-invoice values onto fields", () => {
  it("leaves a built-in field the XML lacks empty instead of giving it another key its name contains", () => {
    // The sample seller has no contact (phone, e-mail) and no SIRET; a receipt's rounding is no subtotal.
    const inv = readEInvoice(ciiXml());
    for (const templateId of ["invoice", "receipt", "delivery"]) {
      const { scalars } = mapFields(inv, resolveFields({ templateId }));
      expect(scalars.vendor?.xml).toBe(SAMPLE.seller);
      for (const name of ["vendor_phone", "vendor_email", "vendor_siret", "vendor_address_2", "rounding"]) expect(scalars[name]).toBeUndefined();
    }
    const { scalars } = mapFields(inv, resolveFields({ templateId: "invoice" }));
    expect(scalars.vendor_address?.xml).toContain("Hamburg");
  });

  it("maps a space's own field by its words, but a party's attribute is not the party's name", () => {
    const inv = readEInvoice(ciiXml());
    const { scalars } = mapFields(inv, [
      { name: "lieferant", type: "string", description: "Lieferant laut Rechnung" },
      { name: "supplier_phone", type: "string", description: "the supplier's phone number" },
      { name: "kunde_nr", type: "string", description: "Kunde, Nummer im ERP" },
      { name: "client", type: "string" },
    ]);
    expect(scalars.lieferant?.xml).toBe(SAMPLE.seller);
    expect(scalars.client?.xml).toBe(SAMPLE.buyer);
    expect(scalars.supplier_phone).toBeUndefined();
    expect(scalars.kunde_nr).toBeUndefined();
  });

  it("prefers the page's print of an amount with the XML's sign; the opposite sign is kept as a last resort", () => {
    const lines = [
      { page: 0, text: "Skonto -0,00" },
      { page: 0, text: "Umsatzsteuer 0,00" },
    ];
    const forms = printedForms(lines, "number", "0.00");
    expect(forms.find((f) => f.text === "-0,00")).toMatchObject({ fromPage: true, signFlipped: true });
    expect(forms.find((f) => f.text === "0,00")).toMatchObject({ fromPage: true });
    expect(forms.find((f) => f.text === "0,00")?.signFlipped).toBeUndefined();
    // a code of zeros is no print of the amount 0.00
    expect(printedForms([{ page: 0, text: "Art. 0000 Kabel" }], "number", "0.00").some((f) => f.text === "0000")).toBe(false);
    // a credit note whose XML amount is negative: the print "-12,50" is its own sign
    expect(printedForms([{ page: 0, text: "Gutschrift -12,50" }], "number", "-12.50")[0]).toEqual({ text: "-12,50", page: 0, fromPage: true });
  });

  it("locates a zero tax at the page's 0,00, not at a -0,00 printed elsewhere", () => {
    const inv = readEInvoice(ciiXml({ ...SAMPLE, tax: "0.00", total: "200.00" }));
    const page = linesPage(["Skonto -0,00", "Netto 200,00", "Umsatzsteuer 0,00", "Gesamt 200,00"]);
    const { data } = eInvoiceData(inv, resolveFields({ templateId: "invoice" }), [page]);
    expect(data.tax).toMatchObject({ value: "0,00", normalized: 0, risk: 0 });
  });
});
