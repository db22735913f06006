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

  it("reads cash rounding with no difference printed, and not a round note with its change", () => {
    const page = makePage([
      row(300, "Xqwe", "18.00"),
      row(320, "Vbnm", "23.43"),
      row(400, "Kopa", "41.43"),
      row(440, "Kopa", "41.45"),
      row(460, "Nuda", "51.50"),
      row(480, "Atlikums", "10.05"),
    ]);
    const f = totalCandidates([analyzePage(page)], { labelled: {} }).map((x) => x.features);
    expect([f[2]?.round_below, f[3]?.round_above]).toEqual([1, 1]);
    // 19.99 paid with a 20.00 note leaving 0.01: the note is no rounding of the total
    const note = makePage([row(300, "Xqwe", "19.99"), row(400, "Kopa", "19.99"), row(420, "Nuda", "20.00"), row(440, "Atlikums", "0.01")]);
    const g = totalCandidates([analyzePage(note)], { labelled: {} }).map((x) => x.features);
    expect(g.every((x) => x.round_above === 0 && x.round_below === 0)).toBe(true);
  });

  it("takes the payment lines as magnitudes on two rows, gives a zero no support and a code no candidacy", () => {
    const page = makePage([
      row(300, "Xqwe", "5.75"),
      row(400, "Kopa", "5.75"),
      row(420, "Nuda", "-50.00"),
      row(440, "Atlikums", "44.25"),
      row(460, "Xx", "0.00"),
      row(470, "Yy", "0.00"),
      row(480, "Zz", "00600716244045891 ¥"),
    ]);
    const c = totalCandidates([analyzePage(page)], { labelled: {} });
    const total = c[1]!;
    expect([total.features.s_pay_next, total.features.s_cash_change]).toEqual([1, 1]);
    const zeros = c.filter((x) => x.features.zero === 1);
    expect(zeros.length).toBeGreaterThan(0);
    expect(zeros.every((x) => !x.features.s_repeat_below && !x.features.s_repeat_above && !x.features.s_cash_change && !x.features.next_eq)).toBe(true);
    expect(c.some((x) => /\d{10}/.test(x.text))).toBe(false);
    // a tax summary row (tax, net, gross): gross − net = tax is no payment
    const summary = makePage([
      row(300, "Xqwe", "23.51"),
      {
        y: 500,
        runs: [["Ab", 60] as [string, number], ["2.84", 300] as [string, number], ["20.67", 450] as [string, number], ["23.51", 600] as [string, number]],
      },
    ]);
    const s = totalCandidates([analyzePage(summary)], { labelled: {} });
    expect(s.find((x) => x.text === "2.84")?.features.s_pay_next).toBe(0);
  });

  it("marks a whole-unit amount just above the bill as cash handed over, with no change line read", () => {
    const page = makePage([row(300, "Xqwe", "14.20"), row(320, "Vbnm", "14.20"), row(400, "Kopa", "28.40"), row(440, "Nuda", "50.00")]);
    const f = Object.fromEntries(totalCandidates([analyzePage(page)], { labelled: {} }).map((x) => [x.text, x.features]));
    expect(f["50.00"]?.tender_over).toBe(1);
    expect(f["28.40"]?.tender_over).toBe(0);
    // a whole-unit total above whole-unit prices, or a note more than twice the bill, is no sign of tendering
    const whole = makePage([row(300, "Xqwe", "10.00"), row(320, "Vbnm", "11.00"), row(400, "Kopa", "21.00"), row(440, "Nuda", "100.00")]);
    const g = totalCandidates([analyzePage(whole)], { labelled: {} }).map((x) => x.features);
    expect(g.every((x) => x.tender_over === 0)).toBe(true);
  });

  it("derives no payment total in place of a print the page repeats", () => {
    // 10.90 printed three times; 20.00 − 9.70 = 10.30 is one digit off it, but two prints are not misread alike
    const page = makePage([
      row(200, "Xqwe", "9.12"),
      row(300, "Kopa", "10.90"),
      row(320, "Nuda", "20.00"),
      row(340, "Atlikums", "9.70"),
      row(400, "Kopa", "10.90"),
      row(500, "Plok", "10.90"),
    ]);
    const c = totalCandidates([analyzePage(page)], { labelled: {} });
    expect(c.some((x) => x.features.derived === 1)).toBe(false);
  });

  it("adds a credit to a bill, and no two credits", () => {
    // a subtotal and a discount line: 20.00 + (−2.50) = 17.50; a returns section's total below zero and a sales
    // section's: −4.65 + 30.01 = 25.36; two credits (−1.00 + −2.50) make no bill
    const page = makePage([
      row(300, "Kopa", "20.00"),
      row(320, "Atlaide", "-2.50"),
      row(340, "Maksa", "17.50"),
      row(360, "Xx", "-1.00"),
      row(380, "Yy", "-3.50"),
      row(400, "Sekcija", "-4.65"),
      row(420, "Sekcija", "30.01"),
      row(440, "Maksa", "25.36"),
    ]);
    const f = Object.fromEntries(totalCandidates([analyzePage(page)], { labelled: {} }).map((x) => [x.text, x.features]));
    expect(f["17.50"]?.pair_sum_above).toBe(1);
    expect(f["25.36"]?.pair_sum_above).toBe(1);
    expect(f["-3.50"]?.pair_sum_above).toBe(0);
  });

  it("reads a labelled total read below zero as the bill the cash and change under it pay, never as a sure print", () => {
    const page = makePage([
      row(300, "Xqwe", "29.90"),
      row(320, "Vbnm", "8.90"),
      row(400, "TOTAL", "RM-38.80"),
      row(420, "CASH", "RM 50.00"),
      row(440, "CHANGE", "RM 11.20"),
    ]);
    const layouts = [analyzePage(page)];
    const printed = totalCandidates(layouts, { labelled: {} }).find((x) => x.value === -38.8)!;
    const total = [{ text: printed.text, page: 0, wordIds: printed.wordIds, score: 0.9 }];
    const d = totalCandidates(layouts, { labelled: { total } }).filter((x) => x.features.derived === 1);
    expect(d.map((x) => [x.text, x.value, x.features.neg])).toEqual([["RM38.80", 38.8, 0]]);
    expect(d[0]!.wordIds).toEqual(printed.wordIds);
    // unlabelled, or a returns section's total followed by the sales total and the net (not cash handed over): nothing
    expect(totalCandidates(layouts, { labelled: {} }).some((x) => x.features.derived === 1)).toBe(false);
    const returns = makePage([row(300, "Total", "-3.21"), row(320, "Total", "23.42"), row(340, "Total", "20.21")]);
    const r = analyzePage(returns);
    const neg = totalCandidates([r], { labelled: {} }).find((x) => x.value < 0)!;
    const labelled = { total: [{ text: neg.text, page: 0, wordIds: neg.wordIds, score: 0.9 }] };
    expect(totalCandidates([r], { labelled }).some((x) => x.features.derived === 1)).toBe(false);
  });

  it("reads a breakdown whose rows each close across as the rows', and their grosses added up as the bill", () => {
    // net, tax and gross per rate under the bill; each row's own sum is not the bill, their grosses add up to it
    const cols = (y: number, label: string, net: string, tax: string, gross: string) => ({
      y,
      runs: [[label, 60] as [string, number], [net, 300] as [string, number], [tax, 450] as [string, number], [gross, 600] as [string, number]],
    });
    const lines = [row(200, "Xqwe", "20.00"), row(220, "Vbnm", "15.00"), row(300, "Kopa", "36.20")];
    const page = makePage([...lines, cols(400, "Ab", "27.45", "1.92", "29.37"), cols(420, "Cd", "5.74", "1.09", "6.83")]);
    const f = totalCandidates([analyzePage(page)], { labelled: {} });
    const at = (t: string) => f.find((x) => x.text === t)!.features;
    expect([at("29.37").s_sum_above, at("29.37").pair_sum_above, at("6.83").s_sum_above]).toEqual([0, 0, 0]);
    expect(at("36.20").s_sum_above).toBe(1);
    // the breakdown's own sum row is the bill's total; one row closing across alone may be the totals line: both keep theirs
    const summed = makePage([
      ...lines,
      cols(400, "Ab", "27.45", "1.92", "29.37"),
      cols(420, "Cd", "5.74", "1.09", "6.83"),
      cols(440, "Ef", "33.19", "3.01", "36.20"),
    ]);
    const s = totalCandidates([analyzePage(summed)], { labelled: {} }).filter((x) => x.value === 36.2);
    expect(s.map((x) => x.features.s_sum_above)).toEqual([1, 1]);
    // a sum row under one category row and rows of zeros
    const zeros = makePage([
      ...lines.slice(0, 2),
      cols(400, "Ab", "34.00", "2.20", "36.20"),
      cols(420, "Cd", "0.00", "0.00", "0.00"),
      cols(440, "Ef", "34.00", "2.20", "36.20"),
    ]);
    expect(totalCandidates([analyzePage(zeros)], { labelled: {} }).at(-1)?.features.s_sum_above).toBe(1);
    const single = makePage([...lines.slice(0, 2), cols(400, "Ab", "34.00", "2.20", "36.20")]);
    expect(totalCandidates([analyzePage(single)], { labelled: {} }).find((x) => x.text === "36.20")?.features.s_sum_above).toBe(1);
  });

  it("gives subtotal + tax = total nothing to confirm on the subtotal's own print when the tax is zero", () => {
    const page = makePage([row(300, "Kopa", "45.28"), row(320, "Nodoklis", "0.00"), row(340, "Maksa", "48.00"), row(360, "Xx", "45.28")]);
    const layouts = [analyzePage(page)];
    const c = totalCandidates(layouts, { labelled: {} });
    const pick = (t: string, k = 0) => c.filter((x) => x.text === t)[k]!;
    const sub = pick("45.28");
    const tax = pick("0.00");
    const labelled = {
      subtotal: [{ text: sub.text, page: 0, wordIds: sub.wordIds, score: 0.9, value: 45.28 }],
      tax: [{ text: tax.text, page: 0, wordIds: tax.wordIds, score: 0.9, value: 0 }],
    };
    const f = totalCandidates(layouts, { labelled }).filter((x) => x.text === "45.28");
    // the subtotal's print confirms nothing; the same amount printed elsewhere still equals subtotal + tax
    expect(f.map((x) => x.features.eq_subtax)).toEqual([0, 1]);
  });
});
