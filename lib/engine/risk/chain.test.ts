import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractFromPages } from "../index";
import type { OcrPage } from "../types";

// Frozen tesseract output of a rendered German invoice whose first line's amount is misprinted (873.29 for 858.00):
// its other rows add up, and the printed amounts add up to the subtotal.
const fixture = path.join(import.meta.dirname, "../extract/__fixtures__/dev-001-0000.ocr.pages.json");
const frozen = () => JSON.parse(fs.readFileSync(fixture, "utf8")) as OcrPage[];

describe("a table row whose chain of arithmetic closes", () => {
  it("marks the cells of a row that adds up and whose amount the subtotal holds, not the row that fails", async () => {
    const res = await extractFromPages(frozen(), { templateId: "invoice" }, { explain: true });
    const f = res.riskFeatures ?? {};
    expect(f["line_items.1.quantity"]?.row_chain).toBe(1);
    expect(f["line_items.1.amount"]?.row_chain).toBe(1);
    expect(f["line_items.0.quantity"]?.row_chain).toBe(0);
    // one relation of the document fails: its numbers do not all close
    expect(f.total?.doc_closed).toBe(0);
  });
});
