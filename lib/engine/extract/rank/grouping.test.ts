import { describe, expect, it } from "vitest";
import { makePage } from "../../layout/testing";
import { getTemplate } from "../../templates";
import { createRulesExtractor } from "../rules";
import type { RawValue } from "../types";

// A line "Paper A4 2 200.00" set in one run (a text layer without column gaps) is a quantity and
// an amount, not 2,200.00, when the document groups thousands with commas ("1,234.50").
describe("total candidates follow the document's thousands grouping", () => {
  const page = (item: string, total: string) =>
    makePage([
      { y: 40, runs: [["ACME Supplies Ltd", 60]], h: 20 },
      { y: 70, runs: [["Invoice No: INV-7001", 60]] },
      { y: 90, runs: [["Date: 2024-03-15", 60]] },
      { y: 200, runs: [[item, 60]] },
      { y: 260, runs: [[total, 60]] },
    ]);
  const total = async (item: string, t: string) =>
    ((await createRulesExtractor().extract([page(item, t)], getTemplate("invoice")?.fields ?? [])).fields.total as RawValue | null)?.text;

  it("does not read a quantity and an amount as one space-grouped number on a comma-grouped page", async () => {
    expect(await total("Paper A4 2 200.00", "Total: 1,234.50")).toBe("1,234.50");
  });

  it("keeps space-grouped amounts on a page that groups with spaces", async () => {
    expect(await total("Papier A4 2 1 200,00", "Total : 1 234,50")).toBe("1 234,50");
  });
});
