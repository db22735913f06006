import { describe, expect, it } from "vitest";
import { type ReceiptLine, receipt } from "../memory/receipt.test-helpers";
import { getTemplate } from "../templates";
import { splitYear } from "./candidates";
import { createRulesExtractor } from "./rules";
import { lines, size } from "./till-receipt.test-helpers";
import type { RawValue } from "./types";

describe("a card's last four digits", () => {
  const fields = getTemplate("receipt")?.fields ?? [];
  const last4 = async (extra: ReceiptLine[]) =>
    ((await createRulesExtractor().extract(receipt(lines("-0.02", extra), size), fields)).fields.card_last4 as RawValue | null)?.text ?? null;

  it("never come from a cash receipt's date or a bare number without card evidence", async () => {
    // the year OCR split off the date ("15/01/ | 2018"), and a bare "2018" on a line of its own
    expect(await last4([])).toBeNull();
    expect(await last4([[460, [["2018", 260, 310]]]])).toBeNull();
  });

  it("come from a masked card number anywhere, or four digits beside a card label on their line", async () => {
    expect(await last4([[460, [["************4321", 200, 400]]]])).toBe("4321");
    expect(await last4([[460, [["XXXX XXXX XXXX 8765", 200, 440]]]])).toBe("8765");
    expect(
      await last4([
        [
          460,
          [
            ["VISA", 20, 80],
            ["6258", 480, 540],
          ],
        ],
      ]),
    ).toBe("6258");
    // under the label, bare digits belong to another line
    expect(
      await last4([
        [460, [["VISA", 20, 80]]],
        [490, [["6258", 20, 80]]],
      ]),
    ).toBeNull();
  });

  it("a run that ends a date the runs before it start is its year", () => {
    expect(splitYear(["15/01/", "2018"])).toBe(true);
    expect(splitYear(["15 Jan", "2018"])).toBe(true);
    expect(splitYear(["VISA", "2018"])).toBe(false);
    expect(splitYear(["2018"])).toBe(false);
  });
});
