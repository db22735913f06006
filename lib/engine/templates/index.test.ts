import { describe, expect, it } from "vitest";
import { fieldHints, getTemplate, templates } from "./index";

describe("templates", () => {
  it("ships invoice, delivery and receipt as FieldSpec lists", () => {
    expect(Object.keys(templates).sort()).toEqual(["delivery", "invoice", "receipt"]);
    const invoice = getTemplate("invoice");
    const names = invoice?.fields.map((f) => f.name) ?? [];
    for (const f of [
      "vendor",
      "vendor_address",
      "vendor_tax_id",
      "customer",
      "invoice_number",
      "issue_date",
      "due_date",
      "currency",
      "subtotal",
      "tax",
      "tax_10",
      "tax_8",
      "total",
      "line_items",
    ]) {
      expect(names).toContain(f);
    }
    expect(invoice?.fields.find((f) => f.name === "total")?.required).toBe(true);
    const items = invoice?.fields.find((f) => f.name === "line_items");
    expect(items?.type).toBe("array");
    expect(items?.children?.map((c) => c.name)).toEqual(expect.arrayContaining(["description", "quantity", "unit_price", "amount"]));
    expect(getTemplate("delivery")?.fields.map((f) => f.name)).toEqual(expect.arrayContaining(["delivery_no", "delivery_date"]));
    expect(getTemplate("receipt")?.fields.map((f) => f.name)).toContain("receipt_no");
  });

  it("returns undefined for unknown ids, including prototype keys", () => {
    expect(getTemplate("nope")).toBeUndefined();
    expect(getTemplate("toString")).toBeUndefined();
  });

  it("has a hint for every scalar template field", () => {
    for (const t of Object.values(templates)) {
      for (const f of t.fields) if (f.type !== "array") expect(fieldHints[f.name], f.name).toBeDefined();
    }
  });
});
