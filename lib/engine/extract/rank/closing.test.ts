import { describe, expect, it } from "vitest";
import { analyzePage } from "../../layout/rows";
import { makePage } from "../../layout/testing";
import { totalCandidates } from "./total";

// A frozen till receipt's closing block, labels in no lexicon language.
const row = (y: number, label: string, amount: string) => ({ y, runs: [[label, 60] as [string, number], [amount, 600] as [string, number]] });

describe("closing-block arithmetic for the total ranking", () => {
  it("marks the rounding, the unrounded amount, the zero and the payment line", () => {
    const page = makePage([
      row(300, "Xqwe", "7.65"),
      row(320, "Vbnm", "6.99"),
      row(400, "Kopa", "14.64"),
      row(420, "Apal", "0.01"),
      row(440, "Kopa Apal", "14.65"),
      row(460, "Nuda", "14.65"),
      row(480, "Atlikums", "0.00"),
    ]);
    const c = totalCandidates([analyzePage(page)], { labelled: {} });
    const f = Object.fromEntries(c.map((x, i) => [`${x.text}#${i}`, x.features]));
    expect(f["14.64#2"]?.unrounded).toBe(1);
    expect(f["14.64#2"]?.s_sum_above).toBe(1);
    expect(f["14.65#4"]?.rounded_of).toBe(1);
    expect(f["14.65#4"]?.next_eq).toBe(1);
    expect(f["0.00#6"]?.zero).toBe(1);
    expect(f["0.00#6"]?.rounded_of).toBe(0);
    expect(c.every((x) => x.features.derived === 0)).toBe(true);
  });

  it("derives the total the payment implies when its print is read one digit off", () => {
    const page = makePage([
      row(300, "Xqwe", "7.65"),
      row(320, "Vbnm", "6.99"),
      row(400, "Kopa", "14.85"),
      row(420, "Skaidra", "50.00"),
      row(440, "Atlikums", "35.35"),
    ]);
    const c = totalCandidates([analyzePage(page)], { labelled: {} });
    const d = c.filter((x) => x.features.derived === 1);
    expect(d.map((x) => [x.text, x.value])).toEqual([["14.65", 14.65]]);
    // it stands on the words of the misread print
    expect(d[0]!.wordIds).toEqual(c.find((x) => x.text === "14.85")!.wordIds);
    // an item line and its deposit (1.19 − 0.19 = 1.00 near a price 1.09) derive nothing
    const items = makePage([
      row(100, "Zucker", "0.89"),
      row(120, "Kase", "1.09"),
      row(140, "Sekt", "1.19"),
      row(160, "Pfand", "0.19"),
      row(400, "Summe", "10.90"),
    ]);
    expect(totalCandidates([analyzePage(items)], { labelled: {} }).some((x) => x.features.derived === 1)).toBe(false);
  });
});
