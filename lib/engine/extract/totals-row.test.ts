import { describe, expect, it } from "vitest";
import { makePage } from "../layout/testing";
import { getTemplate } from "../templates";
import { compileLabels, endsWithLabel } from "./labels";
import { createRulesExtractor } from "./rules";
import type { RawRow } from "./types";

const seg = (text: string) => ({ text }) as Parameters<typeof endsWithLabel>[0];
const totals = compileLabels({ t: ["Total", "Totaal", "Summe", "Subtotal"] });

describe("a totals label after one qualifying word", () => {
  it('is a totals segment: "Factuur totaal", "Invoice total EUR", "ORDER TOTAL:"', () => {
    for (const t of ["Factuur totaal", "Invoice total EUR", "ORDER TOTAL:", "Rechnungs Summe €"]) expect(endsWithLabel(seg(t), totals), t).toBe(true);
  });

  it("is not a sentence or an item that ends with the word, nor a label alone", () => {
    for (const t of ["Prijzen zijn inclusief BTW totaal", "Cable total 5 m", "Total", "Total EUR", "Grand TOTALS 2"])
      expect(endsWithLabel(seg(t), totals), t).toBe(false);
  });

  it("ends an invoice's table: the row that prints the total is not an item", async () => {
    const page = makePage([
      { y: 50, runs: [["Voorbeeld Handel B.V.", 50]] },
      {
        y: 200,
        runs: [
          ["Description", 50],
          ["Qty", 600],
          ["Amount", 800],
        ],
      },
      {
        y: 230,
        runs: [
          ["Onderhoudsset", 50],
          ["1", 620],
          ["49,99", 800],
        ],
      },
      {
        y: 250,
        runs: [
          ["Flyer korting", 50],
          ["1", 620],
          ["0,00", 800],
        ],
      },
      {
        y: 275,
        runs: [
          ["Prijzen inclusief BTW", 50],
          ["Factuur totaal", 400],
          ["EUR", 700],
          ["49,99", 800],
        ],
      },
    ]);
    const fields = getTemplate("invoice")?.fields ?? [];
    const raw = (await createRulesExtractor().extract([page], fields)).fields;
    const rows = Array.isArray(raw.line_items) ? (raw.line_items as RawRow[]) : [];
    expect(rows.map((r) => r.cells.description?.text)).toEqual(["Onderhoudsset", "Flyer korting"]);
  });
});
