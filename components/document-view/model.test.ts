import { describe, expect, it } from "vitest";
import { buildSheetRow } from "@/lib/sheet/build";
import { fv, meta, result, schema } from "@/lib/sheet/fixtures.test-helpers";
import { documentKeyAction } from "./keys";
import { buildFormLayout, doubtfulPaths, moveInForm, nextDoubtful, plainReasons } from "./model";

// vendor 0.9 (confident), total 0.62 (uncertain), line 2 amount 0.5 (uncertain); invoice_no missing & required.
const row = buildSheetRow({ document: meta("d1"), result: result({ invoice_no: fv(null) }), corrections: [], schema });
const layout = buildFormLayout(schema, row);

describe("buildFormLayout", () => {
  it("puts the header fields first in schema order, then the line-item table", () => {
    expect(layout.header.map((s) => s.path)).toEqual(["invoice_no", "invoice_date", "vendor", "subtotal", "total", "note"]);
    expect(layout.tables.map((t) => t.name)).toEqual(["line_items"]);
    expect(layout.tables[0]?.columns.map((c) => c.name)).toEqual(["description", "amount"]);
    expect(layout.order.slice(-4).map((s) => s.path)).toEqual([
      "line_items.0.description",
      "line_items.0.amount",
      "line_items.1.description",
      "line_items.1.amount",
    ]);
  });
});

describe("moveInForm", () => {
  it("walks header rows up and down, then into the table keeping the column", () => {
    expect(moveInForm(layout, "invoice_no", "down")).toBe("invoice_date");
    expect(moveInForm(layout, "note", "down")).toBe("line_items.0.description");
    expect(moveInForm(layout, "line_items.0.amount", "down")).toBe("line_items.1.amount");
    expect(moveInForm(layout, "line_items.0.amount", "up")).toBe("note");
    expect(moveInForm(layout, "line_items.1.amount", "down")).toBe("line_items.1.amount");
  });
  it("moves left/right inside a line and Tab in reading order", () => {
    expect(moveInForm(layout, "line_items.1.description", "right")).toBe("line_items.1.amount");
    expect(moveInForm(layout, "line_items.1.amount", "right")).toBe("line_items.1.amount");
    expect(moveInForm(layout, "total", "left")).toBe("total");
    expect(moveInForm(layout, "note", "next")).toBe("line_items.0.description");
    expect(moveInForm(layout, "invoice_date", "prev")).toBe("invoice_no");
  });
});

describe("doubtful values", () => {
  it("lists the values that need a look and walks them, wrapping", () => {
    expect(doubtfulPaths(layout)).toEqual(["invoice_no", "total", "line_items.1.amount"]);
    expect(nextDoubtful(layout, "invoice_no", "invoice_no")).toBe("total");
    expect(nextDoubtful(layout, "line_items.1.amount", "line_items.1.amount")).toBe("invoice_no");
    expect(nextDoubtful(layout, null)).toBe("invoice_no");
  });
  it("says why in words", () => {
    const total = layout.header.find((s) => s.path === "total")?.cell;
    expect(total && plainReasons(total).join(" ")).toMatch(/62 %/);
    const missing = layout.header.find((s) => s.path === "invoice_no")?.cell;
    expect(missing && plainReasons(missing).join(" ")).toMatch(/not found|missing|required/i);
  });
});

describe("documentKeyAction", () => {
  const caret = { allSelected: true, atStart: false, atEnd: false };
  const inText = { allSelected: false, atStart: false, atEnd: false };
  it("accepts, saves, marks not-on-document and walks documents", () => {
    expect(documentKeyAction({ key: "Enter" }, false, caret)).toEqual({ kind: "accept" });
    expect(documentKeyAction({ key: "Enter" }, true, caret)).toEqual({ kind: "save" });
    expect(documentKeyAction({ key: "n", code: "KeyN", altKey: true }, false, caret)).toEqual({ kind: "notOnDocument" });
    expect(documentKeyAction({ key: "PageDown" }, false, caret)).toEqual({ kind: "nextDocument" });
    expect(documentKeyAction({ key: "Enter", ctrlKey: true }, false, caret)).toEqual({ kind: "nextDocument" });
    expect(documentKeyAction({ key: "m", ctrlKey: true }, false, caret)).toEqual({ kind: "markReviewed" });
  });
  it("leaves typing and caret moves inside the text to the input", () => {
    expect(documentKeyAction({ key: "7" }, false, caret)).toBeNull();
    expect(documentKeyAction({ key: "ArrowLeft" }, true, inText)).toBeNull();
    expect(documentKeyAction({ key: "ArrowLeft" }, false, caret)).toEqual({ kind: "move", dir: "left" });
    expect(documentKeyAction({ key: "ArrowDown" }, true, inText)).toEqual({ kind: "move", dir: "down" });
    expect(documentKeyAction({ key: "Enter", isComposing: true }, true, caret)).toBeNull();
    expect(documentKeyAction({ key: "?" }, false, caret)).toEqual({ kind: "help" });
    expect(documentKeyAction({ key: "?" }, true, inText)).toBeNull();
  });
});
