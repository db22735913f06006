import type { FieldSpec } from "../types";

/** A line-items FieldSpec for tests: `description` is text, every other column a number. */
export function lineItemsSpec(columns: string[] = ["description", "quantity", "unit_price", "amount"]): FieldSpec {
  return {
    name: "line_items",
    type: "array",
    children: columns.map((name) => ({ name, type: name === "description" ? "string" : "number" })),
  };
}
