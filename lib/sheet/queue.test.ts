import { describe, expect, it } from "vitest";
import { buildSheetRow } from "./build";
import { correction, fv, meta, result, schema } from "./fixtures.test-helpers";
import { buildReviewQueue, pathLabel, reviewableDocuments } from "./queue";

const sumIssue = {
  code: "subtotal_sum",
  severity: "error" as const,
  message: "Σ line amounts 12,340 ≠ subtotal 12,430",
  fields: ["subtotal"],
};
const dateIssue = { code: "invalid_date", severity: "error" as const, message: "31.02.2026 is not a date", fields: ["invoice_date"] };

describe("buildReviewQueue", () => {
  it("queues a perfectly matched value the OCR is unsure of, with the reason, riskiest first", () => {
    const ocr = { code: "ocr_confidence", severity: "warning" as const, message: 'the OCR is unsure of "mer" (word confidence 53 %)', fields: ["vendor"] };
    const risky = { code: "risk", severity: "warning" as const, message: 'estimated 3 % chance that "INV-2049" is wrong', fields: ["invoice_no"] };
    const r = result(
      { vendor: fv("mer", 1, { risk: 0.4 }), invoice_no: fv("INV-2049", 1, { risk: 0.03 }), total: fv("1.00", 1, { risk: 0.001 }), line_items: { value: [] } },
      [ocr, risky],
    );
    const queue = buildReviewQueue([buildSheetRow({ document: meta("d1"), result: r, corrections: [], schema })]);
    expect(queue.map((q) => [q.path, q.reasons])).toEqual([
      ["vendor", ['the OCR is unsure of "mer" (word confidence 53 %)']],
      ["invoice_no", ['estimated 3 % chance that "INV-2049" is wrong']],
    ]);
  });

  it("orders by risk: failed money checks, other failed checks, missing required, lowest ratio", () => {
    const r = result({ invoice_no: fv(null), vendor: fv("ACME", 0.7) }, [dateIssue, sumIssue]);
    const row = buildSheetRow({ document: meta("d1"), result: r, corrections: [], schema });
    const queue = buildReviewQueue([row]);
    expect(queue.map((q) => q.path)).toEqual(["subtotal", "invoice_date", "invoice_no", "line_items.1.amount", "total", "vendor"]);
    expect(queue[0]?.reasons[0]).toBe("Σ line amounts 12,340 ≠ subtotal 12,430");
    expect(queue[0]?.label).toBe("Subtotal");
    expect(queue[3]?.reasons[0]).toBe("only 50 % of the characters were found on the page");
    expect(queue[3]?.label).toBe("Line items · row 2 · Amount");
    expect(queue[4]?.matchRatio).toBe(0.62);
  });

  it("drops corrected, accepted and not-on-document cells from the queue", () => {
    const corrections = [correction("d1", "total", "edit", "-1.234,56"), correction("d1", "line_items.1.amount", "accept", null)];
    const row = buildSheetRow({ document: meta("d1"), result: result(), corrections, schema });
    expect(buildReviewQueue([row])).toEqual([]);
    expect(reviewableDocuments([row])).toEqual(["d1"]);
  });

  it("groups documents, riskiest document first, and skips unfinished or reviewed ones", () => {
    const calm = buildSheetRow({ document: meta("calm"), result: result(), corrections: [], schema });
    const risky = buildSheetRow({
      document: meta("risky", { createdAt: "2026-11-21T00:00:00.000Z" }),
      result: result({}, [sumIssue]),
      corrections: [],
      schema,
    });
    const queued = buildSheetRow({ document: meta("q", { status: "queued" }), result: null, corrections: [], schema });
    const reviewed = buildSheetRow({ document: meta("rv", { status: "reviewed" }), result: result(), corrections: [], schema });
    const queue = buildReviewQueue([calm, queued, risky, reviewed]);
    expect(queue.map((q) => q.key)).toEqual(["risky/subtotal", "risky/line_items.1.amount", "risky/total", "calm/line_items.1.amount", "calm/total"]);
    expect(reviewableDocuments([calm, risky])).toEqual([]);
  });

  it("labels paths in words", () => {
    expect(pathLabel("invoice_no")).toBe("Invoice no");
    expect(pathLabel("line_items.0.unit_price")).toBe("Line items · row 1 · Unit price");
  });
});
