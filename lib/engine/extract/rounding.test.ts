import { describe, expect, it } from "vitest";
import { extractFromPages } from "../index";
import { receipt } from "../memory/receipt.test-helpers";
import { lines, size, value } from "./till-receipt.test-helpers";

describe("a till receipt's cash rounding", () => {
  it("is read with its sign, and closes the sum: no failed check", async () => {
    for (const printed of ["-0.02", "0.02-", "(0.02)"]) {
      const res = await extractFromPages(receipt(lines(printed), size), { templateId: "receipt" });
      expect(value(res, "rounding")).toBe(printed);
      expect(value(res, "total")).toBe("55.10");
      expect(res.issues.filter((i) => i.code === "total_sum")).toEqual([]);
    }
  });
});
