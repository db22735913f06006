import { describe, expect, it } from "vitest";
import { analyzePage } from "../../layout/rows";
import { makePage } from "../../layout/testing";
import { emphasisOf } from "./emphasis";
import { totalCandidates } from "./total";

// A frozen till receipt in no lexicon language: items, a double-height total, the payment lines.
const row = (y: number, label: string, amount: string, h = 12) => ({ y, h, runs: [[label, 60] as [string, number], [amount, 600] as [string, number]] });

describe("emphasis of a total candidate among the page's amounts", () => {
  it("marks the double-height total, and only it", () => {
    const page = makePage([
      row(200, "Xqwe", "2.49"),
      row(220, "Vbnm", "11.90"),
      row(240, "Plok", "1.19"),
      row(280, "Kopa", "15.58", 26),
      row(320, "Skaidra", "20.00"),
      row(340, "Atlikums", "4.42"),
    ]);
    const c = totalCandidates([analyzePage(page)], { labelled: {} });
    const byText = Object.fromEntries(c.map((x) => [x.text, x.features]));
    expect(byText["15.58"]?.emph).toBe(1);
    expect(byText["15.58"]?.tallest_amt).toBe(1);
    expect(byText["15.58"]?.h_amt).toBeGreaterThan(2);
    for (const t of ["2.49", "11.90", "1.19", "20.00", "4.42"]) {
      expect(byText[t]?.emph).toBe(0);
      expect(byText[t]?.tallest_amt).toBe(0);
      expect(byText[t]?.h_amt).toBeCloseTo(1, 5);
    }
  });

  it("sees no emphasis where every amount is a little taller than the words around it", () => {
    // digits at 14 beside 12-high words: the page-wide is_tallest fires on this, the amounts' own scale does not
    const page = makePage([
      { y: 100, h: 12, runs: [["lorem ipsum dolor", 60]] },
      { y: 120, h: 12, runs: [["sit amet consectetur", 60]] },
      { y: 140, h: 12, runs: [["adipiscing elit sed", 60]] },
      { y: 160, h: 12, runs: [["do eiusmod tempor", 60]] },
      row(200, "Xqwe", "2.49", 14),
      row(220, "Vbnm", "11.90", 14),
      row(240, "Kopa", "14.39", 15),
    ]);
    const c = totalCandidates([analyzePage(page)], { labelled: {} });
    expect(c.find((x) => x.text === "14.39")?.features.is_tallest).toBe(1);
    expect(c.every((x) => x.features.emph === 0 && x.features.tallest_amt === 0)).toBe(true);
  });

  it("takes the scale from the money amounts only and ignores emphasis on anything else", () => {
    // a quantity or weight printed large is no emphasised money amount, and does not set the scale
    const f = emphasisOf([10, 10, 10, 40, 21], [true, true, true, false, true]);
    expect(f.map((x) => x.emph)).toEqual([0, 0, 0, 0, 1]);
    expect(f.map((x) => x.tallest_amt)).toEqual([0, 0, 0, 0, 1]);
    expect(f[3]?.h_amt).toBe(3);
    expect(emphasisOf([], [])).toEqual([]);
  });
});
