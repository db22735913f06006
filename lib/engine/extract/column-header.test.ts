import { describe, expect, it } from "vitest";
import { makePage } from "../layout/testing";
import { getTemplate } from "../templates";
import { createRulesExtractor } from "./rules";
import type { RawValue } from "./types";

// A facture whose amount column is headed "Total HT", the subtotal's own label in the totals box under the table.
const page = makePage([
  { y: 40, runs: [["Bonnet Imprimerie SAS", 60]], h: 20 },
  {
    y: 240,
    runs: [
      ["Désignation", 60],
      ["Quantité", 500],
      ["P.U. HT", 620],
      ["Total HT", 800],
    ],
  },
  {
    y: 260,
    runs: [
      ["Licence logiciel", 60],
      ["5", 500],
      ["40,00", 620],
      ["200,00", 800],
    ],
  },
  {
    y: 280,
    runs: [
      ["Maintenance", 60],
      ["1", 500],
      ["100,00", 620],
      ["100,00", 800],
    ],
  },
  {
    y: 320,
    runs: [
      ["Total HT", 620],
      ["300,00 €", 800],
    ],
  },
  {
    y: 340,
    runs: [
      ["TVA 20 %", 620],
      ["60,00 €", 800],
    ],
  },
  {
    y: 360,
    runs: [
      ["Net à payer", 620],
      ["360,00 €", 800],
    ],
  },
]);

describe("a column header that is also a totals label", () => {
  it("is not the label of the table's first cell: the subtotal has its own label's value as its only candidate", async () => {
    const out = await createRulesExtractor().extract([page], getTemplate("invoice")?.fields ?? []);
    const subtotal = out.fields.subtotal as RawValue;
    expect(subtotal.text).toBe("300,00 €");
    expect(subtotal.evidence?.candidates).toBe(1);
    const items = out.fields.line_items as { cells: Record<string, RawValue | null> }[];
    expect(items.map((r) => r.cells.amount?.text)).toEqual(["200,00", "100,00"]);
  });
});
