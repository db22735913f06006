import { describe, expect, it } from "vitest";
import { amountForm, asReviewed, sameGrouping } from "./format";
import { learnPlaces, remember } from "./learn";
import { recall } from "./recall";
import { type ReceiptLine, receipt } from "./receipt.test-helpers";
import type { SupplierMemory } from "./types";

type Words = ReceiptLine[1];
/** A till receipt whose total line prints the amount as given (glued to its currency, or beside it). */
const till = (total: Words) =>
  receipt(
    [
      [
        40,
        [
          ["KEDAI", 150, 250],
          ["MAKMUR", 260, 380],
        ],
      ],
      [
        200,
        [
          ["ITEM", 20, 80],
          ["9.90", 400, 470],
        ],
      ],
      [260, [["TOTAL", 20, 90], ...total]],
      [
        300,
        [
          ["CASH", 20, 80],
          ["50.00", 400, 470],
        ],
      ],
    ],
    { width: 600, height: 1200 },
  );

/** What one reviewed receipt teaches about the total, and what memory then proposes on the next one. */
function next(printed: Words, typed: string, later: Words): string | null {
  let memory: SupplierMemory = { entries: [] };
  for (const e of learnPlaces(till(printed), "total", typed, 0, "d1")) memory = remember(memory, e);
  const { raw } = recall(till(later), new Map([["total", "number"]]), memory, { fields: {} });
  const v = raw.fields.total;
  return v && !Array.isArray(v) ? v.text : null;
}

describe("an amount's format, learned from the page", () => {
  it("finds the next total however the reviewer wrote the currency the page prints", () => {
    // The page glues its currency to the number; the reviewer typed the number bare, or with another spacing.
    expect(next([["$41.45", 380, 470]], "41.45", [["$12.30", 380, 470]])).toBe("12.30");
    expect(next([["41,450円", 380, 470]], "41,450", [["12,300円", 380, 470]])).toBe("12,300");
    expect(next([["RM41.45", 370, 470]], "RM 41.45", [["RM12.30", 370, 470]])).toBe("RM 12.30");
    expect(
      next(
        [
          ["RM", 330, 360],
          ["41.45", 400, 470],
        ],
        "RM41.45",
        [
          ["RM", 330, 360],
          ["12.30", 400, 470],
        ],
      ),
    ).toBe("RM12.30");
  });

  it("writes the reviewers' currency marks only where the page prints the same or none", () => {
    expect(asReviewed("¥12,300", "￥41,450")).toBe("￥12,300");
    expect(asReviewed("12.30", "$41.45")).toBe("$12.30");
    expect(asReviewed("€12.30", "$41.45")).toBe("€12.30");
    expect(asReviewed("RM 12.30", "41.45")).toBe("12.30");
  });

  it("keeps a sign or brackets with the number, never as a convention", () => {
    expect(amountForm("RM -41.45")).toEqual({ before: "RM ", core: "-41.45", after: "" });
    expect(amountForm("(RM 41.45)")).toBeUndefined();
    expect(amountForm("TOTAL 41.45")).toBeUndefined();
    expect(amountForm("9.90 12.30")).toBeUndefined();
  });

  it("takes numbers grouped by spaces for an amount only where the supplier's was so grouped or large", () => {
    // A quantity beside a unit price reads as one space-grouped number.
    expect(sameGrouping("24 120.00", "$228.50")).toBe(false);
    expect(sameGrouping("24 120.00", "5,941.01")).toBe(false);
    expect(sameGrouping("1 234,56", "2 345,00")).toBe(true);
    expect(sameGrouping("1 234,56", "2345,00")).toBe(true);
    expect(sameGrouping("6,120.00", "5941.01")).toBe(true);
  });
});
