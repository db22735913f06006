import { describe, expect, it } from "vitest";
import { arithmeticSupport } from "../risk/arith";
import type { FieldResult, FieldSpec, FieldValue } from "../types";
import { checkInputs, validate } from "./index";

const v = (value: string | null): FieldValue => ({
  value,
  bbox: null,
  vertices: null,
  match_ratio: value === null ? 0 : 1,
  bbox_source: value === null ? null : "vision_symbol_match",
  page: 0,
});
const fields: FieldSpec[] = ["subtotal", "tax", "rounding", "total"].map((name) => ({ name, type: "number" as const }));
// A Malaysian till receipt: 52.00 + 6 % GST 3.12 = 55.12, rounded to the 5 sen coin: 55.10.
const receipt = (rounding: string | null, total = "55.10"): Record<string, FieldResult> => ({
  subtotal: v("52.00"),
  tax: v("3.12"),
  rounding: v(rounding),
  total: v(total),
});
const sums = (data: Record<string, FieldResult>) => validate(fields, data).filter((i) => i.code === "total_sum");

describe("a printed cash rounding", () => {
  it("closes subtotal + tax + rounding = total, however the till prints its sign", () => {
    for (const r of ["-0.02", "(0.02)", "0.02-", "-RM0.02"]) expect(sums(receipt(r))).toEqual([]);
    // the adjustment up: 4.88 → 4.90
    expect(sums({ subtotal: v("4.60"), tax: v("0.28"), rounding: v(".02"), total: v("4.90") })).toEqual([]);
  });

  it("is no tolerance: without the line, or with a rounding that does not close it, the sum fails and names the rounding", () => {
    const missing = sums(receipt(null));
    expect(missing.map((i) => [i.severity, i.message, i.fields])).toEqual([
      ["error", "subtotal 52.00 + tax 3.12 = 55.12 ≠ total 55.10", ["subtotal", "tax", "total"]],
    ]);
    const wrong = sums(receipt("0.02"));
    expect(wrong.map((i) => [i.message, i.fields])).toEqual([
      ["subtotal 52.00 + tax 3.12 + rounding 0.02 = 55.14 ≠ total 55.10", ["subtotal", "tax", "rounding", "total"]],
    ]);
    // a rounding beside the total before rounding: that total is not what was paid
    expect(sums(receipt("-0.02", "55.12"))).toHaveLength(1);
  });

  it("with a subtotal that includes the tax, closes subtotal + rounding = total: a warning, not a failure", () => {
    const included = sums({ subtotal: v("88.97"), tax: v("5.04"), rounding: v("-0.02"), total: v("88.95") });
    expect(included.map((i) => [i.severity, i.message])).toEqual([
      ["warning", "subtotal 88.97 + rounding -0.02 equals total 88.95: tax seems included, not added"],
    ]);
    expect(sums({ subtotal: v("2.56"), tax: v("0.15"), rounding: v("0.01-"), total: v("2.56") })[0]?.severity).toBe("warning");
  });

  it("is read by the sum check even when the sum did not name it (a reviewer may add the line)", () => {
    const [missing] = sums(receipt(null));
    expect(checkInputs(missing!)).toContain("rounding");
  });

  it("confirms the values of a sum it closes (the risk's arithmetic)", () => {
    const closed = arithmeticSupport(receipt("-0.02"));
    expect([...closed.confirmed].sort()).toEqual(["rounding", "subtotal", "tax", "total"]);
    expect(arithmeticSupport(receipt(null)).confirmed.size).toBe(0);
  });
});
