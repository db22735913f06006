import { describe, expect, it } from "vitest";
import { goldenPages, goldenTruth, iouWithTruth } from "./__fixtures__/golden/load";
import type { Extractor, RawRow } from "./extract/types";
import { extractFromPages, resolveFields } from "./index";
import { type FieldValue, isArrayValue } from "./types";

// Golden tests: frozen OCR output of real rendered pages → the whole pipeline after OCR.
const scalar = (r: unknown) => r as FieldValue;

describe("golden: German invoice with a slipped line amount (dev-001-0000)", async () => {
  const pages = goldenPages("dev-001-0000");
  const truth = goldenTruth("dev-001-0000");
  const res = await extractFromPages(pages, { templateId: "invoice" });

  it("reads the header and totals verbatim, with boxes on the printed values", () => {
    for (const f of ["invoice_number", "issue_date", "due_date", "subtotal", "tax", "total", "vendor_tax_id", "bic"]) {
      const v = scalar(res.data[f]);
      const t = truth.fields[f]!;
      expect(v.value, f).toBe(t.value);
      expect(v.match_ratio, f).toBe(1);
      expect(v.bbox_source, f).toBe("vision_symbol_match");
      expect(iouWithTruth(v, t.boxes), f).toBeGreaterThanOrEqual(0.7);
      expect(v.page).toBe(0);
    }
  });

  it("normalizes German dates and amounts without altering the value", () => {
    expect(scalar(res.data.issue_date).normalized).toBe("2027-05-25");
    expect(scalar(res.data.total).normalized).toBe(4637.62);
    expect(scalar(res.data.total).value).toBe("4.637,62 €");
  });

  it("reconstructs every line item and sends the slipped line to review", () => {
    const items = res.data.line_items!;
    expect(isArrayValue(items)).toBe(true);
    if (!isArrayValue(items)) return;
    expect(items.value.map((r) => r.field_bboxes.amount?.value)).toEqual(truth.line_items.map((li) => (li.amount as { value: string }).value));
    const issue = res.issues.find((i) => i.code === "line_amount");
    expect(issue?.fields).toContain(`line_items.${truth.inconsistency!.line_index}.amount`);
    expect(issue?.message).toBe("line 1: quantity 1 × unit price 858,00 = 858,00 ≠ amount 873,29");
    expect(res.issues.filter((i) => i.severity === "error")).toHaveLength(1);
  });
});

describe("golden: English invoice (dev-001-0003)", async () => {
  const res = await extractFromPages(goldenPages("dev-001-0003"), { templateId: "invoice" });
  const truth = goldenTruth("dev-001-0003");

  it("finds the key fields with boxes and a consistent result", () => {
    for (const f of ["invoice_number", "issue_date", "due_date", "customer_address", "subtotal", "tax", "total", "iban"]) {
      const v = scalar(res.data[f]);
      expect(v.value, f).toBe(truth.fields[f]!.value);
      expect(iouWithTruth(v, truth.fields[f]!.boxes), f).toBeGreaterThanOrEqual(0.7);
    }
    expect(scalar(res.data.issue_date).normalized).toBe("2026-12-19");
    expect(res.issues.filter((i) => i.severity === "error")).toEqual([]);
  });
});

describe("golden: the matcher alone re-locates every true value (truth as extractor)", () => {
  for (const id of ["dev-001-0000", "dev-001-0003"]) {
    it(id, async () => {
      const truth = goldenTruth(id);
      const fields = resolveFields({ templateId: "invoice" });
      const oracle: Extractor = {
        name: "rules",
        async extract() {
          const out: Record<string, unknown> = {};
          for (const f of fields) {
            if (f.type === "array") {
              out[f.name] = truth.line_items.map(
                (li): RawRow => ({
                  cells: Object.fromEntries(
                    (f.children ?? []).map((c) => {
                      const cell = li[c.name] as { value: string | null } | undefined;
                      return [c.name, cell?.value ? { text: cell.value, page: 0 } : null];
                    }),
                  ),
                }),
              );
            } else {
              const t = truth.fields[f.name];
              out[f.name] = t?.printed && t.value ? { text: t.value, page: 0 } : null;
            }
          }
          return { fields: out as never };
        },
      };
      const res = await extractFromPages(goldenPages(id), { templateId: "invoice" }, { extractor: oracle });
      let n = 0;
      let located = 0;
      let boxed = 0;
      for (const [k, t] of Object.entries(truth.fields)) {
        const r = res.data[k];
        if (!t.printed || !r || isArrayValue(r)) continue;
        n++;
        if (r.match_ratio >= 0.85) located++;
        if (iouWithTruth(r, t.boxes) >= 0.7) boxed++;
      }
      expect(located / n).toBeGreaterThanOrEqual(0.9);
      expect(boxed / n).toBeGreaterThanOrEqual(0.85);
    });
  }
});
