import { describe, expect, it } from "vitest";
import type { FieldResult, FieldValue } from "../types";
import { arithmeticSupport } from "./arith";
import { derive } from "./derive";
import { documentSignals, pinned, type ValueRef } from "./document";

const v = (value: string): FieldValue => ({ value, bbox: null, vertices: null, match_ratio: 1, bbox_source: "vision_symbol_match", page: 0 });
const row = (q: string, p: string, a: string) => ({ field_bboxes: { quantity: v(q), unit_price: v(p), amount: v(a) } });
const refs = (data: Record<string, FieldResult>): ValueRef[] =>
  Object.entries(data).flatMap(([name, r]): ValueRef[] =>
    "bbox" in r
      ? [{ path: name, spec: { name, type: "number" }, inLine: false }]
      : r.value.flatMap((_, i) =>
          ["quantity", "unit_price", "amount"].map((k) => ({ path: `${name}.${i}.${k}`, spec: { name: k, type: "number" as const }, inLine: true })),
        ),
  );
const signals = (data: Record<string, FieldResult>) => documentSignals([], refs(data), arithmeticSupport(data));

describe("totals pinned by two relations", () => {
  const invoice = (): Record<string, FieldResult> => ({
    subtotal: v("400.00"),
    tax: v("80.00"),
    total: v("480.00"),
    line_items: { value: [row("2", "50.00", "100.00"), row("3", "100.00", "300.00")] },
  });

  it("pins the totals of a document whose sum and Σ lines both hold", () => {
    const s = signals(invoice());
    expect(s).toMatchObject({ closed: 1, pinned: 1 });
  });

  it("does not pin a total only subtotal + tax = total holds: two misread numbers can still add up", () => {
    const d = invoice();
    delete d.line_items;
    expect(signals(d)).toMatchObject({ closed: 1, pinned: 0 });
    // a printed rate that holds is the second relation
    expect(signals({ ...d, tax_rate: v("20 %") })).toMatchObject({ closed: 1, pinned: 1 });
  });

  it("pins a total Σ lines holds over rows that each add up, without a subtotal", () => {
    const d: Record<string, FieldResult> = { total: v("400.00"), line_items: invoice().line_items! };
    expect(pinned(arithmeticSupport(d).relations)).toBe(true);
    // a row without its quantity and price: nothing holds its amount but the Σ
    const bare: Record<string, FieldResult> = {
      total: v("400.00"),
      line_items: { value: [row("2", "50.00", "100.00"), { field_bboxes: { amount: v("300.00") } }] },
    };
    expect(pinned(arithmeticSupport(bare).relations)).toBe(false);
  });

  it("pins nothing on a document one of whose relations fails", () => {
    const d = { ...invoice(), subtotal: v("450.00"), total: v("530.00"), tax: v("80.00") };
    expect(signals(d)).toMatchObject({ closed: 0, pinned: 0 });
  });

  it("counts a pinned total's print sure only when its letters are sure and no sign has a full-width twin", () => {
    const base = { sum_pinned: 1, ocr_sure: 1, char_below_90: 0, tight_space: 0, width_twin: 0 };
    expect(derive(base).sum_sure).toBe(1);
    expect(derive({ ...base, tight_space: 1 }).sum_sure).toBe(0);
    expect(derive({ ...base, ocr_sure: 0 }).sum_sure).toBe(0);
    expect(derive({ ...base, ocr_sure: 0, text_layer: 1 }).sum_sure).toBe(1);
    expect(derive({ ...base, width_twin: 1 }).sum_sure).toBe(0);
    expect(derive({ ...base, sum_pinned: 0 }).sum_sure).toBe(0);
    expect(derive({ ...base, receipt_shape: 1 }).rcpt_sum_sure).toBe(1);
  });

  it("counts a sure pinned value a total only when the ranker's sum supports it, off receipt-shaped pages", () => {
    const base = { sum_pinned: 1, ocr_sure: 1, char_below_90: 0, tight_space: 0, width_twin: 0, ev_sum: 1 };
    expect(derive(base).total_sure).toBe(1);
    expect(derive({ ...base, text_layer: 1 }).tl_total_sure).toBe(1);
    expect(derive({ ...base, ev_sum: 0 }).total_sure).toBe(0);
    expect(derive({ ...base, tight_space: 1 }).total_sure).toBe(0);
    expect(derive({ ...base, receipt_shape: 1 }).total_sure).toBe(0);
  });
});
