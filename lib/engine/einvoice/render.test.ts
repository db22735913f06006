import { describe, expect, it } from "vitest";
import { resolveFields } from "..";
import { pageFromTextLayer } from "../ocr/textlayer";
import { type FieldValue, isArrayValue } from "../types";
import { readEInvoice } from ".";
import { renderEInvoice } from "./render";
import { eInvoiceData } from "./result";
import { SAMPLE, ublXml } from "./samples.test-helpers";

describe("renderEInvoice: a readable page for an XML without a printed form", () => {
  it("draws every value and gives each its box on the rendering", async () => {
    const inv = readEInvoice(ublXml());
    const pages = await renderEInvoice(inv);
    expect(pages).toHaveLength(1);
    const p = pages[0]!;
    expect(p.png.subarray(1, 4).toString()).toBe("PNG");
    if (process.env.RENDER_OUT) (await import("node:fs")).writeFileSync(process.env.RENDER_OUT, p.png);
    const ocr = [pageFromTextLayer(p.textLayer, 0)!];
    const fields = resolveFields({ templateId: "invoice" });
    const { data, issues } = eInvoiceData(inv, fields, ocr);
    expect(issues).toEqual([]);
    for (const name of ["invoice_number", "issue_date", "vendor", "customer", "subtotal", "tax", "total", "iban"]) {
      const v = data[name] as FieldValue;
      expect(v.bbox, name).not.toBeNull();
      expect(v.bbox_source).toBe("e_invoice_xml");
    }
    expect(data.total).toMatchObject({ value: SAMPLE.total, normalized: 238 });
    const rows = data.line_items!;
    expect(isArrayValue(rows) && rows.value.map((r) => r.field_bboxes.amount?.bbox !== null)).toEqual([true, true]);
  });

  it("continues a long invoice on further pages", async () => {
    const many = { ...SAMPLE, lines: Array.from({ length: 40 }, (_, i) => ({ name: `Position ${i + 1}`, qty: "1", price: "5.00", amount: "5.00" })) };
    const pages = await renderEInvoice(readEInvoice(ublXml(many)));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.at(-1)!.textLayer.items.some((it) => it.text === SAMPLE.total)).toBe(true);
  });
});
