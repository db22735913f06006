import { describe, expect, it } from "vitest";
import type { Extractor, RawExtraction } from "./extract/types";
import { createEngine, EngineError, extractFromPages, type FieldValue, isArrayValue, resolveFields } from "./index";
import { makePage } from "./match/__fixtures__/make-page";

const fixed = (fields: RawExtraction["fields"]): Extractor => ({ name: "rules", extract: async () => ({ fields }) });

describe("resolveFields", () => {
  it("lets fields win over templateId and rejects unknown templates", () => {
    const fields = [{ name: "po", type: "string" as const }];
    expect(resolveFields({ templateId: "receipt", fields })).toBe(fields);
    expect(resolveFields({ templateId: "receipt" }).some((f) => f.name === "receipt_no")).toBe(true);
    expect(() => resolveFields({ templateId: "nope" })).toThrow(EngineError);
    try {
      resolveFields({ templateId: "nope" });
    } catch (e) {
      expect((e as EngineError).code).toBe("invalid_request");
    }
  });
});

describe("an inferred value", () => {
  it("is located by the mark it was inferred from, reported as inferred, and not flagged as missing from the page", async () => {
    const page = makePage([
      { text: "Facture 12 du 03/04/2026", x: 100, y: 50 },
      { text: "Total TTC 17,50 €", x: 100, y: 200 },
    ]);
    const fields = [
      { name: "total", type: "number" as const },
      { name: "currency", type: "string" as const },
    ];
    const out = await extractFromPages([page], { fields });
    const currency = out.data.currency as FieldValue;
    expect(currency).toMatchObject({ value: "EUR", bbox_source: "inferred", inferred_from: "€", match_ratio: 1, page: 0 });
    expect(currency.bbox).not.toBeNull();
    // the box is the "€" of the total, not the whole total
    const total = out.data.total as FieldValue;
    expect(currency.bbox!.xmin).toBeGreaterThan(total.bbox!.xmin);
    expect(out.issues.filter((i) => i.fields.includes("currency")).map((i) => i.code)).not.toContain("low_confidence");
  });
});

describe("extractFromPages", () => {
  const p0 = makePage(
    [
      { text: "Invoice 03/04/2026 due 15/04/2026", x: 100, y: 50 },
      { text: "Item A 2 5,00 10,00", x: 100, y: 100 },
    ],
    undefined,
    0,
  );
  const p1 = makePage(
    [
      { text: "Item B 1 7,50 7,50", x: 100, y: 100 },
      { text: "Total 17,50 EUR", x: 100, y: 200 },
    ],
    undefined,
    1,
  );
  const fields = [
    { name: "issue_date", type: "date" as const },
    { name: "due_date", type: "date" as const },
    { name: "total", type: "number" as const },
    { name: "po", type: "string" as const, required: true },
    {
      name: "line_items",
      type: "array" as const,
      children: [
        { name: "quantity", type: "number" as const },
        { name: "unit_price", type: "number" as const },
        { name: "amount", type: "number" as const },
      ],
    },
  ];
  const ex = fixed({
    issue_date: { text: "03/04/2026", page: 0 },
    due_date: { text: "15/04/2026", page: 0 },
    total: { text: "17,50 EUR", page: 1 },
    po: null,
    line_items: [
      { cells: { quantity: { text: "2", page: 0 }, unit_price: { text: "5,00", page: 0 }, amount: { text: "10,00", page: 0 } } },
      { cells: { quantity: { text: "1", page: 1 }, unit_price: { text: "7,50", page: 1 }, amount: { text: "7,50", page: 1 } } },
    ],
  });

  it("keeps values verbatim, normalizes with the document's own day-first evidence, and keeps page indexes", async () => {
    const res = await extractFromPages([p0, p1], { fields }, { extractor: ex });
    const issue = res.data.issue_date as FieldValue;
    expect(issue.value).toBe("03/04/2026");
    // 15/04/2026 can only be day-first, so 03/04/2026 is 3 April.
    expect(issue.normalized).toBe("2026-04-03");
    const total = res.data.total as FieldValue;
    expect(total.normalized).toBe(17.5);
    expect(total.page).toBe(1);
    const items = res.data.line_items!;
    expect(isArrayValue(items) && items.value.map((r) => r.field_bboxes.amount?.page)).toEqual([0, 1]);
    expect(res.pages.map((p) => p.index)).toEqual([0, 1]);
    expect(res.engineVersion).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("reports a missing field the contract's way and routes it to review when required", async () => {
    const res = await extractFromPages([p0, p1], { fields }, { extractor: ex });
    expect(res.data.po).toEqual({ value: null, bbox: null, vertices: null, match_ratio: 0, bbox_source: null, page: null });
    // (the risk gate may queue other values; this test is about the missing one)
    expect(res.issues.filter((i) => i.code !== "risk").map((i) => i.code)).toEqual(["missing_required"]);
  });

  it("leaves ambiguous dates without a normalized value", async () => {
    const res = await extractFromPages(
      [p0],
      { fields: [{ name: "issue_date", type: "date" }] },
      { extractor: fixed({ issue_date: { text: "03/04/2026", page: 0 } }) },
    );
    expect((res.data.issue_date as FieldValue).normalized).toBeUndefined();
  });
});

describe("createEngine", () => {
  it("uses a usable text layer instead of OCR and rejects empty input", async () => {
    const engine = createEngine({
      extractor: fixed({ total: { text: "42.00", page: 0 } }),
      ocr: {
        recognize: () => {
          throw new Error("OCR must not run");
        },
      },
    });
    const res = await engine.processDocument({
      fields: [{ name: "total", type: "number" }],
      pages: [{ textLayer: { width: 1000, height: 1000, items: [{ text: "Total 42.00", x: 100, y: 100, width: 110, height: 12 }] } }],
    });
    expect((res.data.total as FieldValue).match_ratio).toBe(1);
    expect(res.pages[0]?.source).toBe("textlayer");
    await expect(engine.processDocument({ pages: [], templateId: "invoice" })).rejects.toThrow(EngineError);
    await engine.close();
  });
});
