import { describe, expect, it } from "vitest";
import { type ReceiptLine, receipt } from "../memory/receipt.test-helpers";
import { getTemplate } from "../templates";
import { createRulesExtractor } from "./rules";
import { lines, size } from "./till-receipt.test-helpers";
import type { RawValue } from "./types";
import { findValue } from "./values";

describe("a payment amount", () => {
  const fields = getTemplate("receipt")?.fields ?? [];
  const read = async (top: ReceiptLine[], tail: ReceiptLine[] = []) => {
    const base = lines("-0.02").filter(([y]) => y >= 160 && y < 380);
    const raw = (await createRulesExtractor().extract(receipt([...top, ...base, ...tail], size), fields)).fields;
    const text = (f: string) => (raw[f] as RawValue | null)?.text ?? null;
    return { cash: text("cash_tendered"), change: text("change") };
  };

  it('is never the lone cents or a leading-zero fragment (the reader cut "RM .00" or "10. 00")', async () => {
    const got = await read(
      [[40, [["KEDAI BUKU MAJU SDN BHD", 120, 480]]]],
      [
        [
          380,
          [
            ["CASH RM", 20, 120],
            ["55.10", 480, 540],
          ],
        ],
        [
          410,
          [
            ["CHANGE RM", 20, 140],
            [".00", 500, 540],
          ],
        ],
      ],
    );
    expect(got).toEqual({ cash: "55.10", change: ".00" });
    expect(findValue("money", "CHANGE 10. 00")?.start).toBe(7);
    expect(findValue("money", " 00")).toBeUndefined();
  });

  it("is not a phone number's group, nor digits glued to a misread word, under or after a cash label", async () => {
    const got = await read([
      [40, [["SUPER CASH & CARRY SDN 3HD", 120, 480]]],
      [60, [["Cash Sale (Ara D'sara)", 20, 300]]],
      [80, [["TEL: 03-7832 6929", 20, 260]]],
    ]);
    expect(got).toEqual({ cash: null, change: null });
    expect(findValue("money", "TEL: 03-7832 6929")).toBeUndefined();
    // cents glued to a tax code are still an amount
    expect(findValue("money", "RM106.50s")).toMatchObject({ start: 0, end: 8 });
  });
});

describe("digits that are no amount", () => {
  it("a long ungrouped number without a currency mark, but three zeros are zero", () => {
    expect(findValue("money", "59581331715")).toBeUndefined();
    expect(findValue("money", "¥12345678")).toMatchObject({ start: 0 });
    // "0.00" read without its point ("CHANGE ~~ 000") is still the zero the payment lines need
    expect(findValue("money", "~~ 000")).toMatchObject({ start: 3, end: 6 });
  });
});
