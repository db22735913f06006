import { describe, expect, it } from "vitest";
import type { DocumentResult } from "@/lib/engine/types";
import { validate } from "@/lib/engine/validate";
import { buildSheetRow } from "./build";
import { correction, fv, meta, result, schema } from "./fixtures.test-helpers";
import { buildReviewQueue, pathLabel, reviewableDocuments } from "./queue";

const sumIssue = {
  code: "subtotal_sum",
  severity: "error" as const,
  message: "Σ line amounts 12,340 ≠ subtotal 12,430",
  fields: ["subtotal"],
};
const withCurrency = { ...schema, fields: [...schema.fields, { name: "currency", type: "string" as const }] };
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

  describe("one failed check is one item", () => {
    // Σ 100 + 200 + 300 = 600 ≠ subtotal 610: the engine's own check names the subtotal and the three amounts.
    const data = (): DocumentResult["data"] => {
      const d = result({
        subtotal: fv("610.00", 1, { normalized: 610, risk: 0.001 }),
        total: fv("610.00", 1, { normalized: 610, risk: 0.001 }),
        line_items: {
          value: ["100.00", "200.00", "300.00"].map((a) => ({
            field_bboxes: { description: fv("Item", 1, { risk: 0.001 }), amount: fv(a, 1, { risk: 0.001 }) },
          })),
        },
      }).data;
      return { ...d, invoice_no: fv("INV-1", 1, { risk: 0.001 }), invoice_date: fv("12.03.2026", 1, { risk: 0.001 }), vendor: fv("ACME", 1, { risk: 0.001 }) };
    };
    const withIssues = (d: DocumentResult["data"]): DocumentResult => ({ ...result(), data: d, issues: validate(schema.fields, d) });

    it("lists every value the check names in one item, the subtotal first", () => {
      const r = withIssues(data());
      expect(r.issues.map((i) => [i.code, i.fields.length])).toEqual([["subtotal_sum", 4]]);
      const queue = buildReviewQueue([buildSheetRow({ document: meta("d1"), result: r, corrections: [], schema })]);
      expect(queue).toHaveLength(1);
      expect(queue[0]).toMatchObject({ path: "subtotal", state: "failed_check", why: [{ code: "subtotal_sum" }] });
      expect(queue[0]!.paths).toEqual(["subtotal", "line_items.0.amount", "line_items.1.amount", "line_items.2.amount"]);
      expect(queue[0]!.involved.map((v) => v.value)).toEqual(["610.00", "100.00", "200.00", "300.00"]);
      expect(queue[0]!.reasons).toEqual(["Σ line amounts 600.00 ≠ subtotal 610.00"]);
    });

    it("keeps a value's own other doubt as its own item", () => {
      const d = data();
      const r = withIssues(d);
      r.issues.push({ code: "ocr_confidence", severity: "warning", message: 'the OCR is unsure of "200.00"', fields: ["line_items.1.amount"] });
      const queue = buildReviewQueue([buildSheetRow({ document: meta("d1"), result: r, corrections: [], schema })]);
      // both are failed money checks of the same risk: ties go by path
      expect(queue.map((q) => [q.path, q.why.map((w) => w.code)])).toEqual([
        ["line_items.1.amount", ["ocr_confidence"]],
        ["subtotal", ["subtotal_sum"]],
      ]);
      expect(queue[1]!.paths).toContain("line_items.1.amount");
    });

    it("is settled by the one correction that makes the numbers agree, and re-worded by one that does not", () => {
      const r = withIssues(data());
      const fixed = buildSheetRow({ document: meta("d1"), result: r, corrections: [correction("d1", "subtotal", "edit", "600.00")], schema });
      expect(fixed.issues).toEqual([]);
      expect(fixed.arrays.line_items!.map((row) => row.amount!.state)).toEqual(["confident", "confident", "confident"]);
      expect(buildReviewQueue([fixed])).toEqual([]);
      const still = buildSheetRow({ document: meta("d1"), result: r, corrections: [correction("d1", "line_items.0.amount", "edit", "105.00")], schema });
      expect(still.issues.map((i) => i.message)).toEqual(["Σ line amounts 605.00 ≠ subtotal 610.00"]);
      const queue = buildReviewQueue([still]);
      expect(queue).toHaveLength(1);
      expect(queue[0]!.paths).toEqual(["subtotal", "line_items.1.amount", "line_items.2.amount"]);
    });
  });

  describe("a Σ that fails while every row adds up (a row the table lost)", () => {
    const priced = {
      ...schema,
      fields: schema.fields.map((f) =>
        f.type === "array"
          ? { ...f, children: [...(f.children ?? []), { name: "quantity", type: "number" as const }, { name: "unit_price", type: "number" as const }] }
          : f,
      ),
    };
    // 2 × 50 + 3 × 100 = 400, but the printed subtotal is 450: a 50.00 row was not read
    const data = (): DocumentResult["data"] => ({
      ...result().data,
      subtotal: fv("450.00", 1, { risk: 0.001 }),
      total: fv("450.00", 1, { risk: 0.001 }),
      line_items: {
        value: [
          ["2", "50.00", "100.00"],
          ["3", "100.00", "300.00"],
        ].map(([q, p, a]) => ({
          field_bboxes: {
            description: fv("Item", 1, { risk: 0.001 }),
            quantity: fv(q!, 1, { risk: 0.001 }),
            unit_price: fv(p!, 1, { risk: 0.001 }),
            amount: fv(a!, 1, { risk: 0.001 }),
          },
        })),
      },
    });
    const r = (): DocumentResult => ({ ...result(), data: data(), issues: validate(priced.fields, data()) });

    it("queues the subtotal with the document's mismatch in words, not the rows that add up", () => {
      const row = buildSheetRow({ document: meta("d1"), result: r(), corrections: [], schema: priced });
      const queue = buildReviewQueue([row]);
      expect(queue.map((q) => [q.path, q.paths, q.reasons])).toEqual([
        ["subtotal", ["subtotal"], ["Σ line amounts 400.00 ≠ subtotal 450.00 (every row adds up on its own: a row may be missing or misread)"]],
      ]);
      expect(row.arrays.line_items!.map((cells) => cells.amount!.state)).toEqual(["confident", "confident"]);
    });

    it("runs the check again when a row it read without naming is corrected", () => {
      const fixed = buildSheetRow({
        document: meta("d1"),
        result: r(),
        corrections: [correction("d1", "line_items.1.amount", "edit", "350.00")],
        schema: priced,
      });
      // Σ now closes, but the edited row's own product no longer does: the sum check is settled, the row's check is not re-run
      expect(fixed.issues.map((i) => i.code)).toEqual([]);
      const worse = buildSheetRow({
        document: meta("d1"),
        result: r(),
        corrections: [correction("d1", "line_items.0.amount", "edit", "90.00")],
        schema: priced,
      });
      // re-worded with the new numbers, and the edited row, whose product no longer holds, is named now
      expect(worse.issues.map((i) => [i.message, i.fields])).toEqual([["Σ line amounts 390.00 ≠ subtotal 450.00", ["subtotal", "line_items.0.amount"]]]);
    });
  });

  it("words an inferred currency as inferred from its mark, never as not found on the page", () => {
    const inferred = (risk: number) => fv("EUR", 1, { bbox_source: "inferred", inferred_from: "€", risk });
    const calm = buildSheetRow({ document: meta("d1"), result: result({ currency: inferred(0.001) }), corrections: [], schema: withCurrency });
    expect(calm.cells.currency).toMatchObject({ state: "confident", inferredFrom: "€", reasons: [] });
    const doubtful = buildSheetRow({ document: meta("d1"), result: result({ currency: inferred(0.2) }), corrections: [], schema: withCurrency });
    expect(doubtful.cells.currency!.why!.map((w) => w.code)).toEqual(["inferred", "risk"]);
    expect(doubtful.cells.currency!.reasons[0]).toBe("inferred from “€” printed on the page (the box shows it), not printed as such");
    expect(doubtful.cells.currency!.reasons.join(" ")).not.toContain("not found");
  });

  it("labels paths in words", () => {
    expect(pathLabel("invoice_no")).toBe("Invoice no");
    expect(pathLabel("line_items.0.unit_price")).toBe("Line items · row 1 · Unit price");
  });
});
