import { describe, expect, it } from "vitest";
import { resolveFields } from "..";
import { pageFromTextLayer } from "../ocr/textlayer";
import { type FieldValue, isArrayValue } from "../types";
import { readEInvoice } from ".";
import { renderEInvoice } from "./render";
import { eInvoiceData } from "./result";
import { SAMPLE, type SampleInvoice, ublXml } from "./samples.test-helpers";

const fields = resolveFields({ templateId: "invoice" });

/** The XML of `xml` beside the printed page of `print` (what a hybrid PDF whose two forms disagree carries). */
async function crossRead(xml: SampleInvoice | string, print: SampleInvoice, keep: (text: string) => boolean = () => true) {
  const pages = await renderEInvoice(readEInvoice(ublXml(print)));
  const ocr = pages.map((p, i) => pageFromTextLayer({ ...p.textLayer, items: p.textLayer.items.filter((it) => keep(it.text)) }, i)!);
  const { data, issues } = eInvoiceData(readEInvoice(typeof xml === "string" ? xml : ublXml(xml)), fields, ocr);
  const rows = data.line_items && isArrayValue(data.line_items) ? data.line_items.value : [];
  return { rows, issues };
}

const base: SampleInvoice = {
  ...SAMPLE,
  lines: [
    { name: "Druckerpapier A4", qty: "10", price: "4.50", amount: "45.00" },
    { name: "Toner schwarz", qty: "2", price: "77.50", amount: "155.00" },
    { name: "Olivenöl kalt gepresst", qty: "1", price: "1.00", amount: "0.90" },
  ],
};

describe("e-invoice cells cross-checked with the printed page", () => {
  it("flags an XML unit price the page prints only as the row's amount (net of a discount the page shows)", async () => {
    const netPrice = { ...base, lines: base.lines.map((l, i) => (i === 2 ? { ...l, price: "0.90" } : l)) };
    const { rows, issues } = await crossRead(netPrice, base);
    const price = rows[2]?.field_bboxes.unit_price as FieldValue;
    expect(price).toMatchObject({ value: "0.90", risk: 1 });
    expect(issues.find((i) => i.fields.includes("line_items.2.unit_price"))).toMatchObject({ code: "e_invoice_print_mismatch" });
    // the amount 0.90 is printed in its own column: it stands
    expect(issues.some((i) => i.fields.includes("line_items.2.amount"))).toBe(false);
    expect((rows[2]?.field_bboxes.amount as FieldValue).risk).toBe(0);
    // A row that prints no unit price (only its amount) does not contradict the XML's.
    const blank = await crossRead(netPrice, base, (t) => t !== "1.00");
    expect(blank.issues).toEqual([]);
    expect(blank.rows[2]?.field_bboxes.unit_price).toMatchObject({ value: "0.90", risk: 0 });
  });

  it("flags an item name when the page prints the XML's longer description of the item instead", async () => {
    const long = "Druckerpapier A4 extra weiß";
    const printed = { ...base, lines: base.lines.map((l, i) => (i === 0 ? { ...l, name: long } : l)) };
    // The XML names the item "Druckerpapier A4" and describes it as the page prints it.
    const xml = ublXml(base).replace(
      "<cbc:Name>Druckerpapier A4</cbc:Name>",
      `<cbc:Description>${long}</cbc:Description><cbc:Name>Druckerpapier A4</cbc:Name>`,
    );
    const { rows, issues } = await crossRead(xml, printed);
    expect(rows[0]?.field_bboxes.description).toMatchObject({ value: "Druckerpapier A4", risk: 0.5 });
    expect(issues.find((i) => i.fields.includes("line_items.0.description"))?.message).toContain(long);
    expect(issues.filter((i) => i.fields.some((f) => f.endsWith("description")))).toHaveLength(1);
    // The same XML beside a page that prints the name: nothing to doubt.
    const same = await crossRead(xml, base);
    expect(same.issues).toEqual([]);
    expect(same.rows.every((r) => r.field_bboxes.description?.risk === 0)).toBe(true);
  });
});
