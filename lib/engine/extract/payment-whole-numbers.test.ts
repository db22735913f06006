import { describe, expect, it } from "vitest";
import { type ReceiptLine, receipt } from "../memory/receipt.test-helpers";
import { getTemplate } from "../templates";
import { createRulesExtractor } from "./rules";
import { lines, size } from "./till-receipt.test-helpers";
import type { RawValue } from "./types";

const fields = getTemplate("receipt")?.fields ?? [];
const read = async (all: ReceiptLine[]) => {
  const raw = (await createRulesExtractor().extract(receipt(all, size), fields)).fields;
  return (f: string) => (raw[f] as RawValue | null)?.text ?? null;
};
const row = (y: number, label: string, value: string): ReceiptLine => [
  y,
  [
    [label, 20, 200],
    [value, 540 - 12 * value.length, 540],
  ],
];

describe("a payment amount on a page that prints cents", () => {
  it("is no whole number (a year, a count): the cash line keeps no value rather than a stray one", async () => {
    // the sums of the made-up till receipt (52.00 + 3.12, rounding -0.02, total 55.10) print cents
    const base = lines("-0.02").filter(([y]) => y < 380);
    const text = await read([...base, row(380, "CASH :", "2017"), row(410, "CHANGE :", "10")]);
    expect(text("cash_tendered")).toBeNull();
    expect(text("change")).toBeNull();
    expect(text("total")).toBe("55.10");
  });

  it("keeps its zero however printed, and whole numbers where the currency has no minor unit or no amount prints cents", async () => {
    const base = lines("-0.02").filter(([y]) => y < 380);
    expect((await read([...base, row(380, "CASH :", "55.10"), row(410, "CHANGE :", "000")]))("change")).toBe("000");
    const yen = await read([
      [40, [["スーパーまるや", 120, 400]]],
      row(100, "小計", "¥1,980"),
      row(130, "消費税", "¥198"),
      row(160, "合計", "¥2,178"),
      row(190, "お預り", "¥3,000"),
      row(220, "お釣り", "¥822"),
    ]);
    expect([yen("cash_tendered"), yen("change")]).toEqual(["¥3,000", "¥822"]);
    const whole = await read([[40, [["CORNER SHOP", 120, 400]]], row(100, "TOTAL", "$45"), row(130, "CASH", "$50"), row(160, "CHANGE", "$5")]);
    expect([whole("cash_tendered"), whole("change")]).toEqual(["$50", "$5"]);
  });
});
