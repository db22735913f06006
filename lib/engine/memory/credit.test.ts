import { describe, expect, it } from "vitest";
import { learnField, remember } from "./learn";
import { recall } from "./recall";
import { receipt } from "./receipt.test-helpers";
import type { SupplierMemory } from "./types";

// A made-up supplier's invoice: "Gross total" with the amount beside it; its credit note prints a negative one there.
const invoice = (total: string) =>
  receipt(
    [
      [
        600,
        [
          ["Gross", 100, 180],
          ["total", 190, 260],
          [total, 500, 500 + 14 * total.length],
        ],
      ],
    ],
    { width: 1000, height: 1000 },
  );

const scalars = new Map([["total", "number"]]);
const memory = ["19.58", "45.10", "12.70"].reduce((m, t, i) => remember(m, learnField(invoice(t), "total", t, 0, `doc-${i}`)!), {
  entries: [],
} as SupplierMemory);
const credit = invoice("-8.79");
const reading = (text: string) => ({ fields: { total: { text, page: 0, wordIds: [credit[0]!.words[2]!.id], confidence: 0.8 } } });

describe("a credit note of a supplier whose reviewed invoices had positive totals", () => {
  it("has its negative total found at the remembered place", () => {
    const { raw, verdicts } = recall(credit, scalars, memory, { fields: {} });
    expect(raw.fields.total).toMatchObject({ text: "-8.79" });
    expect(verdicts[0]).toMatchObject({ kind: "picked", before: null });
  });

  it("agrees with the engine's signed reading", () => {
    expect(recall(credit, scalars, memory, reading("-8.79")).verdicts[0]).toMatchObject({ kind: "agree" });
  });

  it("does not back a reading that lost the sign: the place's signed amount is proposed as a disagreement", () => {
    const { raw, verdicts } = recall(credit, scalars, memory, reading("8.79"));
    expect(raw.fields.total).toMatchObject({ text: "-8.79" });
    expect(verdicts[0]).toMatchObject({ kind: "picked", disagreed: true });
  });
});
