import { describe, expect, it } from "vitest";
import { perDocument, templates } from "../templates";
import type { FieldSpec } from "../types";
import { learnField, remember } from "./learn";
import { recall } from "./recall";
import { type ReceiptLine, receipt } from "./receipt.test-helpers";

// An invoice of a made-up supplier: "Invoice No." with its number, and a line that may refer to an earlier invoice.
const invoice = (number: string, reference?: string) =>
  receipt(
    [
      [
        100,
        [
          ["Invoice", 100, 200],
          ["No.", 210, 250],
          [number, 300, 300 + 14 * number.length],
        ],
      ],
      ...(reference
        ? [
            [
              400,
              [
                ["Credit", 100, 180],
                ["for", 190, 230],
                [reference, 240, 240 + 14 * reference.length],
              ],
            ] satisfies ReceiptLine,
          ]
        : []),
    ],
    { width: 1000, height: 1000 },
  )[0]!;

const scalars = new Map([["invoice_number", "string"]]);
const memory = remember({ entries: [] }, learnField([invoice("INV-2041")], "invoice_number", "INV-2041", 0, "doc-1")!);
// The next invoice prints its own number at the remembered place and the reviewed one in a reference line; the engine
// read neither (no value), so memory decides alone.
const next = invoice("INV-2057", "INV-2041");

describe("a field every document has its own value of (an invoice number)", () => {
  it("is looked up at its remembered place, never as the text a reviewer gave", () => {
    const { raw } = recall([next], scalars, memory, { fields: {} }, { perDocument: new Set(["invoice_number"]) });
    expect(raw.fields.invoice_number).toMatchObject({ text: "INV-2057" });
  });

  it("unmarked, the reviewed number printed again is taken for the supplier's constant text (what the mark prevents)", () => {
    const { raw, verdicts } = recall([next], scalars, memory, { fields: {} });
    expect(raw.fields.invoice_number).toMatchObject({ text: "INV-2041" });
    expect(verdicts[0]).toMatchObject({ kind: "picked", exact: true });
  });

  it("is named by the built-in templates, whose fields carry no key the contract lacks; a field's own mark wins", () => {
    const invoice = templates.invoice!.fields;
    expect(invoice.filter(perDocument).map((f) => f.name)).toEqual(["invoice_number", "order_number"]);
    expect(templates.receipt!.fields.filter(perDocument).map((f) => f.name)).toEqual(["receipt_no", "transaction_time", "card_last4"]);
    expect(invoice.some((f) => "perDocument" in f)).toBe(false);
    const custom: FieldSpec = { name: "invoice_number", type: "string" };
    expect(perDocument(custom)).toBe(true);
    expect(perDocument({ ...custom, perDocument: false })).toBe(false);
    expect(perDocument({ name: "vendor", type: "string" })).toBe(false);
    expect(perDocument({ name: "customer_number", type: "string" })).toBe(false);
  });
});
