import { describe, expect, it } from "vitest";
import { buildSheetRow } from "@/lib/sheet/build";
import { fv, meta, result, schema } from "@/lib/sheet/fixtures.test-helpers";
import { buildGridRows, cellFor, columnIdFor, compareKeys, docStatus, filterText, moveSelection, rowIdFor, sortKey, valueColumns } from "./model";

const doc = buildSheetRow({ document: meta("d1"), result: result({ total: fv("-1.234,56", 0.6, { normalized: -1234.56 }) }), corrections: [], schema });

describe("sheet grid model", () => {
  it("makes one column per scalar field, then one per array child", () => {
    expect(valueColumns(schema).map((c) => c.id)).toEqual([
      "invoice_no",
      "invoice_date",
      "vendor",
      "subtotal",
      "total",
      "note",
      "line_items.description",
      "line_items.amount",
    ]);
  });

  it("gives each document its line items as sub-rows and counts what to review", () => {
    const [row] = buildGridRows([doc]);
    expect(row?.kind).toBe("doc");
    expect(row?.subRows.map((r) => r.id)).toEqual(["d1/line_items.0", "d1/line_items.1"]);
    expect(row?.kind === "doc" ? row.toReview : -1).toBe(2);
  });

  it("says when a done document misses required values or gave nothing (not a plain done)", () => {
    expect(docStatus(doc)).toMatchObject({ label: "done", incomplete: false });
    const missing = buildSheetRow({ document: meta("d2"), result: result({ invoice_no: fv(null) }), corrections: [], schema });
    expect(docStatus(missing)).toMatchObject({ label: "done · 1 required missing", incomplete: true, code: "missing", count: 1 });
    const empty = Object.fromEntries(["invoice_no", "invoice_date", "vendor", "subtotal", "total", "note"].map((k) => [k, fv(null)]));
    const nothing = buildSheetRow({ document: meta("d3"), result: result({ ...empty, line_items: { value: [] } }), corrections: [], schema });
    expect(docStatus(nothing)).toMatchObject({ label: "done · nothing extracted", incomplete: true });
    // a currency inferred from "€" is not a value read off the page
    const inferredOnly = buildSheetRow({
      document: meta("d5"),
      result: result({ ...empty, line_items: { value: [] }, currency: fv("EUR", 1, { bbox_source: "inferred", inferred_from: "€" }) }),
      corrections: [],
      schema: { ...schema, fields: [...schema.fields, { name: "currency", type: "string" }] },
    });
    expect(docStatus(inferredOnly)).toMatchObject({ code: "nothing" });
    // a photo that gave one header field of eight, nothing required missing, is not just "done"
    const optional = {
      ...schema,
      fields: [
        ...schema.fields.filter((f) => f.type === "array"),
        ...["a", "b", "c", "d", "e", "f", "g", "h"].map((n) => ({ name: n, type: "string" as const })),
      ],
    };
    const few = buildSheetRow({
      document: meta("d6"),
      result: { ...result(), data: { a: fv("x"), line_items: { value: [] } } },
      corrections: [],
      schema: optional,
    });
    expect(docStatus(few)).toEqual({ label: "done · only 1 of 8 fields read", incomplete: true, code: "few", count: 1, total: 8 });
    const queued = buildSheetRow({ document: meta("d4", { status: "processing" }), result: null, corrections: [], schema });
    expect(docStatus(queued)).toMatchObject({ label: "processing", incomplete: false });
  });

  it("maps (row, column) to the value cell and its path, blank where none", () => {
    const cols = valueColumns(schema);
    const [row] = buildGridRows([doc]);
    const item = row?.subRows[1];
    if (!row || !item) throw new Error("rows");
    const amount = cols.find((c) => c.id === "line_items.amount");
    const total = cols.find((c) => c.id === "total");
    if (!amount || !total) throw new Error("cols");
    expect(cellFor(row, total)?.path).toBe("total");
    expect(cellFor(row, amount)).toBeNull();
    expect(cellFor(item, amount)?.path).toBe("line_items.1.amount");
    expect(cellFor(item, amount)?.cell.value).toBe("90.00");
    expect(cellFor(item, total)).toBeNull();
    // item rows filter on their document's scalars, so filtering keeps a document's lines
    expect(filterText(item, total)).toBe("-1.234,56");
    expect(sortKey(row, total)).toBe(-1234.56);
  });

  it("sorts numbers numerically before text, blanks last", () => {
    const keys: Array<number | string> = ["", 10, "b", 2, "a10", "a9"];
    expect(keys.sort(compareKeys)).toEqual([2, 10, "a9", "a10", "b", ""]);
  });

  it("locates the row and column of a selection", () => {
    expect(rowIdFor({ documentId: "d1", path: "total" })).toBe("d1");
    expect(rowIdFor({ documentId: "d1", path: "line_items.3.amount" })).toBe("d1/line_items.3");
    expect(columnIdFor("line_items.3.amount")).toBe("line_items.amount");
    expect(columnIdFor("total")).toBe("total");
  });

  it("moves the selection with arrow keys over cells that exist", () => {
    const cols = valueColumns(schema);
    const [row] = buildGridRows([doc]);
    if (!row) throw new Error("rows");
    const visible = [row, ...row.subRows];
    const total = { documentId: "d1", path: "total" };
    expect(moveSelection(visible, cols, total, "right")).toEqual({ documentId: "d1", path: "note" });
    expect(moveSelection(visible, cols, total, "left")).toEqual({ documentId: "d1", path: "subtotal" });
    // no scalar cell below a document in its item rows
    expect(moveSelection(visible, cols, total, "down")).toBeNull();
    const amount = { documentId: "d1", path: "line_items.0.amount" };
    expect(moveSelection(visible, cols, amount, "down")).toEqual({ documentId: "d1", path: "line_items.1.amount" });
    expect(moveSelection(visible, cols, amount, "left")).toEqual({ documentId: "d1", path: "line_items.0.description" });
    expect(moveSelection(visible, cols, amount, "up")).toBeNull();
  });
});
