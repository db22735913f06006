import { describe, expect, it } from "vitest";
import { applyCorrection, buildSheetRow, cellAt, ratioReason } from "./build";
import { correction, fv, meta, result, schema } from "./fixtures.test-helpers";

const subtotalIssue = {
  code: "subtotal_sum",
  severity: "error" as const,
  message: "Σ line amounts 12,340 ≠ subtotal 12,430",
  fields: ["subtotal", "line_items.0.amount", "line_items.1.amount"],
};

describe("buildSheetRow", () => {
  it("builds one cell per scalar field and rows of child cells for arrays", () => {
    const row = buildSheetRow({ document: meta("d1"), result: result(), corrections: [], schema });
    expect(Object.keys(row.cells)).toEqual(["invoice_no", "invoice_date", "vendor", "subtotal", "total", "note"]);
    expect(row.arrays.line_items).toHaveLength(2);
    expect(row.arrays.line_items?.[1]?.description?.value).toBe("Toner\nblack");
    expect(row.arrays.line_items?.[1]?.amount?.path).toBe("line_items.1.amount");
    expect(row.cells.subtotal?.normalized).toBe(12430);
  });

  it("assigns states: confident, low_confidence, not_on_document, missing, failed_check", () => {
    const r = result({ invoice_no: fv(null) }, [subtotalIssue]);
    const row = buildSheetRow({ document: meta("d1"), result: r, corrections: [], schema });
    expect(row.cells.invoice_date?.state).toBe("confident");
    expect(row.cells.total?.state).toBe("low_confidence");
    expect(row.cells.total?.reasons).toEqual(["only 62 % of the characters were found on the page"]);
    expect(row.cells.note?.state).toBe("not_on_document");
    expect(row.cells.invoice_no?.state).toBe("missing");
    expect(row.cells.invoice_no?.reasons).toEqual(["required field not found on the document"]);
    expect(row.cells.subtotal?.state).toBe("failed_check");
    expect(row.cells.subtotal?.reasons).toEqual(["Σ line amounts 12,340 ≠ subtotal 12,430"]);
    // a failed check wins over a low ratio, and both reasons are kept
    const amount = cellAt(row, "line_items.1.amount");
    expect(amount?.state).toBe("failed_check");
    expect(amount?.reasons).toEqual(["Σ line amounts 12,340 ≠ subtotal 12,430", ratioReason(0.5)]);
  });

  it("treats the 0.85 threshold as confident, and a warning as review work (never confident), not a failure", () => {
    const warn = { code: "tax_rate", severity: "warning" as const, message: "tax rate 18 % is unusual", fields: ["total"] };
    const clean = buildSheetRow({ document: meta("d1"), result: result({ total: fv("100.00", 0.85) }), corrections: [], schema });
    expect(clean.cells.total?.state).toBe("confident");
    const r = result({ total: fv("100.00", 0.85) }, [warn]);
    const row = buildSheetRow({ document: meta("d1"), result: r, corrections: [], schema });
    expect(row.cells.total?.state).toBe("low_confidence");
    expect(row.cells.total?.reasons).toEqual(["tax rate 18 % is unusual"]);
  });

  it("follows the engine's risk: at or above 0.5 % the cell needs review, below it stays confident", () => {
    const ocr = { code: "ocr_confidence", severity: "warning" as const, message: 'the OCR is unsure of "mer" (word confidence 53 %)', fields: ["vendor"] };
    const r = result({ vendor: fv("mer", 1, { risk: 0.31 }), total: fv("100.00", 1, { risk: 0.002 }), invoice_date: fv("2026-11-20", 1, { risk: 0.02 }) }, [
      ocr,
    ]);
    const row = buildSheetRow({ document: meta("d1"), result: r, corrections: [], schema });
    expect(row.cells.vendor?.state).toBe("low_confidence");
    expect(row.cells.vendor?.reasons).toEqual(['the OCR is unsure of "mer" (word confidence 53 %)']);
    expect(row.cells.vendor?.risk).toBe(0.31);
    expect(row.cells.total?.state).toBe("confident");
    // risky with no issue naming it (a result stored without the gate's own issue): a reason in words all the same
    expect(row.cells.invoice_date?.state).toBe("low_confidence");
    expect(row.cells.invoice_date?.reasons).toEqual(["the engine estimates a 2 % chance that it is wrong"]);
  });

  it("takes the latest correction as the effective value and keeps the original", () => {
    const corrections = [
      correction("d1", "total", "edit", "-1.300,00", "2026-11-20T12:00:00.000Z"),
      correction("d1", "total", "edit", "-1.234,50", "2026-11-20T11:00:00.000Z"),
    ];
    const row = buildSheetRow({ document: meta("d1"), result: result(), corrections, schema });
    const total = row.cells.total;
    expect(total?.value).toBe("-1.300,00");
    expect(total?.original).toBe("-1.234,56");
    expect(total?.state).toBe("corrected");
    expect(total?.normalized).toBe(-1300);
    expect(total?.history.map((c) => c.newValue)).toEqual(["-1.234,50", "-1.300,00"]);
  });

  it("accept keeps the value; not_on_document clears it; a drawn box moves the vertices", () => {
    const corrections = [
      correction("d1", "vendor", "accept", null),
      correction("d1", "invoice_no", "not_on_document", null),
      correction("d1", "line_items.1.amount", "edit", "95.00", undefined, {
        box: { xmin: 500, ymin: 600, xmax: 560, ymax: 620 },
        page: 1,
      }),
    ];
    const row = buildSheetRow({ document: meta("d1"), result: result(), corrections, schema });
    expect(row.cells.vendor?.state).toBe("accepted");
    expect(row.cells.vendor?.value).toBe('=HYPERLINK("http://x")');
    expect(row.cells.invoice_no?.state).toBe("not_on_document");
    expect(row.cells.invoice_no?.value).toBeNull();
    const amount = cellAt(row, "line_items.1.amount");
    expect(amount?.page).toBe(1);
    expect(amount?.vertices).toEqual([
      { x: 500, y: 600 },
      { x: 560, y: 600 },
      { x: 560, y: 620 },
      { x: 500, y: 620 },
    ]);
    expect(amount?.normalized).toBe(95);
  });

  it("adds a line item a reviewer typed beyond the engine's rows", () => {
    const corrections = [correction("d1", "line_items.2.amount", "edit", "7.00")];
    const row = buildSheetRow({ document: meta("d1"), result: result(), corrections, schema });
    expect(row.arrays.line_items).toHaveLength(3);
    expect(cellAt(row, "line_items.2.amount")?.value).toBe("7.00");
    expect(cellAt(row, "line_items.2.description")?.state).toBe("not_on_document");
  });

  it("builds empty cells for a document without a result yet", () => {
    const row = buildSheetRow({ document: meta("d1", { status: "queued" }), result: null, corrections: [], schema });
    expect(row.status).toBe("queued");
    expect(row.cells.total?.value).toBeNull();
    expect(row.cells.total?.state).toBe("missing");
    expect(row.arrays.line_items).toEqual([]);
  });

  it("applies a new correction to a built row the same way a rebuild would", () => {
    const corrections = [correction("d1", "total", "edit", "-1.300,00"), correction("d1", "line_items.1.amount", "not_on_document", null)];
    const built = buildSheetRow({ document: meta("d1"), result: result(), corrections, schema });
    let row = buildSheetRow({ document: meta("d1"), result: result(), corrections: [], schema });
    for (const c of corrections) row = applyCorrection(row, c);
    expect(row.cells.total).toEqual(built.cells.total);
    expect(cellAt(row, "line_items.1.amount")).toEqual(cellAt(built, "line_items.1.amount"));
    expect(cellAt(row, "line_items.0.amount")?.state).toBe("confident");
  });
});
