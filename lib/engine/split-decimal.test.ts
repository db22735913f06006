import { describe, expect, it } from "vitest";
import { extractFromPages } from "./index";
import { receipt } from "./memory/receipt.test-helpers";

// A till receipt whose reader cut the total after its decimal point ("RM20." | "40", a monospaced cell's gap):
// the total is RM 20.40, found over both words, not RM 20 beside a stray 40.
// No line or payment on it adds up to the total, so no arithmetic can restore it: only the layout can.
const pages = receipt(
  [
    [40, [["KEDAI MAKMUR SDN BHD", 120, 480]]],
    [
      200,
      [
        ["ROTI", 20, 80],
        ["12.40", 400, 470],
      ],
    ],
    [
      280,
      [
        ["TOTAL", 20, 90],
        ["RM20.", 370, 440],
        ["40", 452, 476],
      ],
    ],
  ],
  { width: 600, height: 1200 },
);

describe("an amount cut after its decimal point", () => {
  it("is read whole, and located over both words", async () => {
    const res = await extractFromPages(pages, { templateId: "receipt" });
    const total = res.data.total;
    expect(total && "value" in total ? total.value : undefined).toBe("RM20.40");
    const v = total && "vertices" in total ? total.vertices : null;
    // From the left of "RM20." (370 px of 600) to the right of "40" (476 px).
    expect(v?.[0]?.x).toBeCloseTo((370 / 600) * 1000, -1);
    expect(v?.[1]?.x).toBeCloseTo((476 / 600) * 1000, -1);
  });
});
