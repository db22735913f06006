import { afterAll, describe, expect, it } from "vitest";
import { goldenImage, goldenTruth, iouWithTruth } from "./__fixtures__/golden/load";
import { createEngine } from "./index";
import { type FieldValue, isArrayValue } from "./types";

// Golden test with real OCR: the embedded tesseract.js reads a rendered receipt image.
describe("golden with real OCR: English thermal receipt (dev-001-0004.png)", () => {
  const engine = createEngine();
  afterAll(() => engine.close());
  const truth = goldenTruth("dev-001-0004");
  const run = engine.processDocument({ pages: [{ image: goldenImage("dev-001-0004.png") }], templateId: "receipt" });

  it("reads totals, date and number verbatim with boxes on them", async () => {
    const res = await run;
    expect(res.pages[0]?.source).toBe("tesseract");
    for (const f of ["receipt_no", "issue_date", "subtotal", "tax", "total"]) {
      const v = res.data[f] as FieldValue;
      expect(v.value, f).toBe(truth.fields[f]!.value);
      expect(v.match_ratio, f).toBeGreaterThanOrEqual(0.85);
      expect(iouWithTruth(v, truth.fields[f]!.boxes), f).toBeGreaterThanOrEqual(0.7);
    }
    expect((res.data.total as FieldValue).normalized).toBe(40.13);
    expect(res.issues.filter((i) => i.severity === "error")).toEqual([]);
  }, 120_000);

  it("reconstructs the line amounts", async () => {
    const items = (await run).data.line_items!;
    if (!isArrayValue(items)) throw new Error("line_items is not an array");
    expect(items.value.map((r) => r.field_bboxes.amount?.value)).toEqual(truth.line_items.map((li) => (li.amount as { value: string }).value));
  }, 120_000);
});
