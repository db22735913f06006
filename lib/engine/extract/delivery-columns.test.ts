import { describe, expect, it } from "vitest";
import { makePage } from "../layout/testing";
import { getTemplate } from "../templates";
import { createRulesExtractor } from "./rules";
import type { RawValue } from "./types";

const text = (v: unknown) => (v as RawValue | null)?.text;

// A delivery note whose table has both an ordered and a delivered quantity column.
const page = makePage([
  { y: 40, runs: [["Northwind Supplies Ltd.", 60]], h: 20 },
  {
    y: 70,
    runs: [
      ["4 Dock Road", 60],
      ["Delivery Note No:", 560],
      ["DN-7731", 760],
    ],
  },
  {
    y: 85,
    runs: [
      ["Leeds LS1 4AP", 60],
      ["Delivery Date:", 560],
      ["2026-11-21", 760],
    ],
  },
  {
    y: 100,
    runs: [
      ["Customer No:", 560],
      ["C-20417", 760],
    ],
  },
  {
    y: 115,
    runs: [
      ["Order Reference:", 560],
      ["PO-88120", 760],
    ],
  },
  { y: 150, runs: [["Ship To", 60]] },
  { y: 165, runs: [["Harbour Café", 60]] },
  { y: 180, runs: [["9 Quay Street", 60]] },
  { y: 195, runs: [["Hull HU1 1AA", 60]] },
  {
    y: 250,
    runs: [
      ["Item Code", 60],
      ["Description", 200],
      ["Ordered", 560],
      ["Delivered", 720],
    ],
  },
  {
    y: 270,
    runs: [
      ["A-100", 60],
      ["Paper cups", 200],
      ["12", 560],
      ["10", 720],
    ],
  },
  {
    y: 290,
    runs: [
      ["B-220", 60],
      ["Lids", 200],
      ["6", 560],
      ["6", 720],
    ],
  },
]);

describe("delivery-note template", () => {
  it("reads ordered vs delivered quantity, the customer number and the order reference", async () => {
    const out = await createRulesExtractor().extract([page], getTemplate("delivery")?.fields ?? []);
    expect(text(out.fields.delivery_no)).toBe("DN-7731");
    expect(text(out.fields.customer_number)).toBe("C-20417");
    expect(text(out.fields.order_number)).toBe("PO-88120");
    expect(text(out.fields.ship_to_address)).toMatch(/9 Quay Street/);
    const items = out.fields.line_items as { cells: Record<string, RawValue | null> }[];
    expect(items.map((r) => [r.cells.item_code?.text, r.cells.quantity_ordered?.text, r.cells.quantity_delivered?.text])).toEqual([
      ["A-100", "12", "10"],
      ["B-220", "6", "6"],
    ]);
  });
});
